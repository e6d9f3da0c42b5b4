using System.Globalization;
using System.Numerics;
using System.Text;
using Wick.Algebra;

namespace Wick.Algebra.Syntax;

/// <summary>
/// The shared structure of both printers: precedence and parenthesization (which is what makes
/// parse(print(e)) == e hold), with the spelling of each node left to <see cref="TextPrinter"/> and
/// <see cref="LatexPrinter"/>. Levels, loosest first: sum (and unary minus), product (and index sums, which
/// take the rest of a product as their body), quotient, power, atom.
/// </summary>
public abstract class ExprPrinter
{
    private protected enum Level { Sum, Product, Quotient, Power, Atom }

    /// <summary>Prints an expression or identity.</summary>
    public string Print(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        Write(sb, e, Level.Sum);
        return sb.ToString();
    }

    private static Level LevelOf(Expr e) => e switch
    {
        Identity or Sum or Negate => Level.Sum,
        Product or IndexSum or LayerRange => Level.Product,
        Quotient => Level.Quotient,
        Power or DepthPower => Level.Power,
        Number { Value: var v } when v.Sign < 0 || NumberText(v).Contains('/') => Level.Sum,
        SymbolRef { Symbol: var s } when CallsLikeAFunction(s) => Level.Sum,
        _ => Level.Atom,
    };

