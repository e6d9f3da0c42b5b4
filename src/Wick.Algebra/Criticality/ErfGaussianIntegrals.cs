using System.Numerics;
using System.Text;

namespace Wick.Algebra.Criticality;

/// <summary>One term z^k Φ(z)^a φ(z)^b of an <see cref="ErfPolynomial"/> (Φ the standard normal CDF, φ its density).</summary>
public readonly record struct ErfMonomial(int Z, int Phi, int Density);

/// <summary>
/// An activation written as a polynomial in z, Φ(z) = (1 + erf(z/√2))/2 and φ(z) = Φ'(z) with exact rational
/// coefficients (GELU = z Φ). Closed under products and d/dz (Φ' = φ, φ' = −z φ), so σ' and the integrands of
/// (5.73) stay in the class.
/// </summary>
public sealed class ErfPolynomial
{
    private readonly Dictionary<ErfMonomial, Rational> _terms;

    private ErfPolynomial(Dictionary<ErfMonomial, Rational> terms) =>
        _terms = terms.Where(kv => !kv.Value.IsZero).ToDictionary(kv => kv.Key, kv => kv.Value);

    public IReadOnlyDictionary<ErfMonomial, Rational> Terms => _terms;

    public static ErfPolynomial Constant(Rational c) => new(new() { [new(0, 0, 0)] = c });
    public static ErfPolynomial Z { get; } = new(new() { [new(1, 0, 0)] = Rational.One });
    /// <summary>Φ(z).</summary>
    public static ErfPolynomial Phi { get; } = new(new() { [new(0, 1, 0)] = Rational.One });

    public static ErfPolynomial operator +(ErfPolynomial a, ErfPolynomial b)
    {
        var t = new Dictionary<ErfMonomial, Rational>(a._terms);
        foreach (var (m, c) in b._terms) t[m] = t.GetValueOrDefault(m) + c;
        return new(t);
    }

    public static ErfPolynomial operator -(ErfPolynomial a) => new(a._terms.ToDictionary(kv => kv.Key, kv => -kv.Value));
    public static ErfPolynomial operator -(ErfPolynomial a, ErfPolynomial b) => a + -b;

    public static ErfPolynomial operator *(ErfPolynomial a, ErfPolynomial b)
    {
        var t = new Dictionary<ErfMonomial, Rational>();
        foreach (var (m, c) in a._terms)
            foreach (var (n, d) in b._terms)
            {
                var p = new ErfMonomial(m.Z + n.Z, m.Phi + n.Phi, m.Density + n.Density);
                t[p] = t.GetValueOrDefault(p) + c * d;
            }
        return new(t);
    }

    /// <summary>d/dz: z^k → k z^{k−1}, Φ^a → a Φ^{a−1} φ, φ^b → −b z φ^b.</summary>
    public ErfPolynomial Derivative()
    {
        var t = new Dictionary<ErfMonomial, Rational>();
        void Add(ErfMonomial m, Rational c) => t[m] = t.GetValueOrDefault(m) + c;
        foreach (var (m, c) in _terms)
        {
            if (m.Z > 0) Add(m with { Z = m.Z - 1 }, c * m.Z);
            if (m.Phi > 0) Add(new(m.Z, m.Phi - 1, m.Density + 1), c * m.Phi);
            if (m.Density > 0) Add(m with { Z = m.Z + 1 }, -c * m.Density);
        }
        return new(t);
    }

    public override string ToString() => _terms.Count == 0 ? "0" : string.Join(" + ", _terms.Select(kv =>
        $"{kv.Value}" + (kv.Key.Z > 0 ? $" z^{kv.Key.Z}" : "") + (kv.Key.Phi > 0 ? $" Phi^{kv.Key.Phi}" : "") + (kv.Key.Density > 0 ? $" phi^{kv.Key.Density}" : "")));
}

/// <summary>
/// A Gaussian expectation E_K[f] of an <see cref="ErfPolynomial"/>, z ~ N(0, K), in closed form:
/// Σ_β u_β(K) [R_β(K) + T_β(K) A(s_β)] with u_β = (2π)^{−β/2} (1 + βK)^{−1/2}, s_β = K/(1 + βK) and the one
/// transcendental A(s) = E_s[Φ²] = 1/4 + arcsin(s/(1 + s))/(2π); R_β, T_β rational functions of K.
/// </summary>
public sealed class ErfGaussianValue
{
    internal ErfGaussianValue(Dictionary<(int Level, bool Arcsin), RationalFunction> parts) =>
        Parts = parts.Where(kv => !kv.Value.Numerator.IsZero).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>R_β (Arcsin = false) and T_β (Arcsin = true) by level β.</summary>
    public IReadOnlyDictionary<(int Level, bool Arcsin), RationalFunction> Parts { get; }

    public static ErfGaussianValue operator +(ErfGaussianValue a, ErfGaussianValue b)
    {
        var t = new Dictionary<(int, bool), RationalFunction>(a.Parts);
        foreach (var (k, v) in b.Parts) t[k] = t.TryGetValue(k, out var w) ? w + v : v;
        return new(t);
    }

