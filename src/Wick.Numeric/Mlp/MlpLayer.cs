using Wick.Algebra;

namespace Wick.Numeric.Mlp;

/// <summary>
/// The evaluated statistics of one layer ℓ of an mlp (the 1/n expansion (4.104)–(4.106)): the kernel K^{(ℓ)}_{αβ}, the
/// NLO metric G^{\{1\}(ℓ)}_{αβ}, the four-point vertex V^{(ℓ)}_{(αβ)(γδ)} (so that E[zz] = K + G^{\{1\}}/n_{ℓ−1} + O(1/n²) and
/// the connected four-point function is V/n_{ℓ−1} + O(1/n²)), with 0-based input indices; for one input also the
/// susceptibilities χ_∥, χ_⊥ of the step ℓ → ℓ+1 at K^{(ℓ)} (5.48)–(5.50). <see cref="QuadratureError"/> is the largest
/// error estimate of the Gaussian expectations used to reach this layer.
/// </summary>
public sealed class MlpLayer
{
    private readonly double[] _values;
    private readonly Rational[]? _exact;
    private readonly MlpStateLayout _layout;

    internal MlpLayer(int layer, int width, int previousWidth, MlpStateLayout layout, double[] values, Rational[]? exact,
        double? parallel, double? perpendicular, Rational? parallelExact, Rational? perpendicularExact, double quadratureError)
    {
        Layer = layer;
        Width = width;
        PreviousWidth = previousWidth;
        _layout = layout;
        _values = values;
        _exact = exact;
        ParallelSusceptibility = parallel;
        PerpendicularSusceptibility = perpendicular;
        ParallelSusceptibilityExact = parallelExact;
        PerpendicularSusceptibilityExact = perpendicularExact;
        QuadratureError = quadratureError;
    }

    /// <summary>ℓ (1 = the first hidden layer).</summary>
    public int Layer { get; }

    /// <summary>n_ℓ.</summary>
    public int Width { get; }

    /// <summary>n_{ℓ−1}: the width whose inverse counts the finite-width corrections of this layer (n_0 for ℓ = 1).</summary>
    public int PreviousWidth { get; }

    /// <summary>Number of inputs N_D.</summary>
    public int Inputs => _layout.Inputs;

    /// <summary>True when the values are exact rationals (<see cref="KernelExact"/> etc. are set).</summary>
    public bool IsExact => _exact is not null;

    public double Kernel(int a, int b) => _values[_layout.KernelSlot(a, b)];
    public double NloMetric(int a, int b) => _values[_layout.NloSlot(a, b)];
    public double Vertex(int a, int b, int c, int d) => _values[_layout.VertexSlot(a, b, c, d)];

    public Rational? KernelExact(int a, int b) => _exact?[_layout.KernelSlot(a, b)];
    public Rational? NloMetricExact(int a, int b) => _exact?[_layout.NloSlot(a, b)];
    public Rational? VertexExact(int a, int b, int c, int d) => _exact?[_layout.VertexSlot(a, b, c, d)];

    /// <summary>χ_∥ = ∂K^{(ℓ+1)}/∂K^{(ℓ)} at this layer's kernel (one input only).</summary>
    public double? ParallelSusceptibility { get; }

    /// <summary>χ_⊥ at this layer's kernel (one input only).</summary>
    public double? PerpendicularSusceptibility { get; }

    public Rational? ParallelSusceptibilityExact { get; }
    public Rational? PerpendicularSusceptibilityExact { get; }

    /// <summary>The largest quadrature error estimate of the expectations that produced this layer (0 on exact routes).</summary>
    public double QuadratureError { get; }

    /// <summary>All state values in the layout's order, with their atoms (K, G1, V at layer ℓ).</summary>
    public IEnumerable<(Symbol Atom, double Value, Rational? Exact)> State =>
        _layout.State.Select((s, i) => (s, _values[i], _exact?[i]));
}
