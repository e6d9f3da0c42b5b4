using BenchmarkDotNet.Attributes;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.Evaluation;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Benchmarks;

/// <summary>
/// Numeric backend throughput. Samplers: one input, 10 layers; report networks/s = NetworksPerOp / mean time.
/// The full-matrix case (n = 100) is compared with benchmarks/peers/numpy (same work, run in the same session).
/// </summary>
[MemoryDiagnoser]
public class NumericBenchmarks
{
    private McJob _full = null!, _chi = null!, _full8 = null!;
    private INetworkSampler _fullSampler = null!, _chiSampler = null!;
    private double[] _estimates = null!, _chiEstimates = null!;
    private DeepLinearEvaluator _evaluator = null!;
    private DeepLinearNetwork _net10 = null!;

    /// <summary>Networks drawn per benchmark invocation of the full-matrix sampler.</summary>
    public const int FullNetworksPerOp = 100;
    /// <summary>Networks drawn per invocation of the χ² chain.</summary>
    public const int ChiNetworksPerOp = 1_000_000;
    /// <summary>Networks per SampleAndAddMany call in the batched χ² benchmark.</summary>
    private const int ChiBlock = 4_000;

    [GlobalSetup]
    public void Setup()
    {
        var w100 = WidthProfile.Uniform(100, 10);
        _full = new McJob(new DeepLinearNetwork(w100), NetworkInputs.FromNorm(1, 100), 6, FullNetworksPerOp, 1);
        _fullSampler = _full.CreateSampler();
        _estimates = new double[10 * 3];
        _chi = new McJob(new DeepLinearNetwork(w100), NetworkInputs.FromNorm(1, 100), 6, ChiNetworksPerOp, 1, SamplerKind.ChiSquaredChain);
        _chiSampler = _chi.CreateSampler();
        _chiEstimates = new double[10 * 3];
        _full8 = new McJob(new DeepLinearNetwork(WidthProfile.Uniform(8, 10)), NetworkInputs.FromNorm(1, 8), 8, 200_000, 1);
        _evaluator = DeepLinearEvaluator.SingleInput(8, false);
        _net10 = new DeepLinearNetwork(WidthProfile.Uniform(8, 1000));
    }

    /// <summary>Full-matrix sampler, one core: 100 networks of 10 layers of width 100 (10^6 normals each).</summary>
    [Benchmark(OperationsPerInvoke = FullNetworksPerOp)]
    public double FullMatrix_n100_L10_perNetwork_oneCore()
    {
        var rng = Xoshiro.ForStream(1, 0);
        double s = 0;
        for (int i = 0; i < FullNetworksPerOp; i++) { _fullSampler.Sample(ref rng, _estimates); s += _estimates[^1]; }
        return s;
    }

    /// <summary>Full-matrix sampler through the parallel runner (all cores), 100 networks.</summary>
    [Benchmark(OperationsPerInvoke = FullNetworksPerOp)]
    public int FullMatrix_n100_L10_perNetwork_allCores() => McRunner.Run(_full).Count;

    /// <summary>χ² chain, one core: 10^6 networks of 10 layers.</summary>
    [Benchmark(OperationsPerInvoke = ChiNetworksPerOp)]
    public double ChiSquaredChain_L10_perNetwork_oneCore()
    {
        var rng = Xoshiro.ForStream(1, 0);
        double s = 0;
        for (int i = 0; i < ChiNetworksPerOp; i++) { _chiSampler.Sample(ref rng, _chiEstimates); s += _chiEstimates[^1]; }
        return s;
    }

    /// <summary>
    /// χ² chain, one core, the path McRunner takes: SampleAndAddMany over blocks of 4,000 networks (about a block of
    /// a 10^6-network run), 64 networks per generator call; 10^6 networks of 10 layers.
    /// </summary>
    [Benchmark(OperationsPerInvoke = ChiNetworksPerOp)]
    public double ChiSquaredChain_L10_perNetwork_oneCore_batched()
    {
        var rng = Xoshiro.ForStream(1, 0);
        Array.Clear(_chiEstimates);
        for (int b = 0; b < ChiNetworksPerOp / ChiBlock; b++) _chiSampler.SampleAndAddMany(ref rng, ChiBlock, _chiEstimates);
        return _chiEstimates[^1];
    }

