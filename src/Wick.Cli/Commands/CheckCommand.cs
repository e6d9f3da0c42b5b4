using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick check</c>.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("check", "check (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("check"));
        return cmd;
    }
}
