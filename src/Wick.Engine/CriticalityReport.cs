using System.Globalization;
using System.Text;
using Wick.Algebra;
using Wick.Algebra.Criticality;
using Wick.Algebra.Syntax;
using Wick.Numeric.Activations;
using Wick.Numeric.Criticality;

namespace Wick.Engine;

/// <summary><c>wick criticality</c>: the activation (a name or an expression in z) and how deep the numeric check iterates.</summary>
public sealed record CriticalityRequest(string Activation)
{
    /// <summary>Layers of the numeric check of the K* = 0 asymptotics (0: no check).</summary>
    public int CheckDepth { get; init; } = 100_000;
}

/// <summary>
/// The report of <c>wick criticality</c>: class and reason, critical (C_b, C_W), fixed points, Taylor data, the derived
/// depth asymptotics (symbolic in a_1, a_2, b_1 and evaluated for the activation), the printed (5.81) and (5.143)
/// beside the derived ones, and the numeric check of the asymptotics by iterating the recursions.
/// </summary>
public sealed class CriticalityReport : Report
{
    private CriticalityReport(CriticalityResult result, ZeroClassAsymptotics? asymptotics, DepthCheck? check, HalfStableCheck? halfStable)
    {
        Result = result;
        Asymptotics = asymptotics;
        Check = check;
        HalfStable = halfStable;
    }

    public CriticalityResult Result { get; }

    /// <summary>The derived K* = 0 asymptotics (for the K* = 0 class).</summary>
    public ZeroClassAsymptotics? Asymptotics { get; }

    /// <summary>The numeric check (K* = 0 class, when requested).</summary>
    public DepthCheck? Check { get; }

    /// <summary>The numeric check of the depth behaviour on both sides of a half-stable fixed point (when requested).</summary>
    public HalfStableCheck? HalfStable { get; }

    /// <summary>Runs the analysis; a bad activation is a <see cref="RequestException"/> (exit 2).</summary>
    public static CriticalityReport For(CriticalityRequest request)
    {
        Activation sigma;
        try { sigma = Numeric.Activations.Activation.Parse(request.Activation); }
        catch (ActivationFormatException e) { throw new RequestException($"--activation: {e.Message}"); }
        if (request.CheckDepth < 0 || request.CheckDepth > 10_000_000) throw new RequestException($"--check-depth must be in 0..10000000, got {request.CheckDepth}.");
        CriticalityResult result;
        try { result = CriticalityAnalysis.Analyze(sigma); }
        catch (Numeric.Gaussian.GaussianEvaluationException e) { throw new RequestException($"criticality of {sigma.Name}: {e.Message}"); }
        catch (NotRepresentableException e)
        {
            throw new RequestException($"criticality of {sigma.Name}: σ has no Taylor series at z = 0 ({e.Message}); the analysis needs a σ smooth at 0 " +
                "or a built-in scale-invariant one (relu, leaky_relu:A, abs, linear).");
        }
        ZeroClassAsymptotics? asym = null;
        DepthCheck? check = null;
        if (result.Class == UniversalityClass.KStarZero)
        {
            asym = AsymptoticsCache.Value;
            if (request.CheckDepth > 0) check = DepthCheck.Run(result, asym, request.CheckDepth);
        }
        HalfStableCheck? half = null;
        if (result.Class == UniversalityClass.HalfStable && request.CheckDepth > 0)
            half = HalfStableCheck.Run(Expectations(sigma, result.FixedPoints.First(p => p.Physical).KStar), result.FixedPoints.First(p => p.Physical), request.CheckDepth);
        return new CriticalityReport(result, asym, check, half);
    }

    /// <summary>The Gaussian expectations of σ, calibrated to 1e−14 around <paramref name="k"/>.</summary>
    internal static SingleInputExpectations Expectations(Activation sigma, double k)
    {
        var exp = new SingleInputExpectations(sigma);
        exp.Calibrate([k / 2, k, 2 * k]);
        return exp;
    }

    private static readonly Lazy<ZeroClassAsymptotics> AsymptoticsCache = new(() => ZeroClassAsymptotics.Derive(3));

    private static string F(double x) => x.ToString("G12", CultureInfo.InvariantCulture);

