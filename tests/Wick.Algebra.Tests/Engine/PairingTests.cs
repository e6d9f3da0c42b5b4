using System.Numerics;
using CsCheck;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Tests.Engine;

public class PairingTests
{
    [TestCase(0, 1)]
    [TestCase(2, 1)]
    [TestCase(4, 3)]
    [TestCase(6, 15)]
    [TestCase(8, 105)]
    [TestCase(10, 945)]
    [TestCase(12, 10395)]
    public void Enumeration_visits_exactly_the_double_factorial_many_distinct_perfect_matchings(int points, int expected)
    {
        Assert.That(PairingEnumerator.Count(points), Is.EqualTo(new BigInteger(expected)));
        var all = PairingEnumerator.Default.Enumerate(points).ToList();
        Assert.That(all, Has.Count.EqualTo(expected));
        Assert.That(all.Distinct().Count(), Is.EqualTo(expected), "no pairing visited twice");
        foreach (var p in all)
            for (int i = 0; i < points; i++)
                Assert.That(p.Partner(p.Partner(i)), Is.EqualTo(i));
    }

    [Test]
    public void Count_is_exact_beyond_64_bits()
    {
        // 59!! has 41 digits.
        BigInteger c = 1;
        for (int k = 59; k > 1; k -= 2) c *= k;
        Assert.That(PairingEnumerator.Count(60), Is.EqualTo(c));
        Assert.That(PairingEnumerator.Count(7), Is.EqualTo(BigInteger.Zero));
    }

    [Test]
    public void Enumeration_is_lazy_first_items_of_a_huge_count()
    {
        var e = new PairingEnumerator(long.MaxValue);
        var first = e.Enumerate(40).Take(5).ToList(); // 39!! ≈ 3e23 pairings in total
        Assert.That(first, Has.Count.EqualTo(5));
        Assert.That(first[0], Is.EqualTo(Pairing.Adjacent(40)));
    }

    [Test]
    public void Budget_refusal_names_pattern_mode()
    {
        var e = new PairingEnumerator(budget: 100);
        var ex = Assert.Throws<PairingBudgetExceededException>(() => e.Enumerate(8).ToList());
        Assert.That(ex!.Message, Does.Contain("pattern mode").And.Contain("PairingPatterns"));
        Assert.That(e.Enumerate(6).Count(), Is.EqualTo(15));
    }

