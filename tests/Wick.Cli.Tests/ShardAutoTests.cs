using Wick.Cli;
using Wick.Cli.Numeric;
using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary><c>--shard auto</c>: k/N from a Slurm job array, a Kubernetes Indexed Job or GNU parallel (docs/SCALING.md).</summary>
[Parallelizable(ParallelScope.All)]
public class ShardAutoTests
{
    private static (int K, int N) Resolve(string text, params (string Name, string Value)[] env)
    {
        var d = env.ToDictionary(e => e.Name, e => e.Value);
        return ShardOption.Resolve(text, n => d.GetValueOrDefault(n)).Shard;
    }

    private static string Refused(string text, params (string Name, string Value)[] env) =>
        Assert.Throws<UsageException>(() => Resolve(text, env))!.Message;

    [Test]
    public void Slurm_task_index_is_id_minus_min()
    {
        Assert.That(Resolve("auto", ("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo((1, 4)));
        Assert.That(Resolve("auto", ("SLURM_ARRAY_TASK_ID", "13"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_MAX", "13"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo((4, 4)));
        // --array=1-7:2 runs tasks 1, 3, 5, 7: task 5 is shard 3 of 4.
        Assert.That(Resolve("auto", ("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "7"), ("SLURM_ARRAY_TASK_STEP", "2"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo((3, 4)));
        Assert.That(Resolve("auto/4", ("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), Is.EqualTo((3, 4)));
    }

    [Test]
    public void Slurm_arrays_that_are_not_ranges_are_refused()
    {
        // --array=0,5,9: COUNT 3 but MAX − MIN + 1 = 10.
        Assert.That(Refused("auto", ("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "9"), ("SLURM_ARRAY_TASK_COUNT", "3")), Does.Contain("not a range"));
        Assert.That(Refused("auto", ("SLURM_ARRAY_TASK_ID", "1")), Does.Contain("SLURM_ARRAY_TASK_MIN is not"));
        Assert.That(Refused("auto/8", ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), Does.Contain("has 4 tasks"));
    }

    [Test]
    public void Kubernetes_completion_index_with_the_count_given()
    {
        Assert.That(Resolve("auto/8", ("JOB_COMPLETION_INDEX", "0")), Is.EqualTo((1, 8)));
        Assert.That(Resolve("auto", ("JOB_COMPLETION_INDEX", "7"), ("WICK_SHARD_COUNT", "8")), Is.EqualTo((8, 8)));
        Assert.That(Refused("auto", ("JOB_COMPLETION_INDEX", "3")), Does.Contain("give --shard auto/N or set WICK_SHARD_COUNT"));
        Assert.That(Refused("auto/8", ("JOB_COMPLETION_INDEX", "8")), Does.Contain("beyond N = 8"));
    }

    [Test]
    public void Gnu_parallel_sequence_number_is_one_based()
    {
        Assert.That(Resolve("auto/3", ("PARALLEL_SEQ", "1")), Is.EqualTo((1, 3)));
        Assert.That(Resolve("auto/3", ("PARALLEL_SEQ", "3")), Is.EqualTo((3, 3)));
        Assert.That(Refused("auto/3", ("PARALLEL_SEQ", "0")), Does.Contain("not an integer ≥ 1"));
    }

    [Test]
    public void Slurm_wins_over_gnu_parallel_inside_it() =>
        Assert.That(Resolve("auto", ("PARALLEL_SEQ", "1"), ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "2")), Is.EqualTo((2, 2)));

    [TestCase("auto/0")]
    [TestCase("auto8")]
    [TestCase("autox")]
    public void Malformed_auto_is_refused(string text) =>
        Assert.That(Refused(text, ("PARALLEL_SEQ", "1")), Does.Contain("expected k/N, auto or auto/N"));

    private static readonly Dictionary<string, string?> NoScheduler = new()
    {
        ["SLURM_ARRAY_TASK_ID"] = null, ["JOB_COMPLETION_INDEX"] = null, ["PARALLEL_SEQ"] = null, ["WICK_SHARD_COUNT"] = null,
    };

    [Test]
    public void Without_scheduler_variables_auto_exits_2()
    {
        var (code, _, err) = WickRunner.RunWithEnvironment(NoScheduler, "mc", "--widths", "2x2", "--samples", "100", "--shard", "auto");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("--shard auto: no scheduler variables found"));
    }

    [Test]
    public void Auto_shard_equals_the_explicit_shard_byte_for_byte()
    {
        string[] common = ["mc", "--widths", "3x2", "--samples", "400", "--seed", "5", "--format", "json"];
        var env = new Dictionary<string, string?>(NoScheduler) { ["SLURM_ARRAY_TASK_ID"] = "12", ["SLURM_ARRAY_TASK_MIN"] = "10", ["SLURM_ARRAY_TASK_COUNT"] = "3" };
        var auto = WickRunner.RunWithEnvironment(env, [.. common, "--shard", "auto"]);
        var explicitShard = WickRunner.RunWithEnvironment(NoScheduler, [.. common, "--shard", "3/3"]);
        Assert.That(auto.Code, Is.EqualTo(0), auto.Err);
        Assert.That(auto.Err, Does.Contain("--shard auto is 3/3 (Slurm array task 12)"));
        Assert.That(auto.Out, Is.EqualTo(explicitShard.Out));
        Assert.That(auto.Out, Does.Contain("\"shard\": \"3/3\""));
    }
}