    /// <summary>(C_b, C_W) at criticality, or null.</summary>
    public (FoundNumber Cb, FoundNumber CW, FoundNumber? KStar)? Critical => Result.Class switch
    {
        UniversalityClass.ScaleInvariant => (FoundNumber.Of(Rational.Zero), FoundNumber.Of(Result.ScaleInvariant!.CW), null),
        UniversalityClass.KStarZero => (FoundNumber.Of(Rational.Zero), Result.KStarZero!.CW, FoundNumber.Of(Rational.Zero)),
        UniversalityClass.HalfStable => Result.FixedPoints.Where(p => p.Physical).Select(p => ((FoundNumber, FoundNumber, FoundNumber?))(new FoundNumber(p.Cb), new FoundNumber(p.CW), new FoundNumber(p.KStar))).First(),
        _ => null,
    };

    private static string ClassName(UniversalityClass c) => c switch
    {
        UniversalityClass.ScaleInvariant => "scale-invariant universality class",
        UniversalityClass.KStarZero => "K* = 0 universality class",
        UniversalityClass.HalfStable => "half-stable universality class",
        _ => "none: no criticality",
    };

    /// <summary>a_1, a_2, b_1 of the activation as substitutions into the derived formulas.</summary>
    private Dictionary<Symbol, RationalFunction>? Values()
    {
        if (Result.KStarZero is not { } z) return null;
        var all = Parameters(z);
        if (all.Any(kv => kv.Value.Exact is null)) return null;
        return all.ToDictionary(kv => kv.Key, kv => (RationalFunction)kv.Value.Exact!.Value);
    }

    /// <summary>The activation's values of the symbols the derived asymptotics are written in.</summary>
    internal static Dictionary<Symbol, FoundNumber> Parameters(KStarZeroData z) => new()
    {
        [ZeroClassAsymptotics.A1] = z.A1, [ZeroClassAsymptotics.A2] = z.A2, [ZeroClassAsymptotics.B1] = z.B1,
        [ZeroClassAsymptotics.A3] = z.A3, [ZeroClassAsymptotics.B2] = z.B2, [ZeroClassAsymptotics.Nu4] = z.Nu4,
    };

    /// <summary>A derived coefficient evaluated for this activation (NaN where it depends on a free normalisation).</summary>
    public double Evaluate(RationalFunction f) => Value(f);

    private double Value(RationalFunction f)
    {
        var d = Parameters(Result.KStarZero!);
        return f.Evaluate(s => d.TryGetValue(s, out var v) ? v.Value : double.NaN);
    }

    /// <summary>The coefficient evaluated for this activation: exact when a_1, a_2, b_1 are, else a float.</summary>
    private string Evaluated(RationalFunction f, bool latex = false)
    {
        if (Values() is { } v)
        {
            var e = f.Substitute(v);
            return latex ? e.ToLatex() : e.ToString();
        }
        double x = Value(f);
        return double.IsNaN(x) ? "(depends on the free normalisation)" : F(x);
    }

    /// <summary>The printed (5.143) coefficient (2/3)(3a_2 − a_1²)/(−a_1)³, for comparison only.</summary>
    public static RationalFunction Printed5143 { get; } = Rational.Create(2, 3) * (3 * (RationalFunction)ZeroClassAsymptotics.A2 - ((RationalFunction)ZeroClassAsymptotics.A1).Pow(2)) / (-(RationalFunction)ZeroClassAsymptotics.A1).Pow(3);

    /// <summary>The derived leading coefficient of the renormalised NLO metric (5.143).</summary>
    public RationalFunction? Derived5143 => Asymptotics?["G1 renormalised"].Solution.Series[0, 0];

    private static IEnumerable<(string Text, string Latex, RationalFunction C)> Terms(LogPowerSeries s)
    {
        foreach (var ((k, q), c) in s.Terms)
        {
            var p = s.Exponent + Rational.Create(k, 1);
            string pt = p.ToString(), pl = p.ToLatex();
            string lt = q == 0 ? "" : q == 1 ? " L" : $" L^{q}";
            string ll = q == 0 ? "" : q == 1 ? " L" : $" L^{{{q}}}";
            string et = pt == "0" ? "" : pt == "1" ? " / l" : $" l^-({pt})";
            string el = pl == "0" ? "" : pl == "1" ? " \\frac{1}{\\ell}" : $" \\ell^{{-({pl})}}";
            yield return (lt + et, ll + el, c);
        }
    }

