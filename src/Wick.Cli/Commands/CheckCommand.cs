using System.CommandLine;
using Wick.Algebra.Checking;
using Wick.Algebra.Expansions;
using Wick.Cli.Engine;
using Wick.Parser;

namespace Wick.Cli.Commands;

/// <summary><c>wick check IDENTITY</c>: exit 0 if it holds (exactly, or to the stated O(1/n^k)), 1 with lhs − rhs if not.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var identity = new Argument<string>("IDENTITY") { Description = "An identity lhs = rhs [+ O(1/n^k)], e.g. \"G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)\"." };
        var options = new EngineOptions();
        var cmd = new Command("check", "Check an identity through the derived recursions and correlators (exit 0 holds, 1 does not).") { identity, format };
        options.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var (bias, settings) = options.Read(r);
            string text = r.GetValue(identity)!;
            if (!EngineOptions.TryParse(WickParser.ParseIdentity, text, out var parsed)) return ExitCodes.BadInput;
            var result = IdentityChecker.Check(parsed, bias, settings, options.IsMlp(r), options.ReadMlp(r));
            switch (r.GetValue(format))
            {
                case OutputFormat.Json:
                    Cli.WriteJson(new
                    {
                        identity = text,
                        holds = result.Holds,
                        order = result.Order,
                        remainder = result.Remainder?.ToString(),
                        solved = result.SolvedDifference is not null,
                        lhs = result.Lhs.ToString(),
                        rhs = result.Rhs.ToString(),
                        difference = result.DifferenceText,
                        differenceLatex = result.DifferenceLatex,
                        note = result.Note,
                        comparedAt = result.ComparedAt,
                    });
                    break;
                case OutputFormat.Latex when result.Note is { } note:
                    Console.Error.WriteLine(note);
                    Console.WriteLine(result.Difference.IsZero
                        ? $"{result.Lhs.ToLatex()} = {result.Rhs.ToLatex()} + O(1/n)"
                        : $"\\text{{lhs}} - \\text{{rhs}} = {result.DifferenceLatex}");
                    break;
                case OutputFormat.Latex:
                    Console.WriteLine(result.Holds ? $"{result.Lhs.ToLatex()} = {result.Rhs.ToLatex()}" : $"\\text{{lhs}} - \\text{{rhs}} = {result.DifferenceLatex}");
                    break;
                default:
                    Console.Write(Text(result));
                    break;
            }
            return result.Holds ? ExitCodes.Ok : ExitCodes.No;
        });
        return cmd;
    }

    internal static string Text(CheckResult result)
    {
        var w = new StringWriter();
        string upTo = result.Remainder is { } o ? $" up to {o}" : "";
        w.WriteLine($"lhs = {result.Lhs}");
        w.WriteLine($"rhs = {result.Rhs}");
        if (result.SolvedDifference is not null)
            w.WriteLine(result.Remainder is SeriesOrder
                ? "compared through the solved correlators in the double-scaling limit (r = L/n, all widths n)"
                : "compared through the solved correlators at symbolic depth (all widths equal)");
        if (result.ComparedAt is { } at) w.WriteLine(at);
        if (result.Note is { } note) w.WriteLine(note);
        else w.WriteLine(result.Holds ? $"holds{upTo}" : $"does not hold{upTo}: lhs - rhs = {result.DifferenceText}");
        return w.ToString();
    }
}
