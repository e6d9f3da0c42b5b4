using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick derive</c>.</summary>
internal static class DeriveCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("derive", "derive (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("derive"));
        return cmd;
    }
}
