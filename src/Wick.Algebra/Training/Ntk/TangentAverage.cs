using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Pairings;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Training.Ntk;

/// <summary>
/// The expectation of <see cref="StepTerm"/>s over the initialization, at leading order in 1/n (the infinite-width limit of
/// lectures §2.3.5): (1) the NTK of layer ℓ is deterministic, Ĥ^{(ℓ)}_{j1j2;α1α2} → δ_{j1j2} Θ^{(ℓ)}_{α1α2} (lectures (73); its
/// fluctuations and its correlation with σ' are O(1/n)); (2) the Gaussian fields of layer ℓ+1 are paired by Wick's theorem
/// (lectures (44)) — E[W_{ij}W_{km}] = δ_{ik}δ_{jm} C_W/n_ℓ, E[b_i b_k] = δ_{ik} C_b — over every perfect matching
/// (<see cref="PairingEnumerator"/>); W^{(ℓ+1)} is independent of layer ℓ; (3) the Kronecker deltas are contracted: a class of
/// summed indices of layer ℓ carrying activations is one neuron summed, Σ_j E[Π σ^{(k)}(z_{j;α})] = n_ℓ ⟨Π σ^{(k)}_α⟩_{K^{(ℓ)}}
/// (<see cref="GaussianReducer"/>), inputs give Σ_j x_{j;α}x_{j;β} = n_0 G^{(0)}_{αβ} (3.18), an empty class its width.
/// The result keeps the O(1) part (exact at layer 1, where everything is deterministic).
/// </summary>
public sealed class TangentAverage(Layer above, IGaussianActivation? activation = null)
{
    /// <summary>The layer ℓ+1 of the step.</summary>
    public Layer Above { get; } = above;

    /// <summary>The layer ℓ below.</summary>
    public Layer Below => Above.Previous;

    private readonly GaussianReducer _reducer = new(above.Previous, activation);

    /// <summary>E[Σ terms] as δ-structures on the free indices times exact coefficients, O(1) part.</summary>
    public TensorPolynomial Expect(IEnumerable<StepTerm> terms)
    {
        var total = TensorPolynomial.Zero;
        foreach (var t in terms) total += ExpectTerm(t);
        return total.Map(c => c.TruncateWidthOrder(0));
    }

    private TensorPolynomial ExpectTerm(StepTerm term)
    {
        // (1) the NTK below at infinite width.
        var coefficient = term.Coefficient;
        var deltas = term.Factors.OfType<NeuralDelta>().Select(d => (d.A, d.B)).ToList();
        foreach (var h in term.Factors.OfType<TangentKernelFactor>())
        {
            deltas.Add((h.First.Neuron, h.Second.Neuron));
            coefficient *= Polynomial.Var(Symbol.TangentKernel(Below, h.First.Sample, h.Second.Sample));
        }
        // (2) Wick pairing of the Gaussian fields of layer ℓ+1.
        var fields = term.Factors.Where(f => f is WeightFactor or BiasFactor).ToList();
        if (fields.Count % 2 != 0) return TensorPolynomial.Zero;
        var result = TensorPolynomial.Zero;
        var weightVariance = Polynomial.Var(Symbol.CW) * Polynomial.FromMonomial(Monomial.Of(Symbol.Width(Below)).Pow(-1));
        foreach (var pairing in PairingEnumerator.Default.Enumerate(fields.Count))
        {
            var paired = new List<(NeuralIndex, NeuralIndex)>(deltas);
            var c = coefficient;
            bool vanishes = false;
            foreach (var (p, q) in pairing.Pairs)
            {
                switch (fields[p], fields[q])
                {
                    case (WeightFactor u, WeightFactor v):
                        paired.Add((u.Row, v.Row));
                        paired.Add((u.Column, v.Column));
                        c *= weightVariance;
                        break;
                    case (BiasFactor u, BiasFactor v):
                        paired.Add((u.Row, v.Row));
                        c *= Polynomial.Var(Symbol.Cb);
                        break;
                    default: vanishes = true; break; // E[W b] = 0
                }
            }
            if (!vanishes) result += Contract(c, paired, term.Factors.OfType<ActivationFactor>().ToList(), term.Summed);
        }
        return result;
    }

    /// <summary>(3) δ-contraction by classes of equal indices, neuron sums to widths and Gaussian expectations.</summary>
    private TensorPolynomial Contract(Polynomial coefficient, List<(NeuralIndex, NeuralIndex)> deltas, List<ActivationFactor> activations, IReadOnlyList<NeuralIndex> summed)
    {
        var parent = new Dictionary<string, string>();
        var layerOf = new Dictionary<string, Layer>();
        string Find(string x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        void Add(NeuralIndex i)
        {
            if (layerOf.TryGetValue(i.Name, out var l) && l != i.Layer)
                throw new InvalidOperationException($"internal: index {i} used at layers {l} and {i.Layer}.");
            layerOf[i.Name] = i.Layer;
            parent.TryAdd(i.Name, i.Name);
        }
        foreach (var (a, b) in deltas) { Add(a); Add(b); }
        foreach (var a in activations) Add(a.Neuron);
        foreach (var s in summed) Add(s);
        foreach (var (a, b) in deltas)
        {
            if (a.Layer != b.Layer) throw new InvalidOperationException($"internal: a delta joins layers {a.Layer} and {b.Layer}.");
            parent[Find(a.Name)] = Find(b.Name);
        }
        var summedNames = summed.Select(s => s.Name).ToHashSet();
        var value = coefficient;
        var free = new List<List<string>>();
        foreach (var cls in parent.Keys.GroupBy(Find))
        {
            var members = cls.ToList();
            var freeMembers = members.Where(m => !summedNames.Contains(m)).ToList();
            var onNeuron = activations.Where(a => members.Contains(a.Neuron.Name)).ToList();
            if (freeMembers.Count > 0)
            {
                if (onNeuron.Count > 0) throw new InvalidOperationException("internal: an activation on a free index.");
                if (freeMembers.Count > 1) free.Add(freeMembers);
                continue;
            }
            var layer = layerOf[members[0]];
            value *= Polynomial.Var(Symbol.Width(layer));
            if (onNeuron.Count > 0) value *= NeuronExpectation(onNeuron);
        }
        var deltaPairs = free.SelectMany(f => f.Skip(1).Select(x => (f[0], x)));
        return TensorPolynomial.Term(DeltaProduct.FromPairs(deltaPairs), value);
    }

    /// <summary>E[Π_f σ^{(k_f)}(z_{j;α_f})] of one neuron at leading order, or (1/n_0) Σ-normalised x·x of the inputs.</summary>
    private Polynomial NeuronExpectation(List<ActivationFactor> factors)
    {
        if (factors.All(f => f.IsInput))
        {
            if (factors.Count != 2) throw new InvalidOperationException($"internal: {factors.Count} inputs on one neuron sum.");
            return Polynomial.Var(Symbol.InputMetric(factors[0].Sample, factors[1].Sample));
        }
        return _reducer.Expect(factors.Select(f => new NeuronFactor(0, f.Sample, f.Order)).ToList());
    }
}
