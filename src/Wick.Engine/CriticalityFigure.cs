using Wick.Algebra;
using Wick.Numeric.Criticality;
using Wick.Numeric.Plotting;

namespace Wick.Engine;

/// <summary>
/// The data of <c>wick plot --kind criticality</c> (<see cref="CriticalityPlotData"/>), built from a
/// <see cref="CriticalityReport"/>: the map, χ_∥, χ_⊥ and the χ_⊥ = 1 curve from the Gaussian expectations of σ
/// (quadrature calibrated to 1e−14), the depth panel from the iterated recursions (5.108)–(5.110), (5.140) beside the
/// engine's derived leading laws (K* = 0 class: (5.92), (5.127)/(5.131), (5.134), (5.143); scale-invariant: (5.120);
/// half-stable: (5.102) from each side). Without criticality the panels are drawn where χ_⊥ = 1 at the fixed point K = 1.
/// </summary>
public static class CriticalityFigure
{
    /// <summary>Points of the K axis of the map and susceptibility panels, and of the χ_⊥ = 1 curve.</summary>
    private const int Points = 200;

    public static CriticalityPlotData For(CriticalityReport report, long depth = 100_000)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (depth is < 16 or > 1_000_000) throw new RequestException($"--depth must be in 16..1000000, got {depth}.");
        var r = report.Result;
        var sigma = r.Activation;
        double kStar = report.Critical?.KStar?.Value ?? 0;
        var exp = CriticalityReport.Expectations(sigma, kStar > 0 ? kStar : 1);
        double cb, cw;
        string where;
        if (report.Critical is { } c) { (cb, cw) = (c.Cb.Value, c.CW.Value); where = "critical"; }
        else
        {
            var one = exp.At(1);
            cw = 1 / one.SigmaPrimeSquared;
            cb = 1 - cw * one.G;
            where = "no criticality: chi_perp = 1 at the fixed point K = 1";
        }

        // (1)-(2): K ↦ C_b + C_W g(K) (5.108), χ_∥ = C_W g'(K) (5.50), χ_⊥ = C_W⟨σ'σ'⟩ (5.51).
        double kMax = kStar > 0 ? 2 * kStar : 2;
        var ks = Enumerable.Range(1, Points).Select(i => kMax * i / Points).ToArray();
        var at = ks.Select(exp.At).ToArray();
        var map = new PlotSeries("K -> C_b + C_W <sigma sigma>_K (5.108)", ks, [.. at.Select(p => cb + cw * p.G)]);
        var chiPar = new PlotSeries("chi_par = C_W g'(K) (5.50)", ks, [.. at.Select(p => cw * p.GPrime)]);
        var chiPerp = new PlotSeries("chi_perp = C_W <sigma' sigma'>_K (5.51)", ks, [.. at.Select(p => cw * p.SigmaPrimeSquared)]);
        var fixedPoints = new List<PlotMarker>();
        switch (r.Class)
        {
            case Numeric.Criticality.UniversalityClass.KStarZero:
                fixedPoints.Add(new PlotMarker("K* = 0", 0, 0));
                break;
            case Numeric.Criticality.UniversalityClass.HalfStable:
                var fp = r.FixedPoints.First(p => p.Physical);
                fixedPoints.Add(new PlotMarker($"K* = {fp.KStar:G10} (half-stable)", fp.KStar, fp.KStar));
                fixedPoints.AddRange(fp.Trivial.Where(t => t.K <= kMax).Select(t => new PlotMarker($"trivial K = {t.K:G8} ({(t.Attracting ? "attracting" : "repelling")})", t.K, t.K)));
                break;
        }

