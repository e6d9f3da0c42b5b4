#:project ../../../src/Wick.Algebra/Wick.Algebra.csproj
// The Wick side of benchmarks/peers/c/matchings.c, printed in the same format (in-process, best of reps):
// PairingEnumerator.ForEach with a struct visitor adding the last point's partner to a checksum, on one thread
// and (third argument 2) split over the first-level subtrees on two; with a fourth argument `loops`, the side of
// loops.c instead (LoopDistribution.Count, its counts printed). Run through interleave.sh.
using System.Diagnostics;
using Wick.Algebra.Pairings;

int m = args.Length > 0 ? int.Parse(args[0]) : 8, reps = args.Length > 1 ? int.Parse(args[1]) : 3;
int threads = args.Length > 2 ? int.Parse(args[2]) : 1;
if (args.Length > 3 && args[3] == "loops")
{
    double fastest = double.MaxValue;
    long[] a = [];
    for (int r = 0; r < reps; r++)
    {
        var sw = Stopwatch.StartNew();
        a = LoopDistribution.Count(m, threads, long.MaxValue);
        fastest = Math.Min(fastest, sw.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"m={m} seconds={fastest:F6} counts={string.Join(',', a)} threads={threads}");
    return;
}
// Warm-up for a second on a small size, so the timed runs use the tier-1 (optimised, PGO) code.
for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1;)
{
    var w = new LastPartnerSum();
    PairingEnumerator.Unbounded.ForEach(14, ref w);
    PairingEnumerator.Unbounded.ForEachInParallel(14, threads, () => new LastPartnerSum());
    LoopDistribution.Count(6, threads, long.MaxValue);
}
double best = double.MaxValue;
long count = 0, sum = 0;
for (int r = 0; r < reps; r++)
{
    var sw = Stopwatch.StartNew();
    if (threads == 1)
    {
        var v = new LastPartnerSum();
        count = PairingEnumerator.Unbounded.ForEach(2 * m, ref v);
        sum = v.Sum;
    }
    else
    {
        var parts = PairingEnumerator.Unbounded.ForEachInParallel(2 * m, threads, () => new LastPartnerSum());
        count = parts.Sum(p => p.Count);
        sum = parts.Sum(p => p.Sum);
    }
    best = Math.Min(best, sw.Elapsed.TotalSeconds);
}
Console.WriteLine($"m={m} seconds={best:F6} pairings={count} checksum={sum} rate={count / best:0.00e+00}/s threads={threads}");

struct LastPartnerSum : IPairingVisitor
{
    public long Sum, Count;
    public void Visit(ReadOnlySpan<int> partners) { Sum += partners[^1]; Count++; }
}
