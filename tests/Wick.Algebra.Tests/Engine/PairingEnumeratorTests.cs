using Wick.Algebra.Pairings;

namespace Wick.Algebra.Tests.Engine;

/// <summary>
/// The leaf-unrolled enumerator (issue 16) against an independent recursive search: the same pairings in the
/// same order through every entry point (lazy enumeration, cursor, delegate and struct visitors, a cursor resumed
/// mid-leaf, first-level subtrees on one or two threads).
/// </summary>
public class PairingEnumeratorTests
{
    // The search the enumerator unrolls, written recursively: level k pairs arr[2k] with arr[2k+1+c], c = 0, 1, …
    private static List<int[]> Reference(int points)
    {
        var result = new List<int[]>();
        var arr = Enumerable.Range(0, points).ToArray();
        void Level(int k)
        {
            if (2 * k == points)
            {
                var partner = new int[points];
                for (int j = 0; j < points; j += 2) { partner[arr[j]] = arr[j + 1]; partner[arr[j + 1]] = arr[j]; }
                result.Add(partner);
                return;
            }
            for (int c = 0; 2 * k + 1 + c < points; c++)
            {
                (arr[2 * k + 1], arr[2 * k + 1 + c]) = (arr[2 * k + 1 + c], arr[2 * k + 1]);
                Level(k + 1);
                (arr[2 * k + 1], arr[2 * k + 1 + c]) = (arr[2 * k + 1 + c], arr[2 * k + 1]);
            }
        }
        Level(0);
        return result;
    }

    private struct Collector : IPairingVisitor
    {
        public List<int[]> Seen;
        public void Visit(ReadOnlySpan<int> partners) => Seen.Add(partners.ToArray());
    }

    private struct LastPartnerSum : IPairingVisitor
    {
        public long Sum;
        public long Count;
        public void Visit(ReadOnlySpan<int> partners) { Sum += partners[^1]; Count++; }
    }

    private static readonly int[] Sizes = [0, 2, 4, 6, 8, 10, 12];

    [TestCaseSource(nameof(Sizes))]
    public void Every_entry_point_gives_the_recursive_search_in_its_order(int points)
    {
        var expected = Reference(points);
        Assert.That(PairingEnumerator.Default.Enumerate(points).Select(p => Partners(p, points)), Is.EqualTo(expected), "lazy");

        var byDelegate = new List<int[]>();
        long visited = PairingEnumerator.Default.ForEach(points, p => byDelegate.Add(p.ToArray()));
        Assert.That(byDelegate, Is.EqualTo(expected), "delegate");
        Assert.That(visited, Is.EqualTo(expected.Count));

        var collector = new Collector { Seen = [] };
        visited = PairingEnumerator.Default.ForEach(points, ref collector);
        Assert.That(collector.Seen, Is.EqualTo(expected), "struct visitor");
        Assert.That(visited, Is.EqualTo(expected.Count));

        var cursor = PairingEnumerator.Default.Start(points);
        var stepped = new List<int[]>();
        do stepped.Add(cursor.Partners.ToArray()); while (cursor.MoveNext());
        Assert.That(stepped, Is.EqualTo(expected), "cursor");
        Assert.That(cursor.MoveNext(), Is.False, "an exhausted cursor stays exhausted");
    }

    [TestCase(8, 1)]
    [TestCase(8, 7)]
    [TestCase(10, 14)]
    [TestCase(10, 16)]
    [TestCase(12, 100)]
    public void A_cursor_resumed_inside_a_leaf_visits_exactly_the_rest(int points, int skip)
    {
        var expected = Reference(points);
        var cursor = PairingEnumerator.Default.Start(points);
        for (int i = 0; i < skip; i++) Assert.That(cursor.MoveNext(), Is.True);
        var collector = new Collector { Seen = [] };
        long visited = cursor.Run(ref collector);
        Assert.That(collector.Seen, Is.EqualTo(expected.Skip(skip)));
        Assert.That(visited, Is.EqualTo(expected.Count - skip));
    }

    [TestCase(0, 1)]
    [TestCase(6, 1)]
    [TestCase(8, 1)]
    [TestCase(8, 2)]
    [TestCase(12, 2)]
    public void First_level_subtrees_partition_the_pairings_on_any_number_of_threads(int points, int threads)
    {
        var expected = Reference(points);
        var parts = PairingEnumerator.Default.ForEachInParallel(points, threads, () => new Collector { Seen = [] });
        Assert.That(parts.SelectMany(v => v.Seen), Is.EqualTo(expected), "subtrees in order, concatenated, are the whole search");
        if (points >= 8)
            for (int first = 0; first < parts.Length; first++)
                Assert.That(parts[first].Seen.All(p => p[0] == first + 1), Is.True, $"subtree {first} pairs 0 with {first + 1}");
    }

    [TestCase(14)]
    [TestCase(16)]
    public void Checksum_of_the_last_partner_matches_its_closed_form(int points)
    {
        // Over all (2m−1)!! pairings the last point's partner takes each other value (2m−3)!! times.
        long inner = (long)PairingEnumerator.Count(points - 2);
        long expected = inner * (points - 1) * (points - 2) / 2;
        var v = new LastPartnerSum();
        PairingEnumerator.Default.ForEach(points, ref v);
        Assert.That((v.Count, v.Sum), Is.EqualTo(((long)PairingEnumerator.Count(points), expected)));
        var both = PairingEnumerator.Default.ForEachInParallel(points, 2, () => new LastPartnerSum());
        Assert.That((both.Sum(x => x.Count), both.Sum(x => x.Sum)), Is.EqualTo(((long)PairingEnumerator.Count(points), expected)));
    }

    [Test]
    public void Visitors_respect_the_budget()
    {
        var small = new PairingEnumerator(budget: 100);
        var v = new LastPartnerSum();
        Assert.Throws<PairingBudgetExceededException>(() => small.ForEach(10, ref v));
        Assert.Throws<PairingBudgetExceededException>(() => small.ForEachInParallel(10, 2, () => new LastPartnerSum()));
        Assert.That(small.ForEach(6, ref v), Is.EqualTo(15));
    }

    private static int[] Partners(Pairing p, int points) => Enumerable.Range(0, points).Select(p.Partner).ToArray();
}
