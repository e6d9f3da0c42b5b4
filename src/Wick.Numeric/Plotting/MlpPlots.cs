using ScottPlot;
using Wick.Numeric.Activations;
using Wick.Numeric.CrossChecks;
using Wick.Numeric.Mlp;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Plotting;

/// <summary>
/// K and V/(nK²) against depth for an mlp: the derived recursions at leading order (K) and through O(1/n) (K + G1/n), the
/// vertex ratio V/(n_{ℓ−1} K²), and Monte Carlo estimates of real networks (G2 = E[zz] and G4/G2² − 1) with error bars;
/// the Tested flags are false where the estimator's tails forbid a z-test (shown hollow).
/// </summary>
public sealed record MlpDepthData(string Activation, double[] Layers, double[] KLeading, double[] KNlo, double[] VRatio,
    double[]? G2, double[]? G2Errors, double[]? VRatioMc, double[]? VRatioErrors, bool[]? G2Tested, bool[]? VRatioTested);

/// <summary>The mlp depth plot (PNG or SVG by the extension, ScottPlot 5).</summary>
public static class MlpPlots
{
    /// <summary>Theory from <see cref="MlpEvaluator"/>; Monte Carlo (stochastic-metric sampler) unless <paramref name="samples"/> is 0.</summary>
    public static MlpDepthData DepthData(DeepLinearNetwork net, Activation sigma, NetworkInputs input, long samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sigma);
        var theory = MlpEvaluator.Create(sigma, 1).Evaluate(net, input);
        double[] layers = [.. theory.Select(t => (double)t.Layer)];
        double[] k = [.. theory.Select(t => t.Kernel(0, 0))];
        double[] kn = [.. theory.Select(t => t.Kernel(0, 0) + t.NloMetric(0, 0) / t.PreviousWidth)];
        double[] v = [.. theory.Select(t => t.Vertex(0, 0, 0, 0) / (t.PreviousWidth * t.Kernel(0, 0) * t.Kernel(0, 0)))];
        if (samples == 0) return new MlpDepthData(sigma.Name, layers, k, kn, v, null, null, null, null, null, null);
        var job = new McJob(net, input, 4, samples, seed, SamplerKind.StochasticMetric, activation: sigma);
        var mc = new McResult(job, McRunner.Run(job));
        var g2 = mc.Layers.Select(l => l["G2"]).ToArray();
        var ratio = mc.Layers.Select(l => l["G4/G2^2"]).ToArray();
        return new MlpDepthData(sigma.Name, layers, k, kn, v,
            [.. g2.Select(e => e.Value)], [.. g2.Select(e => e.StdErr)],
            [.. ratio.Select(e => e.Value - 1)], [.. ratio.Select(e => e.StdErr)],
            [.. mc.Layers.Select(l => DeepLinearCrossCheck.Gate(mc, l.Layer, "G2", 1, samples).Tested)],
            [.. mc.Layers.Select(l => DeepLinearCrossCheck.Gate(mc, l.Layer, "G4", 2, samples).Tested)]);
    }

    /// <summary>Writes the plot: K on the left log axis, V/(nK²) on the right one.</summary>
    public static void SaveDepthPlot(string path, MlpDepthData d, string title, int width = 1100, int height = 750)
    {
        ArgumentNullException.ThrowIfNull(d);
        var plt = new Plot();
        var blue = Colors.Blue;
        var red = Colors.Red;
        Line(plt, d.Layers, d.KLeading, blue, LinePattern.Solid, "K, leading order (4.118)", plt.Axes.Left);
        Line(plt, d.Layers, d.KNlo, blue, LinePattern.Dashed, "K + G1/n, through O(1/n) (4.115)", plt.Axes.Left);
        Line(plt, d.Layers, d.VRatio, red, LinePattern.Solid, "V/(n K^2) (4.119), right axis", plt.Axes.Right);
        if (d.G2 is { } g2)
        {
            Points(plt, d.Layers, g2, d.G2Errors!, d.G2Tested!, blue, "E[zz] (Monte Carlo)", plt.Axes.Left);
            // Layer 1 is Gaussian: V = 0 exactly, and the estimate of G4/G2² − 1 is noise around 0 (no logarithm).
            double[] vMc = [.. d.VRatioMc!.Select((v, i) => d.VRatio[i] > 0 ? v : double.NaN)];
            Points(plt, d.Layers, vMc, d.VRatioErrors!, d.VRatioTested!, red, "G4/G2^2 - 1 (Monte Carlo), right axis", plt.Axes.Right);
        }
        var left = new[] { d.KLeading, d.KNlo, d.G2 ?? [] }.SelectMany(x => x).ToArray();
        var right = d.VRatio.Concat((d.VRatioMc ?? []).Where((_, i) => d.VRatio[i] > 0)).ToArray();
        plt.Axes.Left.TickGenerator = LogTicks.For(left);
        plt.Axes.Right.TickGenerator = LogTicks.For(right);
        var (lo, hi) = LogTicks.Range(left);
        plt.Axes.SetLimitsY(lo, hi, plt.Axes.Left);
        (lo, hi) = LogTicks.Range(right);
        plt.Axes.SetLimitsY(lo, hi, plt.Axes.Right);
        plt.Axes.Left.Label.Text = "K (log scale)";
        plt.Axes.Right.Label.Text = "V/(n K^2) (log scale)";
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plt.XLabel("layer l");
        plt.Title(title);
        plt.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plt.ShowLegend(Edge.Bottom);
        PlotFile.Save(plt, path, width, height);
    }

    private static void Line(Plot plt, double[] x, double[] y, Color color, LinePattern pattern, string label, IYAxis axis)
    {
        var keep = Enumerable.Range(0, x.Length).Where(i => y[i] > 0 && double.IsFinite(y[i])).ToArray();
        if (keep.Length == 0) return;
        var line = plt.Add.ScatterLine(keep.Select(i => x[i]).ToArray(), keep.Select(i => Math.Log10(y[i])).ToArray(), color);
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
        line.LegendText = label;
        line.Axes.YAxis = axis;
    }

    /// <summary>Monte Carlo points with error bars; rows that cannot be z-tested (heavy tails) hollow, with their own legend entry.</summary>
    private static void Points(Plot plt, double[] x, double[] y, double[] err, bool[] tested, Color color, string label, IYAxis axis)
    {
        foreach (bool t in new[] { true, false })
        {
            var keep = Enumerable.Range(0, x.Length).Where(i => tested[i] == t && y[i] > 0 && double.IsFinite(y[i])).ToArray();
            if (keep.Length == 0) continue;
            double[] xs = [.. keep.Select(i => x[i])], ys = [.. keep.Select(i => Math.Log10(y[i]))];
            var bars = plt.Add.ErrorBar(xs, ys, keep.Select(i => Math.Log10(y[i] + err[i]) - Math.Log10(y[i])).ToArray());
            bars.YErrorPositive = keep.Select(i => Math.Log10(y[i] + err[i]) - Math.Log10(y[i])).ToArray();
            bars.YErrorNegative = keep.Select(i => y[i] - err[i] > 0 ? Math.Log10(y[i]) - Math.Log10(y[i] - err[i]) : 1).ToArray();
            bars.Color = color;
            bars.Axes.YAxis = axis;
            var dots = plt.Add.Scatter(xs, ys, color);
            dots.LineWidth = 0;
            dots.MarkerSize = 8;
            dots.MarkerShape = t ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
            dots.LegendText = t ? label : label + ": not z-tested (heavy tail)";
            dots.Axes.YAxis = axis;
        }
    }
}