    private protected void Write(StringBuilder sb, Expr e, Level context)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (LevelOf(e) < context)
        {
            sb.Append(Open);
            Write(sb, e, Level.Sum);
            sb.Append(Close);
            return;
        }
        switch (e)
        {
            case Identity id:
                Write(sb, id.Lhs, Level.Sum);
                sb.Append(" = ");
                Write(sb, id.Rhs, Level.Sum);
                if (id.Remainder is { } r) { sb.Append(" + "); Write(sb, r, Level.Atom); }
                if (id.Unequal is { } unequal) foreach (var d in unequal) sb.Append($", \\text{{for }} {d.A.Name} \\neq {d.B.Name}"); // one spelling, read by both inputs
                if (id.Tag is { } tag) sb.Append(TagText(tag));
                break;
            case Sum s:
                for (int k = 0; k < s.Terms.Count; k++)
                {
                    var t = s.Terms[k];
                    if (t is Negate n)
                    {
                        sb.Append(k == 0 ? "-" : " - ");
                        Write(sb, n.Operand, Level.Product);
                    }
                    else
                    {
                        if (k > 0) sb.Append(" + ");
                        Write(sb, t, Level.Product);
                    }
                }
                break;
            case Negate n:
                sb.Append('-');
                Write(sb, n.Operand, n.Operand is Negate ? Level.Atom : Level.Product);
                break;
            case Product p:
                for (int k = 0; k < p.Factors.Count; k++)
                {
                    if (k > 0) sb.Append(' ');
                    var f = p.Factors[k];
                    // An index sum or a product over layers swallows everything after it, so only the last factor may be one unwrapped.
                    Write(sb, f, f is IndexSum or LayerRange && k == p.Factors.Count - 1 ? Level.Product : Level.Quotient);
                }
                break;
            case IndexSum sum:
                WriteIndexSumHead(sb, sum);
                sb.Append(' ');
                Write(sb, sum.Body, Level.Product);
                break;
            case LayerRange lr:
                WriteLayerRangeHead(sb, lr);
                sb.Append(' ');
                Write(sb, lr.Body, Level.Product);
                break;
            case Quotient q:
                WriteQuotient(sb, q);
                break;
            case Power p:
                WritePowerBase(sb, p.Base);
                sb.Append(Exponent(p.Exponent));
                break;
            case DepthPower dp:
                WritePowerBase(sb, dp.Base);
                sb.Append(DepthExponent(dp));
                break;
            default:
                WriteAtom(sb, e);
                break;
        }
    }

    /// <summary>A plain symbol spelled like a function name (O, c_4): printed in parentheses so that "O (x)" is not read as O(x).</summary>
    private protected static bool CallsLikeAFunction(Symbol s) =>
        s is { Kind: AtomKind.Plain, Layer: null, PlainName: { } name } &&
        (name == "O" || (name.StartsWith("c_", StringComparison.Ordinal) && name.Length > 2 && name[2..].All(char.IsAsciiDigit)));

    /// <summary>Raised indices of K (<c>{a b}</c>) or V (<c>{(a b)(c d)}</c>).</summary>
    private protected static string RaisedIndices(Quantity q, Func<Index, string> spell) =>
        q.Kind == QuantityKind.V && q.Indices.Count == 4
            ? $"{{({spell(q.Indices[0])} {spell(q.Indices[1])})({spell(q.Indices[2])} {spell(q.Indices[3])})}}"
            : "{" + string.Join(' ', q.Indices.Select(spell)) + "}";

    /// <summary>The group of an orbit sum: points <c>i1;a1 i2;a2</c> or label pairs <c>(a1 a2)(a3 a4)</c>.</summary>
    private protected static string OrbitGroup(OrbitSum o, Func<Index, string> spell) => o.OverPoints
        ? string.Join(" ", o.Neural.Zip(o.Samples, (i, a) => spell(i) + ";" + spell(a)))
        : string.Concat(Enumerable.Range(0, o.Samples.Count / 2).Select(k => $"({spell(o.Samples[2 * k])} {spell(o.Samples[2 * k + 1])})"));

    /// <summary>Left parenthesis of this spelling.</summary>
    private protected abstract string Open { get; }
    /// <summary>Right parenthesis of this spelling.</summary>
    private protected abstract string Close { get; }

    private protected abstract void WriteIndexSumHead(StringBuilder sb, IndexSum sum);
    private protected abstract void WriteLayerRangeHead(StringBuilder sb, LayerRange range);
    private protected abstract string DepthExponent(DepthPower power);
    private protected abstract string TagText(string tag);

    /// <summary>True for a base written as a bare name, after which <c>^(…)</c> would read as a layer superscript.</summary>
    private protected static bool IsNameLike(Expr e) => e is SymbolRef or Quantity or Field;
    private protected abstract void WriteQuotient(StringBuilder sb, Quotient q);
    private protected abstract void WritePowerBase(StringBuilder sb, Expr b);
    private protected abstract string Exponent(int exponent);
    private protected abstract void WriteAtom(StringBuilder sb, Expr e);

    /// <summary>Digits for integers, an exact decimal when the value has one, else p/q (which reads back as a quotient).</summary>
    private protected static string NumberText(Rational v)
    {
        if (v.IsInteger) return v.ToString();
        var den = v.Denominator;
        int twos = 0, fives = 0;
        while ((den % 2).IsZero) { den /= 2; twos++; }
        while ((den % 5).IsZero) { den /= 5; fives++; }
        if (!den.IsOne || Math.Max(twos, fives) > 60) return v.ToString();
        int digits = Math.Max(twos, fives);
        var scaled = BigInteger.Abs(v.Numerator) * BigInteger.Pow(10, digits) / v.Denominator;
        string s = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        return (v.Sign < 0 ? "-" : "") + s[..^digits] + "." + s[^digits..];
    }

    /// <summary>
    /// Subscript spelling of a field's indices: <c>i1;a1</c>. An index whose letter would suggest the other family
    /// is pinned with an explicit ';' (<c>;i</c> is a sample index named i) so that it reads back the same.
    /// </summary>
    private protected string FieldSubscript(Field f, Func<Index, string> name)
    {
        var parts = string.Join(" ", f.Neural.Select(name));
        bool single = f.Neural.Count + (f.Sample is null ? 0 : 1) == 1;
        if (f.Sample is { } s)
        {
            bool sampleLooking = IndexSpelling.KindOf(s.Name) == IndexKind.Sample;
            return f.Neural.Count == 0 && sampleLooking && single ? name(s) : parts + ";" + name(s);
        }
        if (single && IndexSpelling.KindOf(f.Neural[0].Name) != IndexKind.Neural && f.Kind is not (FieldKind.W or FieldKind.B))
            return parts + ";";
        return parts;
    }
}

