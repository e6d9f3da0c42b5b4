using System.Text.Json;
using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: the infinite-width NTK in derive, check and eval --ntk (lectures (83)).</summary>
[Parallelizable(ParallelScope.All)]
public class NtkCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    private static string TwoInputs()
    {
        string path = Path.Combine(Path.GetTempPath(), $"wick-ntk-two-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "1.0,0.5,-0.3,0.8\n0.2,-1.0,0.6,0.4\n");
        return path;
    }

    [Test]
    public void Derive_prints_the_derived_recursion_and_its_stages()
    {
        var (code, stdout, stderr) = Wick("derive", "--model", "mlp", "Theta^(l+1)_{a1 a2}");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Theta^(l+1)_{a1 a2} = <sigma_a1 sigma_a2>_{K^(l)} lambda_W + <sigma'_a1 sigma'_a2>_{K^(l)} C_W Theta^(l)_{a1 a2} + lambda_b"));
        Assert.That(stdout, Does.Contain("H^(l)_{j1 j2;a1 a2}").And.Contain("lambda_W/n_l"));
    }

    [Test]
    public void Derive_refuses_theta_outside_the_mlp_model_and_at_the_input_layer()
    {
        Assert.That(Wick("derive", "Theta^(l+1)_{a b}").Code, Is.EqualTo(2));
        Assert.That(Wick("derive", "--model", "mlp", "Theta^(0)_{a b}").Code, Is.EqualTo(2));
    }

    [TestCase("relu", "Theta^(l+1) = lambda_b + lambda_W K^(l)/2 + C_W Theta^(l)/2", 0)]
    [TestCase("relu", "Theta^(l+1) = lambda_b + lambda_W K^(l)/2 + C_W Theta^(l)", 1)]
    [TestCase("linear", "Theta^(l+1)_{a b} = lambda_b + lambda_W K^(l)_{a b} + C_W Theta^(l)_{a b}", 0)]
    [TestCase("linear", "Theta^(1)_{a b} = lambda_b + lambda_W G^(0)_{a b}", 0)]
    [TestCase("linear", "Theta^(1)_{a b} = lambda_b + C_W G^(0)_{a b}", 1)]
    public void Check_decides_ntk_identities_both_ways(string activation, string identity, int expected)
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", "--activation", activation, identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [Test]
    public void Deep_linear_at_criticality_theta_grows_linearly_through_check()
    {
        string[] set = ["--set", "C_W=1", "--set", "C_b=0", "--set", "lambda_b=0"];
        Assert.That(Wick(["check", "--model", "mlp", "--activation", "linear", .. set, "Theta^(4)_{a b} = 4 lambda_W G^(0)_{a b}"]).Code, Is.EqualTo(0));
        Assert.That(Wick(["check", "--model", "mlp", "--activation", "linear", .. set, "Theta^(4)_{a b} = 5 lambda_W G^(0)_{a b}"]).Code, Is.EqualTo(1));
    }

    [Test]
    public void Eval_ntk_relu_two_inputs_is_the_acceptance_line()
    {
        string file = TwoInputs();
        try
        {
            var (code, stdout, stderr) = Wick("eval", "--ntk", "--model", "mlp", "--activation", "relu", "--widths", "64x5", "--inputs", file);
            Assert.That(code, Is.EqualTo(0), stderr);
            Assert.That(stdout, Does.Contain("Theta^(l+1)_{a1 a2}").And.Contain("layer"));
            Assert.That(stdout.Split('\n').Count(l => l.TrimStart().StartsWith("5 ", StringComparison.Ordinal)), Is.EqualTo(3)); // pairs 11, 12, 22 at layer 5

            var (jcode, json, jerr) = Wick("eval", "--ntk", "--model", "mlp", "--activation", "relu", "--widths", "64x5", "--inputs", file, "--format", "json");
            Assert.That(jcode, Is.EqualTo(0), jerr);
            using var doc = JsonDocument.Parse(json);
            var layers = doc.RootElement.GetProperty("layers");
            Assert.That(layers.GetArrayLength(), Is.EqualTo(5));
            var theta1 = layers[0].GetProperty("Theta");
            var k1 = layers[0].GetProperty("K");
            Assert.That(theta1[0][1].GetDouble(), Is.EqualTo(k1[0][1].GetDouble())); // NTK parameterization: Θ^(1) = K^(1)
            var theta5 = layers[4].GetProperty("Theta");
            Assert.That(theta5[0][1].GetDouble(), Is.EqualTo(theta5[1][0].GetDouble()));
        }
        finally { File.Delete(file); }
    }

    [Test]
    public void Eval_ntk_linear_critical_is_depth_times_the_input_norm()
    {
        var (code, json, stderr) = Wick("eval", "--ntk", "--model", "linear", "--widths", "10x4", "--input-norm", "2", "--lambda-w", "1", "--format", "json");
        Assert.That(code, Is.EqualTo(0), stderr);
        using var doc = JsonDocument.Parse(json);
        var layers = doc.RootElement.GetProperty("layers");
        for (int l = 1; l <= 4; l++) Assert.That(layers[l - 1].GetProperty("Theta")[0][0].GetDouble(), Is.EqualTo(2.0 * l).Within(1e-12));
    }

    [Test]
    public void Eval_ntk_simulate_compares_finite_linear_networks_within_z_bounds()
    {
        // Linear σ: the mean empirical NTK is exactly Θ at any width, so |z| stays small; a budget-busting run is refused.
        string file = TwoInputs();
        try
        {
            var (code, json, stderr) = Wick("eval", "--ntk", "--model", "linear", "--widths", "6x3", "--cw", "1.2", "--cb", "0.1", "--lambda-b", "0.5",
                "--inputs", file, "--simulate", "300", "--seed", "5", "--format", "json");
            Assert.That(code, Is.EqualTo(0), stderr);
            using var doc = JsonDocument.Parse(json);
            var rows = doc.RootElement.GetProperty("simulation").GetProperty("rows");
            Assert.That(rows.GetArrayLength(), Is.EqualTo(3));
            foreach (var row in rows.EnumerateArray())
            {
                Assert.That(Math.Abs(row.GetProperty("z").GetDouble()), Is.LessThan(4.5), row.ToString());
                Assert.That(row.GetProperty("stderr").GetDouble(), Is.GreaterThan(0));
            }
        }
        finally { File.Delete(file); }
        var (big, _, err) = Wick("eval", "--ntk", "--widths", "1000x10", "--simulate", "5000");
        Assert.That(big, Is.EqualTo(2));
        Assert.That(err, Does.Contain("multiply-adds"));
    }

    [Test]
    public void Eval_ntk_latex_and_refusals()
    {
        Assert.That(Wick("eval", "--ntk", "--model", "mlp", "--activation", "tanh", "--widths", "8x3", "--format", "latex").Code, Is.EqualTo(0));
        Assert.That(Wick("eval", "--ntk", "--model", "mlp", "--widths", "8x3").Code, Is.EqualTo(2)); // no activation
        Assert.That(Wick("eval", "--ntk", "--model", "mlp", "--activation", "nope(", "--widths", "8x3").Code, Is.EqualTo(2));
        var (code, _, err) = Wick("eval", "--ntk", "--lambda-w", "-1", "--widths", "8x3");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--lambda-w"));
    }
}
