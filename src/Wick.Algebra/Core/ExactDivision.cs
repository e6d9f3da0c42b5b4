namespace Wick.Algebra;

/// <summary>
/// Exact division of Laurent polynomials. Both operands are first stripped of their monomial content
/// (per-symbol minimum exponent), leaving ordinary polynomials without variable factors; those are divided
/// by multivariate long division in the lexicographic order, which is exact iff the remainder is zero.
/// </summary>
internal static class ExactDivision
{
    /// <summary>The per-symbol minimum exponent over all terms (the monomial content, Laurent sense).</summary>
    public static Monomial MonomialContent(Polynomial p)
    {
        if (p.IsZero) return Monomial.One;
        var min = new Dictionary<Symbol, int>();
        bool first = true;
        foreach (var (m, _) in p.TermSpan)
        {
            if (first)
            {
                foreach (var (s, e) in m.FactorSpan) min[s] = e;
                first = false;
                continue;
            }
            foreach (var s in min.Keys.ToArray()) min[s] = Math.Min(min[s], m.Exponent(s));
            foreach (var (s, e) in m.FactorSpan)
                if (!min.ContainsKey(s)) min[s] = Math.Min(0, e);
        }
        return Monomial.FromFactors(min.Select(kv => (kv.Key, kv.Value)));
    }

    public static Polynomial? TryDivide(Polynomial a, Polynomial b)
    {
        if (a.IsZero) return Polynomial.Zero;
        if (b.IsSingleTerm) return a * b.Pow(-1);
        var ca = MonomialContent(a);
        var cb = MonomialContent(b);
        var q = TryDivideOrdinary(a / ca, b / cb);
        return q is null ? null : q * (ca / cb);
    }

    /// <summary>Long division of ordinary polynomials in lex order; null when the remainder is non-zero.</summary>
    public static Polynomial? TryDivideOrdinary(Polynomial a, Polynomial b)
    {
        var symbols = a.Symbols.Union(b.Symbols).Order().ToArray();
        // If a = q·b then deg_s q = deg_s a − deg_s b for every symbol s: a quotient term beyond that box means "no".
        var bound = symbols.Select(s => a.MaxDegree(s) - b.MaxDegree(s)).ToArray();
        if (bound.Any(d => d < 0)) return null;
        var (lmB, lcB) = LeadingTerm(b, symbols);
        var r = a;
        var quotient = new List<(Monomial, Rational)>();
        // Each step removes the lex-leading term of r, so the loop ends (lex is a well-order on N^k).
        while (!r.IsZero)
        {
            var (lm, lc) = LeadingTerm(r, symbols);
            var t = lm / lmB;
            if (!t.IsOrdinary && !t.IsOne) return null;
            for (int i = 0; i < symbols.Length; i++)
                if (t.Exponent(symbols[i]) > bound[i]) return null;
            var coeff = lc / lcB;
            quotient.Add((t, coeff));
            r -= b * Polynomial.FromMonomial(t, coeff);
        }
        return Polynomial.FromTerms(quotient);
    }

    /// <summary>The lex-leading term: largest exponent of the first symbol, then the second, …</summary>
    public static (Monomial Monomial, Rational Coefficient) LeadingTerm(Polynomial p, IReadOnlyList<Symbol> symbols)
    {
        var best = p.Terms[0];
        for (int i = 1; i < p.Count; i++)
            if (LexGreater(p.Terms[i].Monomial, best.Monomial, symbols)) best = p.Terms[i];
        return best;
    }

    private static bool LexGreater(Monomial x, Monomial y, IReadOnlyList<Symbol> symbols)
    {
        foreach (var s in symbols)
        {
            int c = x.Exponent(s).CompareTo(y.Exponent(s));
            if (c != 0) return c > 0;
        }
        return false;
    }
}