    public override string Text()
    {
        var sb = new StringBuilder();
        var r = Result;
        sb.AppendLine($"criticality of sigma = {r.Activation.Name}   (sigma(z) = {r.Activation.Expression})");
        sb.AppendLine($"class: {ClassName(r.Class)}");
        sb.AppendLine($"  reason: {r.Reason}");
        if (Critical is { } c)
            sb.AppendLine($"critical (C_b, C_W) = ({c.Cb}, {c.CW})" + (c.KStar is { } k ? $" at K* = {k}" : " (any K* = input norm / A_2: a line of fixed points)"));
        if (r.Taylor.Count > 0)
            sb.AppendLine($"Taylor coefficients sigma_0..sigma_{r.Taylor.Count - 1} (5.80): {string.Join(", ", r.Taylor)}" + (r.TaylorNotExact is { } why ? $"   (floating point: {why})" : "   (exact)"));
        if (r.ScaleInvariant is { } si)
        {
            sb.AppendLine($"A_2 = (a+^2 + a-^2)/2 = {si.A2} (5.61), A_4 = (a+^4 + a-^4)/2 = {si.A4} (5.114)");
            sb.AppendLine($"V^(l) = (l - 1)(3A_4/A_2^2 - 1) K*^2 with 3A_4/A_2^2 - 1 = {si.VCoefficient} (5.120); V/(n K^2) = {si.VCoefficient} l/n + O(1/n) (5.130)");
            sb.AppendLine($"exponents: p_0 = 0, p_V = -1, p_V - 2 p_0 = -1 (5.129); G1 = 0 (5.117)");
        }
        if (r.KStarZero is { } z)
            sb.AppendLine($"K* = 0 data: C_W = 1/sigma_1^2 = {z.CW}, a_1 = {z.A1}, a_2 = {z.A2}, b_1 = {z.B1} (5.86)-(5.88); {(z.Stable ? "stable" : "unstable")} ((-a_1) {(z.Stable ? ">" : "<")} 0)");
        foreach (var p in r.FixedPoints)
        {
            sb.AppendLine($"nontrivial fixed point K* = {F(p.KStar)}: (C_b, C_W) = ({F(p.Cb)}, {F(p.CW)}), a~_1 = {F(p.ATilde1)} (5.102): attracts from {p.AttractedFrom}{(p.Physical ? "" : " [C_b < 0: unphysical]")}");
            sb.AppendLine(p.ExactKStar is { } exact
                ? $"  exact: K* = {exact} = {F(exact.ToDouble())}, the positive root of {p.ExactCondition} = 0 ((5.73) with sigma a polynomial in z and Phi(z): Gaussian integrals reduced by Stein's lemma, the arcsin terms cancel)"
                : "  exact form: not derived (K* is the numeric root of (5.73), Brent to 1e-14; exact only for sigma polynomial in z and erf(z/sqrt 2) with a condition of degree <= 2)");
            foreach (var t in p.Trivial)
                sb.AppendLine($"  trivial fixed point at the same (C_b, C_W): K = {F(t.K)}, chi_par = {F(t.ChiParallel)} ({(t.Attracting ? "attracting" : "repelling")})");
        }
        if (r.LimitingCb is { } cb) sb.AppendLine($"limit K* -> 0 of (5.72): C_b -> -(sigma_0/sigma_1)^2 = {cb}");
        if (r.ShiftedA1 is { } sa) sb.AppendLine($"shifted sigma - sigma(0): a_1 = {sa}");
        if (r.SmallKRatio is { } sr) sb.AppendLine($"small-K limit of the ratio (5.73): {sr}");
        if (Asymptotics is { } a) AppendAsymptotics(sb, a);
        if (Check is { } ch) sb.Append(ch.Text());
        if (HalfStable is { } hs) sb.Append(hs.Text());
        return sb.ToString();
    }

