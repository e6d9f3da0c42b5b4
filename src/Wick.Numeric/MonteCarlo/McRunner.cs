namespace Wick.Numeric.MonteCarlo;

/// <summary>The sufficient statistics of one block: its length and the sums of the per-network estimates.</summary>
/// <param name="Index">Block index b (its random stream is (seed, b)).</param>
/// <param name="Count">Networks in the block.</param>
/// <param name="Sums">Σ over the block's networks of each estimate, layer-major.</param>
public sealed record McBlock(int Index, long Count, double[] Sums);

/// <summary>
/// Runs the blocks of a <see cref="McJob"/> in parallel. Each block is summed sequentially from its own stream
/// and stored in its own slot; nothing is combined across blocks here, so the output is bit-identical for any
/// degree of parallelism.
/// </summary>
public static class McRunner
{
    /// <summary>Runs blocks [from, to) (default: all) and returns them in index order.</summary>
    /// <param name="job">The job.</param>
    /// <param name="shard">Optional shard (k, N): only that shard's blocks.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads (default: all cores).</param>
    /// <param name="blockDone">Called after each block with the number of networks it drew (for progress bars).</param>
    /// <param name="cancellation">Cancellation.</param>
    public static IReadOnlyList<McBlock> Run(McJob job, (int K, int N)? shard = null, int? maxDegreeOfParallelism = null,
        Action<long>? blockDone = null, CancellationToken cancellation = default)
    {
        var (from, to) = shard is { } s ? job.ShardBlocks(s.K, s.N) : (0, job.BlockCount);
        var blocks = new McBlock[to - from];
        int width = job.Network.Depth * job.Observables.PerLayer;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        try
        {
            Parallel.For(from, to, options,
                () => (Sampler: job.CreateSampler(), Estimates: new double[width]),
                (b, _, local) =>
                {
                    blocks[b - from] = RunBlock(job, b, local.Sampler, local.Estimates);
                    blockDone?.Invoke(blocks[b - from].Count);
                    return local;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OverflowException))
        {
            throw e.InnerExceptions[0]; // a non-finite network (σ overflowed): reported, never averaged
        }
        return blocks;
    }

    /// <summary>One block: networks drawn in order from stream (seed, b) and summed in order.</summary>
    public static McBlock RunBlock(McJob job, int block, INetworkSampler sampler, double[] estimates)
    {
        var rng = Xoshiro.ForStream(job.Seed, (ulong)block);
        long count = job.BlockLength(block);
        var sums = new double[estimates.Length];
        sampler.SampleAndAddMany(ref rng, count, sums);
        return new McBlock(block, count, sums);
    }
}
