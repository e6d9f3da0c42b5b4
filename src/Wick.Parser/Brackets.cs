using Superpower.Model;

namespace Wick.Parser;

/// <summary>
/// Checks bracket balance and nesting depth on the token stream before any recursion happens, so that an
/// unclosed <c>E[</c> is reported at the end with the place it was opened, and pathological nesting is refused
/// with a message instead of exhausting the stack.
/// </summary>
internal static class Brackets
{
    /// <summary>The deepest nesting (brackets plus nested sums) the parser accepts.</summary>
    public const int MaxDepth = 200;

    public static void Check(string source, Token<WickToken>[] tokens, Dictionary<int, string> values)
    {
        var stack = new Stack<(Token<WickToken> Open, string Describe, int Sums, Position At)>();
        int sums = 0;
        for (int k = 0; k < tokens.Length; k++)
        {
            var t = tokens[k];
            if (t.Kind is WickToken.Ident or WickToken.Command && values[t.Position.Absolute] == "sum")
            {
                sums++;
                if (stack.Count + sums > MaxDepth) throw TooDeep(t);
            }
            if (Closer(t.Kind) is not null)
            {
                bool expectation = t.Kind == WickToken.LBracket && k > 0 && tokens[k - 1].Kind == WickToken.Ident &&
                                   values[tokens[k - 1].Position.Absolute] is "E" or "Ec";
                string describe = expectation ? values[tokens[k - 1].Position.Absolute] + "[" : Spell(t.Kind);
                stack.Push((t, describe, sums, expectation ? tokens[k - 1].Position : t.Position));
                if (stack.Count + sums > MaxDepth) throw TooDeep(t);
                continue;
            }
            if (IsCloser(t.Kind))
            {
                if (stack.Count == 0)
                    throw new ParseException(Diagnostic.At(source, t.Position.Absolute,
                        $"unexpected '{Spell(t.Kind)}' with nothing open to close", "an expression"));
                var (open, describe, outerSums, openAt) = stack.Pop();
                if (Closer(open.Kind) != t.Kind)
                    throw new ParseException(Diagnostic.At(source, t.Position.Absolute,
                        $"expected '{Spell(Closer(open.Kind)!.Value)}' to close '{describe}' opened at {openAt.Line}:{openAt.Column}, found '{Spell(t.Kind)}'",
                        Spell(Closer(open.Kind)!.Value)));
                sums = outerSums;
            }
        }
        if (stack.Count > 0)
        {
            var (open, describe, _, openAt) = stack.Peek();
            throw new ParseException(Diagnostic.At(source, source.TrimEnd().Length,
                $"expected '{Spell(Closer(open.Kind)!.Value)}' to close '{describe}' opened at {openAt.Line}:{openAt.Column}",
                Spell(Closer(open.Kind)!.Value)));
        }

        ParseException TooDeep(Token<WickToken> t) => new(Diagnostic.At(source, t.Position.Absolute,
            $"expression nested deeper than {MaxDepth} levels; refusing to parse it", "a shallower expression"));
    }

    private static WickToken? Closer(WickToken open) => open switch
    {
        WickToken.LParen => WickToken.RParen,
        WickToken.LBracket => WickToken.RBracket,
        WickToken.LBrace => WickToken.RBrace,
        WickToken.LAngle => WickToken.RAngle,
        WickToken.LLiteralBrace => WickToken.RLiteralBrace,
        _ => null,
    };

    private static bool IsCloser(WickToken t) =>
        t is WickToken.RParen or WickToken.RBracket or WickToken.RBrace or WickToken.RAngle or WickToken.RLiteralBrace;

    /// <summary>How a token kind is spelled in messages.</summary>
    public static string Spell(WickToken kind) => kind switch
    {
        WickToken.LParen => "(", WickToken.RParen => ")", WickToken.LBracket => "[", WickToken.RBracket => "]",
        WickToken.LBrace => "{", WickToken.RBrace => "}", WickToken.LAngle => "<", WickToken.RAngle => ">",
        WickToken.LLiteralBrace => "\\{", WickToken.RLiteralBrace => "\\}", WickToken.Caret => "^",
        WickToken.Underscore => "_", WickToken.Comma => ",", WickToken.Semicolon => ";", WickToken.Equals => "=",
        WickToken.Plus => "+", WickToken.Minus => "-", WickToken.Star => "*", WickToken.Slash => "/", WickToken.Bar => "|", WickToken.Prime => "'",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