    private void AppendAsymptotics(StringBuilder sb, ZeroClassAsymptotics a)
    {
        sb.AppendLine("derived (5.81): g(K) = " + a.G0 + " + (" + a.G1 + ") K + O(K^2)   [printed: sigma_1^2 + 2 sigma_0 sigma_2: misprint]");
        sb.AppendLine($"derived (5.86)-(5.88): a_1 = {a.A1Definition}; a_2 = {a.A2Definition}; b_1 = {a.B1Definition}");
        sb.AppendLine($"derived (5.122): C_W^2(<sigma^4> - <sigma^2>^2) = {a.Nu2} K^2 + ({a.Nu3InA}) K^3 + O(K^4)");
        sb.AppendLine("depth asymptotics (scaling ansatz (5.93), L = log(l/l_0), matched order by order):");
        foreach (var res in a.Results)
        {
            sb.AppendLine($"  {res.Name} {res.Equation}: p = {res.Exponent} = {Evaluated(res.Exponent)}   ({res.ExponentReason})");
            foreach (var (t, c) in res.Solution.Tunings) sb.AppendLine($"    tuning {t} = {c}");
            foreach (var (text, _, c) in Terms(res.Solution.Series).Take(6))
                sb.AppendLine($"    [{c}]{text}   = {Evaluated(c)}");
            if (res.Solution.FreeConstants.Count > 0)
                sb.AppendLine($"    free (data-dependent) coefficients set to 0: {string.Join(", ", res.Solution.FreeConstants.Select(k => $"c_{{{k.S},{k.Q}}}"))}");
        }
        var v = a["V"].Solution.Series;
        var k = a["Delta K"].Solution.Series;
        var ratio = v[0, 0] / k[0, 0].Pow(2);
        var exponent = a["V"].Exponent - 2 * a["Delta K"].Exponent;
        sb.AppendLine($"  V/(n K^2) (5.131) = ({ratio}) l^({-exponent}) / n + ... = {Evaluated(ratio)} l/n; p_V - 2 p_0 = {exponent} (5.129)");
        sb.AppendLine($"  (5.143) leading coefficient: derived {Derived5143} = {Evaluated(Derived5143!)}; printed (2/3)(3a_2 - a_1^2)/(-a_1)^3 = {Evaluated(Printed5143)}");
    }

