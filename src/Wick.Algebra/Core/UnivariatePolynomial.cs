using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// Dense univariate polynomials over Q (coefficient i belongs to x^i), used for gcds and factoring.
/// Arrays are always trimmed: the last entry is non-zero, and the zero polynomial is the empty array.
/// </summary>
internal static class UnivariatePolynomial
{
    /// <summary>True when p is an ordinary polynomial in x alone (no other symbol, no negative power).</summary>
    public static bool IsOrdinaryIn(Polynomial p, Symbol x) =>
        p.TermSpan.ToArray().All(t => t.Monomial.Factors.All(f => f.Symbol.Equals(x) && f.Exponent > 0));

    public static Rational[] From(Polynomial p, Symbol x)
    {
        if (!IsOrdinaryIn(p, x))
            throw new ArgumentException($"{p} is not an ordinary polynomial in {x} alone.", nameof(p));
        if (p.IsZero) return [];
        var c = new Rational[p.MaxDegree(x) + 1];
        foreach (var (m, k) in p.TermSpan) c[m.Exponent(x)] = k;
        return c;
    }

    public static Polynomial ToPolynomial(ReadOnlySpan<Rational> c, Symbol x)
    {
        var terms = new List<(Monomial, Rational)>();
        for (int i = 0; i < c.Length; i++)
            if (!c[i].IsZero) terms.Add((Monomial.Of(x, i), c[i]));
        return Polynomial.FromTerms(terms);
    }

    public static Polynomial ToPolynomial(ReadOnlySpan<BigInteger> c, Symbol x)
    {
        var r = new Rational[c.Length];
        for (int i = 0; i < c.Length; i++) r[i] = c[i];
        return ToPolynomial(r, x);
    }

    public static Rational[] Trim(Rational[] c)
    {
        int n = c.Length;
        while (n > 0 && c[n - 1].IsZero) n--;
        return n == c.Length ? c : c[..n];
    }

    public static int Degree(Rational[] c) => c.Length - 1;

    /// <summary>Quotient and remainder of a by b ≠ 0.</summary>
    public static (Rational[] Quotient, Rational[] Remainder) DivRem(Rational[] a, Rational[] b)
    {
        if (b.Length == 0) throw new DivideByZeroException("Univariate division by zero.");
        var r = (Rational[])a.Clone();
        if (a.Length < b.Length) return ([], r);
        var q = new Rational[a.Length - b.Length + 1];
        var lead = b[^1];
        for (int i = a.Length - 1; i >= b.Length - 1; i--)
        {
            if (r[i].IsZero) continue;
            var f = r[i] / lead;
            int shift = i - (b.Length - 1);
            q[shift] = f;
            for (int j = 0; j < b.Length; j++) r[shift + j] -= f * b[j];
        }
        return (Trim(q), Trim(r));
    }

    /// <summary>Monic gcd (0 when both are 0).</summary>
    public static Rational[] Gcd(Rational[] a, Rational[] b)
    {
        a = Trim(a); b = Trim(b);
        while (b.Length > 0)
        {
            var (_, r) = DivRem(a, b);
            a = b;
            b = r;
        }
        return Monic(a);
    }

    public static Rational[] Monic(Rational[] a)
    {
        if (a.Length == 0 || a[^1].IsOne) return a;
        var lead = a[^1];
        return a.Select(c => c / lead).ToArray();
    }

    /// <summary>Primitive integer form: a = content · f with f integer, gcd of coefficients 1, leading coefficient &gt; 0.</summary>
    public static (Rational Content, BigInteger[] Primitive) Primitive(Rational[] a)
    {
        var lcm = BigInteger.One;
        foreach (var c in a) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, c.Denominator) * c.Denominator;
        var ints = a.Select(c => c.Numerator * (lcm / c.Denominator)).ToArray();
        var g = BigInteger.Zero;
        foreach (var v in ints) g = BigInteger.GreatestCommonDivisor(g, v);
        if (ints[^1].Sign < 0) g = -g;
        for (int i = 0; i < ints.Length; i++) ints[i] /= g;
        return (Rational.Create(g, lcm), ints);
    }
}