/// <summary>
/// Labelled ticks for a log10-transformed axis that stay readable over any range: decades when the data span several,
/// 1-2-5 steps over one or two decades, and 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 steps under a decade (where automatic
/// integer-exponent ticks would leave a single label).
/// </summary>
public static class LogTicks
{
    private static readonly double[] Fine = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
    private static readonly double[] Medium = [1, 2, 5];

    /// <summary>The labelled tick positions (log10 values) over the padded range of <paramref name="values"/> (<see cref="Range"/>).</summary>
    public static IReadOnlyList<double> Positions(IEnumerable<double> values)
    {
        var (lo, hi) = Range(values);
        double span = hi - lo;
        var ticks = new List<double>();
        if (span < 0.3)
        {
            // Under a third of a decade: evenly spaced values with a 1-2-5 step (about five labels).
            double a = Math.Pow(10, lo), b = Math.Pow(10, hi), raw = (b - a) / 5, p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * p).First(x => x >= raw);
            for (double v = Math.Ceiling(a / step) * step; v <= b; v += step)
                if (v > 0) ticks.Add(Math.Log10(v));
            return ticks;
        }
        double[] steps = span > 3 ? [1] : span > 1.5 ? Medium : Fine;
        for (int e = (int)Math.Floor(lo) - 1; e <= (int)Math.Ceiling(hi) + 1; e++)
            foreach (var m in steps)
            {
                double t = e + Math.Log10(m);
                if (t >= lo && t <= hi) ticks.Add(t);
            }
        return ticks;
    }

    /// <summary>The log10 range of the positive finite <paramref name="values"/>, padded by 8% (at least ±0.02 decades).</summary>
    public static (double Low, double High) Range(IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0 && double.IsFinite(v)).Select(Math.Log10).ToArray();
        if (logs.Length == 0) return (-1, 1);
        double lo = logs.Min(), hi = logs.Max(), pad = Math.Max(0.08 * (hi - lo), 0.02);
        return (lo - pad, hi + pad);
    }

    /// <summary>A manual tick generator labelling <see cref="Positions"/> with 10^t to 4 significant digits.</summary>
    public static ScottPlot.TickGenerators.NumericManual For(IEnumerable<double> values)
    {
        var gen = new ScottPlot.TickGenerators.NumericManual();
        foreach (var t in Positions(values))
            gen.AddMajor(t, Math.Pow(10, t).ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
        return gen;
    }
}
