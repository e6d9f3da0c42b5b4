using System.Globalization;
using System.Text.Json;
using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: <c>wick expect</c> evaluates Gaussian expectations; bad input exits 2 with a located message.</summary>
[Parallelizable(ParallelScope.All)]
public class ExpectCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [Test]
    public void Tanh_two_point_at_unit_kernel()
    {
        var (code, stdout, stderr) = Wick("expect", "<sigma sigma>_K", "--activation", "tanh", "--kernel", "1");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.StartWith("0.3942944904"));
    }

    [Test]
    public void Json_output_carries_value_error_and_method()
    {
        var (code, stdout, stderr) = Wick("expect", "<sigma_a1 sigma_a2>_K", "--activation", "relu", "--kernel", "[[1,0.5],[0.5,1]]", "--format", "json");
        Assert.That(code, Is.EqualTo(0), stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        // Arc-cosine kernel at cos θ = ½: (sin θ + (π − θ) cos θ)/(2π) with θ = π/3.
        double theta = Math.PI / 3, expected = (Math.Sin(theta) + (Math.PI - theta) * Math.Cos(theta)) / (2 * Math.PI);
        Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(expected).Within(1e-15));
        Assert.That(root.GetProperty("method").GetString(), Is.EqualTo("ClosedForm"));
        Assert.That(root.GetProperty("errorEstimate").GetDouble(), Is.EqualTo(0));
    }

    [Test]
    public void Primed_and_centred_bodies_evaluate()
    {
        var (code, stdout, stderr) = Wick("expect", "<sigma'_a sigma'_b>_K", "--activation", "erf", "--kernel", "[[1,0.2],[0.2,0.5]]", "--format", "latex");
        Assert.That(code, Is.EqualTo(0), stderr);
        double expected = 4 / Math.PI / Math.Sqrt(3 * 2 - 4 * 0.04);
        Assert.That(stdout, Does.Contain(@"\sigma'").And.Contain(expected.ToString("R", CultureInfo.InvariantCulture)[..12]));
        (code, stdout, stderr) = Wick("expect", "<sigma_a sigma_b (z_a z_b - K_{ab})>_K", "--activation", "linear", "--kernel", "[[1,0.3],[0.3,2]]");
        Assert.That(code, Is.EqualTo(0), stderr);
        // Isserlis: ⟨z_a z_b z_a z_b⟩ − K_ab² = K_aa K_bb + K_ab².
        Assert.That(double.Parse(stdout.Split('\n')[0], CultureInfo.InvariantCulture), Is.EqualTo(2 + 0.09).Within(1e-14));
    }

    [TestCase("[[1,2],[2,1]]", "positive semi-definite")]
    [TestCase("[[1,0.5],[0.5]]", "square")]
    [TestCase("NaN", "not a finite number")]
    [TestCase("[[1,0.5,0],[0.5,1,0],[0,0,1]]", "kernel is 3×3")]
    [TestCase("oops", "--kernel")]
    public void Bad_kernels_exit_2(string kernel, string reason)
    {
        var (code, stdout, stderr) = Wick("expect", "<sigma_a sigma_b>_K", "--activation", "tanh", "--kernel", kernel);
        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr, Does.Contain(reason));
        Assert.That(stdout, Is.Empty);
    }

    [TestCase("selu", "unknown activation")]
    [TestCase("tanh(z", "column 7")]
    public void Bad_activations_exit_2(string activation, string reason)
    {
        var (code, _, stderr) = Wick("expect", "<sigma sigma>_K", "--activation", activation, "--kernel", "1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(reason));
    }

    [TestCase("<sigma sigma>_K +", "error at 1:18")]
    [TestCase("<sigma W_{ij}>_K", "error at 1:8")]
    [TestCase("K^(l)_{ab}", "expected a Gaussian expectation")]
    [TestCase("<sigma_a sigma>_K", "or none of them")]
    [TestCase("<sigma''_a sigma''_a>_K", "infinite")]
    public void Bad_expressions_exit_2_with_a_located_message(string expr, string reason)
    {
        var (code, stdout, stderr) = Wick("expect", expr, "--activation", "relu", "--kernel", "1");
        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr, Does.Contain(reason));
        Assert.That(stdout, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
    }

    [Test]
    public void Missed_tolerance_is_an_error_not_a_number()
    {
        var (code, stdout, stderr) = Wick("expect", "<sigma sigma sigma>_K", "--activation", "max(z, 0)", "--kernel", "1", "--tolerance", "1e-13");
        Assert.That(code, Is.EqualTo(2), stdout);
        Assert.That(stderr, Does.Contain("did not reach the tolerance"));
    }
}

/// <summary>End-to-end: <c>wick mc --model mlp --activation NAME</c> (full-matrix sampler with σ), shard + merge.</summary>
[Parallelizable(ParallelScope.All)]
public class MlpMcCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [Test]
    public void Relu_network_json_and_exact_merge()
    {
        string[] common = ["mc", "--model", "mlp", "--activation", "relu", "--cw", "2", "--cb", "0", "--widths", "10x3", "--samples", "20000", "--format", "json"];
        var (code, stdout, stderr) = Wick(common);
        Assert.That(code, Is.EqualTo(0), stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.That(doc.RootElement.GetProperty("model").GetString(), Is.EqualTo("mlp"));
        Assert.That(doc.RootElement.GetProperty("activation").GetString(), Is.EqualTo("relu"));
        // G2^(1) = C_W G^(0) = 2, and ReLU with C_W = 2 keeps it at every layer (C_W A₂ = 1).
        foreach (var layer in doc.RootElement.GetProperty("layers").EnumerateArray())
        {
            var g2 = layer.GetProperty("G2");
            Assert.That(Math.Abs(g2.GetProperty("value").GetDouble() - 2), Is.LessThan(5 * g2.GetProperty("stderr").GetDouble()));
        }
        string dir = Path.Combine(Path.GetTempPath(), "wick-mlp-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var files = new List<string>();
            for (int k = 1; k <= 2; k++)
            {
                var (c, o, e) = Wick([.. common, "--shard", $"{k}/2"]);
                Assert.That(c, Is.EqualTo(0), e);
                files.Add(Path.Combine(dir, $"s{k}.json"));
                File.WriteAllText(files[^1], o);
            }
            var (mc, mo, me) = Wick(["mc", "merge", .. files, "--format", "json"]);
            Assert.That(mc, Is.EqualTo(0), me);
            using var merged = JsonDocument.Parse(mo);
            Assert.That(merged.RootElement.GetProperty("layers").ToString(), Is.EqualTo(doc.RootElement.GetProperty("layers").ToString()));
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestCase("--activation", "selu", "unknown activation")]
    [TestCase("--sampler", "chi2", "needs --sampler full")]
    public void Bad_mlp_options_exit_2(string option, string value, string reason)
    {
        string[] args = ["mc", "--model", "mlp", "--widths", "4x2", "--samples", "100"];
        if (option != "--activation") args = [.. args, "--activation", "tanh"];
        var (code, _, stderr) = Wick([.. args, option, value]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(reason));
    }

    [Test]
    public void Mlp_without_activation_exits_2()
    {
        var (code, _, stderr) = Wick("mc", "--model", "mlp", "--widths", "4x2", "--samples", "100");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--activation"));
    }
}