        // (3): (C_b, C_W)(K*) with χ_⊥ = 1 at the fixed point K* (5.71)–(5.72); critical where (5.73) holds too.
        PlotSeries line;
        var critical = new List<PlotMarker>();
        if (r.Class == Numeric.Criticality.UniversalityClass.ScaleInvariant)
        {
            line = new PlotSeries("chi_perp = 1 for every K* (5.62): one point", [cb], [cw]);
            critical.Add(new PlotMarker($"critical (C_b, C_W) = (0, {r.ScaleInvariant!.CW})", cb, cw));
        }
        else
        {
            double hi = Math.Max(CriticalityAnalysis.ScanMax, 2 * kStar);
            var scan = Enumerable.Range(0, Points).Select(i => CriticalityAnalysis.ScanMin * Math.Pow(hi / CriticalityAnalysis.ScanMin, (double)i / (Points - 1)))
                .Select(exp.At).ToArray();
            line = new PlotSeries("chi_perp = 1 at K* (5.71)-(5.72), K* from 0.001 to " + hi.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
                [.. scan.Select(p => p.K - p.G / p.SigmaPrimeSquared)], [.. scan.Select(p => 1 / p.SigmaPrimeSquared)]);
            if (r.Class == Numeric.Criticality.UniversalityClass.KStarZero)
                critical.Add(new PlotMarker($"critical (0, {r.KStarZero!.CW}) at K* = 0 (5.90)", 0, r.KStarZero.CW.Value));
            critical.AddRange(r.FixedPoints.Select(p => new PlotMarker(
                $"chi_par = 1 too at K* = {p.KStar:G8}: ({p.Cb:G8}, {p.CW:G8}){(p.Physical ? "" : " unphysical")}", p.Cb, p.CW)));
        }

        var (curves, depthTitle) = DepthCurves(report, exp, cb, cw, depth);
        return new CriticalityPlotData(sigma.Name, $"criticality of sigma = {sigma.Name}: {where}", cb, cw, map, fixedPoints, chiPar, chiPerp, line, critical, curves, depthTitle);
    }

    private static (IReadOnlyList<DepthCurve>, string) DepthCurves(CriticalityReport report, SingleInputExpectations exp, double cb, double cw, long depth)
    {
        var r = report.Result;
        long[] layers = HalfStableCheck.Samples(depth);
        double[] xs = [.. layers.Select(l => (double)l)];
        switch (r.Class)
        {
            case Numeric.Criticality.UniversalityClass.KStarZero when report.Asymptotics is { } a:
            {
                double Eval(RationalFunction f) => report.Evaluate(f);
                var ren = a["G1 renormalised"].Solution;
                double cb1 = Eval(ren.Tunings[Algebra.Criticality.ZeroClassAsymptotics.Cb1]);
                double cw1 = Eval(ren.Tunings[Algebra.Criticality.ZeroClassAsymptotics.CW1Ratio]) * cw;
                var runExp = new SingleInputExpectations(r.Activation, 32);
                runExp.Calibrate([1e-6, 1e-3, 1], 1e-15);
                var run = DepthIteration.Run(runExp, cb, cw, 1, cb1, cw1, layers);
                double P(string name) => Eval(a[name].Exponent);
                double C(string name) => Eval(a[name].Solution.Series[0, 0]);
                double pk = P("Delta K"), ck = C("Delta K");
                var list = new List<DepthCurve>
                {
                    DepthCurve.PowerLaw("K", xs, [.. run.Select(s => s.K)], ck, -pk, $"{ck:G6} l^{-pk:G4} (5.92)"),
                    DepthCurve.PowerLaw("V/K^2 = n V/(n K^2)", xs, [.. run.Select(s => s.V / (s.K * s.K))], C("V") / (ck * ck), 2 * pk - P("V"), $"{C("V") / (ck * ck):G6} l^{2 * pk - P("V"):G4} (5.131)"),
                };
                foreach (var (name, eq, pick) in new (string, string, Func<DepthSample, double>)[] { ("G1 bare", "(5.134)", s => s.NloBare), ("G1 renormalised", "(5.143)", s => s.NloRenormalised) })
                {
                    double coefficient = C(name) / ck, power = pk - P(name);
                    list.Add(DepthCurve.PowerLaw($"{name}/K", xs, [.. run.Select(s => pick(s) / s.K)], coefficient, power, $"{coefficient:G6} l^{power:G4} {eq}"));
                }
                return (list, "K* = 0 class, K^(1) = 1: iterated (thin), derived laws (wide, light)");
            }
            case Numeric.Criticality.UniversalityClass.ScaleInvariant:
            {
                var run = DepthIteration.Run(exp, cb, cw, 1, 0, 0, layers);
                double v = r.ScaleInvariant!.VCoefficient.ToDouble();
                return ([
                    new DepthCurve("K", xs, [.. run.Select(s => s.K)], [.. xs.Select(_ => 1.0)], "K* = K^(1) = 1 (line of fixed points)"),
                    new DepthCurve("V/K^2 = n V/(n K^2)", xs, [.. run.Select(s => s.V / (s.K * s.K))], [.. xs.Select(l => (l - 1) * v)], $"(l - 1) {v:G6} (5.120)"),
                ], "scale-invariant class, K^(1) = 1: iterated (thin), (5.120) (wide, light)");
            }
            case Numeric.Criticality.UniversalityClass.HalfStable:
            {
                var p = r.FixedPoints.First(q => q.Physical);
                var check = report.HalfStable ?? HalfStableCheck.Run(exp, p, depth);
                var curves = new List<DepthCurve>();
                foreach (var side in new[] { check.Attracted, check.Repelled })
                {
                    string label = $"K - K* from {(side.Start > 0 ? "above" : "below")} ({(side.Attracted ? "attracted" : "repelled")})";
                    double[] x = [.. side.Layers.Select(l => (double)l)];
                    curves.Add(side.Attracted
                        ? new DepthCurve(label, x, side.DeltaK, [.. x.Select(l => side.Start / (1 - p.ATilde1 * side.Start * (l - 1)))], "dK_0/(1 - a~_1 dK_0 (l - 1)) (5.102)")
                        : new DepthCurve(label, x, side.DeltaK, null, null));
                }
                return (curves, $"half-stable K* = {p.KStar:G8}: |K - K*| from each side (5.102)");
            }
            default:
                return ([], "no criticality: no depth asymptotics");
        }
    }
}

