using System.Globalization;
using Wick.Algebra;
using Wick.Algebra.Criticality;
using Wick.Numeric.Activations;

namespace Wick.Numeric.Criticality;

/// <summary>The universality classes of §5.2–§5.3.</summary>
public enum UniversalityClass
{
    /// <summary>σ(λz) = λσ(z): a line of fixed points at (C_b, C_W) = (0, 1/A_2) (5.67).</summary>
    ScaleInvariant,
    /// <summary>σ_0 = 0, σ_1 ≠ 0, a_1 &lt; 0: K* = 0 at (0, 1/σ_1²) (5.89)–(5.90).</summary>
    KStarZero,
    /// <summary>A non-zero fixed point with χ_∥ = χ_⊥ = 1 approached from one side only (§5.3.4).</summary>
    HalfStable,
    /// <summary>No criticality (§5.3.2).</summary>
    None,
}

/// <summary>A number the engine found: exact when it could derive it, always with its floating-point value.</summary>
public readonly record struct FoundNumber(double Value, Rational? Exact = null)
{
    public static FoundNumber Of(Rational q) => new(q.ToDouble(), q);
    public override string ToString() => Exact is { } q ? q.ToString() : Value.ToString("G12", CultureInfo.InvariantCulture);
}

/// <summary>A trivial fixed point K = C_b + C_W g(K) at fixed hyperparameters, with χ_∥ there (attracting when &lt; 1).</summary>
public sealed record TrivialFixedPoint(double K, double ChiParallel)
{
    public bool Attracting => ChiParallel < 1;
}

/// <summary>
/// A nontrivial fixed point K* &gt; 0 of the scan (5.71)–(5.73): C_W, C_b, the quadratic coefficient ã_1 of
/// ΔK^{(ℓ+1)} = ΔK + ã_1 ΔK² (5.102) (ã_1 = C_W g''(K*)/2), and the trivial fixed points at the same (C_b, C_W).
/// </summary>
public sealed record NontrivialFixedPoint(double KStar, double Cb, double CW, double ATilde1, IReadOnlyList<TrivialFixedPoint> Trivial)
{
    /// <summary>K* exactly, when (5.73) reduces to a polynomial in K (<see cref="ErfGaussianIntegrals"/>); else null.</summary>
    public QuadraticSurd? ExactKStar { get; init; }

    /// <summary>The polynomial condition K* is a root of (monic, K^m divided out), with the exact form.</summary>
    public Polynomial? ExactCondition { get; init; }

    /// <summary>ΔK &lt; 0 is attracted when ã_1 &gt; 0 (kernel below K*), ΔK &gt; 0 when ã_1 &lt; 0.</summary>
    public string AttractedFrom => ATilde1 > 0 ? "below" : "above";
    public bool Physical => Cb >= 0;
}

/// <summary>The K* = 0 data (5.83)–(5.90) for σ_0 = 0, σ_1 ≠ 0.</summary>
public sealed record KStarZeroData(FoundNumber CW, FoundNumber A1, FoundNumber A2, FoundNumber B1)
{
    /// <summary>The next coefficients (K⁴ of C_W g, K² of χ_⊥, K⁴ of ν) that subleading asymptotic orders reach.</summary>
    public FoundNumber A3 { get; init; }
    public FoundNumber B2 { get; init; }
    public FoundNumber Nu4 { get; init; }

    /// <summary>(−a_1) &gt; 0: the power-law approach (5.92) is to K* = 0.</summary>
    public bool Stable => A1.Value < 0;
}

/// <summary>The scale-invariant data (5.61), (5.114), (5.120).</summary>
public sealed record ScaleInvariantData(Rational APlus, Rational AMinus, Rational A2, Rational A4)
{
    public Rational CW => A2.Reciprocal();
    /// <summary>3A_4/A_2² − 1: V^{(ℓ)} = (ℓ − 1)(3A_4/A_2² − 1)K*² (5.120).</summary>
    public Rational VCoefficient => Rational.Create(3, 1) * A4 / (A2 * A2) - Rational.One;
}

