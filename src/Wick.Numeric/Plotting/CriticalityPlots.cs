using ScottPlot;

namespace Wick.Numeric.Plotting;

/// <summary>One plotted curve: x and y values with the legend text.</summary>
public sealed record PlotSeries(string Label, double[] X, double[] Y);

/// <summary>A marked point of a panel (a fixed point, a critical point).</summary>
public sealed record PlotMarker(string Label, double X, double Y);

/// <summary>
/// One observable against depth: the values of the iterated recursions at the sampled layers and, where the engine
/// derived one, its asymptotic law at the same layers (<see cref="Law"/> says which; for a power law
/// Y ≈ <see cref="Coefficient"/> · ℓ^<see cref="Power"/> both are given). Values may be negative (the plot takes
/// |Y| and says so in the label).
/// </summary>
public sealed record DepthCurve(string Label, double[] Layers, double[] Iterated, double[]? Asymptotic, string? Law, double? Coefficient = null, double? Power = null)
{
    /// <summary>A curve with the power law c ℓ^p evaluated at its layers.</summary>
    public static DepthCurve PowerLaw(string label, double[] layers, double[] iterated, double c, double p, string law) =>
        new(label, layers, iterated, [.. layers.Select(l => c * Math.Pow(l, p))], law, c, p);
}

/// <summary>
/// The data of <c>wick plot --kind criticality</c>, four panels: (1) the fixed-point map K ↦ C_b + C_W⟨σσ⟩_K (5.108)
/// with the diagonal and its fixed points; (2) χ_∥ and χ_⊥ against K (5.50)–(5.51); (3) the χ_⊥ = 1 curve
/// (C_b, C_W)(K*) of (5.71)–(5.72) in the (C_b, C_W) plane with the critical point(s) where also χ_∥ = 1 (5.73);
/// (4) observables against depth from the iterated recursions beside their derived asymptotic laws.
/// </summary>
public sealed record CriticalityPlotData(
    string Activation,
    string Title,
    double Cb,
    double CW,
    PlotSeries Map,
    IReadOnlyList<PlotMarker> FixedPoints,
    PlotSeries ChiParallel,
    PlotSeries ChiPerp,
    PlotSeries CriticalLine,
    IReadOnlyList<PlotMarker> CriticalPoints,
    IReadOnlyList<DepthCurve> Depth,
    string DepthTitle)
{
    /// <summary>Every plotted number (for the finiteness check before drawing): name, index, value.</summary>
    public IEnumerable<(string Name, int Index, double Value)> Values()
    {
        foreach (var s in new[] { Map, ChiParallel, ChiPerp, CriticalLine })
            for (int i = 0; i < s.X.Length; i++) { yield return (s.Label + " (x)", i, s.X[i]); yield return (s.Label, i, s.Y[i]); }
        foreach (var m in FixedPoints.Concat(CriticalPoints)) { yield return (m.Label + " (x)", 0, m.X); yield return (m.Label, 0, m.Y); }
        foreach (var d in Depth)
            for (int i = 0; i < d.Layers.Length; i++)
            {
                yield return (d.Label, (int)d.Layers[i], d.Iterated[i]);
                if (d.Asymptotic is { } a) yield return (d.Label + " (asymptotic)", (int)d.Layers[i], a[i]);
            }
    }
}

/// <summary>The criticality figure (ScottPlot 5): four panels in a 2 × 2 grid, saved as PNG or SVG (<see cref="PlotFile.SavePanels"/>).</summary>
public static class CriticalityPlots
{
    private static readonly Color[] Palette = [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Purple, Colors.Brown, Colors.DarkCyan];

