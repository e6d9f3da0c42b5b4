using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wick.Algebra.Pairings;

/// <summary>
/// The δ-loop distribution a_k = #{q : loops(p ∪ q) = k} of a fixed pairing p of 2m points over all (2m−1)!!
/// pairings q, by brute force with the loops updated per step (the coefficients of n^m c_{2m}(n) = Σ_q n^{loops},
/// (3.46); pattern mode gets them without visiting q one by one). q is built pair by pair in a depth-first search
/// over the unpaired points; every open strand of p ∪ (q so far) is a path whose two ends are unpaired, and
/// <c>end[x]</c> is the other end of the strand through x. Pairing x with y closes a loop when end[x] = y and
/// otherwise joins two strands (two writes, undone on return): O(1) per step instead of an O(m) recount per q.
/// The last two levels are unrolled (three completions of four points at once). Independent of
/// <see cref="PairingEnumerator"/> and of pattern mode, so the three cross-check each other.
/// </summary>
public static class LoopDistribution
{
    /// <summary>
    /// a_0 … a_m for the adjacent pairing p = (0 1)(2 3)… of 2·<paramref name="pairs"/> points. Refuses beyond
    /// <paramref name="budget"/> pairings (<see cref="PairingBudgetExceededException"/>); <paramref name="threads"/>
    /// &gt; 1 splits the first level's 2m − 1 choices over that many threads (the same counts).
    /// </summary>
    public static long[] Count(int pairs, int threads = 1, long budget = PairingEnumerator.DefaultBudget)
    {
        if (pairs < 0) throw new ArgumentOutOfRangeException(nameof(pairs), pairs, "A number of pairs is non-negative.");
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread.");
        var total = PairingEnumerator.Count(2 * pairs);
        if (total > budget) throw new PairingBudgetExceededException(2 * pairs, total, budget);
        var a = new long[pairs + 1];
        if (pairs == 0) { a[0] = 1; return a; }
        if (pairs == 1) { a[1] = 1; return a; }
        int n = 2 * pairs;
        // The first point (n − 1) pairs with each of the others: 2m − 1 independent subtrees.
        var partial = new long[n - 1][];
        Parallel.For(0, n - 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, first =>
        {
            var search = new Search(n);
            partial[first] = search.Subtree(first);
        });
        foreach (var p in partial)
            for (int k = 0; k <= pairs; k++) a[k] += p[k];
        return a;
    }

    /// <summary>The same as exact integers (the shape <see cref="PairingPatterns"/> returns).</summary>
    public static BigInteger[] CountExact(int pairs, int threads = 1, long budget = PairingEnumerator.DefaultBudget) =>
        Count(pairs, threads, budget).Select(x => new BigInteger(x)).ToArray();

    /// <summary>One depth-first search's state: the unpaired points and the strand ends.</summary>
    private sealed class Search
    {
        private readonly int[] _rest;   // unpaired points in _rest[0 .. count)
        private readonly int[] _end;    // other end of the open strand through an unpaired point
        private readonly long[] _a;

        public Search(int n)
        {
            _rest = new int[n];
            _end = new int[n];
            for (int i = 0; i < n; i++) { _rest[i] = i; _end[i] = i ^ 1; } // p = (0 1)(2 3)…: strands of one edge
            _a = new long[n / 2 + 1];
        }

        /// <summary>The counts of the subtree where the last point pairs with <c>_rest[choice]</c>.</summary>
        public long[] Subtree(int choice)
        {
            int n = _rest.Length, x = _rest[n - 1], y = _rest[choice], ex = _end[x], ey = _end[y];
            (_rest[choice], _rest[n - 2]) = (_rest[n - 2], _rest[choice]);
            if (ex == y) Complete(n - 2, 1);
            else { _end[ex] = ey; _end[ey] = ex; Complete(n - 2, 0); }
            return _a;
        }

        // Pair _rest[count − 1] with each _rest[i] in turn and complete the rest (array reads without bounds
        // checks: every index is below count ≤ n by construction).
        private void Complete(int count, int loops)
        {
            ref int rest = ref MemoryMarshal.GetArrayDataReference(_rest);
            ref int end = ref MemoryMarshal.GetArrayDataReference(_end);
            if (count == 4) { Last4(ref rest, ref end, loops); return; }
            if (count == 0) { _a[loops]++; return; }
            int x = Unsafe.Add(ref rest, count - 1), ex = Unsafe.Add(ref end, x);
            ref int slot = ref Unsafe.Add(ref rest, count - 2);
            for (int i = 0; i < count - 1; i++)
            {
                ref int yi = ref Unsafe.Add(ref rest, i);
                int y = yi, ey = Unsafe.Add(ref end, y);
                (yi, slot) = (slot, yi); // y out of the unpaired range
                if (ex == y) Complete(count - 2, loops + 1); // x and y were the two ends of one strand: a loop closes
                else
                {
                    Unsafe.Add(ref end, ex) = ey; Unsafe.Add(ref end, ey) = ex; // two strands join
                    Complete(count - 2, loops);
                    Unsafe.Add(ref end, ex) = x; Unsafe.Add(ref end, ey) = y;
                }
                (yi, slot) = (slot, yi);
            }
        }

        // Four unpaired points on two open strands: the three completions (x u)(v w), (x v)(u w), (x w)(u v).
        // A first pair that closes a strand leaves the other strand to close (two loops); one that joins the two
        // strands leaves a single strand, closed by the last pair (one loop).
        private void Last4(ref int rest, ref int end, int loops)
        {
            int ex = Unsafe.Add(ref end, Unsafe.Add(ref rest, 3));
            int closes = (ex == rest ? 1 : 0) + (ex == Unsafe.Add(ref rest, 1) ? 1 : 0) + (ex == Unsafe.Add(ref rest, 2) ? 1 : 0);
            _a[loops + 2] += closes;
            _a[loops + 1] += 3 - closes;
        }
    }
}
