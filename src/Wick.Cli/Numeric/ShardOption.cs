using System.Globalization;

namespace Wick.Cli.Numeric;

/// <summary>
/// <c>--shard k/N</c>, or <c>--shard auto</c> / <c>auto/N</c>: shard k of N taken from the scheduler running the
/// task. Slurm job arrays (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _MAX, _COUNT: k = (ID − MIN)/STEP + 1, N = COUNT),
/// Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, 0-based) and GNU parallel (PARALLEL_SEQ, 1-based) are recognised,
/// in that order; the last two do not publish N, which comes from <c>auto/N</c> or WICK_SHARD_COUNT. See docs/SCALING.md.
/// </summary>
internal static class ShardOption
{
    /// <summary>The shard (k, N) with 1 ≤ k ≤ N, and a note saying where it came from (null when given explicitly).</summary>
    public static ((int K, int N) Shard, string? Source) Resolve(string text, Func<string, string?> env)
    {
        if (!text.StartsWith("auto", StringComparison.OrdinalIgnoreCase)) return (NetworkOptions.ParseShard(text), null);
        int? given = null;
        string rest = text[4..];
        if (rest.Length > 0)
        {
            if (rest[0] != '/' || !TryCount(rest[1..], out int g))
                throw new UsageException($"--shard: expected k/N, auto or auto/N (e.g. auto/8), got '{text}'.");
            given = g;
        }
        if (env("SLURM_ARRAY_TASK_ID") is { } id) return (Slurm(id, env, given), $"Slurm array task {id}");
        if (env("JOB_COMPLETION_INDEX") is { } index) return (Indexed(index, 0, "JOB_COMPLETION_INDEX", "Kubernetes Indexed Job", env, given), $"Kubernetes completion index {index}");
        if (env("PARALLEL_SEQ") is { } seq) return (Indexed(seq, 1, "PARALLEL_SEQ", "GNU parallel", env, given), $"GNU parallel job {seq}");
        throw new UsageException("--shard auto: no scheduler variables found (SLURM_ARRAY_TASK_ID of a Slurm job array, JOB_COMPLETION_INDEX of a " +
                                 "Kubernetes Indexed Job, PARALLEL_SEQ of GNU parallel); run it as such a task or give --shard k/N.");
    }

    private static (int K, int N) Slurm(string id, Func<string, string?> env, int? given)
    {
        int Read(string name, string? value)
        {
            if (value is null) throw new UsageException($"--shard auto: SLURM_ARRAY_TASK_ID is set but {name} is not; give --shard k/N.");
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int x))
                throw new UsageException($"--shard auto: {name}='{value}' is not a non-negative integer.");
            return x;
        }
        int task = Read("SLURM_ARRAY_TASK_ID", id), min = Read("SLURM_ARRAY_TASK_MIN", env("SLURM_ARRAY_TASK_MIN"));
        int count = Read("SLURM_ARRAY_TASK_COUNT", env("SLURM_ARRAY_TASK_COUNT"));
        int step = env("SLURM_ARRAY_TASK_STEP") is { } st ? Read("SLURM_ARRAY_TASK_STEP", st) : 1;
        int? max = env("SLURM_ARRAY_TASK_MAX") is { } mx ? Read("SLURM_ARRAY_TASK_MAX", mx) : null;
        if (step < 1 || (task - min) % step != 0 || task < min || (max is { } m && (m - min) / step + 1 != count))
            throw new UsageException($"--shard auto: the Slurm array is not a range min-max[:step] (task {task}, min {min}, max {max}, step {step}, count {count}); " +
                                     "submit --array=0-(N-1) or give --shard k/N.");
        int k = (task - min) / step + 1;
        if (given is { } n && n != count)
            throw new UsageException($"--shard auto/{n}: the Slurm array has {count} tasks; use --shard auto or an array of {n} tasks.");
        if (k > count) throw new UsageException($"--shard auto: Slurm array task {task} is beyond the {count} tasks of the array.");
        return (k, count);
    }

    private static (int K, int N) Indexed(string value, int origin, string variable, string scheduler, Func<string, string?> env, int? given)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < origin)
            throw new UsageException($"--shard auto: {variable}='{value}' is not an integer ≥ {origin}.");
        int n;
        if (given is { } g) n = g;
        else if (env("WICK_SHARD_COUNT") is { } c)
        {
            if (!TryCount(c, out n)) throw new UsageException($"--shard auto: WICK_SHARD_COUNT='{c}' is not a positive integer.");
        }
        else throw new UsageException($"--shard auto: {scheduler} ({variable}) does not say how many shards there are; give --shard auto/N or set WICK_SHARD_COUNT=N.");
        int k = index - origin + 1;
        if (k > n) throw new UsageException($"--shard auto: {variable}={value} is shard {k}, beyond N = {n}.");
        return (k, n);
    }

    private static bool TryCount(string s, out int n) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n >= 1;
}
