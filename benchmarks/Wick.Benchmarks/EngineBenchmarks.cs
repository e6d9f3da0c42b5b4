using BenchmarkDotNet.Attributes;
using Wick.Algebra;
using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Recursions;

namespace Wick.Benchmarks;

/// <summary>
/// The Wick engine: pattern-mode derivation of the G_{2m} recursion (targets: 2m = 24 under 100 ms, 2m = 60 under 2 s),
/// brute-force pairing throughput (target ≥ 10^7 pairings/s/core), and c_{2m}(n)·n^m for the FORM comparison.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    [Params(24, 60)]
    public int Points { get; set; }

    /// <summary>Derive G_{2m}^{(l+1)} = c_{2m}(n_l) C_W^m G_{2m}^{(l)} in pattern mode, including factoring c_{2m}.</summary>
    [Benchmark]
    public object DeriveSingleInputRecursion() => DeepLinear.SingleInput(Points / 2, bias: false, PairingMode.Pattern);

    /// <summary>
    /// What <c>wick derive "E[z^(l+1)_{i1} … z^(l+1)_{i2m}]"</c> computes for the correlator itself: the pairing tensor
    /// (kept whole beyond 12 fields) times the forward step, and the recognised structure at l+1 (3.44).
    /// </summary>
    [Benchmark]
    public object DeriveCorrelatorAsPairingTensor()
    {
        var fields = Enumerable.Range(1, Points).Select(i => new FieldPoint($"i{i}")).ToList();
        return (DeepLinear.CorrelatorFromBelow(fields, Layer.L.Next, bias: false), DeepLinear.Correlator(fields, Layer.L.Next));
    }
}

/// <summary>c_{2m} at m = 200 (beyond the cycle-type limit of 40): the strand transfer, cold, and c_{2m}(n) from the engine.</summary>
[MemoryDiagnoser]
public class LargeC2mBenchmarks
{
    [Params(200)]
    public int M { get; set; }

    /// <summary>The loop distribution n^m c_{2m}(n) by the strand transfer (no cache).</summary>
    [Benchmark]
    public object LoopCountsByTransfer() => PairingPatterns.LoopCountsByTransfer(M);

    /// <summary>c_{2m}(n) as <c>wick check "c_{400}(n) = …"</c> gets it (recursion derived, divided out; loop distribution cached after the first call).</summary>
    [Benchmark]
    public object DeriveC2m() => DeepLinear.C2m(M, Symbol.N);
}

/// <summary>Brute-force pairing: 2m = 14 is 135135 pairings, 2m = 16 is 2027025; reports time per enumeration.</summary>
public class PairingThroughputBenchmarks
{
    private int _sink;

    [Params(14, 16, 20)]
    public int Points { get; set; }

    /// <summary>Visits every pairing through a delegate and adds the last point's partner to a checksum.</summary>
    [Benchmark]
    public long EnumerateAll() => Points > 16 ? 0 : PairingEnumerator.Unbounded.ForEach(Points, p => _sink += p[^1]);

    /// <summary>The same with a struct visitor (inlined; peer: benchmarks/peers/c/matchings.c, the same checksum).</summary>
    [Benchmark]
    public long EnumerateAll_StructVisitor()
    {
        var v = new LastPartnerSum();
        PairingEnumerator.Unbounded.ForEach(Points, ref v);
        return v.Sum;
    }

    /// <summary>The same on both cores (the 2m − 1 first-level subtrees split over two threads).</summary>
    [Benchmark]
    public long EnumerateAll_StructVisitor_2threads() =>
        PairingEnumerator.Unbounded.ForEachInParallel(Points, 2, () => new LastPartnerSum()).Sum(v => v.Sum);

    private struct LastPartnerSum : IPairingVisitor
    {
        public long Sum;
        public void Visit(ReadOnlySpan<int> partners) => Sum += partners[^1];
    }

    /// <summary>Visits every pairing and counts its loops against a fixed pairing (the brute-force c_{2m}).</summary>
    [Benchmark]
    public object LoopCountsByBruteForce() => Points > 16 ? 0 : PairingPatterns.LoopCountsByEnumeration(Points / 2);

    /// <summary>The same counts with the loops updated per step (LoopDistribution; peer: benchmarks/peers/c/loops.c).</summary>
    [Benchmark]
    public object LoopCountsIncremental() => LoopDistribution.Count(Points / 2, threads: 1, budget: long.MaxValue);

    /// <summary>The same on both cores (the first level's 2m − 1 subtrees split over two threads).</summary>
    [Benchmark]
    public object LoopCountsIncremental_2threads() => LoopDistribution.Count(Points / 2, threads: 2, budget: long.MaxValue);
}

/// <summary>The same quantity FORM computes with dd_(j1,j1,…,jm,jm) and Dimension n: n^m c_{2m}(n), m = 8 … 12.</summary>
public class FormComparisonBenchmarks
{
    [Params(8, 10, 12)]
    public int M { get; set; }

    [Benchmark]
    public object RisingProductByPatternMode() => PairingPatterns.LoopCounts(M);
}
