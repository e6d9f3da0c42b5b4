using System.Numerics;
using Wick.Algebra.Pairings;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Correlators;

/// <summary>
/// One layer of the deep linear network, z^{(ℓ+1)}_{i;α} = b^{(ℓ+1)}_i + Σ_j W^{(ℓ+1)}_{ij} z^{(ℓ)}_{j;α}, pushed
/// through a correlator. Expanding every factor, the points S that take a bias pair among themselves
/// (E[b b] = δ C_b), the others pair their weights (E[W W] = δ_{ii'} δ_{jj'} C_W/n_ℓ) and the remaining layer-ℓ
/// correlator is contracted with the weight deltas. The neural structure at layer ℓ+1 is δ_i(π) with π = bias
/// pairs ∪ weight pairs, so
/// F^{(ℓ+1)}_π = Σ_{S ⊆ pairs(π)} C_b^{|S|} (C_W/n_ℓ)^{m−|S|} · [Σ_j δ_j(π|_T) E[Π_{k∈T} z^{(ℓ)}_{j_k}]].
/// </summary>
public static class ForwardStep
{
    /// <summary>C_W (layer-independent).</summary>
    public static Symbol CW => Symbol.CW;

    /// <summary>C_b (layer-independent).</summary>
    public static Symbol Cb => Symbol.Cb;

    /// <summary>F^{(ℓ+1)}_π(α): the coefficient of δ_i(π) in the layer-(ℓ+1) correlator, in terms of layer ℓ.</summary>
    public static Polynomial StructureAbove(Pairing pi, IReadOnlyList<string?> samples, LayerStructure below, bool bias)
    {
        if (samples.Count != pi.PointCount) throw new ArgumentException("One sample label per point.", nameof(samples));
        var pairs = pi.Pairs;
        int m = pairs.Count;
        var weightVariance = Polynomial.Var(CW).DivideExactly(Polynomial.Var(below.Width));
        if (!bias) return weightVariance.Pow(m) * below.WeightContraction(pi, samples);

        if (below.IsLabelBlind)
        {
            // Pattern mode over the bias subsets: only |S| matters, C(m, s) subsets each.
            var total = Polynomial.Zero;
            BigInteger binom = BigInteger.One;
            for (int s = 0; s <= m; s++)
            {
                var rest = Pairing.Adjacent(2 * (m - s));
                var restLabels = Enumerable.Repeat<string?>(null, 2 * (m - s)).ToList();
                total += Polynomial.Var(Cb).Pow(s) * weightVariance.Pow(m - s) * below.WeightContraction(rest, restLabels) * (Rational)binom;
                binom = binom * (m - s) / (s + 1);
            }
            return total;
        }

        if (m > 20) throw new InvalidOperationException($"{m} pairs with biases and several inputs: 2^{m} bias subsets is beyond the brute-force budget.");
        var sum = Polynomial.Zero;
        for (int mask = 0; mask < 1 << m; mask++)
        {
            var weightPairs = new List<(int, int)>();
            int s = 0;
            for (int k = 0; k < m; k++)
                if ((mask >> k & 1) != 0) s++;
                else weightPairs.Add(pairs[k]);
            var (restPairing, restLabels) = Restrict(weightPairs, samples);
            sum += Polynomial.Var(Cb).Pow(s) * weightVariance.Pow(m - s) * below.WeightContraction(restPairing, restLabels);
        }
        return sum;
    }

    /// <summary>
    /// The full correlator E[Π_k z^{(ℓ+1)}_{i_k;α_k}] = Σ_π δ_i(π) F^{(ℓ+1)}_π in terms of layer ℓ. A single input
    /// (no sample labels) gives one F for every π, so the result is the pairing tensor times F^{(ℓ+1)} of one π
    /// (3.44), at any number of points; with sample labels (or an explicit <paramref name="enumerator"/>, for
    /// cross-checks) the pairings π are enumerated, which is for moderate numbers of points.
    /// </summary>
    public static TensorPolynomial CorrelatorAbove(IReadOnlyList<FieldPoint> points, LayerStructure below, bool bias, PairingEnumerator? enumerator = null)
    {
        if (points.Count % 2 != 0) return TensorPolynomial.Zero; // odd moments of a zero-mean ensemble vanish
        if (enumerator is null && IsSingleInput(points))
            return TensorPolynomial.Pairings(PairingTensor.Of(points.Select(p => p.Neural)),
                StructureAbove(Pairing.Adjacent(points.Count), points.Select(p => p.Sample).ToList(), below, bias));
        if (enumerator is null) ExplicitTensorTooLargeException.Guard(points.Count);
        if (enumerator is null && OrbitsAbove(points, below, bias) is { } orbits) return orbits.Expand();
        var samples = points.Select(p => p.Sample).ToList();
        var cache = new Dictionary<string, Polynomial>();
        var terms = new List<(DeltaProduct, Polynomial)>();
        foreach (var pi in (enumerator ?? PairingEnumerator.Default).Enumerate(points.Count))
        {
            var deltas = DeltaProduct.FromPairs(pi.Pairs.Select(pr => (points[pr.First].Neural, points[pr.Second].Neural)));
            string key = below.IsLabelBlind ? "" : LabelKey(pi, samples);
            if (!cache.TryGetValue(key, out var f)) cache[key] = f = StructureAbove(pi, samples, below, bias);
            terms.Add((deltas, f));
        }
        return TensorPolynomial.FromTerms(terms);
    }

