using MathNet.Numerics;

namespace Wick.Numeric.Gaussian;

/// <summary>
/// E[f(z)] for z ~ N(0, K) by the truncated trapezoidal (sinc) rule after the pivoted Cholesky factor z = L u:
/// E ≈ h^r Σ_{j ∈ ℤ^r, |jh| ≤ U} φ_r(jh) f(L jh). For an integrand analytic in the strip |Im u| &lt; d the error is
/// O(e^{−2πd/h}) (J. A. C. Weideman and L. N. Trefethen, "The exponentially convergent trapezoidal rule", SIAM Rev. 56
/// (2014) 385–458, §5) — d = π/(2√K) for tanh, whose poles sit at ±iπ/2 — against the exp(−c√n) of Gauss–Hermite for the same
/// poles. Steps h = 4, 2, 1, ½, … are nested: each level evaluates only its new nodes. Error estimate of Q_h from the
/// differences d₁ = |Q_h − Q_{2h}|, d₂ = |Q_{2h} − Q_{4h}|, d₃ = |Q_{4h} − Q_{8h}|: for geometric convergence in 1/h,
/// err(h) ≈ C e^{−a/h}, so d₁ ≈ err(2h), the ratios square from level to level (d₁/d₂ ≈ (d₂/d₃)²) and err(h) ≈ d₁^{ln d₁/ln d₂}
/// (D. H. Bailey, K. Jeyabalan and X. S. Li, "A comparison of three high-precision quadrature schemes", Experiment. Math. 14
/// (2005) 317–329). That estimate is used only when the differences show this acceleration (d₁/d₂ ≤ 1/32 and
/// d₁/d₂ ≤ (d₂/d₃)^{3/2}); otherwise the conservative d₁ is. Algebraic convergence (a kink, a real branch point) never
/// accelerates, so it is never mistaken for spectral accuracy. Added to it: the Gaussian tail beyond the truncation radius U,
/// 4 · max|f| on the outer shell U − 1 &lt; |u| ≤ U times P(χ_r &gt; U), and a rounding floor 32ε Σ|w f|.
/// </summary>
public static class TrapezoidQuadrature
{
    /// <summary>The coarsest step; level m has step h = 4/2^m.</summary>
    public const double CoarsestStep = 4;

    /// <summary>Finest level per rank (h = 1/64, 1/32, 1/8, 1/4 for r = 1 … 4: about 10⁶–10⁷ integrand calls at most).</summary>
    public static int MaxLevel(int rank) => rank switch { <= 1 => 8, 2 => 7, 3 => 5, _ => 4 };

    /// <summary>Adaptive E[f(z)] for a body: its factors are evaluated as soon as their input is fixed (separable stages).</summary>
    public static GaussianValue Expect(GaussianBody body, Wick.Numeric.Activations.Activation sigma, KernelMatrix k, double tolerance) =>
        Expect(StagedIntegrand.Of(body, sigma, k), k, tolerance);

    /// <summary>Adaptive E[f(z)] for an arbitrary integrand (evaluated at the innermost level only).</summary>
    public static GaussianValue Expect(Func<double[], double> f, KernelMatrix k, double tolerance) =>
        Expect(StagedIntegrand.Whole(f, k), k, tolerance);