/// <summary>Everything `wick criticality` reports for one activation.</summary>
public sealed record CriticalityResult(
    Activation Activation,
    UniversalityClass Class,
    string Reason,
    IReadOnlyList<FoundNumber> Taylor,
    string? TaylorNotExact,
    ScaleInvariantData? ScaleInvariant,
    KStarZeroData? KStarZero,
    IReadOnlyList<NontrivialFixedPoint> FixedPoints,
    FoundNumber? LimitingCb,
    FoundNumber? SmallKRatio,
    FoundNumber? ShiftedA1);

/// <summary>
/// The criticality analysis of §5.1–§5.3 for any activation: the scale-invariant route with exact A_2, A_4 from the
/// slopes; σ's Taylor coefficients (exact rationals when the expression allows, else floating point) for the K* = 0
/// conditions (5.89) and a_1, a_2, b_1; the scan of (5.73) over K* &gt; 0 with Brent refinement to 1e−13 for the
/// half-stable points; and, when nothing works, the reason (σ_0 ≠ 0 with its limiting C_b, an unstable K* = 0 even
/// after the shift σ − σ(0), or σ_0 = σ_1 = 0 with its small-K ratio, p/(2p − 1) for monomials).
/// </summary>
public static class CriticalityAnalysis
{
    /// <summary>The scan range of K* for (5.73).</summary>
    public const double ScanMin = 1e-3, ScanMax = 100;

    private const int TaylorOrder = 10;

    /// <summary>|K⟨σ'σ'⟩/⟨zσσ'⟩ − 1| below this is rounding of the quadrature, not a sign of (5.73).</summary>
    private const double NoiseLevel = 1e-10;

    public static CriticalityResult Analyze(Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        if (sigma.Slopes is { } s)
        {
            var (ap, am) = (ExactDecimal(s.APlus), ExactDecimal(s.AMinus));
            var a2 = (ap * ap + am * am) / 2;
            var a4 = (ap.Pow(4) + am.Pow(4)) / 2;
            var data = new ScaleInvariantData(ap, am, a2, a4);
            if (a2.IsZero) return new(sigma, UniversalityClass.None, "σ ≡ 0: A_2 = 0", [], null, data, null, [], null, null, null);
            return new(sigma, UniversalityClass.ScaleInvariant,
                $"σ(λz) = λσ(z) with a₊ = {ap}, a₋ = {am}: χ_∥ = χ_⊥ = A_2 C_W for every K (5.62), so C_b = 0, C_W = 1/A_2 gives a line of fixed points",
                [], null, data, null, [], null, null, null);
        }

        var (taylor, notExact) = TaylorCoefficients(sigma);
        if (notExact is null && taylor.Select((c, p) => p == 1 || c.Exact!.Value.IsZero).All(b => b) && !taylor[1].Exact!.Value.IsZero)
        {
            // σ = σ_1 z written as an expression: the linear member of the scale-invariant class (a₊ = a₋ = σ_1).
            var a = taylor[1].Exact!.Value;
            var lin = new ScaleInvariantData(a, a, a * a, a.Pow(4));
            return new(sigma, UniversalityClass.ScaleInvariant,
                $"σ = {a} z (its Taylor series stops at σ_1): χ_∥ = χ_⊥ = σ_1² C_W for every K (5.62), so C_b = 0, C_W = 1/σ_1² gives a line of fixed points",
                taylor, null, lin, null, [], null, null, null);
        }
        var exp = new SingleInputExpectations(sigma);
        exp.Calibrate([ScanMin, 1, 10, ScanMax]);
        var points = WithExactRoots(sigma, Scan(exp));

        KStarZeroData? zero = null;
        FoundNumber? limitingCb = null, ratio = null, shifted = null;
        bool s0 = IsZero(taylor[0]), s1 = IsZero(taylor[1]);
        if (s0 && !s1) zero = ZeroClass(sigma, taylor, notExact is null);
        if (!s0 && !s1)
        {
            // (5.72) as K* → 0: C_b → −σ_0²/σ_1² (footnote 17), and the shifted σ − σ_0 (§5.3.3).
            limitingCb = Times(-1, Square(Divide(taylor[0], taylor[1])));
            var shiftedTaylor = taylor.Select((c, p) => p == 0 ? new FoundNumber(0, Rational.Zero) : c).ToArray();
            shifted = ZeroClass(sigma, shiftedTaylor, notExact is null).A1;
        }
        if (!s0 || s1) ratio = SmallKRatio(sigma, notExact is null);

        var physical = points.Where(p => p.Physical && p.ATilde1 != 0).ToList();
        UniversalityClass cls;
        string reason;
        if (zero is { Stable: true })
        {
            cls = UniversalityClass.KStarZero;
            reason = $"σ_0 = 0 and σ_1 = {taylor[1]} ≠ 0 (5.89), and (−a_1) = {Neg(zero.A1)} > 0: the kernel decays to K* = 0 as a power law (5.92)";
        }
        else if (physical.Count > 0)
        {
            cls = UniversalityClass.HalfStable;
            var p = physical[0];
            reason = $"(5.73) holds at K* = {p.KStar:G12} with C_b = {p.Cb:G9} ≥ 0; ã_1 = {p.ATilde1:G9} ≠ 0, so the fixed point attracts only from {p.AttractedFrom} (half-stable, §5.3.4)"
                + (zero is { Stable: false } ? $"; K* = 0 at C_W = {zero.CW} is unstable ((−a_1) = {Neg(zero.A1)} < 0)" : "");
        }
        else
        {
            cls = UniversalityClass.None;
            reason = NoCriticalityReason(taylor, zero, limitingCb, shifted, ratio, points);
        }
        return new(sigma, cls, reason, taylor, notExact, null, zero, points, limitingCb, ratio, shifted);
    }

