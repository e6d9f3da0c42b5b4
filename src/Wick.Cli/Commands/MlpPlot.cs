using Wick.Cli.Numeric;
using Wick.Numeric.Activations;
using Wick.Numeric.Networks;
using Wick.Numeric.Plotting;

namespace Wick.Cli.Commands;

/// <summary><c>wick plot --model mlp --activation NAME</c>: K and V/(nK²) against depth, theory (LO, NLO) and Monte Carlo (<see cref="MlpPlots"/>).</summary>
internal static class MlpPlot
{
    public static void Save(IReadOnlyList<string> paths, DeepLinearNetwork network, Activation sigma, NetworkInputs input, long samples, ulong seed)
    {
        MlpDepthData data;
        try { data = MlpPlots.DepthData(network, sigma, input, samples, seed); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        catch (OverflowException e) { throw new UsageException($"plot: {e.Message}"); }
        FiniteResults.Require("plot", data.Layers.SelectMany((layer, i) => new[]
        {
            ("K", (int)layer, data.KLeading[i]), ("K + G1/n", (int)layer, data.KNlo[i]), ("V/(nK^2)", (int)layer, data.VRatio[i]),
            ("E[zz] (Monte Carlo)", (int)layer, data.G2?[i] ?? 0), ("G4/G2^2 - 1 (Monte Carlo)", (int)layer, data.VRatioMc?[i] ?? 0),
        }));
        foreach (var path in paths)
            MlpPlots.SaveDepthPlot(path, data,
                $"mlp, sigma = {sigma.Name}, widths {network.Widths}, C_W = {network.CW}, C_b = {network.Cb}: lines = derived recursions, points = {samples} networks");
    }
}
