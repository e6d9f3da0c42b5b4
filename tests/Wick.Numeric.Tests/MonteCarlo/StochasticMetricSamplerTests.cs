using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using Wick.Numeric.Mlp;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.MonteCarlo;

/// <summary>
/// The stochastic-metric sampler (4.69) against the full-matrix sampler (same law, independent draws), exact finite-width facts,
/// and the derived NLO metric (E[zz] = K + G1/n must be visible in the samples).
/// </summary>
public class StochasticMetricSamplerTests
{
    private static McJob Job(string? activation, string widths, double cw, double cb, NetworkInputs inputs, long samples, ulong seed, SamplerKind sampler = SamplerKind.StochasticMetric) =>
        new(new DeepLinearNetwork(WidthProfile.Parse(widths), cw, cb), inputs, 4, samples, seed, sampler, activation: activation is null ? null : Activation.Parse(activation));

    private static NetworkInputs Pair(int dim) => new([
        Enumerable.Range(0, dim).Select(j => j == 0 ? Math.Sqrt(dim) : 0.0).ToArray(),
        Enumerable.Range(0, dim).Select(j => j == 0 ? 0.5 * Math.Sqrt(dim) : j == 1 ? 0.9 * Math.Sqrt(dim) : 0.0).ToArray()]);

    [Test]
    public void Deterministic_for_a_seed_and_identical_across_thread_counts()
    {
        var job = Job("tanh", "5x3", 1.3, 0.2, Pair(4), 4000, 11);
        var one = McRunner.Run(job, null, 1);
        var two = McRunner.Run(job, null, 2);
        var again = McRunner.Run(job, null, 2);
        Assert.That(one.Count, Is.EqualTo(two.Count));
        for (int b = 0; b < one.Count; b++)
        {
            Assert.That(two[b].Sums, Is.EqualTo(one[b].Sums), $"block {b}");
            Assert.That(again[b].Sums, Is.EqualTo(one[b].Sums), $"block {b}");
        }
        // A different seed draws different networks.
        Assert.That(McRunner.Run(Job("tanh", "5x3", 1.3, 0.2, Pair(4), 4000, 12), null, 1)[0].Sums, Is.Not.EqualTo(one[0].Sums));
    }

    [TestCase("tanh", 1.6, 0.1)]
    [TestCase("relu", 2.0, 0.0)]
    [TestCase(null, 0.9, 0.3)]
    public void Agrees_with_the_full_matrix_sampler(string? activation, double cw, double cb)
    {
        // Same law, independent draws: every metric entry K̂ and four-point structure F̂ per layer agrees within 4.5σ of the difference.
        var inputs = Pair(5);
        var metric = new McResult(Job(activation, "6x3", cw, cb, inputs, 40_000, 1), McRunner.Run(Job(activation, "6x3", cw, cb, inputs, 40_000, 1)));
        var fullJob = Job(activation, "6x3", cw, cb, inputs, 40_000, 2, SamplerKind.FullMatrix);
        var full = new McResult(fullJob, McRunner.Run(fullJob));
        int compared = 0;
        for (int l = 0; l < 3; l++)
            foreach (var e in metric.Layers[l].Estimates)
            {
                var f = full.Layers[l][e.Name];
                double z = (e.Value - f.Value) / Math.Sqrt(e.StdErr * e.StdErr + f.StdErr * f.StdErr);
                Assert.That(Math.Abs(z), Is.LessThan(4.5), $"{e.Name} at layer {l + 1}: {e.Value} ± {e.StdErr} vs {f.Value} ± {f.StdErr}");
                compared++;
            }
        Assert.That(compared, Is.GreaterThanOrEqualTo(3 * (3 + 6)), "K (3) and F (6) per layer at least, besides the derived V");
    }

