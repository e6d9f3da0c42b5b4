using System.CommandLine;
using Wick.Engine;

namespace Wick.Cli.Commands;

/// <summary><c>wick check IDENTITY</c>: exit 0 if it holds (exactly, or to the stated O(1/n^k)), 1 with lhs − rhs if not.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var identity = new Argument<string>("IDENTITY") { Description = "An identity lhs = rhs [+ O(1/n^k)], e.g. \"G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)\"." };
        var options = new EngineOptions();
        var cmd = new Command("check", "Check an identity through the derived recursions and correlators (exit 0 holds, 1 does not, 2 cannot decide).") { identity, format };
        options.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var report = WickEngine.Check(options.Apply(r, new CheckRequest(r.GetValue(identity)!)));
            var f = r.GetValue(format);
            if (f == OutputFormat.Latex && report.Result.Note is { } note) Console.Error.WriteLine(note);
            Cli.Write(report, f);
            return report.Holds ? ExitCodes.Ok : ExitCodes.No;
        });
        return cmd;
    }
}
