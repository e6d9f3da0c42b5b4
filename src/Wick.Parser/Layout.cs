using Superpower.Model;

namespace Wick.Parser;

/// <summary>
/// The book's equation numbers are layout, never algebra. A tag is
/// <list type="number">
/// <item><c>\tag{…}</c> anywhere (the lexer sets it aside);</item>
/// <item>a parenthesised equation number — digits, optionally <c>.digits</c> — written right after <c>\quad</c> or
/// <c>\qquad</c> at the very end: <c>… G_4^{(\ell)} \quad (3.24)</c>, <c>… \qquad (7)</c>;</item>
/// <item>a bare parenthesised decimal number at the very end of an identity, separated from a complete operand by
/// white space: <c>G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) (3.24)</c>.</item>
/// </list>
/// A bare trailing integer in parentheses after an identity (<c>… = 2 (3)</c>) is ambiguous — equation (3) or the
/// factor 3 — and is refused with a located error that names both spellings. Everything else is algebra as before:
/// <c>x * (3.24)</c>, <c>(1 + 2/n)</c>, <c>c_4(2.5)</c>, <c>O(1.5)</c>, a parenthesised number with nothing before it.
/// Only the last group of the input can be a tag, and there is at most one tag.
/// </summary>
internal static class Layout
{
    /// <summary>The offset after <c>(digits[.digits])</c> starting at <paramref name="k"/>, or null.</summary>
    public static int? EquationNumberEnd(string source, int k)
    {
        if (k >= source.Length || source[k] != '(') return null;
        int j = k + 1;
        while (j < source.Length && source[j] == ' ') j++;
        int digits = j;
        while (j < source.Length && char.IsAsciiDigit(source[j])) j++;
        if (j == digits) return null;
        if (j + 1 < source.Length && source[j] == '.' && char.IsAsciiDigit(source[j + 1]))
        {
            j++;
            while (j < source.Length && char.IsAsciiDigit(source[j])) j++;
        }
        while (j < source.Length && source[j] == ' ') j++;
        return j < source.Length && source[j] == ')' ? j + 1 : null;
    }

    /// <summary>The tokens without a trailing tag, and the tag (from <c>\tag{…}</c> or the end of the input) if any.</summary>
    public static (Token<WickToken>[] Tokens, string? Tag) SplitTag(string source, Lexer.Lexed lexed)
    {
        var t = lexed.Tokens;
        int n = t.Length;
        if (n < 3 || t[n - 3].Kind != WickToken.LParen || t[n - 2].Kind != WickToken.Number || t[n - 1].Kind != WickToken.RParen)
            return (t, lexed.Tag);
        var open = t[n - 3];
        string number = lexed.Values[t[n - 2].Position.Absolute];
        bool tag;
        if (lexed.AfterQuad.Contains(open.Position.Absolute)) tag = true;
        else
        {
            bool identity = t.Any(x => x.Kind == WickToken.Equals);
            if (!identity || n < 4 || !EndsOperand(t, n - 4, lexed.Values) || !char.IsWhiteSpace(source[open.Position.Absolute - 1]))
                return (t, lexed.Tag);
            if (!number.Contains('.'))
                throw new ParseException(Diagnostic.At(source, open.Position.Absolute,
                    $"'({number})' at the end of an identity: equation ({number}) or the factor {number}? " +
                    $"Write \\quad ({number}) or \\tag{{{number}}} for the equation number, * {number} for the factor",
                    $"\\quad ({number}) or * {number}"));
            tag = true;
        }
        if (!tag) return (t, lexed.Tag);
        if (lexed.Tag is { } first)
            throw new ParseException(Diagnostic.At(source, open.Position.Absolute,
                $"a second equation tag ({number}); the input already has \\tag{{{first}}}", "one equation tag"));
        return (t[..(n - 3)], number);
    }

    /// <summary>
    /// A trailing condition <c>, \text{for } j \neq k</c> (3.30), also <c>for j != k</c> and several joined by ',' or
    /// <c>and</c>: the tokens before it and the pairs of index names claimed distinct (none when there is no condition).
    /// </summary>
    public static (Token<WickToken>[] Tokens, List<(string A, string B)> Unequal) SplitConditions(string source, Token<WickToken>[] t, IReadOnlyDictionary<int, string> values)
    {
        string V(int k) => values[t[k].Position.Absolute];
        int f = Array.FindLastIndex(t, x => x.Kind == WickToken.Ident && values[x.Position.Absolute] == "for");
        if (f < 0) return (t, []);
        var pairs = new List<(string, string)>();
        for (int k = f + 1; k < t.Length;)
        {
            if (k + 2 >= t.Length || t[k].Kind != WickToken.Ident || t[k + 1].Kind != WickToken.Command || V(k + 1) != "neq" || t[k + 2].Kind != WickToken.Ident)
                throw new ParseException(Diagnostic.At(source, t[Math.Min(k, t.Length - 1)].Position.Absolute,
                    "a condition is written \\text{for } j \\neq k (neuron indices claimed distinct), at the end of the equation", "j \\neq k"));
            pairs.Add((V(k), V(k + 2)));
            k += 3;
            if (k < t.Length && (t[k].Kind == WickToken.Comma || t[k].Kind == WickToken.Ident && V(k) == "and")) k++;
        }
        int end = f > 0 && t[f - 1].Kind == WickToken.Comma ? f - 1 : f;
        return (t[..end], pairs);
    }

    // A complete operand ends here (a name, number, closing bracket, prime), and it is not a function head
    // whose argument the group would be: c_4(…), c_{4}(…), O(…), sigma(…).
    private static bool EndsOperand(Token<WickToken>[] t, int k, Dictionary<int, string> values)
    {
        var last = t[k];
        if (last.Kind is not (WickToken.Ident or WickToken.Number or WickToken.RParen or WickToken.RBracket or WickToken.RBrace
            or WickToken.RAngle or WickToken.Prime or WickToken.Command))
            return false;
        string Text(int i) => values[t[i].Position.Absolute];
        if (last.Kind is WickToken.Ident or WickToken.Command && Text(k) is "O" or "sigma" or "c") return false;
        if (last.Kind == WickToken.Number && k >= 2 && t[k - 1].Kind == WickToken.Underscore && Text(k - 2) == "c") return false;
        if (last.Kind == WickToken.RBrace && k >= 4 && t[k - 2].Kind == WickToken.Number && t[k - 3].Kind == WickToken.LBrace
            && t[k - 4].Kind == WickToken.Underscore && k >= 5 && Text(k - 5) == "c")
            return false;
        return true;
    }
}