    /// <summary>
    /// Display math that pastes into a paper: the critical point, the K* = 0 data, the fixed points, each derived
    /// asymptotic series as Σ c_{s,q} L^q ℓ^{−(p+s)} with its first coefficients as equations of their own (broken to
    /// the line width by <see cref="LatexDisplay"/>), the (5.143) comparison and the numeric checks as tables.
    /// </summary>
    public override string Latex()
    {
        var sb = new StringBuilder();
        var r = Result;
        sb.AppendLine($"% wick criticality --activation {r.Activation.Name}: {ClassName(r.Class)}");
        var d = new LatexDisplay();
        if (Critical is { } c)
        {
            d.Equation("(C_b, C_W)", $"\\left({Tex(c.Cb)}, {Tex(c.CW)}\\right)", "critical");
            if (c.KStar is { } k) d.Equation("K^\\star", Tex(k));
        }
        sb.Append(d);
        d = new LatexDisplay();
        // The K* = 0 data (5.86)–(5.88) on one short line.
        if (r.KStarZero is { } z) sb.AppendLine($"a_1 = {Tex(z.A1)},\\quad a_2 = {Tex(z.A2)},\\quad b_1 = {Tex(z.B1)}");
        if (r.Taylor.Count > 0 && r.Class == UniversalityClass.None) d.Equation("\\sigma_0", Tex(r.Taylor[0]), "(5.80)");
        if (r.LimitingCb is { } lc) d.Equation("\\lim_{K^\\star \\to 0} C_b", Tex(lc), "(5.72)");
        if (r.SmallKRatio is { } sr) d.Equation("\\lim_{K \\to 0} \\frac{K \\langle \\sigma' \\sigma' \\rangle_K}{\\langle z \\sigma \\sigma' \\rangle_K}", Tex(sr), "(5.73)");
        if (r.ShiftedA1 is { } sa) d.Equation("a_1\\big|_{\\sigma - \\sigma(0)}", Tex(sa), "(5.86)");
        if (r.ScaleInvariant is { } si)
            d.Equation("A_2", si.A2.ToLatex(), "(5.61)").Equation("A_4", si.A4.ToLatex(), "(5.114)")
             .Equation("V^{(\\ell)}", $"(\\ell - 1)\\, {si.VCoefficient.ToLatex()}\\, (K^\\star)^2", "(5.120)");
        foreach (var p in r.FixedPoints)
            (p.ExactKStar is { } exact ? d.Equation("K^\\star", exact.ToLatex(), "exact").Continue(Number(p.KStar), p.Physical ? "fixed point" : "unphysical")
                : d.Equation("K^\\star", Number(p.KStar), p.Physical ? "fixed point" : "unphysical"))
             .Equation("(C_b, C_W)", $"\\left({Number(p.Cb)}, {Number(p.CW)}\\right)", "(5.71)-(5.72)").Equation("\\tilde a_1", Number(p.ATilde1), "(5.102)");
        sb.Append(d);
        if (Asymptotics is { } a)
            foreach (var res in a.Results)
            {
                sb.AppendLine($"% {res.Name} {res.Equation}: large-depth series, L = log(l/l_0)");
                var e = new LatexDisplay().Equation(LatexName(res.Name),
                    $"\\sum_{{s, q}} c_{{s,q}}\\, L^{{q}}\\, \\ell^{{-(p + s)}},\\quad p = {Symbols(res.Exponent).ToLatex()}", res.Equation);
                foreach (var ((k, q), coefficient) in res.Solution.Series.Terms.Take(4))
                {
                    string symbolic = Symbols(coefficient).ToLatex();
                    e.Equation($"c_{{{k},{q}}}", symbolic);
                    if (Values() is { } v && Symbols(coefficient.Substitute(v)).ToLatex() is var value && value != symbolic) e.Continue(value);
                }
                sb.Append(e);
            }
        if (Derived5143 is { } dr)
        {
            sb.AppendLine("% (5.143): leading coefficient of the renormalised NLO metric, derived and printed");
            var e = new LatexDisplay().Equation("c^{\\text{derived}}", dr.ToLatex());
            if (Values() is { } v) e.Continue(dr.Substitute(v).ToLatex());
            e.Equation("c^{\\text{printed}}", Printed5143.ToLatex(), "(5.143)");
            if (Values() is { } w) e.Continue(Printed5143.Substitute(w).ToLatex());
            sb.Append(e);
        }
        if (Check is { } ch)
        {
            sb.AppendLine($"% numeric check: the recursions iterated to l = {ch.Depth}, fitted leading coefficients");
            sb.Append(LatexTable.Array(["observable", "equation", "fitted", "derived", "printed"],
                ch.Fits.Select(f => (IReadOnlyList<string>)[f.Name, f.Equation, Number(f.Fitted), Number(f.Derived), f.Printed is { } pr ? Number(pr) : ""])));
        }
        if (HalfStable is { } hs)
        {
            sb.AppendLine($"% half-stable depth check (5.102): slope of 1/dK against -a~_1 over up to {hs.Depth} layers");
            sb.Append(LatexTable.Array(["side", "dK_0", "fitted slope", "-a~_1", "relative deviation"],
                new[] { hs.Attracted, hs.Repelled }.Select(x => (IReadOnlyList<string>)[x.Attracted ? "attracted" : "repelled", Number(x.Start), Number(x.FittedSlope), Number(x.PredictedSlope), Number(x.RelativeDeviation)])));
        }
        return sb.ToString();
    }

    /// <summary>A floating-point value in LaTeX: 12 significant digits, powers of ten as 10^{e}.</summary>
    private static string Number(double x)
    {
        string g = x.ToString("G12", CultureInfo.InvariantCulture);
        int e = g.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? g : $"{g[..e]} \\times 10^{{{int.Parse(g[(e + 1)..], CultureInfo.InvariantCulture)}}}";
    }