    private static string Neg(FoundNumber x) => x.Exact is { } q ? (-q).ToString() : (-x.Value).ToString("G12", CultureInfo.InvariantCulture);

    private static string NoCriticalityReason(IReadOnlyList<FoundNumber> taylor, KStarZeroData? zero, FoundNumber? limitingCb, FoundNumber? shifted, FoundNumber? ratio, IReadOnlyList<NontrivialFixedPoint> points)
    {
        string scan = points.Count == 0
            ? $"(5.73) has no root for K* in [{ScanMin}, {ScanMax}]"
            : $"(5.73)'s roots at K* = {string.Join(", ", points.Select(p => p.KStar.ToString("G9", CultureInfo.InvariantCulture)))} need C_b = {string.Join(", ", points.Select(p => p.Cb.ToString("G9", CultureInfo.InvariantCulture)))} < 0";
        if (zero is { Stable: false })
            return $"K* = 0 at C_W = {zero.CW} is unstable ((−a_1) = {Neg(zero.A1)} < 0) and {scan}";
        if (zero is not null)
            return $"a_1 = 0 at K* = 0 (a fine-tuned activation, footnote 20) and {scan}";
        if (IsZero(taylor[0]) && ratio is { } r)
            return $"σ_0 = σ_1 = 0: as K* → 0 the ratio (5.73) tends to {r} ≠ 1 (p/(2p − 1) for σ = z^p (5.78)), and {scan}";
        if (IsZero(taylor[0]))
            return $"σ_0 = σ_1 = 0 and σ vanishes through z^{taylor.Count - 1} at 0 (C_W cannot make χ_⊥ = 1 at K* = 0), and {scan}";
        var s0 = taylor[0];
        string shiftText = shifted is { } a ? $"; shifted to σ − σ(0), a_1 = {a} {(a.Value > 0 ? "> 0 makes K* = 0 unstable: it cannot be saved" : "< 0: the shifted σ is in the K* = 0 class")}" : "";
        bool limitOne = ratio is { } q && Math.Abs(q.Value - 1) < 1e-12;
        string cb = limitingCb is { } c
            ? limitOne
                ? $"; (5.73) is met only in the limit K* → 0, where (5.72) gives C_b → −(σ_0/σ_1)² = {c} < 0"
                : $"; nor as K* → 0: the ratio (5.73) tends to σ_1²/(σ_1² + σ_0σ_2) = {ratio} ≠ 1"
            : "";
        return $"σ(0) = σ_0 = {s0} ≠ 0, so K* = 0 is no fixed point (5.82), and {scan}{cb}{shiftText}";
    }

