using System.Numerics;

namespace Wick.Algebra.Pairings;

/// <summary>
/// One orbit of pattern mode: all pairings q for which p ∪ q has the cycle type <see cref="CycleType"/>
/// (a partition of m, parts in decreasing order), with their exact number <see cref="Degeneracy"/>.
/// Each cycle of length k is one closed Kronecker-delta loop through k pairs, so the orbit contributes
/// <c>Degeneracy × n^Loops</c> to Σ_q n^{loops(p,q)}.
/// </summary>
public sealed record CycleClass(IReadOnlyList<int> CycleType, BigInteger Degeneracy)
{
    /// <summary>Number of closed loops (parts of the cycle type).</summary>
    public int Loops => CycleType.Count;

    public override string ToString() => $"[{string.Join(",", CycleType)}] x {Degeneracy}";
}

/// <summary>
/// One step of the strand transfer: among the candidate partners of a strand's end, <see cref="Closing"/> close a
/// δ-loop (a factor of the width), <see cref="Joining"/> join two strands (a factor 1); <see cref="FirstJoin"/> is
/// one joining candidate (−1 if none).
/// </summary>
public readonly record struct StrandStep(int Closing, int Joining, int FirstJoin);

/// <summary>
/// Pattern mode of Wick pairing: instead of visiting the (2m−1)!! pairings q one by one, it classifies them by
/// the cycle type λ ⊢ m of p ∪ q for a fixed pairing p (the relabellings of summed indices that keep p fixed act
/// transitively on each class). The number of q with cycle type λ is
/// m! Π_i (2^{λ_i−1}/λ_i) / Π_k mult_k(λ)! (choose which p-pairs form each cycle, then close a cycle through
/// k pairs in 2^{k−1}(k−1)! ways), so 2m = 60 costs the 5604 partitions of 30 instead of 59!! pairings.
/// An independent second route, <see cref="LoopCountsByTransfer"/>, closes loops one strand at a time.
/// </summary>
public static class PairingPatterns
{
    /// <summary>The cycle classes of Σ_q over all pairings q of 2m points, relative to any fixed p.</summary>
    public static IEnumerable<CycleClass> CycleClasses(int pairs)
    {
        if (pairs < 0) throw new ArgumentOutOfRangeException(nameof(pairs), pairs, "Number of pairs is non-negative.");
        BigInteger mFactorial = Factorial(pairs);
        foreach (var lambda in Partitions(pairs))
        {
            // m! Π 2^{λ_i-1} / (Π λ_i · Π mult_k!)
            BigInteger num = mFactorial, den = BigInteger.One;
            int i = 0;
            while (i < lambda.Length)
            {
                int part = lambda[i], mult = 0;
                while (i < lambda.Length && lambda[i] == part) { mult++; i++; }
                num *= BigInteger.Pow(BigInteger.Pow(2, part - 1), mult);
                den *= BigInteger.Pow(part, mult) * Factorial(mult);
            }
            yield return new CycleClass(lambda, num / den);
        }
    }

    /// <summary>
    /// Coefficients a_k = #{q : p ∪ q has k loops} for 2m points (index k = 0 … m), by orbit counting over
    /// cycle types. Σ_k a_k n^k = Σ_q n^{loops(p,q)}.
    /// </summary>
    /// <remarks>
    /// The number of cycle types is the partition number p(m) (5,604 for m = 30, 4·10^12 for m = 200), so beyond
    /// <see cref="CycleClassLimit"/> pairs the same coefficients come from <see cref="LoopCountsByTransfer"/>, which
    /// costs O(m²) big-integer steps; the two routes agree wherever both run (tests).
    /// </remarks>
    public static BigInteger[] LoopCounts(int pairs)
    {
        if (pairs > CycleClassLimit) return LoopCountsByTransfer(pairs);
        var a = new BigInteger[pairs + 1];
        foreach (var c in CycleClasses(pairs)) a[c.Loops] += c.Degeneracy;
        return a;
    }

    /// <summary>Largest m for which <see cref="LoopCounts"/> sums over cycle types (p(40) = 37,338 classes).</summary>
    public const int CycleClassLimit = 40;

