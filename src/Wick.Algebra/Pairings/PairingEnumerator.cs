using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wick.Algebra.Pairings;

/// <summary>Called once per pairing with its partner table (valid only during the call).</summary>
public delegate void PairingVisitor(ReadOnlySpan<int> partners);

/// <summary>
/// Brute-force Wick pairing: a lazy, streaming enumeration of all (2m−1)!! perfect matchings of 2m points,
/// O(m) memory (a permutation and one choice per level, updated in place). Beyond <see cref="Budget"/>
/// pairings it refuses with <see cref="PairingBudgetExceededException"/>: use <see cref="PairingPatterns"/>
/// (pattern mode), which never visits equivalent pairings one by one.
/// </summary>
public sealed class PairingEnumerator
{
    /// <summary>The default budget: 10^9 pairings (a few minutes of brute force).</summary>
    public const long DefaultBudget = 1_000_000_000;

    /// <summary>A brute-force enumerator with the given budget (maximum number of pairings it will visit).</summary>
    public PairingEnumerator(long budget = DefaultBudget)
    {
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be positive.");
        Budget = budget;
    }

    /// <summary>An enumerator without budget (for lazy callers that take only a prefix).</summary>
    public static PairingEnumerator Unbounded { get; } = new(long.MaxValue);

    /// <summary>The shared default enumerator.</summary>
    public static PairingEnumerator Default { get; } = new();

    /// <summary>Maximum number of pairings a single enumeration may visit.</summary>
    public long Budget { get; }

    /// <summary>The exact number of perfect matchings of <paramref name="points"/> points: (2m−1)!! (0 for odd counts, 1 for none).</summary>
    public static BigInteger Count(int points)
    {
        if (points < 0) throw new ArgumentOutOfRangeException(nameof(points), points, "A count of points is non-negative.");
        if (points % 2 != 0) return BigInteger.Zero;
        BigInteger c = BigInteger.One;
        for (int k = points - 1; k > 1; k -= 2) c *= k;
        return c;
    }

    /// <summary>Lazily enumerates all pairings (each an immutable, canonical <see cref="Pairing"/>).</summary>
    public IEnumerable<Pairing> Enumerate(int points)
    {
        CheckBudget(points);
        return Iterate(points);

        static IEnumerable<Pairing> Iterate(int points)
        {
            var cursor = new Cursor(points);
            do yield return Pairing.FromPartners(cursor.Partners);
            while (cursor.MoveNext());
        }
    }

    /// <summary>
    /// Visits every pairing through a delegate (allocation-free; each visit is an indirect call — the generic
    /// overload with a struct visitor is inlined and about twice as fast). Returns the number visited.
    /// </summary>
    public long ForEach(int points, PairingVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        var adapter = new DelegateVisitor(visitor);
        return ForEach(points, ref adapter);
    }

    /// <summary>
    /// Visits every pairing with a struct visitor, which the JIT specialises and inlines (the fast path: the
    /// last two levels are unrolled, so most steps rewrite four partner entries). Returns the number visited.
    /// </summary>
    public long ForEach<TVisitor>(int points, ref TVisitor visitor) where TVisitor : struct, IPairingVisitor
    {
        CheckBudget(points);
        return new Cursor(points).Run(ref visitor);
    }

    /// <summary>
    /// Visits every pairing on up to <paramref name="threads"/> threads: the 2m − 1 subtrees where point 0 pairs
    /// with point 1 … 2m − 1 each get a fresh visitor from <paramref name="newVisitor"/>, returned in that order
    /// for the caller to merge (the pairings each sees are fixed, so results do not depend on the thread count).
    /// Fewer than eight points form one subtree.
    /// </summary>
    public TVisitor[] ForEachInParallel<TVisitor>(int points, int threads, Func<TVisitor> newVisitor)
        where TVisitor : struct, IPairingVisitor
    {
        ArgumentNullException.ThrowIfNull(newVisitor);
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread.");
        CheckBudget(points);
        if (points < 8)
        {
            var only = newVisitor();
            new Cursor(points).Run(ref only);
            return [only];
        }
        var visitors = new TVisitor[points - 1];
        Parallel.For(0, points - 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, first =>
        {
            var v = newVisitor();
            new Cursor(points, first).Run(ref v);
            visitors[first] = v;
        });
        return visitors;
    }

    /// <summary>A resumable, allocation-free cursor over the pairings (for callers that want to drive the loop).</summary>
    public Cursor Start(int points)
    {
        CheckBudget(points);
        return new Cursor(points);
    }

