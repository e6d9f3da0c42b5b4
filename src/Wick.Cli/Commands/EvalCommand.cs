using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick eval</c>.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var cmd = new Command("eval", "eval (not implemented yet).") { format };
        cmd.SetAction(_ => Cli.NotYet("eval"));
        return cmd;
    }
}
