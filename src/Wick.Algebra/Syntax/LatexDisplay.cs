using System.Text;

namespace Wick.Algebra.Syntax;

/// <summary>
/// Display math that pastes into a paper (issue 14): an <c>align</c> block per equation, each starting with its
/// left-hand side, continuation rows (<c>&amp;= …</c>) unnumbered so that each equation is numbered once (on its
/// last row, or with its own <c>\tag</c>), a right-hand side wider than a text line broken at a sum's <c>+</c>/<c>−</c>
/// onto <c>&amp;\quad</c> rows, and no <c>\\</c> after the last row (which would print an empty numbered line).
/// Uses only amsmath; KaTeX renders it as well.
/// </summary>
public sealed class LatexDisplay
{
    /// <summary>Estimated width (in characters of a 10 pt math line) above which a right-hand side is broken.</summary>
    public const int LineWidth = 58;

    private sealed record Row(string? Lhs, string Rhs, string? Note, string? Tag);

    private readonly List<Row> _rows = [];

    /// <summary>True when no row was added.</summary>
    public bool IsEmpty => _rows.Count == 0;

    /// <summary>A new equation <c>lhs = rhs</c>; <paramref name="note"/> is printed as text beside it, <paramref name="tag"/> replaces its number.</summary>
    public LatexDisplay Equation(string lhs, string rhs, string? note = null, string? tag = null)
    {
        _rows.Add(new Row(lhs, rhs, note, tag));
        return this;
    }

    /// <summary>An identity of the syntax tree: its sides (and remainder) through <see cref="LatexPrinter"/>, its tag kept.</summary>
    public LatexDisplay Equation(Identity identity, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        string rhs = LatexPrinter.Print(identity.Rhs) + (identity.Remainder is { } r ? " + " + LatexPrinter.Print(r) : "");
        return Equation(LatexPrinter.Print(identity.Lhs), rhs, note, identity.Tag);
    }

    /// <summary>A further step of the previous equation: <c>= rhs</c> aligned under its equals sign.</summary>
    public LatexDisplay Continue(string rhs, string? note = null)
    {
        if (_rows.Count == 0) throw new InvalidOperationException("A continuation row needs an equation before it.");
        _rows.Add(new Row(null, rhs, note, null));
        return this;
    }

    /// <summary>
    /// One <c>align</c> block per equation (so that a long left-hand side does not push every other equation right);
    /// empty when there are no rows.
    /// </summary>
    public override string ToString()
    {
        var blocks = new StringBuilder();
        for (int start = 0; start < _rows.Count;)
        {
            int end = start + 1;
            while (end < _rows.Count && _rows[end].Lhs is null) end++;
            blocks.Append(Block(_rows.GetRange(start, end - start)));
            start = end;
        }
        return blocks.ToString();
    }

    /// <summary>
    /// An equation's rows. A left-hand side wider than a third of the line stands alone on the first row and the steps
    /// follow on indented rows (everything in the left-aligned column); otherwise the steps align at "=". Each row
    /// is broken to fit beside the left-hand side and the note; only the last row is numbered (or tagged).
    /// </summary>
    private static string Block(List<Row> rows)
    {
        string lhs = rows[0].Lhs ?? "";
        double noteWidth = rows.Max(r => r.Note is null ? 0 : r.Note.Length + 4);
        bool alone = Width(lhs) > LineWidth / 3.0;
        int available = (int)Math.Max(LineWidth / 3.0, LineWidth - noteWidth - (alone ? 4 : Width(lhs) + 2));
        var lines = new List<string>();
        if (alone) lines.Add($"  &{lhs}");
        foreach (var row in rows)
        {
            var pieces = Break(row.Rhs, available);
            for (int p = 0; p < pieces.Count; p++)
            {
                var sb = new StringBuilder("  ");
                if (alone) sb.Append(p == 0 ? "&\\qquad = " : "&\\qquad\\quad ");
                else if (p == 0) sb.Append(row.Lhs is null ? "" : row.Lhs + " ").Append("&= ");
                else sb.Append("&\\quad ");
                sb.Append(pieces[p]);
                if (p == pieces.Count - 1 && row.Note is { } note) sb.Append(" && \\text{").Append(EscapeText(note)).Append('}');
                lines.Add(sb.ToString());
            }
        }
        for (int k = 0; k < lines.Count - 1; k++) lines[k] += " \\nonumber";
        if (rows[0].Tag is { } tag) lines[^1] += " \\tag{" + tag + "}";
        return "\\begin{align}" + Environment.NewLine + string.Join(" \\\\" + Environment.NewLine, lines) + Environment.NewLine + "\\end{align}" + Environment.NewLine;
    }

