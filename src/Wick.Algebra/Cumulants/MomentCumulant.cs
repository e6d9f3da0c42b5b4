using System.Numerics;

namespace Wick.Algebra.Cumulants;

/// <summary>
/// Moment–cumulant inversion over set partitions (the "connected correlator" of §1.3 and (3.29), (3.57)).
/// For fields X_0 … X_{N−1} with block moments E[Π_{i∈B} X_i], the connected correlator is
/// <code>κ(X_0,…,X_{N−1}) = Σ_π μ(π, 1̂) Π_{B∈π} E[Π_{i∈B} X_i],   μ(π, 1̂) = (−1)^{|π|−1}(|π|−1)!</code>
/// and the inverse relation is E[X_0⋯X_{N−1}] = Σ_π Π_{B∈π} κ(B). Both are generic in the moment algebra, so the
/// same code serves scalar moments and neural-index tensors (a block's moment is a tensor on that block's indices;
/// the product over blocks multiplies Kronecker deltas on disjoint index sets).
/// </summary>
public static class MomentCumulant
{
    /// <summary>
    /// The connected correlator κ(0, …, <paramref name="points"/>−1) by the Möbius formula.
    /// </summary>
    /// <param name="points">Number of fields N.</param>
    /// <param name="moment">The moment of a block, given as the ascending list of its positions.</param>
    /// <param name="algebra">The moment algebra.</param>
    /// <param name="oddMomentsVanish">Zero-mean, parity-symmetric fields (z → −z): every odd block vanishes, so only
    /// partitions into even blocks are enumerated (and an odd N gives zero).</param>
    public static T Connected<T>(int points, Func<IReadOnlyList<int>, T> moment, IMomentAlgebra<T> algebra, bool oddMomentsVanish = true)
    {
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(algebra);
        var cache = new Dictionary<string, T>();
        T Moment(IReadOnlyList<int> block)
        {
            string key = string.Join(',', block);
            if (!cache.TryGetValue(key, out var m)) cache[key] = m = moment(block);
            return m;
        }

        T sum = algebra.Zero;
        foreach (var pi in SetPartitions.Enumerate(points, oddMomentsVanish))
        {
            T product = default!;
            bool first = true, zero = false;
            foreach (var block in pi.Blocks)
            {
                var m = Moment(block);
                if (algebra.IsZero(m)) { zero = true; break; }
                product = first ? m : algebra.Multiply(product, m);
                first = false;
            }
            if (zero || first) continue;
            sum = algebra.Add(sum, algebra.Scale(product, pi.Mobius));
        }
        return sum;
    }

    /// <summary>
    /// The connected correlator by brute-force subtraction — an independent algorithm for cross-checks:
    /// κ(S) = E[S] − Σ_{π ≠ 1̂} Π_{B∈π} κ(B), recursively over all subsets S (memoised), with every block's moment
    /// requested from <paramref name="moment"/> (odd ones included).
    /// </summary>
    public static T ConnectedBySubtraction<T>(int points, Func<IReadOnlyList<int>, T> moment, IMomentAlgebra<T> algebra)
    {
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(algebra);
        if (points > 20) throw new ArgumentOutOfRangeException(nameof(points), points, "Brute-force subtraction is for small cases (at most 20 points).");
        if (points == 0) return algebra.Zero;
        var memo = new Dictionary<int, T>();
        return Kappa((1 << points) - 1);

        T Kappa(int mask)
        {
            if (memo.TryGetValue(mask, out var known)) return known;
            var positions = Positions(mask);
            T result = moment(positions);
            foreach (var pi in SetPartitions.Enumerate(positions.Length))
            {
                if (pi.BlockCount == 1) continue;
                T product = default!;
                bool first = true;
                foreach (var block in pi.Blocks)
                {
                    int sub = 0;
                    foreach (var i in block) sub |= 1 << positions[i];
                    var k = Kappa(sub);
                    product = first ? k : algebra.Multiply(product, k);
                    first = false;
                }
                result = algebra.Add(result, algebra.Scale(product, BigInteger.MinusOne));
            }
            memo[mask] = result;
            return result;
        }
    }

    /// <summary>The inverse relation: the full moment from block cumulants, E[X_0⋯X_{N−1}] = Σ_π Π_{B∈π} κ(B).</summary>
    public static T MomentFromConnected<T>(int points, Func<IReadOnlyList<int>, T> connected, IMomentAlgebra<T> algebra, bool oddCumulantsVanish = true)
    {
        ArgumentNullException.ThrowIfNull(connected);
        ArgumentNullException.ThrowIfNull(algebra);
        T sum = algebra.Zero;
        foreach (var pi in SetPartitions.Enumerate(points, oddCumulantsVanish))
        {
            T product = default!;
            bool first = true;
            foreach (var block in pi.Blocks)
            {
                var k = connected(block);
                product = first ? k : algebra.Multiply(product, k);
                first = false;
            }
            if (!first) sum = algebra.Add(sum, product);
        }
        return sum;
    }

    private static int[] Positions(int mask)
    {
        var list = new List<int>();
        for (int i = 0; mask >> i != 0; i++)
            if ((mask >> i & 1) == 1) list.Add(i);
        return [.. list];
    }
}
