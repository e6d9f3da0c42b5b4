namespace Wick.Algebra;

/// <summary>
/// A Laurent monomial Π s^e: a product of <see cref="Symbol"/> powers with non-zero integer exponents
/// (negative allowed, so <c>C_W^2/n_l</c> is a monomial). Canonical: factors sorted by the symbol order, no zero
/// exponents, so equal monomials are structurally equal and hash equal.
/// </summary>
/// <remarks>
/// The total order (<see cref="CompareTo"/>) is the printing order of terms: first by increasing 1/n order
/// (<see cref="WidthDegree"/> descending: constants before 1/n before 1/n²), then lexicographically on the
/// factor list (smaller symbol first, higher power of the same symbol first, a prefix before its extensions).
/// </remarks>
public sealed class Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private static readonly (Symbol Symbol, int Exponent)[] NoFactors = [];
    private readonly (Symbol Symbol, int Exponent)[] _factors;
    private readonly int _hash;

    /// <summary>Builds from factors that are already sorted, distinct and non-zero (not checked).</summary>
    internal Monomial((Symbol Symbol, int Exponent)[] canonicalFactors)
    {
        _factors = canonicalFactors;
        var h = new HashCode();
        int w = 0, d = 0;
        foreach (var (s, e) in canonicalFactors)
        {
            h.Add(s.GetHashCode());
            h.Add(e);
            if (s.IsWidth) w += e;
            d += e;
        }
        _hash = h.ToHashCode();
        WidthDegree = w;
        Degree = d;
    }

    /// <summary>The empty product 1.</summary>
    public static Monomial One { get; } = new(NoFactors);

    /// <summary>The monomial s^e (1 when e = 0).</summary>
    public static Monomial Of(Symbol symbol, int exponent = 1)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return exponent == 0 ? One : new Monomial([(symbol, exponent)]);
    }

    /// <summary>The product of arbitrary factors: repeated symbols are combined, zero exponents dropped.</summary>
    public static Monomial FromFactors(IEnumerable<(Symbol Symbol, int Exponent)> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var map = new SortedDictionary<Symbol, int>();
        foreach (var (s, e) in factors)
        {
            ArgumentNullException.ThrowIfNull(s);
            map[s] = checked(map.GetValueOrDefault(s) + e);
        }
        var list = map.Where(kv => kv.Value != 0).Select(kv => (kv.Key, kv.Value)).ToArray();
        return list.Length == 0 ? One : new Monomial(list);
    }

    /// <summary>The factors (symbol, exponent), sorted by symbol, exponents non-zero.</summary>
    public IReadOnlyList<(Symbol Symbol, int Exponent)> Factors => _factors;

    internal ReadOnlySpan<(Symbol Symbol, int Exponent)> FactorSpan => _factors;

    /// <summary>The symbols that occur, in canonical order.</summary>
    public IReadOnlyList<Symbol> Symbols => _factors.Select(f => f.Symbol).ToArray();

    /// <summary>True for the empty product.</summary>
    public bool IsOne => _factors.Length == 0;

    /// <summary>Sum of the exponents of width symbols (<see cref="Symbol.IsWidth"/>): −k for a 1/n^k term.</summary>
    public int WidthDegree { get; }

    /// <summary>Total degree (sum of all exponents).</summary>
    public int Degree { get; }

    /// <summary>True when every exponent is non-negative (an ordinary monomial).</summary>
    public bool IsOrdinary => _factors.All(f => f.Exponent > 0);

    /// <summary>The exponent of <paramref name="symbol"/> (0 when absent).</summary>
    public int Exponent(Symbol symbol)
    {
        foreach (var (s, e) in _factors)
            if (s.Equals(symbol)) return e;
        return 0;
    }

    public static Monomial operator *(Monomial a, Monomial b)
    {
        if (a.IsOne) return b;
        if (b.IsOne) return a;
        var fa = a._factors; var fb = b._factors;
        var result = new (Symbol, int)[fa.Length + fb.Length];
        int i = 0, j = 0, k = 0;
        while (i < fa.Length && j < fb.Length)
        {
            int c = ReferenceEquals(fa[i].Symbol, fb[j].Symbol) ? 0 : fa[i].Symbol.CompareTo(fb[j].Symbol);
            if (c < 0) result[k++] = fa[i++];
            else if (c > 0) result[k++] = fb[j++];
            else
            {
                int e = checked(fa[i].Exponent + fb[j].Exponent);
                if (e != 0) result[k++] = (fa[i].Symbol, e);
                i++; j++;
            }
        }
        while (i < fa.Length) result[k++] = fa[i++];
        while (j < fb.Length) result[k++] = fb[j++];
        if (k == 0) return One;
        if (k < result.Length) Array.Resize(ref result, k);
        return new Monomial(result);
    }

    public static Monomial operator /(Monomial a, Monomial b) => a * b.Pow(-1);

    /// <summary>Integer power (negative allowed).</summary>
    public Monomial Pow(int exponent)
    {
        if (exponent == 0 || IsOne) return One;
        if (exponent == 1) return this;
        var r = new (Symbol, int)[_factors.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (_factors[i].Symbol, checked(_factors[i].Exponent * exponent));
        return new Monomial(r);
    }

    /// <summary>The part with positive exponents (numerator).</summary>
    public Monomial PositivePart => Filter(e => e > 0);

    /// <summary>The reciprocal of the part with negative exponents (denominator, positive exponents).</summary>
    public Monomial NegativePart => Filter(e => e < 0).Pow(-1);

    /// <summary>Per-symbol minimum of the exponents of two monomials (the monomial "gcd" in the Laurent sense).</summary>
    public static Monomial Min(Monomial a, Monomial b) => Combine(a, b, Math.Min);

    /// <summary>Per-symbol maximum of the exponents of two monomials.</summary>
    public static Monomial Max(Monomial a, Monomial b) => Combine(a, b, Math.Max);

    private static Monomial Combine(Monomial a, Monomial b, Func<int, int, int> op)
    {
        var symbols = a._factors.Select(f => f.Symbol).Union(b._factors.Select(f => f.Symbol));
        return FromFactors(symbols.Select(s => (s, op(a.Exponent(s), b.Exponent(s)))));
    }

    private Monomial Filter(Func<int, bool> keep)
    {
        var r = _factors.Where(f => keep(f.Exponent)).ToArray();
        return r.Length == _factors.Length ? this : r.Length == 0 ? One : new Monomial(r);
    }

    public bool Equals(Monomial? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_hash != other._hash || _factors.Length != other._factors.Length) return false;
        for (int i = 0; i < _factors.Length; i++)
            if (_factors[i].Exponent != other._factors[i].Exponent || !_factors[i].Symbol.Equals(other._factors[i].Symbol)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Monomial);
    public override int GetHashCode() => _hash;
    public static bool operator ==(Monomial? a, Monomial? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Monomial? a, Monomial? b) => !(a == b);

    /// <summary>The canonical term order (see the type remarks).</summary>
    public int CompareTo(Monomial? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        int c = other.WidthDegree.CompareTo(WidthDegree);
        return c != 0 ? c : LexCompare(this, other);
    }

    /// <summary>Lexicographic order on factor lists: smaller symbol first, higher exponent first, prefix first.</summary>
    internal static int LexCompare(Monomial a, Monomial b)
    {
        var fa = a._factors; var fb = b._factors;
        int n = Math.Min(fa.Length, fb.Length);
        for (int i = 0; i < n; i++)
        {
            int c = ReferenceEquals(fa[i].Symbol, fb[i].Symbol) ? 0 : fa[i].Symbol.CompareTo(fb[i].Symbol);
            if (c != 0) return c;
            c = fb[i].Exponent.CompareTo(fa[i].Exponent);
            if (c != 0) return c;
        }
        return fa.Length.CompareTo(fb.Length);
    }

    /// <summary>Text spelling, e.g. <c>C_W^2 G4^(l)/n_l</c> (see <see cref="Polynomial.ToString"/>).</summary>
    public override string ToString() => PolynomialPrinter.TermText(Rational.One, this);

    /// <summary>LaTeX spelling, e.g. <c>\frac{C_{W}^{2}}{n_{\ell}}</c>.</summary>
    public string ToLatex() => PolynomialPrinter.TermLatex(Rational.One, this);
}
