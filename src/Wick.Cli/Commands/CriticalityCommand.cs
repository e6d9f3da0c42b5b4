using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick criticality</c>.</summary>
internal static class CriticalityCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("criticality", "criticality (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("criticality"));
        return cmd;
    }
}
