using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.MonteCarlo;

/// <summary>Monte Carlo of real nonlinear networks (the full-matrix sampler with σ) against exact and leading-order facts.</summary>
public class MlpMonteCarloTests
{
    private static McJob Job(string activation, string widths, double cw, double cb, NetworkInputs inputs, long samples, ulong seed, int points = 4) =>
        new(new DeepLinearNetwork(WidthProfile.Parse(widths), cw, cb), inputs, points, samples, seed, SamplerKind.FullMatrix, activation: Activation.Parse(activation));

    /// <summary>
    /// For scale-invariant σ without biases and one input, |σ(z^{(ℓ)})|² = q_ℓ Σ_j σ(u_j)² with u_j i.i.d. N(0, 1)
    /// independent of q_ℓ, so G4/G2² is multiplied by exactly 1 + (⟨σ⁴⟩/⟨σ²⟩² − 1)/n_ℓ = 1 + (3A₄/A₂² − 1)/n_ℓ per
    /// hidden layer (A₂, A₄ as in (5.60); the ratio is 1 in the first layer).
    /// </summary>
    private static double RatioFactor(Activation sigma, int n)
    {
        var one = KernelMatrix.Scalar(1);
        var s = BodyFactor.Sigma(0);
        double a2 = GaussianExpectations.Evaluate(GaussianBody.Of(s, s), sigma, one).Value;
        double sigma4 = GaussianExpectations.Evaluate(GaussianBody.Of(s, s, s, s), sigma, one).Value; // = 3 A₄
        return 1 + (sigma4 / (a2 * a2) - 1) / n;
    }

    [TestCase("relu", 2.0, 5.0)]
    [TestCase("leaky_relu:-0.5", 1.0, 3.08)] // 3 (1 + a⁴)/2 / ((1 + a²)/2)² − 1
    public void Scale_invariant_four_point_ratio_grows_by_the_exact_finite_width_factor(string name, double cw, double expectedConstant)
    {
        var sigma = Activation.Parse(name);
        const int n = 10;
        Assert.That((RatioFactor(sigma, n) - 1) * n, Is.EqualTo(expectedConstant).Within(1e-12), "3A₄/A₂² − 1 from the Gaussian code");
        var job = Job(name, "10x3", cw, 0, NetworkInputs.FromNorm(1.3, 10), 150_000, 3);
        var result = new McResult(job, McRunner.Run(job));
        double exact = 1, wrong = 1;
        foreach (var layer in result.Layers)
        {
            var r = layer["G4/G2^2"];
            Assert.That(Math.Abs(r.ZScore(exact)), Is.LessThan(4.5), $"layer {layer.Layer}: {r.Value} ± {r.StdErr}, exact {exact}");
            if (layer.Layer > 1)
                Assert.That(Math.Abs(r.ZScore(wrong)), Is.GreaterThan(4.5), $"layer {layer.Layer}: the deep-linear factor 1 + 2/n must be rejected");
            exact *= RatioFactor(sigma, layer.Width);
            wrong *= 1 + 2.0 / layer.Width;
        }
    }

    [Test]
    public void Wide_tanh_network_follows_the_leading_order_kernel_recursion()
    {
        // K^{(1)} = C_b + C_W G^{(0)} exactly; K^{(ℓ+1)} = C_b + C_W ⟨σσ⟩_{K^{(ℓ)}} (4.118) up to O(1/n): budget 2K/n.
        var tanh = Activation.Parse("tanh");
        double cw = 1.5, cb = 0.1;
        const int n = 96;
        var x1 = Enumerable.Range(0, n).Select(j => j == 0 ? Math.Sqrt(n) : 0.0).ToArray();
        var x2 = Enumerable.Range(0, n).Select(j => j == 0 ? 0.6 * Math.Sqrt(n) : j == 1 ? 0.8 * Math.Sqrt(2 * n) : 0.0).ToArray();
        var inputs = new NetworkInputs([x1, x2]);
        var job = Job("tanh", $"{n}x3", cw, cb, inputs, 3000, 8);
        var result = new McResult(job, McRunner.Run(job));
        var k = new double[2, 2];
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++) k[a, b] = cb + cw * inputs.Gram(a, b);
        foreach (var layer in result.Layers)
        {
            double budget = layer.Layer == 1 ? 0 : 2.0 / n;
            foreach (var (a, b) in new[] { (0, 0), (0, 1), (1, 1) })
            {
                var e = layer[Observables.KName(a, b)];
                Assert.That(Math.Abs(e.Value - k[a, b]), Is.LessThan(5 * e.StdErr + budget * Math.Abs(k[a, b])),
                    $"layer {layer.Layer} K[{a + 1},{b + 1}]: MC {e.Value} ± {e.StdErr}, recursion {k[a, b]}");
            }
            var km = new KernelMatrix(k);
            var next = new double[2, 2];
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                    next[a, b] = cb + cw * GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Sigma(a), BodyFactor.Sigma(b)), tanh, km).Value;
            k = next;
        }
    }

    [Test]
    public void Mlp_runs_are_deterministic_across_threads_and_shards()
    {
        var job = Job("tanh", "7,5,6", 1.2, 0.3, NetworkInputs.FromNorm(0.8, 4), 3000, 21);
        var one = McRunner.Run(job, maxDegreeOfParallelism: 1);
        var two = McRunner.Run(job, maxDegreeOfParallelism: 2);
        Assert.That(two.Select(b => b.Sums), Is.EqualTo(one.Select(b => b.Sums)));
        var merged = McResult.Merge([new McResult(job, McRunner.Run(job, (1, 3))), new McResult(job, McRunner.Run(job, (3, 3))), new McResult(job, McRunner.Run(job, (2, 3)))]);
        Assert.That(merged.Layers.SelectMany(l => l.Estimates.Select(e => e.Value)),
            Is.EqualTo(new McResult(job, one).Layers.SelectMany(l => l.Estimates.Select(e => e.Value))));
        // The activation is part of the job: a tanh shard does not merge with a relu one.
        var relu = Job("relu", "7,5,6", 1.2, 0.3, NetworkInputs.FromNorm(0.8, 4), 3000, 21);
        Assert.Throws<ArgumentException>(() => McResult.Merge([new McResult(job, McRunner.Run(job, (1, 2))), new McResult(relu, McRunner.Run(relu, (2, 2)))]));
    }

    [Test]
    public void Linear_activation_draws_exactly_the_deep_linear_network()
    {
        var net = new DeepLinearNetwork(WidthProfile.Parse("5,4"), 1.1, 0.2);
        var inputs = NetworkInputs.FromNorm(1.0, 3);
        var plain = McRunner.Run(new McJob(net, inputs, 4, 500, 2));
        var linear = McRunner.Run(new McJob(net, inputs, 4, 500, 2, SamplerKind.FullMatrix, activation: Activation.Parse("linear")));
        Assert.That(linear.Select(b => b.Sums), Is.EqualTo(plain.Select(b => b.Sums)));
    }

    [Test]
    public void Chi_squared_chain_refuses_an_activation() =>
        Assert.Throws<ArgumentException>(() => _ = new McJob(new DeepLinearNetwork(WidthProfile.Parse("4x2")), NetworkInputs.FromNorm(1, 4), 4, 100, 1,
            SamplerKind.ChiSquaredChain, activation: Activation.Parse("relu")));
}
