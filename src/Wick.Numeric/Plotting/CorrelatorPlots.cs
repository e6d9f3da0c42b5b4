using ScottPlot;
using Wick.Algebra;
using Wick.Algebra.Recursions;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.Evaluation;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Plotting;

/// <summary>One curve of the limits plot: log10 of G_{2m}/G_2^m at the output against r = L/n.</summary>
public sealed record LimitsCurve(string Label, bool FixedWidth, double[] R, double[] Log10Ratio);

/// <summary>The limits plot's curves and the double-scaling rate a of e^{a r}, all from the derived c_{2m}.</summary>
public sealed record LimitsData(int M, IReadOnlyList<LimitsCurve> Curves, LimitsCurve DoubleScaling, Rational DoubleScalingRate);

/// <summary>One curve of G_{2m}/G_2^m against depth: the evaluated recursion, and optionally Monte Carlo points.</summary>
public sealed record DepthSeries(string Label, int M, double[] Layers, double[] Theory, double[]? MonteCarlo, double[]? MonteCarloErrors);

/// <summary>
/// PNG plots (ScottPlot 5) of the deep linear correlators: the normalised G_{2m}/G_2^m against depth for several
/// widths — theory curves from the engine's recursions with Monte Carlo points of real networks and error bars —
/// and the width-first vs depth-first limits (3.48)–(3.51) with the double-scaling curve (3.55). The y axis is
/// logarithmic (values are plotted as log10 with 10^k tick labels).
/// </summary>
public static class CorrelatorPlots
{
    private static readonly Color[] Palette =
        [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Purple, Colors.Brown, Colors.DarkCyan, Colors.Magenta, Colors.Olive];

    /// <summary>
    /// Computes the depth series: for each width profile, G_{2m}/G_2^m for m = 2 … points/2 from the evaluated
    /// recursions and (when <paramref name="samples"/> &gt; 0) from the full-matrix sampler.
    /// </summary>
    public static IReadOnlyList<DepthSeries> DepthData(IReadOnlyList<WidthProfile> profiles, double cw, double cb, double inputNorm, int inputDim,
        int points, long samples, ulong seed, int? threads = null)
    {
        var evaluator = DeepLinearEvaluator.SingleInput(points, cb != 0);
        var series = new List<DepthSeries>();
        foreach (var w in profiles)
        {
            var net = new DeepLinearNetwork(w, cw, cb).Validated();
            var inputs = NetworkInputs.FromNorm(inputNorm, inputDim > 0 ? inputDim : w[1]);
            var theory = evaluator.Evaluate(net, inputs);
            McResult? mc = null;
            if (samples > 0)
            {
                var job = new McJob(net, inputs, points, samples, seed);
                mc = new McResult(job, McRunner.Run(job, null, threads));
            }
            string label = w.Widths.Distinct().Count() == 1 ? $"n = {w[1]}" : $"n = {w}";
            double[] layers = [.. Enumerable.Range(1, w.Depth).Select(l => (double)l)];
            for (int m = 2; m <= points / 2; m++)
            {
                string name = $"G{2 * m}/G2^{m}";
                series.Add(new DepthSeries($"{label}, G{2 * m}/G2^{m}", m, layers,
                    [.. theory.Select(t => t[name].Value)],
                    mc is null ? null : [.. mc.Layers.Select(l => l[name].Value)],
                    mc is null ? null : [.. mc.Layers.Select(l => l[name].StdErr)]));
            }
        }
        return series;
    }

    /// <summary>Writes the depth plot of <paramref name="series"/> to <paramref name="path"/> (PNG).</summary>
    public static void SaveDepthPlot(string path, IReadOnlyList<DepthSeries> series, string title, int width = 1100, int height = 750)
    {
        var plt = new Plot();
        var labels = series.Select(s => s.Label.Split(',')[0]).Distinct().ToList();
        foreach (var s in series)
        {
            var color = Palette[labels.IndexOf(s.Label.Split(',')[0]) % Palette.Length];
            var line = plt.Add.ScatterLine(s.Layers, s.Theory.Select(Math.Log10).ToArray(), color);
            line.LineWidth = 2;
            line.LinePattern = (s.M % 3) switch { 2 => LinePattern.Solid, 0 => LinePattern.Dashed, _ => LinePattern.Dotted };
            line.LegendText = s.Label + " (recursion)";
            if (s.MonteCarlo is { } mc && s.MonteCarloErrors is { } err)
            {
                var (ys, up, down) = LogErrors(mc, err);
                var keep = Enumerable.Range(0, ys.Length).Where(i => double.IsFinite(ys[i])).ToArray();
                double[] xs = [.. keep.Select(i => s.Layers[i])], y = [.. keep.Select(i => ys[i])];
                var bars = plt.Add.ErrorBar(xs, y, keep.Select(i => up[i]).ToArray());
                bars.YErrorPositive = keep.Select(i => up[i]).ToArray();
                bars.YErrorNegative = keep.Select(i => down[i]).ToArray();
                bars.Color = color;
                var dots = plt.Add.Scatter(xs, y, color);
                dots.LineWidth = 0;
                dots.MarkerSize = 7;
                dots.MarkerShape = s.M switch { 2 => MarkerShape.FilledCircle, 3 => MarkerShape.FilledSquare, _ => MarkerShape.FilledTriangleUp };
                dots.LegendText = s.Label + " (Monte Carlo)";
            }
        }
        LogY(plt);
        plt.Title(title);
        plt.XLabel("layer l");
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plt.YLabel("G_2m / (G_2)^m");
        plt.ShowLegend(Alignment.UpperLeft);
        PlotFile.Save(plt, path, width, height);
    }

