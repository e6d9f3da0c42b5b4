using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Tensors;

/// <summary>
/// The pairing tensor of (3.44): Σ over all (2m−1)!! pairings π of the 2m index slots of Π_{(a,b)∈π} δ_{i_a i_b},
/// kept as one value — the neural structure of every single-input correlator,
/// E[z_{i_1} ⋯ z_{i_{2m}}] = pairings_{i_1 ⋯ i_{2m}} × G_{2m}. The sum is symmetric in its slots, so the value is the
/// multiset of its indices (stored sorted); an index may repeat (E[z_i z_i z_j z_j] has the slots i i j j).
/// Printed <c>pairings_{i1 i2 i3 i4}</c> (LaTeX <c>\mathrm{pairings}_{i_{1} i_{2} i_{3} i_{4}}</c>), which parses back.
/// </summary>
public sealed class PairingTensor : IEquatable<PairingTensor>, IComparable<PairingTensor>
{
    private readonly ImmutableArray<string> _indices;
    private readonly int _hash;

    private PairingTensor(ImmutableArray<string> indices)
    {
        _indices = indices;
        var h = new HashCode();
        foreach (var i in indices) h.Add(i, StringComparer.Ordinal);
        _hash = h.ToHashCode();
    }

    /// <summary>The pairing tensor on the given slots (any order; an even number of them).</summary>
    public static PairingTensor Of(IEnumerable<string> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var sorted = indices.Select(i => { ArgumentException.ThrowIfNullOrEmpty(i); return i; })
            .OrderBy(i => i, IndexNameComparer.Instance).ToImmutableArray();
        if (sorted.Length % 2 != 0)
            throw new ArgumentException($"A pairing tensor needs an even number of indices, got {sorted.Length}.", nameof(indices));
        return new PairingTensor(sorted);
    }

    /// <summary>The index slots, sorted (natural index order).</summary>
    public IReadOnlyList<string> Indices => _indices;

    /// <summary>Number of slots 2m.</summary>
    public int PointCount => _indices.Length;

    /// <summary>Number of δ's in each term, m.</summary>
    public int PairCount => _indices.Length / 2;

    /// <summary>Number of terms of the explicit sum, (2m−1)!!.</summary>
    public BigInteger TermCount => PairingEnumerator.Count(PointCount);

    /// <summary>True when no index occupies two slots.</summary>
    public bool HasDistinctIndices
    {
        get
        {
            for (int k = 1; k < _indices.Length; k++)
                if (_indices[k] == _indices[k - 1]) return false;
            return true;
        }
    }

    /// <summary>How many slots carry <paramref name="index"/>.</summary>
    public int Occurrences(string index) => _indices.Count(i => i == index);

    /// <summary>True when the sum fits the explicit limit (<see cref="ExplicitTensorTooLargeException.MaxPoints"/>).</summary>
    public bool IsSmall => PointCount <= ExplicitTensorTooLargeException.MaxPoints;

    /// <summary>The explicit Σ_π Π δ (δ² = δ and δ_ii = 1 applied, equal products merged); refused beyond the limit.</summary>
    public TensorPolynomial Expand()
    {
        ExplicitTensorTooLargeException.Guard(PointCount);
        var terms = new List<(DeltaProduct, Polynomial)>();
        var pairs = new List<(string, string)>();
        var used = new bool[_indices.Length];
        Recurse();
        return TensorPolynomial.FromTerms(terms);

        void Recurse()
        {
            int first = Array.IndexOf(used, false);
            if (first < 0) { terms.Add((DeltaProduct.FromPairs(pairs), Polynomial.One)); return; }
            used[first] = true;
            for (int j = first + 1; j < _indices.Length; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                pairs.Add((_indices[first], _indices[j]));
                Recurse();
                pairs.RemoveAt(pairs.Count - 1);
                used[j] = false;
            }
            used[first] = false;
        }
    }

    /// <summary>
    /// Σ_{index=1}^{range} of this tensor, when the index occupies two slots: the strand transfer step
    /// (<see cref="PairingPatterns.FollowStrand(int, int, int)"/>) classifies the partner of the first slot — the
    /// second slot closes a δ-loop (Σ δ_jj = range), any other slot joins the two δ's into one, which leaves the
    /// pairing tensor of the other slots — so the sum is (closing · range + joining) × pairings of the rest.
    /// Null when the index does not occupy exactly two slots.
    /// </summary>
    public (PairingTensor Remaining, Polynomial Factor)? SumOverTwice(string index, Polynomial range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var slots = Enumerable.Range(0, _indices.Length).Where(k => _indices[k] == index).ToList();
        if (slots is not [var first, var second]) return null;
        var step = PairingPatterns.FollowStrand(PointCount, first, second);
        var rest = new PairingTensor(_indices.RemoveAt(second).RemoveAt(first));
        return (rest, range * (Rational)step.Closing + (Rational)step.Joining);
    }

    public bool Equals(PairingTensor? other) =>
        other is not null && _hash == other._hash && _indices.AsSpan().SequenceEqual(other._indices.AsSpan());
    public override bool Equals(object? obj) => Equals(obj as PairingTensor);
    public override int GetHashCode() => _hash;

    /// <summary>Orders by number of slots, then by the slots (natural index order).</summary>
    public int CompareTo(PairingTensor? other)
    {
        if (other is null) return 1;
        int c = _indices.Length.CompareTo(other._indices.Length);
        for (int k = 0; c == 0 && k < _indices.Length; k++) c = IndexNameComparer.Instance.Compare(_indices[k], other._indices[k]);
        return c;
    }

    /// <summary><c>pairings_{i1 i2 i3 i4}</c>; the tensor on no slots is <c>1</c>.</summary>
    public override string ToString() => PointCount == 0 ? "1" : $"pairings_{{{string.Join(' ', _indices)}}}";

    /// <summary><c>\mathrm{pairings}_{i_{1} i_{2} i_{3} i_{4}}</c>.</summary>
    public string ToLatex()
    {
        if (PointCount == 0) return "1";
        var sb = new StringBuilder("\\mathrm{pairings}_{");
        for (int k = 0; k < _indices.Length; k++)
        {
            if (k > 0) sb.Append(' ');
            sb.Append(Syntax.IndexSpelling.ToLatex(_indices[k]));
        }
        return sb.Append('}').ToString();
    }

    /// <summary>
    /// The pairing tensor whose explicit sum these δ products are, when they are exactly all (2m−1)!! perfect
    /// matchings of one set of 2m distinct indices (m ≥ 1); null otherwise. Used to print such a sum compactly.
    /// </summary>
    public static PairingTensor? Recognise(IReadOnlyList<DeltaProduct> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Count == 0 || deltas[0].IsOne) return null;
        int m = deltas[0].Pairs.Count;
        if (PairingEnumerator.Count(2 * m) != deltas.Count) return null;
        HashSet<string>? set = null;
        var seen = new HashSet<DeltaProduct>();
        foreach (var d in deltas)
        {
            if (d.Pairs.Count != m || !seen.Add(d)) return null;
            var slots = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (a, b) in d.Pairs)
                if (!slots.Add(a) || !slots.Add(b)) return null;
            if (set is null) set = slots;
            else if (!set.SetEquals(slots)) return null;
        }
        return Of(set!);
    }
}
