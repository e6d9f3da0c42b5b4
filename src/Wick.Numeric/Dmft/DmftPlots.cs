using ScottPlot;
using Wick.Numeric.Plotting;

namespace Wick.Numeric.Dmft;

/// <summary>
/// PNG plot of DMFT training curves for several γ0 (like the paper's Figures 1a, 2a): the relative loss |Δ(t)|²/|y|²
/// (solid, left axis) and the kernel–target alignment yᵀK(t)y/(|K|_F|y|²) (dashed, right axis) against time.
/// </summary>
public static class DmftPlots
{
    private static readonly Color[] Palette = [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Purple, Colors.Brown, Colors.DarkCyan];

    public static void SaveTrainingPlot(string path, IReadOnlyList<DmftTrajectory> trajectories, string title, int width = 1100, int height = 700)
    {
        var plt = new Plot();
        for (int i = 0; i < trajectories.Count; i++)
        {
            var tr = trajectories[i];
            var color = Palette[i % Palette.Length];
            double[] t = [.. tr.Points.Select(p => p.Time)];
            double y2 = tr.Problem.Targets.Sum(v => v * v);
            var loss = plt.Add.ScatterLine(t, tr.Points.Select(p => 2 * p.Loss / y2).ToArray(), color);
            loss.LineWidth = 2;
            loss.LegendText = $"γ0 = {tr.Problem.Gamma0}: loss |Δ|²/|y|²";
            var align = plt.Add.ScatterLine(t, tr.Points.Select(p => p.Alignment(tr.Problem.Targets)).ToArray(), color);
            align.LineWidth = 2;
            align.LinePattern = LinePattern.Dashed;
            align.LegendText = $"γ0 = {tr.Problem.Gamma0}: alignment A(K, yyᵀ)";
            align.Axes.YAxis = plt.Axes.Right;
        }
        plt.Title(title);
        plt.XLabel("training time t");
        plt.YLabel("relative loss |Δ(t)|² / |y|²");
        plt.Axes.Right.Label.Text = "kernel–target alignment";
        plt.ShowLegend(Alignment.UpperRight);
        PlotFile.Save(plt, path, width, height);
    }
}
