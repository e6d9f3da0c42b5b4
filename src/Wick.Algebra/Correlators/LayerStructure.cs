using System.Numerics;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Correlators;

/// <summary>One factor z_{i;α} of a correlator: its neural index name and its sample label (null for a single input).</summary>
public sealed record FieldPoint(string Neural, string? Sample = null)
{
    public override string ToString() => Sample is null ? Neural : $"{Neural};{Sample}";
}

/// <summary>How pairings are summed: one by one (brute force) or by orbits (pattern mode). Both must agree.</summary>
public enum PairingMode
{
    /// <summary>Classes of equivalent pairings with exact degeneracies (the default).</summary>
    Pattern,
    /// <summary>Every pairing visited (budgeted; for cross-checks).</summary>
    BruteForce,
}

/// <summary>
/// What the engine knows about the preactivations of one layer ℓ: the contraction of their correlator with a
/// Wick pairing p of the next layer's weights, Σ_j δ_j(p) E[Π_k z^{(ℓ)}_{j_k;α_k}]. Hidden layers are
/// Gaussian-structured, E[Π z] = Σ_q δ_j(q) F_q(α), so the contraction is Σ_q n_ℓ^{loops(p,q)} F_q(α);
/// the input layer is fixed data.
/// </summary>
public abstract class LayerStructure(Layer layer)
{
    /// <summary>The layer ℓ described.</summary>
    public Layer Layer { get; } = layer;

    /// <summary>The width n_ℓ: range of the summed index j of W^{(ℓ+1)}_{ij}.</summary>
    public Symbol Width => Symbol.Width(Layer);

    /// <summary>True when the structure ignores sample labels (single input): the engine may then group by counts only.</summary>
    public virtual bool IsLabelBlind => false;

    /// <summary>Σ_j δ_j(p) E[Π_k z^{(ℓ)}_{j_k;α_k}] for a pairing p of the points with the given sample labels.</summary>
    public abstract Polynomial WeightContraction(Pairing p, IReadOnlyList<string?> samples);
}

/// <summary>
/// A hidden layer whose correlators are Σ_q δ(q) F_q(α) with F_q expressed in named quantities
/// (recognised structure). Subclasses define F_q.
/// </summary>
public abstract class HiddenLayerStructure(Layer layer, PairingMode mode) : LayerStructure(layer)
{
    /// <summary>Brute force or pattern mode for the sum over q.</summary>
    public PairingMode Mode { get; } = mode;

    /// <summary>The brute-force enumerator (budgeted).</summary>
    public PairingEnumerator Enumerator { get; init; } = PairingEnumerator.Default;

    /// <summary>F^{(ℓ)}_q(α): the coefficient of δ_j(q) in E[Π_k z^{(ℓ)}_{j_k;α_k}].</summary>
    public abstract Polynomial Structure(Pairing q, IReadOnlyList<string?> samples);

    /// <summary>Brute force: Σ_q n^{loops(p,q)} F_q, with q's grouped by (loops, label pattern) so F is built once per group.</summary>
    protected Polynomial WeightContractionByEnumeration(Pairing p, IReadOnlyList<string?> samples, Func<Pairing, string> groupKey)
    {
        int points = p.PointCount;
        int[] pp = p.Partners.ToArray();
        var groups = new Dictionary<(int Loops, string Key), (long Count, Pairing Representative)>();
        foreach (var q in Enumerator.Enumerate(points))
        {
            int loops = LoopCounter.Loops(pp, q.Partners);
            var key = (loops, groupKey(q));
            groups[key] = groups.TryGetValue(key, out var g) ? (g.Count + 1, g.Representative) : (1, q);
        }
        var n = Polynomial.Var(Width);
        return Polynomial.Sum(groups.Select(kv =>
            Structure(kv.Value.Representative, samples) * n.Pow(kv.Key.Loops) * (Rational)kv.Value.Count));
    }
}

/// <summary>
/// Single input (3.44): F_q = G_{2m}^{(ℓ)} for every pairing q, so Σ_q n^{loops(p,q)} G_{2m} needs only the loop
/// distribution — computed in pattern mode from the cycle types of p ∪ q.
/// </summary>
public sealed class SingleInputLayer(Layer layer, PairingMode mode = PairingMode.Pattern) : HiddenLayerStructure(layer, mode)
{
    private static readonly Dictionary<int, BigInteger[]> LoopCache = [];

    public override bool IsLabelBlind => true;

    /// <summary>The symbol G{2m}^(ℓ); G_0 = 1.</summary>
    public static Polynomial G(int points, Layer layer) =>
        points == 0 ? Polynomial.One : Polynomial.Var(Symbol.Correlator(points, layer));

    public override Polynomial Structure(Pairing q, IReadOnlyList<string?> samples) => G(q.PointCount, Layer);

    public override Polynomial WeightContraction(Pairing p, IReadOnlyList<string?> samples)
    {
        if (Mode == PairingMode.BruteForce) return WeightContractionByEnumeration(p, samples, _ => "");
        int m = p.PairCount;
        BigInteger[] a;
        lock (LoopCache)
            if (!LoopCache.TryGetValue(m, out a!)) LoopCache[m] = a = PairingPatterns.LoopCounts(m);
        var n = Width;
        var loopPolynomial = Polynomial.FromTerms(a.Select((c, k) => (Monomial.Of(n, k), (Rational)c)).Where(t => !t.Item2.IsZero));
        return loopPolynomial * G(p.PointCount, Layer);
    }
}

