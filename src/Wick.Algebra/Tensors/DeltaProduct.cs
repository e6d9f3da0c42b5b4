using System.Collections.Immutable;
using System.Text;

namespace Wick.Algebra.Tensors;

/// <summary>
/// A canonical product of Kronecker deltas on free neural indices, e.g. δ_{i1 i2} δ_{i3 i4}.
/// Indices forced equal form a block; a block {a &lt; b &lt; c} is stored as δ_{ab} δ_{ac}, the pairs sorted.
/// Since δ² = δ and δ_{ii} = 1 for a free index, equal tensors have equal values. The empty product is 1.
/// </summary>
public sealed class DeltaProduct : IEquatable<DeltaProduct>, IComparable<DeltaProduct>
{
    private readonly ImmutableArray<(string A, string B)> _pairs;
    private readonly int _hash;

    private DeltaProduct(ImmutableArray<(string, string)> pairs)
    {
        _pairs = pairs;
        var h = new HashCode();
        foreach (var (a, b) in pairs) { h.Add(a, StringComparer.Ordinal); h.Add(b, StringComparer.Ordinal); }
        _hash = h.ToHashCode();
    }

    /// <summary>The empty product (the scalar 1).</summary>
    public static DeltaProduct One { get; } = new([]);

    /// <summary>δ_{a b}.</summary>
    public static DeltaProduct Delta(string a, string b) => FromPairs([(a, b)]);

    /// <summary>The product of δ_{a b} over <paramref name="pairs"/>, canonicalised.</summary>
    public static DeltaProduct FromPairs(IEnumerable<(string, string)> pairs) => FromBlocks(Blocks(pairs));

    /// <summary>The canonical pairs δ_{ab}.</summary>
    public IReadOnlyList<(string A, string B)> Pairs => _pairs;

    /// <summary>True for the empty product.</summary>
    public bool IsOne => _pairs.IsEmpty;

    /// <summary>All indices that occur.</summary>
    public IEnumerable<string> Indices => _pairs.SelectMany(p => new[] { p.A, p.B }).Distinct();

    /// <summary>The blocks of equal indices (each sorted, size ≥ 2).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Blocks() => Blocks(_pairs);

    /// <summary>The product δ(this) δ(other).</summary>
    public DeltaProduct Times(DeltaProduct other) =>
        other.IsOne ? this : IsOne ? other : FromPairs(_pairs.Concat(other._pairs));

    /// <summary>
    /// Σ over a dummy index: if it occurs, it is removed from its block (Σ_j δ_{ij} δ_{jk} = δ_{ik}, Σ_j δ_{ij} = 1)
    /// and the factor is 1; if it does not occur, the factor is the range. Returns whether the index occurred.
    /// </summary>
    public DeltaProduct SumOver(string index, out bool occurred)
    {
        var blocks = Blocks();
        occurred = false;
        var next = new List<IReadOnlyList<string>>(blocks.Count);
        foreach (var b in blocks)
        {
            if (b.Contains(index)) { occurred = true; next.Add(b.Where(x => x != index).ToList()); }
            else next.Add(b);
        }
        return occurred ? FromBlocks(next) : this;
    }

    /// <summary>Renames indices (e.g. to canonicalise dummies).</summary>
    public DeltaProduct Rename(Func<string, string> rename) => FromPairs(_pairs.Select(p => (rename(p.A), rename(p.B))));

    private static List<IReadOnlyList<string>> Blocks(IEnumerable<(string, string)> pairs)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            if (!parent.TryGetValue(x, out var p)) { parent[x] = x; return x; }
            if (p == x) return x;
            var r = Find(p);
            parent[x] = r;
            return r;
        }
        foreach (var (a, b) in pairs)
        {
            ArgumentException.ThrowIfNullOrEmpty(a);
            ArgumentException.ThrowIfNullOrEmpty(b);
            var ra = Find(a); var rb = Find(b);
            if (ra != rb) parent[ra] = rb;
        }
        return parent.Keys.GroupBy(Find)
            .Select(g => (IReadOnlyList<string>)g.OrderBy(x => x, IndexNameComparer.Instance).ToList())
            .Where(b => b.Count >= 2)
            .ToList();
    }

    private static DeltaProduct FromBlocks(IEnumerable<IReadOnlyList<string>> blocks)
    {
        var pairs = new List<(string, string)>();
        foreach (var b in blocks)
        {
            if (b.Count < 2) continue;
            var sorted = b.OrderBy(x => x, IndexNameComparer.Instance).ToList();
            for (int k = 1; k < sorted.Count; k++) pairs.Add((sorted[0], sorted[k]));
        }
        pairs.Sort((x, y) =>
        {
            int c = IndexNameComparer.Instance.Compare(x.Item1, y.Item1);
            return c != 0 ? c : IndexNameComparer.Instance.Compare(x.Item2, y.Item2);
        });
        return new DeltaProduct([.. pairs]);
    }

    public bool Equals(DeltaProduct? other) =>
        other is not null && _hash == other._hash && _pairs.AsSpan().SequenceEqual(other._pairs.AsSpan());
    public override bool Equals(object? obj) => Equals(obj as DeltaProduct);
    public override int GetHashCode() => _hash;

    /// <summary>Orders by number of deltas, then lexicographically by pairs (natural index order).</summary>
    public int CompareTo(DeltaProduct? other)
    {
        if (other is null) return 1;
        int c = _pairs.Length.CompareTo(other._pairs.Length);
        for (int k = 0; c == 0 && k < _pairs.Length; k++)
        {
            c = IndexNameComparer.Instance.Compare(_pairs[k].A, other._pairs[k].A);
            if (c == 0) c = IndexNameComparer.Instance.Compare(_pairs[k].B, other._pairs[k].B);
        }
        return c;
    }

    /// <summary><c>delta_{i1 i2} delta_{i3 i4}</c>; the empty product is <c>1</c>.</summary>
    public override string ToString() =>
        IsOne ? "1" : string.Join(" ", _pairs.Select(p => $"delta_{{{p.A} {p.B}}}"));

    /// <summary><c>\delta_{i_1 i_2} \delta_{i_3 i_4}</c>.</summary>
    public string ToLatex()
    {
        if (IsOne) return "1";
        var sb = new StringBuilder();
        foreach (var (a, b) in _pairs)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append("\\delta_{").Append(Syntax.IndexSpelling.ToLatex(a)).Append(' ').Append(Syntax.IndexSpelling.ToLatex(b)).Append('}');
        }
        return sb.ToString();
    }

}

/// <summary>Natural order of index names: letters first, then the numeric suffix as a number (i2 &lt; i10).</summary>
public sealed class IndexNameComparer : IComparer<string>
{
    public static IndexNameComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var (hx, nx) = Split(x);
        var (hy, ny) = Split(y);
        int c = string.CompareOrdinal(hx, hy);
        if (c != 0) return c;
        c = nx.Length.CompareTo(ny.Length);
        if (c != 0) return c;
        c = string.CompareOrdinal(nx, ny);
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    private static (string Head, string Digits) Split(string s)
    {
        int d = s.Length;
        while (d > 0 && char.IsDigit(s[d - 1])) d--;
        return (s[..d], s[d..].TrimStart('0'));
    }
}
