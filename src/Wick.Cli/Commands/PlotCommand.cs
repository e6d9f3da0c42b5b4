using System.CommandLine;
using Wick.Cli.Numeric;
using Wick.Numeric.Networks;
using Wick.Numeric.Plotting;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick plot</c>: PNG plots — <c>--kind depth</c> (default): G_2m/G_2^m against depth for several widths,
/// recursion curves with Monte Carlo points and error bars; <c>--kind limits</c>: the width-first vs depth-first
/// picture (3.48)–(3.51) with the double-scaling curve (3.55).
/// </summary>
internal static class PlotCommand
{
    /// <summary>The widest fixed-width curve of <c>--kind limits</c> (2n points each).</summary>
    private const int MaxLimitsWidth = 100_000;

    public static Command Create()
    {
        var format = Cli.FormatOption();
        var net = new NetworkOptions("8x10");
        var kind = new Option<string>("--kind") { Description = "depth (G_2m/G_2^m vs layer, theory + Monte Carlo) or limits ((3.48)-(3.51) vs r = L/n).", DefaultValueFactory = _ => "depth" };
        var points = new Option<int>("--points") { Description = "Highest order 2m plotted (depth: G_4 … G_2m; limits: G_2m).", DefaultValueFactory = _ => 6 };
        var plotWidths = new Option<string?>("--plot-widths") { Description = "Widths of the curves, e.g. 4,8,16 (default: the width of --widths, ×2 and ×4, same depth)." };
        var samples = new Option<long>("--samples") { Description = "Monte Carlo networks per width (0: theory only).", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1UL };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Output file: F.png or F.svg (the extension chooses).", Required = true, HelpName = "F.png|F.svg" };
        var cmd = new Command("plot", "Write a PNG or SVG plot: G_2m/G_2^m vs depth (theory and Monte Carlo), or the limits (3.48)-(3.51).");
        net.AddTo(cmd);
        foreach (Option o in new Option[] { kind, points, plotWidths, samples, seed, output, format }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            bool mlp = string.Equals(r.GetValue(net.Model), "mlp", StringComparison.OrdinalIgnoreCase);
            var sigma = net.ReadActivation(r);
            var (network, inputs) = net.Read(r, allowMlp: mlp);
            if (inputs.Count != 1) throw new UsageException("wick plot draws single-input correlators: give --input-norm, not several --inputs.");
            int p = r.GetValue(points);
            if (p < 4 || p % 2 != 0 || p > 16) throw new UsageException($"--points must be an even number from 4 to 16, got {p}.");
            long n = r.GetValue(samples);
            if (n < 0 || n == 1) throw new UsageException($"--samples must be 0 (theory only) or at least 2, got {n}.");
            var file = r.GetValue(output)!;
            if (!PlotFile.IsSupported(file.Name)) throw new UsageException(PlotFile.Expected("--out", file.Name));
            if (file.Directory is { Exists: false } dir) throw new UsageException($"--out: directory does not exist: {dir.FullName}");
            string k = r.GetValue(kind)!.ToLowerInvariant();
            if (sigma is not null)
            {
                if (k != "depth") throw new UsageException($"--model mlp plots K and V/(nK^2) against depth (--kind depth), got --kind {k}.");
                MlpPlot.Save(file, network, sigma, inputs, n, r.GetValue(seed));
                return Wrote(r.GetValue(format), "depth", file);
            }
            var w = network.Widths;
            int depth = w.Depth;
            List<int> widthsList;
            if (r.GetValue(plotWidths) is { } pw)
            {
                try { widthsList = [.. WidthProfile.Parse(pw).Widths.Distinct()]; }
                catch (FormatException e) { throw new UsageException(e.Message.Replace("--widths", "--plot-widths")); }
            }
            else widthsList = w.Widths.Distinct().Count() == 1 ? [w[1], 2 * w[1], 4 * w[1]] : [];
            // The limits plot draws a fixed-width curve over depths 1 … 2n: refuse widths whose curves would not fit in memory.
            if (k == "limits" && widthsList.FirstOrDefault(x => x > MaxLimitsWidth) is > 0 and var big)
                throw new UsageException($"--plot-widths {big}: the limits plot draws 2n points per fixed-width curve; the limit is n ≤ {MaxLimitsWidth}. Use smaller widths (r = L/n is what the plot shows).");
            switch (k)
            {
                case "depth":
                    var profiles = widthsList.Count > 0 ? widthsList.Select(x => WidthProfile.Uniform(x, depth)).ToList() : [w];
                    var data = CorrelatorPlots.DepthData(profiles, network.CW, network.Cb, inputs.Gram(0, 0), inputs.Dimension == w[1] ? 0 : inputs.Dimension,
                        p, n, r.GetValue(seed));
                    FiniteResults.Require("plot", data.SelectMany(d => d.Layers.SelectMany((layer, i) => new[]
                        { ($"{d.Label} (recursion)", (int)layer, d.Theory[i]), ($"{d.Label} (Monte Carlo)", (int)layer, d.MonteCarlo?[i] ?? 0) })));
                    CorrelatorPlots.SaveDepthPlot(file.FullName, data,
                        $"Deep linear, C_W = {network.CW}, C_b = {network.Cb}: lines = derived recursions, points = {n} real networks per width");
                    break;
                case "limits":
                    CorrelatorPlots.SaveLimitsPlot(file.FullName, p / 2, widthsList.Count > 0 ? widthsList : [4, 8, 32], [3, 10]);
                    break;
                default:
                    throw new UsageException($"--kind: expected depth or limits, got '{k}'.");
            }
            return Wrote(r.GetValue(format), k, file);
        });
        return cmd;
    }

    private static int Wrote(OutputFormat format, string kind, FileInfo file)
    {
        if (format == OutputFormat.Json) Cli.WriteJson(new Dictionary<string, object?> { ["command"] = "plot", ["kind"] = kind, ["out"] = file.FullName });
        else Console.WriteLine($"wrote {file.FullName}");
        return ExitCodes.Ok;
    }
}
