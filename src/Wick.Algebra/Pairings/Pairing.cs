using System.Text;

namespace Wick.Algebra.Pairings;

/// <summary>
/// A perfect matching of the points 0 … 2m−1 (one Wick contraction of 2m Gaussian factors).
/// Immutable and canonical: it is stored as the partner of every point, and listed as pairs (i &lt; j)
/// sorted by their first point, so two equal matchings are equal values.
/// </summary>
public sealed class Pairing : IEquatable<Pairing>
{
    private readonly int[] _partner;

    private Pairing(int[] partner) => _partner = partner;

    /// <summary>Builds a pairing from its partner table (<c>partner[partner[i]] == i</c>, no fixed points).</summary>
    public static Pairing FromPartners(ReadOnlySpan<int> partner)
    {
        if (partner.Length % 2 != 0) throw new ArgumentException("A perfect matching needs an even number of points.", nameof(partner));
        var copy = partner.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            int j = copy[i];
            if (j < 0 || j >= copy.Length || j == i || copy[j] != i)
                throw new ArgumentException($"Not a perfect matching: point {i} has partner {j}.", nameof(partner));
        }
        return new Pairing(copy);
    }

    /// <summary>Builds a pairing on 2m points from its pairs, in any order and orientation.</summary>
    public static Pairing FromPairs(int points, IEnumerable<(int, int)> pairs)
    {
        var partner = new int[points];
        Array.Fill(partner, -1);
        foreach (var (a, b) in pairs)
        {
            if (a < 0 || b < 0 || a >= points || b >= points || a == b || partner[a] >= 0 || partner[b] >= 0)
                throw new ArgumentException($"Pair ({a},{b}) is not part of a perfect matching of {points} points.", nameof(pairs));
            partner[a] = b;
            partner[b] = a;
        }
        return FromPartners(partner);
    }

    /// <summary>The pairing (0,1)(2,3)…(2m−2,2m−1).</summary>
    public static Pairing Adjacent(int points)
    {
        if (points % 2 != 0 || points < 0) throw new ArgumentOutOfRangeException(nameof(points), points, "Need an even, non-negative number of points.");
        var p = new int[points];
        for (int i = 0; i < points; i += 2) { p[i] = i + 1; p[i + 1] = i; }
        return new Pairing(p);
    }

    /// <summary>Number of points 2m.</summary>
    public int PointCount => _partner.Length;

    /// <summary>Number of pairs m.</summary>
    public int PairCount => _partner.Length / 2;

    /// <summary>The partner of point <paramref name="point"/>.</summary>
    public int Partner(int point) => _partner[point];

    /// <summary>The partner table.</summary>
    public ReadOnlySpan<int> Partners => _partner;

    /// <summary>The pairs (i &lt; j), sorted by i.</summary>
    public IReadOnlyList<(int First, int Second)> Pairs
    {
        get
        {
            var list = new List<(int, int)>(PairCount);
            for (int i = 0; i < _partner.Length; i++)
                if (i < _partner[i]) list.Add((i, _partner[i]));
            return list;
        }
    }

    /// <summary>
    /// Number of closed loops of the graph p ∪ q (both pairings of the same points): each loop is one
    /// Kronecker-delta trace δ_jj = n, so Σ_j δ_j(p) δ_j(q) = n^loops.
    /// </summary>
    public int LoopsWith(Pairing other) => LoopCounter.Loops(_partner, other._partner);

    public bool Equals(Pairing? other) => other is not null && _partner.AsSpan().SequenceEqual(other._partner);
    public override bool Equals(object? obj) => Equals(obj as Pairing);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int p in _partner) h.Add(p);
        return h.ToHashCode();
    }

    /// <summary><c>(0 1)(2 3)</c>, 0-based points.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (a, b) in Pairs) sb.Append('(').Append(a).Append(' ').Append(b).Append(')');
        return sb.ToString();
    }
}

/// <summary>Loop counting on the union of two perfect matchings (a 2-regular multigraph).</summary>
public static class LoopCounter
{
    /// <summary>Number of cycles of p ∪ q, given their partner tables. O(m) time, stack memory for m ≤ 512.</summary>
    public static int Loops(ReadOnlySpan<int> p, ReadOnlySpan<int> q)
    {
        if (p.Length != q.Length) throw new ArgumentException("Pairings of different point sets.");
        int n = p.Length;
        Span<bool> seen = n <= 1024 ? stackalloc bool[n] : new bool[n];
        int loops = 0;
        for (int s = 0; s < n; s++)
        {
            if (seen[s]) continue;
            loops++;
            int x = s;
            do
            {
                seen[x] = true;
                int y = p[x];
                seen[y] = true;
                x = q[y];
            } while (x != s);
        }
        return loops;
    }
}
