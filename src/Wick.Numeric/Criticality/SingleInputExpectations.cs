using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;

namespace Wick.Numeric.Criticality;

/// <summary>The single-input Gaussian expectations chapter 5 needs at one kernel value K, without C_W.</summary>
/// <param name="K">The kernel value.</param>
/// <param name="G">g(K) = ⟨σσ⟩_K (5.5).</param>
/// <param name="SigmaPrimeSquared">⟨σ'σ'⟩_K: χ_⊥ = C_W ⟨σ'σ'⟩ (5.51).</param>
/// <param name="ZSigmaSigmaPrime">⟨z σ σ'⟩_K: χ_∥ = (C_W/K) ⟨z σ' σ⟩ (5.50).</param>
/// <param name="GSecond">g''(K) = ⟨σσ (z⁴ − 6K z² + 3K²)⟩_K / (4K⁴): j(K) = 4K² C_W g'' (5.111).</param>
/// <param name="SigmaFourth">⟨σ⁴⟩_K (5.109).</param>
public readonly record struct KernelPoint(double K, double G, double SigmaPrimeSquared, double ZSigmaSigmaPrime, double GSecond, double SigmaFourth)
{
    /// <summary>g'(K) = ⟨zσσ'⟩/K (5.53).</summary>
    public double GPrime => ZSigmaSigmaPrime / K;
}

/// <summary>
/// The expectations of <see cref="KernelPoint"/> for a smooth activation by a fixed Gauss–Hermite rule in the
/// standardised variable z = √K u (so the Hermite weight He₄(u) = u⁴ − 6u² + 3 of g'' is exact in the nodes and
/// the small-K cancellations of j(K) stay at rounding level). The rule's degree is chosen once by doubling until
/// all five expectations agree to 1e−14 at the kernel values of interest.
/// </summary>
public sealed class SingleInputExpectations
{
    private readonly Func<double, double> _sigma, _prime;
    private QuadratureRule _rule;

    public SingleInputExpectations(Activation activation, int degree = 64)
    {
        Activation = activation;
        _sigma = activation.Compiled(0);
        _prime = activation.Compiled(1);
        _rule = GaussHermite.Rule(degree);
    }

    public Activation Activation { get; }

    public int Degree => _rule.Degree;

    /// <summary>Doubles the degree until two rules agree to <paramref name="tolerance"/> (relative) at each K given.</summary>
    public double Calibrate(IEnumerable<double> kernels, double tolerance = 1e-14, int maxDegree = 1024)
    {
        double worst = 0;
        foreach (double k in kernels)
        {
            while (true)
            {
                var a = At(k);
                var saved = _rule;
                if (_rule.Degree * 2 > maxDegree) { worst = Math.Max(worst, double.NaN); break; }
                _rule = GaussHermite.Rule(_rule.Degree * 2);
                var b = At(k);
                double d = Difference(a, b);
                if (d <= tolerance) { _rule = saved; worst = Math.Max(worst, d); break; }
            }
        }
        return worst;
    }

    private static double Difference(KernelPoint a, KernelPoint b)
    {
        static double R(double x, double y) => Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-300);
        return new[] { R(a.G, b.G), R(a.SigmaPrimeSquared, b.SigmaPrimeSquared), R(a.ZSigmaSigmaPrime, b.ZSigmaSigmaPrime), R(a.SigmaFourth, b.SigmaFourth) }.Max();
    }

    /// <summary>All five expectations at K &gt; 0.</summary>
    public KernelPoint At(double k)
    {
        if (!(k > 0) || !double.IsFinite(k)) throw new ArgumentOutOfRangeException(nameof(k), "the kernel must be positive and finite");
        double root = Math.Sqrt(k);
        double g = 0, p2 = 0, zsp = 0, h4 = 0, s4 = 0;
        var nodes = _rule.Nodes;
        var weights = _rule.Weights;
        for (int i = 0; i < nodes.Length; i++)
        {
            double w = weights[i];
            if (w < 1e-30) continue;
            double u = nodes[i], z = root * u;
            double s = _sigma(z), d = _prime(z);
            if (!double.IsFinite(s) || !double.IsFinite(d))
                throw new GaussianEvaluationException($"σ or σ' of {Activation.Name} is not finite at z = {z:G6} (K = {k:G6})");
            double ss = s * s, u2 = u * u;
            g += w * ss;
            p2 += w * d * d;
            zsp += w * z * s * d;
            h4 += w * ss * (u2 * u2 - 6 * u2 + 3);
            s4 += w * ss * ss;
        }
        return new KernelPoint(k, g, p2, zsp, h4 / (4 * k * k), s4);
    }
}
