using System.Text;
using System.Text.RegularExpressions;

namespace Wick.Algebra.Syntax;

/// <summary>
/// A table as display math that pastes into a paper and that KaTeX renders (it has no tabular): <c>\[ \begin{array}
/// … \end{array} \]</c>, words in headers and cells as <c>\text{…}</c>, a formula header such as G4/G2^2 as math
/// (<c>G_{4}/G_{2}^{2}</c>), numbers (and value ± error, or LaTeX a command made) as math; no <c>\\</c> after the last row.
/// </summary>
public static partial class LatexTable
{
    /// <summary>The table; every row has the headers' number of cells or fewer.</summary>
    public static string Array(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var body = rows.Select(r => string.Join(" & ", r.Select(Cell))).ToList();
        var w = new StringBuilder();
        w.Append("\\[").Append(Environment.NewLine);
        w.Append("\\begin{array}{").Append('r', headers.Count).Append('}').Append(Environment.NewLine);
        w.Append(string.Join(" & ", headers.Select(Header))).Append(body.Count > 0 ? " \\\\ \\hline" : "").Append(Environment.NewLine);
        if (body.Count > 0) w.Append(string.Join(" \\\\" + Environment.NewLine, body)).Append(Environment.NewLine);
        w.Append("\\end{array}").Append(Environment.NewLine).Append("\\]").Append(Environment.NewLine);
        return w.ToString();
    }

    /// <summary>Words as text (<c>\text{closed form}</c>); a formula such as G4/G2^2 as math (G_{4}/G_{2}^{2}).</summary>
    public static string Header(string h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return IsFormula(h) ? Formula(h) : $"\\text{{{LatexDisplay.EscapeText(h)}}}";
    }

    /// <summary>A name like G4, G4/G2^2, K_ab or n: one token of letters, digits and ^ / _ with a digit or script in it.</summary>
    private static bool IsFormula(string s) =>
        s.Length > 0 && char.IsAsciiLetter(s[0]) && (s.Length == 1 || s.IndexOfAny(['^', '/', '_']) >= 0 || s.Any(char.IsAsciiDigit))
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '^' or '/' or '_' or '(' or ')' or '{' or '}');

    private static string Formula(string s) => Exponent().Replace(Subscript().Replace(s, "$1_{$2}"), "^{$1}");

    /// <summary>A number (or value ± error, or LaTeX a command made) or a name like G4 in math; anything else as text.</summary>
    public static string Cell(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        bool math = cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell[0] == '\\'
            || cell.Length > 1 && cell[0] == '-' && (char.IsAsciiDigit(cell[1]) || cell[1] == '\\'));
        return math ? cell.Replace("±", "\\pm", StringComparison.Ordinal) : IsFormula(cell) ? Formula(cell) : $"\\text{{{LatexDisplay.EscapeText(cell)}}}";
    }

    [GeneratedRegex(@"([A-Za-z])(\d+)")]
    private static partial Regex Subscript();

    [GeneratedRegex(@"\^(\d+)")]
    private static partial Regex Exponent();
}
