using Superpower.Model;

namespace Wick.Parser;

/// <summary>
/// Turns ASCII, LaTeX and Unicode spellings into one token stream. LaTeX sizing and spacing commands
/// (<c>\left</c>, <c>\right</c>, <c>\big</c>, <c>\,</c>, <c>\quad</c>, <c>\tag{…}</c>) vanish; <c>\mathbb{E}</c> becomes
/// the identifier <c>E</c>; Unicode σ δ ℓ α β γ ε ∑ ⟨ ⟩ become the commands they abbreviate. An unknown command
/// is an error located at its backslash.
/// </summary>
internal static class Lexer
{
    /// <summary>A lexed input: the tokens and each token's normalized text (by absolute offset).</summary>
    internal sealed record Lexed(Token<WickToken>[] Tokens, Dictionary<int, string> Values);

    private static readonly HashSet<string> KeptCommands =
    [
        "frac", "dfrac", "tfrac", "sum", "delta", "sigma", "ell", "alpha", "beta", "gamma", "epsilon", "varepsilon",
    ];

    private static readonly HashSet<string> Invisible =
    [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
        "middle", "quad", "qquad", "displaystyle", "textstyle", "limits",
    ];

    public static Lexed Lex(string source)
    {
        var tokens = new List<Token<WickToken>>();
        var values = new Dictionary<int, string>();
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
            Advance(length);
        }

        while (i < source.Length)
        {
            char ch = source[i];
            if (char.IsWhiteSpace(ch)) { Advance(1); continue; }
            if (ch is '.' or ',' && TrailingOnly(i + 1)) { Advance(1); continue; } // "… G_4^{(\ell)}." copied from the book
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
                'ε' => "epsilon", '∑' or 'Σ' => "sum", _ => null,
            };
            if (unicode is not null) { Emit(WickToken.Command, 1, unicode); continue; }
            if (char.IsHighSurrogate(ch) && i + 1 < source.Length && source.Substring(i, 2) == "𝔼")
            {
                Emit(WickToken.Ident, 2, "E");
                continue;
            }
            throw Error(i, $"unexpected character '{Printable(ch)}'", "an expression");
        }
        return new Lexed(tokens.ToArray(), values);

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
                    case '{': Emit(WickToken.LLiteralBrace, 2); return;
                    case '}': Emit(WickToken.RLiteralBrace, 2); return;
                    case '|': Emit(WickToken.Bar, 2); return;
                    default: throw Error(start, $"unknown LaTeX command '\\{Printable(source[j])}'", "a LaTeX command such as \\frac, \\sum, \\delta");
                }
            }
            while (j < source.Length && char.IsAsciiLetter(source[j])) j++;
            string name = source[(i + 1)..j];
            if (Invisible.Contains(name)) { Advance(j - i); return; }
            switch (name)
            {
                case "langle": Emit(WickToken.LAngle, j - i); return;
                case "rangle": Emit(WickToken.RAngle, j - i); return;
                case "cdot" or "times": Emit(WickToken.Star, j - i); return;
                case "equiv": Emit(WickToken.Equals, j - i); return;
                case "vert": Emit(WickToken.Bar, j - i); return;
                case "lbrack": Emit(WickToken.LBracket, j - i); return;
                case "rbrack": Emit(WickToken.RBracket, j - i); return;
                case "tag":
                    {
                        int end = BraceGroupEnd(j, name, out _);
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
            Emit(WickToken.Command, j - i, name == "varepsilon" ? "epsilon" : name is "dfrac" or "tfrac" ? "frac" : name);
        }

        // True when nothing but whitespace and \tag{…} follows offset k (sentence punctuation after a formula).
        bool TrailingOnly(int k)
        {
            while (k < source.Length)
            {
                if (char.IsWhiteSpace(source[k])) { k++; continue; }
                if (string.CompareOrdinal(source, k, "\\tag{", 0, 5) == 0 && source.IndexOf('}', k) is int close and >= 0) { k = close + 1; continue; }
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
