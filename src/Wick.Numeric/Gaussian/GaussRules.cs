using System.Collections.Concurrent;

namespace Wick.Numeric.Gaussian;

/// <summary>An n-point quadrature rule: ∫ f dμ ≈ Σ_i w_i f(x_i).</summary>
public sealed record QuadratureRule(double[] Nodes, double[] Weights)
{
    public int Degree => Nodes.Length;
}

/// <summary>
/// Gauss–Hermite rules for the standard normal law, E[f(u)] ≈ Σ w_i f(u_i), u ~ N(0, 1), built by us (MathNet has
/// none). Golub–Welsch (G. H. Golub and J. H. Welsch, "Calculation of Gauss quadrature rules", Math. Comp. 23
/// (1969) 221–230): the nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the orthonormal
/// Hermite polynomials (zero diagonal, off-diagonal √(k/2)); each is refined by one Newton step on p_n. The weights
/// come from the analytic formula w_i = 1/(n p_{n−1}(x_i)²) for the orthonormal p_k (Christoffel numbers), not from
/// eigenvector components, which lose relative accuracy in the tails. Rules are cached per degree.
/// </summary>
public static class GaussHermite
{
    private static readonly ConcurrentDictionary<int, QuadratureRule> Cache = new();

    /// <summary>Largest degree offered (the eigenvalue solver is O(n²), the Newton step O(n) per node).</summary>
    public const int MaxDegree = 4096;

    /// <summary>The n-point rule for N(0, 1): nodes u_i = √2 x_i, weights w_i/√π (x_i, w_i for the weight e^{−x²}).</summary>
    public static QuadratureRule Rule(int n)
    {
        if (n < 1 || n > MaxDegree) throw new ArgumentOutOfRangeException(nameof(n), $"Gauss–Hermite degree must be 1..{MaxDegree}, got {n}.");
        return Cache.GetOrAdd(n, Build);
    }

    private static QuadratureRule Build(int n)
    {
        var offDiagonal = new double[n];
        for (int k = 1; k < n; k++) offDiagonal[k - 1] = Math.Sqrt(k / 2.0);
        var x = SymmetricTridiagonal.Eigenvalues(new double[n], offDiagonal);
        Array.Sort(x);
        var nodes = new double[n];
        var weights = new double[n];
        double sqrtPi = Math.Sqrt(Math.PI);
        for (int i = 0; i < n; i++)
        {
            // Newton step on p_n: p_n' = √(2n) p_{n−1}.
            var (pn, pn1, _) = Orthonormal(n, x[i]);
            double xi = x[i] - pn / (Math.Sqrt(2.0 * n) * pn1);
            var (_, q1, logScale) = Orthonormal(n, xi);
            double logW = -Math.Log(n) - 2 * (Math.Log(Math.Abs(q1)) + logScale);
            nodes[i] = Math.Sqrt(2) * xi;
            weights[i] = Math.Exp(logW) / sqrtPi;
        }
        // Symmetrise (the rule is even): average mirrored nodes and weights to kill rounding asymmetry.
        for (int i = 0; i < n / 2; i++)
        {
            double u = (nodes[n - 1 - i] - nodes[i]) / 2, w = (weights[i] + weights[n - 1 - i]) / 2;
            nodes[i] = -u; nodes[n - 1 - i] = u;
            weights[i] = w; weights[n - 1 - i] = w;
        }
        if (n % 2 == 1) nodes[n / 2] = 0;
        return new QuadratureRule(nodes, weights);
    }

