using Wick.Algebra;
using Wick.Algebra.Training;
using Wick.Numeric.Dmft;

namespace Wick.Numeric.Tests.Dmft;

/// <summary>The deep linear saddle-point solver and the derived O(γ0²) series.</summary>
public class SaddlePointTests
{
    private static readonly double[] Y = [1, -0.5, 0.8];
    private static readonly double[,] Kx = { { 1, 0.3, -0.2 }, { 0.3, 0.8, 0.1 }, { -0.2, 0.1, 1.2 } };

    [Test]
    public void Depth_one_grid_solution_matches_the_two_layer_ODE()
    {
        var problem = new LinearDmftProblem(Kx, Y, 1, 1.0);
        var sol = DeepLinearSaddlePoint.Solve(problem, new SaddlePointOptions { FinalTime = 2, Steps = 80 });
        var ode = TwoLayerLinearDmft.Solve(problem, [.. sol.Trajectory.Points.Select(p => p.Time)]);
        for (int i = 0; i < ode.Points.Count; i += 10)
            for (int a = 0; a < 3; a++)
            {
                Assert.That(sol.Trajectory.Points[i].Error[a], Is.EqualTo(ode.Points[i].Error[a]).Within(2e-3), $"Δ at step {i}");
                for (int b = 0; b < 3; b++)
                    Assert.That(sol.Trajectory.Points[i].Ntk[a, b], Is.EqualTo(ode.Points[i].Ntk[a, b]).Within(2e-3));
            }
        Assert.That(sol.Iterations, Is.LessThan(60));
    }

