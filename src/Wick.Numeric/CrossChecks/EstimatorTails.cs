using Wick.Numeric.ClosedForms;
using Wick.Numeric.Networks;

namespace Wick.Numeric.CrossChecks;

/// <summary>
/// Exact moments of the neural-averaged estimator ĝ_{2m} = (1/n) Σ_i z_i^{2m}/(2m−1)!! of one sampled network
/// (deep linear, no bias, one input), from the closed forms alone: z^{(ℓ)} is isotropic, z = √R u with u uniform
/// on the sphere, so E[Π_i u_i^{2a_i}] = Π(2a_i−1)!! / [n(n+2)…(n+2A−2)] and E[R^j] = n(n+2)…(n+2j−2) G_{2j}^{(ℓ)}
/// (3.47). They say how heavy-tailed ĝ_{2m} is — for deep, narrow networks G_8 is dominated by rare networks — and
/// so whether a z-test on N samples is honest: the skewness of the sample mean, γ₁/√N, must be small.
/// </summary>
public static class EstimatorTails
{
    /// <summary>ln E[ĝ^k] for k = 1, 2, 3.</summary>
    public static double LogRawMoment(int k, int m, int layer, WidthProfile widths, double cw, double g0)
    {
        int n = widths[layer];
        double logR = LogRising(n, k * m) + DeepLinearClosedForms.LogG(k * m, layer, widths, cw, g0);
        double sphere = k switch
        {
            1 => n * Sphere(n, m),
            2 => n * Sphere(n, 2 * m) + (double)n * (n - 1) * Sphere(n, m, m),
            3 => n * Sphere(n, 3 * m) + 3.0 * n * (n - 1) * Sphere(n, 2 * m, m) + (double)n * (n - 1) * (n - 2) * Sphere(n, m, m, m),
            _ => throw new ArgumentOutOfRangeException(nameof(k), k, "Moments 1 to 3."),
        };
        return logR + Math.Log(sphere) - k * (Math.Log(n) + LogDoubleFactorial(2 * m - 1));
    }

    /// <summary>Relative variance Var(ĝ)/E[ĝ]² of one network's estimate.</summary>
    public static double RelativeVariance(int m, int layer, WidthProfile widths)
    {
        double l1 = LogRawMoment(1, m, layer, widths, 1, 1), l2 = LogRawMoment(2, m, layer, widths, 1, 1);
        return Math.Exp(l2 - 2 * l1) - 1;
    }

    /// <summary>Skewness γ₁ of one network's estimate (scale-free: C_W and G^{(0)} drop out).</summary>
    public static double Skewness(int m, int layer, WidthProfile widths)
    {
        double l1 = LogRawMoment(1, m, layer, widths, 1, 1);
        double r2 = Math.Exp(LogRawMoment(2, m, layer, widths, 1, 1) - 2 * l1);
        double r3 = Math.Exp(LogRawMoment(3, m, layer, widths, 1, 1) - 3 * l1);
        double variance = r2 - 1;
        return (r3 - 3 * r2 + 2) / Math.Pow(variance, 1.5);
    }

    /// <summary>Skewness of the mean of N networks, γ₁/√N.</summary>
    public static double SkewnessOfMean(int m, int layer, WidthProfile widths, long samples) =>
        Skewness(m, layer, widths) / Math.Sqrt(samples);

    /// <summary>E[Π u_i^{2a_i}] on the unit sphere in n dimensions.</summary>
    private static double Sphere(int n, params int[] a)
    {
        double log = -LogRising(n, a.Sum());
        foreach (int ai in a) log += LogDoubleFactorial(2 * ai - 1);
        return Math.Exp(log);
    }

    /// <summary>ln n(n+2)…(n+2j−2).</summary>
    private static double LogRising(int n, int j)
    {
        double s = 0;
        for (int i = 0; i < j; i++) s += Math.Log(n + 2.0 * i);
        return s;
    }

    private static double LogDoubleFactorial(int k)
    {
        double s = 0;
        for (int i = k; i > 1; i -= 2) s += Math.Log(i);
        return s;
    }
}