    /// <summary>Writes the figure of <paramref name="d"/> to <paramref name="path"/> (.png or .svg).</summary>
    public static void Save(string path, CriticalityPlotData d, int width = 1400, int height = 1000)
    {
        ArgumentNullException.ThrowIfNull(d);
        // SVG canvases have no dash effects (Skia drops them with a warning): solid lines there, told apart by colour and weight.
        bool svg = Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase);
        PlotFile.SavePanels([MapPanel(d, svg), ChiPanel(d, svg), LinePanel(d, svg), DepthPanel(d, svg)], 2, path, width, height);
    }

    private static Plot MapPanel(CriticalityPlotData d, bool svg)
    {
        var plt = new Plot();
        Line(plt, d.Map, Colors.Blue, LinePattern.Solid);
        Line(plt, new PlotSeries("K (diagonal)", d.Map.X, d.Map.X), Colors.Gray, Pattern(LinePattern.Dashed, svg));
        var gap = new PlotSeries("map - K (right axis)", d.Map.X, [.. d.Map.X.Select((k, i) => d.Map.Y[i] - k)]);
        var right = Line(plt, gap, Colors.OrangeRed, Pattern(LinePattern.Dotted, svg));
        right.Axes.YAxis = plt.Axes.Right;
        plt.Axes.Right.Label.Text = "C_b + C_W g(K) - K";
        FixedPointMarkers(plt, d.FixedPoints);
        plt.Title($"fixed-point map (5.108) at (C_b, C_W) = ({d.Cb:G6}, {d.CW:G6})");
        plt.XLabel("K");
        plt.YLabel("C_b + C_W <sigma sigma>_K");
        plt.ShowLegend(Alignment.UpperLeft);
        return plt;
    }

    private static Plot ChiPanel(CriticalityPlotData d, bool svg)
    {
        var plt = new Plot();
        Line(plt, d.ChiParallel, Colors.Blue, LinePattern.Solid);
        Line(plt, d.ChiPerp, Colors.OrangeRed, Pattern(LinePattern.Dashed, svg));
        var one = plt.Add.HorizontalLine(1, 1, Colors.Gray, Pattern(LinePattern.Dotted, svg));
        one.LegendText = "chi = 1";
        FixedPointMarkers(plt, [.. d.FixedPoints.Select(p => p with { Y = 1 })]);
        plt.Title("susceptibilities (5.50)-(5.51) at the same (C_b, C_W)");
        plt.XLabel("K");
        plt.YLabel("chi");
        plt.ShowLegend(Alignment.UpperRight);
        return plt;
    }

    private static Plot LinePanel(CriticalityPlotData d, bool svg)
    {
        var plt = new Plot();
        if (d.CriticalLine.X.Length > 0)
        {
            var s = Line(plt, d.CriticalLine, Colors.Green, LinePattern.Solid);
            s.MarkerSize = d.CriticalLine.X.Length == 1 ? 8 : 0;
        }
        Markers(plt, d.CriticalPoints, Colors.Red, MarkerShape.FilledDiamond);
        var axis = plt.Add.VerticalLine(0, 1, Colors.Gray, Pattern(LinePattern.Dotted, svg));
        axis.LegendText = "C_b = 0 (C_b < 0 is unphysical)";
        plt.Title("chi_perp = 1 line (5.71)-(5.72); critical points (5.73)");
        plt.XLabel("C_b");
        plt.YLabel("C_W");
        plt.ShowLegend(Alignment.UpperRight);
        return plt;
    }

    private static Plot DepthPanel(CriticalityPlotData d, bool svg)
    {
        var plt = new Plot();
        var all = new List<double>();
        int c = 0;
        foreach (var curve in d.Depth)
        {
            var color = Palette[c++ % Palette.Length];
            bool negative = curve.Iterated.Where(double.IsFinite).DefaultIfEmpty(1).Average() < 0;
            string sign = negative ? "-" : "";
            var xs = curve.Layers.Select(Math.Log10).ToArray();
            var keep = Enumerable.Range(0, xs.Length).Where(i => curve.Iterated[i] != 0 && double.IsFinite(curve.Iterated[i])).ToArray();
            var line = plt.Add.ScatterLine(keep.Select(i => xs[i]).ToArray(), keep.Select(i => Math.Log10(Math.Abs(curve.Iterated[i]))).ToArray(), color);
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = sign + curve.Label + " (iterated recursions)";
            all.AddRange(keep.Select(i => Math.Abs(curve.Iterated[i])));
            if (curve.Asymptotic is { } a)
            {
                var k2 = Enumerable.Range(0, xs.Length).Where(i => a[i] != 0 && double.IsFinite(a[i])).ToArray();
                var law = plt.Add.ScatterLine(k2.Select(i => xs[i]).ToArray(), k2.Select(i => Math.Log10(Math.Abs(a[i]))).ToArray(), color);
                law.LineWidth = 4;
                law.Color = color.WithOpacity(0.45);
                law.LinePattern = Pattern(LinePattern.Dashed, svg);
                law.MarkerSize = 0;
                law.LegendText = $"{sign}{curve.Label}: {curve.Law}";
                all.AddRange(k2.Select(i => Math.Abs(a[i])));
            }
        }
        if (all.Count > 0)
        {
            plt.Axes.Left.TickGenerator = LogTicks.For(all);
            var (lo, hi) = LogTicks.Range(all);
            plt.Axes.SetLimitsY(lo, hi);
        }
        var layers = d.Depth.SelectMany(x => x.Layers).DefaultIfEmpty(1).ToArray();
        plt.Axes.Bottom.TickGenerator = LogTicks.For(layers);
        plt.Title(d.DepthTitle);
        plt.XLabel("layer l (log scale)");
        plt.YLabel("value (log scale)");
        plt.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plt.ShowLegend(Alignment.LowerLeft);
        return plt;
    }

    private static LinePattern Pattern(LinePattern pattern, bool svg) => svg ? LinePattern.Solid : pattern;

    private static ScottPlot.Plottables.Scatter Line(Plot plt, PlotSeries s, Color color, LinePattern pattern)
    {
        var line = plt.Add.ScatterLine(s.X, s.Y, color);
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
        line.LegendText = s.Label;
        return line;
    }

    /// <summary>The first fixed point (K*) black, the trivial ones grey.</summary>
    private static void FixedPointMarkers(Plot plt, IReadOnlyList<PlotMarker> points)
    {
        Markers(plt, points.Take(1).ToList(), Colors.Black, MarkerShape.FilledCircle);
        Markers(plt, points.Skip(1).ToList(), Colors.Gray, MarkerShape.FilledSquare);
    }

    private static void Markers(Plot plt, IReadOnlyList<PlotMarker> markers, Color color, MarkerShape shape)
    {
        foreach (var m in markers)
        {
            var p = plt.Add.Marker(m.X, m.Y, shape, 11, color);
            p.LegendText = m.Label;
        }
    }
}