    private void CheckBudget(int points)
    {
        if (points < 0 || points % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(points), points, "Wick pairing needs an even, non-negative number of factors.");
        if (Budget == long.MaxValue) return; // Unbounded: lazy callers take what they need.
        var count = Count(points);
        if (count > Budget)
            throw new PairingBudgetExceededException(points, count, Budget);
    }

    /// <summary>
    /// The enumeration state: <c>arr</c> holds the points, level k pairs <c>arr[2k]</c> with
    /// <c>arr[2k+1+c_k]</c> (swapped into slot 2k+1). The last six points (the leaf: levels m−3 … m−1) are not
    /// searched but completed in their fifteen ways, in the order the search would give, with four or six
    /// partner entries rewritten per pairing (fewer points: a leaf of four with three completions, or one).
    /// Advancing the prefix (levels 0 … m−4) increments the deepest level that has a choice left and undoes the
    /// swaps below it, so each step is amortised O(1).
    /// </summary>
    public sealed class Cursor
    {
        private readonly int[] _arr;
        private readonly int[] _choice;
        private readonly int[] _partner;
        private readonly int _m;
        private readonly int _top;        // the deepest prefix level (−1: no prefix)
        private readonly int _floor;      // the shallowest level AdvancePrefix may change (1 inside one first-level subtree)
        private readonly int _leafCount;  // completions of the leaf: 15, 3 or 1
        private int _leaf;                // the current completion

        /// <summary>All pairings, or (<paramref name="first"/> ≥ 0, at least eight points) those pairing point 0 with point first + 1.</summary>
        internal Cursor(int points, int first = -1)
        {
            _m = points / 2;
            int leafPairs = Math.Min(_m, 3);
            _top = _m - leafPairs - 1;
            _leafCount = leafPairs == 3 ? 15 : leafPairs == 2 ? 3 : 1;
            _arr = new int[points];
            _choice = new int[_m];
            _partner = new int[points];
            for (int i = 0; i < points; i++) _arr[i] = i;
            if (first >= 0)
            {
                _floor = 1;
                _choice[0] = first;
                (_arr[1], _arr[1 + first]) = (_arr[1 + first], _arr[1]);
            }
            for (int j = 0; j < _m; j++) { int x = _arr[2 * j], y = _arr[2 * j + 1]; _partner[x] = y; _partner[y] = x; }
        }

        /// <summary>The current pairing's partner table.</summary>
        public ReadOnlySpan<int> Partners => _partner;

        /// <summary>Advances to the next pairing; false after the last one.</summary>
        public bool MoveNext()
        {
            if (_leaf < _leafCount - 1) { Leaf(++_leaf); return true; }
            if (!AdvancePrefix()) return false;
            _leaf = 0;
            Leaf(0);
            return true;
        }