    [Test]
    public void Pairing_is_canonical_whatever_the_pair_order()
    {
        var a = Pairing.FromPairs(4, [(3, 1), (2, 0)]);
        var b = Pairing.FromPairs(4, [(0, 2), (1, 3)]);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.ToString(), Is.EqualTo("(0 2)(1 3)"));
        Assert.That(a.Pairs, Is.EqualTo(new[] { (0, 2), (1, 3) }));
        Assert.Throws<ArgumentException>(() => Pairing.FromPairs(4, [(0, 1), (1, 2)]));
    }

    [Test]
    public void Loops_of_a_pairing_with_itself_are_m_and_with_a_shifted_one_is_one()
    {
        var p = Pairing.Adjacent(8);
        Assert.That(p.LoopsWith(p), Is.EqualTo(4));
        var cyc = Pairing.FromPairs(8, [(1, 2), (3, 4), (5, 6), (7, 0)]);
        Assert.That(p.LoopsWith(cyc), Is.EqualTo(1));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public void Pattern_mode_transfer_and_brute_force_give_the_same_loop_counts(int m)
    {
        var brute = PairingPatterns.LoopCountsByEnumeration(m);
        Assert.That(PairingPatterns.LoopCounts(m), Is.EqualTo(brute));
        Assert.That(PairingPatterns.LoopCountsByTransfer(m), Is.EqualTo(brute));
        Assert.That(brute.Aggregate(BigInteger.Zero, (s, x) => s + x), Is.EqualTo(PairingEnumerator.Count(2 * m)));
    }

    // The incremental brute force (loops updated per step, last two levels unrolled) against the enumerator's
    // recount per pairing (up to 2m = 14) and against pattern mode beyond, on one and on two threads.
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(7)]
    [TestCase(9)]
    public void Incremental_loop_counting_agrees_with_recounting_and_pattern_mode(int m)
    {
        var expected = m <= 7 ? PairingPatterns.LoopCountsByEnumeration(m) : PairingPatterns.LoopCounts(m);
        Assert.That(LoopDistribution.CountExact(m), Is.EqualTo(expected));
        Assert.That(LoopDistribution.CountExact(m, threads: 2), Is.EqualTo(expected));
        if (m > 0) Assert.That(LoopDistribution.Count(m)[m], Is.EqualTo(1), "only q = p closes m loops");
    }

    [Test]
    public void Incremental_loop_counting_refuses_beyond_its_budget() =>
        Assert.That(() => LoopDistribution.Count(8, budget: 1_000_000), Throws.TypeOf<PairingBudgetExceededException>()
            .With.Message.Contains("pattern mode"));

    [Test]
    public void Pattern_mode_beyond_the_cycle_class_limit_stays_exact_and_polynomial()
    {
        // m = 200 has ~4e12 cycle types; LoopCounts must switch to the transfer recursion, not enumerate them.
        int m = 200;
        var a = PairingPatterns.LoopCounts(m);
        Assert.That(m, Is.GreaterThan(PairingPatterns.CycleClassLimit));
        Assert.That(a.Aggregate(BigInteger.Zero, (s, x) => s + x), Is.EqualTo(PairingEnumerator.Count(2 * m)), "Σ_k a_k = (2m−1)!!");
        Assert.That(a[m], Is.EqualTo(BigInteger.One), "only q = p closes m loops");
        Assert.That(a[m - 1], Is.EqualTo(new BigInteger(2 * m * (m - 1) / 2)), "one 2-cycle: choose two pairs, 2 ways");
        var limit = PairingPatterns.CycleClassLimit;
        Assert.That(PairingPatterns.LoopCounts(limit), Is.EqualTo(PairingPatterns.LoopCountsByTransfer(limit)), "both routes at the switch-over");
    }

    [Test]
    public void Transfer_matches_the_rising_product_oracle_up_to_m_200()
    {
        // Independent oracle (3.46): n^m c_{2m}(n) = n(n+2)⋯(n+2m−2), expanded here by multiplying the factors; the
        // engine never uses it. Beyond m = 40 LoopCounts is the transfer; up to 40 it is the cycle types.
        var n = Polynomial.Var(Symbol.N);
        var rising = Polynomial.One;
        for (int m = 1; m <= 200; m++)
        {
            rising *= n + 2 * (m - 1);
            if (m > 45 && m % 25 != 0) continue;
            var a = PairingPatterns.LoopCounts(m);
            var fromEngine = Polynomial.Sum(a.Select((c, k) => n.Pow(k) * (Rational)c));
            Assert.That(fromEngine, Is.EqualTo(rising), $"m = {m}");
        }
    }

    [Test]
    public void Transfer_step_classifies_partners_by_the_pairing()
    {
        // Random pairings: exactly one partner (the p-partner) closes the strand's loop; every join leaves a pairing.
        Gen.Int[2, 8].SelectMany(m => Gen.Int.Array[2 * m].Select(keys => (m, keys))).Sample(t =>
        {
            var (m, keys) = t;
            var p = RandomPairing(2 * m, keys, 0);
            var step = PairingPatterns.FollowStrand(p, 0);
            Assert.That(step.Closing, Is.EqualTo(1));
            Assert.That(step.Closing + step.Joining, Is.EqualTo(2 * m - 1));
            // The step's meaning: for q with q(0) = y, a join keeps the loop count of the remainder, a closure adds one.
            var q = RandomPairing(2 * m, keys, 1);
            int y = q.Partner(0);
            var qRest = Restrict(q, 0, y);
            if (y == p.Partner(0)) Assert.That(p.LoopsWith(q), Is.EqualTo(1 + Restrict(p, 0, y).LoopsWith(qRest)));
            else Assert.That(p.LoopsWith(q), Is.EqualTo(PairingPatterns.JoinStrands(p, 0, y).LoopsWith(qRest)));
        }, iter: 300);
        Assert.Throws<ArgumentException>(() => PairingPatterns.JoinStrands(Pairing.Adjacent(4), 0, 1), "0 and 1 lie on one strand");
    }

    [Test]
    public void C2m_beyond_the_cycle_class_limit_is_derived_and_factors_into_the_rising_product()
    {
        // m = 60 and 200: the transfer route; the factorisation found by the engine is Π (1 + 2k/n).
        var n = Symbol.N;
        foreach (int m in new[] { 41, 60, 200 })
        {
            var c = Wick.Algebra.Recursions.DeepLinear.C2m(m, n);
            var oracle = Polynomial.Product(Enumerable.Range(1, m - 1).Select(k => Polynomial.One + Polynomial.Var(n).Pow(-1) * (Rational)(2 * k)));
            Assert.That(c, Is.EqualTo(oracle), $"m = {m}");
        }
    }

    [Test]
    public void Pattern_mode_degeneracies_sum_to_the_double_factorial_for_large_m()
    {
        for (int m = 10; m <= 30; m += 10)
        {
            var sum = PairingPatterns.CycleClasses(m).Aggregate(BigInteger.Zero, (s, c) => s + c.Degeneracy);
            Assert.That(sum, Is.EqualTo(PairingEnumerator.Count(2 * m)));
            Assert.That(PairingPatterns.LoopCounts(m), Is.EqualTo(PairingPatterns.LoopCountsByTransfer(m)));
        }
    }

    [Test]
    public void Partitions_have_the_right_counts()
    {
        int[] p = [1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42];
        for (int n = 0; n < p.Length; n++) Assert.That(PairingPatterns.Partitions(n).Count(), Is.EqualTo(p[n]));
        Assert.That(PairingPatterns.Partitions(30).Count(), Is.EqualTo(5604));
    }

    [Test]
    public void Property_loops_are_symmetric_and_between_1_and_m()
    {
        var gen = Gen.Int[1, 8].SelectMany(m => Gen.Int.Array[2 * m].Select(keys => (m, keys)));
        gen.Sample(t =>
        {
            var (m, keys) = t;
            var p = RandomPairing(2 * m, keys, 0);
            var q = RandomPairing(2 * m, keys, 1);
            int l = p.LoopsWith(q);
            return l == q.LoopsWith(p) && l >= 1 && l <= m && (l == m) == p.Equals(q);
        });
    }

    /// <summary>A pairing that contains the pair (x, y), with x and y removed and the other points relabelled in order.</summary>
    private static Pairing Restrict(Pairing p, int x, int y)
    {
        var label = new int[p.PointCount];
        int next = 0;
        for (int i = 0; i < p.PointCount; i++) label[i] = i == x || i == y ? -1 : next++;
        return Pairing.FromPairs(next, p.Pairs.Where(pr => label[pr.First] >= 0).Select(pr => (label[pr.First], label[pr.Second])));
    }

    private static Pairing RandomPairing(int points, int[] keys, int salt)
    {
        var order = Enumerable.Range(0, points).OrderBy(i => keys[i] ^ (salt * 0x5bd1e995 + i * salt)).ThenBy(i => i).ToArray();
        return Pairing.FromPairs(points, Enumerable.Range(0, points / 2).Select(k => (order[2 * k], order[2 * k + 1])));
    }
}
