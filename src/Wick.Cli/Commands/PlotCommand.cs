using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick plot</c>.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("plot", "plot (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("plot"));
        return cmd;
    }
}
