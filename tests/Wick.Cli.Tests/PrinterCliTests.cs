using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: equation tags echoed and never multiplied in; printed solutions read back and check.</summary>
[Parallelizable(ParallelScope.All)]
public class PrinterCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [TestCase(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} \quad (3.24)", 0)]
    [TestCase(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{3}{n_\ell}\right) G_4^{(\ell)} \quad (3.24)", 1)]
    [TestCase(@"$$G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} . \tag{3.24}$$", 0)]
    public void Tags_are_echoed_and_never_multiplied_in(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
        Assert.That(stdout, Does.StartWith("(3.24)"));
        Assert.That(stdout, Does.Not.Contain("3.24 C_W").And.Not.Contain("81/25"));
    }

    // The condition an identity is checked under stays in its LaTeX display (it used to be dropped there while text
    // and JSON kept it), and the displayed equation reads back with the same verdict.
    [TestCase(@"E[z^(l)_j z^(l)_k] = 0, \text{for } j \neq k", 0, "holds")]
    [TestCase(@"E[z^(l)_j z^(l)_k] = G2^(l), \text{for } j \neq k", 1, "does not hold")]
    public void Side_conditions_are_kept_in_the_latex_display(string identity, int expected, string verdict)
    {
        var (code, latex, err) = Wick("check", identity, "--format", "latex");
        Assert.That(code, Is.EqualTo(expected), latex + err);
        Assert.That(latex, Does.Contain(@", \text{for } j \neq k && \text{" + verdict + "}"));
        if (expected != 0) return;
        string line = latex.Split('\n').Single(l => l.Contains("&=", StringComparison.Ordinal));
        string equation = line[..line.IndexOf("&&", StringComparison.Ordinal)].Replace("&=", "=", StringComparison.Ordinal).Trim();
        var (again, output, err2) = Wick("check", equation);
        Assert.That(again, Is.EqualTo(0), equation + "\n" + output + err2);
    }

    [Test]
    public void An_ambiguous_trailing_number_is_a_located_error()
    {
        var (code, _, stderr) = Wick("check", "G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) (3)");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("error at 1:37").And.Contain("\\tag{3}"));
    }

    [Test]
    public void The_solutions_derive_prints_check()
    {
        var (code, stdout, stderr) = Wick("derive", "E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]");
        Assert.That(code, Is.EqualTo(0), stderr);
        var lines = stdout.Split('\n').Select(s => s.Trim()).ToList();
        string perLayer = lines[lines.IndexOf("Solution:") + 1];
        string constant = lines[lines.IndexOf("Solution:") + 2]["constant width:".Length..].Trim();
        foreach (string solution in new[] { perLayer, constant })
        {
            var (c, o, e) = Wick("check", solution);
            Assert.That(c, Is.EqualTo(0), solution + "\n" + o + e);
            Assert.That(o, Does.Contain("proved by induction"));
            // One coefficient changed: C_W^2 → C_W^3.
            string perturbed = solution.Replace("C_W^2", "C_W^3");
            Assert.That(perturbed, Is.Not.EqualTo(solution));
            (c, o, e) = Wick("check", perturbed);
            Assert.That(c, Is.EqualTo(1), perturbed + "\n" + o + e);
        }
    }

    [Test]
    public void A_weight_at_layer_zero_is_bad_input()
    {
        var (code, _, stderr) = Wick("parse", "W^(0)_{i j}");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("there is no weight W^(0)").And.Not.Contain("Exception"));
    }
}
