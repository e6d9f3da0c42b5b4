using System.Globalization;
using Superpower;
using Superpower.Model;
using Wick.Algebra;
using Wick.Algebra.Syntax;

namespace Wick.Parser;

/// <summary>
/// The grammar of the input language: hand-written recursive descent over Superpower's token list (one rule per
/// method, each returning a <see cref="TokenListParserResult{TKind,T}"/>; the combinators are not used, so that every
/// error is a located diagnostic with what was expected). Layout and equation tags are set aside before (see
/// <see cref="Layout"/>). Operator precedence, loosest first:
/// <code>
/// identity := sum ('=' sum)?                         lhs = rhs [+ O(...)]
/// sum      := '-'* product (('+'|'-') '-'* product)*  subtraction is a Negate term
/// product  := quotient ('*'? quotient)*              juxtaposition multiplies; sum_{..} takes the rest as body
/// quotient := power ('/' power)*                     1/n_l sum_j … is (1/n_l) · sum_j …
/// power    := primary ('^' int | '^' depth | '|_c')*   C_W^2, G2^(0)^2, E[…]^2, E[…]|_c, C_W^l, (1 + 2/n)^(l-1)
/// primary  := number | (…) | […] | {…} | \frac{}{} | E[…] | Ec[…] | ⟨…⟩_{K^(l)} | O(…) | c_{2m}(…)
///           | field | delta | quantity | symbol | sum | prod_{l'=1}^{l-1} | sum over layers
/// </code>
/// Names are resolved here (z, σ, W, b, x, δ, G, K, V, c, n, E, O); index families and layers are settled
/// afterwards by <see cref="Binder"/>, which reads the positions recorded in <see cref="SourceMap"/>.
/// </summary>
internal sealed class Grammar
{
    /// <summary>The longest run of signs, powers or divisions accepted (each nests the tree one level).</summary>
    private const int MaxChain = 64;

    private readonly string _source;
    private readonly Dictionary<int, string> _values;
    private readonly SourceMap _map;
    private readonly Position _end;
    // > 0 while parsing the body of ⟨…⟩_K, where bare sigma and z (one input, no index) are allowed.
    private int _gaussianDepth;
    // The lectures' spelling (z^l, σ_w²) is read only when asked for; otherwise it is refused with the book's spelling.
    private Notation _notation = Notation.Book;

    // The members of the chain written as \lim_{n \to \infty} (their positions in the chain).
    private readonly HashSet<int> _limitMembers = [];

    private Grammar(string source, Dictionary<int, string> values, SourceMap map, Position end)
    {
        _source = source;
        _values = values;
        _map = map;
        _end = end;
    }

    /// <summary>Parses a whole input (an expression or an identity) to the end.</summary>
    public static Expr ParseAll(string source, Token<WickToken>[] tokens, Dictionary<int, string> values, SourceMap map)
    {
        var end = EndPosition(source);
        var g = new Grammar(source, values, map, end);
        var input = new TokenList<WickToken>(tokens);
        if (input.IsAtEnd) throw new ParseException(Diagnostic.At(source, 0, "empty input", "an expression"));
        var result = g.IdentityRule(input);
        if (!result.Remainder.IsAtEnd)
        {
            var t = result.Remainder.ConsumeToken().Value;
            throw g.Error(t.Position, $"unexpected '{g.Text(t)}'", "an operator or the end of the input");
        }
        return result.Value;
    }

    private static Position EndPosition(string source)
    {
        int line = 1, col = 1;
        string trimmed = source.TrimEnd();
        foreach (char c in trimmed)
        {
            if (c == '\n') { line++; col = 1; } else col++;
        }
        return new Position(trimmed.Length, line, col);
    }

    // ----- token helpers ---------------------------------------------------------------------------------

    private string Text(Token<WickToken> t) => _values[t.Position.Absolute];

    private static bool Next(TokenList<WickToken> input, out Token<WickToken> token)
    {
        if (input.IsAtEnd) { token = default; return false; }
        token = input.ConsumeToken().Value;
        return true;
    }

    private static bool Is(TokenList<WickToken> input, WickToken kind) => Next(input, out var t) && t.Kind == kind;

    private bool IsName(TokenList<WickToken> input, string name) =>
        Next(input, out var t) && t.Kind is WickToken.Ident or WickToken.Command && Text(t) == name;

    private Position PositionOf(TokenList<WickToken> input) => Next(input, out var t) ? t.Position : _end;

    private string Describe(TokenList<WickToken> input) => Next(input, out var t) ? $"'{Text(t)}'" : "the end of the input";

    private static TokenList<WickToken> Skip(TokenList<WickToken> input) => input.ConsumeToken().Remainder;

    private TokenList<WickToken> Expect(TokenList<WickToken> input, WickToken kind, string context)
    {
        if (Is(input, kind)) return Skip(input);
        string what = Brackets.Spell(kind);
        throw Error(PositionOf(input), $"expected '{what}' {context}, found {Describe(input)}", what);
    }

    private ParseException Error(Position at, string message, string? expected) =>
        new(Diagnostic.At(_source, at.Absolute, message, expected));

    private static TokenListParserResult<WickToken, T> Ok<T>(T value, TokenList<WickToken> from, TokenList<WickToken> rest) =>
        TokenListParserResult.Value(value, from, rest);

    private T Located<T>(T node, Position at) where T : notnull
    {
        _map.Positions[node] = at;
        return node;
    }

    // ----- expression levels -----------------------------------------------------------------------------

    private TokenListParserResult<WickToken, Expr> IdentityRule(TokenList<WickToken> input)
    {
        var (members, equals, rest) = ChainRule(input);
        if (members.Count == 1 && _limitMembers.Count > 0)
            throw Error(PositionOf(input), "\\lim_{n \\to \\infty} belongs to one side of an identity: \\lim_{n \\to \\infty} c_{4}(n) = 1", "an identity");
        if (members.Count == 1) return Ok(members[0], input, rest);
        if (members.Count > 2)
            throw Error(equals[1], "an identity has exactly one '='", "an operator or the end of the input");
        return Ok<Expr>(Link(members[0], members[1], equals[0], chain: false, limit: _limitMembers.Count > 0), input, rest);
    }

    /// <summary>
    /// The members of <c>a = b = c …</c> (the book's chained equalities) and where each '=' is: one member is an
    /// expression, two an identity, more a chain whose links are checked one by one.
    /// </summary>
    private (List<Expr> Members, List<Position> EqualSigns, TokenList<WickToken> Remainder) ChainRule(TokenList<WickToken> input)
    {
        var members = new List<Expr>();
        var equals = new List<Position>();
        var rest = input;
        while (true)
        {
            var limitAt = PositionOf(rest);
            bool limit = LimitAhead(ref rest);
            var member = SumRule(rest);
            if (limit) LimitOperand(member.Value, limitAt);
            if (limit) _limitMembers.Add(members.Count);
            members.Add(member.Value);
            rest = member.Remainder;
            if (Next(rest, out var arrow) && arrow.Kind == WickToken.Command && Text(arrow) is "to" or "rightarrow")
                throw Error(arrow.Position, "'\\to' (tends to) is not read: the engine decides identities, exactly or up to a stated remainder; " +
                    "write the limit as an identity with its remainder (G_{2m}^{(L)} = ... + O(r^2), 3.56) or \\lim_{n \\to \\infty} a = b", "=");
            if (!Is(rest, WickToken.Equals)) break;
            if (members.Count > MaxChain) throw Error(PositionOf(rest), $"more than {MaxChain} '=' in a chain", "the end of the input");
            equals.Add(PositionOf(rest));
            rest = Skip(rest);
        }
        return (members, equals, rest);
    }

    /// <summary>
    /// The link <c>lhs = rhs</c> of a chain: a trailing <c>+ O(…)</c> on either member (or inside a bracket times deltas,
    /// <c>δ[K + O(1/n)]</c>) is the link's remainder. A plain identity keeps the left side as written (only the right
    /// side's trailing O(…) is its remainder), so that what the printers write reads back the same.
    /// </summary>
    private Identity Link(Expr lhs, Expr rhs, Position eq, bool chain, bool limit = false)
    {
        var (left, leftO) = chain ? SplitRemainder(lhs, hoist: true) : (lhs, null);
        var (right, rightO) = SplitRemainder(rhs, hoist: chain);
        if (leftO is not null && rightO is not null && !leftO.Equals(rightO))
            throw Error(_map.Positions.TryGetValue(rightO, out var at) ? at : eq,
                "the two sides of this '=' carry different remainders O(...); write one remainder per link", "one O(...) per '='");
        if (limit && (leftO ?? rightO) is not null)
            throw Error(eq, "\\lim_{n \\to \\infty} a = b is a statement about the limit; drop the O(...) remainder", "no remainder");
        if (limit)
        {
            // Both sides: a width n_ℓ on the other side stays finite in the limit, and O(1/n) would drop it.
            LimitOperand(left, eq);
            LimitOperand(right, eq);
        }
        // lim_{n→∞} a = b (3.48): a − b is a Laurent polynomial in 1/n (the engine's values of c_{2m}(n) and n), which tends to 0
        // exactly when it is O(1/n): the link is a = b + O(1/n).
        var remainder = limit ? new BigO(new Quotient(new Number(Rational.One), new SymbolRef(Symbol.N))) : rightO ?? leftO;
        return Located(new Identity(left, right, remainder), eq);
    }

    // \lim_{n \to \infty} ahead: consumed (true), or nothing (false). Only the limit in the width n is read.
    private bool LimitAhead(ref TokenList<WickToken> rest)
    {
        if (!Next(rest, out var head) || head.Kind != WickToken.Command || Text(head) != "lim") return false;
        const string how = "a limit is written \\lim_{n \\to \\infty} (the width n to infinity)";
        var r = Skip(rest);
        if (!Is(r, WickToken.Underscore)) throw Error(PositionOf(r), how, "_{n \\to \\infty}");
        var (sub, after) = ScriptGroup(Skip(r), "limit");
        if (sub is not [{ Kind: WickToken.Ident } n, { Kind: WickToken.Command } to, { Kind: WickToken.Command } inf]
            || Text(n) != "n" || Text(to) is not ("to" or "rightarrow") || Text(inf) != "infty")
            throw Error(head.Position, how, "\\lim_{n \\to \\infty}");
        rest = after;
        return true;
    }

    // The operand of \lim_{n → ∞}: numbers, n, c_{2m}(n) and the depth — a function of n alone, so that the limit is the
    // O(1/n) statement (correlators would bring other widths n_ℓ, which the limit in n does not send to infinity).
    private void LimitOperand(Expr operand, Position at)
    {
        if (SyntaxTree.Nodes(operand).FirstOrDefault(x => x is Quantity or Expectation or Field or GaussianExpectation or HelperFunction
                || x is SymbolRef { Symbol: var s } && s.IsWidth && s != Symbol.N) is { } other)
            throw Error(at, $"\\lim_{{n \\to \\infty}} is read for functions of the width n alone (c_{{2m}}(n), (1 + 2/n)^m); this one holds {TextPrinter.Print(other)}", "a function of n");
    }

    private (Expr Body, BigO? Remainder) SplitRemainder(Expr e, bool hoist)
    {
        // δ_{i1 i2} [K + O(1/n)] (4.116): a remainder inside a bracket multiplied only by deltas and numbers is the
        // remainder of the whole member.
        if (hoist && e is Product p && p.Factors.Count(f => f is Sum { Terms: [.., BigO] }) == 1
            && p.Factors.All(f => f is Sum { Terms: [.., BigO] } or Delta or Number))
        {
            int k = p.Factors.ToList().FindIndex(f => f is Sum);
            var (inner, hoisted) = SplitRemainder(p.Factors[k], hoist);
            var factors = p.Factors.ToList();
            factors[k] = inner;
            return (Located<Expr>(new Product(factors.ToEquatableList()), _map.Positions.TryGetValue(p, out var at) ? at : _end), hoisted);
        }
        if (e is not Sum { Terms.Count: >= 2 } s || s.Terms[^1] is not BigO o) return (e, null);
        var body = s.Terms.Count == 2 ? s.Terms[0] : Located<Expr>(new Sum(s.Terms.Take(s.Terms.Count - 1).ToEquatableList()), _map.Positions[s]);
        return (body, o);
    }

