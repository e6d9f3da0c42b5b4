using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: <c>--model mlp</c> in derive and check (leading-order kernel recursion 4.118).</summary>
[Parallelizable(ParallelScope.All)]
public class MlpCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [TestCase("K^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)", 0)]
    [TestCase("K^(l+1)_{a1 a2} = C_b + C_W <sigma_a2 sigma_a1>_{K^(l)} + O(1/n_l)", 0)]
    [TestCase("K^(l+1)_{a1 a2} = <sigma_a1 sigma_a2>_{K^(l)} C_W + C_b + O(1/n)", 0)]
    [TestCase(@"K^{(\ell+1)}_{\alpha_1 \alpha_2} = C_b + C_W \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(\ell)}} + O(1/n)", 0)]
    [TestCase("K^(l+2)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l+1)} + O(1/n)", 0)]
    [TestCase("E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = delta_{i1 i2} (C_b + C_W <sigma_a1 sigma_a2>_{K^(l)}) + O(1/n)", 0)]
    [TestCase("K^(l+1)_{a1 a2} = C_b + 2 C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)", 1)]
    [TestCase("K^(l+1)_{a1 a2} = C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)", 1)]
    [TestCase("K^(l+1)_{a1 a2} = C_b + C_W K^(l)_{a1 a2} + O(1/n)", 1)]
    public void Check_leading_order_kernel(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
        if (expected == 1) Assert.That(stdout, Does.Contain("lhs - rhs"));
        else Assert.That(stdout, Does.Contain("holds up to O(1/n)"));
    }

    [Test]
    public void Check_without_remainder_does_not_claim_an_exact_identity()
    {
        // The kernel recursion is exact among the 1/n coefficients (issue 10); E[z z] at layer l+1 carries O(1/n) terms.
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = delta_{i1 i2} (C_b + C_W <sigma_a1 sigma_a2>_{K^(l)})");
        Assert.That(code, Is.EqualTo(1), stdout + stderr);
        Assert.That(stdout, Does.Contain("not an exact identity").And.Contain("(4.104)").And.Contain("O(1/n)"));
    }

    [Test]
    public void Check_finer_remainder_is_refused()
    {
        var (code, _, stderr) = Wick("check", "--model", "mlp", "E[z^(l)_{i1;a1} z^(l)_{i2;a2}] = delta_{i1 i2} K^(l)_{a1 a2} + O(1/n^2)");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("leading order"));
    }

    [Test]
    public void Check_json_has_the_note()
    {
        var (code, stdout, _) = Wick("check", "--model", "mlp", "--format", "json", "G^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)}");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("\"note\"").And.Contain("not an exact identity"));
    }

    [Test]
    public void Derive_prints_the_leading_order_kernel_recursion_which_checks_back()
    {
        var (code, stdout, stderr) = Wick("derive", "--model", "mlp", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("(1/n_l) sum_j E[sigma(z^(l)_{j;a1}) sigma(z^(l)_{j;a2})]"));
        var line = stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("K^(l+1)_{a1 a2} =", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("<sigma_a1 sigma_a2>_{K^(l)} C_W").And.Contain("C_b"));
        // The printed recursion parses back and checks: exactly (K is the O(1) coefficient, 4.104) and with + O(1/n).
        var (back, o2, e2) = Wick("check", "--model", "mlp", line);
        Assert.That(back, Is.EqualTo(0), o2 + e2);
        (back, o2, e2) = Wick("check", "--model", "mlp", line + " + O(1/n)");
        Assert.That(back, Is.EqualTo(0), o2 + e2);
    }

    [Test]
    public void Derive_latex_and_json()
    {
        var (code, stdout, _) = Wick("derive", "--model", "mlp", "--format", "latex", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain(@"\langle \sigma_{\alpha_{1}} \sigma_{\alpha_{2}} \rangle_{K^{(\ell)}}"));
        (code, stdout, _) = Wick("derive", "--model", "mlp", "--format", "json", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("\"model\": \"mlp\"").Or.Contain("\"model\":\"mlp\""));
        Assert.That(stdout, Does.Contain(@"\\langle \\sigma_{\\alpha_{1}}").And.Not.Contain("<sigma_{"));
    }

    [TestCase("E[z^(l+1)_{i1} z^(l+1)_{i2}]")]
    [TestCase("E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2} z^(l+1)_{i3;a3} z^(l+1)_{i4;a4} z^(l+1)_{i5;a5} z^(l+1)_{i6;a6}]")]
    public void Derive_refuses_what_is_not_built(string expr)
    {
        var (code, _, stderr) = Wick("derive", "--model", "mlp", expr);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--model mlp"));
    }

    [TestCase("<z_a1 z_a2>_{K^(l)} = K^(l)_{a1 a2}", 0)]                                   // sigma(z) = z: the kernel itself
    [TestCase("<sigma_a1 sigma_a2>_{K^(l)} = <sigma_a2 sigma_a1>_{K^(l)}", 0)]            // no approximation: exact
    [TestCase("K^(1)_{a1 a2} = C_b + C_W G^(0)_{a1 a2}", 0)]                             // the first layer is Gaussian: exact
    [TestCase("E[z^(1)_{i1;a1} z^(1)_{i2;a2}] = delta_{i1 i2} (C_b + C_W G^(0)_{a1 a2})", 0)]
    [TestCase("K^(2)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(1)} + O(1/n)", 0)]
    [TestCase("K^(2)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(1)}", 0)]                // layer 1 Gaussian: layer 2 exact (issue 10)
    [TestCase("G^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)", 0)]
    [TestCase("E[z^(l)_{i1;a1} z^(l)_{i2;a2}] = delta_{i1 i2} K^(l)_{a1 a2} + O(1/n)", 0)]
    [TestCase("K^(l+1)_{a1 a2} = C_b + C_W <z_a1 z_a2>_{K^(l)} + O(1/n)", 1)]            // a general sigma is not linear
    public void Check_exact_and_first_layer_cases(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [Test]
    public void Check_latex_spells_the_gaussian_expectation()
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", "--format", "latex", "K^(l+1)_{a1 a2} = C_b + 2 C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)");
        Assert.That(code, Is.EqualTo(1), stdout + stderr);
        Assert.That(stdout, Does.Contain(@"-\langle \sigma_{\alpha_{1}} \sigma_{\alpha_{2}} \rangle_{K^{(\ell)}} C_{W}"));
    }

    [Test]
    public void Linear_bias_first_layer_uses_the_input_metric()
    {
        // G^(0)_{ab} is the input metric x·x/n_0 (3.18), the symbol the first-layer correlator is written in.
        var (code, stdout, stderr) = Wick("check", "--bias", "E[z^(1)_{i1;a1} z^(1)_{i2;a2}] = delta_{i1 i2} (C_b + C_W G^(0)_{a1 a2})");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
    }

    [Test]
    public void Unknown_model_is_a_usage_error()
    {
        var (code, _, stderr) = Wick("check", "--model", "resnet", "K^(l+1)_{a1 a2} = C_b");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("mlp"));
    }
}
