namespace Wick.Numeric.Gaussian;

/// <summary>How a Gaussian expectation was computed.</summary>
public enum GaussianMethod
{
    /// <summary>A closed form (arc-cosine or arcsine kernel).</summary>
    ClosedForm,
    /// <summary>Exact orthant moments: Stein's lemma down to sign correlations, Plackett's identity in 4 dimensions.</summary>
    OrthantMoments,
    /// <summary>Adaptive tensor-product Gauss–Hermite quadrature.</summary>
    GaussHermite,
    /// <summary>Adaptive nested truncated trapezoidal (sinc) rule (<see cref="TrapezoidQuadrature"/>).</summary>
    Trapezoid,
}

/// <summary>Which quadrature a Gaussian expectation without an exact route uses.</summary>
public enum QuadratureRoute
{
    /// <summary>Gauss–Hermite for polynomial bodies (exact at a small degree) and for σ with kinks (as before: it refuses
    /// rather than converge slowly); the trapezoidal rule for every other smooth σ, whose complex singularities make
    /// Gauss–Hermite converge only as exp(−c√n).</summary>
    Auto,
    GaussHermite,
    Trapezoid,
}

/// <summary>A Gaussian expectation with an estimate of its absolute error and how it was obtained; Degree is the
/// number of nodes per dimension of the quadrature rule (0 for exact routes; for the trapezoidal rule the nodes on one axis).</summary>
public sealed record GaussianValue(double Value, double ErrorEstimate, GaussianMethod Method, int Degree = 0);

/// <summary>A quadrature that did not reach its tolerance, or produced a non-finite value: no number is returned.</summary>
public sealed class GaussianEvaluationException(string message) : InvalidOperationException(message);

/// <summary>
/// E[f(z)] for z ~ N(0, K) by tensor-product Gauss–Hermite rules after the pivoted Cholesky factor z = L u
/// (r = rank K dimensions). Adaptive: degrees n = 8, 16, 32, … are tried until two consecutive ones agree to the
/// tolerance |Q_{2n} − Q_n| ≤ tol · max(1, |Q_{2n}|); Q_{2n} is returned with |Q_{2n} − Q_n| as its error estimate
/// (conservative for the geometric convergence of smooth integrands). Tensor nodes whose product weight is below
/// 1e−20 are skipped (a sphere instead of a cube of nodes).
/// </summary>
public static class GaussianQuadrature
{
    /// <summary>Most nodes per dimension for rank 1, 2, 3, 4 (about 10⁶–10⁷ integrand calls at most).</summary>
    public static int MaxDegree(int rank) => rank switch { <= 1 => 4096, 2 => 1024, 3 => 128, _ => 64 };

    private const double WeightCutoff = 1e-20;

    /// <summary>Adaptive E[f(z)], z ~ N(0, K); f receives z (length K.Size).</summary>
    public static GaussianValue Expect(Func<double[], double> f, KernelMatrix k, double tolerance, int startDegree = 8)
    {
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), "the tolerance must be positive");
        int r = k.Rank, max = MaxDegree(r);
        if (r == 0) return new GaussianValue(Finite(f(new double[k.Size]), "at z = 0"), 0, GaussianMethod.GaussHermite, 1);
        int n = Math.Min(startDegree, max);
        double previous = Fixed(f, k, n);
        double lastError = double.PositiveInfinity;
        while (2 * n <= max)
        {
            n *= 2;
            double q = Fixed(f, k, n);
            lastError = Math.Abs(q - previous);
            if (lastError <= tolerance * Math.Max(1, Math.Abs(q))) return new GaussianValue(q, lastError, GaussianMethod.GaussHermite, n);
            previous = q;
        }
        throw new GaussianEvaluationException(
            $"Gauss–Hermite quadrature did not reach the tolerance {tolerance:G3}: degrees {n / 2} and {n} per dimension ({r}-dimensional) still differ by {lastError:G3}. " +
            "The integrand is probably not smooth (a kink or a jump converges only as O(1/n)) or the kernel is too large for the activation; loosen --tolerance or use an activation with exact moments (relu, leaky_relu:A, abs, linear).");
    }

    /// <summary>The fixed-degree tensor rule with <paramref name="n"/> nodes per dimension.</summary>
    public static double Fixed(Func<double[], double> f, KernelMatrix k, int n)
    {
        var rule = GaussHermite.Rule(n);
        int size = k.Size, r = k.Rank;
        var l = k.Factor;
        // z at each level: zs[j] = Σ_{i<j} L[:, i] u_i.
        var zs = new double[r + 1][];
        for (int j = 0; j <= r; j++) zs[j] = new double[size];
        double sum = Level(0, 1.0);
        return Finite(sum, "over the quadrature nodes");

        double Level(int j, double w)
        {
            var z = zs[j];
            var zn = zs[j + 1];
            double acc = 0;
            for (int i = 0; i < n; i++)
            {
                double wi = w * rule.Weights[i];
                if (wi < WeightCutoff) continue;
                double u = rule.Nodes[i];
                for (int a = 0; a < size; a++) zn[a] = z[a] + l[a, j] * u;
                if (j + 1 == r)
                {
                    double v = f(zn);
                    if (!double.IsFinite(v)) Finite(v, $"at z = ({string.Join(", ", zn.Select(x => x.ToString("G6")))})");
                    acc += wi * v;
                }
                else acc += Level(j + 1, wi);
            }
            return acc;
        }
    }

    private static double Finite(double v, string where) => double.IsFinite(v)
        ? v
        : throw new GaussianEvaluationException($"the integrand is not finite ({v}) {where}: the activation overflows for this kernel");
}
