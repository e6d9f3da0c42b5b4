namespace Wick.Algebra.Criticality;

/// <summary>One derived large-ℓ result: the name of the observable, its book equation, the exponent p (how it was
/// fixed) and the solved series.</summary>
public sealed record AsymptoticResult(string Name, string Equation, RationalFunction Exponent, string ExponentReason, AsymptoticSolution Solution);

/// <summary>
/// The K* = 0 universality class at criticality, derived: the Taylor-coefficient definitions of a_1, a_2, b_1
/// (5.86)–(5.88) and the coefficient of (5.122) in terms of them, from <see cref="KernelExpansion{T}"/> with symbolic
/// σ_p; then the large-ℓ solutions of (5.91), (5.96), (5.98), (5.125), (5.132) and (5.141) matched by
/// <see cref="AsymptoticSolver"/> in exact rational functions of a_1, a_2, b_1 (and a_3, b_2, ν_4 where a printed
/// order reaches them). Nothing here is typed from the book: the book's values are the tests' expectations.
/// </summary>
public sealed class ZeroClassAsymptotics
{
    public static Symbol A1 { get; } = Symbol.Plain("a_1");
    public static Symbol A2 { get; } = Symbol.Plain("a_2");
    public static Symbol A3 { get; } = Symbol.Plain("a_3");
    public static Symbol B1 { get; } = Symbol.Plain("b_1");
    public static Symbol B2 { get; } = Symbol.Plain("b_2");
    public static Symbol Nu3 { get; } = Symbol.Plain("nu_3");
    public static Symbol Nu4 { get; } = Symbol.Plain("nu_4");
    /// <summary>The free normalisations of the homogeneous recursions (5.97), (5.99).</summary>
    public static Symbol DeltaParallel { get; } = Symbol.Plain("delta_par");
    public static Symbol DeltaSquared { get; } = Symbol.Plain("delta2");
    /// <summary>The subleading tunings of (5.138)–(5.139): c_b^{1} and c_W^{1}/c_W^{0}.</summary>
    public static Symbol Cb1 { get; } = Symbol.Plain("c_b1");
    public static Symbol CW1Ratio { get; } = Symbol.Plain("c_W1/c_W0");

    /// <summary>σ_p as symbols: σ_0 … σ_{n−1}.</summary>
    public static Symbol SigmaSymbol(int p) => Symbol.Plain($"sigma_{p}");

    private ZeroClassAsymptotics() { }

    /// <summary>g(K) = g_0 + g_1 K + … with symbolic σ_p (no σ_0 = 0 assumed): (5.81) is g_0, g_1.</summary>
    public RationalFunction G0 { get; private init; } = RationalFunction.Zero;
    public RationalFunction G1 { get; private init; } = RationalFunction.Zero;

    /// <summary>a_1, a_2, b_1 in σ_p (5.86)–(5.88), derived.</summary>
    public RationalFunction A1Definition { get; private init; } = RationalFunction.Zero;
    public RationalFunction A2Definition { get; private init; } = RationalFunction.Zero;
    public RationalFunction B1Definition { get; private init; } = RationalFunction.Zero;

    /// <summary>The K² and K³ coefficients of C_W²(⟨σ⁴⟩ − ⟨σ²⟩²) (5.122), the latter rewritten in a_1, b_1.</summary>
    public RationalFunction Nu2 { get; private init; } = RationalFunction.Zero;
    public RationalFunction Nu3InA { get; private init; } = RationalFunction.Zero;

    public IReadOnlyList<AsymptoticResult> Results { get; private init; } = [];

    public AsymptoticResult this[string name] => Results.First(r => r.Name == name);

