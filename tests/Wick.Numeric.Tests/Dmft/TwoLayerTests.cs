using Wick.Numeric.Dmft;

namespace Wick.Numeric.Tests.Dmft;

/// <summary>The two-layer linear DMFT: closed form (76)–(81) against independent numerical routes.</summary>
public class TwoLayerTests
{
    private static readonly double[] Y = [1, -0.5, 0.8];

    [Test]
    public void Final_kernel_of_the_acceptance_case_is_1_7()
    {
        var w = new WhitenedTwoLayer(1, Math.Sqrt(Y.Sum(v => v * v)));
        Assert.That(w.FinalKernel, Is.EqualTo(1.7).Within(1e-14));
    }

    [TestCase(0.0)]
    [TestCase(0.3)]
    [TestCase(1.0)]
    [TestCase(4.0)]
    public void Closed_form_time_integral_matches_the_ODE_of_76(double gamma0)
    {
        // Integrate (76) (H_y and Δ as two variables, no conservation law used) and compare with (79) inverted.
        double y = 1.7;
        var w = new WhitenedTwoLayer(gamma0, y);
        double[] times = [0.05, 0.2, 0.5, 1, 2];
        var states = DormandPrince.Integrate((_, s) => [2 * gamma0 * gamma0 * s[1] * (y - s[1]), -2 * s[0] * s[1]], 0, [1, y], times);
        for (int i = 0; i < times.Length; i++)
        {
            Assert.That(w.ErrorAt(times[i]), Is.EqualTo(states[i][1]).Within(1e-8 * y), $"Δ at t = {times[i]}");
            Assert.That(w.Conserved(states[i][0], states[i][1]), Is.EqualTo(1).Within(1e-8), "H_y² − γ0²(y − Δ)² = 1 (77)");
            Assert.That(w.KernelAt(y - states[i][1]), Is.EqualTo(states[i][0]).Within(1e-8));
        }
    }

    [Test]
    public void Lazy_limit_is_exponential_decay_80()
    {
        var w = new WhitenedTwoLayer(1e-6, 2);
        foreach (double t in new[] { 0.1, 1.0, 3.0 })
            Assert.That(w.ErrorAt(t), Is.EqualTo(2 * Math.Exp(-2 * t)).Within(1e-9));
        Assert.That(new WhitenedTwoLayer(0, 2).TimeToReach(1), Is.EqualTo(0.5 * Math.Log(2)).Within(1e-15));
    }

    [Test]
    public void Rich_limit_is_logistic_81()
    {
        double y = 1.5, f = 1.0;
        double previous = double.MaxValue;
        foreach (double g in new[] { 1e2, 1e4, 1e6 })
        {
            var w = new WhitenedTwoLayer(g, y);
            // rate tends to −2γ0 (y − Δ) Δ
            double delta = 0.4;
            Assert.That(w.ErrorRate(delta) / (-2 * g * (y - delta) * delta), Is.EqualTo(1).Within(10 / (g * (y - delta))));
            // time to reach f: ln(2γ0 y f/(y − f))/(2γ0 y) + o(1/γ0)
            double gap = Math.Abs(g * w.TimeToReach(f) - Math.Log(2 * g * y * f / (y - f)) / (2 * y));
            Assert.That(gap, Is.LessThan(previous));
            previous = gap;
        }
        Assert.That(previous, Is.LessThan(1e-6));
    }

    [TestCase(0.5)]
    [TestCase(1.0)]
    public void General_two_layer_ODE_on_whitened_data_reduces_to_the_closed_form(double gamma0)
    {
        var problem = LinearDmftProblem.Whitened(Y, 1, gamma0);
        double[] times = [0.1, 0.5, 1.5, 6];
        var traj = TwoLayerLinearDmft.Solve(problem, times);
        var w = new WhitenedTwoLayer(gamma0, problem.TargetNorm);
        for (int i = 0; i < times.Length; i++)
        {
            var pt = traj.Points[i];
            double along = pt.Error.Zip(Y, (e, y) => e * y).Sum() / problem.TargetNorm;
            Assert.That(along, Is.EqualTo(w.ErrorAt(times[i])).Within(1e-8));
            // Δ stays parallel to y
            for (int a = 0; a < 3; a++) Assert.That(pt.Error[a], Is.EqualTo(along * Y[a] / problem.TargetNorm).Within(1e-9));
            var h = pt.HiddenKernels![0];
            double hy = 0;
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) hy += Y[a] * h[a, b] * Y[b];
            Assert.That(hy / (problem.TargetNorm * problem.TargetNorm), Is.EqualTo(w.KernelAt(problem.TargetNorm - along)).Within(1e-8));
            Assert.That(pt.GradientKernels![0], Is.EqualTo(hy / (problem.TargetNorm * problem.TargetNorm)).Within(1e-8), "balance H_y = G (76)");
        }
        // the rank-one spike H(∞) = I + (H_y(∞) − 1) ŷŷᵀ
        var spike = w.FinalHiddenKernel(Y);
        var hFinal = traj.Final.HiddenKernels![0];
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) Assert.That(hFinal[a, b], Is.EqualTo(spike[a, b]).Within(1e-4));
    }

    [Test]
    public void Runge_Kutta_pair_integrates_a_rotation_exactly_enough()
    {
        double[] times = [Math.PI / 2, Math.PI, 10];
        var s = DormandPrince.Integrate((_, y) => [y[1], -y[0]], 0, [1, 0], times);
        Assert.That(s[0][0], Is.EqualTo(0).Within(1e-9));
        Assert.That(s[1][0], Is.EqualTo(-1).Within(1e-9));
        Assert.That(s[2][1], Is.EqualTo(-Math.Sin(10)).Within(1e-8));
    }
}
