using Superpower.Model;

namespace Wick.Parser;

/// <summary>
/// Turns ASCII, LaTeX and Unicode spellings into one token stream. LaTeX sizing and spacing commands
/// (<c>\left</c>, <c>\right</c>, <c>\big</c>, <c>\,</c>, <c>\quad</c>) and the book's layout (<c>$$</c>, <c>\[ \]</c>,
/// <c>\begin{aligned}</c>…<c>\end{aligned}</c>, <c>&amp;</c>, <c>\\</c>, <c>\nonumber</c>, <c>\label{…}</c>, a trailing
/// <c>,</c> or <c>.</c>) vanish; <c>\tag{…}</c> is kept aside as the equation tag (<see cref="Layout"/> finds the other
/// tag spellings); <c>\mathbb{E}</c> becomes the identifier <c>E</c>; Unicode σ δ ℓ α β γ ε ∑ ∏ ⟨ ⟩ become the commands
/// they abbreviate. An unknown command is an error located at its backslash.
/// </summary>
internal static class Lexer
{
    /// <summary>
    /// A lexed input: the tokens, each token's normalized text (by absolute offset), the <c>\tag{…}</c> if there was
    /// one (text and where its backslash is), and the offsets of tokens written right after <c>\quad</c> or <c>\qquad</c>.
    /// </summary>
    internal sealed record Lexed(Token<WickToken>[] Tokens, Dictionary<int, string> Values, string? Tag, int TagAt, HashSet<int> AfterQuad);

    private static readonly HashSet<string> KeptCommands =
    [
        "frac", "dfrac", "tfrac", "sum", "prod", "delta", "sigma", "ell", "alpha", "beta", "gamma", "epsilon", "varepsilon", "in",
        "dots", "cdots", "ldots", "chi", "parallel", "perp",
        "Theta", "lambda", "widehat", "neq", "ne", "lim", "to", "rightarrow", "infty",
    ];

    private static readonly HashSet<string> Invisible =
    [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
        "middle", "quad", "qquad", "displaystyle", "textstyle", "limits", "nonumber", "notag",
    ];

    /// <summary>Display environments of the book's equations: <c>\begin{…}</c> and <c>\end{…}</c> are layout.</summary>
    private static readonly HashSet<string> Environments =
    [
        "equation", "equation*", "aligned", "align", "align*", "gather", "gather*", "gathered", "split", "multline", "multline*",
    ];