    [Test]
    public void Lazy_limit_has_the_static_NTK_of_depth_L_plus_one()
    {
        var problem = new LinearDmftProblem(Kx, Y, 3, 0.0);
        var sol = DeepLinearSaddlePoint.Solve(problem, new SaddlePointOptions { FinalTime = 1, Steps = 20 });
        foreach (var pt in sol.Trajectory.Points)
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) Assert.That(pt.Ntk[a, b], Is.EqualTo(4 * Kx[a, b]).Within(1e-12));
    }

    [Test]
    public void Derived_series_coefficients_are_exact_and_the_printed_146_is_the_gradient_independent_one()
    {
        Assert.That(DeepLinearKernelSeries.Derive(1).NtkCorrection[KernelStructure.HiddenCross], Is.EqualTo((Rational)1));
        var three = DeepLinearKernelSeries.Derive(3);
        foreach (var s in Enum.GetValues<KernelStructure>()) Assert.That(three.NtkCorrection[s], Is.EqualTo((Rational)20), s.ToString());
        var gi = DeepLinearKernelSeries.Derive(3, gradientIndependence: true);
        foreach (var s in Enum.GetValues<KernelStructure>()) Assert.That(gi.NtkCorrection[s], Is.EqualTo((Rational)6), s.ToString());
        var l = Symbol.Plain("L");
        var expected = Polynomial.Var(l) * (Polynomial.Var(l) + 1).Pow(2) * (Polynomial.Var(l) + 2) / 12;
        Assert.That(DeepLinearKernelSeries.NtkCoefficientInDepth(KernelStructure.GradientProduct, l), Is.EqualTo(expected));
        Assert.That(DeepLinearKernelSeries.NtkCoefficientInDepth(KernelStructure.HiddenCross, l, gradientIndependence: true),
            Is.EqualTo(Polynomial.Var(l) * (Polynomial.Var(l) + 1) / 2));
    }

    [TestCase(2, false)]
    [TestCase(3, false)]
    [TestCase(3, true)]
    public void Series_coefficient_matches_the_saddle_point_solution_extrapolated_in_gamma0_squared(int depth, bool gradientIndependence)
    {
        // q(γ0) = (K(γ0) − K(0))/γ0² = K_2 + γ0² K_4 + …; Richardson from γ0 = 0.1, 0.2 removes the γ0² term.
        var options = new SaddlePointOptions
        {
            FinalTime = 1.5, Steps = 60,
            Variant = gradientIndependence ? ResponseVariant.GradientIndependence : ResponseVariant.Derived,
        };
        var problem = new LinearDmftProblem(Kx, Y, depth, 0);
        var k0 = DeepLinearSaddlePoint.Solve(problem, options).Trajectory.Final.Ntk;
        var k1 = DeepLinearSaddlePoint.Solve(problem.WithGamma0(0.1), options).Trajectory.Final.Ntk;
        var k2 = DeepLinearSaddlePoint.Solve(problem.WithGamma0(0.2), options).Trajectory.Final.Ntk;
        var series = KernelSeriesEvaluator.NtkCorrection(problem, DeepLinearKernelSeries.Derive(depth, gradientIndependence).NtkCorrection, [options.FinalTime])[0];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                double q1 = (k1[a, b] - k0[a, b]) / 0.01, q2 = (k2[a, b] - k0[a, b]) / 0.04;
                double extrapolated = (4 * q1 - q2) / 3;
                Assert.That(extrapolated, Is.EqualTo(series[a, b]).Within(0.01 * Math.Abs(series[a, b]) + 2e-3), $"K_2[{a},{b}]");
            }
    }

    [Test]
    public void Geometric_series_inverts_one_minus_gamma_squared_X_to_the_truncation_order()
    {
        var x = OperatorSeries.Word(3, OperatorWord.Of(LazyOperator.C, LazyOperator.D))
                + OperatorSeries.Word(3, OperatorWord.Of(LazyOperator.H), 1, Rational.Create(-2, 3));
        var inv = OperatorSeries.InverseOfOneMinusGammaSquared(x);
        var oneMinus = OperatorSeries.Identity(3) + (x.TimesGammaSquared() * OperatorSeries.Word(3, OperatorWord.Empty, 0, Rational.MinusOne));
        var product = oneMinus * inv;
        Assert.That(product.At(0).Single().Key, Is.EqualTo(OperatorWord.Empty));
        for (int k = 1; k <= 3; k++) Assert.That(product.At(k), Is.Empty, $"order γ0^{2 * k}");
        Assert.That(inv.At(2)[OperatorWord.Of(LazyOperator.C, LazyOperator.D, LazyOperator.C, LazyOperator.D)], Is.EqualTo(Rational.One));
        Assert.That(OperatorWord.Of(LazyOperator.C, LazyOperator.G, LazyOperator.DT).Transpose(), Is.EqualTo(OperatorWord.Of(LazyOperator.D, LazyOperator.G, LazyOperator.CT)));
    }

    [Test]
    public void Non_convergence_is_reported_not_returned()
    {
        var problem = new LinearDmftProblem(Kx, Y, 3, 6.0);
        Assert.That(() => DeepLinearSaddlePoint.Solve(problem, new SaddlePointOptions { FinalTime = 3, Steps = 20, MaxIterations = 5 }),
            Throws.TypeOf<DmftConvergenceException>().With.Message.Contains("did not converge in 5 sweeps"));
    }

    /// <summary>max_t ||Δ(t)| − Δ_closed(t)| / |y| of the depth-one grid solver against the whitened closed form (79).</summary>
    private static double WorstErrorAgainstClosedForm(double gamma0, double grading, int steps, double time)
    {
        var problem = LinearDmftProblem.Whitened(Y, 1, gamma0);
        var sol = DeepLinearSaddlePoint.Solve(problem, new SaddlePointOptions { FinalTime = time, Steps = steps, Grading = grading });
        var exact = new WhitenedTwoLayer(gamma0, problem.TargetNorm);
        return sol.Trajectory.Points.Max(p => Math.Abs(Math.Sqrt(p.Error.Sum(e => e * e)) - exact.ErrorAt(p.Time))) / problem.TargetNorm;
    }

    [Test]
    public void Large_gamma0_needs_the_graded_grid_and_then_matches_the_closed_form()
    {
        // γ0 = 8: the error falls on the time scale 1/(γ0|y|) ≈ 0.09; a uniform 41-point grid on [0, 4] (dt = 0.1) does not resolve it.
        double uniform = WorstErrorAgainstClosedForm(8, 1, 40, 4), graded = WorstErrorAgainstClosedForm(8, 3, 40, 4);
        TestContext.Out.WriteLine($"γ0 = 8: worst |Δ| error / |y|: uniform {uniform:G3}, graded (q = 3) {graded:G3}");
        Assert.That(uniform, Is.GreaterThan(0.05));
        Assert.That(graded, Is.LessThan(0.01));
        // Refining the graded grid converges (second order).
        double finer = WorstErrorAgainstClosedForm(8, 3, 80, 4);
        TestContext.Out.WriteLine($"graded, 81 points: {finer:G3}");
        Assert.That(finer, Is.LessThan(graded / 2.5));
    }

    [Test]
    public void The_grid_grading_is_validated_and_uniform_by_default()
    {
        Assert.That(new SaddlePointOptions { FinalTime = 2, Steps = 4 }.Times(), Is.EqualTo(new[] { 0, 0.5, 1, 1.5, 2 }).Within(1e-15));
        Assert.That(new SaddlePointOptions { FinalTime = 8, Steps = 2, Grading = 3 }.Times(), Is.EqualTo(new[] { 0, 1, 8 }).Within(1e-15));
        Assert.That(() => new SaddlePointOptions { Grading = 0.5 }.Validate(), Throws.ArgumentException);
    }
}
