using Wick.Algebra.Syntax;

namespace Wick.Parser;

/// <summary>
/// Entry points of the input language. One grammar, two spellings (ASCII and LaTeX) plus Unicode σ δ ℓ α β:
/// <code>
/// E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]
/// \mathbb{E}\left[z^{(\ell+1)}_{i_1;\alpha_1} z^{(\ell+1)}_{i_2;\alpha_2}\right]
/// G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)
/// K^(l+1)_{a1 a2} = C_b + C_W &lt;sigma_a1 sigma_a2&gt;_{K^(l)} + O(1/n)
/// G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} \quad (3.24)
/// </code>
/// The book's layout (equation tags, <c>$$</c>, <c>aligned</c>, <c>&amp;</c>, <c>\\</c>, trailing punctuation) is ignored;
/// an identity keeps its tag in <see cref="Identity.Tag"/> (see <see cref="Layout"/> for when <c>(3.24)</c> is a tag).
/// Every bad input raises <see cref="ParseException"/> with a located <see cref="Diagnostic"/>; nothing else escapes.
/// </summary>
public static class WickParser
{
    /// <summary>
    /// Parses an expression, or an identity when the input contains '=' (then the result is an <see cref="Identity"/>).
    /// </summary>
    /// <exception cref="ParseException">Bad input: syntax, unknown command, or an index-structure error.</exception>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var lexed = Lexer.Lex(text);
            var (tokens, tag) = Layout.SplitTag(text, lexed);
            Brackets.Check(text, tokens, lexed.Values);
            var map = new SourceMap();
            var parsed = Grammar.ParseAll(text, tokens, lexed.Values, map);
            var bound = Binder.Bind(text, parsed, map);
            // The equation number is layout: kept on an identity to be echoed, dropped from an expression.
            return bound is Identity id && tag is not null ? id with { Tag = tag } : bound;
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ParseException(Diagnostic.At(text, 0, "expression nested too deeply; refusing to parse it", "a shallower expression"));
        }
    }

    /// <summary>
    /// Parses the book's chained equalities <c>a = b = c [+ O(…)]</c> (one link per '=', each an <see cref="Identity"/>
    /// whose remainder is the O(…) written on either of its members); a plain identity is a chain of one link. Each link
    /// is bound on its own, so free indices must agree within a link.
    /// </summary>
    /// <exception cref="ParseException">Bad input, or no '=' at all.</exception>
    public static EquationChain ParseChain(string text, Notation notation = Notation.Book, int? m = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var lexed = Lexer.Lex(text);
            if (m is { } value) lexed = SubstituteM(lexed, value);
            var (tagged, tag) = Layout.SplitTag(text, lexed);
            var (tokens, unequal) = Layout.SplitConditions(text, tagged, lexed.Values);
            Brackets.Check(text, tokens, lexed.Values);
            var map = new SourceMap();
            var (links, members) = Grammar.ParseChainAll(text, tokens, lexed.Values, map, notation);
            var bound = links.Select(l => (Identity)Binder.Bind(text, l, map) with { Tag = tag }).ToList();
            if (unequal.Count > 0) bound = Conditioned(text, bound, unequal);
            return new EquationChain(bound, members, tag);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ParseException(Diagnostic.At(text, 0, "expression nested too deeply; refusing to parse it", "a shallower expression"));
        }
    }

    // Each link gets the conditions j ≠ k whose two neuron indices it uses; a condition no link uses is refused.
    private static List<Identity> Conditioned(string text, List<Identity> links, List<(string A, string B)> unequal)
    {
        foreach (var (a, b) in unequal)
            if (!links.Any(l => NeuralIndex(l, a) is not null && NeuralIndex(l, b) is not null))
                throw new ParseException(Diagnostic.At(text, text.TrimEnd().Length,
                    $"the condition {a} \\neq {b} names neuron indices the equation does not use together", "a condition on the equation's neuron indices"));
        return links.Select(l =>
        {
            var deltas = unequal.Select(p => (A: NeuralIndex(l, p.A), B: NeuralIndex(l, p.B))).Where(p => p.A is not null && p.B is not null)
                .Select(p => new Delta(p.A!, p.B!)).ToEquatableList();
            return deltas.Count == 0 ? l : l with { Unequal = deltas };
        }).ToList();
    }

    private static Index? NeuralIndex(Identity link, string name) =>
        SyntaxTree.Nodes(link).OfType<Index>().FirstOrDefault(i => i.Name == name && i.Kind == IndexKind.Neural);

    /// <summary>
    /// True when the input is a statement for general m (3.44)–(3.55): the letter m written as a number is, after a
    /// number (<c>G_{2m}</c>, <c>c_{2m}(n)</c>, <c>2m-2</c>) or as an exponent (<c>C_W^m</c>, <c>\left(G_2\right)^m</c>).
    /// Such an input is read for one m at a time with <see cref="ParseChain"/>'s <c>m</c>.
    /// </summary>
    public static bool StatesGeneralM(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Lexer.Lexed lexed;
        try { lexed = Lexer.Lex(text); }
        catch (ParseException) { return false; }
        var t = lexed.Tokens;
        for (int k = 1; k < t.Length; k++)
            if (t[k].Kind == WickToken.Ident && lexed.Values[t[k].Position.Absolute] == "m"
                && (t[k - 1].Kind == WickToken.Caret || t[k - 1].Kind == WickToken.Number && Adjacent(t[k - 1], t[k])))
                return true;
        return false;
    }

    private static bool Adjacent(Superpower.Model.Token<WickToken> a, Superpower.Model.Token<WickToken> b) =>
        a.Position.Absolute + a.Span.Length == b.Position.Absolute;

    /// <summary>The tokens with the letter m replaced by the number <paramref name="m"/> (2m by 2·m).</summary>
    private static Lexer.Lexed SubstituteM(Lexer.Lexed lexed, int m)
    {
        var values = new Dictionary<int, string>(lexed.Values);
        var tokens = new List<Superpower.Model.Token<WickToken>>();
        foreach (var t in lexed.Tokens)
        {
            int at = t.Position.Absolute;
            if (t.Kind != WickToken.Ident || values[at] != "m") { tokens.Add(t); continue; }
            if (tokens.Count > 0 && tokens[^1] is { Kind: WickToken.Number } before && Adjacent(before, t)
                && int.TryParse(values[before.Position.Absolute], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int factor))
            {
                values[before.Position.Absolute] = checked(factor * m).ToString(System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }
            tokens.Add(new Superpower.Model.Token<WickToken>(WickToken.Number, t.Span));
            values[at] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return lexed with { Tokens = tokens.ToArray(), Values = values };
    }

    /// <summary>Same as <see cref="Parse"/>: an expression, or an <see cref="Identity"/> when there is '='.</summary>
    public static Expr ParseExpression(string text) => Parse(text);

    /// <summary>Parses an identity <c>lhs = rhs [+ O(…)]</c>; input without '=' is an error.</summary>
    public static Identity ParseIdentity(string text)
    {
        var e = Parse(text);
        return e as Identity ?? throw new ParseException(Diagnostic.At(text, text.TrimEnd().Length,
            "expected '=' and a right-hand side: an identity is written lhs = rhs", "="));
    }

    /// <summary>Like <see cref="Parse"/>, but returns false with the diagnostic instead of throwing.</summary>
    public static bool TryParse(string text, out Expr? expr, out Diagnostic? diagnostic)
    {
        try
        {
            expr = Parse(text);
            diagnostic = null;
            return true;
        }
        catch (ParseException e)
        {
            expr = null;
            diagnostic = e.Diagnostic;
            return false;
        }
    }
}

/// <summary>
/// Chained equalities as the book prints them, <c>a = b = c</c>: the links a = b and b = c, each checked on its own.
/// </summary>
/// <param name="Links">One identity per '=' (a plain identity: one link).</param>
/// <param name="Members">How many expressions the '=' signs separate (links + 1).</param>
/// <param name="Tag">The equation tag, if written.</param>
public sealed record EquationChain(IReadOnlyList<Identity> Links, int Members, string? Tag);

/// <summary>Whose notation an input is written in.</summary>
public enum Notation
{
    /// <summary>PDLT: z^{(ℓ)}_{i;α}, G_4^{(ℓ)}, C_W, layers counted from the input layer 0.</summary>
    Book,

    /// <summary>
    /// The Les Houches lectures (Bahri's part, eqs. 44–58): z_i^l, G_4^{l-1}, σ_w², σ_b², where layer l = 0 is the first
    /// hidden layer (W^0 acts on the input): their layer l is the book's ℓ = l + 1, σ_w² is C_W and σ_b² is C_b.
    /// </summary>
    Lectures,
}
