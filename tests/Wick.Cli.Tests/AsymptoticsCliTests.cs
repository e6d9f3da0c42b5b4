using Wick.Tests;
using System.Text.Json;

namespace Wick.Cli.Tests;

/// <summary>End-to-end: connected correlators, 1/n expansions and the double-scaling limit (issue 5, acceptance lines).</summary>
[Parallelizable(ParallelScope.All)]
public class AsymptoticsCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    private const string Pairing4 = "(delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3})";
    private const string Ec4L = "Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4}]";
    private const string Ec6L = "Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4} z^(L)_{i5} z^(L)_{i6}]";
    private const string Fluctuation = "E[(1/n_l sum_{j} z^(l)_{j} z^(l)_{j})^2] - E[1/n_l sum_{j} z^(l)_{j} z^(l)_{j}]^2";

    [Test]
    public void Acceptance_connected_four_point_check_holds()   // (3.29)
    {
        var (code, stdout, stderr) = Wick("check", $"Ec[z^(l)_{{i1}} z^(l)_{{i2}} z^(l)_{{i3}} z^(l)_{{i4}}] = {Pairing4} (G4^(l) - G2^(l)^2)");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("holds"));
    }

    [Test]
    public void Connected_four_point_check_with_a_wrong_scalar_fails()
    {
        var (code, stdout, _) = Wick("check", $"Ec[z^(l)_{{i1}} z^(l)_{{i2}} z^(l)_{{i3}} z^(l)_{{i4}}] = {Pairing4} (G4^(l) - 2 G2^(l)^2)");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("lhs - rhs"));
    }

    [Test]
    public void Ec_agrees_with_explicit_moment_subtraction_one_layer_up()
    {
        string z(int k) => $"z^(l+1)_{{i{k}}}";
        string E(params int[] ks) => "E[" + string.Join(" ", ks.Select(z)) + "]";
        var identity = $"Ec[{z(1)} {z(2)} {z(3)} {z(4)}] = {E(1, 2, 3, 4)} - {E(1, 2)} {E(3, 4)} - {E(1, 3)} {E(2, 4)} - {E(1, 4)} {E(2, 3)}";
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
    }

    [Test]
    public void Acceptance_six_point_double_scaling_leads_with_12_r2_G2_cubed()   // (3.57)
    {
        var (code, stdout, stderr) = Wick("derive", "--connected", "--set", "C_W=1", "--limit", "double-scaling", "--order", "3", Ec6L);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("leading term: 12 (G2^(L))^3 r^2"));
        Assert.That(stdout, Does.Contain("12 (G2^(L))^3 r^2 + 32 (G2^(L))^3 r^3 + O(r^4)"));
        Assert.That(stdout, Does.Contain("e^(6 r)"));

        (code, stdout, stderr) = Wick("derive", "--format", "json", "--set", "C_W=1", "--limit", "double-scaling", "--order", "3", Ec6L);
        Assert.That(code, Is.EqualTo(0), stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.That(root.GetProperty("leading").GetString(), Is.EqualTo("12 (G2^(L))^3 r^2"));
        Assert.That(root.GetProperty("connected").GetBoolean(), Is.True, "Ec[...] implies --connected");
        Assert.That(root.GetProperty("scalar").GetString(), Is.EqualTo("2 (G2^(L))^3 - 3 G2^(L) G4^(L) + G6^(L)"));
        Assert.That(root.GetProperty("limit").GetString(), Is.EqualTo("double-scaling"));
        Assert.That(root.GetProperty("rSeries").GetString(), Does.Contain("32 (G2^(L))^3 r^3"));
    }

    [Test]
    public void Acceptance_fluctuation_is_2l_over_n_G2_squared()   // (3.33)
    {
        var (code, stdout, stderr) = Wick("derive", "--set", "C_W=1", "--order", "1", Fluctuation);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("leading term: 2 (G2^(l))^2 l/n_l"));
        Assert.That(stdout, Does.Contain("O(1/n_l^2)"));

        (code, stdout, _) = Wick("derive", "--format", "json", "--set", "C_W=1", "--order", "2", Fluctuation);
        Assert.That(code, Is.EqualTo(0));
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.That(root.GetProperty("leading").GetString(), Is.EqualTo("2 (G2^(l))^2 l/n_l"));
        Assert.That(root.GetProperty("widthSeries").GetString(), Does.Contain("O(1/n_l^3)"));
    }

    [Test]
    public void Fluctuation_claim_checks_both_ways()
    {
        var (code, stdout, stderr) = Wick("check", "--set", "C_W=1", $"{Fluctuation} = 2 l/n_l G2^(l)^2 + O(1/n_l^2)");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        (code, stdout, _) = Wick("check", "--set", "C_W=1", $"{Fluctuation} = 2 (l-1)/n_l G2^(l)^2 + O(1/n_l^2)");
        Assert.That(code, Is.EqualTo(1), stdout);
        Assert.That(stdout, Does.Contain("lhs - rhs = 2 (G2^(l))^2/n_l"));
    }

    [TestCase("3", 1)]
    [TestCase("2", 0)]
    public void Asymptotic_claim_in_r_is_decided_in_the_double_scaling_limit(string coefficient, int expected)
    {
        var (code, stdout, stderr) = Wick("check", "--set", "C_W=1", $"{Ec4L} = {Pairing4} {coefficient} r G2^(L)^2 + O(r^2)");
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
        if (expected == 1)
            Assert.That(stdout, Does.Contain($"lhs - rhs = {Pairing4} (-(G2^(L))^2 r)"));
    }

    [Test]
    public void Three_twenty_eight_to_order_one_over_n()   // (3.28)
    {
        var (code, stdout, stderr) = Wick("check", "--set", "C_W=1", "G4^(l) - G2^(l)^2 = 2 (l-1)/n_l G2^(l)^2 + O(1/n_l^2)");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        (code, stdout, _) = Wick("check", "--format", "json", "--set", "C_W=1", "G4^(l) - G2^(l)^2 = 2 l/n_l G2^(l)^2 + O(1/n_l^2)");
        Assert.That(code, Is.EqualTo(1));
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.That(root.GetProperty("solved").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("remainder").GetString(), Is.EqualTo("O(1/n^2)"));
        Assert.That(root.GetProperty("difference").GetString(), Is.EqualTo("-2 (G2^(l))^2/n_l"));
    }

    [Test]
    public void Fluctuation_at_depth_L_in_the_double_scaling_limit_uses_the_observables_width_as_n()
    {
        // (3.33) at depth L: (1 + 2/n)^L − 1 → e^{2r} − 1 = 2r + 2r² + O(r³); the observable's 1/n_L is the common n.
        var (code, stdout, stderr) = Wick("derive", "--set", "C_W=1", "--limit", "double-scaling", "--order", "2",
            "E[(1/n_L sum_{j} z^(L)_{j} z^(L)_{j})^2] - E[1/n_L sum_{j} z^(L)_{j} z^(L)_{j}]^2");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("2 (G2^(L))^2 r + 2 (G2^(L))^2 r^2 + O(r^3)"));
    }

    [Test]
    public void Connected_four_point_of_the_first_layer_vanishes()   // the first layer is Gaussian
    {
        var (code, stdout, stderr) = Wick("derive", "--connected", "E[z^(1)_{i1} z^(1)_{i2} z^(1)_{i3} z^(1)_{i4}]");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("= 0"));
    }

    [Test]
    public void Non_commuting_limits_are_both_shown()   // (3.48)-(3.51)
    {
        var (code, stdout, stderr) = Wick("derive", "--set", "C_W=1", "--limit", "width-first", Ec4L);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("width first").And.Contain("depth first").And.Contain("diverges"));
    }

    [Test]
    public void Latex_output_of_an_expansion()
    {
        var (code, stdout, stderr) = Wick("derive", "--format", "latex", "--set", "C_W=1", "--limit", "double-scaling", "--order", "2", Ec6L);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.StartWith("\\begin{align}").And.Contain("e^{6 r}"));
    }

    [TestCase("derive", "--limit", "sideways", Ec4L)]
    [TestCase("derive", "--order", "-1", Ec4L)]
    [TestCase("derive", "--connected", "G4^(l)")]
    [TestCase("derive", "--order", "1", "Ec[z^(L)_{i1;a1} z^(L)_{i2;a2} z^(L)_{i3;a3} z^(L)_{i4;a4}]")]
    [TestCase("derive", "--order", "1", "--bias", Ec4L)]
    [TestCase("derive", "Ec[z^(L)_{i1} z^(L)_{i2} + z^(L)_{i1} z^(L)_{i2}]")]
    [TestCase("derive", "--order", "1", "Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4}")]
    [TestCase("check", "G4^(l) = G2^(l)^2 + O(x^2)")]
    [TestCase("check", "C_W = C_W + O(r^2)")]
    public void Bad_input_exits_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        var (code, stdout, stderr) = Wick(args);
        Assert.That(code, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.StartWith("wick:").Or.Contain("^"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }
}