    [TestCase("relu", 2.0)]
    [TestCase("abs", 1.0)]
    public void Scale_invariant_four_point_ratio_has_the_exact_finite_width_factor(string name, double cw)
    {
        // |σ(z)|² = q Σ_j σ(u_j)²: G4/G2² is multiplied by exactly 1 + (⟨σ⁴⟩/⟨σ²⟩² − 1)/n_ℓ per hidden layer (no biases, one input).
        var sigma = Activation.Parse(name);
        var unit = KernelMatrix.Scalar(1);
        var s = BodyFactor.Sigma(0);
        double a2 = GaussianExpectations.Evaluate(GaussianBody.Of(s, s), sigma, unit).Value;
        double s4 = GaussianExpectations.Evaluate(GaussianBody.Of(s, s, s, s), sigma, unit).Value;
        var job = Job(name, "7,9,6,8", cw, 0, NetworkInputs.FromNorm(0.8, 5), 200_000, 5);
        var result = new McResult(job, McRunner.Run(job));
        double exact = 1;
        foreach (var layer in result.Layers)
        {
            var r = layer["G4/G2^2"];
            Assert.That(Math.Abs(r.ZScore(exact)), Is.LessThan(4.5), $"layer {layer.Layer}: {r.Value} ± {r.StdErr}, exact {exact}");
            exact *= 1 + (s4 / (a2 * a2) - 1) / layer.Width;
        }
    }

    [Test]
    public void The_NLO_metric_is_visible_in_the_samples()
    {
        // tanh at n = 8: E[zz] differs from the leading-order K by G1/n (a few per cent); the samples must see it.
        var tanh = Activation.Parse("tanh");
        var net = new DeepLinearNetwork(WidthProfile.Parse("8x4"), 1.8, 0.05);
        var inputs = NetworkInputs.FromNorm(1.2, 8);
        var theory = MlpEvaluator.Create(tanh, 1).Evaluate(net, inputs);
        var job = new McJob(net, inputs, 4, 200_000, 9, SamplerKind.StochasticMetric, activation: tanh);
        var mc = new McResult(job, McRunner.Run(job));
        var last = theory[^1];
        double lo = last.Kernel(0, 0), nlo = lo + last.NloMetric(0, 0) / last.PreviousWidth;
        var g2 = mc.Layers[^1]["G2"];
        Assert.That(Math.Abs(g2.ZScore(lo)), Is.GreaterThan(8), $"LO {lo} should be rejected: {g2.Value} ± {g2.StdErr}");
        double r = Math.Abs(nlo - lo) / lo, budget = 2 * (r * r + 1.0 / 64) * lo;
        Assert.That(Math.Abs(g2.Value - nlo), Is.LessThan(4 * g2.StdErr + budget), $"NLO {nlo}: {g2.Value} ± {g2.StdErr}");
        // Layer 2 is exact (layer 1 is Gaussian): no budget.
        var t2 = theory[1];
        Assert.That(Math.Abs(mc.Layers[1]["G2"].ZScore(t2.Kernel(0, 0))), Is.LessThan(4.5));
    }
}

/// <summary>The verdict rule of the mlp cross-check: z_max standard errors plus the stated O(1/n²) budget, tested rows only.</summary>
public class MlpCrossCheckRuleTests
{
    [TestCase(1.05, 0.01, 0.0, true)]    // 5σ off, no budget: fails
    [TestCase(1.05, 0.01, 0.02, false)]  // 5σ = 0.05 ≤ 4σ + budget = 0.06
    [TestCase(1.03, 0.01, 0.0, false)]
    public void Fails_beyond_z_limit_plus_budget(double mc, double err, double budget, bool fails)
    {
        var row = new Wick.Numeric.CrossChecks.MlpCrossCheckRow("G2", 3, 0.9, 1.0, budget, new McEstimate("G2", mc, err), true, null);
        Assert.That(row.Fails(4), Is.EqualTo(fails));
        Assert.That((row with { ZTested = false }).Fails(4), Is.False, "an untested (heavy-tailed) row never fails");
        Assert.That(row.ZLeading, Is.EqualTo((mc - 0.9) / err).Within(1e-12));
    }
}