    /// <summary>σ_0 … σ_7: exact when the expression's constants are short decimals and no transcendental value appears.</summary>
    public static (IReadOnlyList<FoundNumber> Taylor, string? NotExact) TaylorCoefficients(Activation sigma)
    {
        try
        {
            var exact = sigma.Expression.TaylorCoefficients<ExactNumber>(TaylorOrder);
            return (exact.Select(e => FoundNumber.Of(e.Value)).ToArray(), null);
        }
        catch (NotRepresentableException e)
        {
            var approx = sigma.Expression.TaylorCoefficients<ApproxNumber>(TaylorOrder);
            return (approx.Select(a => new FoundNumber(a.Value)).ToArray(), e.Message);
        }
    }

    private static KStarZeroData ZeroClass(Activation sigma, IReadOnlyList<FoundNumber> taylor, bool exact)
    {
        if (exact && taylor.All(t => t.Exact is not null))
        {
            var z = new KernelExpansion<ExactNumber>(taylor.Select(t => new ExactNumber(t.Exact!.Value)).ToArray()).ZeroClass();
            var cw = (taylor[1].Exact!.Value * taylor[1].Exact!.Value).Reciprocal();
            return new(FoundNumber.Of(cw), FoundNumber.Of(z.A1.Value), FoundNumber.Of(z.A2.Value), FoundNumber.Of(z.B1.Value))
            { A3 = FoundNumber.Of(z.GTilde[4].Value), B2 = FoundNumber.Of(z.ChiPerp[2].Value), Nu4 = FoundNumber.Of(z.Nu[4].Value) };
        }
        var a = new KernelExpansion<ApproxNumber>(taylor.Select(t => new ApproxNumber(t.Value)).ToArray()).ZeroClass();
        return new(new(1 / (taylor[1].Value * taylor[1].Value)), new(a.A1.Value), new(a.A2.Value), new(a.B1.Value))
        { A3 = new(a.GTilde[4].Value), B2 = new(a.ChiPerp[2].Value), Nu4 = new(a.Nu[4].Value) };
    }

    /// <summary>lim_{K→0} 2K²⟨σ'σ'⟩/⟨σσ(z² − K)⟩ = lim ⟨σ'σ'⟩/g'(K) from the leading terms of the exact K-series.</summary>
    private static FoundNumber? SmallKRatio(Activation sigma, bool exact)
    {
        FoundNumber? Ratio<T>() where T : ICoefficient<T>
        {
            var taylor = sigma.Expression.TaylorCoefficients<T>(2 * TaylorOrder);
            var e = new KernelExpansion<T>(taylor);
            var num = e.SigmaPrimeSquared;
            var den = e.G.Derivative();
            for (int m = 0; m < Math.Min(num.Order, den.Order); m++)
            {
                if (num[m].IsZero && den[m].IsZero) continue;
                if (den[m].IsZero) return null;
                var r = num[m] / den[m];
                return r is ExactNumber q ? FoundNumber.Of(q.Value) : new FoundNumber(((ApproxNumber)(object)r).Value);
            }
            return null;
        }
        try { return exact ? Ratio<ExactNumber>() : Ratio<ApproxNumber>(); }
        catch (NotRepresentableException) { return Ratio<ApproxNumber>(); }
    }

