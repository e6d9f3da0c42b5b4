using System.Diagnostics.CodeAnalysis;

namespace Wick.Algebra;

/// <summary>
/// A quotient N/D of <see cref="Polynomial"/>s, kept normalised: monomial contents are cancelled (so D has no
/// monomial factor unless it is a monomial), common factors are cancelled by exact division and — when one side
/// is univariate — by the univariate gcd over Q, and D's lex-leading coefficient is 1. With these rules the form
/// is canonical (equal values are structurally equal) whenever the gcd is complete, i.e. always in one variable.
/// A value that is a Laurent polynomial is stored as that polynomial over 1.
/// Example: (n²−1)/(n−1) is n+1; n(n+2)(n+4)/n³ stays factor-free and expands to 1 + 6/n + 8/n² via
/// <see cref="ToPolynomial"/>.
/// </summary>
public sealed class RationalFunction : IEquatable<RationalFunction>
{
    private RationalFunction(Polynomial numerator, Polynomial denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public Polynomial Numerator { get; }
    public Polynomial Denominator { get; }

    public static RationalFunction Zero { get; } = new(Polynomial.Zero, Polynomial.One);
    public static RationalFunction One { get; } = new(Polynomial.One, Polynomial.One);

    /// <summary>N/D, normalised (see the type remarks).</summary>
    public static RationalFunction Create(Polynomial numerator, Polynomial denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        if (denominator.IsZero) throw new DivideByZeroException($"Rational function ({numerator})/0 has a zero denominator.");
        if (numerator.IsZero) return Zero;

        // Strip monomial contents: N = mN·N', D = mD·D' with N', D' ordinary and free of variable factors.
        var mN = ExactDivision.MonomialContent(numerator);
        var mD = ExactDivision.MonomialContent(denominator);
        var n = numerator / mN;
        var d = denominator / mD;
        (n, d) = CancelCommonFactor(n, d);

        // D' gets lex-leading coefficient 1.
        var lc = ExactDivision.LeadingTerm(d, d.Symbols).Coefficient;
        if (!lc.IsOne) { n /= lc; d /= lc; }

        // A Laurent polynomial value is kept as itself over 1; otherwise the monomial ratio splits into a
        // numerator part and a denominator part with positive exponents.
        var m = mN / mD;
        if (d.IsConstant) return new RationalFunction(n * m, Polynomial.One);
        return new RationalFunction(n * m.PositivePart, d * m.NegativePart);
    }

    public static RationalFunction FromPolynomial(Polynomial p) => new(p, Polynomial.One);

    public static implicit operator RationalFunction(Polynomial p) => FromPolynomial(p);
    public static implicit operator RationalFunction(Rational c) => FromPolynomial(c);
    public static implicit operator RationalFunction(int c) => FromPolynomial(c);
    public static implicit operator RationalFunction(Symbol s) => FromPolynomial(Polynomial.Var(s));

    public bool IsZero => Numerator.IsZero;

    /// <summary>True when the denominator is a single term, i.e. the value is a Laurent polynomial.</summary>
    public bool IsPolynomial => Denominator.IsSingleTerm;

    /// <summary>The Laurent polynomial N/D when D is a monomial term.</summary>
    public bool TryToPolynomial([NotNullWhen(true)] out Polynomial? polynomial)
    {
        polynomial = IsPolynomial ? Numerator * Denominator.Pow(-1) : null;
        return polynomial is not null;
    }

    /// <summary>The Laurent polynomial N/D; throws when D is not a monomial (e.g. 1/(n+2)).</summary>
    public Polynomial ToPolynomial() =>
        TryToPolynomial(out var p) ? p
            : throw new InvalidOperationException($"({Numerator})/({Denominator}) is not a Laurent polynomial: the denominator {Denominator} is not a monomial.");

    public static RationalFunction operator +(RationalFunction a, RationalFunction b) =>
        a.Denominator == b.Denominator ? Create(a.Numerator + b.Numerator, a.Denominator)
            : Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static RationalFunction operator -(RationalFunction a) => new(-a.Numerator, a.Denominator);
    public static RationalFunction operator -(RationalFunction a, RationalFunction b) => a + -b;

    public static RationalFunction operator *(RationalFunction a, RationalFunction b) =>
        Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static RationalFunction operator /(RationalFunction a, RationalFunction b) =>
        b.IsZero ? throw new DivideByZeroException("Rational function divided by zero.")
                 : Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public RationalFunction Pow(int exponent)
    {
        if (exponent >= 0) return new RationalFunction(Numerator.Pow(exponent), Denominator.Pow(exponent));
        if (IsZero) throw new DivideByZeroException("Zero raised to a negative power.");
        return Create(Denominator.Pow(-exponent), Numerator.Pow(-exponent));
    }

    /// <summary>Simultaneous substitution of symbols by rational functions.</summary>
    public RationalFunction Substitute(IReadOnlyDictionary<Symbol, RationalFunction> values) =>
        SubstituteInto(Numerator, values) / SubstituteInto(Denominator, values);

    public RationalFunction Substitute(Symbol s, RationalFunction value) =>
        Substitute(new Dictionary<Symbol, RationalFunction> { [s] = value });

    /// <summary>Σ c Π v^e as a rational function.</summary>
    public static RationalFunction SubstituteInto(Polynomial p, IReadOnlyDictionary<Symbol, RationalFunction> values)
    {
        var result = Zero;
        var untouched = new List<(Monomial, Rational)>();
        foreach (var (m, c) in p.Terms)
        {
            RationalFunction? f = null;
            var rest = new List<(Symbol, int)>();
            foreach (var (s, e) in m.Factors)
            {
                if (values.TryGetValue(s, out var v)) f = f is null ? v.Pow(e) : f * v.Pow(e);
                else rest.Add((s, e));
            }
            if (f is null) untouched.Add((m, c));
            else result += f * Polynomial.FromMonomial(Monomial.FromFactors(rest), c);
        }
        return result + Polynomial.FromTerms(untouched);
    }

    /// <summary>Numeric value (floating point: for evaluation only).</summary>
    public double Evaluate(Func<Symbol, double> value) => Numerator.Evaluate(value) / Denominator.Evaluate(value);

    /// <summary>Numeric value; throws naming any unbound symbol.</summary>
    public double Evaluate(IReadOnlyDictionary<Symbol, double> values) => Numerator.Evaluate(values) / Denominator.Evaluate(values);

    public bool Equals(RationalFunction? other) =>
        other is not null && Numerator.Equals(other.Numerator) && Denominator.Equals(other.Denominator);

    public override bool Equals(object? obj) => Equals(obj as RationalFunction);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);
    public static bool operator ==(RationalFunction? a, RationalFunction? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(RationalFunction? a, RationalFunction? b) => !(a == b);

    /// <summary><c>(n_l + 1)/(n_l - 2)</c>; a polynomial prints as itself.</summary>
    public override string ToString()
    {
        if (Denominator == Polynomial.One) return Numerator.ToString();
        string num = Numerator.Count == 1 && Numerator.Terms[0].Coefficient.Sign > 0 ? Numerator.ToString() : $"({Numerator})";
        bool atom = Denominator.Count == 1 && Denominator.Terms[0].Coefficient.IsOne && Denominator.Terms[0].Monomial.Factors is [(_, 1)];
        string den = atom ? Denominator.ToString() : $"({Denominator})";
        return $"{num}/{den}";
    }

    /// <summary><c>\frac{n_{\ell} + 1}{n_{\ell} - 2}</c>.</summary>
    public string ToLatex() =>
        Denominator == Polynomial.One ? Numerator.ToLatex() : $"\\frac{{{Numerator.ToLatex()}}}{{{Denominator.ToLatex()}}}";

    /// <summary>Cancels the common factor of ordinary polynomials n, d (complete when either side is univariate).</summary>
    private static (Polynomial N, Polynomial D) CancelCommonFactor(Polynomial n, Polynomial d)
    {
        if (d.IsConstant) return (n, d);
        if (n.TryDivideExactly(d, out var q)) return (q, Polynomial.One);
        if (!n.IsConstant && d.TryDivideExactly(n, out q)) return (Polynomial.One, q);
        var sn = n.Symbols; var sd = d.Symbols;
        Polynomial? g = null;
        if (sd.Count == 1) g = GcdWithUnivariate(d, n, sd[0]);
        else if (sn.Count == 1) g = GcdWithUnivariate(n, d, sn[0]);
        if (g is null || g.IsConstant) return (n, d);
        return (n.DivideExactly(g), d.DivideExactly(g));
    }

    /// <summary>
    /// gcd(u, p) for u univariate in x: a polynomial in x divides p = Σ_β y^β P_β(x) iff it divides every P_β,
    /// so the gcd is gcd(u, P_β for all β).
    /// </summary>
    private static Polynomial GcdWithUnivariate(Polynomial u, Polynomial p, Symbol x)
    {
        var groups = new Dictionary<Monomial, List<(Monomial, Rational)>>();
        foreach (var (m, c) in p.Terms)
        {
            int e = m.Exponent(x);
            var rest = m / Monomial.Of(x, e);
            if (!groups.TryGetValue(rest, out var list)) groups[rest] = list = [];
            list.Add((Monomial.Of(x, e), c));
        }
        var g = u;
        foreach (var list in groups.Values)
        {
            g = PolynomialFactoring.Gcd(g, Polynomial.FromTerms(list), x);
            if (g.IsConstant) break;
        }
        return g;
    }
}
