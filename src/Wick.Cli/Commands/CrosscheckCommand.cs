using System.CommandLine;
using Spectre.Console;
using Wick.Cli.Numeric;
using Wick.Numeric.CrossChecks;
using Wick.Numeric.Networks;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick crosscheck</c>: derived recursion vs closed form vs Monte Carlo of real networks, side by side with
/// z-scores; exit 1 if any tested |z| exceeds 4 or recursion and closed form differ by more than 1e-10.
/// </summary>
internal static class CrosscheckCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var net = new NetworkOptions("6x8");
        var points = new Option<int>("--points") { Description = "Highest single-input order 2m (G_2 … G_2m).", DefaultValueFactory = _ => 8 };
        var samples = new Option<long>("--samples") { Description = "Sampled networks for the single-input part.", DefaultValueFactory = _ => 1_000_000 };
        var multiSamples = new Option<long>("--multi-samples") { Description = "Sampled networks for the two-input part (0: skip it).", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (results do not depend on it)." };
        var sampler = new Option<string>("--sampler") { Description = "--model mlp: metric (exact stochastic-metric sampler, 4.69) or full (weight matrices).", DefaultValueFactory = _ => "metric" };
        var cmd = new Command("crosscheck", "Derived recursion vs closed form vs Monte Carlo (value ± error, z-score) for G_2…G_2m and the two-input metric and four-point structure; exit 1 on disagreement.");
        net.AddTo(cmd);
        foreach (Option o in new Option[] { points, samples, multiSamples, seed, threads, sampler, format }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            long n = r.GetValue(samples), n2 = r.GetValue(multiSamples);
            if (n < 2) throw new UsageException($"--samples must be at least 2, got {n}.");
            if (n2 != 0 && n2 < 2) throw new UsageException($"--multi-samples must be 0 (skip) or at least 2, got {n2}.");
            if (string.Equals(r.GetValue(net.Model), "mlp", StringComparison.OrdinalIgnoreCase))
                return MlpCrosscheck.Run(r, net, n, n2, r.GetValue(seed), r.GetValue(threads), r.GetValue(sampler)!, r.GetValue(format));
            if (r.GetResult(sampler) is { Implicit: false }) throw new UsageException("--sampler applies to --model mlp (the deep-linear cross-check uses the full-matrix sampler).");
            var (network, inputs) = net.Read(r);
            int p = r.GetValue(points);
            if (p < 2 || p % 2 != 0 || p > 16) throw new UsageException($"--points must be an even number from 2 to 16, got {p}.");
            NetworkInputs single = inputs, pair;
            if (inputs.Count > 1)
            {
                single = new NetworkInputs([inputs.Vector(0).ToArray()]);
                pair = inputs;
            }
            else if (inputs.Dimension >= 2) pair = DeepLinearCrossCheck.DefaultPair(inputs.Dimension);
            else { pair = null!; n2 = 0; }
            var fmt = r.GetValue(format);
            CrossCheckReport report;
            try
            {
                Action<long>? progress = null;
                if (fmt != OutputFormat.Json && !Console.IsOutputRedirected)
                {
                    CrossCheckReport? rep = null;
                    AnsiConsole.Progress().AutoClear(true).Start(ctx =>
                    {
                        var task = ctx.AddTask("sampling networks", maxValue: n + n2);
                        progress = k => task.Increment(k);
                        rep = DeepLinearCrossCheck.Run(network, single, n2 > 0 ? pair : null, p, n, n2, r.GetValue(seed), r.GetValue(threads), progress);
                    });
                    report = rep!;
                }
                else report = DeepLinearCrossCheck.Run(network, single, n2 > 0 ? pair : null, p, n, n2, r.GetValue(seed), r.GetValue(threads));
            }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            FiniteResults.Require("crosscheck", report.Rows.SelectMany(row => new[]
            {
                (row.Quantity + " (recursion)", row.Layer, row.Recursion), (row.Quantity + " (closed form)", row.Layer, row.ClosedForm ?? 0),
                (row.Quantity + " (Monte Carlo)", row.Layer, row.MonteCarlo.Value), (row.Quantity + " (z)", row.Layer, row.ZTested ? row.Z : 0),
            }));
            Write(report, network, fmt);
            return report.Agrees ? ExitCodes.Ok : ExitCodes.No;
        });
        return cmd;
    }

    private static void Write(CrossCheckReport report, DeepLinearNetwork net, OutputFormat fmt)
    {
        if (fmt == OutputFormat.Json)
        {
            Cli.WriteJson(new Dictionary<string, object?>
            {
                ["command"] = "crosscheck",
                ["model"] = "linear",
                ["widths"] = net.Widths.ToString(),
                ["cw"] = net.CW,
                ["cb"] = net.Cb,
                ["samples"] = report.Samples,
                ["multiSamples"] = report.MultiSamples,
                ["seed"] = report.Seed,
                ["zLimit"] = report.ZLimit,
                ["relativeLimit"] = report.RelativeLimit,
                ["agrees"] = report.Agrees,
                ["rows"] = report.Rows.Select(row => new Dictionary<string, object?>
                {
                    ["quantity"] = row.Quantity,
                    ["layer"] = row.Layer,
                    ["recursion"] = row.Recursion,
                    ["closedForm"] = row.ClosedForm,
                    ["relativeDifference"] = row.RelativeDifference,
                    ["monteCarlo"] = row.MonteCarlo.Value,
                    ["stderr"] = row.MonteCarlo.StdErr,
                    ["z"] = row.Z,
                    ["zTested"] = row.ZTested,
                    ["note"] = row.Note,
                }).ToArray(),
            });
            return;
        }
        TableOutput.Heading(Console.Out, fmt, $"Cross-check, deep linear: widths {net.Widths}, C_W = {net.CW}, C_b = {net.Cb}; Monte Carlo of real networks: {report.Samples} (one input)" +
                          (report.MultiSamples > 0 ? $" + {report.MultiSamples} (two inputs)" : "") + $", seed {report.Seed}, errors by batch means");
        var table = new TableOutput(["quantity", "layer", "recursion", "closed form", "rel.diff", "Monte Carlo", "z", "check"]);
        foreach (var row in report.Rows)
        {
            bool ok = row.RelativeDifference <= report.RelativeLimit && (!row.ZTested || Math.Abs(row.Z) <= report.ZLimit);
            table.Add(row.Quantity, row.Layer.ToString(), TableOutput.Short(row.Recursion, 10),
                row.ClosedForm is { } c ? TableOutput.Short(c, 10) : "—", row.ClosedForm is null ? "—" : TableOutput.Short(row.RelativeDifference, 2),
                TableOutput.PlusMinus(row.MonteCarlo.Value, row.MonteCarlo.StdErr), TableOutput.Short(row.Z, 3),
                !ok ? "FAIL" : row.ZTested ? "ok" : "not z-tested (" + row.Note + ")");
        }
        table.Write(Console.Out, fmt);
        var fails = report.Failures.ToArray();
        TableOutput.Heading(Console.Out, fmt, fails.Length == 0
            ? $"agree: every tested |z| ≤ {report.ZLimit} and recursion = closed form within {report.RelativeLimit:G2} ({report.Rows.Count(r => r.ZTested)} of {report.Rows.Count} rows z-tested)"
            : $"DISAGREE: {fails.Length} row(s) fail ({string.Join(", ", fails.Take(5).Select(f => f.Quantity + "@" + f.Layer))})");
    }
}
