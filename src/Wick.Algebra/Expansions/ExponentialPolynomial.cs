using System.Text;

namespace Wick.Algebra.Expansions;

/// <summary>One term p(r) · e^{λ r} of an <see cref="ExponentialPolynomial"/>.</summary>
/// <param name="Coefficient">p: a polynomial (in r, 1/n and other symbols).</param>
/// <param name="Rate">λ: a polynomial free of r (for deep linear networks a rational such as m(m−1)).</param>
public sealed record ExponentialTerm(Polynomial Coefficient, Polynomial Rate);

/// <summary>
/// An exponential polynomial Σ_k p_k · e^{λ_k r} in the aspect ratio r = L/n — the form of correlators in the
/// double-scaling limit (3.55): G_{2m}^{(L)} → e^{m(m−1) r} (G_2)^m, and the connected six-point combination
/// (e^{6r} − 3e^{2r} + 2) G_2³ of (3.57). When it comes from <see cref="DoubleScaling"/>, the coefficients also carry the
/// 1/n corrections at fixed r through <see cref="WidthOrder"/>.
/// </summary>
public sealed class ExponentialPolynomial
{
    private readonly ExponentialTerm[] _terms;

    private ExponentialPolynomial(Symbol variable, ExponentialTerm[] terms, int widthOrder)
    {
        Variable = variable;
        _terms = terms;
        WidthOrder = widthOrder;
    }

    /// <summary>The aspect ratio symbol <c>r</c>.</summary>
    public static Symbol R => Symbol.R;

    /// <summary>The variable r of the exponentials.</summary>
    public Symbol Variable { get; }

    /// <summary>The terms, merged by rate, in increasing rate order (by text).</summary>
    public IReadOnlyList<ExponentialTerm> Terms => _terms;

    /// <summary>The coefficients are exact through 1/n^K, K = WidthOrder (0: the double-scaling limit proper).</summary>
    public int WidthOrder { get; }

