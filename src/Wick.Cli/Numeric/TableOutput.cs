using System.Globalization;
using Wick.Algebra.Syntax;

namespace Wick.Cli.Numeric;

/// <summary>A small table printed as aligned text or as a LaTeX array in display math.</summary>
internal sealed class TableOutput(IReadOnlyList<string> headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter w, OutputFormat format)
    {
        if (format == OutputFormat.Latex)
        {
            // Display math that KaTeX renders too (it has no tabular): an array with text headers, no trailing \\.
            w.WriteLine("\\[");
            w.WriteLine($"\\begin{{array}}{{{new string('r', headers.Count)}}}");
            w.WriteLine(string.Join(" & ", headers.Select(Header)) + (_rows.Count > 0 ? " \\\\ \\hline" : ""));
            if (_rows.Count > 0) w.WriteLine(string.Join(" \\\\" + Environment.NewLine, _rows.Select(r => string.Join(" & ", r.Select(Cell)))));
            w.WriteLine("\\end{array}");
            w.WriteLine("\\]");
            return;
        }
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        w.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadLeft(widths[i]))).TrimEnd());
        foreach (var r in _rows) w.WriteLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))).TrimEnd());
    }

    /// <summary>Words as text (<c>\text{closed form}</c>); a formula such as G4/G2^2 as math (G_{4}/G_{2}^{2}).</summary>
    private static string Header(string h) =>
        !h.Contains(' ', StringComparison.Ordinal) && (h.Length == 1 || h.IndexOfAny(['^', '/', '_']) >= 0 || h.Any(char.IsAsciiDigit))
        && h.All(c => char.IsAsciiLetterOrDigit(c) || c is '^' or '/' or '_' or '(' or ')' or '{' or '}')
            ? System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(h, @"([A-Za-z])(\d+)", "$1_{$2}"), @"\^(\d+)", "^{$1}")
            : $"\\text{{{LatexDisplay.EscapeText(h)}}}";

    /// <summary>A number (or value ± error, or LaTeX the command made) in math; anything else as text.</summary>
    private static string Cell(string cell) =>
        cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell[0] == '\\' || cell.Length > 1 && cell[0] == '-' && (char.IsAsciiDigit(cell[1]) || cell[1] == '\\'))
            ? cell.Replace("±", "\\pm", StringComparison.Ordinal)
            : $"\\text{{{LatexDisplay.EscapeText(cell)}}}";

    /// <summary>A heading line: plain in text, a <c>%</c> comment in LaTeX.</summary>
    public static void Heading(TextWriter w, OutputFormat format, string text) => w.WriteLine(format == OutputFormat.Latex ? "% " + text : text);

    /// <summary>Shortest round-trip spelling of a double (invariant culture).</summary>
    public static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Compact spelling with <paramref name="digits"/> significant digits.</summary>
    public static string Short(double x, int digits = 8) => x.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>value ± error with the error's two leading digits.</summary>
    public static string PlusMinus(double value, double err) =>
        double.IsFinite(err) && err > 0
            ? $"{Short(value, Math.Clamp((int)Math.Ceiling(Math.Log10(Math.Abs(value) / err + 1)) + 2, 2, 12))} ± {Short(err, 2)}"
            : Short(value);
}
