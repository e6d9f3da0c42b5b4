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
        var shard = new Option<string?>("--shard") { Description = "Run only shard k of N (k/N) of the sample set; combine with 'wick mc merge'.", HelpName = "k/N" };
        var sampler = new Option<string>("--sampler") { Description = "full (real weight matrices) or chi2 (exact χ² law of |z|², one input).", DefaultValueFactory = _ => "full" };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores); results do not depend on it." };
        var cmd = new Command("mc", "Monte Carlo of real deep linear networks (or --model mlp --activation NAME): G_2…G_2m per layer (one input) or metric K, four-point F and vertex V (several inputs), each ± a batch-means standard error.");
        net.AddTo(cmd);
        foreach (Option o in new Option[] { samples, seed, points, shard, sampler, threads, format }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var activation = net.ReadActivation(r);
            var (network, inputs) = net.Read(r, allowMlp: true);
            if (r.GetValue(samples) < 1) throw new UsageException($"--samples must be a positive integer, got {r.GetValue(samples)}.");
            var kind = r.GetValue(sampler)!.ToLowerInvariant() switch
            {
                "full" => SamplerKind.FullMatrix,
                "chi2" => SamplerKind.ChiSquaredChain,
                var other => throw new UsageException($"--sampler: expected full or chi2, got '{other}'."),
            };
            int? t = r.GetValue(threads);
            if (t is < 1) throw new UsageException($"--threads must be positive, got {t}.");
            McJob job;
            try { job = new McJob(network, inputs, r.GetValue(points), r.GetValue(samples), r.GetValue(seed), kind, activation); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            (int K, int N)? sh = r.GetValue(shard) is { } s ? NetworkOptions.ParseShard(s) : null;
            if (sh is { } x)
            {
                try { job.ShardBlocks(x.K, x.N); }
                catch (ArgumentException e) { throw new UsageException(e.Message); }
            }
            var fmt = r.GetValue(format);
            var result = Run(job, sh, t, fmt);
            Write(result, sh is { } q ? $"{q.K}/{q.N}" : "1/1", fmt);
            return ExitCodes.Ok;
        });
        cmd.Subcommands.Add(CreateMerge());
        return cmd;
    }

    /// <summary>Runs with a progress bar on an interactive terminal (none for JSON or redirected output).</summary>
    internal static McResult Run(McJob job, (int K, int N)? shard, int? threads, OutputFormat format)
    {
        bool bar = format != OutputFormat.Json && !Console.IsOutputRedirected;
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

    private static Command CreateMerge()
    {
        var format = Cli.FormatOption();
        var files = new Argument<FileInfo[]>("files") { Description = "Outputs of 'wick mc ... --shard k/N --format json'.", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("merge", "Combine shard outputs of 'wick mc --format json' exactly (bit-equal to the one-shot run).") { files, format };
        cmd.SetAction(r =>
        {
            var parts = new List<McResult>();
            foreach (var f in r.GetValue(files)!)
            {
                if (!f.Exists) throw new UsageException($"mc merge: file not found: {f.FullName}");
                try
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(f.FullName));
                    parts.Add(McResult.FromJson(doc.RootElement, f.Name));
                }
                catch (JsonException e) { throw new UsageException($"mc merge: {f.Name} is not JSON: {e.Message}"); }
                catch (FormatException e) { throw new UsageException($"mc merge: {e.Message}"); }
            }
            McResult merged;
            try { merged = McResult.Merge(parts); }
            catch (ArgumentException e) { throw new UsageException($"mc merge: {e.Message}"); }
            Write(merged, merged.Complete ? "1/1" : "partial", r.GetValue(format));
            if (!merged.Complete && r.GetValue(format) != OutputFormat.Json)
                Console.Error.WriteLine($"wick mc merge: {merged.Blocks.Count} of {merged.Job.BlockCount} blocks present; the estimates use those only.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static void Write(McResult result, string shard, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Cli.WriteJson(result.ToJsonModel(shard));
            return;
        }
        var job = result.Job;
        string model = job.Activation is { } act ? $"mlp, σ = {act.Name}" : "deep linear";
        TableOutput.Heading(Console.Out, format, $"Monte Carlo, {model}: widths {job.Network.Widths}, n_0 = {job.Inputs.Dimension}, C_W = {job.Network.CW}, C_b = {job.Network.Cb}, " +
                          $"{result.SamplesDone} of {job.Samples} networks ({(job.Sampler == SamplerKind.FullMatrix ? "full matrices" : "χ² chain")}), seed {job.Seed}, shard {shard}");
        TableOutput.Heading(Console.Out, format, $"errors: batch means over {result.Blocks.Count} blocks");
        var names = result.Layers[^1].Estimates.Select(e => e.Name).ToArray();
        var table = new TableOutput(["layer", "n", .. names]);
        foreach (var l in result.Layers)
            table.Add([l.Layer.ToString(), l.Width.ToString(), .. names.Select(nm => l.Estimates.FirstOrDefault(e => e.Name == nm) is { } e ? TableOutput.PlusMinus(e.Value, e.StdErr) : "-")]);
        table.Write(Console.Out, format);
    }
}
