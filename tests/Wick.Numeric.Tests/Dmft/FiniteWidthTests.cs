using Wick.Numeric.Dmft;

namespace Wick.Numeric.Tests.Dmft;

/// <summary>
/// Real width-N linear networks trained by gradient flow against the DMFT. Kernels and losses of one network fluctuate
/// by O(1/√N) around their infinite-width values, with an O(1/N) bias; the mean over k seeds is compared with the DMFT
/// within 4 standard errors (estimated from the seeds) plus a bias allowance of 3/N relative.
/// </summary>
public class FiniteWidthTests
{
    private static readonly double[] Y = [1, -0.5, 0.8];
    private static readonly double[,] Kx = { { 1, 0.3, -0.2 }, { 0.3, 0.8, 0.1 }, { -0.2, 0.1, 1.2 } };

    private static double AlongY(double[,] k)
    {
        double s = 0, y2 = Y.Sum(v => v * v);
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) s += Y[a] * k[a, b] * Y[b];
        return s / y2;
    }

    private static (double Mean, double StdErr) Stats(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double m = a.Average();
        return (m, Math.Sqrt(a.Sum(x => (x - m) * (x - m)) / (a.Length - 1) / a.Length));
    }

    [Test]
    public void Deep_network_follows_the_derived_DMFT_and_rules_out_gradient_independence()
    {
        const int width = 250, seeds = 4;
        var problem = new LinearDmftProblem(Kx, Y, 3, 1.0);
        var options = new SaddlePointOptions { FinalTime = 1.2, Steps = 24 };
        var derived = DeepLinearSaddlePoint.Solve(problem, options).Trajectory;
        var gi = DeepLinearSaddlePoint.Solve(problem, options with { Variant = ResponseVariant.GradientIndependence }).Trajectory;
        int[] rows = [8, 16, 24];
        double[] times = [.. rows.Select(i => derived.Points[i].Time)];
        var net = new FiniteWidthLinearNetwork(problem, width);
        var runs = Enumerable.Range(1, seeds).AsParallel().Select(s => net.Train((ulong)s, times)).ToArray();
        for (int r = 0; r < rows.Length; r++)
        {
            var (km, ks) = Stats(runs.Select(x => AlongY(x.Points[r].Ntk)));
            var (lm, ls) = Stats(runs.Select(x => x.Points[r].Loss));
            double kd = AlongY(derived.Points[rows[r]].Ntk), ld = derived.Points[rows[r]].Loss;
            Assert.That(Math.Abs(km - kd), Is.LessThan(4 * ks + 3.0 / width * kd), $"yᵀKy/|y|² at t = {times[r]}: networks {km} ± {ks}, DMFT {kd}");
            Assert.That(Math.Abs(lm - ld), Is.LessThan(4 * ls + 3.0 / width * ld + 1e-3), $"loss at t = {times[r]}: networks {lm} ± {ls}, DMFT {ld}");
            double kgi = AlongY(gi.Points[rows[r]].Ntk);
            Assert.That(Math.Abs(km - kgi), Is.GreaterThan(6 * ks), $"gradient independence at t = {times[r]}: {kgi} vs networks {km} ± {ks}");
        }
    }

    [Test]
    public void Printed_gamma0_in_68_disagrees_with_networks_away_from_gamma0_1()
    {
        // The kernel's movement K(0.8) − K(0), paired per network, removes most of the initialization fluctuation.
        const int width = 300, seeds = 4;
        var problem = new LinearDmftProblem(Kx, Y, 3, 0.5);
        var options = new SaddlePointOptions { FinalTime = 0.8, Steps = 16 };
        double Moved(DmftTrajectory t) => AlongY(t.Final.Ntk) - AlongY(t.Points[0].Ntk);
        var derived = Moved(DeepLinearSaddlePoint.Solve(problem, options).Trajectory);
        var printed = Moved(DeepLinearSaddlePoint.Solve(problem, options with { Variant = ResponseVariant.PrintedGammaIn68 }).Trajectory);
        var net = new FiniteWidthLinearNetwork(problem, width);
        var (km, ks) = Stats(Enumerable.Range(1, seeds).AsParallel().Select(s => Moved(net.Train((ulong)s, [0, 0.8]))));
        Assert.That(Math.Abs(km - derived), Is.LessThan(4 * ks + 3.0 / width * derived), $"derived {derived}, networks {km} ± {ks}");
        Assert.That(Math.Abs(km - printed), Is.GreaterThan(6 * ks), $"printed (68) {printed}, networks {km} ± {ks}");
    }

    [Test]
    public void Two_layer_network_on_whitened_data_reaches_the_final_kernel_spike()
    {
        const int width = 400, seeds = 4;
        var problem = LinearDmftProblem.Whitened(Y, 1, 1.0);
        var runs = Enumerable.Range(1, seeds).AsParallel().Select(s => new FiniteWidthLinearNetwork(problem, width).Train((ulong)s, [4.0])).ToArray();
        double y2 = Y.Sum(v => v * v);
        var (hm, hs) = Stats(runs.Select(x => AlongY(x.Final.HiddenKernels![0])));
        double expected = new WhitenedTwoLayer(1, Math.Sqrt(y2)).FinalKernel;   // 1.7
        Assert.That(Math.Abs(hm - expected), Is.LessThan(4 * hs + 3.0 / width * expected), $"H_y(∞): networks {hm} ± {hs}, DMFT {expected}");
        Assert.That(Math.Abs(hm - 1), Is.GreaterThan(10 * hs), "the kernel moved");
    }
}
