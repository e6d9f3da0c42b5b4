using System.CommandLine;
using System.Text.Json.Nodes;
using Wick.Algebra.Syntax;
using Wick.Parser;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick parse [--format text|latex|json] EXPR</c>: shows how Wick read an expression or identity — the
/// canonical ASCII text, the LaTeX, or the syntax tree as JSON. Bad input: the located diagnostic on stderr, exit 2.
/// </summary>
internal static class ParseCommand
{
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var format = Cli.FormatOption();
        var expr = new Argument<string>("EXPR")
        {
            Description = "An expression or identity, ASCII or LaTeX, e.g. \"E[z^(l)_{i1} z^(l)_{i2}]\" (see docs/CLI.md).",
        };
        var cmd = new Command("parse", "Parse an expression or identity and print how Wick read it (text, LaTeX or the tree as JSON).")
        {
            format, expr,
        };
        cmd.SetAction(parseResult => Run(parseResult.GetValue(expr) ?? "", parseResult.GetValue(format)));
        return cmd;
    }

    private static int Run(string input, OutputFormat format)
    {
        Algebra.Syntax.Expr e;
        try
        {
            e = WickParser.Parse(input);
        }
        catch (ParseException error)
        {
            Console.Error.WriteLine(error.Diagnostic.Render());
            return ExitCodes.BadInput;
        }
        switch (format)
        {
            case OutputFormat.Latex:
                Console.Out.WriteLine(LatexPrinter.Print(e));
                break;
            case OutputFormat.Json:
                // Relaxed escaping keeps '+', '<' and backslashes of the spellings readable ("l+1", not "l\u002B1").
                Console.Out.WriteLine(new JsonObject
                {
                    ["input"] = input,
                    ["text"] = TextPrinter.Print(e),
                    ["latex"] = LatexPrinter.Print(e),
                    ["tree"] = SyntaxJson.ToJson(e),
                }.ToJsonString(JsonOptions));
                break;
            default:
                Console.Out.WriteLine(TextPrinter.Print(e));
                break;
        }
        return ExitCodes.Ok;
    }
}
