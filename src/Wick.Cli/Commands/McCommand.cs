using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Wick.Cli.Numeric;
using Wick.Numeric.MonteCarlo;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick mc</c>: Monte Carlo of real deep linear networks (full matrices, or the χ² chain for one input), with
/// batch-means standard errors, deterministic per seed for any thread count; <c>--shard k/N</c> and
/// <c>wick mc merge</c> split a run across machines and recombine it exactly.
/// </summary>
internal static class McCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var net = new NetworkOptions("8x10");
        var samples = new Option<long>("--samples") { Description = "Number of sampled networks N (≥ 2).", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (same seed, same result, whatever the thread count).", DefaultValueFactory = _ => 1UL };
        var points = new Option<int>("--points") { Description = "Highest correlator order 2m for one input (G_2 … G_2m).", DefaultValueFactory = _ => 8 };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard k of N (k/N) of the sample set; combine with 'wick mc merge'. 'auto' (or auto/N) takes k and N from a Slurm job array, " +
                          "Kubernetes Indexed Job or GNU parallel (docs/SCALING.md).",
            HelpName = "k/N|auto|auto/N",
        };
        var output = OutOption();
        var sampler = new Option<string>("--sampler") { Description = "full (real weight matrices), metric (exact Gaussian given the layer below: covariance the stochastic metric (4.69), any σ and inputs) or chi2 (exact χ² law of |z|², one input, deep linear).", DefaultValueFactory = _ => "full" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores); results do not depend on it." };
        var cmd = new Command("mc", "Monte Carlo of real deep linear networks (or --model mlp --activation NAME): G_2…G_2m per layer (one input) or metric K, four-point F and vertex V (several inputs), each ± a batch-means standard error.");
        net.AddTo(cmd);
        foreach (Option o in new Option[] { samples, seed, points, shard, sampler, threads, output, format }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var activation = net.ReadActivation(r);
            var (network, inputs) = net.Read(r, allowMlp: true);
            if (r.GetValue(samples) < 1) throw new UsageException($"--samples must be a positive integer, got {r.GetValue(samples)}.");
            var kind = r.GetValue(sampler)!.ToLowerInvariant() switch
            {
                "full" => SamplerKind.FullMatrix,
                "chi2" => SamplerKind.ChiSquaredChain,
                "metric" => SamplerKind.StochasticMetric,
                var other => throw new UsageException($"--sampler: expected full or chi2 or metric, got '{other}'."),
            };
            int? t = r.GetValue(threads);
            if (t is < 1) throw new UsageException($"--threads must be positive, got {t}.");
            (int K, int N)? sh = null;
            if (r.GetValue(shard) is { } s)
            {
                var (resolved, source) = ShardOption.Resolve(s, Environment.GetEnvironmentVariable);
                if (source is not null) Console.Error.WriteLine($"wick mc: --shard {s} is {resolved.K}/{resolved.N} ({source}).");
                sh = resolved;
            }
            McJob job;
            try { job = new McJob(network, inputs, r.GetValue(points), r.GetValue(samples), r.GetValue(seed), kind, sh?.N ?? 1, activation); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            if (sh is { } x)
            {
                try { job.ShardBlocks(x.K, x.N); }
                catch (ArgumentException e) { throw new UsageException(e.Message); }
            }
            var fmt = r.GetValue(format);
            var result = Run(job, sh, t, fmt, r.GetValue(output) is not null);
            WriteTo(r.GetValue(output), () => Write(result, sh is { } q ? $"{q.K}/{q.N}" : "1/1", fmt));
            return ExitCodes.Ok;
        });
        cmd.Subcommands.Add(CreateMerge());
        return cmd;
    }

    /// <summary>Runs with a progress bar on an interactive terminal (none for JSON or redirected output).</summary>
    internal static McResult Run(McJob job, (int K, int N)? shard, int? threads, OutputFormat format, bool toFile = false)
    {
        bool bar = (toFile || format != OutputFormat.Json) && !Console.IsOutputRedirected;
        if (!bar) return new McResult(job, McRunner.Run(job, shard, threads));
        IReadOnlyList<McBlock> blocks = [];
        var (from, to) = shard is { } s ? job.ShardBlocks(s.K, s.N) : (0, job.BlockCount);
        long total = 0;
        for (int b = from; b < to; b++) total += job.BlockLength(b);
        AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("sampling networks", maxValue: total);
            blocks = McRunner.Run(job, shard, threads, n => task.Increment(n));
        });
        return new McResult(job, blocks);
    }

    /// <summary>The largest shard file read by <c>wick mc merge</c> (block sums are capped by <see cref="McJob.MaxSums"/>).</summary>
    private const long MaxShardBytes = 512L << 20;

    private static Option<string?> OutOption() => new("--out", "-o")
    {
        Description = "Write the output to FILE instead of stdout (atomically: a task that fails leaves no truncated file).",
        HelpName = "FILE",
    };

    private static Command CreateMerge()
    {
        var format = Cli.FormatOption();
        var files = new Argument<string[]>("files") { Description = "Outputs of 'wick mc ... --shard k/N --format json' (or of earlier merges).", Arity = ArgumentArity.OneOrMore };
        var partial = new Option<bool>("--partial") { Description = "Merge even when shards are missing: the result is marked partial (estimates from the blocks present); without it a missing shard is an error." };
        var output = OutOption();
        var cmd = new Command("merge", "Combine shard outputs of 'wick mc --format json' exactly (bit-equal to the one-shot run, in any order or grouping).") { files, partial, output, format };
        cmd.SetAction(r =>
        {
            var parts = new List<McResult>();
            foreach (var f in r.GetValue(files)!)
            {
                string text = BoundedFile.ReadText(f, "mc merge", MaxShardBytes);
                string name = Path.GetFileName(f);
                if (text.Trim().Length == 0) throw new UsageException($"mc merge: {name} is empty (did its task fail?).");
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    parts.Add(McResult.FromJson(doc.RootElement, name));
                }
                catch (JsonException e) { throw new UsageException($"mc merge: {name} is not complete JSON (truncated, or not a 'wick mc --format json' output): {e.Message}"); }
                catch (FormatException e) { throw new UsageException($"mc merge: {e.Message}"); }
            }
            McResult merged;
            try { merged = McResult.Merge(parts); }
            catch (ArgumentException e) { throw new UsageException($"mc merge: {e.Message}"); }
            if (!merged.Complete && !r.GetValue(partial)) throw new UsageException($"mc merge: {Missing(merged, parts)}; give every shard, or --partial for a result marked partial.");
            var fmt = r.GetValue(format);
            WriteTo(r.GetValue(output), () => Write(merged, merged.Complete ? "1/1" : "partial", fmt));
            if (!merged.Complete)
                Console.Error.WriteLine($"wick mc merge: PARTIAL result: {Missing(merged, parts)}; the estimates use the {merged.Blocks.Count} blocks present only.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>"shard 3/4 (blocks 128–191) missing", by shard index when the inputs name a common N, else by blocks.</summary>
    private static string Missing(McResult merged, IReadOnlyList<McResult> parts)
    {
        var gaps = merged.MissingBlocks;
        string blocks = string.Join(", ", gaps.Select(g => g.To - g.From == 1 ? $"{g.From}" : $"{g.From}–{g.To - 1}"));
        var counts = parts.Select(p => p.ShardCount).Distinct().ToArray();
        if (counts is [{ } n])
            return $"missing shard(s) {string.Join(", ", merged.MissingShards(n).Select(k => $"{k}/{n}"))} (blocks {blocks} of {merged.Job.BlockCount})";
        return $"missing blocks {blocks} of {merged.Job.BlockCount}";
    }

    /// <summary>Runs <paramref name="write"/> with stdout, or into FILE written atomically (temporary file, then rename).</summary>
    private static void WriteTo(string? file, Action write)
    {
        if (file is null) { write(); return; }
        string full = Path.GetFullPath(file);
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir)) throw new UsageException($"--out: directory does not exist: {dir}");
        string temp = full + $".{Environment.ProcessId}.tmp";
        var stdout = Console.Out;
        try
        {
            using (var w = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false)))
            {
                Console.SetOut(w);
                write();
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            Console.SetOut(stdout);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static void Write(McResult result, string shard, OutputFormat format)
    {
        FiniteResults.Require("mc", result.Layers.SelectMany(l => l.Estimates.Select(e => (e.Name, l.Layer, e.Value))));
        if (format == OutputFormat.Json)
        {
            Cli.WriteJson(result.ToJsonModel(shard));
            return;
        }
        var job = result.Job;
        if (shard == "partial")
            TableOutput.Heading(Console.Out, format, $"PARTIAL RESULT: {result.Blocks.Count} of {job.BlockCount} blocks; missing blocks " +
                string.Join(", ", result.MissingBlocks.Select(g => $"{g.From}–{g.To - 1}")) + " (estimates from the blocks present only)");
        string model = job.Activation is { } act ? $"mlp, σ = {act.Name}" : "deep linear";
        TableOutput.Heading(Console.Out, format, $"Monte Carlo, {model}: widths {job.Network.Widths}, n_0 = {job.Inputs.Dimension}, C_W = {job.Network.CW}, C_b = {job.Network.Cb}, " +
                          $"{result.SamplesDone} of {job.Samples} networks ({job.Sampler switch { SamplerKind.FullMatrix => "full matrices", SamplerKind.StochasticMetric => "stochastic metric", _ => "χ² chain" }}), seed {job.Seed}, shard {shard}");
        TableOutput.Heading(Console.Out, format, $"errors: batch means over {result.Blocks.Count} blocks");
        var names = result.Layers[^1].Estimates.Select(e => e.Name).ToArray();
        var table = new TableOutput(["layer", "n", .. names]);
        foreach (var l in result.Layers)
            table.Add([l.Layer.ToString(), l.Width.ToString(), .. names.Select(nm => l.Estimates.FirstOrDefault(e => e.Name == nm) is { } e ? TableOutput.PlusMinus(e.Value, e.StdErr) : "-")]);
        table.Write(Console.Out, format);
    }
}