    /// <summary>
    /// The exact K* where the engine can: σ a polynomial in z and Φ (GELU), (5.73) reduced by Stein's lemma to a
    /// polynomial in K (<see cref="ErfGaussianIntegrals.CriticalityCondition"/>) of degree ≤ 2 after K^m; a root is
    /// attached to the numeric fixed point it matches to 1e−9 (relative). Otherwise the points are returned as found.
    /// </summary>
    public static IReadOnlyList<NontrivialFixedPoint> WithExactRoots(Activation sigma, IReadOnlyList<NontrivialFixedPoint> points)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || sigma.Expression.ToErfPolynomial() is not { } poly) return points;
        var (condition, _) = ErfGaussianIntegrals.CriticalityCondition(poly);
        if (condition is null || ExactRoots.Of(condition, ErfGaussianIntegrals.K) is not { } roots) return points;
        return [.. points.Select(p => roots.Positive.Where(r => Math.Abs(r.ToDouble() - p.KStar) <= 1e-9 * Math.Max(1, p.KStar)).Select(r => (QuadraticSurd?)r).FirstOrDefault() is { } exact
            ? p with { ExactKStar = exact, ExactCondition = roots.Monic }
            : p)];
    }

    /// <summary>Roots of (5.73), K⟨σ'σ'⟩ − ⟨zσσ'⟩ = 0, on a logarithmic grid, refined by Brent's method.</summary>
    public static IReadOnlyList<NontrivialFixedPoint> Scan(SingleInputExpectations exp)
    {
        double F(double k) { var p = exp.At(k); return (k * p.SigmaPrimeSquared - p.ZSigmaSigmaPrime) / Math.Max(Math.Abs(p.ZSigmaSigmaPrime), 1e-300); }
        var found = new List<NontrivialFixedPoint>();
        const int steps = 400;
        double prevK = ScanMin, prev = F(prevK);
        for (int i = 1; i <= steps; i++)
        {
            double k = ScanMin * Math.Pow(ScanMax / ScanMin, (double)i / steps);
            double f = F(k);
            // (5.73) identically 1 (σ = c z) flips sign on rounding noise: not a root.
            if (Math.Sign(f) != Math.Sign(prev) && prev != 0 && Math.Max(Math.Abs(f), Math.Abs(prev)) > NoiseLevel)
            {
                double root = MathNet.Numerics.RootFinding.Brent.FindRoot(F, prevK, k, 1e-14, 200);
                found.Add(FixedPointAt(exp, root));
            }
            (prevK, prev) = (k, f);
        }
        return found;
    }

    /// <summary>(5.71)–(5.72) at K*, ã_1 = C_W g''(K*)/2, and the trivial fixed points of K ↦ C_b + C_W g(K).</summary>
    public static NontrivialFixedPoint FixedPointAt(SingleInputExpectations exp, double kStar)
    {
        var p = exp.At(kStar);
        double cw = 1 / p.SigmaPrimeSquared;
        double cb = kStar - p.G / p.SigmaPrimeSquared;
        double aTilde = cw * p.GSecond / 2;
        return new(kStar, cb, cw, aTilde, TrivialFixedPoints(exp, cb, cw, kStar));
    }

    /// <summary>Sign changes of C_b + C_W g(K) − K away from K* (where it only touches zero), refined by Brent.</summary>
    public static IReadOnlyList<TrivialFixedPoint> TrivialFixedPoints(SingleInputExpectations exp, double cb, double cw, double exclude)
    {
        double H(double k) => cb + cw * exp.At(k).G - k;
        var list = new List<TrivialFixedPoint>();
        const int steps = 600;
        double lo = Math.Max(cb, 1e-8), hi = 10 * Math.Max(ScanMax, exclude);
        double prevK = lo, prev = H(lo);
        for (int i = 1; i <= steps; i++)
        {
            double k = lo * Math.Pow(hi / lo, (double)i / steps);
            double h = H(k);
            if (Math.Sign(h) != Math.Sign(prev) && prev != 0)
            {
                double root = MathNet.Numerics.RootFinding.Brent.FindRoot(H, prevK, k, 1e-13, 200);
                if (Math.Abs(root - exclude) > 1e-6 * Math.Max(1, exclude))
                    list.Add(new TrivialFixedPoint(root, cw * exp.At(root).GPrime));
            }
            (prevK, prev) = (k, h);
        }
        return list;
    }

    private static bool IsZero(FoundNumber x) => x.Exact is { } q ? q.IsZero : Math.Abs(x.Value) < 1e-13;

    private static FoundNumber Divide(FoundNumber a, FoundNumber b) =>
        a.Exact is { } p && b.Exact is { } q ? FoundNumber.Of(p / q) : new(a.Value / b.Value);

    private static FoundNumber Square(FoundNumber a) => a.Exact is { } p ? FoundNumber.Of(p * p) : new(a.Value * a.Value);

    private static FoundNumber Times(int c, FoundNumber a) => a.Exact is { } p ? FoundNumber.Of(p * c) : new(a.Value * c);

    /// <summary>A slope as the shortest decimal that round-trips (0.1 is 1/10).</summary>
    public static Rational ExactDecimal(double x) => Rational.Parse(x.ToString("0.################", CultureInfo.InvariantCulture));
}