    /// <summary>Parses a chain <c>a = b = c …</c> into its links (one link for a plain identity).</summary>
    public static (List<Identity> Links, int Members) ParseChainAll(string source, Token<WickToken>[] tokens, Dictionary<int, string> values, SourceMap map,
        Notation notation)
    {
        var g = new Grammar(source, values, map, EndPosition(source)) { _notation = notation };
        var input = new TokenList<WickToken>(tokens);
        if (input.IsAtEnd) throw new ParseException(Diagnostic.At(source, 0, "empty input", "an expression"));
        var (members, equals, rest) = g.ChainRule(input);
        if (!rest.IsAtEnd)
        {
            var t = rest.ConsumeToken().Value;
            throw g.Error(t.Position, $"unexpected '{g.Text(t)}'", "an operator or the end of the input");
        }
        if (members.Count == 1)
            throw new ParseException(Diagnostic.At(source, source.TrimEnd().Length, "expected '=' and a right-hand side: an identity is written lhs = rhs", "="));
        var links = new List<Identity>();
        for (int k = 0; k + 1 < members.Count; k++)
            links.Add(g.Link(members[k], members[k + 1], equals[k], chain: members.Count > 2, limit: g._limitMembers.Contains(k) || g._limitMembers.Contains(k + 1)));
        return (links, members.Count);
    }

    private TokenListParserResult<WickToken, Expr> SumRule(TokenList<WickToken> input)
    {
        var start = PositionOf(input);
        var terms = new List<Expr>();
        var rest = input;
        bool first = true;
        while (true)
        {
            if (!first)
            {
                if (Is(rest, WickToken.Plus)) rest = Skip(rest);
                else if (!Is(rest, WickToken.Minus)) break;
            }
            var termStart = PositionOf(rest);
            int minus = 0;
            while (Is(rest, WickToken.Minus))
            {
                if (++minus > MaxChain) throw Error(PositionOf(rest), $"more than {MaxChain} signs in a row", "an expression");
                rest = Skip(rest);
            }
            var product = ProductRule(rest);
            Expr term = product.Value;
            for (int k = 0; k < minus; k++) term = new Negate(term);
            terms.Add(Located(term, termStart));
            rest = product.Remainder;
            first = false;
        }
        return Ok(terms.Count == 1 ? terms[0] : Located<Expr>(new Sum(terms.ToEquatableList()), start), input, rest);
    }

    private bool StartsItem(TokenList<WickToken> input)
    {
        if (!Next(input, out var t)) return false;
        return t.Kind switch
        {
            WickToken.Number or WickToken.Ident or WickToken.LParen or WickToken.LBracket or WickToken.LBrace or WickToken.LAngle => true,
            WickToken.Command => Text(t) is "sum" or "prod" or "frac" or "delta" or "sigma" or "chi" or "dots" or "ell" or "Theta" or "lambda" or "widehat",
            _ => false,
        };
    }

    private TokenListParserResult<WickToken, Expr> ProductRule(TokenList<WickToken> input)
    {
        var start = PositionOf(input);
        var factors = new List<Expr>();
        var rest = input;
        while (true)
        {
            if (factors.Count > 0 && Is(rest, WickToken.Star))
            {
                rest = Skip(rest);
                if (!StartsItem(rest))
                    throw Error(PositionOf(rest), $"expected a factor after '*', found {Describe(rest)}", "an expression");
            }
            if (factors.Count > 0 && Next(rest, out var dots) && dots.Kind == WickToken.Command && Text(dots) is "dots" or "cdots" or "ldots")
            {
                // z_{i_1} \dots z_{i_4} (the lectures' (50), (51)): the fields between, as the index ellipsis β_1, …, β_4 does.
                rest = Skip(rest);
                if (!StartsItem(rest)) throw Error(dots.Position, "an ellipsis between factors needs the last factor after it, as z_{i_1} \\dots z_{i_4}", "a factor");
                var last = QuotientRule(rest);
                factors.AddRange(FieldsBetween(factors[^1], last.Value, dots.Position));
                factors.Add(last.Value);
                rest = last.Remainder;
                continue;
            }
            if (!StartsItem(rest)) break;
            var q = QuotientRule(rest);
            factors.Add(q.Value);
            rest = q.Remainder;
        }
        if (factors.Count == 0)
            throw Error(PositionOf(rest), $"expected an expression, found {Describe(rest)}", "an expression");
        return Ok(factors.Count == 1 ? factors[0] : Located<Expr>(new Product(factors.ToEquatableList()), start), input, rest);
    }

    /// <summary>
    /// The fields strictly between <paramref name="first"/> and <paramref name="last"/> of <c>z_{i_1} \dots z_{i_4}</c>: two
    /// fields of one kind and layer that differ in one numbered index of one letter (i_1 … i_4); anything else is refused.
    /// </summary>
    private List<Expr> FieldsBetween(Expr first, Expr last, Position dots)
    {
        const string how = "an ellipsis between factors is read between two fields that differ in one numbered index, as z_{i_1} \\dots z_{i_4}; write the factors out";
        if (first is not Field a || last is not Field b || a.Kind != b.Kind || a.Layer != b.Layer || a.Derivative != b.Derivative
            || a.Neural.Count != b.Neural.Count || (a.Sample is null) != (b.Sample is null))
            throw Error(dots, how, "the factors written out");
        var pairs = a.Neural.Zip(b.Neural).Append((First: a.Sample!, Second: b.Sample!)).Where(p => p.First is not null).ToList();
        var differing = pairs.Where(p => p.First.Name != p.Second.Name).ToList();
        if (differing.Count != 1) throw Error(dots, how, "the factors written out");
        var (from, to) = differing[0];
        var between = Between(new RawIndex(from.Name, from.Kind, dots), new RawIndex(to.Name, to.Kind, dots), dots);
        return between.Select(raw =>
        {
            Index Swap(Index i) => i.Name == from.Name ? MakeIndex(raw, i.Kind, i.Layer, !_map.Weak.Contains(i)) : i;
            return (Expr)(a with { Neural = a.Neural.Select(Swap).ToEquatableList(), Sample = a.Sample is { } s ? Swap(s) : null });
        }).ToList();
    }

    private TokenListParserResult<WickToken, Expr> QuotientRule(TokenList<WickToken> input)
    {
        var left = PowerRule(input);
        var value = left.Value;
        var rest = left.Remainder;
        int chain = 0;
        while (Is(rest, WickToken.Slash))
        {
            if (++chain > MaxChain) throw Error(PositionOf(rest), $"more than {MaxChain} divisions in a row", "an operator");
            rest = Skip(rest);
            if (!StartsItem(rest))
                throw Error(PositionOf(rest), $"expected a denominator after '/', found {Describe(rest)}", "an expression");
            var right = PowerRule(rest);
            value = new Quotient(value, right.Value);
            rest = right.Remainder;
        }
        return Ok(value, input, rest);
    }

