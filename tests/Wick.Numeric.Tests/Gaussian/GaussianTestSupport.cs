using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using Wick.Numeric.MonteCarlo;

namespace Wick.Numeric.Tests.Gaussian;

/// <summary>Independent routes for checking Gaussian expectations: Monte Carlo with a fixed seed, and a 1-D trapezoid rule.</summary>
internal static class GaussianTestSupport
{
    /// <summary>Mean and standard error of f(z), z = L u ~ N(0, K), over <paramref name="samples"/> draws.</summary>
    public static (double Mean, double StdErr) Sampled(Func<double[], double> f, KernelMatrix k, int samples, ulong seed)
    {
        var rng = Xoshiro.ForStream(seed, 0);
        var l = k.Factor;
        var u = new double[Math.Max(1, k.Rank)];
        var z = new double[k.Size];
        double sum = 0, sum2 = 0;
        for (int s = 0; s < samples; s++)
        {
            rng.FillNormals(u);
            for (int a = 0; a < k.Size; a++)
            {
                double v = 0;
                for (int j = 0; j < k.Rank; j++) v += l[a, j] * u[j];
                z[a] = v;
            }
            double x = f(z);
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / samples;
        return (mean, Math.Sqrt(Math.Max(sum2 / samples - mean * mean, 0) / (samples - 1)));
    }

    /// <summary>f(z) of a body by direct evaluation (σ' of a kink by its slope, σ'' refused).</summary>
    public static Func<double[], double> Direct(GaussianBody body, Activation sigma) => z =>
    {
        double sum = 0;
        foreach (var t in body.Terms)
        {
            double p = t.Coefficient;
            foreach (var f in t.Factors)
                p *= f.Kind == BodyFactorKind.Preactivation ? z[f.Input] : sigma.Compiled(f.Order)(z[f.Input]);
            sum += p;
        }
        return sum;
    };

    /// <summary>E[g(z)], z ~ N(0, v), by the trapezoid rule with step h on [−12√v, 12√v] (spectrally accurate for analytic g).</summary>
    public static double Trapezoid(Func<double, double> g, double v, double h = 0.01)
    {
        double s = Math.Sqrt(v), sum = 0;
        int n = (int)(12 / h);
        for (int i = -n; i <= n; i++)
        {
            double u = i * h;
            sum += g(s * u) * Math.Exp(-u * u / 2);
        }
        return sum * h / Math.Sqrt(2 * Math.PI);
    }

    public static KernelMatrix K(double[,] k) => new(k);
}
