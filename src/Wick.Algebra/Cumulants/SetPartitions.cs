using System.Numerics;

namespace Wick.Algebra.Cumulants;

/// <summary>
/// A set partition π of the positions {0, …, N−1} into non-empty disjoint blocks — the index set of the
/// moment–cumulant formulas. Blocks are kept in canonical order (each block sorted, blocks ordered by their
/// smallest element), so two equal partitions are structurally equal.
/// </summary>
public sealed class SetPartition : IEquatable<SetPartition>
{
    private readonly int[][] _blocks;

    internal SetPartition(int[][] blocks) => _blocks = blocks;

    /// <summary>The blocks, each an ascending list of positions; blocks ordered by their first element.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Blocks => _blocks;

    /// <summary>The number of blocks k = |π|.</summary>
    public int BlockCount => _blocks.Length;

    /// <summary>The number of positions N partitioned.</summary>
    public int Size => _blocks.Sum(b => b.Length);

    /// <summary>True if every block has an even number of elements (the only partitions that survive for zero-mean, parity-symmetric fields).</summary>
    public bool AllBlocksEven => _blocks.All(b => b.Length % 2 == 0);

    /// <summary>
    /// The Möbius function of the partition lattice from π to the one-block partition 1̂:
    /// μ(π, 1̂) = (−1)^{k−1} (k−1)! with k = |π|. It is the weight of the moment product Π_B E[B] in the
    /// cumulant κ = Σ_π μ(π, 1̂) Π_{B∈π} E[Π_{i∈B} X_i].
    /// </summary>
    public BigInteger Mobius => MobiusToTop(BlockCount);

    /// <summary>μ(π, 1̂) = (−1)^{k−1}(k−1)! for a partition with <paramref name="blockCount"/> blocks.</summary>
    public static BigInteger MobiusToTop(int blockCount)
    {
        if (blockCount < 1) throw new ArgumentOutOfRangeException(nameof(blockCount), blockCount, "A partition has at least one block.");
        BigInteger f = BigInteger.One;
        for (int i = 2; i < blockCount; i++) f *= i;
        return blockCount % 2 == 1 ? f : -f;
    }

    public bool Equals(SetPartition? other) =>
        other is not null && other._blocks.Length == _blocks.Length &&
        _blocks.Zip(other._blocks).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    public override bool Equals(object? obj) => Equals(obj as SetPartition);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var b in _blocks) { h.Add(b.Length); foreach (var i in b) h.Add(i); }
        return h.ToHashCode();
    }

    /// <summary><c>{0 1}{2 3}</c>.</summary>
    public override string ToString() => string.Concat(_blocks.Select(b => "{" + string.Join(' ', b) + "}"));
}

/// <summary>
/// Enumeration of set partitions by restricted-growth strings (a_0 = 0, a_i ≤ 1 + max(a_0..a_{i−1})), streamed
/// lazily. The number of partitions of N elements is the Bell number B_N (1, 1, 2, 5, 15, 52, 203, 877, 4140, …);
/// the number with all blocks even — the ones that matter for zero-mean fields — grows much more slowly.
/// </summary>
public static class SetPartitions
{
    /// <summary>All set partitions of {0, …, <paramref name="size"/>−1}; with <paramref name="evenBlocksOnly"/>, only
    /// those whose blocks all have even size (pruned during generation, not filtered afterwards).</summary>
    public static IEnumerable<SetPartition> Enumerate(int size, bool evenBlocksOnly = false)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, "Size must be non-negative.");
        if (size == 0) { yield return new SetPartition([]); yield break; }
        if (evenBlocksOnly && size % 2 == 1) yield break;
        var blockOf = new int[size];
        var blockSizes = new int[size];
        foreach (var p in Recurse(0, 0))
            yield return p;

        IEnumerable<SetPartition> Recurse(int position, int blocks)
        {
            if (position == size)
            {
                if (evenBlocksOnly)
                    for (int b = 0; b < blocks; b++)
                        if (blockSizes[b] % 2 == 1) yield break;
                yield return Build(blocks);
                yield break;
            }
            int remaining = size - position;
            for (int b = 0; b <= blocks; b++)
            {
                int newBlocks = b == blocks ? blocks + 1 : blocks;
                if (evenBlocksOnly && OddBlocks(newBlocks, b) > remaining - 1) continue;
                blockOf[position] = b;
                blockSizes[b]++;
                foreach (var p in Recurse(position + 1, newBlocks)) yield return p;
                blockSizes[b]--;
            }
        }

        // Number of odd blocks after placing the current element into block `placed`: each needs ≥ 1 more element.
        int OddBlocks(int blocks, int placed)
        {
            int odd = 0;
            for (int b = 0; b < blocks; b++)
                if ((blockSizes[b] + (b == placed ? 1 : 0)) % 2 == 1) odd++;
            return odd;
        }

        SetPartition Build(int blocks)
        {
            var lists = new List<int>[blocks];
            for (int b = 0; b < blocks; b++) lists[b] = [];
            for (int i = 0; i < size; i++) lists[blockOf[i]].Add(i);
            return new SetPartition(lists.Select(l => l.ToArray()).ToArray());
        }
    }

    /// <summary>The Bell number B_N (count of all set partitions), by the Bell triangle.</summary>
    public static BigInteger Bell(int size)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size));
        var row = new List<BigInteger> { 1 };
        for (int i = 0; i < size; i++)
        {
            var next = new List<BigInteger> { row[^1] };
            foreach (var x in row) next.Add(next[^1] + x);
            row = next;
        }
        return row[0];
    }
}