    private static GaussianValue Expect(StagedIntegrand f, KernelMatrix k, double tolerance)
    {
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), "the tolerance must be positive");
        int r = k.Rank;
        if (r == 0) return new GaussianValue(f.AtZero(), 0, GaussianMethod.Trapezoid, 1);
        double radius = Radius(r, tolerance);
        while (true)
        {
            var grid = new Grid(f, k, radius);
            var q = new List<double>();
            double estimate = double.PositiveInfinity;
            for (int m = 0; m <= MaxLevel(r); m++)
            {
                double value = grid.Refine(m);
                q.Add(value);
                double scale = Math.Max(1, Math.Abs(value));
                double floor = 32 * double.Epsilon + 32 * 1.1102230246251565e-16 * grid.AbsoluteSum;
                double tail = 4 * grid.ShellMaximum * ChiTail(r, radius);
                if (m == 0) continue;
                estimate = Discretisation(q, floor) + tail + floor;
                if (tail > tolerance * scale / 4) break; // the truncation radius is too small for this integrand
                if (estimate <= tolerance * scale)
                    return new GaussianValue(value, estimate, GaussianMethod.Trapezoid, 2 * (int)Math.Floor(radius / grid.Step) + 1);
            }
            double lastTail = 4 * grid.ShellMaximum * ChiTail(r, radius);
            if (lastTail > tolerance * Math.Max(1, Math.Abs(q[^1])) / 4 && radius < 40)
            {
                radius += 2;
                continue;
            }
            throw new GaussianEvaluationException(
                $"the trapezoidal rule did not reach the tolerance {tolerance:G3}: at step h = {grid.Step:G3} ({2 * (int)Math.Floor(radius / grid.Step) + 1} nodes per dimension, {r}-dimensional) the error estimate is still {estimate:G3}. " +
                "The integrand is probably not smooth (a kink or a jump converges only algebraically) or the kernel is too large for the activation; loosen --tolerance or use an activation with exact moments (relu, leaky_relu:A, abs, linear).");
        }
    }

    /// <summary>The error of the finest of the values <paramref name="q"/> (one per level) from their differences (see the class comment).</summary>
    internal static double Discretisation(IReadOnlyList<double> q, double floor)
    {
        int m = q.Count - 1;
        double d1 = Math.Abs(q[m] - q[m - 1]);
        if (d1 <= floor) return floor;
        if (m < 3) return d1;
        double d2 = Math.Abs(q[m - 1] - q[m - 2]), d3 = Math.Abs(q[m - 2] - q[m - 3]);
        double scale = Math.Max(1, Math.Abs(q[m]));
        double e1 = d1 / scale, e2 = d2 / scale;
        bool accelerating = d1 <= d2 / 32 && e2 < 1 && (d3 <= floor || d1 / d2 <= Math.Pow(d2 / d3, 1.5));
        return accelerating ? scale * Math.Max(Math.Pow(e1, Math.Log(e1) / Math.Log(e2)), e1 * e1) : d1;
    }

    /// <summary>U with P(χ_r &gt; U) = tolerance/40 (at least 6).</summary>
    internal static double Radius(int rank, double tolerance)
    {
        double target = Math.Min(tolerance, 1e-3) / 40, u = 6;
        while (ChiTail(rank, u) > target) u += 0.25;
        return u;
    }

    /// <summary>P(|u| &gt; U) for u ~ N(0, I_r): the regularized upper incomplete gamma Q(r/2, U²/2).</summary>
    internal static double ChiTail(int rank, double u) => SpecialFunctions.GammaUpperRegularized(rank / 2.0, u * u / 2);

    /// <summary>The nested tensor grid of one truncation radius: a ball |u| ≤ U of nodes jh, refined level by level.</summary>
    private sealed class Grid(StagedIntegrand f, KernelMatrix k, double radius)
    {
        private readonly int _rank = k.Rank;
        private readonly double[,] _l = k.Factor;
        private double _sum;          // Σ φ_r f over every node so far (without the factor h^r)
        private double _absSum;

        public double Step { get; private set; } = CoarsestStep;

        /// <summary>Σ h^r φ_r |f| at the current level.</summary>
        public double AbsoluteSum => _absSum * Math.Pow(Step, _rank);

        /// <summary>Largest |f| on the outer shell U − 1 &lt; |u| ≤ U.</summary>
        public double ShellMaximum { get; private set; }

        /// <summary>Adds the nodes of level m (step 4/2^m) and returns Q_h.</summary>
        public double Refine(int m)
        {
            Step = CoarsestStep / (1 << m);
            var walk = new Walk(f, _l, _rank, Step, radius, onlyNew: m > 0);
            _sum += walk.Run(out double abs, out double shell);
            _absSum += abs;
            ShellMaximum = Math.Max(ShellMaximum, shell);
            return _sum * Math.Pow(Step, _rank);
        }
    }

    /// <summary>One pass over the nodes of one level (only those with an odd index when refining).</summary>
    private sealed class Walk
    {
        private static readonly double InvSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);
        private readonly StagedIntegrand _f;
        private readonly double[,] _l;
        private readonly int _rank, _size;
        private readonly double _h, _radius2, _shell2;
        private readonly bool _onlyNew;
        private readonly double[] _phi;   // φ(jh) for j = 0 … J
        private readonly double[][] _z;   // z after levels 0 … j
        private double _abs, _shell;

        public Walk(StagedIntegrand f, double[,] l, int rank, double h, double radius, bool onlyNew)
        {
            _f = f;
            _l = l;
            _rank = rank;
            _size = l.GetLength(0);
            _h = h;
            _radius2 = radius * radius;
            double inner = Math.Max(radius - 1, 0);
            _shell2 = inner * inner;
            _onlyNew = onlyNew;
            int j = (int)Math.Floor(radius / h);
            _phi = new double[j + 1];
            for (int i = 0; i <= j; i++) _phi[i] = InvSqrt2Pi * Math.Exp(-(i * h) * (i * h) / 2);
            _z = new double[rank + 1][];
            for (int i = 0; i <= rank; i++) _z[i] = new double[_size];
        }

        public double Run(out double abs, out double shell)
        {
            double sum = Level(0, 1, 0, false, _f.Start);
            abs = _abs;
            shell = _shell;
            return sum;
        }

        private double Level(int j, double weight, double norm2, bool odd, double[] partial)
        {
            var z = _z[j];
            var zn = _z[j + 1];
            int reach = (int)Math.Floor(Math.Sqrt(Math.Max(_radius2 - norm2, 0)) / _h);
            bool last = j + 1 == _rank;
            // Refining: a node is new when one of its indices is odd; at the last level with no odd index so far, only odd ones.
            int step = last && _onlyNew && !odd ? 2 : 1;
            int start = step == 2 ? (reach % 2 == 0 ? -reach + 1 : -reach) : -reach;
            double acc = 0;
            for (int i = start; i <= reach; i += step)
            {
                double u = i * _h, w = weight * _phi[Math.Abs(i)];
                for (int a = 0; a < _size; a++) zn[a] = z[a] + _l[a, j] * u;
                if (last)
                {
                    double v = _f.Finish(zn, partial);
                    if (!double.IsFinite(v)) StagedIntegrand.NotFinite(v, zn);
                    acc += w * v;
                    double av = Math.Abs(v);
                    _abs += w * av;
                    if (norm2 + u * u > _shell2 && av > _shell) _shell = av;
                }
                else acc += Level(j + 1, w, norm2 + u * u, odd || (i & 1) != 0, _f.Stage(j, zn, partial));
            }
            return acc;
        }
    }
}