    /// <summary>The correlator at layer ℓ itself in its recognised form Σ_q δ(q) F^{(ℓ)}_q.</summary>
    public static TensorPolynomial CorrelatorAt(IReadOnlyList<FieldPoint> points, HiddenLayerStructure layer, PairingEnumerator? enumerator = null)
    {
        if (points.Count % 2 != 0) return TensorPolynomial.Zero;
        var samples = points.Select(p => p.Sample).ToList();
        if (enumerator is null && IsSingleInput(points))
            return TensorPolynomial.Pairings(PairingTensor.Of(points.Select(p => p.Neural)), layer.Structure(Pairing.Adjacent(points.Count), samples));
        if (enumerator is null) ExplicitTensorTooLargeException.Guard(points.Count);
        if (enumerator is null && OrbitsAt(points, layer) is { } orbits) return orbits.Expand();
        return TensorPolynomial.FromTerms((enumerator ?? PairingEnumerator.Default).Enumerate(points.Count).Select(q =>
            (DeltaProduct.FromPairs(q.Pairs.Select(pr => (points[pr.First].Neural, points[pr.Second].Neural))), layer.Structure(q, samples))));
    }

    /// <summary>
    /// The correlator above in orbit form: F^{(ℓ+1)}_π derived once per orbit of pairings under the relabelling symmetry
    /// (<see cref="PointSymmetry"/>), the other members being its relabellings λ_σ F_π. Null when the symmetry does not
    /// apply (single input, a repeated neural index).
    /// </summary>
    public static OrbitTensor? OrbitsAbove(IReadOnlyList<FieldPoint> points, LayerStructure below, bool bias)
    {
        if (points.Count % 2 != 0 || PointSymmetry.Of(points) is not { } symmetry) return null;
        var samples = points.Select(p => p.Sample).ToList();
        return new OrbitTensor(symmetry, symmetry.PairingOrbits(PairingEnumerator.Default.Enumerate(points.Count))
            .Select(o => new OrbitTerm(o, StructureAbove(o.Representative, samples, below, bias))).ToList());
    }

    /// <summary>The correlator at layer ℓ in its recognised form, one F^{(ℓ)}_q per orbit of pairings (see <see cref="OrbitsAbove"/>).</summary>
    public static OrbitTensor? OrbitsAt(IReadOnlyList<FieldPoint> points, HiddenLayerStructure layer)
    {
        if (points.Count % 2 != 0 || PointSymmetry.Of(points) is not { } symmetry) return null;
        var samples = points.Select(p => p.Sample).ToList();
        return new OrbitTensor(symmetry, symmetry.PairingOrbits(PairingEnumerator.Default.Enumerate(points.Count))
            .Select(o => new OrbitTerm(o, layer.Structure(o.Representative, samples))).ToList());
    }

    /// <summary>
    /// No field carries a sample label: F_π then depends on π through its sample labels only, which are all absent
    /// (the loop distribution Σ_q n^{loops(p,q)} is the same for every p, the input pairs all give G2^(0)).
    /// </summary>
    private static bool IsSingleInput(IReadOnlyList<FieldPoint> points) => points.All(p => p.Sample is null);

    /// <summary>The sample-label pattern of π (F_π depends on nothing else).</summary>
    internal static string LabelKey(Pairing pi, IReadOnlyList<string?> samples) =>
        string.Join("|", pi.Pairs.Select(pr => string.Join(",", new[] { samples[pr.First] ?? "", samples[pr.Second] ?? "" }.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal));

    private static (Pairing, List<string?>) Restrict(List<(int, int)> pairs, IReadOnlyList<string?> samples)
    {
        var labels = new List<string?>(2 * pairs.Count);
        var relabelled = new List<(int, int)>(pairs.Count);
        foreach (var (a, b) in pairs)
        {
            relabelled.Add((labels.Count, labels.Count + 1));
            labels.Add(samples[a]);
            labels.Add(samples[b]);
        }
        return (Pairing.FromPairs(2 * pairs.Count, relabelled), labels);
    }
}
