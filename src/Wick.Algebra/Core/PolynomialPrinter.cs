using System.Globalization;
using System.Numerics;
using System.Text;

namespace Wick.Algebra;

/// <summary>
/// Text and LaTeX spellings of polynomials. A term c·m is written as one fraction: the numerator holds |c|'s
/// numerator and the positive powers, the denominator holds c's denominator and the negative powers
/// (<c>3 C_W/(2 n_l)</c>, <c>\frac{3 C_{W}}{2 n_{\ell}}</c>), so the text reads back the same whether the parser
/// binds juxtaposition tighter than <c>/</c> or equally tight.
/// </summary>
internal static class PolynomialPrinter
{
    public static string Text(Polynomial p) => Join(p, TermBodyText);

    public static string Latex(Polynomial p) => Join(p, TermBodyLatex);

    public static string TermText(Rational c, Monomial m) => (c.Sign < 0 ? "-" : "") + TermBodyText(c, m);

    public static string TermLatex(Rational c, Monomial m) => (c.Sign < 0 ? "-" : "") + TermBodyLatex(c, m);

    private static string Join(Polynomial p, Func<Rational, Monomial, string> body)
    {
        if (p.IsZero) return "0";
        var sb = new StringBuilder();
        bool first = true;
        foreach (var (m, c) in p.TermSpan)
        {
            if (first) sb.Append(c.Sign < 0 ? "-" : "");
            else sb.Append(c.Sign < 0 ? " - " : " + ");
            sb.Append(body(c, m));
            first = false;
        }
        return sb.ToString();
    }

    private static string TermBodyText(Rational c, Monomial m)
    {
        if (DummySum(m, false) is { } sum) return sum.Head + TermBodyText(c, sum.Body);
        var (num, den) = Parts(c, m, FactorText);
        if (den.Count == 0) return string.Join(' ', num);
        string d = string.Join(' ', den);
        return string.Join(' ', num) + "/" + (den.Count > 1 ? "(" + d + ")" : d);
    }

    private static string TermBodyLatex(Rational c, Monomial m)
    {
        if (DummySum(m, true) is { } sum) return sum.Head + TermBodyLatex(c, sum.Body);
        var (num, den) = Parts(c, m, FactorLatex);
        if (den.Count == 0) return string.Join(' ', num);
        return $"\\frac{{{string.Join(' ', num)}}}{{{string.Join(' ', den)}}}";
    }

    /// <summary>
    /// A monomial with summed sample indices (<see cref="Tensors.SampleAlgebra"/>) is written Σ_{β∈D} body: the dummies
    /// get the first letters b, c, d, e, a (then b1, b2, …) not free in the term.
    /// </summary>
    private static (string Head, Monomial Body)? DummySum(Monomial m, bool latex)
    {
        var samples = m.Factors.SelectMany(f => f.Symbol.Samples).Distinct().ToList();
        var dummies = samples.Where(Tensors.SampleAlgebra.IsDummy).Order(Tensors.IndexNameComparer.Instance).ToList();
        if (dummies.Count == 0) return null;
        var used = samples.Where(x => !Tensors.SampleAlgebra.IsDummy(x)).ToHashSet();
        var names = new Dictionary<string, string>();
        var candidates = new[] { "b", "c", "d", "e", "a" }.Concat(Enumerable.Range(1, int.MaxValue - 1).SelectMany(k => new[] { "b", "c", "d", "e", "a" }.Select(x => x + k.ToString(CultureInfo.InvariantCulture))));
        using var next = candidates.Where(x => !used.Contains(x)).GetEnumerator();
        foreach (var d in dummies) { next.MoveNext(); names[d] = next.Current; }
        var body = Monomial.FromFactors(m.Factors.Select(f => (f.Symbol.RenameSamples(x => names.TryGetValue(x, out var y) ? y : x), f.Exponent)));
        var list = dummies.Select(d => names[d]).ToList();
        string head = latex
            ? $"\\sum_{{{string.Join(", ", list.Select(Syntax.IndexSpelling.ToLatex))} \\in \\mathcal{{D}}}} "
            : $"sum_{{{string.Join(",", list)}}} ";
        return (head, body);
    }

    private static (List<string> Num, List<string> Den) Parts(Rational c, Monomial m, Func<Symbol, int, string> factor)
    {
        var num = new List<string>();
        var den = new List<string>();
        var a = BigInteger.Abs(c.Numerator);
        var b = c.Denominator;
        bool hasPositive = false;
        foreach (var (_, e) in m.FactorSpan) hasPositive |= e > 0;
        if (!a.IsOne || !hasPositive) num.Add(a.ToString(CultureInfo.InvariantCulture));
        if (!b.IsOne) den.Add(b.ToString(CultureInfo.InvariantCulture));
        foreach (var (s, e) in m.FactorSpan)
        {
            if (e > 0) num.Add(factor(s, e));
            else den.Add(factor(s, -e));
        }
        return (num, den);
    }

    private static string FactorText(Symbol s, int e)
    {
        string sym = s.ToString();
        if (e == 1) return sym;
        return (sym.Contains('^') ? "(" + sym + ")" : sym) + "^" + e.ToString(CultureInfo.InvariantCulture);
    }

    private static string FactorLatex(Symbol s, int e)
    {
        string sym = s.ToLatex();
        if (e == 1) return sym;
        return (sym.Contains('^') ? "\\left(" + sym + "\\right)" : sym) + "^{" + e.ToString(CultureInfo.InvariantCulture) + "}";
    }
}