/// <summary>The plotted data of <see cref="CriticalityFigure"/> as text the page and the JSON carry: marked points and the depth panel at decades.</summary>
public static class CriticalityTable
{
    private static string F(double x) => x.ToString("G8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The layers shown in the table: 1, 10, 100, … and the deepest.</summary>
    private static int[] Rows(DepthCurve c) =>
        [.. Enumerable.Range(0, c.Layers.Length).Where(i => i == c.Layers.Length - 1 || Math.Abs(Math.Log10(c.Layers[i]) - Math.Round(Math.Log10(c.Layers[i]))) < 1e-9)];

    /// <summary>Two display tables: the marked points, and each depth curve (iterated and derived) at decades of ℓ.</summary>
    public static string Latex(CriticalityPlotData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var w = new System.Text.StringBuilder();
        w.AppendLine($"% {d.Title}; (C_b, C_W) = ({F(d.Cb)}, {F(d.CW)})");
        var marks = d.FixedPoints.Select(m => (IReadOnlyList<string>)["fixed point", F(m.X), F(m.Y), m.Label])
            .Concat(d.CriticalPoints.Select(m => (IReadOnlyList<string>)["critical point", F(m.X), F(m.Y), m.Label])).ToList();
        if (marks.Count > 0) w.Append(Algebra.Syntax.LatexTable.Array(["marked", "x", "y", "what"], marks));
        if (d.Depth.Count > 0)
        {
            w.AppendLine($"% {d.DepthTitle}");
            var rows = Rows(d.Depth[0]);
            var headers = new List<string> { "layer" };
            foreach (var c in d.Depth)
            {
                headers.Add(c.Label + " iterated");
                if (c.Asymptotic is not null) headers.Add("law");
            }
            w.Append(Algebra.Syntax.LatexTable.Array(headers, rows.Select(i =>
            {
                var row = new List<string> { F(d.Depth[0].Layers[i]) };
                foreach (var c in d.Depth)
                {
                    row.Add(i < c.Iterated.Length ? F(c.Iterated[i]) : "");
                    if (c.Asymptotic is { } a) row.Add(i < a.Length ? F(a[i]) : "");
                }
                return (IReadOnlyList<string>)row;
            })));
        }
        return w.ToString();
    }

    /// <summary>The data as JSON: every series of the four panels (<see cref="CriticalityPlotData"/>).</summary>
    public static object Json(CriticalityPlotData d) => d;
}