    /// <summary>The math spelling of a non-ASCII character wick prints in prose (σ, γ, ±, →, …), or null.</summary>
    private static string? MathOf(char c) => c switch
    {
        'α' => "\\alpha", 'β' => "\\beta", 'γ' => "\\gamma", 'δ' => "\\delta", 'ε' => "\\varepsilon", 'η' => "\\eta",
        'θ' => "\\theta", 'κ' => "\\kappa", 'λ' => "\\lambda", 'μ' => "\\mu", 'ν' => "\\nu", 'π' => "\\pi", 'ρ' => "\\rho",
        'σ' => "\\sigma", 'τ' => "\\tau", 'φ' => "\\phi", 'χ' => "\\chi", 'ψ' => "\\psi", 'ω' => "\\omega", 'ℓ' => "\\ell",
        'Γ' => "\\Gamma", 'Δ' => "\\Delta", 'Σ' => "\\Sigma", 'Π' => "\\Pi", 'Ω' => "\\Omega", 'Θ' => "\\Theta",
        '±' => "\\pm", '→' => "\\to", '←' => "\\leftarrow", '≤' => "\\leq", '≥' => "\\geq", '≠' => "\\neq", '≈' => "\\approx",
        '×' => "\\times", '·' => "\\cdot", '…' => "\\ldots", '⋯' => "\\cdots", '−' => "-", '∞' => "\\infty", '√' => "\\surd",
        '²' => "^{2}", '³' => "^{3}", '′' => "'", '⟨' => "\\langle", '⟩' => "\\rangle", '∑' => "\\sum", '∏' => "\\prod",
        '∈' => "\\in", '∂' => "\\partial", '∝' => "\\propto", '≡' => "\\equiv", '₀' => "_{0}", '₁' => "_{1}", '₂' => "_{2}",
        _ => null,
    };