    /// <summary>
    /// The curves of the non-commuting limits (3.48)–(3.51) for G_{2m}/G_2^m at the output layer L against r = L/n,
    /// from the engine's derived recursion G_{2m}^{(ℓ+1)} = c_{2m}(n_ℓ) C_W^m G_{2m}^{(ℓ)} (3.45): the ratio is
    /// c_{2m}(n)^{L−1} with c_{2m} the derived width factor (<see cref="DeepLinear.C2m"/>), evaluated, not the closed
    /// form (3.46). At fixed depth L and growing width (r → 0) the ratio → 1 (Gaussian, 3.49); at fixed width and
    /// growing depth it grows like c_{2m}(n)^{L−1} (3.50); the double-scaling curve (3.55) is e^{a r} with a the 1/n
    /// coefficient of the derived c_{2m} (L ln c_{2m}(n) → r · a as n → ∞ at fixed r). The closed forms
    /// (<see cref="CombinatorialFactor"/>, e^{m(m−1) r}) are the tests' comparison.
    /// </summary>
    public static LimitsData Limits(int m, IReadOnlyList<int> fixedWidths, IReadOnlyList<int> fixedDepths, double maxR = 2)
    {
        if (m < 2) throw new ArgumentException("The limits plot needs 2m ≥ 4.");
        var c = DeepLinear.C2m(m, Symbol.N);
        var excess = CompiledPolynomial.Compile(c - Polynomial.One, [Symbol.N]);
        double LogC(double n) => CombinatorialFactor.LogOnePlus(excess.Evaluate([n]));
        Rational rate = c.CoefficientsIn(Symbol.N).TryGetValue(-1, out var a1) && a1.TryGetConstant(out var a) ? a : Rational.Zero;
        var curves = new List<LimitsCurve>();
        foreach (int n in fixedWidths)
        {
            int maxL = Math.Max(2, (int)Math.Ceiling(maxR * n));
            double logC = LogC(n);
            curves.Add(new LimitsCurve($"fixed width n = {n}, depth L → ∞ (3.50)", FixedWidth: true,
                [.. Enumerable.Range(1, maxL).Select(L => (double)L / n)],
                [.. Enumerable.Range(1, maxL).Select(L => (L - 1) * logC / Math.Log(10))]));
        }
        foreach (int L in fixedDepths)
        {
            var ns = Enumerable.Range(1, 4000).Select(k => Math.Max(1, (int)Math.Round(L / (maxR * k / 4000.0)))).Distinct().OrderByDescending(n => n).ToArray();
            curves.Add(new LimitsCurve($"fixed depth L = {L}, width n → ∞ (3.48–3.49)", FixedWidth: false,
                [.. ns.Select(n => (double)L / n)],
                [.. ns.Select(n => (L - 1) * LogC(n) / Math.Log(10))]));
        }
        double[] rr = [.. Enumerable.Range(0, 201).Select(i => maxR * i / 200)];
        var scaling = new LimitsCurve($"double scaling e^({rate} r) (3.55)", FixedWidth: false, rr, [.. rr.Select(x => rate.ToDouble() * x / Math.Log(10))]);
        return new LimitsData(m, curves, scaling, rate);
    }

    /// <summary>Writes the limits plot (<see cref="Limits"/>) to <paramref name="path"/> (PNG).</summary>
    public static void SaveLimitsPlot(string path, int m, IReadOnlyList<int> fixedWidths, IReadOnlyList<int> fixedDepths, double maxR = 2, int width = 1100, int height = 750)
    {
        var data = Limits(m, fixedWidths, fixedDepths, maxR);
        var plt = new Plot();
        int color = 0;
        foreach (var curve in data.Curves)
        {
            var s = plt.Add.ScatterLine(curve.R, curve.Log10Ratio, Palette[color++ % Palette.Length]);
            s.LineWidth = 2;
            if (!curve.FixedWidth) s.LinePattern = LinePattern.Dotted;
            s.LegendText = curve.Label;
        }
        var ds = plt.Add.ScatterLine(data.DoubleScaling.R, data.DoubleScaling.Log10Ratio, Colors.Black);
        ds.LineWidth = 3;
        ds.LinePattern = LinePattern.Dashed;
        ds.LegendText = data.DoubleScaling.Label;
        LogY(plt);
        plt.Title($"G{2 * m}/G2^{m} at the output (derived c_{2 * m}): the limits n → ∞ and L → ∞ do not commute (3.51)");
        plt.XLabel("r = L / n");
        plt.YLabel($"G_{2 * m} / (G_2)^{m}");
        plt.ShowLegend(Alignment.UpperLeft);
        PlotFile.Save(plt, path, width, height);
    }

    private static (double[] Y, double[] Up, double[] Down) LogErrors(double[] v, double[] e)
    {
        var y = new double[v.Length];
        var up = new double[v.Length];
        var down = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            y[i] = v[i] > 0 ? Math.Log10(v[i]) : double.NaN;
            up[i] = Math.Log10(v[i] + e[i]) - y[i];
            down[i] = v[i] - e[i] > 0 ? y[i] - Math.Log10(v[i] - e[i]) : 1; // error reaching zero: one decade down
        }
        return (y, up, down);
    }

    private static void LogY(Plot plt)
    {
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        };
        plt.Axes.Left.TickGenerator = ticks;
        plt.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plt.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
    }
}
