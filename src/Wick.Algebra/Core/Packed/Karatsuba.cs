using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Wick.Algebra;

/// <summary>
/// Dense univariate products on <c>long</c> coefficients (the univariate kernel behind Kronecker substitution, as FLINT's
/// <c>fmpz_mpoly_mul_dense</c> hands the box to a univariate product): Karatsuba's split
/// (a₀ + a₁yᵐ)(b₀ + b₁yᵐ) = a₀b₀ + ((a₀ + a₁)(b₀ + b₁) − a₀b₀ − a₁b₁)yᵐ + a₁b₁y²ᵐ down to a vectorised schoolbook base
/// case. Exact when no intermediate value overflows: see <see cref="Fits"/>.
/// </summary>
internal static class Karatsuba
{
    /// <summary>Balanced lengths up to this are multiplied by the schoolbook base case.</summary>
    public const int BaseLength = 32;

    /// <summary>
    /// True when every intermediate value of <see cref="Multiply"/> fits a <c>long</c> for operands of lengths up to
    /// <paramref name="length"/> with coefficients below 2^bitsA and 2^bitsB. At recursion depth d (L levels in all) the
    /// inputs are sums of 2^d coefficients and a base product sums at most (n/2^d + 1)·4^d ≤ 2^(L+1)·n products a·b;
    /// with the two subtractions of the middle product every value is below 3·2^(L+1)·n·2^(bitsA + bitsB).
    /// </summary>
    public static bool Fits(int bitsA, int bitsB, int length) =>
        bitsA + bitsB + (32 - BitOperations.LeadingZeroCount((uint)length)) + Levels(length) + 3 <= 63;

    /// <summary>Number of Karatsuba splits above the base case for a balanced product of this length.</summary>
    public static int Levels(int length)
    {
        int levels = 0;
        for (int n = length; n > BaseLength; n = (n + 1) / 2) levels++;
        return levels;
    }

    /// <summary>Multiply-adds of the base cases of a product of these lengths (the cost model for choosing the kernel).</summary>
    public static long BaseProducts(int la, int lb)
    {
        if (la < lb) (la, lb) = (lb, la);
        long balanced = (long)Math.Min(lb, BaseLength) * Math.Min(lb, BaseLength);
        for (int n = lb; n > BaseLength; n = (n + 1) / 2) balanced *= 3;
        return balanced * ((la + lb - 1) / lb);
    }

    /// <summary>r[0 .. |a| + |b| − 1) = a·b (coefficient convolution).</summary>
    public static void Multiply(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> r)
    {
        if (a.Length < b.Length) { var t = a; a = b; b = t; }
        int n = b.Length;
        r = r[..(a.Length + n - 1)];
        if (a.Length == n)
        {
            var scratch = ProductScratch<long>.Rent(ScratchLength(n));
            Balanced(a, b, r, scratch);
            ProductScratch<long>.Return(scratch);
            return;
        }
        // Unbalanced: the longer operand in pieces of the shorter's length, each piece's product added at its offset.
        r.Clear();
        var piece = ProductScratch<long>.Rent(2 * n - 1);
        for (int offset = 0; offset < a.Length; offset += n)
        {
            var part = a.Slice(offset, Math.Min(n, a.Length - offset));
            var product = piece.AsSpan(0, part.Length + n - 1);
            Multiply(part, b, product);
            var target = r.Slice(offset, product.Length);
            for (int i = 0; i < product.Length; i++) target[i] += product[i];
        }
        ProductScratch<long>.Return(piece);
    }

    /// <summary>Scratch for a balanced product of length n: 4h − 1 per level (h = ⌈n/2⌉) plus the next level's.</summary>
    private static int ScratchLength(int n)
    {
        int total = 0;
        for (; n > BaseLength; n = (n + 1) / 2) total += 4 * ((n + 1) / 2);
        return Math.Max(total, 1);
    }