    /// <summary>
    /// The same coefficients by a transfer recursion on loop closures, O(m²) big-integer steps. Σ_q n^{loops(p,q)}
    /// over the pairings q of 2k points is contracted one strand at a time: <see cref="FollowStrand(Pairing, int)"/> takes the
    /// strand at point 0 and classifies every candidate q-partner y against p — y = p(0) closes a δ-loop (Σ_j δ_jj,
    /// a factor n), any other y joins two strands into one (Σ_j δ_{aj} δ_{jb} = δ_{ab}) and leaves a pairing of the
    /// 2k − 2 other points (<see cref="JoinStrands"/>, built and validated). The sum over q is invariant under
    /// relabelling the points (q runs over all pairings), so every remainder has the sum of the adjacent pairing of
    /// 2k − 2 points, and a_k(n) = (closing · n + joining) · a_{k−1}(n) with both counts found by the step
    /// (<see cref="TransferRecurrence"/>: long arithmetic while the coefficients fit, 64-bit limbs beyond).
    /// </summary>
    /// <remarks>The rising product n(n+2)⋯(n+2m−2) of (3.46) is not used here; the tests compare against it.</remarks>
    public static BigInteger[] LoopCountsByTransfer(int pairs)
    {
        if (pairs < 0) throw new ArgumentOutOfRangeException(nameof(pairs), pairs, "Number of pairs is non-negative.");
        var steps = new StrandStep[pairs];
        for (int k = 1; k <= pairs; k++)
        {
            var p = Pairing.Adjacent(2 * k);
            var step = FollowStrand(p, 0);
            if (k > 1 && JoinStrands(p, 0, step.FirstJoin).PairCount != k - 1)
                throw new InvalidOperationException($"Joining two strands of {k} pairs did not leave {k - 1} pairs.");
            steps[k - 1] = step;
        }
        // a ← (closing n + joining) a per step: the closing choices raise the loop count by one.
        return TransferRecurrence.Run(steps);
    }

    /// <summary>
    /// One transfer step on the strand that starts at <paramref name="start"/>: every other point y is a candidate
    /// q-partner; y = p(start) closes the loop through the pair (start, p(start)), any other y joins the strands
    /// through p(start) and p(y). Used by <see cref="LoopCountsByTransfer"/> and by the contraction of a pairing
    /// tensor over an index that occurs twice (<see cref="Tensors.PairingTensor"/>).
    /// </summary>
    public static StrandStep FollowStrand(Pairing p, int start)
    {
        ArgumentNullException.ThrowIfNull(p);
        return FollowStrand(p.PointCount, start, p.Partner(start));
    }

    /// <summary><see cref="FollowStrand(Pairing, int)"/> when only the strand's own pair (start, partner) is known.</summary>
    public static StrandStep FollowStrand(int points, int start, int partner)
    {
        if (start == partner || (uint)start >= (uint)points || (uint)partner >= (uint)points)
            throw new ArgumentException($"({start}, {partner}) is not a pair of {points} points.");
        int closing = 0, joining = 0, firstJoin = -1;
        for (int y = 0; y < points; y++)
        {
            if (y == start) continue;
            if (partner == y) closing++;
            else
            {
                joining++;
                if (firstJoin < 0) firstJoin = y;
            }
        }
        return new StrandStep(closing, joining, firstJoin);
    }

    /// <summary>
    /// The pairing left after the q-pair (x, y) joins the p-strands through x and y: the points x and y removed,
    /// p(x) and p(y) paired, the remaining points relabelled in order.
    /// </summary>
    public static Pairing JoinStrands(Pairing p, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (x == y || p.Partner(x) == y) throw new ArgumentException("The points must lie on two different strands.");
        // Point i ∉ {x, y} is relabelled i − [i > x] − [i > y]; FromPartners checks the result is a perfect matching.
        int Label(int i) => i - (i > x ? 1 : 0) - (i > y ? 1 : 0);
        int px = p.Partner(x), py = p.Partner(y);
        Span<int> partner = p.PointCount <= 256 ? stackalloc int[p.PointCount - 2] : new int[p.PointCount - 2];
        for (int i = 0; i < p.PointCount; i++)
            if (i != x && i != y && i != px && i != py) partner[Label(i)] = Label(p.Partner(i));
        partner[Label(px)] = Label(py);
        partner[Label(py)] = Label(px);
        return Pairing.FromPartners(partner);
    }

    /// <summary>The same coefficients by brute force over all pairings (budgeted; for cross-checks).</summary>
    public static BigInteger[] LoopCountsByEnumeration(int pairs, PairingEnumerator? enumerator = null)
    {
        var a = new long[pairs + 1];
        var p = Pairing.Adjacent(2 * pairs);
        int[] pp = p.Partners.ToArray();
        (enumerator ?? PairingEnumerator.Default).ForEach(2 * pairs, q => a[LoopCounter.Loops(pp, q)]++);
        return a.Select(x => new BigInteger(x)).ToArray();
    }

    /// <summary>All partitions of <paramref name="n"/>, parts in non-increasing order.</summary>
    public static IEnumerable<int[]> Partitions(int n)
    {
        if (n == 0) { yield return []; yield break; }
        var parts = new int[n];
        parts[0] = n;
        int len = 1;
        while (true)
        {
            yield return parts[..len];
            // Next partition in reverse lexicographic order.
            int rem = 0;
            while (len > 0 && parts[len - 1] == 1) { rem++; len--; }
            if (len == 0) yield break;
            int v = parts[len - 1] - 1;
            parts[len - 1] = v;
            rem++;
            while (rem > v) { parts[len++] = v; rem -= v; }
            parts[len++] = rem;
        }
    }

    private static BigInteger Factorial(int n)
    {
        BigInteger f = BigInteger.One;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }
}
