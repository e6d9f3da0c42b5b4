using System.CommandLine;
using Wick.Cli.Numeric;
using Wick.Engine;
using Wick.Numeric.Networks;
using Wick.Numeric.Plotting;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick plot</c>: PNG or SVG plots — <c>--kind depth</c> (default): G_2m/G_2^m against depth for several widths,
/// recursion curves with Monte Carlo points and error bars; <c>--kind limits</c>: the width-first vs depth-first
/// picture (3.48)–(3.51) with the double-scaling curve (3.55); <c>--kind criticality --activation NAME</c>: the
/// fixed-point map, χ_∥ and χ_⊥, the critical line and the depth behaviour against the derived laws (chapter 5).
/// With <c>--format html</c> the plot is inlined in the page as SVG (then <c>--out</c> is optional).
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
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Output file: F.png or F.svg (the extension chooses); required except with --format html (the page inlines the plot as SVG).", HelpName = "F.png|F.svg" };
        var depthOption = new Option<long>("--depth") { Description = "--kind criticality: layers of the depth panel (16 to 1000000).", DefaultValueFactory = _ => 100_000 };
        var cmd = new Command("plot", "Write a PNG or SVG plot: G_2m/G_2^m vs depth (theory and Monte Carlo), the limits (3.48)-(3.51), or the criticality of an activation (chapter 5).");
        net.AddTo(cmd);
        foreach (Option o in new Option[] { kind, points, plotWidths, samples, seed, output, depthOption, format }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var fmt = r.GetValue(format);
            var targets = Targets(r.GetValue(output));
            string k = r.GetValue(kind)!.ToLowerInvariant();
            if (k == "criticality")
            {
                string activation = r.GetValue(net.Activation) ?? throw new UsageException("--kind criticality needs --activation NAME (e.g. tanh, gelu, swish, relu, or an expression in z).");
                var report = WickEngine.Criticality(new CriticalityRequest(activation) { CheckDepth = 0 });
                var data = CriticalityFigure.For(report, r.GetValue(depthOption));
                FiniteResults.Require("plot", data.Values());
                foreach (var t in targets.Paths) CriticalityPlots.Save(t, data);
                return Wrote(fmt, k, targets, CriticalityTable.Json(data), CriticalityTable.Latex(data));
            }
            bool mlp = string.Equals(r.GetValue(net.Model), "mlp", StringComparison.OrdinalIgnoreCase);
            var sigma = net.ReadActivation(r);
            var (network, inputs) = net.Read(r, allowMlp: mlp);
            if (inputs.Count != 1) throw new UsageException("wick plot draws single-input correlators: give --input-norm, not several --inputs.");
            int p = r.GetValue(points);
            if (p < 4 || p % 2 != 0 || p > 16) throw new UsageException($"--points must be an even number from 4 to 16, got {p}.");
            long n = r.GetValue(samples);
            if (n < 0 || n == 1) throw new UsageException($"--samples must be 0 (theory only) or at least 2, got {n}.");
            if (sigma is not null)
            {
                if (k != "depth") throw new UsageException($"--model mlp plots K and V/(nK^2) against depth (--kind depth), got --kind {k}.");
                MlpPlot.Save(targets.Paths, network, sigma, inputs, n, r.GetValue(seed));
                return Wrote(fmt, "depth", targets);
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
                    foreach (var t in targets.Paths)
                        CorrelatorPlots.SaveDepthPlot(t, data,
                            $"Deep linear, C_W = {network.CW}, C_b = {network.Cb}: lines = derived recursions, points = {n} real networks per width");
                    break;
                case "limits":
                    foreach (var t in targets.Paths)
                        CorrelatorPlots.SaveLimitsPlot(t, p / 2, widthsList.Count > 0 ? widthsList : [4, 8, 32], [3, 10]);
                    break;
                default:
                    throw new UsageException($"--kind: expected depth, limits or criticality, got '{k}'.");
            }
            return Wrote(fmt, k, targets);
        });
        return cmd;
    }

    /// <summary>Where the plot goes: --out, and in an html page a temporary SVG that is inlined (<see cref="Cli.Figures"/>).</summary>
    private sealed record PlotTargets(FileInfo? Out, string? InlineSvg)
    {
        public IReadOnlyList<string> Paths => [.. new[] { Out?.FullName, InlineSvg }.OfType<string>()];
    }

    private static PlotTargets Targets(FileInfo? file)
    {
        bool html = Cli.Figures is not null;
        if (file is null && !html) throw new UsageException("--out F.png|F.svg is required (except with --format html, which inlines the plot).");
        if (file is not null)
        {
            if (!PlotFile.IsSupported(file.Name)) throw new UsageException(PlotFile.Expected("--out", file.Name));
            if (file.Directory is { Exists: false } dir) throw new UsageException($"--out: directory does not exist: {dir.FullName}");
        }
        return new PlotTargets(file, html ? Path.Combine(Path.GetTempPath(), $"wick-plot-{Guid.NewGuid():N}.svg") : null);
    }

    /// <summary>Draws a figure for the html page being made (<see cref="Cli.Figures"/>): saved as SVG by <paramref name="save"/>, read, inlined.</summary>
    internal static void Inline(Action<string> save, string caption)
    {
        string svg = Path.Combine(Path.GetTempPath(), $"wick-plot-{Guid.NewGuid():N}.svg");
        try { save(svg); }
        catch { File.Delete(svg); throw; }
        AddFigure(svg, caption);
    }

    private static void AddFigure(string svg, string caption)
    {
        try { (Cli.Figures ?? throw new InvalidOperationException("no html page is being made")).Add(new LatexDocument.Figure(caption, File.ReadAllText(svg))); }
        finally { File.Delete(svg); }
    }

    private static int Wrote(OutputFormat format, string kind, PlotTargets targets, object? data = null, string? latexTable = null)
    {
        string where = targets.Out?.FullName ?? "the page (inline SVG)";
        if (targets.InlineSvg is { } svg) AddFigure(svg, $"wick plot --kind {kind}");
        switch (format)
        {
            case OutputFormat.Json:
                Cli.WriteJson(new Dictionary<string, object?> { ["command"] = "plot", ["kind"] = kind, ["out"] = targets.Out?.FullName, ["data"] = data });
                break;
            case OutputFormat.Latex:
                Console.WriteLine($"% wick plot --kind {kind}: wrote {where}");
                if (latexTable is not null) Console.Write(latexTable);
                break;
            default:
                Console.WriteLine($"wrote {where}");
                break;
        }
        return ExitCodes.Ok;
    }
}