/// <summary>The ASCII spelling: <c>E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]</c>, <c>G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)</c>.</summary>
public sealed class TextPrinter : ExprPrinter
{
    private static readonly TextPrinter Instance = new();

    /// <summary>The canonical ASCII text of <paramref name="e"/>; <c>WickParser.Parse</c> reads it back to an equal tree.</summary>
    public static new string Print(Expr e) => ((ExprPrinter)Instance).Print(e);

    private protected override string Open => "(";
    private protected override string Close => ")";

    private static string LayerScript(Layer layer) => $"^({layer})";

    private protected override void WriteIndexSumHead(StringBuilder sb, IndexSum sum)
    {
        sb.Append("sum_{").Append(string.Join(",", sum.Indices.Select(i => i.Name)));
        if (sum.Lower is { } lo) { sb.Append('='); Write(sb, lo, Level.Sum); }
        sb.Append('}');
        if (sum.Upper is { } up) { sb.Append("^{"); Write(sb, up, Level.Sum); sb.Append('}'); }
    }

    private protected override void WriteLayerRangeHead(StringBuilder sb, LayerRange range) =>
        sb.Append(range is LayerProduct ? "prod_{" : "sum_{").Append(range.Variable).Append('=').Append(range.Lower).Append("}^{").Append(range.Upper).Append('}');

    // C_W^l, C_W^{l-1} (after a name ^(l-1) is a layer superscript), (1 + 2/n)^(l-1), x^(2(l-1)).
    private protected override string DepthExponent(DepthPower power)
    {
        string e = power.Multiplier == 1 ? power.Depth.ToString() : $"{power.Multiplier}({power.Depth})";
        if (power.Multiplier == 1 && power.Depth.Offset == 0) return "^" + e;
        return IsNameLike(power.Base) ? "^{" + e + "}" : "^(" + e + ")";
    }