/// <summary>
/// Several inputs, the structure of (4.42) generalised: F_q(α) = Σ over set partitions P of the pairs of q of
/// Π_{B∈P} n_{ℓ−1}^{−(|B|−1)} V^{(ℓ)}_{|B|}(labels of B), with V_1 = K (the metric), V_2 = V (the four-point
/// vertex), V_3 = V6 (the connected six-point piece, order 1/n²), … . Each symbol is canonical under the
/// symmetries of its definition (swap within a pair, permute pairs).
/// </summary>
public sealed class MultiInputLayer(Layer layer, PairingMode mode = PairingMode.Pattern) : HiddenLayerStructure(layer, mode)
{
    /// <summary>The width n_{ℓ−1} that normalises the connected pieces of layer ℓ.</summary>
    public Polynomial VertexWidth => Polynomial.Var(Symbol.Width(Layer.Previous));

    /// <summary>The canonical symbol of the connected 2k-point piece with the given label pairs.</summary>
    public static Symbol Vertex(Layer layer, IReadOnlyList<(string, string)> labelPairs) =>
        labelPairs.Count == 1 ? Symbol.Kernel(layer, labelPairs[0].Item1, labelPairs[0].Item2) : Symbol.Vertex(layer, labelPairs);

    public override Polynomial Structure(Pairing q, IReadOnlyList<string?> samples)
    {
        var labelPairs = q.Pairs.Select(pr => (Label(samples, pr.First), Label(samples, pr.Second))).ToList();
        return Decomposition(Layer, labelPairs, VertexWidth, (layer, pairs) => Polynomial.Var(Vertex(layer, pairs)));
    }

    /// <summary>
    /// Σ_{set partitions P of the pairs} Π_B width^{−(|B|−1)} vertex(B) — the decomposition shared by every
    /// hidden layer; <paramref name="vertex"/> supplies each connected piece (a symbol, or its derived step).
    /// </summary>
    public static Polynomial Decomposition(Layer layer, IReadOnlyList<(string, string)> labelPairs, Polynomial width,
        Func<Layer, IReadOnlyList<(string, string)>, Polynomial> vertex, bool skipSingleBlock = false)
    {
        var total = Polynomial.Zero;
        foreach (var blocks in SetPartitionsOf(labelPairs.Count))
        {
            if (skipSingleBlock && blocks.Count == 1) continue;
            var term = Polynomial.One;
            foreach (var b in blocks)
            {
                term *= vertex(layer, b.Select(i => labelPairs[i]).ToList());
                for (int e = 1; e < b.Count; e++) term = term.DivideExactly(width);
            }
            total += term;
        }
        return total;
    }

    public override Polynomial WeightContraction(Pairing p, IReadOnlyList<string?> samples) =>
        // Group q's by the multiset of label pairs they induce: F depends on nothing else.
        WeightContractionByEnumeration(p, samples, q => string.Join("|",
            q.Pairs.Select(pr => string.Join(",", new[] { Label(samples, pr.First), Label(samples, pr.Second) }.Order(StringComparer.Ordinal)))
             .Order(StringComparer.Ordinal)));

    private static string Label(IReadOnlyList<string?> samples, int k) =>
        samples[k] ?? throw new ArgumentException("Several-input structure needs a sample label on every field.");

    /// <summary>Set partitions of {0..k−1} by restricted growth strings (Bell(k) of them).</summary>
    public static IEnumerable<IReadOnlyList<IReadOnlyList<int>>> SetPartitionsOf(int k)
    {
        if (k == 0) { yield return []; yield break; }
        var a = new int[k];
        while (true)
        {
            int blocks = a.Max() + 1;
            var result = new List<int>[blocks];
            for (int b = 0; b < blocks; b++) result[b] = [];
            for (int i = 0; i < k; i++) result[a[i]].Add(i);
            yield return result;
            int j = k - 1;
            while (j > 0 && a[j] > a[..j].Max()) j--;
            if (j == 0) yield break;
            a[j]++;
            for (int i = j + 1; i < k; i++) a[i] = 0;
        }
    }
}

/// <summary>
/// The input layer ℓ = 0: fixed inputs x_{j;α}. A weight pair (k,k') gives δ_{i_k i_k'} Σ_j x_{j;α_k} x_{j;α_k'}
/// = n_0 G^{(0)}_{α_k α_k'}, with G^{(0)}_{αβ} = x_α·x_β / n_0 (3.18); single input: G2^(0).
/// </summary>
public sealed class InputLayer() : LayerStructure(Layer.Concrete(0))
{
    /// <summary>The input metric G^{(0)}_{αβ} (labels sorted), or G2^(0) for a single input.</summary>
    public static Symbol InputMetric(string? a, string? b)
    {
        if (a is null || b is null) return Symbol.Correlator(2, Layer.Concrete(0));
        return Symbol.InputMetric(a, b);
    }

    public override Polynomial WeightContraction(Pairing p, IReadOnlyList<string?> samples)
    {
        var n0 = Polynomial.Var(Width);
        return Polynomial.Product(p.Pairs.Select(pr => n0 * Polynomial.Var(InputMetric(samples[pr.First], samples[pr.Second]))));
    }
}