    /// <summary>The acceptance run: wick mc --widths 8x10 --samples 200000 (all cores), per call.</summary>
    [Benchmark]
    public int Mc_acceptance_8x10_200k() => McRunner.Run(_full8).Count;

    /// <summary>Evaluating the derived G_2..G_8 recursions through 1000 layers.</summary>
    [Benchmark]
    public int Eval_G8_1000_layers() => _evaluator.Evaluate(_net10, NetworkInputs.FromNorm(1, 8)).Count;

    /// <summary>c_{2m}(n) at n = 10^9, m = 1000 (log1p sum).</summary>
    [Benchmark]
    public double C2m_logspace_n1e9_m1000() => CombinatorialFactor.Log(1000, 1e9);
}

/// <summary>
/// Issue 16: the samplers' kernels, vector path against its scalar twin (bit-identical results): the ziggurat normals
/// (one full-matrix network = 10^5 of them), the 4-lane dot product of a weight row (n = 100), and the four-input pair
/// sums S_p and quadruple diagonals D_pq of one layer (k = 4, n = 100: 10 pairs, 55 quadruples).
/// </summary>
[MemoryDiagnoser]
public class SamplerKernelBenchmarks
{
    /// <summary>Normals per invocation of the generator benchmark.</summary>
    public const int NormalsPerOp = 100_000;

    private double[] _normals = null!, _a = null!, _b = null!, _z = null!, _s = null!, _d = null!, _t = null!;
    private PairMoments _pairs = null!;
    private Xoshiro _rng;

    [GlobalSetup]
    public void Setup()
    {
        _rng = Xoshiro.ForStream(1, 0);
        _normals = new double[NormalsPerOp];
        _a = new double[100];
        _b = new double[100];
        _z = new double[400];
        _rng.FillNormals(_a);
        _rng.FillNormals(_b);
        _rng.FillNormals(_z);
        _pairs = new PairMoments(4, 100);
        _s = new double[10];
        _d = new double[55];
        _t = new double[400];
    }

    /// <summary>Ziggurat normals into a buffer, per normal.</summary>
    [Benchmark(OperationsPerInvoke = NormalsPerOp)]
    public double FillNormals_perNormal()
    {
        _rng.FillNormals(_normals);
        return _normals[^1];
    }

    [Benchmark]
    public double Dot4_n100_scalar() => SamplerKernels.Dot4Scalar(_a, _b);

    [Benchmark]
    public double Dot4_n100_vector() => SamplerKernels.Dot4Vector(_a, _b);

    [Benchmark]
    public double PairMoments_k4_n100_scalar()
    {
        _pairs.ComputeScalar(_z, 100, _s, _d);
        return _d[^1];
    }

    [Benchmark]
    public double PairMoments_k4_n100_vector()
    {
        _pairs.ComputeVector(_z, 100, _s, _d);
        return _d[^1];
    }

    /// <summary>Math.Tanh per element over a layer of 400 normals, per element.</summary>
    [Benchmark(OperationsPerInvoke = 400)]
    public double Tanh_perElement_MathTanh()
    {
        var z = _z;
        var t = _t;
        for (int i = 0; i < z.Length; i++) t[i] = Math.Tanh(z[i]);
        return t[^1];
    }

    /// <summary>SamplerTanh's scalar twin over the same layer, per element.</summary>
    [Benchmark(OperationsPerInvoke = 400)]
    public double Tanh_perElement_samplerScalar()
    {
        var z = _z;
        var t = _t;
        for (int i = 0; i < z.Length; i++) t[i] = SamplerTanh.Tanh(z[i]);
        return t[^1];
    }

    /// <summary>SamplerTanh.Apply (Vector256 lanes) over the same layer, per element.</summary>
    [Benchmark(OperationsPerInvoke = 400)]
    public double Tanh_perElement_samplerVector()
    {
        SamplerTanh.Apply(_z, _t);
        return _t[^1];
    }
}
