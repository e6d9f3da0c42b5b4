using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>The acceptance lines of issue 9 for check and derive, run through the built command (exit codes as stated there).</summary>
[Parallelizable(ParallelScope.All)]
public class VerdictAcceptanceTests
{
    [TestCase(0, "check", "G2^(2) = C_W G2^(1)")]
    [TestCase(0, "check", "G4^(l) = C_W^2 (1 + 2/n_{l-1}) G4^(l-1)")]
    [TestCase(1, "check", "G4^(3) = C_W^2 (1 + 3/n_2) G4^(2)")]
    [TestCase(0, "check", "--bias", "K^(2)_{a1 a2} = C_b + C_W K^(1)_{a1 a2}")]
    [TestCase(2, "check", "--bias", "--set", "C_b=1", "--set", "C_W=1", "G4^(l) - G2^(l)^2 = 2 (l-1)/n_l G2^(l)^2 + O(1/n_l^2)")]
    [TestCase(2, "check", "G4^(l) = G4^(2)")]
    [TestCase(0, "derive", "--set", "n_l=100", "E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]")]
    public void Exit_code(int expected, params string[] args)
    {
        var (code, stdout, stderr) = WickRunner.Run(args);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
        if (expected == 2) Assert.That(stderr, Does.Contain("cannot decide"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Derive_applies_set_to_every_section()
    {
        var (code, stdout, stderr) = WickRunner.Run("derive", "--set", "C_W=2", "E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]");
        Assert.That(code, Is.EqualTo(0), stderr);
        string solution = stdout[stdout.IndexOf("Solution:", StringComparison.Ordinal)..];
        Assert.That(solution, Does.Not.Contain("C_W"));
        Assert.That(solution, Does.Contain("4^(l-1)"));
    }
}
