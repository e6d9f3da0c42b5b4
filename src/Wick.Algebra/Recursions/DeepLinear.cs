using System.Globalization;
using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Recursions;

/// <summary>
/// Deep linear networks (chapter 3, and their multi-input, biased generalisation): every result here is derived by
/// the engine — expand the forward equation, Wick-pair weights and biases, contract the Kronecker deltas
/// (closed loops give widths), and recognise the structure of the next layer.
/// </summary>
public static class DeepLinear
{
    private static readonly Layer L = Layer.L;

    /// <summary>C_W.</summary>
    public static Symbol CW => ForwardStep.CW;

    /// <summary>C_b.</summary>
    public static Symbol Cb => ForwardStep.Cb;

    /// <summary>The single-input 2m-point quantity G{2m}^(layer).</summary>
    public static Symbol G(int points, Layer layer) => Symbol.Correlator(points, layer);

    /// <summary>
    /// G_{2m}^{(ℓ+1)} in terms of layer ℓ (3.45): the forward step applied to one neural pairing (all pairings carry
    /// the same G_{2m} for a single input). Without bias the engine then divides out C_W^m G_{2m}^{(ℓ)} to find
    /// c_{2m}(n_ℓ), and factors it.
    /// </summary>
    public static Recursion SingleInput(int m, bool bias = false, PairingMode mode = PairingMode.Pattern)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "A 2m-point correlator needs m ≥ 1.");
        var below = new SingleInputLayer(L, mode);
        var pi = Pairing.Adjacent(2 * m);
        var step = ForwardStep.StructureAbove(pi, new string?[2 * m], below, bias);
        string description = $"E[z^(l+1)_{{i1}} ... z^(l+1)_{{i{2 * m}}}] = (sum over the {PairingEnumerator.Count(2 * m)} pairings of delta_{{i i'}}...) G{2 * m}^(l+1)";
        if (bias) return new Recursion(G(2 * m, L.Next), step, description);
        var scale = Polynomial.Var(CW).Pow(m) * Polynomial.Var(G(2 * m, L));
        var c = step.DivideExactly(scale);
        var width = Symbol.Width(L);
        return new Recursion(G(2 * m, L.Next), step, description)
        {
            WidthFactor = c,
            WidthFactorProduct = PolynomialFactoring.FactorInInverse(c, width),
        };
    }

    /// <summary>c_{2m}(n), derived: the width factor of the single-input recursion, in the width symbol <paramref name="n"/>.</summary>
    public static Polynomial C2m(int m, Symbol n) =>
        SingleInput(m).WidthFactor!.Substitute(Symbol.Width(L), Polynomial.Var(n));

    /// <summary>
    /// The recursion of the connected 2k-point piece with the given sample-label pairs (k = 1: the metric K,
    /// k = 2: the four-point vertex V, k = 3: the six-point piece V6): F^{(ℓ+1)} from the forward step, minus the
    /// disconnected products of lower pieces (themselves replaced by their derived steps), times n_ℓ^{k−1}.
    /// </summary>
    public static Recursion Vertex(IReadOnlyList<(string, string)> labelPairs, bool bias) =>
        new VertexDeriver(bias, new MultiInputLayer(L)).Recursion(labelPairs);

    /// <summary>
    /// The first layer from the inputs (3.18), derived like <see cref="Vertex"/> with the input layer below:
    /// K^{(1)}_{αβ} = C_b + C_W G^{(0)}_{αβ}, and connected pieces V^{(1)}, V6^{(1)}, … (zero: the first layer is Gaussian).
    /// </summary>
    public static Recursion FirstLayerVertex(IReadOnlyList<(string, string)> labelPairs, bool bias) =>
        new VertexDeriver(bias, new InputLayer()).Recursion(labelPairs);

    /// <summary>G_{2m}^{(1)} in terms of the input G2^(0) (3.18): the forward step applied to the fixed inputs.</summary>
    public static Recursion FirstLayerSingleInput(int m, bool bias)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "A 2m-point correlator needs m ≥ 1.");
        var step = ForwardStep.StructureAbove(Pairing.Adjacent(2 * m), new string?[2 * m], new InputLayer(), bias);
        return new Recursion(G(2 * m, Layer.Concrete(1)), step, "first layer from the inputs (3.18)");
    }

    /// <summary>
    /// Metric K_{αβ} for every pair of the inputs a1 … aN and four-point vertex V_{(αβ)(γδ)} for every index pattern.
    /// </summary>
    public static RecursionSystem MultiInput(int inputs, bool bias)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "At least one input.");
        var labels = Enumerable.Range(1, inputs).Select(i => "a" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var pairs = new List<(string, string)>();
        for (int i = 0; i < inputs; i++)
            for (int j = i; j < inputs; j++) pairs.Add((labels[i], labels[j]));
        var deriver = new VertexDeriver(bias, new MultiInputLayer(L));
        var list = pairs.Select(p => deriver.Recursion([p])).ToList();
        for (int i = 0; i < pairs.Count; i++)
            for (int j = i; j < pairs.Count; j++) list.Add(deriver.Recursion([pairs[i], pairs[j]]));
        return new RecursionSystem(list);
    }

    /// <summary>
    /// E[Π_k z^{(layer)}_{i_k;α_k}] in its recognised form at that layer: Σ_π δ(π) G_{2m}^{(layer)} for a single
    /// input (3.44), the K/V decomposition (4.42) (and its six-point analogue) for several inputs.
    /// </summary>
    public static TensorPolynomial Correlator(IReadOnlyList<FieldPoint> points, Layer layer)
    {
        if (points.Any(p => p.Sample is not null)) ExplicitTensorTooLargeException.GuardSeveralInputs(points.Count);
        return ForwardStep.CorrelatorAt(points, Structure(points, layer));
    }

    /// <summary>E[Π_k z^{(layer)}] in terms of the layer below (inputs for layer 1).</summary>
    public static TensorPolynomial CorrelatorFromBelow(IReadOnlyList<FieldPoint> points, Layer layer, bool bias)
    {
        if (layer == Layer.Concrete(0)) throw new ArgumentException("Layer 0 is the input layer: its fields are fixed data, not random.");
        if (points.Any(p => p.Sample is not null)) ExplicitTensorTooLargeException.GuardSeveralInputs(points.Count);
        LayerStructure below = layer == Layer.Concrete(1) ? new InputLayer() : Structure(points, layer.Previous);
        return ForwardStep.CorrelatorAbove(points, below, bias);
    }

    /// <summary>
    /// <see cref="Correlator"/> as orbits under the relabelling symmetry of the points (one F per orbit of pairings);
    /// null when the symmetry does not apply (single input, repeated neural index).
    /// </summary>
    public static OrbitTensor? CorrelatorOrbits(IReadOnlyList<FieldPoint> points, Layer layer)
    {
        ExplicitTensorTooLargeException.GuardSeveralInputs(points.Count);
        return points.Any(p => p.Sample is null) ? null : ForwardStep.OrbitsAt(points, new MultiInputLayer(layer));
    }

    /// <summary><see cref="CorrelatorFromBelow"/> as orbits (one F per orbit of pairings); null when the symmetry does not apply.</summary>
    public static OrbitTensor? CorrelatorFromBelowOrbits(IReadOnlyList<FieldPoint> points, Layer layer, bool bias)
    {
        if (layer == Layer.Concrete(0)) throw new ArgumentException("Layer 0 is the input layer: its fields are fixed data, not random.");
        ExplicitTensorTooLargeException.GuardSeveralInputs(points.Count);
        if (points.Any(p => p.Sample is null)) return null;
        LayerStructure below = layer == Layer.Concrete(1) ? new InputLayer() : new MultiInputLayer(layer.Previous);
        return ForwardStep.OrbitsAbove(points, below, bias);
    }

    /// <summary>The first layer from the inputs (3.18), (3.34): exactly Gaussian, E[z z z z] = C_W² (δδ+δδ+δδ) (G2^(0))².</summary>
    public static TensorPolynomial FirstLayer(IReadOnlyList<FieldPoint> points, bool bias = false) =>
        CorrelatorFromBelow(points, Layer.Concrete(1), bias);

    /// <summary>
    /// The solution (3.47): G_{2m}^{(ℓ)} = [Π_{ℓ'=1}^{ℓ−1} c_{2m}(n_ℓ')] C_W^{m(ℓ−1)} (G_2^{(1)})^m. The initial
    /// condition is derived too: the first layer gives G_{2m}^{(1)} = (G_2^{(1)})^m (it is Gaussian).
    /// </summary>
    public static Solution SolveSingleInput(int m)
    {
        var r = SingleInput(m);
        var g2m1 = FirstLayerStructure(2 * m);
        var g21 = FirstLayerStructure(2);
        if (!g2m1.Equals(g21.Pow(m)))
            throw new InvalidOperationException($"The first layer is not Gaussian for 2m = {2 * m}: {g2m1}.");
        var constant = Polynomial.Var(CW).Pow(m);
        return new Solution(G(2 * m, L), r.WidthFactor! * constant, Polynomial.Zero,
            Polynomial.Var(G(2, Layer.Concrete(1))).Pow(m), m == 1 ? "G2^(1)" : $"(G2^(1))^{m}")
        {
            WidthFactor = r.WidthFactor,
            Constant = constant,
            WidthFactorPoints = 2 * m,
        };
    }

    /// <summary>Solves a linear first-order recursion X^{(ℓ+1)} = A X^{(ℓ)} + B (e.g. the metric with bias).</summary>
    public static Solution SolveLinear(Recursion recursion)
    {
        var x = recursion.Target.AtLayer(L);
        var byPower = recursion.Step.CoefficientsIn(x);
        if (byPower.Keys.Any(k => k is < 0 or > 1))
            throw new ArgumentException($"{recursion.Target} = … is not linear in {x}.");
        var a = byPower.GetValueOrDefault(1, Polynomial.Zero);
        var b = byPower.GetValueOrDefault(0, Polynomial.Zero);
        if (a.Symbols.Concat(b.Symbols).Any(s => s.Layer == L && !s.IsWidth))
            throw new ArgumentException($"{recursion.Target} couples to other layer-l quantities; solve the system instead.");
        var first = x.AtLayer(Layer.Concrete(1));
        return new Solution(x, a, b, Polynomial.Var(first), first.ToString());
    }

    private static Polynomial FirstLayerStructure(int points)
    {
        return ForwardStep.StructureAbove(Pairing.Adjacent(points), new string?[points], new InputLayer(), bias: false);
    }

    private static HiddenLayerStructure Structure(IReadOnlyList<FieldPoint> points, Layer layer)
    {
        bool single = points.All(p => p.Sample is null);
        if (!single && points.Any(p => p.Sample is null))
            throw new ArgumentException("Either every field carries a sample index or none does.");
        return single ? new SingleInputLayer(layer) : new MultiInputLayer(layer);
    }

    /// <summary>Derives connected pieces at ℓ+1 recursively, memoised by canonical symbol.</summary>
    private sealed class VertexDeriver(bool bias, LayerStructure below)
    {
        private readonly Dictionary<Symbol, Recursion> _done = [];
        private readonly LayerStructure _below = below;

        public Recursion Recursion(IReadOnlyList<(string, string)> labelPairs)
        {
            var above = _below.Layer.Next;
            var target = MultiInputLayer.Vertex(above, labelPairs);
            if (_done.TryGetValue(target, out var r)) return r;
            int k = labelPairs.Count;
            var samples = labelPairs.SelectMany(p => new string?[] { p.Item1, p.Item2 }).ToList();
            var f = ForwardStep.StructureAbove(Pairing.Adjacent(2 * k), samples, _below, bias);
            var nl = Polynomial.Var(_below.Width);
            var disconnected = MultiInputLayer.Decomposition(above, labelPairs, nl, (_, b) => Recursion(b).Step, skipSingleBlock: true);
            var step = (f - disconnected) * nl.Pow(k - 1);
            string what = k switch { 1 => "metric (= K exactly for deep linear)", 2 => "four-point vertex, (4.42)", _ => $"connected {2 * k}-point piece" };
            r = new Recursion(target, step, what);
            _done[target] = r;
            return r;
        }
    }
}
