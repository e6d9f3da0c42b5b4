using Wick.Numeric.Activations;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.MonteCarlo;

/// <summary>
/// The samplers' SIMD kernels (<see cref="SamplerKernels"/>, <see cref="PairMoments"/>) against their scalar reference twins
/// bit for bit; the samplers against the independent C reference (benchmarks/peers/c/samplers.c) bit for bit; the
/// vectorised four-input estimators against the closed forms with z-score bounds.
/// </summary>
public class SamplerKernelTests
{
    private static double[] Normals(ulong stream, int count)
    {
        var rng = Xoshiro.ForStream(77, stream);
        var x = new double[count];
        rng.FillNormals(x);
        return x;
    }

    [Test]
    public void Dot4_vector_path_equals_the_scalar_path_bit_for_bit([Range(0, 37)] int length)
    {
        var a = Normals(1, length);
        var b = Normals(2, length + 3);   // longer second operand: only its first length entries are read
        double scalar = SamplerKernels.Dot4Scalar(a, b), vector = SamplerKernels.Dot4Vector(a, b);
        Assert.That(BitConverter.DoubleToInt64Bits(vector), Is.EqualTo(BitConverter.DoubleToInt64Bits(scalar)));
        // and it is the dot product (to rounding)
        double plain = 0;
        for (int j = 0; j < length; j++) plain += a[j] * b[j];
        Assert.That(scalar, Is.EqualTo(plain).Within(1e-12 * (1 + length)));
    }

    [Test]
    public void AddScaled_vector_path_equals_the_scalar_path_bit_for_bit([Range(1, 13)] int k)
    {
        var x = Normals(3, k);
        var s = Normals(4, k);
        var v = (double[])s.Clone();
        SamplerKernels.AddScaledScalar(s, 0.37, x);
        SamplerKernels.AddScaledVector(v, 0.37, x);
        Assert.That(v, Is.EqualTo(s));
        Assert.That(s[0], Is.Not.EqualTo(Normals(4, k)[0]), "the accumulator changed");
    }

    [TestCase(1, 7)]
    [TestCase(2, 100)]
    [TestCase(3, 33)]
    [TestCase(4, 100)]
    [TestCase(6, 17)]
    [TestCase(8, 5)]
    public void PairMoments_vector_path_equals_the_scalar_path_bit_for_bit(int k, int n)
    {
        var z = Normals((ulong)(10 * k + n), n * k);
        var pm = new PairMoments(k, n + 4);
        int pairs = k * (k + 1) / 2, quads = pairs * (pairs + 1) / 2;
        double[] s1 = new double[pairs], s2 = new double[pairs], d1 = new double[quads], d2 = new double[quads];
        pm.ComputeScalar(z, n, s1, d1);
        pm.ComputeVector(z, n, s2, d2);
        Assert.That(s2, Is.EqualTo(s1));
        Assert.That(d2, Is.EqualTo(d1));
        // an independent check of one entry of each: S_{(0,k-1)} and D_{(0,0)(k-1,k-1)}
        double s = 0, d = 0;
        for (int i = 0; i < n; i++)
        {
            s += z[i * k] * z[i * k + k - 1];
            d += z[i * k] * z[i * k] * z[i * k + k - 1] * z[i * k + k - 1];
        }
        Assert.That(s1[k - 1], Is.EqualTo(s).Within(1e-12 * n));
        Assert.That(d1[pairs - 1], Is.EqualTo(d).Within(1e-11 * n));
    }

    [TestCase("tanh")]
    [TestCase("relu")]
    [TestCase("swish")]
    [TestCase("sin")]
    [TestCase("leaky_relu:0.1")]
    public void LayerActivation_equals_the_compiled_sigma_bit_for_bit(string name)
    {
        // σ = tanh is the samplers' own tanh (SamplerTanh, tested against Math.Tanh in SamplerTanhTests): its bits here,
        // and within SamplerTanh.MaxUlpError ulp of the compiled σ; every other σ gives the compiled σ's bits.
        var activation = Activation.Parse(name);
        var z = Normals(9, 301).Select(x => 3 * x).Append(0.0).Append(-0.0).ToArray();
        var s = new double[z.Length + 2];
        new LayerActivation(activation).Apply(z, s);
        var sigma = activation.Compiled(0);
        Func<double, double> expected = name == "tanh" ? SamplerTanh.Tanh : sigma;
        for (int i = 0; i < z.Length; i++)
        {
            Assert.That(BitConverter.DoubleToInt64Bits(s[i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected(z[i]))), $"σ({z[i]})");
            Assert.That(Math.Abs(BitConverter.DoubleToInt64Bits(s[i]) - BitConverter.DoubleToInt64Bits(sigma(z[i]))),
                Is.LessThanOrEqualTo(name == "tanh" ? SamplerTanh.MaxUlpError : 0), $"σ({z[i]}) against the compiled σ");
        }
        Assert.That(s[^1], Is.EqualTo(0), "nothing written past the layer");
    }

