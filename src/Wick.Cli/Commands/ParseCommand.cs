using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick parse</c>.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("parse", "parse (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("parse"));
        return cmd;
    }
}
