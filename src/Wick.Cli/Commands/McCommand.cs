using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick mc</c>.</summary>
internal static class McCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("mc", "mc (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("mc"));
        return cmd;
    }
}
