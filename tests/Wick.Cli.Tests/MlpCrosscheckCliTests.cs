using System.Text.Json;
using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary>End-to-end: <c>wick crosscheck --model mlp</c> and <c>wick mc --sampler metric</c>.</summary>
[Parallelizable(ParallelScope.All)]
public class MlpCrosscheckCliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [Test]
    public void Tanh_crosscheck_agrees_through_NLO_and_sees_the_correction()
    {
        var (code, stdout, stderr) = Wick("crosscheck", "--model", "mlp", "--activation", "tanh", "--cw", "1.5", "--widths", "8x3", "--samples", "60000",
            "--multi-samples", "20000", "--seed", "3", "--format", "json");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("model").GetString(), Is.EqualTo("mlp"));
        Assert.That(root.GetProperty("sampler").GetString(), Is.EqualTo("metric"));
        Assert.That(root.GetProperty("agrees").GetBoolean(), Is.True);
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.That(rows.Count(r => r.GetProperty("zTested").GetBoolean()), Is.GreaterThan(rows.Count / 2));
        // Layer 3, G4: the leading order (Gaussian, K²) is rejected by the samples; the NLO prediction is not.
        var g4 = rows.Single(r => r.GetProperty("quantity").GetString() == "G4" && r.GetProperty("layer").GetInt32() == 3);
        Assert.That(Math.Abs(g4.GetProperty("zLeadingOrder").GetDouble()), Is.GreaterThan(6));
        Assert.That(g4.GetProperty("agrees").GetBoolean(), Is.True);
    }

    [TestCase("--sampler", "magic", "--model", "mlp", "--activation", "tanh", ExpectedResult = "--sampler: expected metric or full")]
    [TestCase("--sampler", "metric", ExpectedResult = "--sampler applies to --model mlp")]
    [TestCase("--model", "mlp", ExpectedResult = "--model mlp needs --activation")]
    public string Bad_crosscheck_options_exit_2(params string[] args)
    {
        var (code, _, err) = Wick(["crosscheck", "--widths", "4x2", "--samples", "100", .. args]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Not.Contain("   at "));
        string expected = (string)TestContext.CurrentContext.Test.ExpectedResult!;
        return err.Contains(expected) ? expected : err;
    }

    [Test]
    public void Metric_sampler_shards_merge_to_the_one_shot_run()
    {
        string[] common = ["mc", "--model", "mlp", "--activation", "tanh", "--sampler", "metric", "--widths", "6x3", "--samples", "6000", "--seed", "4", "--format", "json"];
        var one = Wick(common);
        Assert.That(one.Code, Is.EqualTo(0), one.Err);
        using var doc = JsonDocument.Parse(one.Out);
        Assert.That(doc.RootElement.GetProperty("sampler").GetString(), Is.EqualTo("metric"));
        Assert.That(Wick([.. common, "--threads", "1"]).Out, Is.EqualTo(one.Out), "identical across thread counts");
        string dir = Path.Combine(Path.GetTempPath(), "wick-metric-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var files = new List<string>();
            for (int k = 1; k <= 3; k++)
            {
                var (c, o, e) = Wick([.. common, "--shard", $"{k}/3"]);
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
}

/// <summary>End-to-end: <c>wick plot --model mlp</c>.</summary>
[Parallelizable(ParallelScope.All)]
public class MlpPlotCliTests
{
    [Test]
    public void Writes_a_png_and_refuses_other_kinds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"wick-mlp-{Guid.NewGuid():N}.png");
        try
        {
            var (code, _, err) = WickRunner.Run(["plot", "--model", "mlp", "--activation", "tanh", "--widths", "8x4", "--samples", "2000", "--out", path]);
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(File.ReadAllBytes(path).Take(4).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
            (code, _, err) = WickRunner.Run(["plot", "--model", "mlp", "--activation", "tanh", "--kind", "limits", "--out", path]);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("--kind depth"));
        }
        finally { File.Delete(path); }
    }
}
