using System.Numerics;
using CsCheck;
using Wick.Algebra;
using Wick.Algebra.Cumulants;

namespace Wick.Algebra.Tests.Expansions;

public class MomentCumulantTests
{
    [TestCase(0, 1)]
    [TestCase(1, 1)]
    [TestCase(4, 15)]
    [TestCase(6, 203)]
    [TestCase(8, 4140)]
    public void Enumerates_Bell_many_partitions(int n, int bell)
    {
        var all = SetPartitions.Enumerate(n).ToList();
        Assert.That(all, Has.Count.EqualTo(bell));
        Assert.That(SetPartitions.Bell(n), Is.EqualTo(new BigInteger(bell)));
        Assert.That(all.Distinct().Count(), Is.EqualTo(bell), "partitions are distinct");
        Assert.That(all.All(p => p.Size == n), Is.True);
    }

    [Test]
    public void Even_block_pruning_equals_filtering()
    {
        for (int n = 0; n <= 10; n++)
        {
            var pruned = SetPartitions.Enumerate(n, evenBlocksOnly: true).Select(p => p.ToString()).ToHashSet();
            var filtered = SetPartitions.Enumerate(n).Where(p => p.AllBlocksEven).Select(p => p.ToString()).ToHashSet();
            Assert.That(pruned.SetEquals(filtered), Is.True, $"N = {n}");
        }
        // Partitions of 6 into even blocks: {6}, 15 × {2,4}, 15 × {2,2,2}.
        Assert.That(SetPartitions.Enumerate(6, true).Count(), Is.EqualTo(31));
    }

    [Test]
    public void Mobius_is_signed_factorial()
    {
        Assert.That(SetPartition.MobiusToTop(1), Is.EqualTo(BigInteger.One));
        Assert.That(SetPartition.MobiusToTop(2), Is.EqualTo(BigInteger.MinusOne));
        Assert.That(SetPartition.MobiusToTop(3), Is.EqualTo(new BigInteger(2)));
        Assert.That(SetPartition.MobiusToTop(4), Is.EqualTo(new BigInteger(-6)));
        // Σ_π μ(π, 1̂) over all partitions of N ≥ 2 is zero (κ of a constant vanishes).
        for (int n = 2; n <= 7; n++)
            Assert.That(SetPartitions.Enumerate(n).Aggregate(BigInteger.Zero, (s, p) => s + p.Mobius), Is.EqualTo(BigInteger.Zero));
    }

    // Poisson(λ): E[X^k] = Σ_π λ^{|π|} (Touchard), every cumulant equals λ.
    [TestCase(1, 3)]
    [TestCase(2, 5)]
    [TestCase(7, 6)]
    public void Poisson_cumulants_are_all_lambda(int lambda, int n)
    {
        Rational Moment(IReadOnlyList<int> block) =>
            SetPartitions.Enumerate(block.Count).Aggregate(Rational.Zero, (s, p) => s + ((Rational)lambda).Pow(p.BlockCount));
        var alg = RationalMomentAlgebra.Instance;
        Assert.That(MomentCumulant.Connected(n, Moment, alg, oddMomentsVanish: false), Is.EqualTo((Rational)lambda));
        Assert.That(MomentCumulant.ConnectedBySubtraction(n, Moment, alg), Is.EqualTo((Rational)lambda));
    }

    // Rademacher ±1: even moments 1, κ4 = −2, κ6 = 16, κ8 = −272 (tangent-number cumulants of log cosh).
    [TestCase(2, 1)]
    [TestCase(4, -2)]
    [TestCase(6, 16)]
    [TestCase(8, -272)]
    public void Rademacher_cumulants(int n, int expected)
    {
        static Rational Moment(IReadOnlyList<int> block) => block.Count % 2 == 0 ? Rational.One : Rational.Zero;
        var alg = RationalMomentAlgebra.Instance;
        Assert.That(MomentCumulant.Connected(n, Moment, alg), Is.EqualTo((Rational)expected));
        Assert.That(MomentCumulant.ConnectedBySubtraction(n, Moment, alg), Is.EqualTo((Rational)expected));
    }

    [Test]
    public void Moebius_and_subtraction_agree_on_random_mixed_moments()
    {
        // Random exchangeable-free moments: E[B] an arbitrary function of the block's positions (as a bitmask).
        Gen.Int[1, 6].Select(Gen.Int[-5, 5].Array[64]).Sample(t =>
        {
            var (n, table) = t;
            Rational Moment(IReadOnlyList<int> block) => table[block.Aggregate(0, (m, i) => m | 1 << i) % 64];
            var alg = RationalMomentAlgebra.Instance;
            var viaMobius = MomentCumulant.Connected(n, Moment, alg, oddMomentsVanish: false);
            var viaSubtraction = MomentCumulant.ConnectedBySubtraction(n, Moment, alg);
            Assert.That(viaMobius, Is.EqualTo(viaSubtraction));
            // and the inverse relation gives back the moment of the whole set.
            Rational Kappa(IReadOnlyList<int> block) => MomentCumulant.Connected(block.Count, b => Moment(b.Select(i => block[i]).ToList()), alg, false);
            Assert.That(MomentCumulant.MomentFromConnected(n, Kappa, alg, false), Is.EqualTo(Moment(Enumerable.Range(0, n).ToList())));
        }, iter: 200);
    }
}
