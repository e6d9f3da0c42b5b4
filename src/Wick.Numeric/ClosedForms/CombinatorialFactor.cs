using System.Numerics;
using MathNet.Numerics;
using Wick.Algebra;

namespace Wick.Numeric.ClosedForms;

/// <summary>
/// The combinatorial factor of the single-input deep linear recursion (3.45)–(3.46):
/// c_{2m}(n) = Π_{k=1}^{m−1} (1 + 2k/n) = (2/n)^m Γ(n/2 + m) / Γ(n/2).
/// </summary>
/// <remarks>
/// Evaluated in log space so that n up to 10^9 and m up to 10^3 (and beyond) neither overflow nor lose
/// precision: for moderate m the product is summed as Σ log1p(2k/n), which has no cancellation however large n
/// is; only for very large m (where the O(m) sum is slow) the log-Gamma difference of (3.46) is used, and only
/// when n is small enough that the difference lnΓ(n/2+m) − lnΓ(n/2) − m ln(n/2) does not cancel badly.
/// </remarks>
public static class CombinatorialFactor
{
    /// <summary>Above this many factors the log-Gamma form is used (when it is accurate).</summary>
    private const int DirectSumLimit = 1 << 16;

    /// <summary>ln c_{2m}(n) for real n &gt; 0 and m ≥ 1.</summary>
    public static double Log(int m, double n)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "c_{2m} needs m ≥ 1.");
        if (!(n > 0) || double.IsInfinity(n)) throw new ArgumentOutOfRangeException(nameof(n), n, "The width must be positive and finite.");
        if (m - 1 <= DirectSumLimit) return LogBySum(m, n);
        return LogByGamma(m, n);
    }

    /// <summary>c_{2m}(n) (3.46); +∞ only if the true value exceeds the double range.</summary>
    public static double Value(int m, double n) => Math.Exp(Log(m, n));

    /// <summary>ln c_{2m}(n) = Σ_{k=1}^{m−1} log1p(2k/n): exact up to rounding, any n.</summary>
    public static double LogBySum(int m, double n)
    {
        double s = 0, comp = 0;
        for (int k = 1; k < m; k++)
        {
            // Kahan summation keeps m up to 10^5 at full precision.
            double y = LogOnePlus(2.0 * k / n) - comp;
            double t = s + y;
            comp = (t - s) - y;
            s = t;
        }
        return s;
    }

    /// <summary>ln c_{2m}(n) = m ln(2/n) + lnΓ(n/2 + m) − lnΓ(n/2), the Gamma form of (3.46).</summary>
    public static double LogByGamma(int m, double n) =>
        m * Math.Log(2 / n) + SpecialFunctions.GammaLn(n / 2 + m) - SpecialFunctions.GammaLn(n / 2);

    /// <summary>log(1+x) accurate for small x (Math has no log1p; this is the classic Goldberg correction).</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>The exact rational c_{2m}(n) = Π_{k=1}^{m−1} (n + 2k)/n for an integer width (small cases, tests).</summary>
    public static Rational Exact(int m, BigInteger n)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "c_{2m} needs m ≥ 1.");
        if (n.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The width must be positive.");
        BigInteger num = BigInteger.One;
        for (int k = 1; k < m; k++) num *= n + 2 * k;
        return Rational.Create(num, BigInteger.Pow(n, m - 1));
    }
}
