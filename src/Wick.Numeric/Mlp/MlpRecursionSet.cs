using System.Collections.Concurrent;
using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Recursions;

namespace Wick.Numeric.Mlp;

/// <summary>
/// The chapter-4 recursions of the mlp model as the symbolic engine derives them (<see cref="MlpRecursions"/>), for generic
/// sample labels a1 … a4 at layer l → l+1: the kernel (4.118), the NLO metric (4.115) and the vertex (4.119) in derivative
/// normal form, the first layer (K^{(1)} = C_b + C_W G^{(0)}), the book's raised-index forms (4.119)–(4.120) whose bodies
/// carry no derivative of σ beyond σ'' (used for kinked activations, where σ''' and σ'''' are distributions), and the
/// susceptibilities χ_∥ = ∂K^{(l+1)}_{αα}/∂K^{(l)}_{αα}, χ_⊥ = ∂K^{(l+1)}_{α1α2}/∂K^{(l)}_{α1α2}|_{α2=α1} (5.48)–(5.50), obtained
/// from the derived kernel recursion by Price's theorem ∂⟨F⟩_K/∂K_{xy} = ⟨∂_x∂_y F⟩ (½ on the diagonal). Nothing here is typed
/// in: every right-hand side is the engine's. Derived once per activation (symbolic σ, or a polynomial σ whose expectations
/// are exact by Isserlis) and cached.
/// </summary>
public sealed class MlpRecursionSet
{
    private static readonly ConcurrentDictionary<string, Lazy<MlpRecursionSet>> Cache = new();
    private readonly Lazy<MlpRecursions.RaisedForm> _raisedVertex, _raisedNlo;

    /// <summary>The layer whose quantities the steps contain (l); targets are at l+1.</summary>
    public static Layer Below => Layer.L;

    /// <summary>The generic sample labels of the derivations.</summary>
    public static readonly string[] Labels = ["a1", "a2", "a3", "a4"];

    private MlpRecursionSet(IGaussianActivation activation)
    {
        Activation = activation;
        var above = Below.Next;
        FirstKernel = MlpRecursions.Kernel("a1", "a2", Layer.Concrete(1), activation);
        Kernel = MlpRecursions.Kernel("a1", "a2", above, activation);
        NloMetric = MlpRecursions.NloMetric("a1", "a2", above, activation);
        Vertex = MlpRecursions.Vertex("a1", "a2", "a3", "a4", above, activation);
        _raisedVertex = new(() => MlpRecursions.RaisedVertexForm(Vertex));
        _raisedNlo = new(() => MlpRecursions.RaisedNloMetricForm(NloMetric));
        var diagonal = Kernel.Step.RenameSamples(_ => "a1");
        ParallelSusceptibility = KernelDerivative(diagonal, "a1", "a1");
        PerpendicularSusceptibility = KernelDerivative(Kernel.Step, "a1", "a2").RenameSamples(_ => "a1");
    }

    /// <summary>The recursions for the symbolic activation σ (Gaussian expectations stay atoms, evaluated numerically).</summary>
    public static MlpRecursionSet Symbolic => For(SymbolicActivation.Instance);

    /// <summary>The recursions with the expectations of <paramref name="activation"/> applied by the engine (exact for polynomial σ).</summary>
    public static MlpRecursionSet For(IGaussianActivation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return Cache.GetOrAdd(activation.Name, _ => new Lazy<MlpRecursionSet>(() => new MlpRecursionSet(activation))).Value;
    }

    /// <summary>The activation the engine applied (symbolic: none).</summary>
    public IGaussianActivation Activation { get; }

    /// <summary>K^{(1)}_{a1a2} = C_b + C_W G^{(0)}_{a1a2}, derived.</summary>
    public Recursion FirstKernel { get; }

    /// <summary>(4.118) K^{(l+1)}_{a1a2}.</summary>
    public Recursion Kernel { get; }

    /// <summary>(4.115) G^{\{1\}(l+1)}_{a1a2}, derivative normal form.</summary>
    public Recursion NloMetric { get; }

    /// <summary>(4.119) V^{(l+1)}_{(a1a2)(a3a4)}, derivative normal form.</summary>
    public Recursion Vertex { get; }

    /// <summary>(4.119) in the book's raised-index form (bodies ⟨σσ(zz − K)⟩).</summary>
    public MlpRecursions.RaisedForm RaisedVertex => _raisedVertex.Value;

    /// <summary>(4.115) in the book's raised-index form (bodies ⟨σσ(zz − K)(zz − K)⟩, ⟨σσ(zz − K)⟩, ⟨σσ⟩).</summary>
    public MlpRecursions.RaisedForm RaisedNloMetric => _raisedNlo.Value;

    /// <summary>χ_∥ at one input a1: ∂K^{(l+1)}_{a1a1}/∂K^{(l)}_{a1a1} (5.48).</summary>
    public Polynomial ParallelSusceptibility { get; }

    /// <summary>χ_⊥ at one input a1: ∂K^{(l+1)}_{a1a2}/∂K^{(l)}_{a1a2} at a2 = a1 (5.50).</summary>
    public Polynomial PerpendicularSusceptibility { get; }

    /// <summary>
    /// ∂P/∂K^{(l)}_{xy} for a polynomial in K^{(l)} and ⟨…⟩_{K^{(l)}}: the explicit K's by the product rule, each expectation by
    /// Price's theorem (the heat equation of the Gaussian) ∂⟨F⟩/∂K_{xy} = ⟨∂_x ∂_y F⟩ for x ≠ y and ½⟨∂_x² F⟩ for x = y.
    /// </summary>
    public Polynomial KernelDerivative(Polynomial p, string x, string y)
    {
        ArgumentNullException.ThrowIfNull(p);
        var k = Symbol.Kernel(Below, x, y);
        var result = p.Derivative(k);
        var reducer = new GaussianReducer(Below, Activation);
        foreach (var atom in p.Symbols.Where(s => s.Kind == AtomKind.GaussianExpectation && s.Layer == Below))
        {
            var factors = atom.Body!.Factors.Select(f => f.Kind == GaussianFactorKind.Fluctuation
                ? throw new InvalidOperationException("Price's theorem is applied to normal-form bodies (no centred products).")
                : new NeuronFactor(0, f.Sample, NeuronFactor.OrderOf(f.Kind))).ToList();
            var derivative = Polynomial.Zero;
            for (int f = 0; f < factors.Count; f++)
                for (int g = 0; g < factors.Count; g++)
                {
                    if (factors[f].Sample != x || factors[g].Sample != y) continue;
                    var d = NeuronFunctional.Differentiate(factors, f == g ? [f, f] : [f, g]);
                    if (d is not null) derivative += reducer.Expect(d);
                }
            if (x == y) derivative /= 2;
            result += p.Derivative(atom) * derivative;
        }
        return result;
    }
}