    // An equation number prints after \quad, the one spelling that never reads as an argument ("c_4 (3.24)" would
    // be c_4 applied to 3.24); anything else as \tag{…}.
    private protected override string TagText(string tag) =>
        tag.Split('.').All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) && tag.Count(c => c == '.') <= 1
            ? " \\quad (" + tag + ")" : " \\tag{" + tag + "}";

    private protected override void WriteQuotient(StringBuilder sb, Quotient q)
    {
        Write(sb, q.Numerator, Level.Quotient);
        sb.Append('/');
        Write(sb, q.Denominator, Level.Power);
    }

    // A base that carries a layer superscript is parenthesised, as the polynomial printer does: (G2^(l))^2, (C_W^(l))^2.
    private protected override void WritePowerBase(StringBuilder sb, Expr b)
    {
        bool scripted = b is Quantity or Field { Layer: not null } || b is SymbolRef { Symbol: { Layer: not null, IsWidth: false } };
        if (!scripted) { Write(sb, b, Level.Atom); return; }
        sb.Append(Open);
        Write(sb, b, Level.Sum);
        sb.Append(Close);
    }

    private protected override string Exponent(int exponent) =>
        exponent >= 0 ? "^" + exponent.ToString(CultureInfo.InvariantCulture) : "^{" + exponent.ToString(CultureInfo.InvariantCulture) + "}";

    private protected override void WriteAtom(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case Number n: sb.Append(NumberText(n.Value)); break;
            case SymbolRef { Symbol: var s }:
                sb.Append(s.ToString()); // atoms are spelled in one place (Symbol)
                break;
            case Index i: sb.Append(i.Name); break;
            case Field f:
                {
                    string sub = f.Neural.Count == 0 && f.Sample is null ? "" : "_{" + FieldSubscript(f, i => i.Name) + "}";
                    switch (f.Kind)
                    {
                        case FieldKind.Sigma when f.Layer is { } l:
                            sb.Append("sigma").Append('\'', f.Derivative).Append("(z").Append(LayerScript(l)).Append(sub).Append(')');
                            break;
                        case FieldKind.Sigma: sb.Append("sigma").Append('\'', f.Derivative).Append(sub); break;
                        case FieldKind.X: sb.Append('x').Append(sub.Length == 0 ? "^(0)" : sub); break;
                        default:
                            sb.Append(f.Kind switch { FieldKind.Z => "z", FieldKind.W => "W", _ => "b" });
                            if (f.Layer is { } layer) sb.Append(LayerScript(layer));
                            sb.Append(sub);
                            break;
                    }
                    break;
                }
            case Delta { Mixed: true } d: sb.Append("delta^{").Append(d.A.Name).Append("}_{").Append(d.B.Name).Append('}'); break;
            case Delta d: sb.Append("delta_{").Append(d.A.Name).Append(' ').Append(d.B.Name).Append('}'); break;
            case Quantity { Raised: true } q:
                sb.Append(q.Kind == QuantityKind.V ? 'V' : 'K').Append(LayerScript(q.Layer)).Append('^').Append(RaisedIndices(q, i => i.Name));
                break;
            case PairingSum ps: sb.Append("pairings_{").Append(string.Join(' ', ps.Indices.Select(i => i.Name))).Append('}'); break;
            case OrbitSum os:
                sb.Append("orbit_{").Append(OrbitGroup(os, i => i.Name)).Append("}[");
                Write(sb, os.Body, Level.Sum);
                sb.Append(']');
                break;
            case Quantity q:
                {
                    string idx = string.Join(' ', q.Indices.Select(i => i.Name));
                    switch (q.Kind)
                    {
                        case QuantityKind.G when q.Indices.Count == 0: sb.Append('G').Append(q.Points).Append(LayerScript(q.Layer)); break;
                        case QuantityKind.G: sb.Append('G').Append(LayerScript(q.Layer)).Append("_{").Append(idx).Append('}'); break;
                        case QuantityKind.V when q.Indices.Count >= 4:
                            // V6^(l)_{(a1 a2)(a3 a4)(a5 a6)}: the connected pieces beyond four points carry their count (as Symbol spells them).
                            sb.Append('V').Append(q.Indices.Count == 4 ? "" : q.Indices.Count.ToString(CultureInfo.InvariantCulture)).Append(LayerScript(q.Layer))
                              .Append("_{").Append(string.Concat(Enumerable.Range(0, q.Indices.Count / 2).Select(k => $"({q.Indices[2 * k].Name} {q.Indices[2 * k + 1].Name})"))).Append('}');
                            break;
                        default:
                            sb.Append(q.Kind switch { QuantityKind.K => "K", QuantityKind.V => "V", QuantityKind.Theta => "Theta", _ => "G1" }).Append(LayerScript(q.Layer));
                            if (q.Indices.Count > 0) sb.Append("_{").Append(idx).Append('}');
                            break;
                    }
                    break;
                }
            case CoefficientC c: sb.Append("c_{").Append(c.Points).Append("}("); Write(sb, c.Argument, Level.Sum); sb.Append(')'); break;
            case Expectation x: sb.Append(x.Connected ? "Ec[" : "E["); Write(sb, x.Body, Level.Sum); sb.Append(']'); break;
            case GaussianExpectation g: sb.Append('<'); Write(sb, g.Body, Level.Sum); sb.Append(">_{").Append(g.WrittenWithMetric ? 'G' : 'K').Append(LayerScript(g.KernelLayer)).Append('}'); break;
            case HelperFunction h: sb.Append(KernelFunctions.Ascii(h.Function)).Append("(K").Append(LayerScript(h.Layer)).Append(')'); break;
            case BigO o: sb.Append("O("); Write(sb, o.Scale, Level.Sum); sb.Append(')'); break;
            default: throw new ArgumentException($"cannot print a {e.GetType().Name}", nameof(e));
        }
    }
}

