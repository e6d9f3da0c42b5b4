using System.Numerics;
using CsCheck;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Tests.Engine;

/// <summary>
/// The word/limb recurrence behind <see cref="PairingPatterns.LoopCountsByTransfer"/> against BigInteger expansions
/// computed independently here: Π_k (c_k n + j_k) by schoolbook BigInteger arithmetic, across the long → limb switch.
/// </summary>
public class TransferRecurrenceTests
{
    private static BigInteger[] Expand(IReadOnlyList<StrandStep> steps)
    {
        var a = new BigInteger[steps.Count + 1];
        a[0] = 1;
        for (int k = 1; k <= steps.Count; k++)
        {
            var next = new BigInteger[steps.Count + 1];
            for (int d = 0; d < k; d++)
            {
                next[d + 1] += steps[k - 1].Closing * a[d];
                next[d] += steps[k - 1].Joining * a[d];
            }
            a = next;
        }
        return a;
    }

    [TestCase(1, 1, 70)]       // (n + 1)^70: binomials, switch to limbs near k = 62
    [TestCase(3, 5, 60)]       // closing ≠ 1: the general limb update
    [TestCase(1000, 999, 40)]  // large factors: few words fit
    [TestCase(0, 7, 30)]       // no closing: everything in a_0
    [TestCase(2, 0, 40)]       // no joining: a_0 becomes 0 at once
    [TestCase(1, 1048575, 40)] // (n + 2^20 − 1)^3 has coefficients below 2^60: three steps per pass
    [TestCase(1, 1048576, 40)] // (n + 2^20)^3 has 2^60: two steps per pass
    [TestCase(1572864, 1572864, 30)] // c³(n + 1)³ has 3c³ ≈ 2^63.4: three steps would overflow a limb's 128-bit sum
    public void Constant_steps_match_the_binomial_expansion(int closing, int joining, int m)
    {
        var steps = Enumerable.Repeat(new StrandStep(closing, joining, -1), m).ToArray();
        Assert.That(TransferRecurrence.Run(steps), Is.EqualTo(Expand(steps)));
    }

    [Test]
    public void Random_steps_match_the_expansion() =>
        Gen.Select(Gen.Int[1, 90], Gen.Int[0, 3], Gen.UInt).Sample((m, range, seed) =>
        {
            // Counts below 4, 1000, 2^20 or 2^31: from four steps per limb pass down to one.
            var random = new Random((int)seed);
            int max = range switch { 0 => 4, 1 => 1000, 2 => 1 << 20, _ => int.MaxValue };
            var steps = Enumerable.Range(0, m).Select(_ => new StrandStep(random.Next(max), random.Next(max), -1)).ToArray();
            Assert.That(TransferRecurrence.Run(steps), Is.EqualTo(Expand(steps)));
        }, iter: 100);

    [Test]
    public void Rising_steps_match_the_expansion_beyond_the_long_range()
    {
        // The engine's steps (1, 2k − 2) for m = 120, and a varying closing count.
        var rising = Enumerable.Range(1, 120).Select(k => new StrandStep(1, 2 * k - 2, -1)).ToArray();
        Assert.That(TransferRecurrence.Run(rising), Is.EqualTo(Expand(rising)));
        var mixed = Enumerable.Range(1, 80).Select(k => new StrandStep(k % 4, 3 * k, -1)).ToArray();
        Assert.That(TransferRecurrence.Run(mixed), Is.EqualTo(Expand(mixed)));
        Assert.That(PairingPatterns.LoopCountsByTransfer(120), Is.EqualTo(Expand(rising)));
    }
}