    private TokenListParserResult<WickToken, Expr> PowerRule(TokenList<WickToken> input)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var primary = PrimaryRule(input);
        var value = primary.Value;
        var rest = primary.Remainder;
        int chain = 0;
        while (true)
        {
            if (++chain > MaxChain) throw Error(PositionOf(rest), $"more than {MaxChain} powers in a row", "an operator");
            if (Is(rest, WickToken.Caret))
            {
                var caretAt = PositionOf(rest);
                if (DepthExponentAhead(Skip(rest), value) is { } depth)
                {
                    value = new DepthPower(value, depth.Multiplier, depth.Depth);
                    rest = depth.After;
                    continue;
                }
                if (LayerSuperscriptAhead(rest))
                    throw Error(caretAt, "a layer superscript ^(…) belongs right after a name (z, W, G4, K, C_W, …)", "a power such as ^2");
                var (exponent, after) = Exponent(Skip(rest), caretAt);
                value = new Power(value, exponent);
                rest = after;
                continue;
            }
            if (Is(rest, WickToken.Bar))
            {
                var barAt = PositionOf(rest);
                if (value is not Expectation { Connected: false } e)
                    throw Error(barAt, "'|_c' (connected) applies only to an expectation E[…]", "an operator");
                rest = Expect(Skip(rest), WickToken.Underscore, "after '|' (write E[…]|_c)");
                string? label = null;
                if (Next(rest, out var t) && t.Kind == WickToken.Ident) { label = Text(t); rest = Skip(rest); }
                else if (Is(rest, WickToken.LBrace) && Next(Skip(rest), out var t2) && t2.Kind == WickToken.Ident)
                {
                    label = Text(t2);
                    rest = Expect(Skip(Skip(rest)), WickToken.RBrace, "after the connected label");
                }
                if (label is not ("c" or "connected"))
                    throw Error(barAt, "expected '|_c' or '|_{connected}' after an expectation", "|_c");
                value = Located<Expr>(new Expectation(e.Body, true), _map.Positions.GetValueOrDefault(e, barAt));
                continue;
            }
            break;
        }
        return Ok(value, input, rest);
    }

    private (int Exponent, TokenList<WickToken> After) Exponent(TokenList<WickToken> input, Position caretAt)
    {
        var rest = input;
        bool braced = Is(rest, WickToken.LBrace);
        if (braced) rest = Skip(rest);
        bool negative = Is(rest, WickToken.Minus);
        if (negative) rest = Skip(rest);
        if (!Next(rest, out var t) || t.Kind != WickToken.Number || !int.TryParse(Text(t), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw Error(PositionOf(rest), $"expected an integer exponent after '^', found {Describe(rest)}", "an integer exponent");
        rest = Skip(rest);
        if (braced) rest = Expect(rest, WickToken.RBrace, "to close the exponent");
        _ = caretAt;
        return (negative ? -n : n, rest);
    }

    /// <summary>
    /// An exponent that grows with depth, after '^': <c>l</c>, <c>\ell</c>, <c>{l-1}</c>, <c>{\ell}</c>, <c>{2(l-1)}</c>, and in
    /// parentheses <c>(2(l-1))</c> after anything, <c>(l-1)</c> after anything but a bare name (where <c>^(l-1)</c> is the
    /// layer superscript: <c>C_W^(l)</c> is C_W^{(ℓ)}, so <c>(C_W)^(l)</c> stays an error). Null when it is not one.
    /// </summary>
    private (int Multiplier, Layer Depth, TokenList<WickToken> After)? DepthExponentAhead(TokenList<WickToken> input, Expr @base)
    {
        if (!Next(input, out var t)) return null;
        if (t.Kind == WickToken.Ident && Text(t).All(char.IsAsciiLetter) || t.Kind == WickToken.Command && Text(t) == "ell")
            return (1, LayerFrom([t], t.Position), Skip(input));
        if (t.Kind is not (WickToken.LBrace or WickToken.LParen)) return null;
        var close = t.Kind == WickToken.LBrace ? WickToken.RBrace : WickToken.RParen;
        var tokens = new List<Token<WickToken>>();
        var rest = Skip(input);
        int depth = 0;
        while (Next(rest, out var u) && !(depth == 0 && u.Kind == close))
        {
            if (u.Kind is WickToken.LParen or WickToken.LBrace) depth++;
            if (u.Kind is WickToken.RParen or WickToken.RBrace) depth--;
            tokens.Add(u);
            rest = Skip(rest);
        }
        if (!Is(rest, close) || tokens.Count == 0) return null;
        if (t.Kind == WickToken.LBrace && tokens[0].Kind == WickToken.LParen) return null; // ^{(\ell)}: the book's layer superscript
        var parsed = DepthExponent(tokens, t.Position);
        if (parsed is not { } e) return null;
        bool name = @base is SymbolRef or Quantity or Field;
        if (t.Kind == WickToken.LParen && name && !e.Explicit) return null;
        return (e.Multiplier, e.Depth, Skip(rest));
    }

    /// <summary><c>l-1</c>, <c>2(l-1)</c>, <c>2 l</c>, <c>2*(L-1)</c>: a positive multiplier of a symbolic layer; null for an integer.</summary>
    private (int Multiplier, Layer Depth, bool Explicit)? DepthExponent(List<Token<WickToken>> tokens, Position at)
    {
        int k = 0, multiplier = 1;
        bool explicitMultiplier = false;
        if (tokens.Count > 1 && tokens[0].Kind == WickToken.Number)
        {
            if (!int.TryParse(Text(tokens[0]), NumberStyles.None, CultureInfo.InvariantCulture, out multiplier) || multiplier < 1 || multiplier > 1000)
                throw Error(tokens[0].Position, $"expected a multiplier from 1 to 1000 in front of the depth, found '{Text(tokens[0])}'", "2(l-1)");
            explicitMultiplier = true;
            k = tokens[1].Kind == WickToken.Star ? 2 : 1;
        }
        List<Token<WickToken>> layer;
        if (k < tokens.Count && tokens[k].Kind == WickToken.LParen)
        {
            if (tokens[^1].Kind != WickToken.RParen) throw Error(tokens[^1].Position, "expected ')' to close the depth in the exponent", ")");
            layer = tokens[(k + 1)..^1];
        }
        else
        {
            layer = tokens[k..];
            if (explicitMultiplier && layer.Count > 1)
                throw Error(layer[0].Position, $"write the depth in parentheses: {multiplier}({string.Concat(layer.Select(Text))})", $"{multiplier}(…)");
        }
        if (layer.Count == 0 || layer[0].Kind is not (WickToken.Ident or WickToken.Command)) return null;
        var depth = LayerFrom(layer, layer[0].Position);
        if (depth.IsConcrete) return null;
        _ = at;
        return (multiplier, depth, explicitMultiplier);
    }

    private static bool LayerSuperscriptAhead(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.Caret)) return false;
        var r = Skip(input);
        if (Is(r, WickToken.LParen)) return true;
        if (!Is(r, WickToken.LBrace)) return false;
        r = Skip(r);
        if (Is(r, WickToken.LLiteralBrace)) return true;
        if (!Is(r, WickToken.LParen)) return false;
        // ^{(\ell)} is a layer; ^{(\alpha \beta)(\gamma \delta)} are the raised pairs of a vertex V_{(\ell)}^{…}.
        while (Next(r, out var t) && t.Kind != WickToken.RParen) r = Skip(r);
        return Is(r, WickToken.RParen) && Is(Skip(r), WickToken.RBrace);
    }

    /// <summary>True at <c>^{a b}</c>, <c>^{\\alpha \\beta}</c> or <c>^{(a b)(c d)}</c> (raised sample indices), not a power <c>^{2}</c> or a layer.</summary>
    private static bool RaisedIndicesAhead(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.Caret) || LayerSuperscriptAhead(input)) return false;
        var r = Skip(input);
        return Is(r, WickToken.LBrace) && Next(Skip(r), out var t) && t.Kind is WickToken.Ident or WickToken.Command or WickToken.LParen;
    }

    private TokenListParserResult<WickToken, Expr> PrimaryRule(TokenList<WickToken> input)
    {
        if (!Next(input, out var t))
            throw Error(_end, "expected an expression, found the end of the input", "an expression");
        var rest = Skip(input);
        switch (t.Kind)
        {
            case WickToken.Number:
                return Ok<Expr>(Located(new Number(Rational.Parse(Text(t))), t.Position), input, rest);
            case WickToken.LParen or WickToken.LBracket or WickToken.LBrace:
                {
                    var inner = SumRule(rest);
                    var close = t.Kind switch { WickToken.LParen => WickToken.RParen, WickToken.LBracket => WickToken.RBracket, _ => WickToken.RBrace };
                    return Ok(inner.Value, input, Expect(inner.Remainder, close, $"to close '{Text(t)}' opened at {t.Position.Line}:{t.Position.Column}"));
                }
            case WickToken.LAngle:
                return Gaussian(input);
        }
        string name = Text(t);
        if (t.Kind == WickToken.Command)
        {
            switch (name)
            {
                case "frac":
                    {
                        var r = Expect(rest, WickToken.LBrace, "after \\frac");
                        var num = SumRule(r);
                        r = Expect(num.Remainder, WickToken.RBrace, "to close the numerator of \\frac");
                        r = Expect(r, WickToken.LBrace, "for the denominator of \\frac");
                        var den = SumRule(r);
                        r = Expect(den.Remainder, WickToken.RBrace, "to close the denominator of \\frac");
                        return Ok<Expr>(new Quotient(num.Value, den.Value), input, r);
                    }
                case "sum": return IndexSumRule(input);
                case "prod": return LayerProductRule(input);
                case "delta": return DeltaRule(input);
                case "sigma": return FieldRule(input, FieldKind.Sigma);
                case "chi": return KernelFunctionRule(input);
                case "widehat": return StochasticMetricRule(input);
                case "ell":
                    // \ell as a number (3.28: 2(\ell-1)/n) is the depth symbol l.
                    return Ok<Expr>(Located(new SymbolRef(Symbol.Depth("l")), t.Position), input, rest);
                case "dots":
                    throw Error(t.Position, "'\\dots' / '\\cdots' between factors or terms: the pattern is not read; write the terms out " +
                        "(for a fixed m), the pairing tensor pairings_{i1 ... i2m}, or c_{2m}(n) for (1 + 2/n)(1 + 4/n)...", "the terms written out");
                case "Theta": return QuantityRule(input);
                case "lambda" when Is(rest, WickToken.Underscore): return SymbolRule(input);
            }
            throw Error(t.Position, $"unexpected '{_source.Substring(t.Position.Absolute, t.Span.Length)}' here", "an expression");
        }
        if (t.Kind != WickToken.Ident)
            throw Error(t.Position, $"expected an expression, found '{name}'", "an expression");
        // Identifiers.
        switch (name)
        {
            case "E" or "Ec" when Is(rest, WickToken.LBracket):
                {
                    var inner = SumRule(Skip(rest));
                    var r = Expect(inner.Remainder, WickToken.RBracket, $"to close '{name}[' opened at {t.Position.Line}:{t.Position.Column}");
                    return Ok<Expr>(Located(new Expectation(inner.Value, name == "Ec"), t.Position), input, r);
                }
            case "O" when Is(rest, WickToken.LParen):
                {
                    var inner = SumRule(Skip(rest));
                    var r = Expect(inner.Remainder, WickToken.RParen, $"to close 'O(' opened at {t.Position.Line}:{t.Position.Column}");
                    return Ok<Expr>(Located(new BigO(inner.Value), t.Position), input, r);
                }
            case "sum": return IndexSumRule(input);
            case "prod" when Is(rest, WickToken.Underscore): return LayerProductRule(input);
            case "delta": return DeltaRule(input);
            case "pairings" when Is(rest, WickToken.Underscore): return PairingsRule(input);
            case "orbit" when Is(rest, WickToken.Underscore): return OrbitRule(input);
            case "sigma": return FieldRule(input, FieldKind.Sigma);
            case "chi" when Is(rest, WickToken.Underscore): return KernelFunctionRule(input);
            case "g" or "h" or "j" when Is(rest, WickToken.LParen) && IsName(Skip(rest), "K"): return KernelFunctionRule(input);
            case "z" when _gaussianDepth > 0:
                return FieldRule(input, FieldKind.Z);
            case "z" or "W" or "b" or "x" when Is(rest, WickToken.Underscore) || LayerSuperscriptAhead(rest):
                return FieldRule(input, name switch { "z" => FieldKind.Z, "W" => FieldKind.W, "b" => FieldKind.B, _ => FieldKind.X });
            case "K" or "V" or "G1" or "Theta":
                return QuantityRule(input);
            case "G" when Is(rest, WickToken.Underscore) || LayerSuperscriptAhead(rest):
                return QuantityRule(input);
            case "c" when Is(rest, WickToken.Underscore):
                return CoefficientRule(input);
            case "n" when Is(rest, WickToken.Underscore):
                {
                    var scripts = Scripts(rest);
                    if (scripts.Layer is not null || scripts.G1)
                        throw Error(t.Position, "a width is written n_l, n_{l-1}, n_0 (layer as subscript)", "n_l");
                    var layer = LayerFrom(scripts.Sub!, scripts.SubAt);
                    return Ok<Expr>(Located(new SymbolRef(Symbol.Width(layer)), t.Position), input, scripts.Rest);
                }
        }
        if (name.Length >= 2 && name[0] is 'G' or 'V' && name[1..].All(char.IsAsciiDigit))
            return QuantityRule(input);
        return SymbolRule(input);
    }

    // ----- scripts: _{...} and ^(layer) in either order --------------------------------------------------

    private sealed record ScriptsResult(
        Layer? Layer, Position LayerAt, List<Token<WickToken>>? Sub, Position SubAt, bool G1, TokenList<WickToken> Rest);

    // K_(l)^{a b}, V_(l)^{(a b)(c d)}: the ASCII spelling of the book's K_{(\ell)}^{αβ} (4.46), (4.120) — the layer as a bare
    // parenthesised subscript, raised indices after it. Null when the input does not read so.
    private ScriptsResult? InverseLayerSubscript(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.Underscore) || !Is(Skip(input), WickToken.LParen)) return null;
        var open = Skip(input);
        var tokens = new List<Token<WickToken>>();
        var r = Skip(open);
        while (!r.IsAtEnd && !Is(r, WickToken.RParen) && !Is(r, WickToken.LParen))
        {
            tokens.Add(r.ConsumeToken().Value);
            r = Skip(r);
        }
        if (!Is(r, WickToken.RParen) || tokens.Count == 0) return null;
        r = Skip(r);
        if (!Is(r, WickToken.Caret) || !Is(Skip(r), WickToken.LBrace)) return null;
        var at = PositionOf(open);
        return new ScriptsResult(LayerFrom(tokens, PositionOf(Skip(open))), at, null, at, false, r);
    }

    /// <summary>
    /// Reads at most one subscript and one layer superscript after a name (either order). For a field or quantity
    /// (<paramref name="layered"/>) a bare superscript <c>z^l</c>, <c>G_4^{l-1}</c>, <c>G_2^0</c> is the lectures' layer
    /// (their l is the book's ℓ = l + 1): read with <see cref="Notation.Lectures"/>, refused with the book's spelling otherwise.
    /// </summary>
    private ScriptsResult Scripts(TokenList<WickToken> input, bool layered = false)
    {
        Layer? layer = null;
        Position layerAt = default, subAt = default;
        List<Token<WickToken>>? sub = null;
        bool g1 = false;
        var rest = input;
        for (int round = 0; round < 2; round++)
        {
            if (sub is null && Is(rest, WickToken.Underscore))
            {
                rest = Skip(rest);
                subAt = PositionOf(rest);
                (sub, rest) = ScriptGroup(rest, "subscript");
                continue;
            }
            if (layer is null && layered && LecturesLayerAhead(rest) is { } bare)
            {
                layerAt = bare[0].Position;
                var lectures = LayerFrom(bare, layerAt);
                if (_notation != Notation.Lectures)
                {
                    string shifted = lectures.IsConcrete ? (lectures.Offset + 1).ToString(CultureInfo.InvariantCulture) : lectures.Next.ToString().Replace("l", "\\ell", StringComparison.Ordinal);
                    throw Error(PositionOf(rest), $"'^{TokensText(bare)}' is the lectures' layer superscript (their layer l = 0 is the first hidden layer); " +
                        $"the book writes the layer in parentheses, one higher: ^{{({shifted})}}. Write that, or read the input with --notation lectures", $"^{{({shifted})}}");
                }
                layer = lectures.Next;
                rest = SkipGroup(Skip(rest));
                continue;
            }
            if (layer is null && LayerSuperscriptAhead(rest) && !MultipliedDepthAhead(rest))
            {
                rest = Skip(rest);
                bool braced = Is(rest, WickToken.LBrace);
                if (braced) rest = Skip(rest);
                if (braced && Is(rest, WickToken.LLiteralBrace))
                {
                    // G^{\{1\}(\ell)}: the NLO metric.
                    var r = Skip(rest);
                    if (!Next(r, out var one) || one.Kind != WickToken.Number || Text(one) != "1")
                        throw Error(PositionOf(r), "expected '\\{1\\}' (the NLO metric G^{\\{1\\}(\\ell)})", "1");
                    rest = Expect(Skip(r), WickToken.RLiteralBrace, "to close '\\{1'");
                    g1 = true;
                }
                rest = Expect(rest, WickToken.LParen, "to open the layer superscript");
                layerAt = PositionOf(rest);
                var layerTokens = new List<Token<WickToken>>();
                while (Next(rest, out var lt) && lt.Kind != WickToken.RParen) { layerTokens.Add(lt); rest = Skip(rest); }
                rest = Expect(rest, WickToken.RParen, "to close the layer superscript");
                if (braced) rest = Expect(rest, WickToken.RBrace, "to close the layer superscript");
                layer = LayerFrom(layerTokens, layerAt);
                continue;
            }
            break;
        }
        return new ScriptsResult(layer, layerAt, sub, subAt, g1, rest);
    }

    /// <summary>
    /// The tokens of a bare layer superscript ahead (<c>^l</c>, <c>^{l-1}</c>, <c>^\ell</c>, <c>^0</c>): a layer name
    /// without parentheses; a number other than 0 stays a power (z_\alpha^2), 0 only in the lectures' notation.
    /// </summary>
    private List<Token<WickToken>>? LecturesLayerAhead(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.Caret)) return null;
        var group = GroupAhead(Skip(input));
        if (group is null || group.Any(t => t.Kind is WickToken.LParen or WickToken.LLiteralBrace or WickToken.LBrace)) return null;
        var head = group[0];
        bool name = head.Kind == WickToken.Ident && Text(head) is "l" or "L" || head.Kind == WickToken.Command && Text(head) == "ell";
        bool zero = head.Kind == WickToken.Number && Text(head) == "0" && group.Count == 1 && _notation == Notation.Lectures;
        if (!name && !zero) return null;
        if (group.Count > 1 && (group.Count != 3 || group[1].Kind is not (WickToken.Plus or WickToken.Minus) || group[2].Kind != WickToken.Number)) return null;
        return group;
    }

    private string TokensText(List<Token<WickToken>> tokens) =>
        tokens.Count == 1 ? Text(tokens[0]) : "{" + string.Concat(tokens.Select(Text)) + "}";

    // The tokens of the group starting here: inside {…}, or the one token.
    private static List<Token<WickToken>>? GroupAhead(TokenList<WickToken> input)
    {
        if (!Next(input, out var t)) return null;
        if (t.Kind != WickToken.LBrace) return [t];
        var list = new List<Token<WickToken>>();
        int depth = 0;
        var rest = Skip(input);
        while (Next(rest, out var u) && !(depth == 0 && u.Kind == WickToken.RBrace))
        {
            if (u.Kind == WickToken.LBrace) depth++;
            if (u.Kind == WickToken.RBrace) depth--;
            list.Add(u);
            rest = Skip(rest);
        }
        return list.Count > 0 ? list : null;
    }

    // ^(2(l-1)) or ^{2(l-1)}: a power growing with depth, never a layer superscript.
    private static bool MultipliedDepthAhead(TokenList<WickToken> input)
    {
        var r = Skip(input);
        if (Is(r, WickToken.LBrace)) r = Skip(r);
        if (!Is(r, WickToken.LParen)) return false;
        r = Skip(r);
        return Is(r, WickToken.Number) && (Is(Skip(r), WickToken.LParen) || Is(Skip(r), WickToken.Star) || Is(Skip(r), WickToken.Ident));
    }

    /// <summary>A script group: <c>{…}</c> (tokens inside, brackets balanced) or a single token.</summary>
    private (List<Token<WickToken>> Tokens, TokenList<WickToken> After) ScriptGroup(TokenList<WickToken> input, string what)
    {
        if (!Next(input, out var t))
            throw Error(_end, $"expected a {what} after '_', found the end of the input", "{");
        var rest = Skip(input);
        if (t.Kind == WickToken.LBrace)
        {
            var list = new List<Token<WickToken>>();
            int depth = 0;
            while (Next(rest, out var u) && !(depth == 0 && u.Kind == WickToken.RBrace))
            {
                if (u.Kind == WickToken.LBrace) depth++;
                if (u.Kind == WickToken.RBrace) depth--;
                list.Add(u);
                rest = Skip(rest);
            }
            rest = Expect(rest, WickToken.RBrace, $"to close the {what}");
            if (list.Count == 0) throw Error(t.Position, $"empty {what} '{{}}'", "indices");
            return (list, rest);
        }
        if (t.Kind is WickToken.Ident or WickToken.Number or WickToken.Command)
            return ([t], rest);
        throw Error(t.Position, $"expected a {what} after '_', found '{Text(t)}'", "{");
    }

    /// <summary>A layer: <c>l</c>, <c>l+1</c>, <c>l-1</c>, <c>L</c>, <c>\ell</c>, <c>0</c>, <c>2</c>, and primed <c>l'</c>, <c>\ell'+1</c>.</summary>
    private Layer LayerFrom(List<Token<WickToken>> tokens, Position at)
    {
        const string expected = "a layer such as l, l+1, l-1, L, 0, 1";
        if (tokens.Count == 0) throw Error(at, "expected a layer, found nothing", expected);
        var head = tokens[0];
        string text = Text(head);
        int k = 1;
        while (k < tokens.Count && tokens[k].Kind == WickToken.Prime) k++;
        string primes = new('\'', k - 1);
        int offset = 0;
        if (tokens.Count == k + 2 && tokens[k].Kind is WickToken.Plus or WickToken.Minus && tokens[k + 1].Kind == WickToken.Number &&
            int.TryParse(Text(tokens[k + 1]), NumberStyles.None, CultureInfo.InvariantCulture, out int o) && o <= 1_000_000)
            offset = tokens[k].Kind == WickToken.Plus ? o : -o;
        else if (tokens.Count != k)
            throw Error(tokens[k].Position, "expected a layer such as l, l+1, l-1, L, 0", expected);
        if (head.Kind == WickToken.Number && primes.Length == 0 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number <= 1_000_000)
        {
            if (number + offset < 0) throw Error(head.Position, $"layer {number}{offset} is below the input layer 0", expected);
            return Layer.Concrete(number + offset);
        }
        if (head.Kind == WickToken.Command && text == "ell") return Layer.Symbolic("l" + primes, offset);
        if (head.Kind == WickToken.Ident && text.All(char.IsAsciiLetter)) return Layer.Symbolic(text + primes, offset);
        throw Error(head.Position, $"expected a layer, found '{text}'", expected);
    }

    // ----- indices -----------------------------------------------------------------------------------------

    /// <summary>One parsed index occurrence before binding: name, letter-family guess and position.</summary>
    internal readonly record struct RawIndex(string Name, IndexKind LetterKind, Position At);

    /// <summary>The family a bare letter suggests: a–e (α, β, γ, δ, ε) are sample indices, everything else neural.</summary>
    internal static IndexKind LetterKind(string name) => IndexSpelling.KindOf(name);

    /// <summary>
    /// Reads a list of indices (<c>i1 i2</c>, <c>i_1i_2</c>, <c>jk</c>, <c>\alpha_1 \alpha_2</c>, <c>j,k</c>). Each index is
    /// one letter plus optional digits; a run of letters (<c>jk</c>) is several indices.
    /// </summary>
    private List<RawIndex> Indices(List<Token<WickToken>> tokens, ref int k, Func<Token<WickToken>, bool> stop)
    {
        var list = new List<RawIndex>();
        Position? ellipsis = null;
        while (k < tokens.Count && !stop(tokens[k]))
        {
            var t = tokens[k];
            if (t.Kind == WickToken.Comma) { k++; continue; }
            if (t.Kind == WickToken.Command && Text(t) is "dots" or "cdots" or "ldots")
            {
                // \beta_1, \dots, \beta_4: the indices between two numbered ones of one letter.
                if (list.Count == 0 || ellipsis is not null)
                    throw Error(t.Position, "an ellipsis runs between two numbered indices of one letter, as \\beta_1, \\dots, \\beta_4", "an index");
                ellipsis = t.Position;
                k++;
                continue;
            }
            var chunks = new List<(string Name, Position At)>();
            if (t.Kind == WickToken.Ident)
            {
                string text = Text(t);
                int s = 0;
                while (s < text.Length)
                {
                    int e = s + 1;
                    while (e < text.Length && char.IsAsciiDigit(text[e])) e++;
                    if (!char.IsAsciiLetter(text[s]))
                        throw Error(t.Position, $"expected an index (one letter and digits such as i1, a2), found '{text}'", "an index");
                    chunks.Add((text[s..e], new Position(t.Position.Absolute + s, t.Position.Line, t.Position.Column + s)));
                    s = e;
                }
            }
            else if (t.Kind == WickToken.Command && IndexSpelling.SampleLetterOf(Text(t)) is { } letter)
                chunks.Add((letter.ToString(), t.Position));
            else
                throw Error(t.Position, $"expected an index such as i1, j, a1 or \\alpha_1, found '{Text(t)}'", "an index");
            k++;
            // A trailing number or _1 / _{12} attaches to the last letter: i_1, \alpha_{2}, α1.
            string? digits = null;
            if (k < tokens.Count && tokens[k].Kind == WickToken.Number && t.Kind == WickToken.Command) digits = Text(tokens[k++]);
            else if (k + 1 < tokens.Count && tokens[k].Kind == WickToken.Underscore)
            {
                if (tokens[k + 1].Kind == WickToken.Number) { digits = Text(tokens[k + 1]); k += 2; }
                else if (k + 3 < tokens.Count && tokens[k + 1].Kind == WickToken.LBrace && tokens[k + 2].Kind == WickToken.Number && tokens[k + 3].Kind == WickToken.RBrace)
                { digits = Text(tokens[k + 2]); k += 4; }
                else throw Error(tokens[k].Position, "an index subscript must be a number (i_1, \\alpha_{2})", "a number");
            }
            if (digits is not null)
            {
                if (!digits.All(char.IsAsciiDigit) || chunks[^1].Name.Length > 1)
                    throw Error(t.Position, $"index '{chunks[^1].Name}' already has a number; cannot add '{digits}'", "an index");
                chunks[^1] = (chunks[^1].Name + digits, chunks[^1].At);
            }
            // Primes attach to the last index: k', i1'.
            while (k < tokens.Count && tokens[k].Kind == WickToken.Prime) { chunks[^1] = (chunks[^1].Name + "'", chunks[^1].At); k++; }
            foreach (var (n, at) in chunks) list.Add(new RawIndex(n, LetterKind(n), at));
            if (ellipsis is { } dots)
            {
                ellipsis = null;
                list.InsertRange(list.Count - 1, Between(list[^2], list[^1], dots));
            }
        }
        if (ellipsis is { } open)
            throw Error(open, "an ellipsis needs the last index after it, as \\beta_1, \\dots, \\beta_4", "an index");
        return list;
    }

    // The indices strictly between first and last of an ellipsis: β_1, …, β_4 ↦ β_2, β_3.
    private List<RawIndex> Between(RawIndex first, RawIndex last, Position dots)
    {
        static (string Letter, int Number)? Split(string name)
        {
            int d = name.Length;
            while (d > 0 && char.IsAsciiDigit(name[d - 1])) d--;
            return d == 0 || d == name.Length || !int.TryParse(name[d..], out int n) ? null : (name[..d], n);
        }
        if (Split(first.Name) is not { } a || Split(last.Name) is not { } b || a.Letter != b.Letter || b.Number <= a.Number)
            throw Error(dots, $"an ellipsis runs between two numbered indices of one letter in increasing order, as \\beta_1, \\dots, \\beta_4; found '{first.Name}' and '{last.Name}'", "an index");
        if (b.Number - a.Number > 64)
            throw Error(dots, $"an ellipsis from '{first.Name}' to '{last.Name}' would write {b.Number - a.Number - 1} indices; at most 63 are spelled out", "fewer indices");
        return Enumerable.Range(a.Number + 1, b.Number - a.Number - 1)
            .Select(n => new RawIndex(a.Letter + n, first.LetterKind, dots)).ToList();
    }

    private Index MakeIndex(RawIndex raw, IndexKind kind, Layer? layer, bool strong)
    {
        var index = new Index(raw.Name, kind, kind == IndexKind.Neural ? layer : null);
        _map.Positions[index] = raw.At;
        if (layer is { } l) _map.LayerEvidence[index] = l;
        if (!strong) _map.Weak.Add(index);
        return index;
    }

    // ----- fields ------------------------------------------------------------------------------------------

    private TokenListParserResult<WickToken, Expr> FieldRule(TokenList<WickToken> input, FieldKind kind)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(input);
        int derivative = 0;
        while (kind == FieldKind.Sigma && Is(rest, WickToken.Prime))
        {
            if (_gaussianDepth == 0) throw Error(PositionOf(rest), "derivatives sigma'_{a}, sigma''_{a} belong inside a Gaussian expectation <...>_K", "_");
            if (++derivative > MaxSigmaDerivative) throw Error(PositionOf(rest), "derivatives of sigma up to the fourth, sigma'''', are supported", "_");
            rest = Skip(rest);
        }
        if (kind == FieldKind.Sigma && _gaussianDepth == 0 && Is(rest, WickToken.Underscore) && Next(Skip(rest), out var w)
            && w.Kind == WickToken.Ident && Text(w) is "w" or "b"
            && Is(Skip(Skip(rest)), WickToken.Caret) && GroupAhead(Skip(Skip(Skip(rest)))) is [{ Kind: WickToken.Number } two] && Text(two) == "2")
        {
            // The lectures' σ_w², σ_b² (their eq. 3) are the book's C_W, C_b.
            string book = Text(w) == "w" ? "C_W" : "C_b";
            var after = Skip(Skip(rest));
            if (_notation != Notation.Lectures)
                throw Error(head.Position, $"'\\sigma_{Text(w)}^2' is the lectures' spelling of {book}; write {book}, or read the input with --notation lectures", book);
            return Ok<Expr>(Located(new SymbolRef(Symbol.FromName(book)), head.Position), input, SkipGroup(Skip(after)));
        }
        if (kind == FieldKind.Sigma && _gaussianDepth > 0 && BareSigmaPower(rest) is var (power, afterPower))
        {
            // σ^4(z) inside ⟨…⟩_K (5.109): the fourth power of σ(z) of the single input, not σ^4 times z.
            var bare = Located(new Field(kind, null, EquatableList.Of<Index>(), null, derivative), head.Position);
            return Ok<Expr>(new Power(bare, power), input, afterPower);
        }
        if (kind == FieldKind.Sigma && _gaussianDepth > 0 && Is(rest, WickToken.LParen) && IsName(Skip(rest), "z") && Is(Skip(Skip(rest)), WickToken.RParen))
        {
            // σ(z), σ'(z) inside ⟨…⟩_K: the single input's activation (5.49)–(5.52).
            return Ok<Expr>(Located(new Field(kind, null, EquatableList.Of<Index>(), null, derivative), head.Position), input, Skip(Skip(Skip(rest))));
        }
        if (kind == FieldKind.Sigma && _gaussianDepth > 0 && Is(rest, WickToken.LParen) && !IsPreactivationArgument(Skip(rest)))
        {
            // σ σ (z^2 − K) inside ⟨…⟩_K: a bare σ followed by a bracketed factor, not an argument.
            return Ok<Expr>(Located(new Field(kind, null, EquatableList.Of<Index>(), null, derivative), head.Position), input, rest);
        }
        if (kind == FieldKind.Sigma && Is(rest, WickToken.LParen))
        {
            // sigma(z^(l)_{j;a}) — an activation of a preactivation.
            var r = Skip(rest);
            if (!IsName(r, "z"))
                throw Error(PositionOf(r), $"expected a preactivation z^(l)_{{i;a}} inside sigma(…), found {Describe(r)}", "z");
            var z = FieldRule(r, FieldKind.Z);
            r = Expect(z.Remainder, WickToken.RParen, $"to close 'sigma(' opened at {head.Position.Line}:{head.Position.Column}");
            var zf = (Field)z.Value;
            if (zf.Layer is null && zf.Neural.Count == 0 && zf.Sample is null)
                throw Error(PositionOf(r), "expected a preactivation with a layer or index inside sigma(…), such as z^(l)_{i;a} or z_{a}", "z^(l)_{i;a}");
            return Ok<Expr>(Located(zf with { Kind = FieldKind.Sigma, Derivative = derivative }, head.Position), input, r);
        }
        var scripts = Scripts(rest, layered: kind != FieldKind.Sigma);
        if (scripts.G1) throw Error(scripts.LayerAt, "'\\{1\\}' belongs to the NLO metric G^{\\{1\\}(\\ell)}", "(");
        if (kind == FieldKind.Sigma && scripts.Sub is null && scripts.Layer is null && _gaussianDepth > 0)
            return Ok<Expr>(Located(new Field(kind, null, EquatableList.Of<Index>(), null, derivative), head.Position), input, scripts.Rest);
        if (kind == FieldKind.Sigma && scripts.Sub is null && scripts.Layer is null)
            throw Error(PositionOf(rest), $"expected sigma(z^(l)_{{i;a}}) or sigma_{{a}} after '{Text(head)}', found {Describe(rest)}", "( or _");
        Layer? layer = scripts.Layer;
        if (kind == FieldKind.X)
        {
            if (layer is { } given && given != Layer.Concrete(0))
                throw Error(scripts.LayerAt, "the input x lives in layer 0; write x_{j;a}", "x_{j;a}");
            layer = Layer.Concrete(0);
        }
        var neural = new List<RawIndex>();
        var sample = new List<RawIndex>();
        bool explicitSplit = false;
        if (scripts.Sub is { } sub)
        {
            int k = 0;
            neural = Indices(sub, ref k, t => t.Kind == WickToken.Semicolon);
            if (k < sub.Count)
            {
                explicitSplit = true;
                k++;
                sample = Indices(sub, ref k, t => t.Kind == WickToken.Semicolon);
                if (k < sub.Count) throw Error(sub[k].Position, "a field has one ';' between neural and sample indices", "an index");
            }
        }
        if (scripts.Sub is not null && neural.Count + sample.Count == 0)
            throw Error(scripts.SubAt, "expected indices in the subscript, such as _{i;a} or _{i}", "an index");
        if (kind is FieldKind.Z or FieldKind.Sigma && !explicitSplit && InputArgument(scripts.Rest) is var (input0, afterArgument))
        {
            // z_i^{(ℓ)}(x_α) (the lectures' (46), the book's z(x)): the input the field is evaluated on is its sample index.
            explicitSplit = true;
            sample = [input0];
            scripts = scripts with { Rest = afterArgument };
        }
        string fieldName = kind switch { FieldKind.Z => "z", FieldKind.Sigma => "sigma", FieldKind.W => "W", FieldKind.B => "b", _ => "x" };
        var at = scripts.Sub is not null ? scripts.SubAt : head.Position;
        if (sample.Count > 1) throw Error(sample[1].At, $"{fieldName} takes one sample index after ';', found {sample.Count}", "one sample index");
        Field field;
        switch (kind)
        {
            case FieldKind.W:
                if (explicitSplit) throw Error(at, "a weight W^(l)_{ij} has no sample index", "two neural indices");
                if (neural.Count != 2)
                    throw Error(at, $"a weight W^(l)_{{ij}} takes two neural indices (row in layer l, column in layer l-1), found {neural.Count}", "two neural indices");
                if (layer is { IsConcrete: true, Offset: 0 })
                    throw Error(scripts.LayerAt, "there is no weight W^(0): the first weights are W^(1) (z^(1) = b^(1) + W^(1) x, eq. 2.5)", "a layer of at least 1");
                field = new Field(kind, layer, EquatableList.Of(
                    MakeIndex(neural[0], IndexKind.Neural, layer, true),
                    MakeIndex(neural[1], IndexKind.Neural, layer?.Previous, true)), null);
                break;
            case FieldKind.B:
                if (explicitSplit) throw Error(at, "a bias b^(l)_{i} has no sample index", "one neural index");
                if (neural.Count != 1) throw Error(at, $"a bias b^(l)_{{i}} takes one neural index, found {neural.Count}", "one neural index");
                field = new Field(kind, layer, EquatableList.Of(MakeIndex(neural[0], IndexKind.Neural, layer, true)), null);
                break;
            default:
                if (neural.Count > 1)
                    throw Error(neural[1].At, $"{fieldName} takes one neural index (and one sample index after ';'), found {neural.Count}; separate fields are multiplied: z_{{i1}} z_{{i2}}", "';' or '}'");
                if (!explicitSplit && neural.Count == 1)
                {
                    // z_{i} or sigma_{a1}: the family follows from the letter (or from other uses, settled by the binder).
                    var only = MakeIndex(neural[0], neural[0].LetterKind, layer, strong: false);
                    field = new Field(kind, layer, EquatableList.Of(only), null, derivative);
                }
                else
                {
                    var n = neural.Select(r => MakeIndex(r, IndexKind.Neural, layer, true)).ToEquatableList();
                    var s = sample.Count == 1 ? MakeIndex(sample[0], IndexKind.Sample, null, true) : null;
                    field = new Field(kind, layer, n, s, derivative);
                }
                break;
        }
        return Ok<Expr>(Located(field, head.Position), input, scripts.Rest);
    }

    // (x, x) or (x_α, x_β) after G^{(ℓ)}: the two inputs of the metric (none for the single input). Null otherwise.
    private (List<RawIndex> Samples, TokenList<WickToken> After)? InputPair(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.LParen)) return null;
        var r = Skip(input);
        var samples = new List<RawIndex>();
        for (int k = 0; k < 2; k++)
        {
            if (k == 1) { if (!Is(r, WickToken.Comma)) return null; r = Skip(r); }
            if (!IsName(r, "x")) return null;
            r = Skip(r);
            if (!Is(r, WickToken.Underscore)) continue;
            var (sub, after) = ScriptGroup(Skip(r), "input's sample index");
            int i = 0;
            var raw = Indices(sub, ref i, _ => false);
            if (raw.Count != 1 || raw[0].LetterKind != IndexKind.Sample) return null;
            samples.Add(raw[0]);
            r = after;
        }
        return Is(r, WickToken.RParen) && samples.Count is 0 or 2 ? (samples, Skip(r)) : null;
    }

    // (x_α) right after a field: the input it is evaluated on, read as its sample index. Null when the input does not read so.
    private (RawIndex Sample, TokenList<WickToken> After)? InputArgument(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.LParen) || !IsName(Skip(input), "x") || !Is(Skip(Skip(input)), WickToken.Underscore)) return null;
        var (sub, after) = ScriptGroup(Skip(Skip(Skip(input))), "input's sample index");
        if (!Is(after, WickToken.RParen)) return null;
        int k = 0;
        var raw = Indices(sub, ref k, _ => false);
        return raw.Count == 1 && raw[0].LetterKind == IndexKind.Sample ? (raw[0], Skip(after)) : null;
    }

    /// <summary>The highest derivative of σ a Gaussian expectation may carry (σ'''' in the 1/n terms of 4.115).</summary>
    private const int MaxSigmaDerivative = 4;

    // z^(l)_{i;a} followed by ')': the argument of σ(…). No diagnostic: otherwise the group is a factor of its own.
    private bool IsPreactivationArgument(TokenList<WickToken> input)
    {
        if (!IsName(input, "z")) return false;
        try { return Is(FieldRule(input, FieldKind.Z).Remainder, WickToken.RParen); }
        catch (ParseException) { return false; }
    }

    // ^k(z) or ^{k}(z) after σ: a power of the single input's σ(z). Null when the input does not read so.
    private (int Power, TokenList<WickToken> After)? BareSigmaPower(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.Caret)) return null;
        var r = Skip(input);
        bool braced = Is(r, WickToken.LBrace);
        if (braced) r = Skip(r);
        if (!Next(r, out var number) || number.Kind != WickToken.Number || !int.TryParse(Text(number), NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1) return null;
        r = Skip(r);
        if (braced) { if (!Is(r, WickToken.RBrace)) return null; r = Skip(r); }
        if (!Is(r, WickToken.LParen) || !IsName(Skip(r), "z") || !Is(Skip(Skip(r)), WickToken.RParen)) return null;
        if (k > 16) throw Error(number.Position, $"sigma^{k}(z): powers of sigma up to 16 are supported", "a smaller power");
        return (k, Skip(Skip(Skip(r))));
    }

    /// <summary>
    /// The stochastic metric (4.36), (4.70), read as its definition
    /// <c>\widehat{G}^{(ℓ)}_{α1α2} ≡ C_b^{(ℓ)} + C_W^{(ℓ)} (1/n_{ℓ−1}) Σ_{j=1}^{n_{ℓ−1}} σ^{(ℓ−1)}_{j;α1} σ^{(ℓ−1)}_{j;α2}</c>: a random
    /// variable, so it belongs inside E[…]. The constants carry the layer when the input writes any C_W, C_b with one (chapter 4).
    /// </summary>
    private TokenListParserResult<WickToken, Expr> StochasticMetricRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        const string spelling = "\\widehat{G}_{\\alpha_1\\alpha_2}^{(\\ell)}";
        var r = Expect(Skip(input), WickToken.LBrace, "after \\widehat: the stochastic metric is \\widehat{G}");
        if (!IsName(r, "G")) throw Error(PositionOf(r), "\\widehat is read for the stochastic metric \\widehat{G} (4.36) only", "G");
        r = Expect(Skip(r), WickToken.RBrace, "to close \\widehat{G");
        var scripts = Scripts(r);
        if (scripts.Layer is not { } layer || scripts.Sub is null || scripts.G1)
            throw Error(head.Position, $"the stochastic metric takes two sample indices and a layer, as {spelling}", spelling);
        if (layer is { IsConcrete: true, Offset: 0 })
            throw Error(scripts.LayerAt, "there is no stochastic metric of the inputs: \\widehat{G}^{(\\ell)} starts at layer 1", "a layer of at least 1");
        int k = 0;
        var samples = Indices(scripts.Sub, ref k, _ => false);
        if (samples.Count != 2) throw Error(scripts.SubAt, $"the stochastic metric takes two sample indices, found {samples.Count}", "\\alpha_1\\alpha_2");
        var below = layer.Previous;
        var j = MakeIndex(new RawIndex("j", IndexKind.Neural, head.Position), IndexKind.Neural, below, true);
        Field Sigma(RawIndex a) => new(FieldKind.Sigma, below, EquatableList.Of(j), MakeIndex(a, IndexKind.Sample, null, true));
        bool perLayer = System.Text.RegularExpressions.Regex.IsMatch(_source, @"C_\{?[Wb]\}?\s*\^\s*\{?\s*\(");
        Expr cb = new SymbolRef(perLayer ? Symbol.BiasVariance(layer) : Symbol.Cb), cw = new SymbolRef(perLayer ? Symbol.WeightVariance(layer) : Symbol.CW);
        var width = new SymbolRef(Symbol.Width(below));
        var sum = new IndexSum(EquatableList.Of(j), new Number(Rational.One), width, new Product(EquatableList.Of<Expr>(Sigma(samples[0]), Sigma(samples[1]))));
        var definition = new Sum(EquatableList.Of<Expr>(cb, new Product(EquatableList.Of<Expr>(cw, new Quotient(new Number(Rational.One), width), sum))));
        return Ok<Expr>(Located(definition, head.Position), input, scripts.Rest);
    }

    /// <summary>
    /// The book's single-input helper functions of the kernel, g(K), χ_∥(K), χ_⊥(K), h(K), j(K) (5.49)–(5.52), (5.111), with an
    /// optional power (χ_∥^2(K), 5.109): read as their defining Gaussian expectations (<see cref="KernelFunctions"/>).
    /// </summary>
    private TokenListParserResult<WickToken, Expr> KernelFunctionRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(input);
        KernelFunction function;
        if (Text(head) == "chi" && !Is(rest, WickToken.Underscore))
        {
            // The bare χ of the scale-invariant class (5.115): χ_∥ = χ_⊥ = C_W A_2, a constant (ScaleInvariantConstants).
            return Ok<Expr>(Located(new SymbolRef(Symbol.FromName("chi")), head.Position), input, rest);
        }
        if (Text(head) == "chi")
        {
            var subAt = PositionOf(rest);
            if (!Is(rest, WickToken.Underscore)) throw Error(subAt, "expected chi_{\\parallel} or chi_{\\perp} (chi_par, chi_perp)", "_");
            var (sub, after) = ScriptGroup(Skip(rest), "susceptibility");
            string which = string.Concat(sub.Select(Text));
            function = which switch
            {
                "parallel" or "par" => KernelFunction.ChiParallel,
                "perp" => KernelFunction.ChiPerp,
                _ => throw Error(subAt, $"expected chi_{{\\parallel}} or chi_{{\\perp}}, found chi_{{{which}}}", "\\parallel or \\perp"),
            };
            rest = after;
        }
        else function = Text(head) switch { "g" => KernelFunction.G, "h" => KernelFunction.H, _ => KernelFunction.J };
        int power = 1;
        if (Is(rest, WickToken.Caret))
        {
            var (sup, after) = ScriptGroup(Skip(rest), "power");
            if (sup is not [{ Kind: WickToken.Number } n] || !int.TryParse(Text(n), NumberStyles.None, CultureInfo.InvariantCulture, out power) || power is < 1 or > 16)
                throw Error(PositionOf(Skip(rest)), "a power of a helper function is a small integer, as chi_{\\parallel}^2(K^(l))", "2");
            rest = after;
        }
        var open = PositionOf(rest);
        string name = KernelFunctions.Name(function);
        rest = Expect(rest, WickToken.LParen, $"after {name}: its argument is the kernel, as (K^(l))");
        if (!IsName(rest, "K")) throw Error(PositionOf(rest), $"the argument of {name} is the single-input kernel K^(l)", "K^(l)");
        var argument = QuantityRule(rest);
        if (argument.Value is not Quantity { Kind: QuantityKind.K, Indices.Count: 0, Raised: false } k)
            throw Error(PositionOf(rest), $"the argument of {name} is the single-input kernel K^(l), without indices", "K^(l)");
        var close = Expect(argument.Remainder, WickToken.RParen, $"to close '(' opened at {open.Line}:{open.Column}");
        var value = Located<Expr>(new HelperFunction(function, k.Layer), head.Position);
        return Ok<Expr>(Located(power == 1 ? value : new Power(value, power), head.Position), input, close);
    }

    private TokenListParserResult<WickToken, Expr> DeltaRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(input);
        if (Is(rest, WickToken.Caret)) return MixedDeltaRule(head, input, Skip(rest));
        if (!Is(rest, WickToken.Underscore))
            throw Error(PositionOf(rest), $"expected '_{{i j}}' after delta, found {Describe(rest)}", "_{i j}");
        rest = Skip(rest);
        var subAt = PositionOf(rest);
        var (sub, after) = ScriptGroup(rest, "pair of indices");
        int k = 0;
        var raw = Indices(sub, ref k, _ => false);
        if (raw.Count != 2)
            throw Error(subAt, $"a Kronecker delta takes a pair of indices, found {raw.Count}", "two indices");
        var delta = new Delta(MakeIndex(raw[0], raw[0].LetterKind, null, false), MakeIndex(raw[1], raw[1].LetterKind, null, false));
        return Ok<Expr>(Located(delta, head.Position), input, after);
    }

    /// <summary>δ^α_β (the identity on sample space, K^{αγ}K_{γβ} = δ^α_β): <c>delta^{a}_{b}</c>, <c>\delta^{\alpha}_{\beta}</c>.</summary>
    private TokenListParserResult<WickToken, Expr> MixedDeltaRule(Token<WickToken> head, TokenList<WickToken> input, TokenList<WickToken> rest)
    {
        var upAt = PositionOf(rest);
        var (up, after) = ScriptGroup(rest, "upper index");
        if (!Is(after, WickToken.Underscore))
            throw Error(PositionOf(after), $"expected '_{{b}}' with the lower index of delta^{{a}}_{{b}}, found {Describe(after)}", "_{b}");
        after = Skip(after);
        var lowAt = PositionOf(after);
        var (low, rest2) = ScriptGroup(after, "lower index");
        int k = 0, k2 = 0;
        var upper = Indices(up, ref k, _ => false);
        var lower = Indices(low, ref k2, _ => false);
        if (upper.Count != 1) throw Error(upAt, $"delta^{{a}}_{{b}} takes one upper index, found {upper.Count}", "one sample index");
        if (lower.Count != 1) throw Error(lowAt, $"delta^{{a}}_{{b}} takes one lower index, found {lower.Count}", "one sample index");
        if (upper[0].LetterKind != IndexKind.Sample || lower[0].LetterKind != IndexKind.Sample)
            throw Error(upAt, "a delta with an upper index is a sample delta: its indices are sample indices (a–e, α–ε)", "sample indices");
        var delta = new Delta(MakeIndex(upper[0], IndexKind.Sample, null, true), MakeIndex(lower[0], IndexKind.Sample, null, true)) { Mixed = true };
        return Ok<Expr>(Located(delta, head.Position), input, rest2);
    }

    /// <summary><c>pairings_{i1 i2 … i2m}</c> (LaTeX <c>\mathrm{pairings}_{i_1 i_2 …}</c>): the pairing tensor (3.44) on neural indices.</summary>
    private TokenListParserResult<WickToken, Expr> PairingsRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(Skip(input));
        var subAt = PositionOf(rest);
        var (sub, after) = ScriptGroup(rest, "indices");
        int k = 0;
        var raw = Indices(sub, ref k, _ => false);
        if (raw.Count == 0 || raw.Count % 2 != 0)
            throw Error(subAt, $"a pairing tensor takes an even, positive number of indices, found {raw.Count}", "i1 i2 ... i2m");
        var tensor = new PairingSum(raw.Select(r => MakeIndex(r, IndexKind.Neural, null, true)).ToEquatableList());
        return Ok<Expr>(Located(tensor, head.Position), input, after);
    }

    /// <summary>
    /// <c>orbit_{i1;a1 i2;a2 …}[body]</c> or <c>orbit_{(a1 a2)(a3 a4)}[body]</c> (LaTeX <c>\mathrm{orbit}_{…}\left[…\right]</c>):
    /// the sum of the distinct images of the body under the relabellings of the points or of the label pairs (issue 16).
    /// </summary>
    private TokenListParserResult<WickToken, Expr> OrbitRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(Skip(input));
        var subAt = PositionOf(rest);
        var (sub, after) = ScriptGroup(rest, "group");
        var neural = new List<Index>();
        var samples = new List<Index>();
        if (sub[0].Kind == WickToken.LParen)
        {
            // Label pairs (a1 a2)(a3 a4)…, as in V_{(a1 a2)(a3 a4)}.
            int k = 0;
            while (k < sub.Count)
            {
                if (sub[k].Kind != WickToken.LParen) throw Error(sub[k].Position, "expected '(' opening a pair of sample indices", "(");
                k++;
                var pair = Indices(sub, ref k, t => t.Kind == WickToken.RParen);
                if (pair.Count != 2) throw Error(k < sub.Count ? sub[k].Position : subAt, $"a pair holds two sample indices, found {pair.Count}", "two indices");
                samples.AddRange(pair.Select(r => MakeIndex(r, IndexKind.Sample, null, true)));
                k++;
            }
        }
        else
        {
            // Points i1;a1 i2;a2 …: the semicolons split the list into i1 | a1 i2 | a2 i3 | … | a2m.
            var segments = new List<List<RawIndex>>();
            int k = 0;
            while (true)
            {
                segments.Add(Indices(sub, ref k, t => t.Kind == WickToken.Semicolon));
                if (k >= sub.Count) break;
                k++;
            }
            bool shaped = segments.Count >= 2 && segments[0].Count == 1 && segments[^1].Count == 1 && segments.Skip(1).SkipLast(1).All(s => s.Count == 2);
            if (!shaped) throw Error(subAt, "an orbit over points lists each field as neural;sample: orbit_{i1;a1 i2;a2 ...}", "i1;a1 i2;a2 ...");
            for (int p = 0; p + 1 < segments.Count; p++)
            {
                neural.Add(MakeIndex(segments[p][^1], IndexKind.Neural, null, true));
                samples.Add(MakeIndex(segments[p + 1][0], IndexKind.Sample, null, true));
            }
        }
        if (!Is(after, WickToken.LBracket))
            throw Error(PositionOf(after), "orbit_{...} takes its body in brackets: orbit_{...}[...]", "[");
        var open = PositionOf(after);
        var body = SumRule(Skip(after));
        var r = Expect(body.Remainder, WickToken.RBracket, $"to close 'orbit_{{...}}[' opened at {open.Line}:{open.Column}");
        return Ok<Expr>(Located(new OrbitSum(neural.ToEquatableList(), samples.ToEquatableList(), body.Value), head.Position), input, r);
    }

    // ----- quantities ----------------------------------------------------------------------------------------

    private TokenListParserResult<WickToken, Expr> QuantityRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        string name = Text(head);
        var scripts = name is "K" or "V" && InverseLayerSubscript(Skip(input)) is { } inverse ? inverse : Scripts(Skip(input), layered: true);
        QuantityKind kind = name switch
        {
            "K" => QuantityKind.K, "V" => QuantityKind.V, "G1" => QuantityKind.G1, "Theta" => QuantityKind.Theta,
            _ when name[0] == 'V' => QuantityKind.V, // V6, V8: the connected six- and eight-point pieces
            _ => scripts.G1 ? QuantityKind.G1 : QuantityKind.G,
        };
        if (scripts.G1 && name != "G") throw Error(scripts.LayerAt, $"'\\{{1\\}}' belongs to the NLO metric G, not {name}", "(");
        int? points = name.Length > 1 && (name[0] == 'G' && kind == QuantityKind.G || name[0] == 'V')
            ? int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p <= 1000 ? p : throw Error(head.Position, $"'{name}': too many points", "G2, G4, G6, …")
            : null;
        if (kind == QuantityKind.V && points is { } vp && (vp < 4 || vp % 2 != 0))
            throw Error(head.Position, $"'{name}': a connected piece has an even number of points, at least 4 (V, V6, V8)", "V6, V8");
        var raw = new List<RawIndex>();
        bool raised = false;
        var afterScripts = scripts.Rest;
        var scriptSub = scripts.Sub;
        Layer? scriptLayer = scripts.Layer;
        if (kind is QuantityKind.K or QuantityKind.V && RaisedIndicesAhead(afterScripts))
        {
            // Raised indices: K^(l)^{a b} (ASCII) or K_{(\ell)}^{\alpha \beta} (the book's inverse kernel, 4.46); V likewise.
            if (scriptLayer is null && scriptSub is [{ Kind: WickToken.LParen }, .., { Kind: WickToken.RParen }] && scriptSub.Count >= 3)
            {
                scriptLayer = LayerFrom(scriptSub.Skip(1).Take(scriptSub.Count - 2).ToList(), scripts.SubAt);
                scriptSub = null;
            }
            if (scriptSub is not null)
                throw Error(scripts.SubAt, $"{name} with raised indices takes no lower ones: {name}^(l)^{{a b}}", "^{");
            (scriptSub, afterScripts) = ScriptGroup(Skip(afterScripts), "raised indices");
            raised = true;
        }
        if (scriptSub is { } sub)
        {
            if (kind == QuantityKind.G && points is null && sub.Count == 1 && sub[0].Kind == WickToken.Number)
            {
                // G_{4}^{(\ell)}: the number of points as a subscript.
                points = int.TryParse(Text(sub[0]), NumberStyles.None, CultureInfo.InvariantCulture, out int q) && q <= 1000 ? q
                    : throw Error(sub[0].Position, $"'{Text(sub[0])}': too many points", "2, 4, 6, …");
            }
            else if (kind == QuantityKind.V && sub.Count > 0 && sub[0].Kind == WickToken.LParen)
            {
                // V_{(a1 a2)(a3 a4)}: two pairs.
                int k = 0;
                while (k < sub.Count)
                {
                    if (sub[k].Kind != WickToken.LParen) throw Error(sub[k].Position, "expected '(' opening a pair of sample indices", "(");
                    k++;
                    var pair = Indices(sub, ref k, t => t.Kind == WickToken.RParen);
                    if (pair.Count != 2) throw Error(k < sub.Count ? sub[k].Position : raised ? sub[0].Position : scripts.SubAt, $"a pair holds two sample indices, found {pair.Count}", "two indices");
                    raw.AddRange(pair);
                    k++;
                }
            }
            else
            {
                int k = 0;
                raw = Indices(sub, ref k, _ => false);
            }
        }
        if (kind == QuantityKind.G && points is null && raw.Count == 0 && scriptSub is null && InputPair(afterScripts) is var (inputs, afterPair))
        {
            // G^{(ℓ)}(x, x) (3.17): the metric on the single input, G_2^{(ℓ)}; G^{(ℓ)}(x_α, x_β): G^{(ℓ)}_{αβ}.
            if (inputs.Count == 0) points = 2;
            raw = inputs;
            afterScripts = afterPair;
        }
        string spelled = kind switch { QuantityKind.K => "K^(l)_{a1 a2}", QuantityKind.Theta => "Theta^(l)_{a1 a2}", QuantityKind.V => "V^(l)_{(a1 a2)(a3 a4)}", QuantityKind.G1 => "G1^(l)_{a1 a2}", _ => "G2^(l)_{a1 a2}" };
        var at = raised ? scriptSub![0].Position : scripts.Sub is not null ? scripts.SubAt : head.Position;
        switch (kind)
        {
            case QuantityKind.K or QuantityKind.G1 or QuantityKind.Theta when raw.Count is not (0 or 2):
                throw Error(at, $"{spelled} takes a pair of sample indices, found {raw.Count}", "two sample indices");
            case QuantityKind.V when points is { } vpoints && raw.Count != vpoints:
                throw Error(at, $"{name} takes {vpoints / 2} pairs of sample indices, found {raw.Count} indices", $"{vpoints} sample indices");
            case QuantityKind.V when points is null && (raw.Count is 2 || raw.Count % 2 != 0 || raw.Count > 4 && raised):
                throw Error(at, $"{spelled} takes two pairs of sample indices, found {raw.Count}", "four sample indices");
            case QuantityKind.G when points is null && raw.Count == 0:
                throw Error(head.Position, "G needs a number of points (G2, G4, G_{4}) or sample indices (G^(l)_{a1 a2})", "G4^(l)");
        }
        int n = kind switch { QuantityKind.K or QuantityKind.G1 or QuantityKind.Theta => 2, QuantityKind.V => points ?? Math.Max(4, raw.Count), _ => points ?? raw.Count };
        if (kind == QuantityKind.G)
        {
            if (n < 2 || n % 2 != 0) throw Error(head.Position, $"G_{{2m}} needs an even number of points, found {n}", "G2, G4, G6, …");
            if (raw.Count != 0 && raw.Count != n) throw Error(at, $"G{n} takes {n} sample indices or none, found {raw.Count}", $"{n} indices");
        }
        var indices = raw.Select(r => MakeIndex(r, IndexKind.Sample, null, true)).ToEquatableList();
        var quantity = new Quantity(kind, scriptLayer ?? Layer.L, n, indices) { Raised = raised };
        if (scriptLayer is null) _map.DefaultLayer.Add(quantity);
        return Ok<Expr>(Located(quantity, head.Position), input, afterScripts);
    }

    private TokenListParserResult<WickToken, Expr> CoefficientRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(Skip(input));
        var (sub, after) = ScriptGroup(rest, "subscript");
        if (sub.Count == 1 && sub[0].Kind == WickToken.Number && Is(after, WickToken.LParen))
        {
            if (!int.TryParse(Text(sub[0]), NumberStyles.None, CultureInfo.InvariantCulture, out int points) || points < 2 || points % 2 != 0 || points > 1000)
                throw Error(sub[0].Position, $"c_{{2m}}(n) needs an even number of points, found '{Text(sub[0])}'", "2, 4, 6, …");
            var open = PositionOf(after);
            var arg = SumRule(Skip(after));
            var r = Expect(arg.Remainder, WickToken.RParen, $"to close 'c_{{{points}}}(' opened at {open.Line}:{open.Column}");
            return Ok<Expr>(Located(new CoefficientC(points, arg.Value), head.Position), input, r);
        }
        return SymbolRule(input);
    }

    // ----- symbols, sums, Gaussian expectations -----------------------------------------------------------

    private TokenListParserResult<WickToken, Expr> SymbolRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        string name = Text(head);
        var scripts = Scripts(Skip(input));
        if (scripts.G1) throw Error(scripts.LayerAt, "'\\{1\\}' belongs to the NLO metric G^{\\{1\\}(\\ell)}", "(");
        if (scripts.Sub is { } sub)
        {
            var parts = new List<string>();
            foreach (var t in sub)
            {
                if (t.Kind is not (WickToken.Ident or WickToken.Number))
                    throw Error(t.Position, $"a symbol subscript is a name or number (C_W, C_b), found '{Text(t)}'", "a name");
                parts.Add(Text(t));
            }
            name += "_" + string.Concat(parts);
        }
        var symbol = Symbol.FromName(name, scripts.Layer);
        if (symbol.Kind == AtomKind.Plain && Next(scripts.Rest, out var paren) && paren.Kind == WickToken.LParen && Adjacent(paren)
            && (FunctionArgumentAhead(scripts.Rest) || name.StartsWith("c_", StringComparison.Ordinal)))
            return FunctionRule(head, name);
        return Ok<Expr>(Located(new SymbolRef(symbol), head.Position), input, scripts.Rest);
    }

    // '(' written right after a name or its scripts, as g(K), c_{2m}(n): not after a space or \left.
    private bool Adjacent(Token<WickToken> paren)
    {
        int at = paren.Position.Absolute;
        return at > 0 && !char.IsWhiteSpace(_source[at - 1]) && !_source[..at].EndsWith("\\left", StringComparison.Ordinal);
    }

    /// <summary>
    /// True when the parenthesised group ahead is a function's argument rather than a factor: it holds a kernel, metric,
    /// vertex, field or input (<c>g(K^{(\ell)})</c>, <c>G^{(\ell)}(x, x)</c>, <c>p(z|D)</c>) or a comma.
    /// <c>m(m-1)</c> and <c>n (1 + 2/n)</c> stay products.
    /// </summary>
    private bool FunctionArgumentAhead(TokenList<WickToken> input)
    {
        int depth = 0;
        for (var r = input; Next(r, out var t); r = Skip(r))
        {
            if (t.Kind is WickToken.LParen or WickToken.LBracket or WickToken.LBrace) depth++;
            else if (t.Kind is WickToken.RParen or WickToken.RBracket or WickToken.RBrace && --depth == 0) return false;
            else if (depth == 1 && t.Kind is WickToken.Comma or WickToken.Bar) return true;
            else if (t.Kind is WickToken.Ident && Text(t) is "K" or "G" or "V" or "z" or "x" or "W" or "b") return true;
            else if (t.Kind is WickToken.Command && Text(t) == "sigma") return true;
        }
        return false;
    }

    /// <summary>
    /// A name applied to an argument that the algebra does not know (the helper functions g(K), χ(K), h(K), j(K) are read by
    /// <see cref="KernelFunctionRule"/> before this): refused, never read as a product (which would change the equation).
    /// </summary>
    private TokenListParserResult<WickToken, Expr> FunctionRule(Token<WickToken> head, string name)
    {
        string known = name switch
        {
            "G" or "K" => " (the book's G^{(\\ell)}(x, x) is G_2^{(\\ell)} for one input, G^{(\\ell)}_{\\alpha\\beta} for two)",
            _ when name.StartsWith("c_", StringComparison.Ordinal) => " (c_{2m}(n) (3.46) is read for a number 2m: c_{4}(n), c_{6}(n_\\ell))",
            "p" or "S" or "Z" => ": distributions, actions and partition functions are not part of the algebra",
            _ => "",
        };
        throw Error(head.Position, $"'{name}(…)' reads as the function {name} applied to its argument; Wick does not know {name}{known}. " +
            "It is not read as a product (that would change the equation)", "an expression of the algebra");
    }

    private TokenListParserResult<WickToken, Expr> IndexSumRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(input);
        if (!Is(rest, WickToken.Underscore))
            throw Error(PositionOf(rest), $"expected '_{{j,k}}' with the summation indices after '{Text(head)}', found {Describe(rest)}", "_{j}");
        rest = Skip(rest);
        var subAt = PositionOf(rest);
        var (sub, after) = ScriptGroup(rest, "list of summation indices");
        int k = 0;
        var raw = Indices(sub, ref k, t => t.Kind == WickToken.Equals || (t.Kind == WickToken.Command && Text(t) == "in"));
        if (raw.Count == 0) throw Error(subAt, "a sum needs at least one summation index", "an index");
        if (k < sub.Count && sub[k].Kind == WickToken.Command)
        {
            // \sum_{\beta \in \mathcal{D}}: a sum of sample indices over the data set (the default range of a sample sum).
            if (k + 2 != sub.Count || sub[k + 1].Kind != WickToken.Ident || Text(sub[k + 1]) != "D")
                throw Error(sub[k].Position, "a sum over the data set is written \\sum_{\\beta \\in \\mathcal{D}}", "\\in \\mathcal{D}");
            if (raw.Any(r => r.LetterKind != IndexKind.Sample))
                throw Error(sub[k].Position, "only sample indices (a–e, α–ε) run over the data set", "a sample index");
            k = sub.Count;
        }
        Expr? lower = null;
        if (k < sub.Count)
        {
            // The lower bound after '=' runs to the end of the subscript group.
            var lowerTokens = new TokenList<WickToken>(sub.Skip(k + 1).ToArray());
            if (lowerTokens.IsAtEnd) throw Error(sub[k].Position, "expected a lower bound after '='", "1");
            var lo = SumRule(lowerTokens);
            if (!lo.Remainder.IsAtEnd)
                throw Error(PositionOf(lo.Remainder), $"unexpected {Describe(lo.Remainder)} in the lower bound", "}");
            lower = lo.Value;
        }
        var seen = new HashSet<string>();
        foreach (var r in raw)
            if (!seen.Add(r.Name)) throw Error(r.At, $"index '{r.Name}' is summed twice", "distinct indices");
        // sum_{k=1}^{l-1} prod_{l'=k+1}^{l-1} …: one variable, layer bounds, and a body using the variable as a layer
        // is a sum over layers (the upper bound l-1 is a layer, not the expression l − 1).
        if (raw.Count == 1 && lower is not null && Is(after, WickToken.Caret) && GroupAhead(Skip(after)) is { } upperTokens
            && TryLayer(sub[(k + 1)..]) is { } first && TryLayer(upperTokens) is { IsConcrete: false } last)
        {
            var bodyStart = SkipGroup(Skip(after));
            if (StartsItem(bodyStart))
            {
                var layerBody = ProductRule(bodyStart);
                if (SyntaxTree.Layers(layerBody.Value).Any(l => l.Base == raw[0].Name))
                    return Ok<Expr>(Located(new LayerSum(raw[0].Name, first, last, layerBody.Value), head.Position), input, layerBody.Remainder);
            }
        }
        Expr? upper = null;
        if (Is(after, WickToken.Caret))
        {
            var up = PrimaryRule(Skip(after));
            upper = up.Value;
            after = up.Remainder;
        }
        if (!StartsItem(after))
            throw Error(PositionOf(after), $"expected the summand after the sum, found {Describe(after)}", "an expression");
        var body = ProductRule(after);
        if (raw.Count == 1 && FiniteRange(raw[0].Name, lower, upper, body.Value, product: false) is { } written)
            return Ok(Located(written, head.Position), input, body.Remainder);
        var indices = raw.Select(r => MakeIndex(r, r.LetterKind, null, false)).ToEquatableList();
        return Ok<Expr>(Located(new IndexSum(indices, lower, upper, body.Value), head.Position), input, body.Remainder);
    }

    // A layer if the tokens spell one, else null (no diagnostic: the caller reads them another way).
    private Layer? TryLayer(List<Token<WickToken>> tokens)
    {
        if (tokens.Count == 0) return null;
        try { return LayerFrom(tokens, tokens[0].Position); }
        catch (ParseException) { return null; }
    }

    // The input after the group starting here: {…} or one token.
    private static TokenList<WickToken> SkipGroup(TokenList<WickToken> input)
    {
        if (!Is(input, WickToken.LBrace)) return Skip(input);
        int depth = 0;
        var rest = input;
        while (Next(rest, out var u))
        {
            rest = Skip(rest);
            if (u.Kind == WickToken.LBrace) depth++;
            else if (u.Kind == WickToken.RBrace && --depth == 0) break;
        }
        return rest;
    }

    /// <summary>
    /// A product over layers (3.47): <c>prod_{l'=1}^{l-1} body</c>, <c>\prod_{\ell'=1}^{\ell-1} body</c>. Like a sum, it
    /// takes the rest of the product as its body; bracket it to multiply further: <c>[prod_{l'=1}^{l-1} c_4(n_{l'})] C_W</c>.
    /// </summary>
    /// <summary>
    /// Σ_{s=1}^{3} 2s or Π_{k=1}^{3} (1 + 2k/n) (3.53, c_{2m} for a given m): a range of numbers whose variable the body
    /// uses as a number is written out term by term (empty: 0 or 1). Null when it is not such a range.
    /// </summary>
    private Expr? FiniteRange(string variable, Expr? lower, Expr? upper, Expr body, bool product)
    {
        if (Constant(lower) is not { } lo || Constant(upper) is not { } hi || !lo.IsInteger || !hi.IsInteger) return null;
        bool used = SyntaxTree.Nodes(body).OfType<SymbolRef>().Any(r => r.Symbol.Kind == AtomKind.Plain && r.Symbol.ToString() == variable);
        if (!used || SyntaxTree.Nodes(body).OfType<Index>().Any(i => i.Name == variable)) return null;
        var count = hi - lo + Rational.One;
        if (count > 64) throw Error(_end, $"a range of {count} terms is too long to write out", "a shorter range");
        var items = new List<Expr>();
        for (var k = lo; k <= hi; k += Rational.One)
        {
            var value = k;
            items.Add(SyntaxTree.Rewrite(body, e => e is SymbolRef r && r.Symbol.Kind == AtomKind.Plain && r.Symbol.ToString() == variable ? new Number(value) : null));
        }
        return items.Count switch
        {
            0 => new Number(product ? 1 : 0),
            1 => items[0],
            _ => product ? new Product(items.ToEquatableList()) : new Sum(items.ToEquatableList()),
        };
    }

    // The value of a bound written with numbers only (m - 1 once m is a number), else null.
    private static Rational? Constant(Expr? e) => e switch
    {
        Number n => n.Value,
        Negate { Operand: var o } => Constant(o) is { } v ? -v : null,
        Sum { Terms: var ts } => ts.Select(Constant).Aggregate((Rational?)Rational.Zero, (a, b) => a is { } x && b is { } y ? x + y : null),
        Product { Factors: var fs } => fs.Select(Constant).Aggregate((Rational?)Rational.One, (a, b) => a is { } x && b is { } y ? x * y : null),
        _ => null,
    };

    private TokenListParserResult<WickToken, Expr> LayerProductRule(TokenList<WickToken> input)
    {
        var head = input.ConsumeToken().Value;
        var rest = Skip(input);
        const string spelled = "prod_{l'=1}^{l-1}";
        if (!Is(rest, WickToken.Underscore))
            throw Error(PositionOf(rest), $"expected '_{{l'=1}}' with the running layer after '{Text(head)}', found {Describe(rest)}", spelled);
        rest = Skip(rest);
        var subAt = PositionOf(rest);
        var (sub, after) = ScriptGroup(rest, "range of the product over layers");
        int eq = sub.FindIndex(u => u.Kind == WickToken.Equals);
        if (eq < 1 || eq == sub.Count - 1)
            throw Error(subAt, "a product over layers names its running layer and first layer: prod_{l'=1}^{l-1}", spelled);
        var variable = LayerFrom(sub[..eq], subAt);
        if (variable.IsConcrete || variable.Offset != 0)
            throw Error(subAt, "the running layer of a product over layers is a name such as l' or \\ell'", spelled);
        var lower = LayerFrom(sub[(eq + 1)..], sub[eq + 1].Position);
        if (!Is(after, WickToken.Caret))
            throw Error(PositionOf(after), $"expected '^{{l-1}}', the last layer of the product, found {Describe(after)}", spelled);
        after = Skip(after);
        var upperAt = PositionOf(after);
        var (upperTokens, bodyStart) = ScriptGroup(after, "last layer of the product");
        var upper = LayerFrom(upperTokens, upperAt);
        if (!StartsItem(bodyStart))
            throw Error(PositionOf(bodyStart), $"expected the factor of the product after its range, found {Describe(bodyStart)}", "an expression");
        var body = ProductRule(bodyStart);
        if (lower.IsConcrete && upper.IsConcrete
            && FiniteRange(variable.Base!, new Number(lower.Offset), new Number(upper.Offset), body.Value, product: true) is { } written)
            return Ok(Located(written, head.Position), input, body.Remainder);
        return Ok<Expr>(Located(new LayerProduct(variable.Base!, lower, upper, body.Value), head.Position), input, body.Remainder);
    }

    private TokenListParserResult<WickToken, Expr> Gaussian(TokenList<WickToken> input)
    {
        var open = input.ConsumeToken().Value;
        _gaussianDepth++;
        TokenListParserResult<WickToken, Expr> inner;
        try { inner = SumRule(Skip(input)); }
        finally { _gaussianDepth--; }
        var rest = Expect(inner.Remainder, WickToken.RAngle, $"to close '<' opened at {open.Position.Line}:{open.Position.Column}");
        if (!Is(rest, WickToken.Underscore))
            throw Error(PositionOf(rest), $"expected '_{{K^(l)}}' naming the kernel of the Gaussian expectation, found {Describe(rest)}", "_{K^(l)}");
        rest = Skip(rest);
        var kernelAt = PositionOf(rest);
        var (sub, after) = ScriptGroup(rest, "kernel");
        if (sub[0].Kind != WickToken.Ident || Text(sub[0]) is not ("K" or "G" or "g"))
            throw Error(kernelAt, $"expected the kernel K^(l) after '>_', found '{Text(sub[0])}'", "K^(l)");
        Layer layer = Layer.L;
        if (sub.Count > 1)
        {
            var s = Scripts(new TokenList<WickToken>(sub.Skip(1).ToArray()));
            if (!s.Rest.IsAtEnd || s.Sub is not null || s.Layer is null)
                throw Error(kernelAt, "expected the kernel as K^(l) or K^{(\\ell)}", "K^(l)");
            layer = s.Layer.Value;
        }
        var g = new GaussianExpectation(inner.Value, layer) { WrittenWithMetric = Text(sub[0]) == "G" };
        return Ok<Expr>(Located(g, open.Position), input, after);
    }
}

/// <summary>
/// What the grammar remembers about the nodes it built (by reference): where each came from, which indices
/// took their family from their letter only, and which quantities were written without a layer.
/// </summary>
internal sealed class SourceMap
{
    public Dictionary<object, Position> Positions { get; } = new(ReferenceEqualityComparer.Instance);
    public HashSet<object> Weak { get; } = new(ReferenceEqualityComparer.Instance);
    public HashSet<object> DefaultLayer { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>The layer a field gives its (neural) index, kept even while the index's family is undecided.</summary>
    public Dictionary<object, Layer> LayerEvidence { get; } = new(ReferenceEqualityComparer.Instance);
}
