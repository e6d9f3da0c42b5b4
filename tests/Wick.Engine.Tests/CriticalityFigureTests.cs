using Wick.Engine;
using Wick.Numeric.Criticality;
using Wick.Numeric.Plotting;

namespace Wick.Engine.Tests;

/// <summary>
/// The data of <c>wick plot --kind criticality</c> (<see cref="CriticalityFigure"/>) against what <c>wick criticality</c>
/// reports and against the book: the marked points are the report's fixed and critical points, the panels' curves
/// cross 1 where they should, the depth laws carry the derived coefficients (tanh: 1/2, 2/3, −1/3, 89/36), and the
/// iterated recursions approach those laws. Also the half-stable depth check (5.102) from both sides.
/// </summary>
public class CriticalityFigureTests
{
    private static CriticalityPlotData Data(string activation, long depth = 20_000) =>
        WickEngine.CriticalityPlot(new CriticalityRequest(activation) { CheckDepth = 0 }, depth);

    [Test]
    public void Tanh_panels_and_depth_laws_match_the_report()
    {
        var d = Data("tanh");
        Assert.That((d.Cb, d.CW), Is.EqualTo((0.0, 1.0)));
        Assert.That(d.FixedPoints.Single().X, Is.EqualTo(0));
        Assert.That(d.CriticalPoints.Single(), Has.Property("X").EqualTo(0).And.Property("Y").EqualTo(1));
        // The map below the diagonal (K* = 0 attracts) and χ_∥, χ_⊥ < 1 tending to 1 as K → 0 (5.89)–(5.90).
        Assert.That(d.Map.Y.Zip(d.Map.X).All(p => p.First < p.Second));
        Assert.That(d.ChiParallel.Y[0], Is.EqualTo(1).Within(0.05).And.LessThan(1));
        Assert.That(d.ChiPerp.Y[0], Is.EqualTo(1).Within(0.05).And.LessThan(1));
        // The χ_⊥ = 1 curve starts at the critical point as K* → 0.
        Assert.That(d.CriticalLine.X[0], Is.EqualTo(0).Within(1e-2));
        Assert.That(d.CriticalLine.Y[0], Is.EqualTo(1).Within(1e-2));
        var curves = d.Depth.ToDictionary(c => c.Label);
        Assert.That(curves["K"].Coefficient, Is.EqualTo(0.5).Within(1e-12));              // −1/a_1 (5.92)
        Assert.That(curves["K"].Power, Is.EqualTo(-1).Within(1e-12));
        Assert.That(curves["V/K^2 = n V/(n K^2)"].Coefficient, Is.EqualTo(2.0 / 3).Within(1e-12));   // (5.131)
        Assert.That(curves["G1 bare/K"].Coefficient, Is.EqualTo(-1.0 / 3).Within(1e-12));
        Assert.That(curves["G1 renormalised/K"].Coefficient, Is.EqualTo(2 * 89.0 / 72).Within(1e-12)); // (5.143) derived / (1/2)
        Assert.That(curves["G1 renormalised/K"].Power, Is.EqualTo(0).Within(1e-12));
        // The iterated recursions approach the laws at depth (log corrections: a few per cent at 2·10⁴ layers).
        foreach (var c in d.Depth)
            Assert.That(c.Iterated[^1] / c.Asymptotic![^1], Is.EqualTo(1).Within(0.05), c.Label);
        Assert.That(d.Depth[0].Layers[^1], Is.EqualTo(20_000));
    }

    [Test]
    public void Gelu_marks_the_reported_fixed_points()
    {
        var report = WickEngine.Criticality(new CriticalityRequest("gelu") { CheckDepth = 0 });
        var d = CriticalityFigure.For(report, 2_000);
        var p = report.Result.FixedPoints.Single(q => q.Physical);
        Assert.That((d.Cb, d.CW), Is.EqualTo((p.Cb, p.CW)));
        Assert.That(d.Cb, Is.EqualTo(0.17292239).Within(1e-8));
        Assert.That(d.FixedPoints[0].X, Is.EqualTo(3.5615528128).Within(1e-9));
        Assert.That(d.FixedPoints.Skip(1).Select(m => m.X), Is.EquivalentTo(p.Trivial.Select(t => t.K)));
        Assert.That(d.CriticalPoints.Single(m => m.X > 0).Y, Is.EqualTo(1.98305826).Within(1e-8));
        // At K*, the map touches the diagonal and χ_∥ = χ_⊥ = 1 (5.73): the nearest grid point differs by O(step).
        int i = Array.FindIndex(d.Map.X, k => k >= p.KStar);
        Assert.That(d.ChiParallel.Y[i], Is.EqualTo(1).Within(1e-3));
        Assert.That(d.ChiPerp.Y[i], Is.EqualTo(1).Within(2e-2));
        Assert.That(d.Map.Y[i] - d.Map.X[i], Is.EqualTo(0).Within(1e-3));
        // The χ_⊥ = 1 curve passes through the critical point.
        double nearest = d.CriticalLine.X.Zip(d.CriticalLine.Y).Min(q => Math.Abs(q.First - p.Cb) + Math.Abs(q.Second - p.CW));
        Assert.That(nearest, Is.LessThan(0.05));
        Assert.That(d.Depth, Has.Count.EqualTo(2));
    }

