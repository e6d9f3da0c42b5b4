using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

/// <summary>
/// Issue 16: correlators of several inputs by orbits of their terms under the relabelling symmetry. The orbit route
/// (F derived once per orbit, the rest relabelled) must equal the brute-force route (F derived for every pairing), and
/// the first layer must equal Isserlis' theorem written out independently.
/// </summary>
public class LabelOrbitTests
{
    private static List<FieldPoint> Points(params string[] labels) =>
        labels.Select((a, k) => new FieldPoint($"i{k + 1}", a)).ToList();

    public static IEnumerable<TestCaseData> LabelPatterns()
    {
        yield return new TestCaseData((object)new[] { "a1", "a2", "a3", "a4" }).SetArgDisplayNames("4 distinct");
        yield return new TestCaseData((object)new[] { "a", "a", "b", "b" }).SetArgDisplayNames("4 aabb");
        yield return new TestCaseData((object)new[] { "a", "b", "a", "c" }).SetArgDisplayNames("4 abac");
        yield return new TestCaseData((object)new[] { "a1", "a2", "a3", "a4", "a5", "a6" }).SetArgDisplayNames("6 distinct");
        yield return new TestCaseData((object)new[] { "a", "a", "b", "b", "c", "d" }).SetArgDisplayNames("6 aabbcd");
        yield return new TestCaseData((object)new[] { "a", "a", "a", "b", "b", "b" }).SetArgDisplayNames("6 aaabbb");
    }

    [TestCaseSource(nameof(LabelPatterns))]
    public void Orbits_expand_to_the_brute_force_correlator_at_every_stage(string[] labels)
    {
        var points = Points(labels);
        foreach (bool bias in new[] { false, true })
        {
            var below = new MultiInputLayer(Layer.L);
            var orbits = ForwardStep.OrbitsAbove(points, below, bias)!;
            var brute = ForwardStep.CorrelatorAbove(points, below, bias, PairingEnumerator.Default);
            Assert.That(orbits.Expand(), Is.EqualTo(brute), $"from below, bias {bias}");
            Assert.That(ForwardStep.CorrelatorAbove(points, below, bias), Is.EqualTo(brute), "the default route goes through the orbits");
            Assert.That(orbits.ExpandedCount, Is.EqualTo((int)PairingEnumerator.Count(points.Count)));
        }
        var at = new MultiInputLayer(Layer.L.Next);
        Assert.That(ForwardStep.OrbitsAt(points, at)!.Expand(), Is.EqualTo(ForwardStep.CorrelatorAt(points, at, PairingEnumerator.Default)));
    }

    [TestCaseSource(nameof(LabelPatterns))]
    public void First_layer_orbits_are_Isserlis_written_out(string[] labels)
    {
        // Layer 1 is Gaussian (3.18): E[z z ⋯] = Σ_π Π_pairs δ (C_W G^(0)_{ab}) — every pairing written out here.
        var points = Points(labels);
        var cw = Polynomial.Var(Symbol.CW);
        var expected = TensorPolynomial.FromTerms(PairingEnumerator.Default.Enumerate(points.Count).Select(pi =>
            (DeltaProduct.FromPairs(pi.Pairs.Select(p => (points[p.First].Neural, points[p.Second].Neural))),
             Polynomial.Product(pi.Pairs.Select(p => cw * Polynomial.Var(Symbol.InputMetric(points[p.First].Sample!, points[p.Second].Sample!)))))));
        Assert.That(DeepLinear.CorrelatorFromBelowOrbits(points, Layer.Concrete(1), bias: false)!.Expand(), Is.EqualTo(expected));
    }

    [Test]
    public void Eight_distinct_labels_are_one_orbit_and_repeated_labels_split_it()
    {
        var distinct = PointSymmetry.Of(Points("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"))!;
        var orbits = distinct.PairingOrbits(PairingEnumerator.Default.Enumerate(8));
        Assert.That(orbits, Has.Count.EqualTo(1));
        Assert.That(orbits[0].Size, Is.EqualTo(105));
        // a a b b: the pairings (12)(34), {(13)(24), (14)(23)}: two orbits of sizes 1 and 2.
        var aabb = PointSymmetry.Of(Points("a", "a", "b", "b"))!.PairingOrbits(PairingEnumerator.Default.Enumerate(4));
        Assert.That(aabb.Select(o => o.Size).Order(), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(PointSymmetry.Of([new FieldPoint("i", "a"), new FieldPoint("i", "b")]), Is.Null, "a repeated neural index is no relabelling");
    }

    [Test]
    public void Pair_symmetry_is_the_wreath_product_and_groups_monomials_into_orbits()
    {
        var h = PairSymmetry.Of([("a1", "a2"), ("a3", "a4"), ("a5", "a6"), ("a7", "a8")]);
        Assert.That(h.Order, Is.EqualTo(384)); // 2^4 · 4!
        Assert.That(PairSymmetry.Of([("a", "a"), ("b", "b")]).Order, Is.EqualTo(2));
        Assert.That(PairSymmetry.Of([("a", "b"), ("a", "c")]).Order, Is.EqualTo(2)); // b ↔ c
        // The recognised 8-point structure F_(12)(34)(56)(78): 1 + 6 + 3 + 4 + 1 monomials in 5 orbits (set partitions of the pairs by block sizes).
        var points = Points("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8");
        var f = DeepLinear.CorrelatorOrbits(points, Layer.L)!.Terms.Single().Coefficient;
        var grouped = h.Orbits(f)!;
        Assert.That(grouped.Select(o => o.Size).Order(), Is.EqualTo(new[] { 1, 1, 3, 4, 6 }));
        Assert.That(grouped.Sum(o => o.Size), Is.EqualTo(f.Count));
        Assert.That(Polynomial.Sum(grouped.Select(o => h.OrbitSum(Polynomial.FromMonomial(o.Representative, o.Coefficient)))), Is.EqualTo(f));
        // A coefficient that is not invariant has no orbit form.
        Assert.That(h.Orbits(Polynomial.Var(Symbol.Kernel(Layer.L, "a1", "a2"))), Is.Null);
    }
}
