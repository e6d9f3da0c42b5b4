using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wick.Algebra.Pairings;

/// <summary>
/// The coefficient recurrence of <see cref="PairingPatterns.LoopCountsByTransfer"/>: a_k(n) = (closing·n + joining)·a_{k−1}(n)
/// with the step counts given. All coefficients are non-negative and sum to Π (closing + joining), so while that
/// product fits a <c>long</c> every coefficient does (one overflow check per step); beyond it the coefficients are
/// natural numbers in 64-bit limbs updated in place (a[d] ← joining·a[d] + closing·a[d−1], d from the top down, as
/// GMP's mpn_mul_1/addmul_1), each with its own length. BigIntegers are built once, at the end.
/// </summary>
internal static class TransferRecurrence
{
    public static BigInteger[] Run(IReadOnlyList<StrandStep> steps)
    {
        int m = steps.Count;
        var small = new long[m + 1];
        small[0] = 1;
        long total = 1;
        int k = 1;
        for (; k <= m; k++)
        {
            var (closing, joining) = (steps[k - 1].Closing, steps[k - 1].Joining);
            long width = (long)closing + joining;
            if (width != 0 && total > long.MaxValue / width) break; // the next sum would not fit: continue in limbs
            total *= width;
            for (int d = k; d >= 0; d--)
                small[d] = (d == 0 ? 0 : closing * small[d - 1]) + joining * small[d];
        }
        if (k > m) return Array.ConvertAll(small, x => new BigInteger(x));

        // Limbs per coefficient: enough for the sum Π (closing + joining), bounded by the sum of bit lengths.
        long bits = 64;
        for (int s = k; s <= m; s++) bits += 64 - BitOperations.LeadingZeroCount((ulong)((long)steps[s - 1].Closing + steps[s - 1].Joining));
        int limbs = (int)(bits / 64 + 1);
        var a = new ulong[(m + 1) * limbs];
        var length = new int[m + 1];
        for (int d = 0; d < k; d++)
        {
            a[d * limbs] = (ulong)small[d];
            length[d] = small[d] == 0 ? 0 : 1;
        }
        for (; k <= m; k++)
        {
            ulong closing = (ulong)steps[k - 1].Closing, joining = (ulong)steps[k - 1].Joining;
            for (int d = k; d >= 0; d--)
                length[d] = d == 0
                    ? Scale(a.AsSpan(0, limbs), length[0], joining)
                    : ScaleAdd(a.AsSpan(d * limbs, limbs), length[d], joining, a.AsSpan((d - 1) * limbs, limbs), length[d - 1], closing);
        }
        var result = new BigInteger[m + 1];
        for (int d = 0; d <= m; d++)
            result[d] = new BigInteger(MemoryMarshal.AsBytes(a.AsSpan(d * limbs, length[d])), isUnsigned: true);
        return result;
    }

    /// <summary>x ← f·x on the first <paramref name="n"/> limbs; returns the new length.</summary>
    private static int Scale(Span<ulong> x, int n, ulong f)
    {
        ref ulong x0 = ref MemoryMarshal.GetReference(x);
        ulong carry = 0;
        for (int i = 0; i < n; i++)
        {
            UInt128 t = Math.BigMul(Unsafe.Add(ref x0, i), f) + carry;
            Unsafe.Add(ref x0, i) = (ulong)t;
            carry = (ulong)(t >> 64);
        }
        if (carry != 0) x[n++] = carry;
        return Trim(x, n);
    }

    /// <summary>
    /// x ← f·x + g·y (y of length <paramref name="ny"/> is read, not written); returns the new length of x. Both spans
    /// hold at least max(nx, ny) limbs (x one more when the result grows), zero beyond their lengths (f, g &lt; 2^31, so each limb step fits 128 bits).
    /// </summary>
    private static int ScaleAdd(Span<ulong> x, int nx, ulong f, ReadOnlySpan<ulong> y, int ny, ulong g)
    {
        int n = Math.Max(nx, ny);
        if (n > x.Length || n > y.Length) throw new InvalidOperationException("Limb buffer too short.");
        ref ulong x0 = ref MemoryMarshal.GetReference(x);
        ref ulong y0 = ref MemoryMarshal.GetReference(y);
        ulong carry = 0;
        if (g == 1)
            for (int i = 0; i < n; i++)
            {
                UInt128 t = Math.BigMul(Unsafe.Add(ref x0, i), f) + Unsafe.Add(ref y0, i) + carry;
                Unsafe.Add(ref x0, i) = (ulong)t;
                carry = (ulong)(t >> 64);
            }
        else
            for (int i = 0; i < n; i++)
            {
                UInt128 t = Math.BigMul(Unsafe.Add(ref x0, i), f) + Math.BigMul(Unsafe.Add(ref y0, i), g) + carry;
                Unsafe.Add(ref x0, i) = (ulong)t;
                carry = (ulong)(t >> 64);
            }
        if (carry != 0) x[n++] = carry;
        return Trim(x, n);
    }

    private static int Trim(ReadOnlySpan<ulong> x, int n)
    {
        while (n > 0 && x[n - 1] == 0) n--;
        return n;
    }
}
