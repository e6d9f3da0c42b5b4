using Wick.Numeric.ClosedForms;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.MonteCarlo;

public class MonteCarloTests
{
    private static McJob SingleJob(string widths, long samples, ulong seed, SamplerKind kind = SamplerKind.FullMatrix, int points = 6) =>
        new(new DeepLinearNetwork(WidthProfile.Parse(widths), 1.0), NetworkInputs.FromNorm(1.0, 5), points, samples, seed, kind);

    [Test]
    public void Normal_variates_have_the_gaussian_moments()
    {
        var rng = Xoshiro.ForStream(42, 0);
        const int n = 2_000_000;
        double s1 = 0, s2 = 0, s4 = 0, s6 = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextNormal(), x2 = x * x;
            s1 += x; s2 += x2; s4 += x2 * x2; s6 += x2 * x2 * x2;
        }
        Assert.That(s1 / n, Is.EqualTo(0).Within(5 * Math.Sqrt(1.0 / n)));
        Assert.That(s2 / n, Is.EqualTo(1).Within(5 * Math.Sqrt(2.0 / n)));
        Assert.That(s4 / n, Is.EqualTo(3).Within(5 * Math.Sqrt(96.0 / n)));
        Assert.That(s6 / n, Is.EqualTo(15).Within(5 * Math.Sqrt((10395.0 - 225) / n)));
    }

    [Test]
    public void Chi_squared_variates_have_the_right_mean_and_variance([Values(1, 2, 5, 40)] int dof)
    {
        var rng = Xoshiro.ForStream(7, (ulong)dof);
        var g = GammaConstants.For(dof);
        const int n = 400_000;
        double s1 = 0, s2 = 0;
        for (int i = 0; i < n; i++) { double x = g.Sample(ref rng); s1 += x; s2 += x * x; }
        double mean = s1 / n, variance = s2 / n - mean * mean;
        Assert.That(mean, Is.EqualTo(dof).Within(5 * Math.Sqrt(2.0 * dof / n)));
        Assert.That(variance, Is.EqualTo(2.0 * dof).Within(0.05 * 2 * dof));
    }

    [Test]
    public void Full_matrix_estimates_agree_with_the_exact_values_within_z_4([Values(1UL, 2UL)] ulong seed)
    {
        var job = SingleJob("4,6,3", 60_000, seed);
        var result = new McResult(job, McRunner.Run(job));
        var w = job.Network.Widths;
        foreach (var layer in result.Layers)
            for (int m = 1; m <= 3; m++)
            {
                var e = layer[$"G{2 * m}"];
                double z = e.ZScore(DeepLinearClosedForms.G(m, layer.Layer, w, 1, 1));
                Assert.That(Math.Abs(z), Is.LessThan(4), $"G{2 * m} layer {layer.Layer}: {e.Value} ± {e.StdErr}");
            }
    }

    [Test]
    public void The_test_has_power_wrong_width_factors_are_rejected()
    {
        // Dropping the 8/n^2 of c_6 (3.42), or halving the 2/n of c_4 (3.24), is detected at z > 4.
        var job = SingleJob("3,3", 400_000, 5, SamplerKind.ChiSquaredChain);
        var result = new McResult(job, McRunner.Run(job));
        var g6 = result.Layers[1]["G6"];
        var g4 = result.Layers[1]["G4"];
        Assert.That(Math.Abs(g6.ZScore(DeepLinearClosedForms.G(3, 2, job.Network.Widths, 1, 1))), Is.LessThan(4));
        Assert.That(Math.Abs(g4.ZScore(DeepLinearClosedForms.G(2, 2, job.Network.Widths, 1, 1))), Is.LessThan(4));
        Assert.That(Math.Abs(g6.ZScore(1 + 6 / 3.0)), Is.GreaterThan(4));
        Assert.That(Math.Abs(g4.ZScore(1 + 1 / 3.0)), Is.GreaterThan(4));
    }

    [Test]
    public void Multi_input_metric_and_four_point_agree_with_the_closed_form()
    {
        var inputs = new NetworkInputs([new[] { 1.0, 0.0, 0.5 }, new[] { 0.3, 1.0, -0.4 }]);
        var w = WidthProfile.Parse("5,4,6");
        var job = new McJob(new DeepLinearNetwork(w, 1.2), inputs, 4, 60_000, 3);
        var result = new McResult(job, McRunner.Run(job));
        foreach (var layer in result.Layers)
            foreach (var (a, b, c, d) in job.Observables.Quads)
            {
                var f = layer[$"F[({a + 1},{b + 1})({c + 1},{d + 1})]"];
                double z = f.ZScore(DeepLinearClosedForms.FourPoint(layer.Layer, w, 1.2, inputs.Gram, a, b, c, d));
                Assert.That(Math.Abs(z), Is.LessThan(4), $"F({a}{b})({c}{d}) at layer {layer.Layer}");
                var k = layer[$"K[{a + 1},{b + 1}]"];
                Assert.That(Math.Abs(k.ZScore(DeepLinearClosedForms.Metric(layer.Layer, 1.2, inputs.Gram(a, b)))), Is.LessThan(4));
            }
    }

    [Test]
    public void Shards_merged_in_any_order_are_bit_equal_to_the_one_shot_run()
    {
        var job = SingleJob("6x4", 5_000, 11);
        var one = new McResult(job, McRunner.Run(job));
        var parts = Enumerable.Range(1, 3).Select(k => new McResult(job, McRunner.Run(job, (k, 3)))).Reverse().ToArray();
        var merged = McResult.Merge(parts);
        Assert.That(merged.Complete, Is.True);
        AssertBitEqual(one, merged);
        Assert.Throws<ArgumentException>(() => McResult.Merge([parts[0], parts[0]]));
    }

    [Test]
    public void Shards_round_trip_through_json_bit_exactly()
    {
        var job = SingleJob("6x4", 3_000, 12);
        var one = new McResult(job, McRunner.Run(job));
        var opts = new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var parts = new[] { 1, 2 }.Select(k =>
        {
            string json = System.Text.Json.JsonSerializer.Serialize(new McResult(job, McRunner.Run(job, (k, 2))).ToJsonModel($"{k}/2"), opts);
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return McResult.FromJson(doc.RootElement, $"shard {k}");
        }).ToArray();
        AssertBitEqual(one, McResult.Merge(parts));
    }

    [Test]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var job = SingleJob("7x5", 4_000, 13);
        var serial = new McResult(job, McRunner.Run(job, maxDegreeOfParallelism: 1));
        var parallel = new McResult(job, McRunner.Run(job, maxDegreeOfParallelism: 2));
        AssertBitEqual(serial, parallel);
        var again = new McResult(job, McRunner.Run(job, maxDegreeOfParallelism: 3));
        AssertBitEqual(serial, again);
    }

    [Test]
    public void Different_seeds_give_different_samples()
    {
        var a = new McResult(SingleJob("4x2", 1000, 1), McRunner.Run(SingleJob("4x2", 1000, 1)));
        var b = new McResult(SingleJob("4x2", 1000, 2), McRunner.Run(SingleJob("4x2", 1000, 2)));
        Assert.That(a.Layers[1]["G2"].Value, Is.Not.EqualTo(b.Layers[1]["G2"].Value));
    }

    [Test]
    public void Chi_squared_chain_agrees_with_the_full_matrix_sampler([Values(0.0, 0.3)] double cb)
    {
        // Same law, two samplers: the difference of the estimates is compatible with zero. Biases too (no closed form needed).
        var net = new DeepLinearNetwork(WidthProfile.Parse("5,3,4,6"), 0.9, cb);
        var full = new McJob(net, NetworkInputs.FromNorm(1.5, 4), 4, 80_000, 21);
        var fast = new McJob(net, NetworkInputs.FromNorm(1.5, 4), 4, 400_000, 22, SamplerKind.ChiSquaredChain);
        var a = new McResult(full, McRunner.Run(full));
        var b = new McResult(fast, McRunner.Run(fast));
        for (int l = 0; l < net.Depth; l++)
            foreach (var name in new[] { "G2", "G4", "G4/G2^2" })
            {
                var x = a.Layers[l][name];
                var y = b.Layers[l][name];
                double z = (x.Value - y.Value) / Math.Sqrt(x.StdErr * x.StdErr + y.StdErr * y.StdErr);
                Assert.That(Math.Abs(z), Is.LessThan(4), $"{name} at layer {l + 1}: full {x.Value} ± {x.StdErr}, chi2 {y.Value} ± {y.StdErr}");
            }
        // and the fast sampler is a real estimate: its error shrinks like 1/sqrt(N) and is smaller than the full one per sample
        Assert.That(b.Layers[3]["G4"].StdErr, Is.LessThan(a.Layers[3]["G4"].StdErr));
    }

    [Test]
    public void Bad_jobs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SingleJob("4", 1, 1));
        Assert.Throws<ArgumentException>(() => SingleJob("4", 100, 1, points: 5));
        Assert.Throws<ArgumentException>(() => SingleJob("4", 100, 1).ShardBlocks(3, 2));
        Assert.Throws<ArgumentException>(() => SingleJob("4", 10, 1).ShardBlocks(1, 11));
        Assert.Throws<ArgumentException>(() => new McJob(new DeepLinearNetwork(WidthProfile.Parse("4"), -1), NetworkInputs.FromNorm(1, 2), 4, 10, 1));
        Assert.Throws<FormatException>(() => WidthProfile.Parse("8x"));
        Assert.Throws<FormatException>(() => WidthProfile.Parse("-3"));
        Assert.Throws<FormatException>(() => WidthProfile.Parse("8,,8"));
        Assert.That(WidthProfile.Parse("16,8x3,4").Widths, Is.EqualTo(new[] { 16, 8, 8, 8, 4 }));
        Assert.That(WidthProfile.Parse("16,8x3,4").ToString(), Is.EqualTo("16,8x3,4"));
    }

    private static void AssertBitEqual(McResult a, McResult b)
    {
        Assert.That(b.Blocks, Has.Count.EqualTo(a.Blocks.Count));
        for (int i = 0; i < a.Blocks.Count; i++)
            Assert.That(b.Blocks[i].Sums.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(a.Blocks[i].Sums.Select(BitConverter.DoubleToInt64Bits)));
        for (int l = 0; l < a.Layers.Count; l++)
            for (int q = 0; q < a.Layers[l].Estimates.Count; q++)
            {
                Assert.That(BitConverter.DoubleToInt64Bits(b.Layers[l].Estimates[q].Value), Is.EqualTo(BitConverter.DoubleToInt64Bits(a.Layers[l].Estimates[q].Value)));
                Assert.That(BitConverter.DoubleToInt64Bits(b.Layers[l].Estimates[q].StdErr), Is.EqualTo(BitConverter.DoubleToInt64Bits(a.Layers[l].Estimates[q].StdErr)));
            }
    }
}

public class NetworkInputsTests
{
    [Test]
    public void Inputs_realise_a_prescribed_gram_matrix()
    {
        double[][] g = [[2.0, 0.3, -0.5], [0.3, 1.0, 0.2], [-0.5, 0.2, 0.7]];
        var inputs = NetworkInputs.FromGram(g, 5);
        Assert.That(inputs.Count, Is.EqualTo(3));
        Assert.That(inputs.Dimension, Is.EqualTo(5));
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.That(inputs.Gram(a, b), Is.EqualTo(g[a][b]).Within(1e-14));
        Assert.Throws<ArgumentException>(() => NetworkInputs.FromGram([[1.0, 2.0], [2.0, 1.0]], 2)); // not PSD
        Assert.Throws<ArgumentException>(() => NetworkInputs.FromGram([[1.0, 0.1], [0.2, 1.0]], 2)); // not symmetric
        Assert.Throws<ArgumentException>(() => NetworkInputs.FromGram(g, 2));                       // n_0 < k
    }
}