    /// <summary>The free normalisations and ν_4 as their book symbols (δ_∥, δ_2, ν_4) for LaTeX.</summary>
    private static readonly Dictionary<Symbol, RationalFunction> LatexSymbols = new()
    {
        [ZeroClassAsymptotics.DeltaParallel] = Symbol.Plain("\\delta_\\parallel"),
        [ZeroClassAsymptotics.DeltaSquared] = Symbol.Plain("\\delta_2"),
        [ZeroClassAsymptotics.Nu4] = Symbol.Plain("\\nu_4"),
    };

    private static RationalFunction Symbols(RationalFunction f) => f.Substitute(LatexSymbols);

    private static string Tex(FoundNumber x) => x.Exact is { } q ? q.ToLatex() : Number(x.Value);

    private static string LatexName(string name) => name switch
    {
        "Delta K" => "\\Delta K^{(\\ell)}",
        "delta K_[1]" => "\\delta K_{[1]}^{(\\ell)}",
        "delta delta K_[2]" => "\\delta\\delta K_{[2]}^{(\\ell)}",
        "V" => "V^{(\\ell)}",
        "G1 bare" => "G^{\\{1\\}(\\ell)}_{\\text{bare}}",
        _ => "G^{\\{1\\}(\\ell)}_{\\text{ren}}",
    };

    public override object Json()
    {
        var r = Result;
        var crit = Critical;
        return new
        {
            command = "criticality",
            activation = r.Activation.Name,
            sigma = r.Activation.Expression.ToString(),
            @class = r.Class.ToString(),
            reason = r.Reason,
            critical = crit is { } c ? new { cb = c.Cb.Value, cw = c.CW.Value, cbExact = c.Cb.Exact?.ToString(), cwExact = c.CW.Exact?.ToString(), kStar = c.KStar?.Value } : null,
            taylor = r.Taylor.Select(t => new { value = t.Value, exact = t.Exact?.ToString() }).ToArray(),
            taylorExact = r.TaylorNotExact is null,
            scaleInvariant = r.ScaleInvariant is { } si ? new { a2 = si.A2.ToString(), a4 = si.A4.ToString(), cw = si.CW.ToString(), vCoefficient = si.VCoefficient.ToString() } : null,
            kStarZero = r.KStarZero is { } z ? new { cw = z.CW.ToString(), a1 = z.A1.ToString(), a2 = z.A2.ToString(), b1 = z.B1.ToString(), a1Value = z.A1.Value, a2Value = z.A2.Value, b1Value = z.B1.Value, stable = z.Stable } : null,
            fixedPoints = r.FixedPoints.Select(p => new { kStar = p.KStar, kStarExact = p.ExactKStar?.ToString(), kStarExactLatex = p.ExactKStar?.ToLatex(), kStarCondition = p.ExactCondition?.ToString(), cb = p.Cb, cw = p.CW, aTilde1 = p.ATilde1, attractedFrom = p.AttractedFrom, physical = p.Physical, trivial = p.Trivial.Select(t => new { k = t.K, chiParallel = t.ChiParallel, attracting = t.Attracting }).ToArray() }).ToArray(),
            limitingCb = r.LimitingCb?.ToString(),
            shiftedA1 = r.ShiftedA1?.ToString(),
            smallKRatio = r.SmallKRatio?.ToString(),
            asymptotics = Asymptotics?.Results.Select(res => new
            {
                name = res.Name,
                equation = res.Equation,
                exponent = res.Exponent.ToString(),
                exponentValue = Evaluated(res.Exponent),
                tunings = res.Solution.Tunings.ToDictionary(t => t.Key.ToString(), t => t.Value.ToString()),
                terms = res.Solution.Series.Terms.Select(t => new { s = t.Key.S, logPower = t.Key.Q, coefficient = t.Value.ToString(), value = Evaluated(t.Value) }).ToArray(),
                free = res.Solution.FreeConstants.Select(k => new[] { k.S, k.Q }).ToArray(),
            }).ToArray(),
            nlo5143 = Derived5143 is { } d ? new { derived = d.ToString(), derivedValue = Evaluated(d), printed = Printed5143.ToString(), printedValue = Evaluated(Printed5143) } : null,
            check = Check?.Json(),
            halfStableCheck = HalfStable?.Json(),
        };
    }
}