    /// <summary>
    /// Text for <c>\text{…}</c> or a paragraph: the characters that LaTeX treats specially are escaped, and the non-ASCII
    /// ones wick uses become inline math (<c>$\sigma$</c>), which pdflatex and KaTeX both read inside <c>\text</c>.
    /// </summary>
    public static string EscapeText(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': sb.Append("\\textbackslash{}"); break;
                case '{' or '}' or '_' or '%' or '&' or '#' or '$': sb.Append('\\').Append(c); break;
                case '^': sb.Append("\\^{}"); break;
                case '~': sb.Append("\\~{}"); break;
                case > '\u007f' when MathOf(c) is { } math: sb.Append('$').Append(math).Append('$'); break;
                case > '\u007f': sb.Append('?'); break;   // pdflatex without extra packages knows no other non-ASCII character
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Splits a LaTeX sum wider than <paramref name="width"/> into rows, each row starting with its sign. The split is
    /// made at the outermost level that has a sum: when that level is inside <c>\left( … \right)</c>, those
    /// delimiters become <c>\bigl( … \bigr)</c>, which (unlike \left/\right) may stand on different rows.
    /// </summary>
    public static IReadOnlyList<string> Break(string latex, int width)
    {
        ArgumentNullException.ThrowIfNull(latex);
        if (Width(latex) <= width) return [latex];
        var tokens = Scan(latex);
        // The shallowest \left-depth that has a sign between terms (braces never split).
        int? depth = tokens.Where(t => t.IsSign).Select(t => (int?)t.Depth).Min();
        if (depth is not int d) return [latex];
        var cuts = tokens.Where(t => t.IsSign && t.Depth == d).Select(t => t.Position).ToList();
        // Delimiter pairs around a cut become \bigl…\bigr (same-length \left → \bigl; \right → \bigr is one shorter).
        var convert = new List<Token>();
        var open = new Stack<Token>();
        foreach (var t in tokens.Where(t => t.IsDelimiter))
        {
            if (t.IsOpening) { open.Push(t); continue; }
            if (open.Count == 0) continue;
            var o = open.Pop();
            if (cuts.Any(c => c > o.Position && c < t.Position)) { convert.Add(o); convert.Add(t); }
        }
        var s = new StringBuilder(latex);
        foreach (var t in convert.OrderByDescending(t => t.Position))
            s.Remove(t.Position, t.Length).Insert(t.Position, t.IsOpening ? "\\bigl" : "\\bigr");
        string text = s.ToString();
        cuts = cuts.Select(c => c - convert.Count(t => !t.IsOpening && t.Position < c)).ToList();
        var rows = new List<string>();
        int start = 0, rowStart = 0;
        foreach (int cut in cuts.Append(text.Length))
        {
            // Close the current row at the last cut that still fits.
            if (Width(text[rowStart..cut]) > width && start > rowStart)
            {
                rows.Add(text[rowStart..start].Trim());
                rowStart = start;
            }
            start = cut;
        }
        rows.Add(text[rowStart..].Trim());
        // A row still too wide is broken inside its own parentheses (one level deeper).
        return rows.Count == 1 && rows[0] == latex ? rows : rows.SelectMany(r => Break(r, width)).ToList();
    }

    private readonly record struct Token(int Position, int Length, int Depth, bool IsSign, bool IsDelimiter, bool IsOpening);

    /// <summary>Binary signs (" + ", " - ") and \left/\right with the \left-depth at which they stand; braces block splits.</summary>
    private static List<Token> Scan(string latex)
    {
        var tokens = new List<Token>();
        int depth = 0, braces = 0;
        for (int i = 0; i < latex.Length; i++)
        {
            char c = latex[i];
            if (c == '{') braces++;
            else if (c == '}') braces--;
            else if (c == '\\' && string.CompareOrdinal(latex, i, "\\left", 0, 5) == 0 && !IsLetterAt(latex, i + 5))
            {
                if (braces == 0) tokens.Add(new Token(i, 5, depth, false, true, true));
                depth++;
                i += 4;
            }
            else if (c == '\\' && string.CompareOrdinal(latex, i, "\\right", 0, 6) == 0 && !IsLetterAt(latex, i + 6))
            {
                depth--;
                if (braces == 0) tokens.Add(new Token(i, 6, depth, false, true, false));
                i += 5;
            }
            else if (braces == 0 && (c == '+' || c == '-') && i > 0 && latex[i - 1] == ' ' && i + 1 < latex.Length && latex[i + 1] == ' ')
                tokens.Add(new Token(i - 1, 0, depth, true, false, false));
        }
        return tokens;
    }

    private static bool IsLetterAt(string s, int i) => i < s.Length && char.IsAsciiLetter(s[i]);

    /// <summary>
    /// A rough width in characters: commands such as \alpha count one, \left, \right, \frac, braces and script markers
    /// nothing, scripts two thirds; a fraction counts its wider part only approximately (numerator plus denominator),
    /// which errs towards breaking.
    /// </summary>
    public static double Width(string latex)
    {
        ArgumentNullException.ThrowIfNull(latex);
        double w = 0;
        int scriptDepth = 0;
        var scriptBraces = new Stack<int>();
        int braces = 0;
        for (int i = 0; i < latex.Length; i++)
        {
            char c = latex[i];
            switch (c)
            {
                case '\\':
                    int j = i + 1;
                    while (j < latex.Length && char.IsAsciiLetter(latex[j])) j++;
                    string name = latex[(i + 1)..j];
                    if (name is not ("left" or "right" or "frac" or "mathbb" or "mathrm" or "text" or "bigl" or "bigr" or "Big" or "quad" or "nonumber"))
                        w += scriptDepth > 0 ? 0.67 : 1;
                    i = Math.Max(i, j - 1);
                    if (j == i + 1) i++; // \{ \} \, …
                    break;
                case '^' or '_':
                    if (i + 1 < latex.Length && latex[i + 1] == '{') { scriptBraces.Push(braces + 1); scriptDepth++; }
                    break;
                case '{': braces++; break;
                case '}':
                    if (scriptBraces.Count > 0 && scriptBraces.Peek() == braces) { scriptBraces.Pop(); scriptDepth--; }
                    braces--;
                    break;
                case ' ': break;
                case '+' or '-' or '=': w += 1.5; break;
                default: w += scriptDepth > 0 ? 0.67 : 1; break;
            }
        }
        return w;
    }
}
