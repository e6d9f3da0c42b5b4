using System.Numerics;

namespace Wick.Algebra.Syntax;

/// <summary>
/// Exact results as syntax trees, so that one printer (<see cref="TextPrinter"/>, <see cref="LatexPrinter"/>,
/// <see cref="SyntaxJson"/>) spells them and the parser reads them back. A term c·m of a polynomial becomes
/// numerator factors times one quotient by the denominator: <c>2 C_W^2 G4^(l)/n_l</c>, <c>3 C_W/(2 n_l)</c>.
/// </summary>
public static class PolynomialSyntax
{
    /// <summary>The tree of a polynomial: a sum of terms, subtraction as <see cref="Negate"/>.</summary>
    public static Expr ToExpr(Polynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.IsZero) return new Number(Rational.Zero);
        var terms = new List<Expr>();
        foreach (var (m, c) in p.Terms)
        {
            var body = TermBody(c, m);
            terms.Add(c.Sign < 0 ? new Negate(body) : body);
        }
        return terms.Count == 1 ? terms[0] : new Sum(terms.ToEquatableList());
    }

    /// <summary>
    /// |c|·m as numerator factors and one quotient: <c>2 C_W^2 G4^(l)/n_l</c>; <paramref name="extra"/> (an orbit sum,
    /// issue 16) joins the numerator after the symbols.
    /// </summary>
    internal static Expr TermBody(Rational c, Monomial m, Expr? extra = null)
    {
        var num = new List<Expr>();
        var den = new List<Expr>();
        var a = BigInteger.Abs(c.Numerator);
        bool hasPositive = extra is not null || m.Factors.Any(f => f.Exponent > 0);
        if (!a.IsOne || !hasPositive) num.Add(new Number((Rational)a));
        if (!c.Denominator.IsOne) den.Add(new Number((Rational)c.Denominator));
        foreach (var (s, e) in m.Factors)
        {
            Expr factor(int k) => k == 1 ? new SymbolRef(s) : new Power(new SymbolRef(s), k);
            if (e > 0) num.Add(factor(e));
            else den.Add(factor(-e));
        }
        if (extra is not null) num.Add(extra);
        if (den.Count == 0) return num.Count == 1 ? num[0] : new Product(num.ToEquatableList());
        Expr denominator = den.Count == 1 ? den[0] : new Product(den.ToEquatableList());
        num[^1] = new Quotient(num[^1], denominator);
        return num.Count == 1 ? num[0] : new Product(num.ToEquatableList());
    }

    /// <summary>a·b when either may be 1 or a sum (the printer parenthesises by precedence).</summary>
    public static Expr Times(params Expr[] factors)
    {
        var list = factors.SelectMany(f => f is Product p ? (IEnumerable<Expr>)p.Factors : [f]).Where(f => f is not Number { Value.IsOne: true }).ToList();
        return list.Count switch { 0 => new Number(Rational.One), 1 => list[0], _ => new Product(list.ToEquatableList()) };
    }
}