    /// <summary>
    /// p_n(x) and p_{n−1}(x) of the orthonormal Hermite polynomials (weight e^{−x²}), both divided by e^{logScale}:
    /// p_0 = π^{−1/4}, p_{k+1} = √(2/(k+1)) x p_k − √(k/(k+1)) p_{k−1}, rescaled on the way so large n does not overflow.
    /// </summary>
    internal static (double Pn, double Pn1, double LogScale) Orthonormal(int n, double x)
    {
        double prev = 0, cur = Math.Pow(Math.PI, -0.25), logScale = 0;
        for (int k = 0; k < n; k++)
        {
            double next = Math.Sqrt(2.0 / (k + 1)) * x * cur - Math.Sqrt((double)k / (k + 1)) * prev;
            prev = cur;
            cur = next;
            double a = Math.Abs(cur);
            if (a > 1e100)
            {
                cur /= a; prev /= a;
                logScale += Math.Log(a);
            }
        }
        return (cur, prev, logScale);
    }
}

/// <summary>
/// Gauss–Legendre rules on [−1, 1] by the same route (Golub–Welsch 1969): Jacobi matrix with off-diagonal
/// k/√(4k² − 1), one Newton step on P_n, weights 2/((1 − x²) P_n'(x)²). Cached per degree.
/// </summary>
public static class GaussLegendre
{
    private static readonly ConcurrentDictionary<int, QuadratureRule> Cache = new();

    public static QuadratureRule Rule(int n)
    {
        if (n < 1 || n > GaussHermite.MaxDegree) throw new ArgumentOutOfRangeException(nameof(n));
        return Cache.GetOrAdd(n, Build);
    }

    private static QuadratureRule Build(int n)
    {
        var offDiagonal = new double[n];
        for (int k = 1; k < n; k++) offDiagonal[k - 1] = k / Math.Sqrt(4.0 * k * k - 1);
        var x = SymmetricTridiagonal.Eigenvalues(new double[n], offDiagonal);
        Array.Sort(x);
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (p, d) = Legendre(n, x[i]);
            double xi = x[i] - p / d;
            (_, d) = Legendre(n, xi);
            nodes[i] = xi;
            weights[i] = 2 / ((1 - xi * xi) * d * d);
        }
        return new QuadratureRule(nodes, weights);
    }

    /// <summary>P_n(x) and P_n'(x) by (k+1)P_{k+1} = (2k+1)x P_k − k P_{k−1}, P_n' = n(x P_n − P_{n−1})/(x² − 1).</summary>
    private static (double P, double D) Legendre(int n, double x)
    {
        double prev = 1, cur = x;
        if (n == 0) return (1, 0);
        for (int k = 1; k < n; k++)
        {
            double next = ((2 * k + 1) * x * cur - k * prev) / (k + 1);
            prev = cur;
            cur = next;
        }
        return (cur, n * (x * cur - prev) / (x * x - 1));
    }
}

/// <summary>
/// Eigenvalues of a symmetric tridiagonal matrix by the implicit QL algorithm with Wilkinson shifts
/// (Bowdler, Martin, Reinsch and Wilkinson, "The QR and QL algorithms for symmetric matrices", Numer. Math. 11
/// (1968) 293–306; EISPACK tql1): O(n²), eigenvalues only — what Golub–Welsch needs before the Newton polish.
/// </summary>
internal static class SymmetricTridiagonal
{
    /// <param name="diagonal">d_0..d_{n−1} (overwritten with the eigenvalues, returned).</param>
    /// <param name="offDiagonal">e_i couples rows i and i+1 (length n; e_{n−1} ignored; overwritten).</param>
    public static double[] Eigenvalues(double[] diagonal, double[] offDiagonal)
    {
        var d = diagonal;
        var e = offDiagonal;
        int n = d.Length;
        if (n > 0) e[n - 1] = 0;
        for (int l = 0; l < n; l++)
        {
            int iter = 0, m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon + 1e-16 * dd) break;
                }
                if (m == l) break;
                if (++iter > 100) throw new InvalidOperationException("tridiagonal QL did not converge");
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.Abs(r) : -Math.Abs(r)));
                double s = 1, c = 1, p = 0;
                int i;
                bool underflow = false;
                for (i = m - 1; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    e[i + 1] = r = Hypot(f, g);
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
            while (true);
        }
        return d;
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
