using System.Text.Json;
using Wick.Tests;

namespace Wick.Numeric.Tests.Cli;

/// <summary>The numeric commands end to end: the built wick.dll run as a process (exit codes, messages, JSON).</summary>
[Parallelizable(ParallelScope.All)]
public class NumericCommandTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    [TestCase("mc", "--widths", "-3", ExpectedResult = "width must be a positive integer")]
    [TestCase("eval", "--widths", "8x", ExpectedResult = "cannot read '8x'")]
    [TestCase("mc", "--samples", "0", ExpectedResult = "--samples must be a positive integer")]
    [TestCase("eval", "--model", "mlp", "--activation", "tanh", "--exact", ExpectedResult = "--exact: the Gaussian expectations of tanh are not exact rationals")]
    [TestCase("eval", "--activation", "relu", ExpectedResult = "--activation applies to --model mlp only")]
    [TestCase("eval", "--model", "resnet", ExpectedResult = "unknown model 'resnet'")]
    [TestCase("mc", "--shard", "3/2", ExpectedResult = "--shard: expected k/N")]
    [TestCase("mc", "--shard", "x", ExpectedResult = "--shard: expected k/N")]
    [TestCase("mc", "--cw", "-1", ExpectedResult = "--cw must be a positive")]
    [TestCase("eval", "--points", "5", ExpectedResult = "--points must be an even number")]
    [TestCase("crosscheck", "--samples", "1", ExpectedResult = "--samples must be at least 2")]
    [TestCase("plot", "--out", "g.pdf", ExpectedResult = "expected a .png or .svg file")]
    [TestCase("mc", "--sampler", "magic", ExpectedResult = "--sampler: expected full or chi2")]
    public string Bad_options_exit_2_with_a_clear_message(params string[] args)
    {
        var (code, _, err) = Wick(args);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("wick"));
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        return Contains(err, (string)TestContext.CurrentContext.Test.ExpectedResult!);
    }

    private static string Contains(string text, string expected) => text.Contains(expected) ? expected : text;

    [Test]
    public void Eval_json_has_per_layer_records()
    {
        var (code, output, err) = Wick("eval", "--widths", "8x3", "--points", "4", "--format", "json");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var layers = doc.RootElement.GetProperty("layers");
        Assert.That(layers.GetArrayLength(), Is.EqualTo(3));
        Assert.That(layers[2].GetProperty("G4").GetDouble(), Is.EqualTo(1.25 * 1.25).Within(1e-14));
    }

    [Test]
    public void Mc_shards_merge_to_the_one_shot_output_byte_for_byte()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wick-numeric-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string[] common = ["mc", "--widths", "5x3", "--samples", "3000", "--seed", "9", "--format", "json"];
            var one = Wick(common);
            Assert.That(one.Code, Is.EqualTo(0), one.Err);
            var a = Wick([.. common, "--shard", "1/2", "--threads", "1"]);
            var b = Wick([.. common, "--shard", "2/2"]);
            File.WriteAllText(Path.Combine(dir, "a.json"), a.Out);
            File.WriteAllText(Path.Combine(dir, "b.json"), b.Out);
            var merged = Wick("mc", "merge", Path.Combine(dir, "b.json"), Path.Combine(dir, "a.json"), "--format", "json");
            Assert.That(merged.Code, Is.EqualTo(0), merged.Err);
            Assert.That(merged.Out, Is.EqualTo(one.Out));
            var twice = Wick("mc", "merge", Path.Combine(dir, "a.json"), Path.Combine(dir, "a.json"));
            Assert.That(twice.Code, Is.EqualTo(2));
            Assert.That(twice.Err, Does.Contain("overlap"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Crosscheck_json_reports_agreement_and_exits_0()
    {
        // Control: a correct run passes; the disagreement path is covered by CrossCheckTests in-process.
        var (code, output, err) = Wick("crosscheck", "--widths", "4x3", "--points", "4", "--samples", "20000", "--multi-samples", "2000", "--format", "json");
        Assert.That(code, Is.EqualTo(0), err + output);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("agrees").GetBoolean(), Is.True);
    }
}