/// <summary>
/// The LaTeX spelling, close to the book's: <c>\mathbb{E}\left[z^{(\ell)}_{i_{1}} z^{(\ell)}_{i_{2}}\right]</c>,
/// <c>\frac{2}{n_{\ell}}</c>, <c>\left(G_{2}^{(0)}\right)^{2}</c>. Sample indices a, b, c, e print as α, β, γ, ε.
/// </summary>
public sealed class LatexPrinter : ExprPrinter
{
    private static readonly LatexPrinter Instance = new();

    /// <summary>The LaTeX of <paramref name="e"/>; <c>WickParser.Parse</c> reads it back to an equal tree.</summary>
    public static new string Print(Expr e) => ((ExprPrinter)Instance).Print(e);

    private protected override string Open => "\\left(";
    private protected override string Close => "\\right)";

    private static string LayerScript(Layer layer) => "^{(" + layer.ToLatex() + ")}";

    /// <summary><c>i1</c> ↦ <c>i_{1}</c>, <c>a2</c> ↦ <c>\alpha_{2}</c>, <c>b</c> ↦ <c>\beta</c>.</summary>
    public static string IndexName(string name) => IndexSpelling.ToLatex(name);

    private static string IndexName(Index i) => IndexName(i.Name);


    private protected override void WriteIndexSumHead(StringBuilder sb, IndexSum sum)
    {
        sb.Append("\\sum_{").Append(string.Join(",", sum.Indices.Select(IndexName)));
        // A sample sum without bounds runs over the data set: \sum_{\beta \in \mathcal{D}}.
        if (sum.Lower is null && sum.Upper is null && sum.Indices.All(i => i.Kind == IndexKind.Sample)) sb.Append(" \\in \\mathcal{D}");
        if (sum.Lower is { } lo) { sb.Append('='); Write(sb, lo, Level.Sum); }
        sb.Append('}');
        if (sum.Upper is { } up) { sb.Append("^{"); Write(sb, up, Level.Sum); sb.Append('}'); }
    }

    private protected override void WriteLayerRangeHead(StringBuilder sb, LayerRange range) =>
        sb.Append(range is LayerProduct ? "\\prod_{" : "\\sum_{").Append(Layer.Symbolic(range.Variable).ToLatex()).Append('=').Append(range.Lower.ToLatex())
          .Append("}^{").Append(range.Upper.ToLatex()).Append('}');

    private protected override string DepthExponent(DepthPower power) =>
        "^{" + (power.Multiplier == 1 ? power.Depth.ToLatex() : $"{power.Multiplier}({power.Depth.ToLatex()})") + "}";

    private protected override string TagText(string tag) => " \\tag{" + tag + "}";

    private protected override void WriteQuotient(StringBuilder sb, Quotient q)
    {
        sb.Append("\\frac{");
        Write(sb, q.Numerator, Level.Sum);
        sb.Append("}{");
        Write(sb, q.Denominator, Level.Sum);
        sb.Append('}');
    }

    private protected override void WritePowerBase(StringBuilder sb, Expr b)
    {
        // A base that already carries scripts gets parentheses: \left(G_{2}^{(0)}\right)^{2}.
        bool bare = b is Number { Value: { Sign: >= 0 } v } && !NumberText(v).Contains('/') || b is Expectation { Connected: false } ||
                    b is SymbolRef { Symbol: { Layer: null } or { IsWidth: true } };
        if (bare) Write(sb, b, Level.Atom);
        else { sb.Append(Open); Write(sb, b, Level.Sum); sb.Append(Close); }
    }

    private protected override string Exponent(int exponent) => "^{" + exponent.ToString(CultureInfo.InvariantCulture) + "}";

