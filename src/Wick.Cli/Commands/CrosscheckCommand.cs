using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick crosscheck</c>.</summary>
internal static class CrosscheckCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("crosscheck", "crosscheck (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("crosscheck"));
        return cmd;
    }
}
