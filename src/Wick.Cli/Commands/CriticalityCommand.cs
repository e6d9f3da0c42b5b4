using System.CommandLine;
using Wick.Cli.Numeric;
using Wick.Engine;
using Wick.Numeric.Plotting;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick criticality --activation NAME</c>: critical (C_b, C_W), K*, universality class and reason, and for the
/// K* = 0 class the derived depth asymptotics with their numeric check (chapter 5). Thin: options in, engine report out.
/// </summary>
internal static class CriticalityCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var activation = new Option<string>("--activation") { Description = "σ: linear, relu, leaky_relu:A, abs, tanh, sin, erf, gelu, swish, sigmoid, softplus, or an expression in z such as \"z/(1+exp(-z))\".", Required = true };
        var depth = new Option<int>("--check-depth") { Description = "Layers to iterate for the numeric check of the K* = 0 asymptotics (0: no check; default 100000).", DefaultValueFactory = _ => 100_000 };
        var plot = new Option<bool>("--plot") { Description = "With --format html: the page shows the criticality figure (as wick plot --kind criticality) inline as SVG, with its data table." };
        var cmd = new Command("criticality", "Critical initialization (C_b, C_W), fixed points K*, universality class and depth asymptotics of an activation (chapter 5).") { activation, depth, plot, format };
        cmd.SetAction(r =>
        {
            bool withPlot = r.GetValue(plot);
            if (withPlot && Cli.Figures is null) throw new UsageException("--plot goes with --format html (for a file: wick plot --kind criticality --activation NAME --out F.png|F.svg).");
            var report = WickEngine.Criticality(new CriticalityRequest(r.GetValue(activation)!) { CheckDepth = r.GetValue(depth) });
            Cli.Write(report, r.GetValue(format));
            if (withPlot)
            {
                var data = CriticalityFigure.For(report, r.GetValue(depth) is > 0 and var l ? Math.Clamp(l, 16, 1_000_000) : 100_000);
                FiniteResults.Require("criticality --plot", data.Values());
                PlotCommand.Inline(path => CriticalityPlots.Save(path, data), $"wick plot --kind criticality --activation {report.Result.Activation.Name}");
                Console.Out.Write(CriticalityTable.Latex(data));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