    /// <summary>
    /// The first sums and the last sum printed by benchmarks/peers/c/samplers.c (gcc, -ffp-contract=off) for the stream
    /// (seed 1, stream 0): an independent implementation of the same generator, ziggurat, χ², tanh (SamplerTanh's
    /// algorithm) and layer algebra, so equality pins the stream and the summation order of Wick's samplers
    /// (benchmarks/peers/c/samplers.sh checks all sums at any size). The last sums are those of the deepest layer, after
    /// nine layers of tanh (regenerated from the C program when the samplers' tanh replaced Math.Tanh).
    /// </summary>
    [TestCase("full", 2, new[] { 1.9738854780285848, 1.8380138129165107, 1.5343797188168788 }, 2.596593721387989)]
    [TestCase("tanh", 2, new[] { 1.9738854780285848, 1.8380138129165107, 0.7928830038530743 }, 0.006100162202633729)]
    [TestCase("chi2", 1000, new[] { 1006.2145450816167, 1012.5617086759914, 1019.086187869897 }, 1842.9004995516577)]
    [TestCase("metric1", 20, new[] { 19.831983950972, 19.591734989807293, 8.045970798314428 }, 0.07918985402229492)]
    [TestCase("metric4", 3, new[] { 2.3948526511189874, 1.1670447925440404, 1.1361501807156988 }, 0.01320287390575971)]
    public void Samplers_reproduce_the_C_reference_bit_for_bit(string kind, long networks, double[] firstSums, double lastSum)
    {
        var net = new DeepLinearNetwork(WidthProfile.Uniform(100, 10));
        var one = NetworkInputs.FromNorm(1, 100);
        var tanh = Activation.Parse("tanh");
        var gram = Enumerable.Range(0, 4).Select(a => (IReadOnlyList<double>)Enumerable.Range(0, 4).Select(b => a == b ? 1.0 : 0.5).ToArray()).ToArray();
        var job = kind switch
        {
            "full" => new McJob(net, one, 6, networks, 1),
            "tanh" => new McJob(net, one, 4, networks, 1, SamplerKind.FullMatrix, activation: tanh),
            "chi2" => new McJob(net, one, 6, networks, 1, SamplerKind.ChiSquaredChain),
            "metric1" => new McJob(net, one, 4, networks, 1, SamplerKind.StochasticMetric, activation: tanh),
            _ => new McJob(net, NetworkInputs.FromGram(gram, 100), 4, networks, 1, SamplerKind.StochasticMetric, activation: tanh),
        };
        var sums = new double[net.Depth * job.Observables.PerLayer];
        var rng = Xoshiro.ForStream(1, 0);
        job.CreateSampler().SampleAndAddMany(ref rng, networks, sums);
        Assert.That(sums.Take(firstSums.Length), Is.EqualTo(firstSums));
        Assert.That(BitConverter.DoubleToInt64Bits(sums[^1]), Is.EqualTo(BitConverter.DoubleToInt64Bits(lastSum)), $"last sum {sums[^1]:R}");
    }

    [Test]
    public void Four_input_stochastic_metric_estimates_agree_with_the_closed_forms()
    {
        // Deep linear, four inputs: the vectorised pair sums (metric and estimator) against K^{(ℓ)} and F^{(ℓ)} in closed form.
        var gram = new[] { new[] { 1.0, 0.5, 0.2, -0.3 }, new[] { 0.5, 1.2, 0.4, 0.1 }, new[] { 0.2, 0.4, 0.9, 0.3 }, new[] { -0.3, 0.1, 0.3, 1.1 } };
        var inputs = NetworkInputs.FromGram(gram, 6);
        var w = WidthProfile.Parse("5,4,6");
        var job = new McJob(new DeepLinearNetwork(w, 1.2), inputs, 4, 40_000, 3, SamplerKind.StochasticMetric);
        var result = new McResult(job, McRunner.Run(job));
        int checkedCount = 0;
        foreach (var layer in result.Layers)
            foreach (var (a, b, c, d) in job.Observables.Quads)
            {
                var f = layer[Observables.FName(a, b, c, d)];
                Assert.That(Math.Abs(f.ZScore(DeepLinearClosedForms.FourPoint(layer.Layer, w, 1.2, inputs.Gram, a, b, c, d))), Is.LessThan(4.5),
                    $"F({a}{b})({c}{d}) at layer {layer.Layer}");
                var k = layer[Observables.KName(a, b)];
                Assert.That(Math.Abs(k.ZScore(DeepLinearClosedForms.Metric(layer.Layer, 1.2, inputs.Gram(a, b)))), Is.LessThan(4.5));
                checkedCount++;
            }
        Assert.That(checkedCount, Is.EqualTo(3 * 55));
    }
}
