using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: the built wick command, run as a process, for every acceptance line of the engine issue.</summary>
[Parallelizable(ParallelScope.All)]
public class EngineCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [TestCase("G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)", 0)]
    [TestCase("G6^(l+1) = C_W^3 (1 + 6/n_l + 8/n_l^2) G6^(l)", 0)]
    [TestCase("G6^(l+1) = C_W^3 (1 + 6/n_l + 7/n_l^2) G6^(l)", 1)]
    [TestCase("c_{8}(n) = (1 + 2/n)(1 + 4/n)(1 + 6/n)", 0)]
    [TestCase("c_{8}(n) = (1 + 2/n)(1 + 4/n)(1 + 8/n)", 1)]
    [TestCase("1/n^3 sum_{i,j,k=1}^{n} delta_{i j} delta_{j k} delta_{k i} = 1/n^2", 0)]
    [TestCase("E[z^(1)_{i1} z^(1)_{i2} z^(1)_{i3} z^(1)_{i4}] = C_W^2 (delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3}) G2^(0)^2", 0)]
    [TestCase("E[z^(1)_{i1} z^(1)_{i2} z^(1)_{i3} z^(1)_{i4}] = C_W^2 (delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4}) G2^(0)^2", 1)]
    [TestCase("G6^(l+1) = C_W^3 G6^(l) + O(1/n_l)", 0)]
    [TestCase("G6^(l+1) = C_W^3 G6^(l) + O(1/n_l^2)", 1)]
    public void Check_exit_codes(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
        if (expected == 1) Assert.That(stdout, Does.Contain("lhs - rhs"));
    }

    // Chapter 3 identities, in the book's own LaTeX: (3.23), (3.39)–(3.41) and the sum (3.38) behind G_6.
    [TestCase(@"\frac{1}{n_{\ell}^{2}} \sum_{j,k=1}^{n_{\ell}} \mathbb{E}\left[z_{j}^{(\ell)} z_{j}^{(\ell)} z_{k}^{(\ell)} z_{k}^{(\ell)}\right] = \left(1 + \frac{2}{n_{\ell}}\right) G_{4}^{(\ell)}", 0)]
    [TestCase(@"\frac{1}{n_\ell^3} \sum_{i,j,k=1}^{n_\ell} \delta_{ii} \delta_{jj} \delta_{kk} = 1", 0)]
    [TestCase(@"\frac{1}{n_\ell^3} \sum_{i,j,k=1}^{n_\ell} \delta_{ij} \delta_{ji} \delta_{kk} = \frac{1}{n_\ell}", 0)]
    [TestCase(@"\frac{1}{n_{\ell}^3} \sum_{i,j,k=1}^{n_{\ell}} \delta_{ij} \delta_{jk} \delta_{ki} = \frac{1}{n_{\ell}^2}", 0)]
    [TestCase(@"\frac{1}{n_{\ell}^3} \sum_{i,j,k=1}^{n_{\ell}} \delta_{ij} \delta_{jk} \delta_{ki} = \frac{1}{n_{\ell}}", 1)]
    [TestCase("1/n_l^3 sum_{i,j,k=1}^{n_l} E[z^(l)_{i} z^(l)_{i} z^(l)_{j} z^(l)_{j} z^(l)_{k} z^(l)_{k}] = (1 + 6/n_l + 8/n_l^2) G6^(l)", 0)]
    [TestCase("1/n_l^3 sum_{i,j,k=1}^{n_l} E[z^(l)_{i} z^(l)_{i} z^(l)_{j} z^(l)_{j} z^(l)_{k} z^(l)_{k}] = (1 + 6/n_l + 6/n_l^2) G6^(l)", 1)]
    public void Book_identities_of_chapter_3(string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [Test]
    public void Huge_explicit_correlator_is_refused_with_the_named_quantity_as_the_way_out()
    {
        string fields = string.Join(' ', Enumerable.Range(1, 14).Select(i => $"z^(l+1)_{{i{i}}}"));
        var (code, stdout, stderr) = Wick("derive", $"E[{fields}]");
        Assert.That(code, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain("135135").And.Contain("G14^(l+1)"));
        (code, stdout, stderr) = Wick("derive", "G14^(l+1)");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("G14^(l+1)"));
    }

    [Test]
    public void Large_c2m_is_derived_in_pattern_mode_without_enumeration()
    {
        // The 1/n² coefficient of Π_{k=1}^{199} (1 + 2k/n) is Σ_{j<k} 4jk = 2[(Σk)² − Σk²] = 786726600 (the typed
        // product only as the expectation; the engine derives c_{400} from loop counts).
        var (code, stdout, stderr) = Wick("check", "c_{400}(n) = 1 + 39800/n + 786726600/n^2 + O(1/n^3)");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        (code, stdout, stderr) = Wick("check", "c_{400}(n) = 1 + 39800/n + 786726601/n^2 + O(1/n^3)");
        Assert.That(code, Is.EqualTo(1), stdout + stderr);
        (code, stdout, stderr) = Wick("check", "c_{400}(n) = 1 + 39800/n + O(1/n^2)");
        Assert.That(code, Is.EqualTo(0), "c_{2m} = 1 + m(m−1)/n + …: 200·199 = 39800; " + stdout + stderr);
        (code, _, _) = Wick("check", "c_{400}(n) = 1 + 39802/n + O(1/n^2)");
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public void Check_with_bias_metric()
    {
        var (code, stdout, stderr) = Wick("check", "--model", "linear", "--bias", "K^(l+1)_{a1 a2} = C_b + C_W K^(l)_{a1 a2}");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        (code, _, _) = Wick("check", "K^(l+1)_{a1 a2} = C_b + C_W K^(l)_{a1 a2}");
        Assert.That(code, Is.EqualTo(1), "without --bias there is no C_b");
    }

    [Test]
    public void Check_set_substitutes()
    {
        var (code, stdout, stderr) = Wick("check", "--set", "C_W=1", "G4^(l+1) = (1 + 2/n_l) G4^(l)");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
    }

    [Test]
    public void Derive_single_input_four_point()
    {
        var (code, stdout, stderr) = Wick("derive", "E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("G4^(l+1)").And.Contain("delta_{i1 i2} delta_{i3 i4}").And.Contain("Solution"));
    }

    [Test]
    public void Derive_multi_input_with_bias_json()
    {
        var (code, stdout, stderr) = Wick("derive", "--model", "linear", "--bias", "--format", "json",
            "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2} z^(l+1)_{i3;a3} z^(l+1)_{i4;a4}]");
        Assert.That(code, Is.EqualTo(0), stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var targets = doc.RootElement.GetProperty("recursions").EnumerateArray().Select(r => r.GetProperty("target").GetString()).ToList();
        Assert.That(targets, Does.Contain("V^(l+1)_{(a1 a2)(a3 a4)}").And.Contain("K^(l+1)_{a1 a2}"));
    }

    [TestCase("check", "G4^(l+1) = = C_W")]
    [TestCase("derive", "E[z^(l+1)_{i1} z^(l+1)_{i2}")]
    public void Bad_input_exits_2_with_a_located_message(string command, string input)
    {
        var (code, stdout, stderr) = Wick(command, input);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Is.Not.Empty);
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Demo_runs()
    {
        var (code, stdout, _) = Wick();
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("c_8").And.Contain("12 (G2^(L))^3 r^2 + 32 (G2^(L))^3 r^3 + O(r^4)"));
    }
}