        /// <summary>Visits the current pairing and all after it.</summary>
        internal long Run<TVisitor>(ref TVisitor visitor) where TVisitor : struct, IPairingVisitor
        {
            long count = 0;
            var partners = new ReadOnlySpan<int>(_partner);
            if (_leafCount < 15)
            {
                do { visitor.Visit(partners); count++; } while (MoveNext());
                return count;
            }
            // A cursor resumed inside a leaf finishes it one pairing at a time.
            while (_leaf != 0) { visitor.Visit(partners); count++; if (!MoveNext()) return count; }
            ref int arr = ref MemoryMarshal.GetArrayDataReference(_arr);
            ref int partner = ref MemoryMarshal.GetArrayDataReference(_partner);
            int n = _arr.Length;
            do
            {
                // The fifteen completions of the leaf u p0 … p4: u with p_i, the other four completed in their
                // three ways (their order: p0 takes p_i's place, as the swap in the search puts it).
                int u = Unsafe.Add(ref arr, n - 6), p0 = Unsafe.Add(ref arr, n - 5), p1 = Unsafe.Add(ref arr, n - 4),
                    p2 = Unsafe.Add(ref arr, n - 3), p3 = Unsafe.Add(ref arr, n - 2), p4 = Unsafe.Add(ref arr, n - 1);
                Pair(ref partner, u, p0); VisitFour(ref partner, p1, p2, p3, p4, ref visitor, partners);
                Pair(ref partner, u, p1); VisitFour(ref partner, p0, p2, p3, p4, ref visitor, partners);
                Pair(ref partner, u, p2); VisitFour(ref partner, p1, p0, p3, p4, ref visitor, partners);
                Pair(ref partner, u, p3); VisitFour(ref partner, p1, p2, p0, p4, ref visitor, partners);
                Pair(ref partner, u, p4); VisitFour(ref partner, p1, p2, p3, p0, ref visitor, partners);
                count += 15;
            }
            while (AdvancePrefix());
            _leaf = _leafCount - 1;
            return count;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Pair(ref int partner, int x, int y)
        {
            Unsafe.Add(ref partner, x) = y;
            Unsafe.Add(ref partner, y) = x;
        }

        // (a b)(c d), (a c)(b d), (a d)(b c), each visited.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void VisitFour<TVisitor>(ref int partner, int a, int b, int c, int d, ref TVisitor visitor, ReadOnlySpan<int> partners)
            where TVisitor : struct, IPairingVisitor
        {
            Pair(ref partner, a, b); Pair(ref partner, c, d); visitor.Visit(partners);
            Pair(ref partner, a, c); Pair(ref partner, b, d); visitor.Visit(partners);
            Pair(ref partner, a, d); Pair(ref partner, b, c); visitor.Visit(partners);
        }

        // Completion number `which` of the leaf, written into the partner table (the order of Run's).
        private void Leaf(int which)
        {
            int n = _arr.Length;
            if (_leafCount == 1) return;
            ref int partner = ref MemoryMarshal.GetArrayDataReference(_partner);
            Span<int> p = stackalloc int[5];
            int count = _leafCount == 15 ? 5 : 3;
            for (int i = 0; i < count; i++) p[i] = _arr[n - count + i];
            int a, b, c, d;
            if (_leafCount == 15)
            {
                int i = which / 3, u = _arr[n - 6];
                Pair(ref partner, u, p[i]);
                p[i] = p[0];
                (a, b, c, d) = (p[1], p[2], p[3], p[4]);
                which %= 3;
            }
            else (a, b, c, d) = (_arr[n - 4], p[0], p[1], p[2]);
            if (which == 1) (b, c) = (c, b);
            else if (which == 2) (b, c, d) = (d, b, c);
            Pair(ref partner, a, b);
            Pair(ref partner, c, d);
        }

        // Next choice of the prefix levels; partners of the changed levels rewritten, the leaf's points left for
        // Leaf or Run. False when every level is exhausted.
        private bool AdvancePrefix()
        {
            int m = _m, top = _top, k = top;
            ref int arr = ref MemoryMarshal.GetArrayDataReference(_arr);
            ref int c = ref MemoryMarshal.GetArrayDataReference(_choice);
            while (k >= _floor && Unsafe.Add(ref c, k) == 2 * (m - k) - 2) k--;
            if (k < _floor) return false;
            for (int j = top; j > k; j--)
            {
                int cj = Unsafe.Add(ref c, j);
                if (cj != 0) { Swap(ref arr, 2 * j + 1, 2 * j + 1 + cj); Unsafe.Add(ref c, j) = 0; }
            }
            ref int ck = ref Unsafe.Add(ref c, k);
            int slot = 2 * k + 1;
            if (ck != 0) Swap(ref arr, slot, slot + ck);
            ck++;
            Swap(ref arr, slot, slot + ck);
            ref int partner = ref MemoryMarshal.GetArrayDataReference(_partner);
            for (int j = k; j <= top; j++) Pair(ref partner, Unsafe.Add(ref arr, 2 * j), Unsafe.Add(ref arr, 2 * j + 1));
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Swap(ref int arr, int i, int j) =>
            (Unsafe.Add(ref arr, i), Unsafe.Add(ref arr, j)) = (Unsafe.Add(ref arr, j), Unsafe.Add(ref arr, i));
    }

    private readonly struct DelegateVisitor(PairingVisitor visitor) : IPairingVisitor
    {
        public void Visit(ReadOnlySpan<int> partners) => visitor(partners);
    }
}

/// <summary>
/// A pairing visitor as a struct: <see cref="PairingEnumerator.ForEach{TVisitor}"/> is specialised for it, so the
/// call is inlined (no delegate per pairing). The partner table is valid only during the call.
/// </summary>
public interface IPairingVisitor
{
    /// <summary>Called once per pairing with its partner table.</summary>
    void Visit(ReadOnlySpan<int> partners);
}

/// <summary>Thrown when brute-force pairing would exceed its budget; the message names pattern mode.</summary>
public sealed class PairingBudgetExceededException(int points, BigInteger count, long budget)
    : RefusedException(
        $"Brute-force Wick pairing of {points} factors would visit (2m-1)!! = {count} pairings, over the budget of {budget}. " +
        "Use pattern mode (Wick.Algebra.Pairings.PairingPatterns), which groups equivalent pairings by cycle type " +
        "and never visits them one by one, or raise the budget.")
{
    /// <summary>Number of factors requested.</summary>
    public int Points { get; } = points;

    /// <summary>The exact number of pairings (2m−1)!!.</summary>
    public BigInteger PairingCount { get; } = count;
}
