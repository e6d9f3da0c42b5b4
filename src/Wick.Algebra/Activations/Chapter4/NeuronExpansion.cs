using System.Numerics;
using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Activations.Chapter4;

/// <summary>
/// Expectations over the preactivations of layer ℓ to first order in 1/n (4.104)–(4.106). The layer-ℓ distribution has
/// metric G = K + G^{\{1\}}/n_{ℓ−1} + O(1/n²) and the connected four-point function (4.77)
/// E[z_{j1;β1} z_{j2;β2} z_{j3;β3} z_{j4;β4}]_c = (1/n_{ℓ−1}) [δ_{j1j2}δ_{j3j4} V_{(β1β2)(β3β4)} + 2 more] + O(1/n²),
/// higher cumulants O(1/n²). Gaussian integration by parts (Price: ∂⟨F⟩_K/∂K_{γδ} = ½⟨∂_γ∂_δF⟩_K over ordered pairs) and the
/// fourth-cumulant (Edgeworth) term give, for F a product of σ^{(k)} on any neurons,
/// E[F] = ⟨F⟩_K + (1/n_{ℓ−1}) [ ½ Σ_j Σ G^{\{1\}}_{xy} ⟨∂_{j;x}∂_{j;y}F⟩_K + ⅛ Σ_{j,k} Σ V_{(xy)(uv)} ⟨∂_{j;x}∂_{j;y}∂_{k;u}∂_{k;v}F⟩_K ] + O(1/n²),
/// the ⅛ being 3/4! (three pairings of the four-point cumulant). Neurons that carry no factor of F (the spectators of
/// the text after (4.115)) drop out because ∂ of F along them vanishes: the sums run over F's own neurons. Sample sums
/// collapse onto the samples of F's factors (∂_x acts on the factor at x), so no dummy sample index arises; lowered V and
/// G^{\{1\}} only — this is the derivative form of (4.115), (4.119).
/// </summary>
public sealed class NeuronExpansion(Layer layer, GaussianReducer reducer)
{
    /// <summary>The layer ℓ whose preactivations are averaged.</summary>
    public Layer Layer { get; } = layer;

    /// <summary>The Gaussian expectations ⟨…⟩_{K^{(ℓ)}} in normal form.</summary>
    public GaussianReducer Reducer { get; } = reducer;

    /// <summary>Layer 1 is exactly Gaussian (its preactivations are linear in Gaussian weights): no 1/n terms.</summary>
    public bool ExactlyGaussian => Layer == Layer.Concrete(1);

    /// <summary>The width n_{ℓ−1} that counts the 1/n order of layer ℓ (4.104).</summary>
    public Symbol ExpansionWidth => Symbol.Width(Layer.Previous);

    /// <summary>E[F] through order 1/n (exact for layer 1).</summary>
    public Polynomial Expect(IReadOnlyList<NeuronFactor> factors)
    {
        var leading = NeuronFunctional.Gaussian(factors, Reducer);
        if (ExactlyGaussian) return leading;
        return leading + Correction(factors) * Polynomial.FromMonomial(Monomial.Of(ExpansionWidth).Pow(-1));
    }

    /// <summary>The bracket multiplying 1/n_{ℓ−1}: the metric (½ G^{\{1\}} ∂∂) and vertex (⅛ V ∂∂∂∂) terms.</summary>
    public Polynomial Correction(IReadOnlyList<NeuronFactor> factors)
    {
        var sum = Polynomial.Zero;
        var neurons = factors.Select(f => f.Neuron).Distinct().ToList();
        Rational half = Rational.One / 2, eighth = Rational.One / 8;
        foreach (var j in neurons)
        {
            var onJ = Indices(factors, j);
            foreach (var x in onJ)
            foreach (var y in onJ)
            {
                var d = NeuronFunctional.Differentiate(factors, [x, y]);
                if (d is null) continue;
                sum += half * Polynomial.Var(Symbol.NloMetric(Layer, factors[x].Sample, factors[y].Sample)) * NeuronFunctional.Gaussian(d, Reducer);
            }
        }
        foreach (var j in neurons)
        foreach (var k in neurons)
        {
            var onJ = Indices(factors, j);
            var onK = Indices(factors, k);
            foreach (var x in onJ) foreach (var y in onJ) foreach (var u in onK) foreach (var v in onK)
            {
                var d = NeuronFunctional.Differentiate(factors, [x, y, u, v]);
                if (d is null) continue;
                var vertex = Symbol.Vertex(Layer, [(factors[x].Sample, factors[y].Sample), (factors[u].Sample, factors[v].Sample)]);
                sum += eighth * Polynomial.Var(vertex) * NeuronFunctional.Gaussian(d, Reducer);
            }
        }
        return sum;
    }

    private static List<int> Indices(IReadOnlyList<NeuronFactor> factors, int neuron) =>
        Enumerable.Range(0, factors.Count).Where(i => factors[i].Neuron == neuron).ToList();
}

/// <summary>
/// Layer ℓ of an mlp seen from the weights of layer ℓ+1, through order 1/n: a weight pairing p needs
/// Σ_{j_1…j_m} E[Π_{pairs} σ_{j_p;α}σ_{j_p;α'}]. The neuron sums split by which pairs sit on the same neuron (4.87)–(4.89):
/// a set partition of the pairs into B distinct neurons counts n_ℓ(n_ℓ−1)⋯(n_ℓ−B+1), and each case is averaged by
/// <see cref="NeuronExpansion"/>.
/// </summary>
public sealed class ExpandedActivationLayer(NeuronExpansion expansion) : LayerStructure(expansion.Layer)
{
    /// <summary>The expansion of layer ℓ's expectations.</summary>
    public NeuronExpansion Expansion { get; } = expansion;

    public override Polynomial WeightContraction(Pairing p, IReadOnlyList<string?> samples)
    {
        if (p.PairCount == 0) return Polynomial.One; // every point took a bias pair
        string Label(int k) => samples[k] ?? throw new Wick.Algebra.Checking.EvaluationException("The mlp model needs a sample label on every field (z_{i;a}).");
        var pairs = p.Pairs;
        var n = Polynomial.Var(Width);
        var sum = Polynomial.Zero;
        foreach (var partition in SetPartitions.Enumerate(pairs.Count))
        {
            var factors = new List<NeuronFactor>();
            for (int b = 0; b < partition.BlockCount; b++)
                foreach (var pr in partition.Blocks[b])
                {
                    factors.Add(NeuronFactor.Sigma(b, Label(pairs[pr].First)));
                    factors.Add(NeuronFactor.Sigma(b, Label(pairs[pr].Second)));
                }
            var count = Polynomial.One;
            for (int b = 0; b < partition.BlockCount; b++) count *= n - b;
            sum += count * Expansion.Expect(factors);
        }
        return sum;
    }
}
