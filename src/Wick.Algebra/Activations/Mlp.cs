using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Activations;

/// <summary>
/// Gaussian expectations ⟨f(z)⟩_{K^{(ℓ)}} of the mlp model (4.118–4.120) as typed atoms (<see cref="AtomKind.GaussianExpectation"/>)
/// with a structured body; the atom prints as the input spelling, e.g. <c>&lt;sigma_a1 sigma_a2&gt;_{K^(l)}</c>, so a printed
/// result parses back. The factors of a body commute: the body keeps them sorted.
/// </summary>
public static class GaussianExpectations
{
    /// <summary>⟨Π_k f_k⟩_{K^{(ℓ)}} for the given factors, canonical order.</summary>
    public static Symbol Of(IEnumerable<GaussianFactor> factors, Layer kernelLayer) => Symbol.Gaussian(new GaussianBody(factors), kernelLayer);

    /// <summary>⟨σ_{α₁} σ_{α₂}⟩_{K^{(ℓ)}}.</summary>
    public static Symbol SigmaSigma(string a1, string a2, Layer kernelLayer) => Of([GaussianFactor.Sigma(a1), GaussianFactor.Sigma(a2)], kernelLayer);

    /// <summary>True for a Gaussian expectation atom.</summary>
    public static bool IsPlaceholder(Symbol s) => s.Kind == AtomKind.GaussianExpectation;
}

/// <summary>
/// The layer ℓ of an MLP seen from the weights of layer ℓ+1: the next layer multiplies activations σ(z^{(ℓ)}_{j;α}),
/// so a weight pairing p needs Σ_j δ_j(p) E[Π_k σ^{(ℓ)}_{j_k;α_k}]: every pair of p is one summed neuron j.
/// <para><b>Exact</b> (one pair): Σ_j E[σ_{j;α}σ_{j;α'}] = n_ℓ · A, with A = (1/n_ℓ) Σ_j E[σ_{j;α}σ_{j;α'}] the
/// neuron-averaged two-point function (<see cref="NeuronAverage"/>).</para>
/// <para><b>Leading order</b> (chapter 4): the preactivations of layer ℓ are Gaussian with kernel K^{(ℓ)} and different
/// neurons independent up to O(1/n), so a single-neuron expectation is ⟨·⟩_{K^{(ℓ)}} + O(1/n) and m distinct summed
/// neurons give n_ℓ(n_ℓ−1)⋯ ≃ n_ℓ^m Π_pairs ⟨σσ⟩_{K^{(ℓ)}} (coincident neurons are down by 1/n_ℓ).</para>
/// </summary>
public sealed class ActivationLayer(Layer layer, bool leadingOrder) : LayerStructure(layer)
{
    /// <summary>True: apply the leading-order rule; false: exact (one pair only).</summary>
    public bool LeadingOrder { get; } = leadingOrder;

    /// <summary>The neuron-averaged E[σσ]: <c>(1/n_l) sum_j E[sigma(z^(l)_{j;a1}) sigma(z^(l)_{j;a2})]</c> (labels sorted).</summary>
    public static Symbol NeuronAverage(string a1, string a2, Layer layer) => Symbol.NeuronAverage(layer, a1, a2);

    public override Polynomial WeightContraction(Pairing p, IReadOnlyList<string?> samples)
    {
        var n = Polynomial.Var(Width);
        string Label(int k) => samples[k] ?? throw new Wick.Algebra.Checking.EvaluationException("The mlp model needs a sample label on every field (z_{i;a}).");
        if (p.PairCount == 0) return Polynomial.One; // every point took a bias pair
        if (!LeadingOrder)
        {
            if (p.PairCount != 1)
                throw new RefusedException("Exact activation correlators of more than one neuron pair are not built (only the leading order).");
            var (a, b) = p.Pairs[0];
            return n * Polynomial.Var(NeuronAverage(Label(a), Label(b), Layer));
        }
        return Polynomial.Product(p.Pairs.Select(pr => n * Polynomial.Var(GaussianExpectations.SigmaSigma(Label(pr.First), Label(pr.Second), Layer))));
    }
}

/// <summary>
/// The general-activation (mlp) model at leading order in 1/n: z^{(ℓ+1)}_{i;α} = b_i + Σ_j W_{ij} σ(z^{(ℓ)}_{j;α}),
/// biases and weights paired by <see cref="ForwardStep"/> exactly as for deep linear networks; the activations of the
/// layer below contracted by <see cref="ActivationLayer"/>; the leading-order rule E[f(z_j)] = ⟨f⟩_K + O(1/n) applied
/// last. Biases are part of the model (set C_b = 0 for none).
/// </summary>
public static class Mlp
{
    /// <summary>What each stage of a derivation gave (exact in terms of the layer below, then leading order).</summary>
    public sealed record Stages(TensorPolynomial Exact, TensorPolynomial LeadingOrder, bool Approximated);