    /// <summary>Derives everything; <paramref name="levels"/> relative orders of ΔK are solved (the others follow).</summary>
    public static ZeroClassAsymptotics Derive(int levels = 3)
    {
        if (levels < 2) throw new ArgumentOutOfRangeException(nameof(levels), "the NLO metric needs ΔK through at least two subleading orders");
        // (5.80)–(5.88): symbolic Taylor coefficients.
        const int n = 8;
        var general = new KernelExpansion<SymbolicNumber>(Enumerable.Range(0, n).Select(p => SymbolicNumber.Of(SigmaSymbol(p))).ToArray());
        var g = general.G;
        var centred = new KernelExpansion<SymbolicNumber>(Enumerable.Range(0, n).Select(p => p == 0 ? SymbolicNumber.Zero : SymbolicNumber.Of(SigmaSymbol(p))).ToArray()).ZeroClass();
        // In ratios r_p = σ_p/σ_1 (σ_1 = 1) to rewrite ν_3 in a_1, b_1.
        var unit = new KernelExpansion<SymbolicNumber>(Enumerable.Range(0, n).Select(p => p switch
        {
            0 => SymbolicNumber.Zero,
            1 => SymbolicNumber.One,
            _ => SymbolicNumber.Of(SigmaSymbol(p)),
        }).ToArray()).ZeroClass();
        var nu3 = ExpressInA(unit.Nu[3].Value, unit.A1.Value, unit.B1.Value);

        var sub = new Dictionary<Symbol, RationalFunction> { [Nu3] = nu3, [Symbol.Plain("nu_2")] = unit.Nu[2].Value };
        var results = Solve(levels, unit.Nu[2].Value, nu3);
        return new ZeroClassAsymptotics
        {
            G0 = g[0].Value,
            G1 = g[1].Value,
            A1Definition = centred.A1.Value,
            A2Definition = centred.A2.Value,
            B1Definition = centred.B1.Value,
            Nu2 = unit.Nu[2].Value,
            Nu3InA = nu3,
            Results = results,
        };
    }

    /// <summary>
    /// Rewrites a polynomial in r_2, r_3 (σ_1 = 1) in a_1, b_1 by solving the linear system a_1 = α r_3 + β r_2²,
    /// b_1 = γ r_3 + δ r_2² read off the derived definitions; refuses when odd powers of r_2 or higher r_p remain.
    /// </summary>
    private static RationalFunction ExpressInA(RationalFunction value, RationalFunction a1, RationalFunction b1)
    {
        var r2 = SigmaSymbol(2);
        var r3 = SigmaSymbol(3);
        var s = Symbol.Plain("r2sq");
        Polynomial Lift(RationalFunction f)
        {
            var p = f.ToPolynomial();
            var byPower = p.CoefficientsIn(r2);
            if (byPower.Keys.Any(k => k % 2 != 0)) throw new InvalidOperationException($"{f} has odd powers of σ_2: not a function of a_1, b_1");
            return Polynomial.Sum(byPower.Select(kv => kv.Value * Polynomial.Var(s).Pow(kv.Key / 2)));
        }
        var (pa, pb) = (Lift(a1), Lift(b1));
        Rational C(Polynomial p, Symbol x) => p.CoefficientsIn(x).GetValueOrDefault(1, Polynomial.Zero).ConstantTerm;
        Rational alpha = C(pa, r3), beta = C(pa, s), gamma = C(pb, r3), delta = C(pb, s);
        var det = alpha * delta - beta * gamma;
        if (det.IsZero) throw new InvalidOperationException("a_1 and b_1 do not determine σ_3/σ_1 and (σ_2/σ_1)²");
        Polynomial a = A1, b = B1;
        var r3Value = (a * delta - b * beta) / det;
        var sValue = (b * alpha - a * gamma) / det;
        var lifted = Lift(value);
        var rewritten = lifted.Substitute(new Dictionary<Symbol, Polynomial> { [r3] = r3Value, [s] = sValue });
        if (rewritten.Symbols.Any(x => x != A1 && x != B1)) throw new InvalidOperationException($"{value} involves σ_p beyond a_1, b_1");
        return rewritten;
    }

    private static RationalFunction[] Coefficients(params RationalFunction[] c) => c;

