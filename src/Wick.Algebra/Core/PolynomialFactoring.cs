using System.Numerics;
using System.Text;

namespace Wick.Algebra;

/// <summary>
/// A factorisation c · Π f_i^{k_i}. Multiplicities are non-zero and may be negative for a monomial factor of a
/// Laurent polynomial (n^{-2}).
/// </summary>
public sealed record Factorization(Rational Constant, IReadOnlyList<(Polynomial Factor, int Multiplicity)> Factors)
{
    /// <summary>Multiplies the factorisation out again (c · Π f^k).</summary>
    public Polynomial Expand() =>
        Polynomial.Product(Factors.Select(f => f.Factor.Pow(f.Multiplicity))) * Constant;

    /// <summary><c>2 n_l (n_l + 2) (n_l + 4)^2</c>, <c>(1/2) (n_l + 1)</c>; a bare symbol is not parenthesised.</summary>
    public override string ToString() => Print(p => p.ToString(), c => c.IsInteger ? c.ToString() : $"({c})", "(", ")", e => "^" + e);

    /// <summary><c>2 n_{\ell} \left(n_{\ell} + 2\right)</c>.</summary>
    public string ToLatex() => Print(p => p.ToLatex(), c => c.ToLatex(), "\\left(", "\\right)", e => "^{" + e + "}");

    private string Print(Func<Polynomial, string> show, Func<Rational, string> number, string open, string close, Func<int, string> power)
    {
        var parts = new List<string>();
        bool bare = Factors.Count == 0;
        if (Constant == Rational.MinusOne && !bare) parts.Add("-");
        else if (bare) parts.Add(number(Constant));
        else if (!Constant.IsOne) parts.Add(number(Constant));
        foreach (var (f, k) in Factors)
        {
            bool atom = f.IsSingleTerm && f.Terms[0].Coefficient.IsOne && f.Terms[0].Monomial.Factors is [(_, 1)];
            string s = atom ? show(f) : open + show(f) + close;
            parts.Add(k == 1 ? s : s + power(k));
        }
        var sb = new StringBuilder();
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0 && parts[i - 1] != "-") sb.Append(' ');
            sb.Append(parts[i]);
        }
        return sb.ToString();
    }
}

/// <summary>
/// Univariate gcd and factoring over Q. <see cref="Factor"/> finds every rational root of a univariate
/// polynomial (rational-root theorem on the primitive integer polynomial: a root p/q has q | a_n and p | a_0,
/// and |p/q| is below the Fujiwara bound), deflates each with its multiplicity, and returns what is left as
/// one factor. This is how c_{2m}(n) n^m = n(n+2)…(n+2m−2) (3.46) is shown in factored form.
/// </summary>
public static class PolynomialFactoring
{
    /// <summary>Candidate checks allowed per factorisation before giving up on further roots.</summary>
    private const long Budget = 1_000_000;

    /// <summary>Monic gcd over Q of two ordinary polynomials in x alone (0 when both are 0).</summary>
    public static Polynomial Gcd(Polynomial a, Polynomial b, Symbol x) =>
        UnivariatePolynomial.ToPolynomial(UnivariatePolynomial.Gcd(UnivariatePolynomial.From(a, x), UnivariatePolynomial.From(b, x)), x);

    /// <summary>Monic gcd of two polynomials in (at most) one common symbol.</summary>
    public static Polynomial Gcd(Polynomial a, Polynomial b)
    {
        var symbols = a.Symbols.Union(b.Symbols).ToArray();
        if (symbols.Length > 1) throw new ArgumentException($"Gcd: ({a}) and ({b}) are not univariate in one common symbol.");
        if (symbols.Length == 0) return a.IsZero && b.IsZero ? Polynomial.Zero : Polynomial.One;
        return Gcd(a, b, symbols[0]);
    }

