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
    /// <summary>
    /// The width (in <see cref="Width(string)"/> units) a row may take: a 345 pt text line (article, 10 pt) at the
    /// widest 8 pt per unit seen in the calibration.
    /// </summary>
    public const int LineWidth = 42;

    /// <summary>Notes up to this length stand beside their row (<c>&amp;&amp; \text{…}</c>), longer ones on a line before it.</summary>
    private const int ShortNote = 16;

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
        string rhs = LatexPrinter.Print(identity.Rhs) + (identity.Remainder is { } r ? " + " + LatexPrinter.Print(r) : "") + Conditions(identity);
        return Equation(LatexPrinter.Print(identity.Lhs), rhs, note, identity.Tag);
    }

    /// <summary>
    /// The side conditions an identity holds under (<c>, \text{for } j \neq k</c>), in the one spelling the printers
    /// write and both inputs read; empty when there are none.
    /// </summary>
    public static string Conditions(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Unequal is { } unequal ? string.Concat(unequal.Select(d => $", \\text{{for }} {d.A.Name} \\neq {d.B.Name}")) : "";
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
        double noteWidth = rows.Max(r => r.Note is { Length: <= ShortNote } n ? 0.8 * n.Length + 4 : 0);
        bool alone = Width(lhs) > LineWidth / 3.0;
        int available = (int)Math.Max(LineWidth / 3.0, LineWidth - noteWidth - (alone ? 4 : Width(lhs) + 2));
        var lines = new List<string>();
        if (alone) lines.Add($"  &{lhs}");
        foreach (var row in rows)
        {
            // A long note reads as a line of text before its step (KaTeX has no \intertext).
            if (row.Note is { Length: > ShortNote } longNote) lines.Add($"  &{(alone ? "" : "\\quad ")}\\text{{{EscapeText(longNote)}:}}");
            var pieces = Break(row.Rhs, available);
            for (int p = 0; p < pieces.Count; p++)
            {
                var sb = new StringBuilder("  ");
                if (alone) sb.Append(p == 0 ? "&\\qquad = " : "&\\qquad\\quad ");
                else if (p == 0) sb.Append(row.Lhs is null ? "" : row.Lhs + " ").Append("&= ");
                else sb.Append("&\\quad ");
                sb.Append(pieces[p]);
                if (p == pieces.Count - 1 && row.Note is { Length: <= ShortNote } note) sb.Append(" && \\text{").Append(EscapeText(note)).Append('}');
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
                case '—': sb.Append("---"); break;
                case '–': sb.Append("--"); break;
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
        // Greedy: each row ends at the last sign of that depth that still lets it fit.
        var used = new List<int>();
        int rowStart = 0, previous = 0;
        foreach (int cut in tokens.Where(t => t.IsSign && t.Depth == d).Select(t => t.Position).Append(latex.Length))
        {
            if (Width(latex[rowStart..cut]) > width && previous > rowStart) { used.Add(previous); rowStart = previous; }
            previous = cut;
        }
        if (used.Count == 0) return [latex];
        // Delimiter pairs around a cut become \bigl…\bigr (same-length \left → \bigl; \right → \bigr is one shorter).
        var convert = new List<Token>();
        var open = new Stack<Token>();
        foreach (var t in tokens.Where(t => t.IsDelimiter))
        {
            if (t.IsOpening) { open.Push(t); continue; }
            if (open.Count == 0) continue;
            var o = open.Pop();
            if (used.Any(c => c > o.Position && c < t.Position)) { convert.Add(o); convert.Add(t); }
        }
        var text = new StringBuilder(latex);
        foreach (var t in convert.OrderByDescending(t => t.Position))
            text.Remove(t.Position, t.Length).Insert(t.Position, t.IsOpening ? "\\bigl" : "\\bigr");
        var cuts = used.Select(c => c - convert.Count(t => !t.IsOpening && t.Position < c)).Append(text.Length).ToList();
        var rows = new List<string>();
        int from = 0;
        foreach (int cut in cuts) { rows.Add(text.ToString(from, cut - from).Trim()); from = cut; }
        // A row still too wide is broken inside its own parentheses (one level deeper).
        return rows.SelectMany(r => Break(r, width)).ToList();
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
    /// An estimate of the typeset width in units of about 6.5 pt (one math letter at 10 pt; calibrated against pdflatex
    /// on wick's outputs, within ±25 %): scripts at 0.7 and stacked (the wider of ^ and _), a fraction as its wider part,
    /// binary signs with their spacing, \left/\right/\text and friends as nothing.
    /// </summary>
    public static double Width(string latex) => Width(latex ?? throw new ArgumentNullException(nameof(latex)), 1.0);

    private static double Width(string s, double scale)
    {
        double w = 0;
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '\\')
            {
                int j = i + 1;
                while (j < s.Length && char.IsAsciiLetter(s[j])) j++;
                string name = s[(i + 1)..j];
                if (j == i + 1) { w += 0.5 * scale; i = j + 1; continue; }   // \{ \, \; …
                if (name == "frac")
                {
                    var (num, k) = Group(s, j);
                    var (den, end) = Group(s, k);
                    w += Math.Max(Width(num, scale), Width(den, scale)) + 0.3 * scale;
                    i = end;
                    continue;
                }
                w += name switch
                {
                    "left" or "right" or "mathbb" or "mathrm" or "text" or "bigl" or "bigr" or "Big" or "nonumber" or "displaystyle" => 0,
                    "sum" or "prod" => 1.5,
                    "quad" => 1.8,
                    "qquad" => 3.6,
                    "langle" or "rangle" => 0.8,
                    "cdots" or "dots" or "ldots" => 2,
                    _ => 1,
                } * scale;
                i = j;
                continue;
            }
            if (c is '^' or '_')
            {
                double widest = 0;   // a superscript and a subscript stack
                while (i < s.Length && s[i] is '^' or '_')
                {
                    if (i + 1 < s.Length && s[i + 1] == '{')
                    {
                        var (script, end) = Group(s, i + 1);
                        widest = Math.Max(widest, Width(script, scale * 0.7));
                        i = end;
                    }
                    else { widest = Math.Max(widest, scale * 0.7); i += 2; }
                }
                w += widest;
                continue;
            }
            w += c switch
            {
                '{' or '}' or ' ' => 0,
                '+' or '-' or '=' when i > 0 && s[i - 1] == ' ' && i + 1 < s.Length && s[i + 1] == ' ' => 2.6,
                '+' or '-' or '=' => 1.2,
                '(' or ')' or '[' or ']' => 0.7,
                '\'' => 0.3,
                _ => 1,
            } * scale;
            i++;
        }
        return w;
    }

    /// <summary>The content of the brace group opening at <paramref name="open"/> and the index after it (a bare character is a group too).</summary>
    private static (string Content, int End) Group(string s, int open)
    {
        if (open >= s.Length) return ("", s.Length);
        if (s[open] != '{') return (s[open].ToString(), open + 1);
        int depth = 0;
        for (int j = open; j < s.Length; j++)
        {
            if (s[j] == '{') depth++;
            else if (s[j] == '}' && --depth == 0) return (s[(open + 1)..j], j + 1);
        }
        return (s[(open + 1)..], s.Length);
    }
}
