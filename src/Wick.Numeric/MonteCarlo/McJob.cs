using Wick.Numeric.Activations;
using Wick.Numeric.Networks;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// A Monte Carlo job: the network, its inputs, what to estimate and the sample set. The N samples are cut into
/// blocks of <see cref="BlockSize"/> networks; block b draws from the random stream (seed, b), so the result
/// depends on the seed alone — not on threads, nor on how blocks are split into shards.
/// </summary>
public sealed record McJob
{
    /// <summary>
    /// A job to sample; <paramref name="shards"/> &gt; 1 when it is split into that many <c>--shard k/N</c> tasks (the
    /// work limit applies to one task's share); <paramref name="activation"/> σ for an mlp (null: deep linear).
    /// </summary>
    public McJob(DeepLinearNetwork network, NetworkInputs inputs, int points, long samples, ulong seed, SamplerKind sampler = SamplerKind.FullMatrix, int shards = 1,
        Activation? activation = null)
        : this(network, inputs, points, samples, seed, sampler, shards, limitWork: true, activation) { }

    /// <summary>The description of a job sampled elsewhere (read back by <c>wick mc merge</c>): no work limit, nothing is drawn here.</summary>
    public static McJob Described(DeepLinearNetwork network, NetworkInputs inputs, int points, long samples, ulong seed, SamplerKind sampler, Activation? activation = null) =>
        new(network, inputs, points, samples, seed, sampler, 1, limitWork: false, activation);

    private McJob(DeepLinearNetwork network, NetworkInputs inputs, int points, long samples, ulong seed, SamplerKind sampler, int shards, bool limitWork,
        Activation? activation)
    {
        if (activation is not null && sampler == SamplerKind.ChiSquaredChain)
            throw new ArgumentException("--sampler chi2 is the χ² chain of deep linear networks; an mlp with an activation needs --sampler full.");
        Activation = activation;
        Network = network.Validated();
        Inputs = inputs;
        if (samples < 2) throw new ArgumentException($"--samples must be at least 2 (standard errors need two blocks), got {samples}.");
        if (samples > 1L << 40) throw new ArgumentException($"--samples is too large: {samples}.");
        Samples = samples;
        double perNetwork = 0;   // normal draws per network: Σ_ℓ n_{ℓ−1} n_ℓ weights (one χ² per layer for chi2, n_ℓ N_D for the metric sampler)
        for (int l = 1; l <= Network.Depth; l++)
            perNetwork += sampler switch
            {
                SamplerKind.ChiSquaredChain => 1,
                SamplerKind.StochasticMetric => (double)Network.Widths[l] * inputs.Count * (inputs.Count + 1),
                _ => (double)(l == 1 ? inputs.Dimension : Network.Widths[l - 1]) * Network.Widths[l],
            };
        // A shard of a split run is a deliberate batch task: it may run for hours, an interactive run for minutes.
        double perTask = perNetwork * samples / Math.Max(1, shards), limit = shards > 1 ? MaxDrawsPerShard : MaxDraws;
        if (limitWork && perTask > limit)
            throw new ArgumentException(
                $"This run would draw {perTask:0.#e+0} weights{(shards > 1 ? " per shard" : "")} ({samples} networks × {perNetwork:0.#e+0}{(shards > 1 ? $" / {shards} shards" : "")}), " +
                $"about {perTask / DrawsPerSecond / 60:0} minutes or more: the limit is {limit:0e+0}. Use fewer --samples, narrower or fewer layers, --sampler chi2 (one input), " +
                "or split the run over more tasks with --shard k/N (docs/SCALING.md).");
        Seed = seed;
        Sampler = sampler;
        if (sampler == SamplerKind.ChiSquaredChain && inputs.Count != 1)
            throw new ArgumentException("--sampler chi2 handles one input only.");
        BlockSize = Math.Max(1, (samples + TargetBlocks - 1) / TargetBlocks);
        BlockCount = (int)((samples + BlockSize - 1) / BlockSize);
        if (inputs.Count > 1)
        {
            // k inputs: k(k+1)/2 metric entries K_{αβ} and P(P+1)/2 four-point structures F per layer (≈ k⁴/8),
            // each summed per block: refuse before the lists and sums are allocated.
            double pairs = inputs.Count * (inputs.Count + 1.0) / 2, sums = (pairs + pairs * (pairs + 1) / 2) * Network.Depth * BlockCount;
            if (sums > MaxSums)
                throw new ArgumentException(
                    $"{inputs.Count} inputs over {Network.Depth} layers need {sums:0.#e+0} block sums (k(k+1)/2 metric entries and ≈ k⁴/8 four-point structures per layer, " +
                    $"{BlockCount} blocks), about {sums * 8 / 1e9:0.#} GB: the limit is {MaxSums:0e+0}. Use fewer inputs (a few representative ones), fewer layers, or run each pair of inputs separately.");
        }
        Observables = inputs.Count == 1 ? Observables.SingleInput(points) : Observables.MultiInput(inputs.Count);
    }

    /// <summary>Refuse a job needing more normal draws than this (about 15 minutes on a 2-core machine).</summary>
    public const double MaxDraws = 1e11;

    /// <summary>The same limit for one shard of a run split into N ≥ 2 tasks (about a day of one core): cluster-sized work.</summary>
    public const double MaxDrawsPerShard = 1e13;

    private const double DrawsPerSecond = 1e8;

    /// <summary>Refuse a several-input job holding more block sums than this (8 bytes each, written out by <c>--format json</c>).</summary>
    public const double MaxSums = 1e7;

    /// <summary>About this many blocks: enough for batch-means errors and for load balancing.</summary>
    public const int TargetBlocks = 256;

    public DeepLinearNetwork Network { get; }

    /// <summary>σ of an mlp (null: deep linear network, σ(z) = z).</summary>
    public Activation? Activation { get; }
    public NetworkInputs Inputs { get; }
    public long Samples { get; }
    public ulong Seed { get; }
    public SamplerKind Sampler { get; }
    public Observables Observables { get; }

    /// <summary>Networks per block (the last block may be shorter).</summary>
    public long BlockSize { get; }

    /// <summary>Number of blocks.</summary>
    public int BlockCount { get; }

    /// <summary>Number of networks in block <paramref name="block"/>.</summary>
    public long BlockLength(int block) => Math.Min(BlockSize, Samples - block * BlockSize);

    /// <summary>The blocks [from, to) of shard k of N (1-based k): contiguous, disjoint, covering all blocks.</summary>
    public (int From, int To) ShardBlocks(int k, int n)
    {
        if (n < 1 || k < 1 || k > n) throw new ArgumentException($"--shard must be k/N with 1 ≤ k ≤ N, got {k}/{n}.");
        if (n > BlockCount) throw new ArgumentException($"--shard {k}/{n}: only {BlockCount} blocks to share out; use at most {BlockCount} shards.");
        return ((int)((long)(k - 1) * BlockCount / n), (int)((long)k * BlockCount / n));
    }

    /// <summary>A fresh sampler for one worker.</summary>
    public INetworkSampler CreateSampler() => Sampler switch
    {
        SamplerKind.ChiSquaredChain => new ChiSquaredChainSampler(Network, Inputs, Observables),
        SamplerKind.StochasticMetric => new StochasticMetricSampler(Network, Inputs, Observables, Activation),
        _ => new FullMatrixSampler(Network, Inputs, Observables, Activation),
    };
}