    /// <summary>
    /// Factors a univariate (Laurent) polynomial in x over Q: constant · x^k · Π (q x − p)^mult · rest, where the
    /// linear factors are primitive with positive leading coefficient and "rest" has no rational root.
    /// </summary>
    public static Factorization Factor(Polynomial p, Symbol x)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(x);
        if (p.IsZero) throw new ArgumentException("Cannot factor the zero polynomial.", nameof(p));
        if (p.Symbols.Any(s => !s.Equals(x)))
            throw new ArgumentException($"Factor: {p} contains symbols other than {x}.", nameof(p));
        var factors = new List<(Polynomial, int)>();
        int k = p.MinDegree(x);
        if (k != 0) factors.Add((Polynomial.Var(x), k));
        var f = p / Monomial.Of(x, k);
        var (content, a) = UnivariatePolynomial.Primitive(UnivariatePolynomial.From(f, x));
        var linear = new List<(BigInteger P, BigInteger Q, int Mult)>();
        a = FindRationalRoots(a, linear);
        linear.Sort((u, v) => (Rational.Create(v.P, v.Q)).CompareTo(Rational.Create(u.P, u.Q))); // root descending
        foreach (var (rp, rq, mult) in linear)
            factors.Add((Polynomial.FromTerms([(Monomial.Of(x), (Rational)rq), (Monomial.One, (Rational)(-rp))]), mult));
        if (a.Length > 1)
        {
            // The rest has no rational root; split it into square-free parts (Yun) to expose repeated factors.
            var rest = a.Select(v => (Rational)v).ToArray();
            content *= rest[^1];
            foreach (var (g, mult) in SquareFree(UnivariatePolynomial.Monic(rest)))
            {
                var (cg, pg) = UnivariatePolynomial.Primitive(g);
                content *= cg.Pow(mult);
                factors.Add((UnivariatePolynomial.ToPolynomial(pg, x), mult));
            }
        }
        else content *= a[0];
        return new Factorization(content, factors);
    }

    /// <summary>
    /// Factors a Laurent polynomial in 1/n into factors (1 + a/n)^k (and a rest 1 + b/n + c/n² + … without rational
    /// roots): 1 + 6/n + 8/n² = (1 + 2/n)(1 + 4/n). A leftover power of n appears as the factor (n, k).
    /// </summary>
    public static Factorization FactorInInverse(Polynomial p, Symbol n)
    {
        var f = Factor(p, n);
        var factors = new List<(Polynomial, int)>();
        var constant = f.Constant;
        int nPower = 0;
        var nVar = Polynomial.Var(n);
        foreach (var (g, mult) in f.Factors)
        {
            if (g == nVar) { nPower += mult; continue; }
            int d = g.MaxDegree(n);
            var lc = g.CoefficientOf(Monomial.Of(n, d));
            constant *= lc.Pow(mult);
            nPower += d * mult;
            factors.Add((g / Monomial.Of(n, d) / lc, mult));
        }
        if (nPower != 0) factors.Insert(0, (nVar, nPower));
        return new Factorization(constant, factors);
    }

    /// <summary>
    /// Yun's square-free decomposition of a monic f over Q: f = Π g_i^i with g_i monic, square-free and pairwise
    /// coprime (b_1 = f/gcd(f, f'), d_1 = f'/gcd − b_1'; g_i = gcd(b_i, d_i), b_{i+1} = b_i/g_i, d_{i+1} = d_i/g_i − b_{i+1}').
    /// </summary>
    private static List<(Rational[] Factor, int Multiplicity)> SquareFree(Rational[] f)
    {
        var result = new List<(Rational[], int)>();
        var df = Derivative(f);
        var a0 = UnivariatePolynomial.Gcd(f, df);
        var b = UnivariatePolynomial.DivRem(f, a0).Quotient;
        var c = UnivariatePolynomial.DivRem(df, a0).Quotient;
        var d = Subtract(c, Derivative(b));
        for (int i = 1; b.Length > 1; i++)
        {
            var g = UnivariatePolynomial.Gcd(b, d);
            if (g.Length > 1) result.Add((g, i));
            b = UnivariatePolynomial.DivRem(b, g).Quotient;
            c = UnivariatePolynomial.DivRem(d, g).Quotient;
            d = Subtract(c, Derivative(b));
        }
        return result;
    }

    private static Rational[] Derivative(Rational[] f) =>
        f.Length <= 1 ? [] : UnivariatePolynomial.Trim(f.Skip(1).Select((c, i) => c * (i + 1)).ToArray());

    private static Rational[] Subtract(Rational[] a, Rational[] b)
    {
        var r = new Rational[Math.Max(a.Length, b.Length)];
        for (int i = 0; i < r.Length; i++) r[i] = (i < a.Length ? a[i] : Rational.Zero) - (i < b.Length ? b[i] : Rational.Zero);
        return UnivariatePolynomial.Trim(r);
    }

    /// <summary>Deflates all rational roots p/q of the primitive integer polynomial a (a_0 ≠ 0); returns the rest.</summary>
    private static BigInteger[] FindRationalRoots(BigInteger[] a, List<(BigInteger, BigInteger, int)> roots)
    {
        if (a.Length <= 1) return a;
        long budget = Budget;
        var bound = FujiwaraBound(a);
        foreach (var q in Divisors(BigInteger.Abs(a[^1])))
        {
            var limit = BigInteger.Min(bound * q, BigInteger.Abs(a[0]));
            for (BigInteger P = 1; P <= limit && a.Length > 1; P++)
            {
                if (--budget < 0) return a;
                if (!(a[0] % P).IsZero || !BigInteger.GreatestCommonDivisor(P, q).IsOne) continue;
                foreach (var p in (ReadOnlySpan<BigInteger>)[P, -P])
                {
                    int mult = 0;
                    while (a.Length > 1 && IsRoot(a, p, q)) { a = Deflate(a, p, q); mult++; }
                    if (mult > 0) roots.Add((p, q, mult));
                }
                if (a.Length > 1) limit = BigInteger.Min(limit, BigInteger.Abs(a[0]));
            }
            if (a.Length <= 1) break;
        }
        return a;
    }

    /// <summary>Σ a_i p^i q^{d−i} = 0.</summary>
    private static bool IsRoot(BigInteger[] a, BigInteger p, BigInteger q)
    {
        var v = a[^1];
        var qp = BigInteger.One;
        for (int i = a.Length - 2; i >= 0; i--)
        {
            qp *= q;
            v = v * p + a[i] * qp;
        }
        return v.IsZero;
    }

    /// <summary>a / (q x − p), exact: b_{d−1} = a_d / q, b_{i−1} = (a_i + p b_i) / q.</summary>
    private static BigInteger[] Deflate(BigInteger[] a, BigInteger p, BigInteger q)
    {
        int d = a.Length - 1;
        var b = new BigInteger[d];
        b[d - 1] = a[d] / q;
        for (int i = d - 1; i >= 1; i--) b[i - 1] = (a[i] + p * b[i]) / q;
        return b;
    }

    /// <summary>|root| ≤ 2 max_i (|a_{d−i}|/|a_d|)^{1/i} (Fujiwara), rounded up to an integer.</summary>
    private static BigInteger FujiwaraBound(BigInteger[] a)
    {
        int d = a.Length - 1;
        var lead = BigInteger.Abs(a[d]);
        var max = BigInteger.One;
        for (int i = 1; i <= d; i++)
        {
            var c = BigInteger.Abs(a[d - i]);
            if (c.IsZero) continue;
            var ratio = (c + lead - 1) / lead;
            max = BigInteger.Max(max, CeilRoot(ratio, i));
        }
        return 2 * max;
    }

    private static BigInteger CeilRoot(BigInteger v, int k)
    {
        if (v <= 1 || k == 1) return v;
        BigInteger lo = 1, hi = BigInteger.One << (int)(v.GetBitLength() / k + 1);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (BigInteger.Pow(mid, k) >= v) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Positive divisors in increasing order (complete up to 10^12; beyond, only divisors ≤ 10^5).</summary>
    private static IEnumerable<BigInteger> Divisors(BigInteger n)
    {
        if (n <= 1_000_000_000_000)
        {
            long v = (long)n;
            var small = new List<long>();
            var large = new List<long>();
            for (long i = 1; i * i <= v; i++)
                if (v % i == 0) { small.Add(i); if (i != v / i) large.Add(v / i); }
            large.Reverse();
            return small.Concat(large).Select(x => (BigInteger)x).ToArray();
        }
        return Enumerable.Range(1, 100_000).Select(i => (BigInteger)i).Where(i => (n % i).IsZero).ToArray();
    }
}