    public static ErfGaussianValue operator *(RationalFunction c, ErfGaussianValue a) => new(a.Parts.ToDictionary(kv => kv.Key, kv => c * kv.Value));
}

/// <summary>
/// Exact Gaussian integrals of polynomials in z, Φ, φ (<see cref="ErfPolynomial"/>) and, from them, the exact form of
/// the nontrivial fixed point of (5.73) K⟨σ'σ'⟩_K = ⟨zσσ'⟩_K when it is algebraic. φ(z)^b under N(0, K) is
/// u_b(K) times the Gaussian N(0, s_b) (tilting); powers of z are removed by Stein's lemma E_s[z f] = s E_s[f'],
/// which turns Φ^a into a Φ^{a−1} φ (one more tilt: u_β(K) u_1(s_β) = u_{β+1}(K), s_β/(1 + s_β) = s_{β+1}); what
/// remains is E_s[1] = 1, E_s[Φ] = 1/2 and E_s[Φ²] = A(s). Φ³ and higher are refused (no closed form here).
/// </summary>
public static class ErfGaussianIntegrals
{
    /// <summary>The kernel K, the variance of z.</summary>
    public static Symbol K { get; } = Symbol.Plain("K");

    /// <summary>E_K[f], z ~ N(0, K).</summary>
    public static ErfGaussianValue Expectation(ErfPolynomial f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var memo = new Dictionary<(int, int, int), ErfGaussianValue>();
        var sum = new ErfGaussianValue([]);
        foreach (var (m, c) in f.Terms) sum += (RationalFunction)c * Tilted(m.Density, m.Z, m.Phi, memo);
        return sum;
    }

    /// <summary>s_β = K/(1 + βK).</summary>
    private static RationalFunction Variance(int level) => (RationalFunction)K / (1 + level * (RationalFunction)K);

    /// <summary>u_β E_{s_β}[z^k Φ^a] (5.5)-type integral at tilt level β.</summary>
    private static ErfGaussianValue Tilted(int level, int k, int a, Dictionary<(int, int, int), ErfGaussianValue> memo)
    {
        if (a > 2) throw new NotRepresentableException($"E[Phi^{a} ...] has no closed form here (only Phi^2 via arcsin)");
        if (memo.TryGetValue((level, k, a), out var known)) return known;
        ErfGaussianValue v;
        if (k == 0)
            v = a switch
            {
                0 => new(new() { [(level, false)] = RationalFunction.One }),
                1 => new(new() { [(level, false)] = (RationalFunction)Rational.Create(1, 2) }),
                _ => new(new() { [(level, true)] = RationalFunction.One }),
            };
        else
        {
            // Stein: E_s[z · z^{k−1} Φ^a] = s ((k − 1) E_s[z^{k−2} Φ^a] + a E_s[z^{k−1} Φ^{a−1} φ]).
            v = new ErfGaussianValue([]);
            if (k >= 2) v += (RationalFunction)(k - 1) * Tilted(level, k - 2, a, memo);
            if (a >= 1) v += (RationalFunction)a * Tilted(level + 1, k - 1, a - 1, memo);
            v = Variance(level) * v;
        }
        memo[(level, k, a)] = v;
        return v;
    }

    /// <summary>
    /// (5.73) for σ in closed form: F(K) = K E_K[σ'σ'] − E_K[zσσ'] (5.50)–(5.51). When its arcsin parts cancel and a
    /// single level β remains, F = u_β(K) R_β(K) and the fixed points K* &gt; 0 are the positive roots of R_β's
    /// numerator: returned as that polynomial (in <see cref="K"/>) with the reason; null with the reason otherwise.
    /// </summary>
    public static (Polynomial? Condition, string Reason) CriticalityCondition(ErfPolynomial sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        var prime = sigma.Derivative();
        ErfGaussianValue f;
        try { f = (RationalFunction)K * Expectation(prime * prime) + (RationalFunction)(-1) * Expectation(ErfPolynomial.Z * sigma * prime); }
        catch (NotRepresentableException e) { return (null, e.Message); }
        if (f.Parts.Keys.Any(p => p.Arcsin))
            return (null, "the arcsin terms E[Phi^2] of K<sigma'sigma'> and <z sigma sigma'> do not cancel: (5.73) is transcendental in K");
        var levels = f.Parts.Keys.Select(p => p.Level).Distinct().ToList();
        if (levels.Count != 1)
            return (null, levels.Count == 0 ? "(5.73) holds for every K" : $"(5.73) mixes the units (1 + bK)^(-1/2) for b = {string.Join(", ", levels)}: not a polynomial condition");
        return (f.Parts[(levels[0], false)].Numerator,
            $"K<sigma'sigma'> - <z sigma sigma'> = (2 pi)^(-{levels[0]}/2) (1 + {levels[0]}K)^(-1/2) R(K) by Stein's lemma (the arcsin terms cancel)");
    }
}