    [Test]
    public void Relu_line_of_fixed_points_and_linear_vertex()
    {
        var d = Data("relu", 1000);
        Assert.That((d.Cb, d.CW), Is.EqualTo((0.0, 2.0)));
        Assert.That(d.CriticalLine.X, Has.Length.EqualTo(1));
        Assert.That(d.Map.Y.Zip(d.Map.X).All(q => Math.Abs(q.First - q.Second) < 1e-12), "σ = relu at (0, 2): every K is a fixed point");
        var v = d.Depth.Single(c => c.Label.StartsWith("V/K^2", StringComparison.Ordinal));
        // V/K² = 5 (ℓ − 1) (5.120) exactly: iterated against the law.
        for (int i = 0; i < v.Layers.Length; i++)
            Assert.That(v.Iterated[i], Is.EqualTo(5 * (v.Layers[i] - 1)).Within(1e-9 * v.Layers[i]));
    }

    [Test]
    public void Softplus_has_no_depth_panel_and_bad_depth_is_refused()
    {
        var d = Data("softplus", 100);
        Assert.That(d.Depth, Is.Empty);
        Assert.That(d.CriticalPoints, Is.Empty, "softplus: (5.73) has no root (wick criticality says so)");
        // Drawn where χ_⊥ = 1 at the fixed point K = 1: the map crosses the diagonal at 1 with χ_⊥ = 1 there.
        int i = Array.FindIndex(d.Map.X, k => k >= 1 - 1e-12);
        Assert.That(d.Map.Y[i], Is.EqualTo(1).Within(1e-12));
        Assert.That(d.ChiPerp.Y[i], Is.EqualTo(1).Within(1e-12));
        Assert.That(d.Title, Does.Contain("no criticality"));
        Assert.Throws<RequestException>(() => Data("tanh", 3));
    }

    [TestCase("gelu")]
    [TestCase("swish")]
    public void Half_stable_depth_behaviour_from_both_sides(string activation)
    {
        var report = WickEngine.Criticality(new CriticalityRequest(activation) { CheckDepth = 100_000 });
        var check = report.HalfStable!;
        var p = report.Result.FixedPoints.Single(q => q.Physical);
        // (5.102): 1/ΔK falls (or rises) linearly with slope −ã_1 on both sides; the side attracted is the book's.
        Assert.That(check.Attracted.Start * p.ATilde1, Is.LessThan(0));
        Assert.That(check.Attracted.RelativeDeviation, Is.LessThan(0.05));
        Assert.That(check.Repelled.RelativeDeviation, Is.LessThan(0.1));
        Assert.That(Math.Abs(check.Attracted.DeltaK[^1]), Is.LessThan(Math.Abs(check.Attracted.Start)));
        Assert.That(Math.Abs(check.Repelled.DeltaK[^1]), Is.GreaterThan(Math.Abs(check.Repelled.Start)));
        Assert.That(report.Text(), Does.Contain("half-stable depth check (5.102)"));
    }

    [Test]
    public void Gelu_k_star_is_printed_exactly_swish_says_it_is_not()
    {
        var gelu = WickEngine.Criticality(new CriticalityRequest("gelu") { CheckDepth = 0 });
        Assert.That(gelu.Text(), Does.Contain("exact: K* = (3 + √17)/2 = 3.56155281281, the positive root of -2 + K^2 - 3 K = 0"));
        Assert.That(gelu.Latex(), Does.Contain("K^\\star &= \\frac{3 + \\sqrt{17}}{2}"));
        Assert.That(gelu.JsonText(), Does.Contain("\"kStarExact\": \"(3 + √17)/2\"").Or.Contain("\"kStarExact\":\"(3 + \\u221A17)/2\""));
        var swish = WickEngine.Criticality(new CriticalityRequest("swish") { CheckDepth = 0 });
        Assert.That(swish.Text(), Does.Contain("exact form: not derived"));
    }

    [Test]
    public void Gelu_repelled_side_ends_at_the_trivial_fixed_point()
    {
        var report = WickEngine.Criticality(new CriticalityRequest("gelu") { CheckDepth = 100_000 });
        var trivial = report.Result.FixedPoints.Single(q => q.Physical).Trivial.Single();
        Assert.That(report.HalfStable!.Repelled.EndK, Is.EqualTo(trivial.K).Within(0.01));
        Assert.That(trivial.K, Is.EqualTo(3.0349814356).Within(1e-8));
    }
}