    /// <summary>r[0 .. 2n − 1) = a·b for |a| = |b| = n; overwrites r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Balanced(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> r, Span<long> scratch)
    {
        int n = a.Length;
        if (n <= BaseLength)
        {
            Schoolbook(a, b, r);
            return;
        }
        int m = n / 2, h = n - m;
        var a0 = a[..m];
        var a1 = a[m..];
        var b0 = b[..m];
        var b1 = b[m..];
        var z0 = r[..(2 * m - 1)];
        var z2 = r[(2 * m)..];
        Balanced(a0, b0, z0, scratch);
        r[2 * m - 1] = 0;
        Balanced(a1, b1, z2, scratch);
        var sa = scratch[..h];
        var sb = scratch.Slice(h, h);
        var z1 = scratch.Slice(2 * h, 2 * h - 1);
        a1.CopyTo(sa);
        b1.CopyTo(sb);
        Add(sa, a0);
        Add(sb, b0);
        Balanced(sa, sb, z1, scratch[(4 * h - 1)..]);
        Subtract(z1, z0);
        Subtract(z1, z2);
        Add(r.Slice(m, 2 * h - 1), z1);
    }

    /// <summary>Outputs computed together by the base case: four vectors of accumulators kept in registers.</summary>
    private static int Block => 4 * Vector256<long>.Count;

    /// <summary>
    /// r[0 .. |a| + |b| − 1) = a·b (|a|, |b| ≤ <see cref="BaseLength"/>), by blocks of outputs: block r[k .. k + B) sums
    /// a_i·b[k − i .. k − i + B) over the i that reach it, in registers (rows a_i·b added into r in memory would reload
    /// what the previous row just stored at an offset, which defeats store forwarding). b is read from a zero-padded
    /// copy; zero a_i (frequent after Kronecker substitution) are skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Schoolbook(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> r)
    {
        int na = a.Length, nb = b.Length, length = na + nb - 1;
        if (!Vector256.IsHardwareAccelerated)
        {
            r[..length].Clear();
            for (int i = 0; i < na; i++)
                for (int j = 0; j < nb; j++) r[i + j] += a[i] * b[j];
            return;
        }
        int block = Block, v = Vector256<long>.Count;
        Span<long> padded = stackalloc long[nb + 2 * block]; // padded[block + t] = b_t, zero outside
        padded.Clear();
        b.CopyTo(padded[block..]);
        Span<long> last = stackalloc long[block];
        ref long p0 = ref MemoryMarshal.GetReference(padded);
        for (int k = 0; k < length; k += block)
        {
            Vector256<long> s0 = default, s1 = default, s2 = default, s3 = default;
            int end = Math.Min(na - 1, k + block - 1);
            for (int i = Math.Max(0, k - nb + 1); i <= end; i++)
            {
                long x = a[i];
                if (x == 0) continue;
                var vx = Vector256.Create(x);
                ref long bk = ref Unsafe.Add(ref p0, block + k - i); // b_(k − i) and on
                s0 += vx * Vector256.LoadUnsafe(ref bk);
                s1 += vx * Vector256.LoadUnsafe(ref bk, (nuint)v);
                s2 += vx * Vector256.LoadUnsafe(ref bk, (nuint)(2 * v));
                s3 += vx * Vector256.LoadUnsafe(ref bk, (nuint)(3 * v));
            }
            var target = k + block <= length ? r.Slice(k, block) : last;
            s0.CopyTo(target);
            s1.CopyTo(target[v..]);
            s2.CopyTo(target[(2 * v)..]);
            s3.CopyTo(target[(3 * v)..]);
            if (k + block > length) last[..(length - k)].CopyTo(r[k..]);
        }
    }

    /// <summary>target[i] += source[i] for i &lt; |source|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Add(Span<long> target, ReadOnlySpan<long> source)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<long>.Count <= source.Length; i += Vector256<long>.Count)
                (Vector256.Create(target.Slice(i, Vector256<long>.Count)) + Vector256.Create(source.Slice(i, Vector256<long>.Count)))
                    .CopyTo(target.Slice(i, Vector256<long>.Count));
        for (; i < source.Length; i++) target[i] += source[i];
    }

    /// <summary>target[i] −= source[i] for i &lt; |source|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Subtract(Span<long> target, ReadOnlySpan<long> source)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<long>.Count <= source.Length; i += Vector256<long>.Count)
                (Vector256.Create(target.Slice(i, Vector256<long>.Count)) - Vector256.Create(source.Slice(i, Vector256<long>.Count)))
                    .CopyTo(target.Slice(i, Vector256<long>.Count));
        for (; i < source.Length; i++) target[i] -= source[i];
    }
}
