using System.Text.Json;
using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary>End-to-end: <c>wick eval --model mlp</c> evaluates the derived (4.118), (4.115), (4.119) per layer.</summary>
[Parallelizable(ParallelScope.All)]
public class MlpEvalCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    private static JsonElement Json(params string[] args)
    {
        var (code, stdout, stderr) = Wick([.. args, "--format", "json"]);
        Assert.That(code, Is.EqualTo(0), stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    [Test]
    public void Tanh_json_has_K_V_G1_and_susceptibilities_per_layer()
    {
        var root = Json("eval", "--model", "mlp", "--activation", "tanh", "--cw", "1", "--cb", "0", "--widths", "64x6", "--input-norm", "1");
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo("mlp"));
        var layers = root.GetProperty("layers");
        Assert.That(layers.GetArrayLength(), Is.EqualTo(6));
        Assert.That(layers[0].GetProperty("K").GetDouble(), Is.EqualTo(1).Within(1e-15));
        Assert.That(layers[0].GetProperty("V").GetDouble(), Is.EqualTo(0));
        // K^(2) = ⟨tanh²⟩ at K = 1 (the expect acceptance value).
        Assert.That(layers[1].GetProperty("K").GetDouble(), Is.EqualTo(0.3942944904).Within(1e-9));
        // tanh at C_W = 1 flows to K* = 0, where V/(nK²) grows and G1 < 0 (the book's tanh class, §5.3).
        for (int l = 2; l < 6; l++)
        {
            Assert.That(layers[l].GetProperty("K").GetDouble(), Is.LessThan(layers[l - 1].GetProperty("K").GetDouble()));
            Assert.That(layers[l].GetProperty("V/(nK^2)").GetDouble(), Is.GreaterThan(layers[l - 1].GetProperty("V/(nK^2)").GetDouble()));
            Assert.That(layers[l].GetProperty("G1").GetDouble(), Is.LessThan(0));
        }
    }

    [Test]
    public void Linear_matches_the_deep_linear_eval()
    {
        var mlp = Json("eval", "--model", "mlp", "--activation", "linear", "--cw", "1", "--widths", "8x10", "--points", "4").GetProperty("layers");
        var deep = Json("eval", "--cw", "1", "--widths", "8x10", "--points", "4").GetProperty("layers");
        for (int l = 0; l < 10; l++)
        {
            Assert.That(mlp[l].GetProperty("G2[1/n]").GetDouble(), Is.EqualTo(deep[l].GetProperty("G2").GetDouble()).Within(1e-14));
            Assert.That(mlp[l].GetProperty("G1").GetDouble(), Is.EqualTo(0));
            // G4/G2² = (1 + 2/n)^(l−1) exactly (3.47); the NLO statement is its expansion through O(1/n): 1 + 2(l−1)/n.
            double exact = deep[l].GetProperty("G4/G2^2").GetDouble(), through = 1 + 2.0 * l / 8;
            Assert.That(mlp[l].GetProperty("G4/G2^2[1/n]").GetDouble(), Is.EqualTo(through).Within(1e-13), $"layer {l + 1}");
            if (l < 2) Assert.That(exact, Is.EqualTo(through).Within(1e-14));
            // …and the exact columns are the deep-linear eval's, to rounding.
            foreach (var name in new[] { "G2", "G4", "G4/G2^2" })
                Assert.That(mlp[l].GetProperty(name).GetDouble(), Is.EqualTo(deep[l].GetProperty(name).GetDouble()).Within(1e-12 * deep[l].GetProperty(name).GetDouble()), $"{name} layer {l + 1}");
        }
        Assert.That(mlp[9].GetProperty("G4").GetDouble(), Is.EqualTo(Math.Pow(1.25, 9)).Within(1e-12));
    }

    [TestCase("5x6", "4", "1", "0", "1")]
    [TestCase("3x4", "6", "0.8", "0.3", "2")]
    [TestCase("2x5", "8", "1.5", "0.1", "0.5")]
    [TestCase("7x3", "2", "1", "1", "1")]
    public void Linear_exact_columns_equal_the_deep_linear_eval_and_the_nlo_columns_the_truncation(string widths, string points, string cw, string cb, string norm)
    {
        string[] common = ["--cw", cw, "--cb", cb, "--widths", widths, "--points", points, "--input-norm", norm];
        var root = Json(["eval", "--model", "mlp", "--activation", "linear", .. common]);
        Assert.That(root.GetProperty("exactDeepLinear").GetBoolean(), Is.True);
        var mlp = root.GetProperty("layers");
        var deep = Json(["eval", .. common]).GetProperty("layers");
        Assert.That(mlp.GetArrayLength(), Is.EqualTo(deep.GetArrayLength()));
        int n = int.Parse(widths.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
        for (int l = 0; l < deep.GetArrayLength(); l++)
        {
            int compared = 0;
            foreach (var p in deep[l].EnumerateObject())
            {
                if (p.Name is "layer" or "width") continue;
                double d = p.Value.GetDouble();
                Assert.That(mlp[l].GetProperty(p.Name).GetDouble(), Is.EqualTo(d).Within(1e-12 * Math.Max(1, Math.Abs(d))), $"{p.Name} layer {l + 1}");
                compared++;
            }
            Assert.That(compared, Is.EqualTo(int.Parse(points, System.Globalization.CultureInfo.InvariantCulture) - 1));
            // NLO columns: G2 = K + G1/n, G4 = G2² + V/n with this layer's K, G1, V (n = n_{ℓ−1}; layer 1: n_0 = n here).
            double k = mlp[l].GetProperty("K").GetDouble(), g1 = mlp[l].GetProperty("G1").GetDouble(), v = mlp[l].GetProperty("V").GetDouble();
            double g2 = k + g1 / n;
            Assert.That(mlp[l].GetProperty("G2[1/n]").GetDouble(), Is.EqualTo(g2).Within(1e-14 * Math.Max(1, g2)));
            if (points != "2")
                Assert.That(mlp[l].GetProperty("G4[1/n]").GetDouble(), Is.EqualTo(g2 * g2 + v / n).Within(1e-12 * Math.Max(1, g2 * g2)));
        }
    }

    [Test]
    public void Linear_with_several_inputs_adds_the_exact_deep_linear_F()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wick-mlp-lin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string two = Path.Combine(dir, "two.csv");
            File.WriteAllText(two, "1,0.5,-0.3,0.8\n0.2,-1,0.6,0.4\n");
            string[] common = ["--cw", "1.2", "--cb", "0.1", "--widths", "4x4", "--inputs", two];
            var mlp = Json(["eval", "--model", "mlp", "--activation", "linear", .. common]).GetProperty("layers");
            var deep = Json(["eval", .. common]).GetProperty("layers");
            for (int l = 0; l < 4; l++)
                foreach (var p in deep[l].EnumerateObject().Where(p => p.Name.StartsWith("F[", StringComparison.Ordinal) || p.Name.StartsWith("K[", StringComparison.Ordinal)))
                    Assert.That(mlp[l].GetProperty(p.Name).GetDouble(), Is.EqualTo(p.Value.GetDouble()).Within(1e-12), $"{p.Name} layer {l + 1}");
            // The exact F differs from the NLO K K + V/n from layer 3 on (O(1/n²) terms).
            double f = mlp[3].GetProperty("F[(1,1)(1,1)]").GetDouble(), k = mlp[3].GetProperty("K[1,1]").GetDouble(), v = mlp[3].GetProperty("V[(1,1)(1,1)]").GetDouble();
            Assert.That(Math.Abs(f - (k * k + v / 4)), Is.GreaterThan(1e-6));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Exact_for_polynomial_activations_and_refused_otherwise()
    {
        var layers = Json("eval", "--model", "mlp", "--activation", "poly:0,1,1/2", "--exact", "--widths", "4x3", "--cw", "0.5", "--cb", "0.1").GetProperty("layers");
        // K^(1) = C_b + C_W G^(0) = 1/10 + 1/2; K^(2) = C_b + C_W ⟨(z + z²/2)²⟩ = 1/10 + 1/2 (K + 3K²/4) at K = 3/5 = 107/200.
        Assert.That(layers[0].GetProperty("K").GetProperty("exact").GetString(), Is.EqualTo("3/5"));
        Assert.That(layers[1].GetProperty("K").GetProperty("exact").GetString(), Is.EqualTo("107/200"));
        var (code, _, err) = Wick("eval", "--model", "mlp", "--activation", "gelu", "--exact");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--exact"));
    }

    [Test]
    public void Several_inputs_and_refusals_exit_2_with_the_reason()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wick-mlp-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string two = Path.Combine(dir, "two.csv"), same = Path.Combine(dir, "same.csv");
            File.WriteAllText(two, "1,0,0.5\n0.2,1,0\n");
            File.WriteAllText(same, "1,0,0.5\n1,0,0.5\n");
            var layer = Json("eval", "--model", "mlp", "--activation", "relu", "--cw", "2", "--widths", "5x3", "--inputs", two).GetProperty("layers")[2];
            Assert.That(layer.GetProperty("K[1,2]").GetDouble(), Is.GreaterThan(0));
            Assert.That(layer.TryGetProperty("V[(1,1)(2,2)]", out _), Is.True);
            Assert.That(layer.TryGetProperty("G1[1,2]", out _), Is.True);
            // Coincident inputs with a kinked σ: the raised-index form needs K invertible.
            var (code, _, err) = Wick("eval", "--model", "mlp", "--activation", "relu", "--widths", "5x3", "--inputs", same);
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(err, Does.Contain("singular").And.Not.Contain("   at "));
            // …but a smooth σ evaluates coincident inputs in the derivative normal form.
            Assert.That(Wick("eval", "--model", "mlp", "--activation", "tanh", "--widths", "5x3", "--inputs", same).Code, Is.EqualTo(0));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestCase("exp(exp(z))", "--cw", "40", ExpectedResult = 2)]
    [TestCase("tanh", "--points", "6", ExpectedResult = 2)]
    [TestCase("tanh", "--tolerance", "0", ExpectedResult = 2)]
    public int Non_finite_values_and_bad_options_exit_2(string activation, string option, string value)
    {
        var (code, _, err) = Wick("eval", "--model", "mlp", "--activation", activation, "--widths", "4x6", option, value);
        Assert.That(err, Does.Not.Contain("   at "));
        return code;
    }
}