    private static IReadOnlyList<AsymptoticResult> Solve(int levels, RationalFunction nu2, RationalFunction nu3)
    {
        RationalFunction a1 = A1, a2 = A2, a3 = A3, b1 = B1, b2 = B2, nu4 = Nu4;
        // The normalised series at C_W = 1/σ_1² (5.83)–(5.85), (5.122), (5.123).
        var gTilde = Coefficients(0, 1, a1, a2, a3);
        var chiPar = Coefficients(1, 2 * a1, 3 * a2, 4 * a3);
        var chiPerp = Coefficients(1, b1, b2);
        var nu = Coefficients(0, 0, nu2, nu3, nu4);
        var jOver8K2 = Coefficients(a1, 3 * a2, 6 * a3);
        int depth = levels + 2;
        LogPowerSeries Of(IReadOnlyList<RationalFunction> f, LogPowerSeries k) => LogPowerSeries.Compose(f, k, depth);
        LogPowerSeries MinusOne(IReadOnlyList<RationalFunction> f, LogPowerSeries k) => Of(f.Skip(1).Prepend(RationalFunction.Zero).ToArray(), k);

        // (5.91): ΔK(ℓ+1) − ΔK(ℓ) = a_1 ΔK² + a_2 ΔK³ + …; balance ℓ^{−p−1} ~ ℓ^{−2p} gives p_0 = 1.
        var dk = AsymptoticSolver.Solve(1, u => Of(gTilde.Select((c, k) => k <= 1 ? RationalFunction.Zero : c).ToArray(), u), levels);
        var k = dk.Series;
        var results = new List<AsymptoticResult> { new("Delta K", "(5.92), (5.94)", 1, "balance of ΔK(ℓ+1) − ΔK(ℓ) ≈ −p ΔK/ℓ against a_1 ΔK²: p = 2p − 1", dk) };

        // Homogeneous linear recursions: u(ℓ+1) = m(ℓ) u, m = 1 + μ/ℓ + …: p = −μ.
        AsymptoticResult Homogeneous(string name, string eq, IReadOnlyList<RationalFunction> chi, Symbol normalisation)
        {
            var m1 = MinusOne(chi, k);
            var mu = m1.Rebase(RationalFunction.Zero)[1, 0];
            var p = -mu;
            var sol = AsymptoticSolver.Solve(p, u => m1 * u, levels - 1, leading: normalisation);
            return new(name, eq, p, $"u(ℓ+1) = (1 + ({mu})/ℓ + …) u(ℓ): p = {p}", sol);
        }
        results.Add(Homogeneous("delta K_[1]", "(5.97)", chiPar, DeltaParallel));
        results.Add(Homogeneous("delta delta K_[2]", "(5.99)", chiPerp, DeltaSquared));

        // (5.125): V(ℓ+1) = χ_∥² V + ν(ΔK); the source ~ 2/(a_1² ℓ²) gives p_V = 2 − 1.
        var chiParSeries = Of(chiPar, k);
        var chi2MinusOne = (chiParSeries * chiParSeries - LogPowerSeries.Constant(1)).Truncate(depth);
        var source = Of(nu, k);
        var pV = SourceExponent(source);
        var v = AsymptoticSolver.Solve(pV, u => chi2MinusOne * u + source, levels - 1);
        results.Add(new("V", "(5.127)", pV, $"source ν(ΔK) ~ ℓ^-{pV + 1}: p_V = {pV}", v));
        var vs = v.Series;

        // (5.132): G(ℓ+1) = χ_∥ G + (j/8K²) V, bare.
        var chiMinusOne = MinusOne(chiPar, k);
        var nloSource = (Of(jOver8K2, k) * vs).Truncate(depth);
        var p1 = SourceExponent(nloSource);
        var bare = AsymptoticSolver.Solve(p1, u => chiMinusOne * u + nloSource, levels - 2);
        results.Add(new("G1 bare", "(5.134)", p1, $"source (j/8K²) V ~ ℓ^-{p1 + 1}: p_1 = {p1}", bare));

        // (5.140)–(5.141): + c_b^{1} + c_W^{1} g(K); demand p_1 = 1 and let the matching fix the tunings.
        var gSeries = Of(gTilde, k);
        var cb = LogPowerSeries.Constant(Cb1);
        var renormalised = AsymptoticSolver.Solve(1, u => chiMinusOne * u + nloSource + cb + gSeries.Scale(CW1Ratio), levels - 2, [Cb1, CW1Ratio]);
        results.Add(new("G1 renormalised", "(5.142), (5.143)", 1, "p_1 = 1 demanded; c_b^{1} and c_W^{1} fixed by the orders ℓ^0 and ℓ^-1", renormalised));
        return results;
    }

    /// <summary>The leading exponent of a source minus one (the particular solution of u(ℓ+1) − u(ℓ) = S).</summary>
    private static RationalFunction SourceExponent(LogPowerSeries source)
    {
        int lowest = source.Lowest;
        return source.Exponent + Rational.Create(lowest - 1, 1);
    }
}