    private protected override void WriteAtom(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case Number n: sb.Append(NumberText(n.Value)); break;
            case SymbolRef { Symbol: var s }:
                sb.Append(s.ToLatex()); // atoms are spelled in one place (Symbol)
                break;
            case Index i: sb.Append(IndexName(i)); break;
            case Field f:
                {
                    string sub = f.Neural.Count == 0 && f.Sample is null ? "" : "_{" + FieldSubscript(f, IndexName) + "}";
                    sb.Append(f.Kind switch { FieldKind.Z => "z", FieldKind.Sigma => "\\sigma", FieldKind.W => "W", FieldKind.B => "b", _ => "x" });
                    sb.Append('\'', f.Derivative);
                    if (f.Layer is { } layer && (f.Kind != FieldKind.X || sub.Length == 0)) sb.Append(LayerScript(layer));
                    sb.Append(sub);
                    break;
                }
            case Delta { Mixed: true } d: sb.Append("\\delta^{").Append(IndexName(d.A)).Append("}_{").Append(IndexName(d.B)).Append('}'); break;
            case Delta d: sb.Append("\\delta_{").Append(IndexName(d.A)).Append(' ').Append(IndexName(d.B)).Append('}'); break;
            case Quantity { Raised: true } q:
                sb.Append(q.Kind == QuantityKind.V ? 'V' : 'K').Append("_{(").Append(q.Layer.ToLatex()).Append(")}^").Append(RaisedIndices(q, IndexName));
                break;
            case PairingSum ps: sb.Append("\\mathrm{pairings}_{").Append(string.Join(' ', ps.Indices.Select(IndexName))).Append('}'); break;
            case OrbitSum os:
                sb.Append("\\mathrm{orbit}_{").Append(OrbitGroup(os, IndexName)).Append("}\\left[");
                Write(sb, os.Body, Level.Sum);
                sb.Append("\\right]");
                break;
            case Quantity q:
                {
                    string idx = string.Join(' ', q.Indices.Select(IndexName));
                    switch (q.Kind)
                    {
                        case QuantityKind.G when q.Indices.Count == 0: sb.Append("G_{").Append(q.Points).Append('}').Append(LayerScript(q.Layer)); break;
                        case QuantityKind.V when q.Indices.Count >= 4:
                            sb.Append('V').Append(LayerScript(q.Layer)).Append("_{")
                              .Append(string.Concat(Enumerable.Range(0, q.Indices.Count / 2).Select(k => $"({IndexName(q.Indices[2 * k])} {IndexName(q.Indices[2 * k + 1])})"))).Append('}');
                            break;
                        default:
                            sb.Append(q.Kind switch
                            {
                                QuantityKind.K => "K" + LayerScript(q.Layer),
                                QuantityKind.V => "V" + LayerScript(q.Layer),
                                QuantityKind.Theta => "\\Theta" + LayerScript(q.Layer),
                                QuantityKind.G1 => "G^{\\{1\\}(" + q.Layer.ToLatex() + ")}",
                                _ => "G" + LayerScript(q.Layer),
                            });
                            if (q.Indices.Count > 0) sb.Append("_{").Append(idx).Append('}');
                            break;
                    }
                    break;
                }
            case CoefficientC c: sb.Append("c_{").Append(c.Points).Append("}\\left("); Write(sb, c.Argument, Level.Sum); sb.Append("\\right)"); break;
            case Expectation x:
                sb.Append("\\mathbb{E}\\left["); Write(sb, x.Body, Level.Sum); sb.Append("\\right]");
                if (x.Connected) sb.Append("\\Big|_{\\text{connected}}");
                break;
            case GaussianExpectation g:
                sb.Append("\\left\\langle "); Write(sb, g.Body, Level.Sum); sb.Append(" \\right\\rangle_{").Append(g.WrittenWithMetric ? 'G' : 'K').Append(LayerScript(g.KernelLayer)).Append('}');
                break;
            case HelperFunction h: sb.Append(KernelFunctions.Latex(h.Function)).Append("\\left(K").Append(LayerScript(h.Layer)).Append("\\right)"); break;
            case BigO o: sb.Append("O\\left("); Write(sb, o.Scale, Level.Sum); sb.Append("\\right)"); break;
            default: throw new ArgumentException($"cannot print a {e.GetType().Name}", nameof(e));
        }
    }
}
