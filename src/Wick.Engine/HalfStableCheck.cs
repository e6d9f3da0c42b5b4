using System.Globalization;
using System.Text;
using Wick.Numeric.Criticality;

namespace Wick.Engine;

/// <summary>
/// One side of a half-stable fixed point: the kernel started at K* + ΔK_0 and iterated. The law of (5.102),
/// ΔK^{(ℓ+1)} = ΔK + ã_1 ΔK², closed by the cubic term that makes the neighbouring trivial fixed point K_t = K* + Δ_t a
/// root (ã_2 = −ã_1/Δ_t), integrates to 1/ΔK − (1/Δ_t) log|ΔK/(1 − ΔK/Δ_t)| = A − ã_1 ℓ; the fit of the left side
/// against A + B ℓ gives B, compared with −ã_1 (without a trivial fixed point the log term is absent). On the attracting
/// side ℓ ΔK → −1/ã_1; on the other side ΔK departs towards K_t and the fit stops at |ΔK| = (3/4)|Δ_t|.
/// </summary>
public sealed record HalfStableSide(bool Attracted, double Start, long[] Layers, double[] DeltaK, double FittedSlope, double PredictedSlope, long FitDepth, double EndK)
{
    /// <summary>|B/(−ã_1) − 1|.</summary>
    public double RelativeDeviation => Math.Abs(FittedSlope / PredictedSlope - 1);
}

/// <summary>
/// The numeric check of the half-stable depth behaviour (SWISH (5.100)–(5.102), GELU (5.104)–(5.105)): the recursion
/// K^{(ℓ+1)} = C_b + C_W g(K) (5.108) iterated at the critical (C_b, C_W) from K* ± |Δ_t|/4 for up to 10⁵ layers. K is
/// iterated itself (not ΔK): the rounding of each step is ~1e−16 K*, and the residual of the fixed point (K*, C_b, C_W
/// known to ~1e−13) moves ΔK by ~1e−9 over 10⁵ layers, far below the |ΔK| ≳ 1e−2 the fit uses.
/// </summary>
public sealed class HalfStableCheck
{
    private HalfStableCheck(NontrivialFixedPoint point, long depth, HalfStableSide attracted, HalfStableSide repelled)
    {
        Point = point;
        Depth = depth;
        Attracted = attracted;
        Repelled = repelled;
    }

    public NontrivialFixedPoint Point { get; }
    public long Depth { get; }
    public HalfStableSide Attracted { get; }
    public HalfStableSide Repelled { get; }

    /// <summary>|ΔK_0| as a fraction of |Δ_t| (of K* without a neighbouring trivial fixed point).</summary>
    public const double StartOffset = 0.25;

    public static HalfStableCheck Run(SingleInputExpectations exp, NontrivialFixedPoint p, long depth)
    {
        ArgumentNullException.ThrowIfNull(exp);
        ArgumentNullException.ThrowIfNull(p);
        double sign = p.ATilde1 > 0 ? -1 : 1; // the attracting side: ΔK < 0 when ã_1 > 0
        // The nearest trivial fixed point on the repelled side (where the map pushes ΔK).
        double? dt = p.Trivial.Select(t => t.K - p.KStar).Where(d => Math.Sign(d) == -sign).OrderBy(Math.Abs).Cast<double?>().FirstOrDefault();
        double scale = dt is { } d0 ? Math.Abs(d0) : p.KStar;
        return new HalfStableCheck(p, depth, Side(exp, p, sign * StartOffset * scale, dt, depth, true), Side(exp, p, -sign * StartOffset * scale, dt, depth, false));
    }

    private static HalfStableSide Side(SingleInputExpectations exp, NontrivialFixedPoint p, double dk0, double? dt, long depth, bool attracted)
    {
        var layers = Samples(depth);
        var run = DepthIteration.Run(exp, p.Cb, p.CW, p.KStar + dk0, 0, 0, layers);
        double[] dk = [.. run.Select(s => s.K - p.KStar)];
        double Y(double d) => 1 / d - (dt is { } t ? Math.Log(Math.Abs(d / (1 - d / t))) / t : 0);
        var fit = run.Where(s => s.Layer >= 8 && (attracted || Math.Abs(s.K - p.KStar) <= 0.75 * Math.Abs(dt ?? double.PositiveInfinity))).ToArray();
        double slope = fit.Length >= 4 ? Slope(fit.Select(s => ((double)s.Layer, Y(s.K - p.KStar))).ToArray()) : double.NaN;
        double endK = run.Count > 0 ? run[^1].K : p.KStar + dk0;
        return new HalfStableSide(attracted, dk0, [.. run.Select(s => s.Layer)], dk, slope, -p.ATilde1, fit.Length > 0 ? fit[^1].Layer : 0, endK);
    }

    /// <summary>About 60 logarithmically spaced layers 1 … depth, the powers of 10 up to depth, and depth/2^j for j = 0 … 7.</summary>
    internal static long[] Samples(long depth) =>
        [.. Enumerable.Range(0, 61).Select(i => (long)Math.Round(Math.Pow(depth, i / 60.0)))
            .Concat(Enumerable.Range(0, 19).Select(e => (long)Math.Pow(10, e)).Where(l => l <= depth))
            .Concat(Enumerable.Range(0, 8).Select(j => depth >> j)).Where(l => l >= 1).Distinct().Order()];

    /// <summary>Least squares for y = A + B ℓ; returns B.</summary>
    private static double Slope(IReadOnlyList<(double Layer, double Y)> points)
    {
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(points.Count, 2, (i, j) => j == 0 ? 1 : points[i].Layer);
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(points.Count, i => points[i].Y);
        return a.Solve(y)[1];
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    public string Text()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"half-stable depth check (5.102): K^(l+1) = C_b + C_W g(K) iterated from K* + dK_0, |dK_0| = {StartOffset} |K_t - K*|; fit 1/dK - log|dK/(1 - dK/(K_t - K*))|/(K_t - K*) = A + B l, B against -a~_1 = {F(-Point.ATilde1)}:");
        foreach (var s in new[] { Attracted, Repelled })
            sb.AppendLine($"  from {(s.Start > 0 ? "above" : "below")} (dK_0 = {F(s.Start)}, {(s.Attracted ? "attracted" : "repelled")}): B = {F(s.FittedSlope)} over l <= {s.FitDepth} (relative deviation {s.RelativeDeviation:G2}); K^({Depth}) = {s.EndK:G10}"
                + (s.Attracted ? $", l dK = {F(s.Layers[^1] * s.DeltaK[^1])} -> -1/a~_1 = {F(-1 / Point.ATilde1)}" : ""));
        return sb.ToString();
    }

    public object Json() => new
    {
        depth = Depth,
        startOffset = StartOffset,
        sides = new[] { Attracted, Repelled }.Select(s => new { attracted = s.Attracted, start = s.Start, fittedSlope = s.FittedSlope, predictedSlope = s.PredictedSlope, relativeDeviation = s.RelativeDeviation, fitDepth = s.FitDepth, endK = s.EndK }).ToArray(),
    };
}
