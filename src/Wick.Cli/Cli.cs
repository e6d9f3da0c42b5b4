using System.CommandLine;
using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Engine;
using Wick.Parser;

namespace Wick.Cli;

/// <summary>Exit codes of the wick command (SPEC.md, "The wick command").</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Computed, and the answer is no: an identity that does not hold, a cross-check that disagrees.</summary>
    public const int No = 1;
    /// <summary>Bad input or usage, a refused blow-up, or "cannot decide".</summary>
    public const int BadInput = 2;
    /// <summary>An internal error: an invariant of the engine failed (a bug, to be reported).</summary>
    public const int InternalError = 3;
}

/// <summary>Output spellings every command offers through <c>--format</c>.</summary>
public enum OutputFormat { Text, Latex, Json }

/// <summary>Thrown by a command for bad input; reported on stderr with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Conventions shared by all sub-commands.</summary>
public static class Cli
{
    /// <summary>The <c>--format text|latex|json</c> option; each command adds its own instance.</summary>
    public static Option<OutputFormat> FormatOption()
    {
        var o = new Option<OutputFormat>("--format", "-f")
        {
            Description = "Output spelling: text, latex (display math; with --standalone a complete document), json (one JSON object on stdout) or html (a self-contained page, the LaTeX rendered by KaTeX); see docs/CLI.md.",
            DefaultValueFactory = _ => OutputFormat.Text,
            HelpName = "text|latex|json|html",
            CustomParser = r =>
            {
                string v = r.Tokens.Count == 0 ? "text" : r.Tokens[0].Value;
                switch (v.ToLowerInvariant())
                {
                    case "text": return OutputFormat.Text;
                    case "latex": return OutputFormat.Latex;
                    case "json": return OutputFormat.Json;
                    case "html": return OutputFormat.Latex; // the command spells LaTeX; Run wraps it in the page
                    default:
                        r.AddError($"--format: expected text, latex, json or html, got '{v}'.");
                        return OutputFormat.Text;
                }
            },
        };
        o.CompletionSources.Add("text", "latex", "json", "html");
        return o;
    }

    /// <summary>
    /// Parses and invokes; usage errors exit with 2 (System.CommandLine's default would be 1, which our
    /// contract reserves for "computed, and the answer is no"). Unexpected exceptions never print a stack trace.
    /// </summary>
    public static int Run(Command root, string[] args)
    {
        var standalone = new Option<bool>("--standalone")
        {
            Description = "With --format latex: a complete LaTeX document (amsmath, amssymb) that compiles with pdflatex.",
            Recursive = true,
        };
        root.Options.Add(standalone);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"wick: {Friendly(e.Message)}");
            Console.Error.WriteLine("Try 'wick --help' or 'wick COMMAND --help'.");
            return ExitCodes.BadInput;
        }
        try
        {
            var document = DocumentOf(parsed, parsed.GetValue(standalone));
            if (document == Document.None) return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            return RunAsDocument(parsed, document, "wick " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));
        }
        catch (ParseException e)
        {
            Console.Error.WriteLine(e.Diagnostic.Render());
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (IsRefusal(e))
        {
            Console.Error.WriteLine($"wick: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"wick: internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine("This is a bug in wick, not in your input; please report it with the command line that triggered it.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>What wraps a command's LaTeX: nothing, a complete document (--standalone) or a KaTeX page (--format html).</summary>
    private enum Document { None, Standalone, Html }

    private static Document DocumentOf(ParseResult parsed, bool standalone)
    {
        // The --format of the command that runs (every command has its own instance); "html" parses as Latex.
        string? spelled = parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .FirstOrDefault(o => o.Option.Name == "--format")?.Tokens.FirstOrDefault()?.Value.ToLowerInvariant();
        if (spelled == "html")
        {
            if (standalone) throw new UsageException("--standalone goes with --format latex (an html page is always complete).");
            return Document.Html;
        }
        if (!standalone) return Document.None;
        if (spelled != "latex") throw new UsageException("--standalone goes with --format latex.");
        return Document.Standalone;
    }

    /// <summary>
    /// While an html page is being made, the figures its command drew (SVG, inlined in the page by
    /// <see cref="LatexDocument.Html"/>); null otherwise, so a command knows whether to draw for the page.
    /// </summary>
    public static List<LatexDocument.Figure>? Figures { get; private set; }

    /// <summary>Runs the command with its LaTeX output captured, then writes it as a document (on exit codes 0 and 1).</summary>
    private static int RunAsDocument(ParseResult parsed, Document document, string title)
    {
        var katex = document == Document.Html ? KatexAssets.Load() : null;   // refuse before computing
        var original = Console.Out;
        var buffer = new StringWriter();
        int code;
        Console.SetOut(buffer);
        Figures = katex is null ? null : [];
        try
        {
            code = parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            if (code is ExitCodes.Ok or ExitCodes.No)
                original.Write(katex is null ? LatexDocument.Standalone(buffer.ToString(), title) : LatexDocument.Html(buffer.ToString(), katex, title, Figures));
        }
        finally
        {
            Console.SetOut(original);
            Figures = null;
        }
        return code;
    }

    /// <summary>
    /// A refusal (exit 2): bad usage, input the engine cannot evaluate or decide (<see cref="EvaluationException"/>,
    /// <see cref="RequestException"/>, <see cref="CannotDecideException"/>), a blow-up refused up front
    /// (<see cref="RefusedException"/>: pairing budget, explicit tensor, several-input size, --exact time), unreadable files
    /// and numbers out of range. Everything else is an internal error (exit 3).
    /// </summary>
    internal static bool IsRefusal(Exception e) => e is UsageException or EvaluationException or RefusedException
        or FormatException or OverflowException or IOException or UnauthorizedAccessException;

    /// <summary>Prints a report of the engine in the requested spelling.</summary>
    public static void Write(Report report, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json: WriteJson(report.Json()); break;
            case OutputFormat.Latex: Console.Out.Write(report.Latex()); break;
            default: Console.Out.Write(report.Text()); break;
        }
    }

    /// <summary>"as expected type 'System.Nullable`1[System.Int32]'" reads "as an integer" (and so on).</summary>
    private static string Friendly(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '([^']*)'", m => m.Groups[1].Value switch
        {
            var t when t.Contains("UInt64") => "as a non-negative integer",
            var t when t.Contains("Int32") => "as an integer (at most 2147483647)",
            var t when t.Contains("Int64") => "as an integer (at most 9223372036854775807)",
            var t when t.Contains("Double") => "as a finite decimal number (e.g. 0.5 or 1e-3)",
            _ => m.Value,
        });

    /// <summary>Writes one JSON object on stdout (the contract of <c>--format json</c>).</summary>
    public static void WriteJson(object value) =>
        Console.Out.WriteLine(Report.Serialize(value));

    /// <summary>Stub for a command that is not built yet: says so and exits 2.</summary>
    internal static int NotYet(string name)
    {
        Console.Error.WriteLine($"wick {name}: not implemented yet.");
        return ExitCodes.BadInput;
    }
}
