using Wick.Numeric.CrossChecks;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.Evaluation;

public class CrossCheckTests
{
    [Test]
    public void A_small_cross_check_agrees_and_tests_most_rows()
    {
        var net = new DeepLinearNetwork(WidthProfile.Parse("6x4"));
        var report = DeepLinearCrossCheck.Run(net, NetworkInputs.FromNorm(1, 6), DeepLinearCrossCheck.DefaultPair(6), 8, 200_000, 40_000, 3);
        Assert.That(report.Agrees, Is.True, string.Join("\n", report.Failures));
        Assert.That(report.Rows.Count(r => r.ZTested), Is.GreaterThan(report.Rows.Count / 2));
        Assert.That(report.Rows.Where(r => r.ClosedForm is not null).Max(r => r.RelativeDifference), Is.LessThan(1e-12));
    }

    [Test]
    public void The_verdict_fails_when_monte_carlo_disagrees()
    {
        var row = new CrossCheckRow("G4", 2, 1.5, 1.5, new McEstimate("G4", 1.0, 0.01), ZTested: true, null);
        var report = new CrossCheckReport([row], 4, 1e-10, 100, 0, 1);
        Assert.That(report.Agrees, Is.False);
        var untested = row with { ZTested = false };
        Assert.That(new CrossCheckReport([untested], 4, 1e-10, 100, 0, 1).Agrees, Is.True);
        var closedFormOff = row with { ClosedForm = 1.5 * (1 + 1e-9), MonteCarlo = new McEstimate("G4", 1.5, 0.01) };
        Assert.That(new CrossCheckReport([closedFormOff], 4, 1e-10, 100, 0, 1).Agrees, Is.False);
    }

    [Test]
    public void Predicted_estimator_moments_match_simulation()
    {
        // The exact relative variance of the neural-averaged estimator vs the sample variance of real networks.
        var w = WidthProfile.Parse("3,5,4");
        var job = new McJob(new DeepLinearNetwork(w), NetworkInputs.FromNorm(1, 3), 4, 200_000, 17);
        var sampler = job.CreateSampler();
        var est = new double[w.Depth * 2];
        var rng = Xoshiro.ForStream(17, 0);
        double s1 = 0, s2 = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            sampler.Sample(ref rng, est);
            double x = est[2 * 2 + 1]; // G4 at layer 3
            s1 += x; s2 += x * x;
        }
        double mean = s1 / n, relVar = (s2 / n - mean * mean) / (mean * mean);
        double predicted = EstimatorTails.RelativeVariance(2, 3, w);
        Assert.That(relVar, Is.EqualTo(predicted).Within(10).Percent);
        // and the first moment is G4 itself (the estimator is unbiased)
        Assert.That(Math.Exp(EstimatorTails.LogRawMoment(1, 2, 3, w, 1, 1)), Is.EqualTo(Wick.Numeric.ClosedForms.DeepLinearClosedForms.G(2, 3, w, 1, 1)).Within(1e-12));
    }

    [Test]
    public void The_heavy_tail_criterion_separates_shallow_from_deep_high_orders()
    {
        var w = WidthProfile.Parse("6x8");
        // the first layer is Gaussian: z_i^2 averages are light-tailed at every order
        Assert.That(EstimatorTails.SkewnessOfMean(4, 1, w, 1_000_000), Is.LessThan(DeepLinearCrossCheck.MaxSkewnessOfMean));
        // G_8 eight layers deep at width 6 is dominated by rare networks: no z-test is honest at 10^6 samples
        Assert.That(EstimatorTails.SkewnessOfMean(4, 8, w, 1_000_000), Is.GreaterThan(1e3));
        // and the skewness grows with depth
        for (int l = 2; l <= 8; l++)
            Assert.That(EstimatorTails.Skewness(3, l, w), Is.GreaterThan(EstimatorTails.Skewness(3, l - 1, w)));
    }
}
