using System.Globalization;
using System.Text;
using Wick.Algebra;
using Wick.Algebra.Criticality;
using Wick.Numeric.Criticality;

namespace Wick.Engine;

/// <summary>One observable of the numeric check: the fitted leading coefficient against the derived one (and the printed one for (5.143)).</summary>
public sealed record DepthFit(string Name, string Equation, double Exponent, double Fitted, double Derived, double? Printed)
{
    public double Deviation => Math.Abs(Fitted - Derived);
    public double? PrintedDeviation => Printed is { } p ? Math.Abs(Fitted - p) : null;
}

/// <summary>
/// Checks the derived K* = 0 asymptotics by iterating the recursions to a depth L (10⁵ by default) at the critical
/// (0, 1/σ_1²) with the derived tunings, and fitting ℓ^p X(ℓ) = c + (d_1 log ℓ + d_0)/ℓ + e log²ℓ/ℓ² over layers
/// L/2^j, j = 0 … 7 (least squares): c is compared with the derived leading coefficient.
/// </summary>
public sealed class DepthCheck
{
    private DepthCheck(long depth, IReadOnlyList<DepthFit> fits) { Depth = depth; Fits = fits; }

    public long Depth { get; }
    public IReadOnlyList<DepthFit> Fits { get; }

    /// <summary>Runs the iteration for an activation of the K* = 0 class.</summary>
    public static DepthCheck Run(CriticalityResult result, ZeroClassAsymptotics asym, long depth)
    {
        var z = result.KStarZero ?? throw new InvalidOperationException("the depth check is for the K* = 0 class");
        var values = new Dictionary<Symbol, double> { [ZeroClassAsymptotics.A1] = z.A1.Value, [ZeroClassAsymptotics.A2] = z.A2.Value, [ZeroClassAsymptotics.B1] = z.B1.Value };
        double Eval(RationalFunction f) => f.Evaluate(s => values.TryGetValue(s, out var v) ? v : double.NaN);
        var ren = asym["G1 renormalised"].Solution;
        double cb1 = Eval(ren.Tunings[ZeroClassAsymptotics.Cb1]);
        double cw1 = Eval(ren.Tunings[ZeroClassAsymptotics.CW1Ratio]) * z.CW.Value;
        var exp = new SingleInputExpectations(result.Activation, 32);
        exp.Calibrate([1e-6, 1e-3, 1], 1e-15);
        var layers = Enumerable.Range(0, 8).Select(j => depth >> (7 - j)).Where(l => l >= 8).Distinct().ToArray();
        var samples = DepthIteration.Run(exp, 0, z.CW.Value, 1, cb1, cw1, layers);
        var fits = new List<DepthFit>();
        void Add(string name, string eq, Func<DepthSample, double> pick, RationalFunction exponent, RationalFunction leading, double? printed = null)
        {
            double p = Eval(exponent);
            double c = Fit(samples.Select(s => (s.Layer, Math.Pow(s.Layer, p) * pick(s))).ToArray());
            fits.Add(new DepthFit(name, eq, p, c, Eval(leading), printed));
        }
        Add("Delta K", "(5.92)", s => s.K, asym["Delta K"].Exponent, asym["Delta K"].Solution.Series[0, 0]);
        Add("V", "(5.127)", s => s.V, asym["V"].Exponent, asym["V"].Solution.Series[0, 0]);
        Add("G1 bare", "(5.134)", s => s.NloBare, asym["G1 bare"].Exponent, asym["G1 bare"].Solution.Series[0, 0]);
        Add("G1 renormalised", "(5.143)", s => s.NloRenormalised, asym["G1 renormalised"].Exponent, ren.Series[0, 0], Eval(CriticalityReport.Printed5143));
        return new DepthCheck(depth, fits);
    }

    /// <summary>Least squares for y = c + d_1 log ℓ/ℓ + d_0/ℓ + e log²ℓ/ℓ²; returns c.</summary>
    internal static double Fit(IReadOnlyList<(long Layer, double Y)> points)
    {
        int m = Math.Min(4, points.Count);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(points.Count, m, (i, j) =>
        {
            double l = points[i].Layer, lg = Math.Log(l);
            return j switch { 0 => 1, 1 => lg / l, 2 => 1 / l, _ => lg * lg / (l * l) };
        });
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(points.Count, i => points[i].Y);
        return a.Solve(y)[0];
    }

    private static string F(double x) => x.ToString("G10", CultureInfo.InvariantCulture);

    public string Text()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"numeric check: the recursions iterated to l = {Depth} at the critical point (K^(1) = 1), fit l^p X = c + (d1 log l + d0)/l + e log^2 l/l^2:");
        foreach (var f in Fits)
            sb.AppendLine($"  {f.Name} {f.Equation}: fitted c = {F(f.Fitted)}, derived {F(f.Derived)} (|diff| {f.Deviation:G2})" +
                (f.Printed is { } p ? $", printed {F(p)} (|diff| {f.PrintedDeviation:G2}): the numerics side with the {(f.Deviation < f.PrintedDeviation ? "derivation" : "print")}" : ""));
        return sb.ToString();
    }

    public object Json() => new
    {
        depth = Depth,
        fits = Fits.Select(f => new { name = f.Name, equation = f.Equation, exponent = f.Exponent, fitted = f.Fitted, derived = f.Derived, printed = f.Printed, deviation = f.Deviation, printedDeviation = f.PrintedDeviation }).ToArray(),
    };
}