/// <summary>The positive roots of a polynomial condition in K, exactly, when its degree (after K^m) is at most 2.</summary>
public sealed record ExactRoots(Polynomial Monic, IReadOnlyList<QuadraticSurd> Positive)
{
    /// <summary>Divides out K^m, makes the rest monic; null when its degree exceeds 2 (no closed form attempted).</summary>
    public static ExactRoots? Of(Polynomial condition, Symbol k)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var byPower = condition.CoefficientsIn(k);
        var c = new SortedDictionary<int, Rational>();
        foreach (var (power, coefficient) in byPower)
        {
            if (!coefficient.TryGetConstant(out var value)) return null;
            if (!value.IsZero) c[power] = value;
        }
        if (c.Count == 0) return null;
        int low = c.Keys.Min(), degree = c.Keys.Max() - low;
        if (degree > 2 || degree == 0) return null;
        var lead = c[c.Keys.Max()];
        Rational At(int i) => c.TryGetValue(i + low, out var v) ? v / lead : Rational.Zero;
        var monic = Enumerable.Range(0, degree + 1).Aggregate(Polynomial.Zero, (sum, i) => sum + Polynomial.Constant(At(i)) * Polynomial.Var(k).Pow(i));
        var roots = degree == 2 ? QuadraticSurd.Roots(Rational.One, At(1), At(0)) : QuadraticSurd.Roots(Rational.Zero, Rational.One, At(0));
        return new ExactRoots(monic, [.. roots.Where(r => r.ToDouble() > 0)]);
    }
}

/// <summary>An exact real number p + q√d (d squarefree &gt; 1, or q = 0): a root of a quadratic with rational coefficients.</summary>
public readonly record struct QuadraticSurd(Rational P, Rational Q, BigInteger D)
{
    public double ToDouble() => P.ToDouble() + Q.ToDouble() * Math.Sqrt((double)D);

    /// <summary>The real roots of a x² + b x + c (a ≠ 0), in increasing order.</summary>
    public static IReadOnlyList<QuadraticSurd> Roots(Rational a, Rational b, Rational c)
    {
        if (a.IsZero) return b.IsZero ? [] : [new QuadraticSurd(-c / b, Rational.Zero, BigInteger.One)];
        var disc = b * b - 4 * a * c;
        if (disc.Sign < 0) return [];
        var p = -b / (2 * a);
        // √(n/m) = √(n m)/m, then square factors out of n m.
        var (outside, inside) = SquareFree(disc.Numerator * disc.Denominator);
        var q = Rational.Create(outside, disc.Denominator) / (2 * a);
        if (inside.IsOne) return q.IsZero ? [new(p, Rational.Zero, BigInteger.One)] : new[] { new QuadraticSurd(p - q, Rational.Zero, BigInteger.One), new QuadraticSurd(p + q, Rational.Zero, BigInteger.One) }.OrderBy(r => r.P).ToArray();
        var roots = new[] { new QuadraticSurd(p, -q, inside), new QuadraticSurd(p, q, inside) };
        return [.. roots.OrderBy(r => r.ToDouble())];
    }

    private static (BigInteger Outside, BigInteger Inside) SquareFree(BigInteger n)
    {
        BigInteger outside = 1, inside = 1;
        for (BigInteger f = 2; f * f <= n; f++)
        {
            while (n % (f * f) == 0) { n /= f * f; outside *= f; }
            if (n % f == 0) { n /= f; inside *= f; }
            if (f > 1_000_000) break;
        }
        return (outside, inside * n);
    }

    /// <summary>"(3 + √17)/2".</summary>
    public override string ToString()
    {
        bool bare = P.IsZero;
        return Format(d => $"√{d}", (n, c) => bare ? $"{n}/{c}" : $"({n})/{c}");
    }

    /// <summary>"\frac{3 + \sqrt{17}}{2}".</summary>
    public string ToLatex() => Format(d => $"\\sqrt{{{d}}}", (n, c) => $"\\frac{{{n}}}{{{c}}}");

    private string Format(Func<BigInteger, string> root, Func<string, BigInteger, string> fraction)
    {
        if (Q.IsZero || D.IsOne) return (P + (D.IsOne ? Q : Rational.Zero)).ToString();
        var c = BigInteger.Abs(P.Denominator * Q.Denominator / BigInteger.GreatestCommonDivisor(P.Denominator, Q.Denominator));
        var a = P * c;
        var b = Q * c;
        var sb = new StringBuilder();
        if (!a.IsZero) sb.Append(a.Numerator).Append(b.Sign < 0 ? " - " : " + ");
        else if (b.Sign < 0) sb.Append('-');
        var mag = BigInteger.Abs(b.Numerator);
        if (!mag.IsOne) sb.Append(mag);
        sb.Append(root(D));
        return c.IsOne ? sb.ToString() : fraction(sb.ToString(), c);
    }
}