    public static Lexed Lex(string source)
    {
        var tokens = new List<Token<WickToken>>();
        var values = new Dictionary<int, string>();
        var afterQuad = new HashSet<int>();
        string? tag = null;
        int tagAt = -1;
        bool quad = false;
        int i = 0, line = 1, col = 1;

        void Advance(int count)
        {
            for (int k = 0; k < count && i < source.Length; k++, i++)
            {
                if (source[i] == '\n') { line++; col = 1; }
                else col++;
            }
        }

        void Emit(WickToken kind, int length, string? value = null)
        {
            var pos = new Position(i, line, col);
            tokens.Add(new Token<WickToken>(kind, new TextSpan(source, pos, length)));
            values[i] = value ?? source.Substring(i, length);
            if (quad) afterQuad.Add(i);
            quad = false;
            Advance(length);
        }

        while (i < source.Length)
        {
            char ch = source[i];
            if (char.IsWhiteSpace(ch)) { Advance(1); continue; }
            if (ch is '.' or ',' && TrailingOnly(i + 1)) { Advance(1); continue; } // "… G_4^{(\ell)}." copied from the book
            if (ch is '$' or '&') { Advance(1); continue; }                    // $$ … $$ and alignment points are layout
            if (char.IsAsciiDigit(ch))
            {
                int j = i;
                while (j < source.Length && char.IsAsciiDigit(source[j])) j++;
                if (j + 1 < source.Length && source[j] == '.' && char.IsAsciiDigit(source[j + 1]))
                {
                    j++;
                    while (j < source.Length && char.IsAsciiDigit(source[j])) j++;
                }
                Emit(WickToken.Number, j - i);
                continue;
            }
            if (char.IsAsciiLetter(ch))
            {
                int j = i;
                while (j < source.Length && char.IsAsciiLetterOrDigit(source[j])) j++;
                Emit(WickToken.Ident, j - i);
                continue;
            }
            if (ch == '\\') { LexCommand(); continue; }
            if (ch == ':' && i + 1 < source.Length && source[i + 1] == '=') { Emit(WickToken.Equals, 2); continue; } // a := b, the lectures' definitions
            if (ch is '!' or '≠' && (ch == '≠' || i + 1 < source.Length && source[i + 1] == '=')) { Emit(WickToken.Command, ch == '≠' ? 1 : 2, "neq"); continue; } // for j != k (3.30)
            WickToken? single = ch switch
            {
                '^' => WickToken.Caret, '_' => WickToken.Underscore, '(' => WickToken.LParen, ')' => WickToken.RParen,
                '[' => WickToken.LBracket, ']' => WickToken.RBracket, '{' => WickToken.LBrace, '}' => WickToken.RBrace,
                '<' or '⟨' => WickToken.LAngle, '>' or '⟩' => WickToken.RAngle, ',' => WickToken.Comma, ';' => WickToken.Semicolon,
                '=' or '≡' => WickToken.Equals, '+' => WickToken.Plus, '-' or '−' => WickToken.Minus,
                '*' or '·' or '×' => WickToken.Star, '/' => WickToken.Slash, '|' => WickToken.Bar, '\'' or '′' => WickToken.Prime,
                _ => null,
            };
            if (single is { } kind) { Emit(kind, 1); continue; }
            string? unicode = ch switch
            {
                'σ' => "sigma", 'δ' => "delta", 'ℓ' => "ell", 'α' => "alpha", 'β' => "beta", 'γ' => "gamma",
                'ε' => "epsilon", '∑' or 'Σ' => "sum", '∏' or 'Π' => "prod", _ => null,
            };
            if (unicode is not null) { Emit(WickToken.Command, 1, unicode); continue; }
            if (char.IsHighSurrogate(ch) && i + 1 < source.Length && source.Substring(i, 2) == "𝔼")
            {
                Emit(WickToken.Ident, 2, "E");
                continue;
            }
            throw Error(i, $"unexpected character '{Printable(ch)}'", "an expression");
        }
        return new Lexed(tokens.ToArray(), values, tag, tagAt, afterQuad);

        void LexCommand()
        {
            int start = i;
            int j = i + 1;
            if (j >= source.Length) throw Error(start, "a lone '\\' at the end of the input", "a LaTeX command");
            if (!char.IsAsciiLetter(source[j]))
            {
                switch (source[j])
                {
                    case ',' or ';' or ':' or '!' or ' ' or '\t' or '\n' or '\r': Advance(2); return;
                    case '\\' or '[' or ']': Advance(2); return; // line break \\ and display math \[ … \] are layout
                    case '{': Emit(WickToken.LLiteralBrace, 2); return;
                    case '}': Emit(WickToken.RLiteralBrace, 2); return;
                    case '|': Emit(WickToken.Bar, 2); return;
                    default: throw Error(start, $"unknown LaTeX command '\\{Printable(source[j])}'", "a LaTeX command such as \\frac, \\sum, \\delta");
                }
            }
            while (j < source.Length && char.IsAsciiLetter(source[j])) j++;
            string name = source[(i + 1)..j];
            if (Invisible.Contains(name))
            {
                // \left. and \right. are empty delimiters.
                if (name is "left" or "right" && j < source.Length && source[j] == '.') j++;
                Advance(j - i);
                quad |= name is "quad" or "qquad";
                return;
            }
            switch (name)
            {
                case "langle": Emit(WickToken.LAngle, j - i); return;
                case "rangle": Emit(WickToken.RAngle, j - i); return;
                case "cdot" or "times": Emit(WickToken.Star, j - i); return;
                case "equiv": Emit(WickToken.Equals, j - i); return;
                case "dots" or "cdots" or "ldots": Emit(WickToken.Command, j - i, "dots"); return;
                case "vert": Emit(WickToken.Bar, j - i); return;
                case "lbrack": Emit(WickToken.LBracket, j - i); return;
                case "rbrack": Emit(WickToken.RBracket, j - i); return;
                case "tag":
                    {
                        if (j < source.Length && source[j] == '*') j++;
                        int end = BraceGroupEnd(j, name, out string content);
                        content = content.Trim();
                        if (tag is not null) throw Error(start, $"a second equation tag (the first is ({tag}))", "one \\tag{…}");
                        if (content.Length == 0) throw Error(start, "an empty equation tag \\tag{}", "\\tag{3.24}");
                        (tag, tagAt) = (content, start);
                        Advance(end - i);
                        return;
                    }
                case "label":
                    Advance(BraceGroupEnd(j, name, out _) - i);
                    return;
                case "begin" or "end":
                    {
                        int end = BraceGroupEnd(j, name, out string env);
                        if (!Environments.Contains(env.Trim()))
                            throw Error(start, $"unknown environment '{env.Trim()}' in \\{name}{{…}}", "equation, aligned, align, gather or split");
                        Advance(end - i);
                        return;
                    }
                case "mathbb" or "mathcal" or "mathrm" or "text" or "operatorname" or "mathit" or "textrm":
                    {
                        int end = BraceGroupEnd(j, name, out string content);
                        content = content.Trim();
                        if (content.Length == 0 || !content.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(content[0]))
                            throw Error(start, $"expected a name inside \\{name}{{…}}, found '{content}'", "a name");
                        Emit(WickToken.Ident, end - i, content);
                        return;
                    }
            }
            if (!KeptCommands.Contains(name))
                throw Error(start, $"unknown LaTeX command '\\{name}'", "a known command (\\frac, \\sum, \\delta, \\sigma, \\ell, \\alpha, \\mathbb{E}, \\langle, …)");
            Emit(WickToken.Command, j - i, name == "varepsilon" ? "epsilon" : name is "dfrac" or "tfrac" ? "frac" : name == "ne" ? "neq" : name);
        }

        // True when nothing but layout follows offset k (sentence punctuation after a formula): whitespace, $, &, \\, \],
        // spacing, \tag{…}, \label{…}, \end{…}, \nonumber, more punctuation, and a parenthesised equation number.
        bool TrailingOnly(int k)
        {
            while (k < source.Length)
            {
                char c = source[k];
                if (char.IsWhiteSpace(c) || c is '$' or '&' or '.' or ',') { k++; continue; }
                if (c == '(' && Layout.EquationNumberEnd(source, k) is int numberEnd) { k = numberEnd; continue; }
                if (c != '\\' || k + 1 >= source.Length) return false;
                char d = source[k + 1];
                if (d is '\\' or ']' or ',' or ';' or ':' or '!' or ' ') { k += 2; continue; }
                int e = k + 1;
                while (e < source.Length && char.IsAsciiLetter(source[e])) e++;
                string command = source[(k + 1)..e];
                if (command is "quad" or "qquad" or "nonumber" or "notag" or "right") { k = e; continue; }
                if (command is "tag" or "label" or "end" && source.IndexOf('}', e) is int close and >= 0) { k = close + 1; continue; }
                return false;
            }
            return true;
        }

        int BraceGroupEnd(int j, string name, out string content)
        {
            int k = j;
            while (k < source.Length && source[k] == ' ') k++;
            if (k >= source.Length || source[k] != '{') throw Error(k, $"expected '{{' after \\{name}", "{");
            int close = source.IndexOf('}', k + 1);
            if (close < 0) throw Error(source.Length, $"expected '}}' to close \\{name}{{", "}");
            content = source[(k + 1)..close];
            return close + 1;
        }

        ParseException Error(int offset, string message, string expected) =>
            new(Diagnostic.At(source, offset, message, expected));
    }

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
}
