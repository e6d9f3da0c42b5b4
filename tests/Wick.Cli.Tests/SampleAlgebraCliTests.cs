using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: sample deltas, sums over the data set, the inverse kernel (issue 9, item 2).</summary>
[Parallelizable(ParallelScope.All)]
public class SampleAlgebraCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    // The acceptance line of issue 9 both ways, and variants: spellings, layers, δ on either side.
    [TestCase("delta_{a b} K^(l)_{a b} = delta_{a b} K^(l)_{a a}", 0)]
    [TestCase("delta_{a b} K^(l)_{a b} = 2 delta_{a b} K^(l)_{a a}", 1)]
    [TestCase("delta_{a b} K^(l)_{a b} = delta_{a b} (K^(l)_{a a} + C_b)", 1)]
    [TestCase("delta_{a b} K^(l)_{a b} = delta_{a b} K^(l)_{b b}", 0)]
    [TestCase("delta_{b a} K^(3)_{b a} = K^(3)_{a a} delta_{a b}", 0)]
    [TestCase("delta_{a b} K^(L)_{a b} = delta_{a b} K^(L-1)_{a a}", 1)]
    [TestCase(@"\delta_{\alpha \beta} K^{(\ell)}_{\alpha \beta} = \delta_{\alpha \beta} K^{(\ell)}_{\alpha \alpha}", 0)]
    [TestCase("δ_{αβ} K^(l)_{αβ} = δ_{αβ} K^(l)_{αα}", 0)]
    [TestCase("delta_{a b} K^(l+1)_{a b} = delta_{a b} (C_W K^(l)_{a a})", 0)]
    [TestCase("delta_{a b} K^(l+1)_{a b} = delta_{a b} K^(l)_{a a}", 1)]
    [TestCase("delta_{a1 a2} G^(0)_{a1 a2} = delta_{a1 a2} G^(0)_{a2 a2}", 0)]
    [TestCase("delta_{a c} delta_{a b} V^(l)_{(a b)(c c)} = delta_{a b} delta_{b c} V^(l)_{(a a)(a a)}", 0)]
    public void Sample_deltas_are_applied(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [TestCase("sum_{b} K^(l)^{a b} K^(l)_{b c} = delta_{a c}", 0)]
    [TestCase("sum_{b} K^(l)^{a b} K^(l)_{b c} = delta^{a}_{c}", 0)]
    [TestCase(@"\sum_{\beta \in \mathcal{D}} K_{(\ell)}^{\alpha \beta} K^{(\ell)}_{\beta \gamma} = \delta^{\alpha}_{\gamma}", 0)]
    [TestCase("sum_{b} K^(l)^{a b} K^(l)_{b c} = K^(l)^{a c}", 1)]
    [TestCase("sum_{b} K^(l)^{a b} K^(l+1)_{b c} = delta_{a c}", 1)]
    [TestCase("sum_{a,b} K^(L)^{a b} K^(L)_{a b} = N_D", 0)]
    [TestCase("sum_{a,b} K^(l)^{a b} K^(l)_{a b} = 2 N_D", 1)]
    [TestCase("sum_{b} delta_{b b} = N_D", 0)]
    [TestCase("sum_{b} delta_{a b} K^(l)_{b c} = K^(l)_{c a}", 0)]
    [TestCase("sum_{b} K^(l)_{a b} = sum_{c} K^(l)_{c a}", 0)]
    [TestCase("(sum_{b} K^(l)_{a b})^2 = sum_{b,c} K^(l)_{a b} K^(l)_{a c}", 0)]
    [TestCase("(sum_{b} K^(l)_{a b})^2 = sum_{b} K^(l)_{a b} K^(l)_{a b}", 1)]
    [TestCase("sum_{b} K^(l+1)_{a b} = C_W sum_{c} K^(l)_{c a}", 0)]
    [TestCase("sum_{b,c,d} V^(l)_{(a b)(c d)} K^(l)^{b c} = sum_{b,c,d} V^(l)_{(d a)(c b)} K^(l)^{d c}", 0)]
    public void Sums_over_the_data_set(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [TestCase("sum_{b,c,d} V^(l)_{(a b)(c d)} K^(l)^{b c} = sum_{b,c,d} V^(l)_{(a b)(c d)} K^(l)^{c d}")]
    [TestCase("delta_{a b} K^(l)_{a b} = delta_{a b} V^(l)_{(a a)(b b)}")]
    public void False_identities_never_hold(string identity)
    {
        // V and K at one symbolic layer are related through the layers below: "does not hold" or "cannot decide", never 0.
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.AnyOf(1, 2), stdout + stderr);
    }

    [Test]
    public void With_biases_the_data_set_size_appears()
    {
        var (code, stdout, stderr) = Wick("check", "--bias", "sum_{b} K^(l+1)_{a b} = C_b N_D + C_W sum_{c} K^(l)_{c a}");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        (code, stdout, stderr) = Wick("check", "--bias", "sum_{b} K^(l+1)_{a b} = C_b + C_W sum_{c} K^(l)_{c a}");
        Assert.That(code, Is.EqualTo(1), stdout + stderr);
    }

    [TestCase("sum_{b} K^(l+1)^{a b} K^(l+1)_{b c} = delta_{a c}")]
    [TestCase("sum_{b} K^(2)^{a b} K^(2)_{b c} = delta_{a c}")]
    public void An_inverse_above_the_running_layer_is_refused_not_misjudged(string identity)
    {
        // K^(l+1) is rewritten to C_W K^(l) but its inverse is not: comparing would give a wrong "does not hold".
        var (code, _, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("raised indices"));
    }

    [Test]
    public void A_sample_sum_with_bounds_is_refused()
    {
        var (code, _, stderr) = Wick("check", "sum_{b=1}^{3} K^(l)_{a b} = K^(l)_{a a}");
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("data set"));
    }

    [Test]
    public void Printed_sample_sums_parse_back()
    {
        // A side is printed with a dummy sum; read back, it equals the same tensor written with other dummy names.
        var (code, stdout, _) = Wick("check", "sum_{b,c} K^(l)^{a b} V^(l)_{(b c)(d d)} = sum_{e,c} K^(l)^{e a} V^(l)_{(d d)(c e)}");
        Assert.That(code, Is.EqualTo(0));
        string lhs = stdout.Split('\n').First(x => x.StartsWith("lhs = ", StringComparison.Ordinal))[6..].Trim();
        Assert.That(lhs, Does.StartWith("sum_{"));
        (code, stdout, var err) = Wick("check", $"{lhs} = sum_{{b,c}} V^(l)_{{(c b)(d d)}} K^(l)^{{b a}}");
        Assert.That(code, Is.EqualTo(0), stdout + err);
        (code, stdout, _) = Wick("check", "--format", "latex", "sum_{b,c} K^(l)^{a b} V^(l)_{(b c)(d d)} = sum_{b,c} K^(l)^{a b} V^(l)_{(b c)(d d)}");
        Assert.That(code, Is.EqualTo(0));
        // The LaTeX is an align block whose first row holds the left-hand side: "lhs &= rhs …", or "&lhs \nonumber"
        // alone when it is long (the steps follow on "&\qquad = …" rows).
        string first = stdout.Split('\n')[1].Trim();
        string latexLhs = first.StartsWith('&') ? first[1..].Replace("\\nonumber", "", StringComparison.Ordinal).Trim() : first.Split(" &= ")[0].Trim();
        Assert.That(latexLhs, Does.Contain("\\in \\mathcal{D}"));
        (code, stdout, err) = Wick("check", $"{latexLhs} = sum_{{b,c}} V^(l)_{{(c b)(d d)}} K^(l)^{{b a}}");
        Assert.That(code, Is.EqualTo(0), stdout + err);
    }
}
