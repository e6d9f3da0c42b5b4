using BenchmarkDotNet.Attributes;
using Wick.Numeric.Activations;
using Wick.Numeric.Mlp;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Benchmarks;

/// <summary>
/// Issue 11, real nonlinear networks: the tanh full-matrix sampler at n = 100, 10 layers (peer: benchmarks/peers/numpy/sampler.py
/// act=tanh), the stochastic-metric sampler (4.69) per network of n = 100 × 10 layers, i.e. 1,000 neuron-layer steps (peer:
/// benchmarks/peers/numpy/stochastic_metric.py), one core; and <c>eval --model mlp</c> (the derived recursions) for tanh with
/// N_D = 2, 4, 8 inputs, all K, G1 and V components per layer.
/// </summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    /// <summary>Networks per invocation of the full-matrix benchmark.</summary>
    public const int FullNetworksPerOp = 100;

    /// <summary>Networks per invocation of the stochastic-metric benchmark.</summary>
    public const int MetricNetworksPerOp = 2_000;

    private INetworkSampler _full = null!, _metric = null!, _metric4 = null!;
    private double[] _estimates = null!, _estimates4 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tanh = Activation.Parse("tanh");
        var net = new DeepLinearNetwork(WidthProfile.Uniform(100, 10));
        var one = NetworkInputs.FromNorm(1, 100);
        var job = new McJob(net, one, 4, FullNetworksPerOp, 1, SamplerKind.FullMatrix, activation: tanh);
        _full = job.CreateSampler();
        _estimates = new double[10 * job.Observables.PerLayer];
        var metricJob = new McJob(net, one, 4, MetricNetworksPerOp, 1, SamplerKind.StochasticMetric, activation: tanh);
        _metric = metricJob.CreateSampler();
        var four = Gram(4, 100);
        var metricJob4 = new McJob(net, four, 4, MetricNetworksPerOp, 1, SamplerKind.StochasticMetric, activation: tanh);
        _metric4 = metricJob4.CreateSampler();
        _estimates4 = new double[10 * metricJob4.Observables.PerLayer];
    }

    /// <summary>Inputs with unit norm and pairwise overlap ½ (realised as vectors of dimension n_0).</summary>
    internal static NetworkInputs Gram(int k, int dimension)
    {
        var g = Enumerable.Range(0, k).Select(a => (IReadOnlyList<double>)Enumerable.Range(0, k).Select(b => a == b ? 1.0 : 0.5).ToArray()).ToArray();
        return NetworkInputs.FromGram(g, dimension);
    }

    /// <summary>Full-matrix tanh sampler, one core: 100 networks of 10 layers of width 100.</summary>
    [Benchmark(OperationsPerInvoke = FullNetworksPerOp)]
    public double TanhFullMatrix_n100_L10_perNetwork_oneCore()
    {
        var rng = Xoshiro.ForStream(1, 0);
        double s = 0;
        for (int i = 0; i < FullNetworksPerOp; i++) { _full.Sample(ref rng, _estimates); s += _estimates[^1]; }
        return s;
    }

    /// <summary>Stochastic-metric tanh sampler, one input, one core: per network of 1,000 neuron-layer steps.</summary>
    [Benchmark(OperationsPerInvoke = MetricNetworksPerOp)]
    public double TanhStochasticMetric_n100_L10_1input_perNetwork_oneCore()
    {
        var rng = Xoshiro.ForStream(1, 0);
        double s = 0;
        for (int i = 0; i < MetricNetworksPerOp; i++) { _metric.Sample(ref rng, _estimates); s += _estimates[^1]; }
        return s;
    }

    /// <summary>The same with 4 inputs (the metric is 4 × 4).</summary>
    [Benchmark(OperationsPerInvoke = MetricNetworksPerOp)]
    public double TanhStochasticMetric_n100_L10_4inputs_perNetwork_oneCore()
    {
        var rng = Xoshiro.ForStream(1, 0);
        double s = 0;
        for (int i = 0; i < MetricNetworksPerOp; i++) { _metric4.Sample(ref rng, _estimates4); s += _estimates4[0]; }
        return s;
    }
}

/// <summary>
/// <c>eval --model mlp</c>: the engine's derived recursions (4.118), (4.115), (4.119) evaluated through <see cref="Layers"/> layers
/// of width 100 for N_D tanh inputs with unit norm and overlap ½ — all K, G1 and V components, the ⟨σσσσ⟩ at every distinct
/// quadruple of inputs (4-D trapezoidal rule to 1e-8: these dominate). The symbolic instantiation and compilation is in the
/// setup; the per-layer cost is constant, so 100 layers cost 10 × this.
/// </summary>
[MemoryDiagnoser]
public class MlpEvalBenchmarks
{
    private MlpEvaluator _evaluator = null!;
    private int[] _widths = null!;

    [Params(2, 4, 8)]
    public int Inputs { get; set; }

    /// <summary>Layers evaluated per call.</summary>
    public const int Layers = 10;

    [GlobalSetup]
    public void Setup()
    {
        _evaluator = MlpEvaluator.Create(Activation.Parse("tanh"), Inputs, 1e-8);
        _widths = [100, .. Enumerable.Repeat(100, Layers)];
    }

    [Benchmark]
    public int TanhEval_10_layers() => _evaluator.Evaluate(_widths, 1, 0, (a, b) => a == b ? 1 : 0.5).Count;
}
