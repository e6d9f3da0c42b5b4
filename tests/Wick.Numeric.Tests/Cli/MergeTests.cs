using System.Text.Json;
using CsCheck;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;
using System.Text.Json.Nodes;
using Wick.Tests;

namespace Wick.Numeric.Tests.Cli;

/// <summary>
/// <c>wick mc merge</c> hardening (issue 13): missing shards named by index, <c>--partial</c> marked as such, shards
/// of different runs or versions, duplicates and overlaps refused with the reason, broken files refused without a
/// stack trace, and merging order-independent and associative (merges of merges byte-identical to the one-shot run).
/// </summary>
[Parallelizable(ParallelScope.Fixtures)]
public class MergeTests
{
    private static readonly string[] Common = ["mc", "--widths", "4x3", "--samples", "2048", "--seed", "21", "--format", "json"];
    private string _dir = "";
    private string _oneShot = "";

    private string P(string name) => Path.Combine(_dir, name);

    [OneTimeSetUp]
    public void Shards()
    {
        _dir = Path.Combine(Path.GetTempPath(), "wick-merge-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        var one = WickRunner.Run(Common);
        Assert.That(one.Code, Is.EqualTo(0), one.Err);
        _oneShot = one.Out;
        for (int k = 1; k <= 4; k++)
        {
            var s = WickRunner.Run([.. Common, "--shard", $"{k}/4", "--out", P($"s{k}.json")]);
            Assert.That(s.Code, Is.EqualTo(0), s.Err);
        }
        var other = WickRunner.Run(["mc", "--widths", "4x3", "--samples", "2048", "--seed", "22", "--format", "json", "--shard", "2/4", "--out", P("seed22.json")]);
        Assert.That(other.Code, Is.EqualTo(0), other.Err);
        var wide = WickRunner.Run(["mc", "--widths", "5x3", "--samples", "2048", "--seed", "21", "--format", "json", "--shard", "2/4", "--out", P("wide.json")]);
        Assert.That(wide.Code, Is.EqualTo(0), wide.Err);
        var three = WickRunner.Run([.. Common, "--shard", "2/3", "--out", P("third.json")]);
        Assert.That(three.Code, Is.EqualTo(0), three.Err);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Merge(params string[] args) => WickRunner.Run(["mc", "merge", .. args]);

    private void AssertRefused((int Code, string Out, string Err) r, string fragment)
    {
        Assert.Multiple(() =>
        {
            Assert.That(r.Code, Is.EqualTo(2), r.Err);
            Assert.That(r.Err, Does.Contain(fragment));
            Assert.That(r.Err, Does.Not.Contain("   at ").And.Not.Contain("Unhandled"));
            Assert.That(r.Out, Is.Empty);
        });
    }

    [Test]
    public void Any_order_and_any_grouping_gives_the_one_shot_bytes()
    {
        var reversed = Merge(P("s4.json"), P("s3.json"), P("s2.json"), P("s1.json"), "--format", "json");
        Assert.That(reversed.Code, Is.EqualTo(0), reversed.Err);
        Assert.That(reversed.Out, Is.EqualTo(_oneShot));

        // ((1 2) 3) 4 and (1 4)(3 2): merges of merges, through --partial intermediate files.
        Assert.That(Merge(P("s1.json"), P("s2.json"), "--partial", "--format", "json", "--out", P("m12.json")).Code, Is.EqualTo(0));
        Assert.That(Merge(P("m12.json"), P("s3.json"), "--partial", "--format", "json", "--out", P("m123.json")).Code, Is.EqualTo(0));
        Assert.That(Merge(P("s1.json"), P("s4.json"), "--partial", "--format", "json", "--out", P("m14.json")).Code, Is.EqualTo(0));
        Assert.That(Merge(P("s3.json"), P("s2.json"), "--partial", "--format", "json", "--out", P("m32.json")).Code, Is.EqualTo(0));
        var left = Merge(P("m123.json"), P("s4.json"), "--format", "json");
        var pairs = Merge(P("m32.json"), P("m14.json"), "--format", "json");
        Assert.That(left.Out, Is.EqualTo(_oneShot), left.Err);
        Assert.That(pairs.Out, Is.EqualTo(_oneShot), pairs.Err);
        // A complete merge read back is a fixed point.
        File.WriteAllText(P("all.json"), pairs.Out);
        Assert.That(Merge(P("all.json"), "--format", "json").Out, Is.EqualTo(_oneShot));
    }

    [Test]
    public void A_missing_shard_is_named_by_index()
    {
        AssertRefused(Merge(P("s1.json"), P("s2.json"), P("s4.json")), "missing shard(s) 3/4 (blocks 128–191 of 256)");
        AssertRefused(Merge(P("s1.json"), P("s4.json")), "missing shard(s) 2/4, 3/4");
    }

    [Test]
    public void Partial_results_are_marked_as_partial()
    {
        var text = Merge(P("s1.json"), P("s2.json"), P("s4.json"), "--partial");
        Assert.That(text.Code, Is.EqualTo(0), text.Err);
        Assert.That(text.Out, Does.StartWith("PARTIAL RESULT: 192 of 256 blocks; missing blocks 128–191"));
        Assert.That(text.Err, Does.Contain("PARTIAL result: missing shard(s) 3/4"));
        var json = Merge(P("s1.json"), P("s2.json"), P("s4.json"), "--partial", "--format", "json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.That(doc.RootElement.GetProperty("complete").GetBoolean(), Is.False);
        Assert.That(doc.RootElement.GetProperty("shard").GetString(), Is.EqualTo("partial"));
        Assert.That(doc.RootElement.GetProperty("samplesDone").GetInt64(), Is.EqualTo(1536));
        Assert.That(doc.RootElement.GetProperty("missingBlocks")[0].EnumerateArray().Select(x => x.GetInt32()), Is.EqualTo(new[] { 128, 191 }));
    }

    [Test]
    public void Shards_of_different_runs_are_refused_with_the_differing_field()
    {
        AssertRefused(Merge(P("s1.json"), P("seed22.json")), "Cannot merge seed22.json with s1.json: different seed (22 vs 21)");
        AssertRefused(Merge(P("s1.json"), P("wide.json")), "different widths (\"5x3\" vs \"4x3\")");
    }

    [Test]
    public void Shards_of_different_versions_are_refused()
    {
        var node = JsonNode.Parse(File.ReadAllText(P("s2.json")))!;
        node["wickVersion"] = "0.9.0+old";
        File.WriteAllText(P("old.json"), node.ToJsonString());
        AssertRefused(Merge(P("s1.json"), P("old.json")), "written by different versions of wick (0.9.0+old vs ");
    }

    [Test]
    public void Duplicates_and_overlaps_are_refused()
    {
        AssertRefused(Merge(P("s1.json"), P("s2.json"), P("s1.json")), "s1.json repeats s1.json (the same 64 blocks): a shard given twice");
        AssertRefused(Merge(P("s1.json"), P("s2.json"), P("third.json")), "overlap (both hold block");
    }

    [Test]
    public void Broken_shard_files_are_refused()
    {
        File.WriteAllText(P("empty.json"), "");
        File.WriteAllText(P("truncated.json"), File.ReadAllText(P("s3.json"))[..700]);
        File.WriteAllText(P("text.json"), "G2 = 1 ± 0.1\n");
        File.WriteAllText(P("array.json"), "[1, 2, 3]");
        File.WriteAllText(P("eval.json"), "{\"command\": \"eval\"}");
        AssertRefused(Merge(P("s1.json"), P("empty.json")), "empty.json is empty");
        AssertRefused(Merge(P("s1.json"), P("truncated.json")), "truncated.json is not complete JSON");
        AssertRefused(Merge(P("text.json")), "text.json is not complete JSON");
        AssertRefused(Merge(P("array.json")), "array.json: not a 'wick mc --format json' output");
        AssertRefused(Merge(P("eval.json")), "eval.json: not a 'wick mc --format json' output");
        AssertRefused(Merge(_dir), "is a directory");
        AssertRefused(Merge(""), "empty file name");
    }

    [Test]
    public void The_work_limit_applies_to_one_shards_share()
    {
        // 1000 → 1000 weights × 12 layers × 10⁴ networks = 1.2·10¹¹ draws: over the limit for one task, not for two.
        var net = new Wick.Numeric.Networks.DeepLinearNetwork(Wick.Numeric.Networks.WidthProfile.Uniform(1000, 12), 1, 0);
        var input = Wick.Numeric.Networks.NetworkInputs.FromNorm(1, 1000);
        var e = Assert.Throws<ArgumentException>(() => new Wick.Numeric.MonteCarlo.McJob(net, input, 4, 10_000, 1))!;
        Assert.That(e.Message, Does.Contain("the limit is 1e+11").And.Contain("--shard k/N"));
        Assert.DoesNotThrow(() => new Wick.Numeric.MonteCarlo.McJob(net, input, 4, 10_000, 1, shards: 2));
        // Reading such a job back for a merge draws nothing, so it is never refused.
        Assert.DoesNotThrow(() => Wick.Numeric.MonteCarlo.McJob.Described(net, input, 4, 10_000_000, 1, Wick.Numeric.MonteCarlo.SamplerKind.FullMatrix));
    }

    [Test]
    public void Merging_is_order_independent_and_associative_for_any_grouping()
    {
        // One run's blocks, split at random into groups; the groups merged in random order, or first into random
        // super-groups and then merged again: always the one-shot run's bytes.
        var job = new McJob(new DeepLinearNetwork(WidthProfile.Uniform(4, 3), 1, 0), NetworkInputs.FromNorm(1, 4), 6, 3000, 17);
        var blocks = McRunner.Run(job);
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        string Bytes(McResult r) => JsonSerializer.Serialize(r.ToJsonModel("1/1"), options);
        string oneShot = Bytes(new McResult(job, blocks));
        Gen.Select(Gen.Int[0, 5].Array[blocks.Count], Gen.Int[0, 2].Array[6], Gen.Int.Array[6]).Sample((group, super, order) =>
        {
            var parts = blocks.Select((b, i) => (b, g: group[i])).GroupBy(x => x.g)
                .Select(g => new McResult(job, g.Select(x => x.b))).ToList();
            var shuffled = parts.Select((p, i) => (p, key: order[i % order.Length] + i)).OrderBy(x => x.key).Select(x => x.p).ToList();
            var flat = McResult.Merge(shuffled);
            var nested = McResult.Merge([.. shuffled.Select((p, i) => (p, s: super[i % super.Length])).GroupBy(x => x.s)
                .Select(g => McResult.Merge([.. g.Select(x => x.p)])).Reverse()]);
            return Bytes(flat) == oneShot && Bytes(nested) == oneShot;
        }, iter: 40);
    }
}