    /// <summary>
    /// E[Π_k z^{(ℓ)}_{i_k;α_k}] in terms of layer ℓ−1 (layer 1: of the inputs, exact). Two points: the exact
    /// neuron-averaged form, then the leading-order rule; more points: leading order only (<see cref="Stages.Exact"/> is
    /// then the leading order too).
    /// </summary>
    public static Stages CorrelatorFromBelow(IReadOnlyList<FieldPoint> points, Layer layer)
    {
        if (layer == Layer.Concrete(0)) throw new Wick.Algebra.Checking.EvaluationException("Layer 0 is the input layer: its fields are fixed data, not random.");
        if (layer == Layer.Concrete(1))
        {
            var first = ForwardStep.CorrelatorAbove(points, new InputLayer(), bias: true);
            return new Stages(first, first, false);
        }
        var below = layer.Previous;
        var leading = ForwardStep.CorrelatorAbove(points, new ActivationLayer(below, leadingOrder: true), bias: true);
        if (points.Count != 2) return new Stages(leading, leading, true);
        var exact = ForwardStep.CorrelatorAbove(points, new ActivationLayer(below, leadingOrder: false), bias: true);
        // The leading-order rule as a substitution: the neuron average of E[σσ] is ⟨σσ⟩_K + O(1/n).
        var a = points[0].Sample ?? throw new Wick.Algebra.Checking.EvaluationException("The mlp model needs sample indices: z_{i;a}.");
        var b = points[1].Sample ?? throw new Wick.Algebra.Checking.EvaluationException("The mlp model needs sample indices: z_{i;a}.");
        var rule = new Dictionary<Symbol, Polynomial> { [ActivationLayer.NeuronAverage(a, b, below)] = Polynomial.Var(GaussianExpectations.SigmaSigma(a, b, below)) };
        var ruled = exact.Map(c => c.Substitute(rule));
        if (!(ruled - leading).IsZero) throw new InvalidOperationException("Leading-order rule and leading-order contraction disagree.");
        return new Stages(exact, ruled, true);
    }

    /// <summary>
    /// The leading-order kernel recursion (4.118), K^{(ℓ+1)}_{α₁α₂} = C_b + C_W ⟨σ_{α₁}σ_{α₂}⟩_{K^{(ℓ)}} + O(1/n): the
    /// δ_{i₁i₂} coefficient of the derived E[z^{(ℓ+1)}_{i₁;α₁} z^{(ℓ+1)}_{i₂;α₂}].
    /// </summary>
    /// <param name="a1">First sample label.</param>
    /// <param name="a2">Second sample label.</param>
    /// <param name="above">The layer of the target (default ℓ+1); the placeholders name its layer below, so the
    /// recursion is built at the layer asked for rather than shifted.</param>
    public static Recursion Kernel(string a1, string a2, Layer? above = null)
    {
        var target = above ?? Layer.L.Next;
        var stages = CorrelatorFromBelow([new FieldPoint("i1", a1), new FieldPoint("i2", a2)], target);
        var term = stages.LeadingOrder.Terms.Single();
        return new Recursion(MultiInputLayer.Vertex(target, [(a1, a2)]), term.Coefficient, "leading-order kernel (4.118), up to O(1/n)");
    }

    /// <summary>
    /// Leading-order E[Π_k z^{(ℓ)}_{i_k;α_k}] at a layer itself: Gaussian with kernel K^{(ℓ)}, Σ_π δ_i(π) Π_pairs K^{(ℓ)}.
    /// </summary>
    public static TensorPolynomial CorrelatorAt(IReadOnlyList<FieldPoint> points, Layer layer)
    {
        if (points.Count % 2 != 0) return TensorPolynomial.Zero;
        ExplicitTensorTooLargeException.Guard(points.Count);
        string Label(int k) => points[k].Sample ?? throw new Wick.Algebra.Checking.EvaluationException("The mlp model needs sample indices: z_{i;a}.");
        return TensorPolynomial.FromTerms(PairingEnumerator.Default.Enumerate(points.Count).Select(q =>
            (DeltaProduct.FromPairs(q.Pairs.Select(pr => (points[pr.First].Neural, points[pr.Second].Neural))),
             Polynomial.Product(q.Pairs.Select(pr => Polynomial.Var(MultiInputLayer.Vertex(layer, [(Label(pr.First), Label(pr.Second))])))))));
    }
}