    /// <summary>Builds Σ p_k e^{λ_k r}; merges equal rates, drops zeros.</summary>
    public static ExponentialPolynomial Create(Symbol variable, IEnumerable<ExponentialTerm> terms, int widthOrder = 0)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var byRate = new Dictionary<Polynomial, Polynomial>();
        foreach (var t in terms)
        {
            if (t.Rate.Symbols.Contains(variable)) throw new ArgumentException($"A rate must not contain {variable}: {t.Rate}.", nameof(terms));
            byRate[t.Rate] = byRate.TryGetValue(t.Rate, out var p) ? p + t.Coefficient : t.Coefficient;
        }
        var list = byRate.Where(kv => !kv.Value.IsZero).Select(kv => new ExponentialTerm(kv.Value, kv.Key))
            .OrderByDescending(t => t.Rate.TryGetConstant(out var c) ? c : Rational.Zero)
            .ThenBy(t => t.Rate.ToString(), StringComparer.Ordinal).ToArray();
        return new ExponentialPolynomial(variable, list, widthOrder);
    }

    /// <summary>True when identically zero (to the width order kept).</summary>
    public bool IsZero => _terms.Length == 0;

    /// <summary>The double-scaling limit proper: every coefficient at width order 0 (the 1/n corrections dropped).</summary>
    public ExponentialPolynomial Leading => CorrectionAt(0);

    /// <summary>The coefficient of 1/n^j at fixed r (an exponential polynomial itself; j ≤ <see cref="WidthOrder"/>).</summary>
    public ExponentialPolynomial CorrectionAt(int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(j);
        if (j > WidthOrder) throw new ArgumentOutOfRangeException(nameof(j), j, $"Only known through 1/n^{WidthOrder}.");
        return Create(Variable, _terms.Select(t => t with { Coefficient = StripWidth(t.Coefficient.Where(m => m.WidthDegree == -j)) }), 0);
    }

    private static Polynomial StripWidth(Polynomial p) =>
        Polynomial.FromTerms(p.Terms.Select(t => (Monomial.FromFactors(t.Monomial.Factors.Where(f => !f.Symbol.IsWidth)), t.Coefficient)));

    /// <summary>
    /// The Taylor series in r through r^<paramref name="order"/> (error O(r^{order+1})): Σ_k p_k Σ_i λ_k^i r^i / i!.
    /// For (3.57): (e^{6r} − 3e^{2r} + 2) G³ → 12 r² G³ + 32 r³ G³ + O(r⁴).
    /// </summary>
    public Polynomial SeriesInR(int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var r = Polynomial.Var(Variable);
        var sum = Polynomial.Zero;
        foreach (var t in _terms)
        {
            var exp = Polynomial.Zero;
            var power = Polynomial.One;
            Rational factorial = Rational.One;
            for (int i = 0; i <= order; i++)
            {
                if (i > 0) factorial *= i;
                exp += power / factorial;
                power *= t.Rate * r;
            }
            sum += (t.Coefficient * exp).Truncate(Variable, order);
        }
        return sum;
    }

    /// <summary>
    /// The first non-vanishing term of the r-series, c · r^k (searching up to r^<paramref name="maxOrder"/>), or null
    /// when the series vanishes through that order. For the connected 2m-point correlator at criticality this is
    /// the tree-level term ∝ r^{m−1}.
    /// </summary>
    public (int Power, Polynomial Coefficient)? LeadingInR(int maxOrder = 64)
    {
        var series = SeriesInR(maxOrder);
        if (series.IsZero) return null;
        var byPower = series.CoefficientsIn(Variable);
        var first = byPower.First(kv => !kv.Value.IsZero);
        return (first.Key, first.Value);
    }

    /// <summary>
    /// Prints a truncated series in <paramref name="variable"/> in increasing powers with its O-term:
    /// <c>12 (G2^(L))^3 r^2 + 32 (G2^(L))^3 r^3 + O(r^4)</c> (the leading term first).
    /// </summary>
    public static string FormatSeries(Polynomial series, Symbol variable, int order, bool latex = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(variable);
        var parts = series.CoefficientsIn(variable).Where(kv => !kv.Value.IsZero).OrderBy(kv => kv.Key)
            .Select(kv => kv.Value * Polynomial.Var(variable).Pow(kv.Key))
            .SelectMany(p => p.Terms.Select(t => Polynomial.FromMonomial(t.Monomial, t.Coefficient)))
            .Select(p => latex ? p.ToLatex() : p.ToString()).ToList();
        string v = latex ? variable.ToLatex() : variable.ToString();
        string big = latex ? $"O\\left({v}^{{{order + 1}}}\\right)" : order + 1 == 1 ? $"O({v})" : $"O({v}^{order + 1})";
        var sb = new StringBuilder();
        foreach (var part in parts.Append(big))
        {
            if (sb.Length == 0) sb.Append(part);
            else if (part.StartsWith('-')) sb.Append(" - ").Append(part[1..]);
            else sb.Append(" + ").Append(part);
        }
        return sb.ToString();
    }

    /// <summary>Substitutes a symbol in coefficients and rates.</summary>
    public ExponentialPolynomial Substitute(Symbol symbol, Polynomial value) =>
        Create(Variable, _terms.Select(t => new ExponentialTerm(t.Coefficient.Substitute(symbol, value), t.Rate.Substitute(symbol, value))), WidthOrder);

    public static ExponentialPolynomial operator +(ExponentialPolynomial a, ExponentialPolynomial b) =>
        Create(a.Variable, a._terms.Concat(b._terms), Math.Min(a.WidthOrder, b.WidthOrder));

    public static ExponentialPolynomial operator -(ExponentialPolynomial a) =>
        Create(a.Variable, a._terms.Select(t => t with { Coefficient = -t.Coefficient }), a.WidthOrder);

    public static ExponentialPolynomial operator -(ExponentialPolynomial a, ExponentialPolynomial b) => a + -b;

    /// <summary>Products multiply coefficients and add rates.</summary>
    public static ExponentialPolynomial operator *(ExponentialPolynomial a, ExponentialPolynomial b) =>
        Create(a.Variable, from s in a._terms from t in b._terms
                           select new ExponentialTerm((s.Coefficient * t.Coefficient).TruncateWidthOrder(Math.Min(a.WidthOrder, b.WidthOrder)), s.Rate + t.Rate),
               Math.Min(a.WidthOrder, b.WidthOrder));

    /// <summary>Numeric value at r (and any other symbols) — floating point, for plots and checks only.</summary>
    public double Evaluate(Func<Symbol, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        double r = value(Variable);
        return _terms.Sum(t => t.Coefficient.Evaluate(value) * Math.Exp(t.Rate.Evaluate(value) * r));
    }

    /// <summary><c>(G2)^3 e^(6 r) - 3 (G2)^3 e^(2 r) + 2 (G2)^3</c>; with width order K &gt; 0 an O(1/n^{K+1}) is appended.</summary>
    public override string ToString() => Format(latex: false);

    /// <summary>LaTeX: <c>e^{6 r}</c>.</summary>
    public string ToLatex() => Format(latex: true);

    private string Format(bool latex)
    {
        if (_terms.Length == 0) return "0";
        var sb = new StringBuilder();
        foreach (var t in _terms)
        {
            string coeff = latex ? t.Coefficient.ToLatex() : t.Coefficient.ToString();
            string rate = latex ? t.Rate.ToLatex() : t.Rate.ToString();
            string r = latex ? Variable.ToLatex() : Variable.ToString();
            string exp = t.Rate.IsZero ? "" : latex ? $"e^{{{(rate == "1" ? "" : rate + " ")}{r}}}" : $"e^({(rate == "1" ? "" : (t.Rate.Count > 1 ? $"({rate})" : rate) + " ")}{r})";
            string c = t.Coefficient.Count > 1 && exp.Length > 0 ? (latex ? $"\\left({coeff}\\right)" : $"({coeff})") : coeff;
            string body = exp.Length == 0 ? c : c == "1" ? exp : c == "-1" ? "-" + exp : c + " " + exp;
            if (sb.Length == 0) sb.Append(body);
            else if (body.StartsWith('-')) sb.Append(" - ").Append(body[1..]);
            else sb.Append(" + ").Append(body);
        }
        if (WidthOrder > 0) sb.Append(latex ? $" + O\\left(n^{{-{WidthOrder + 1}}}\\right)" : $" + O(1/n^{WidthOrder + 1})");
        return sb.ToString();
    }
}
