using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary>The commands docs/ERRATA.md cites, with the verdicts it states.</summary>
public class ErrataCliTests
{
    private const string Printed347 = @"G_{2m}^{(\ell)} = \left[\prod_{\ell'=1}^{\ell-1} c_{2m}(n_{\ell}') \right] \left(G_2^{(\ell)} \right)^m";

    [Test]
    public void Eq_3_47_as_transcribed_is_refused_at_the_prime()
    {
        var (code, _, err) = WickRunner.Run("check", Printed347);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain($"1:{Printed347.IndexOf("')", StringComparison.Ordinal) + 1}"));
    }

    [Test]
    public void Eq_3_47_with_the_prime_inside_the_subscript_holds_and_one_power_changed_does_not()
    {
        var corrected = Printed347.Replace(@"n_{\ell}'", @"n_{\ell'}", StringComparison.Ordinal);
        var (code, output, err) = WickRunner.Run("check", corrected);
        Assert.That(code, Is.EqualTo(0), output + err);
        Assert.That(output, Does.Contain("holds for m = 1"));
        // One coefficient changed: the product up to ℓ instead of ℓ − 1 fails at m = 2 (m = 1 has c_2 = 1).
        var (changed, output2, err2) = WickRunner.Run("check", corrected.Replace(@"^{\ell-1}", @"^{\ell}", StringComparison.Ordinal));
        Assert.That(changed, Is.EqualTo(1), output2 + err2);
        Assert.That(output2, Does.Contain("does not hold at m = 2 (it holds for m = 1…1)"));
        // Twice the right-hand side fails at once, at m = 1 (no empty range of m that "holds").
        var (doubled, output3, err3) = WickRunner.Run("check", corrected.Replace(@"= \left[", @"= 2 \left[", StringComparison.Ordinal));
        Assert.That(doubled, Is.EqualTo(1), output3 + err3);
        Assert.That(output3, Does.Contain("does not hold at m = 1\n").And.Not.Contain("1…0"));
    }
}
