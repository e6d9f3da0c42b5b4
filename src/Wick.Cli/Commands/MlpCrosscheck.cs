using System.CommandLine;
using Wick.Cli.Numeric;
using Wick.Numeric.CrossChecks;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick crosscheck --model mlp --activation NAME</c>: the derived mlp recursions (leading order and through O(1/n)) against
/// Monte Carlo of real nonlinear networks (<see cref="MlpCrossCheck"/>); exit 1 when a tested row misses the NLO prediction
/// by more than z_max standard errors plus the stated O(1/n²) budget.
/// </summary>
internal static class MlpCrosscheck
{
    public static int Run(ParseResult r, NetworkOptions net, long samples, long multiSamples, ulong seed, int? threads, string sampler, OutputFormat fmt)
    {
        var sigma = net.ReadActivation(r)!;
        var (network, inputs) = net.Read(r, allowMlp: true);
        var kind = sampler.ToLowerInvariant() switch
        {
            "metric" => SamplerKind.StochasticMetric,
            "full" => SamplerKind.FullMatrix,
            _ => throw new UsageException($"--sampler: expected metric or full for --model mlp, got '{sampler}'."),
        };
        NetworkInputs single = inputs, pair;
        if (inputs.Count > 1)
        {
            single = new NetworkInputs([inputs.Vector(0).ToArray()]);
            pair = inputs;
        }
        else if (inputs.Dimension >= 2) pair = DeepLinearCrossCheck.DefaultPair(inputs.Dimension);
        else { pair = null!; multiSamples = 0; }
        MlpCrossCheckReport report;
        try { report = MlpCrossCheck.Run(network, sigma, single, multiSamples > 0 ? pair : null, samples, multiSamples, seed, kind, threads); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        catch (OverflowException e) { throw new UsageException($"crosscheck: {e.Message}"); }
        FiniteResults.Require("crosscheck", report.Rows.SelectMany(row => new[]
        {
            (row.Quantity + " (leading order)", row.Layer, row.LeadingOrder), (row.Quantity + " (NLO)", row.Layer, row.NextToLeading),
            (row.Quantity + " (Monte Carlo)", row.Layer, row.MonteCarlo.Value),
        }));
        Write(report, network, sigma.Name, fmt);
        return report.Agrees ? ExitCodes.Ok : ExitCodes.No;
    }

    private static void Write(MlpCrossCheckReport report, DeepLinearNetwork net, string activation, OutputFormat fmt)
    {
        if (fmt == OutputFormat.Json)
        {
            Cli.WriteJson(new Dictionary<string, object?>
            {
                ["command"] = "crosscheck",
                ["model"] = "mlp",
                ["activation"] = activation,
                ["sampler"] = McResult.SamplerName(report.Sampler),
                ["widths"] = net.Widths.ToString(),
                ["cw"] = net.CW,
                ["cb"] = net.Cb,
                ["samples"] = report.Samples,
                ["multiSamples"] = report.MultiSamples,
                ["seed"] = report.Seed,
                ["zLimit"] = report.ZLimit,
                ["budget"] = "2 (r^2 + 1/n^2) |LO|, r = |NLO - LO|/|LO|",
                ["agrees"] = report.Agrees,
                ["rows"] = report.Rows.Select(row => new Dictionary<string, object?>
                {
                    ["quantity"] = row.Quantity,
                    ["layer"] = row.Layer,
                    ["leadingOrder"] = row.LeadingOrder,
                    ["nlo"] = row.NextToLeading,
                    ["budget"] = row.Budget,
                    ["monteCarlo"] = row.MonteCarlo.Value,
                    ["stderr"] = row.MonteCarlo.StdErr,
                    ["zLeadingOrder"] = row.ZLeading,
                    ["zNlo"] = row.ZNextToLeading,
                    ["zTested"] = row.ZTested,
                    ["agrees"] = !row.Fails(report.ZLimit),
                    ["note"] = row.Note,
                }).ToArray(),
            });
            return;
        }
        TableOutput.Heading(Console.Out, fmt, $"Cross-check, mlp sigma = {activation}: widths {net.Widths}, C_W = {net.CW}, C_b = {net.Cb}; derived recursions (4.118), (4.115), (4.119) " +
            $"vs {report.Samples} real networks (one input){(report.MultiSamples > 0 ? $" + {report.MultiSamples} (two inputs)" : "")}, {McResult.SamplerName(report.Sampler)} sampler, seed {report.Seed}");
        var table = new TableOutput(["quantity", "layer", "leading order", "NLO", "O(1/n^2) budget", "Monte Carlo", "z(LO)", "z(NLO)", "check"]);
        foreach (var row in report.Rows)
            table.Add(row.Quantity, row.Layer.ToString(), TableOutput.Short(row.LeadingOrder, 10), TableOutput.Short(row.NextToLeading, 10), TableOutput.Short(row.Budget, 2),
                TableOutput.PlusMinus(row.MonteCarlo.Value, row.MonteCarlo.StdErr), TableOutput.Short(row.ZLeading, 3), TableOutput.Short(row.ZNextToLeading, 3),
                row.Fails(report.ZLimit) ? "FAIL" : row.ZTested ? "ok" : "not z-tested (" + row.Note + ")");
        table.Write(Console.Out, fmt);
        var fails = report.Failures.ToArray();
        TableOutput.Heading(Console.Out, fmt, fails.Length == 0
            ? $"agree: every tested |MC - NLO| <= {report.ZLimit} stderr + the O(1/n^2) budget 2 (r^2 + 1/n^2) |LO| ({report.Rows.Count(r => r.ZTested)} of {report.Rows.Count} rows tested)"
            : $"DISAGREE: {fails.Length} row(s) fail ({string.Join(", ", fails.Take(5).Select(f => f.Quantity + "@" + f.Layer))})");
    }
}
