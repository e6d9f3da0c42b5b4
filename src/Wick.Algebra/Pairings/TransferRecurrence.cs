using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wick.Algebra.Pairings;

/// <summary>
/// The coefficient recurrence of <see cref="PairingPatterns.LoopCountsByTransfer"/>: a_k(n) = (closing·n + joining)·a_{k−1}(n)
/// with the step counts given. All coefficients are non-negative and sum to Π (closing + joining), so while that
/// product fits a <c>long</c> every coefficient does (one overflow check per step); beyond it the coefficients are
/// natural numbers in 64-bit limbs updated in place, d from the top down, several steps per pass: the product of up to
/// four consecutive factors Σ_i e_i n^i (each e_i &lt; 2^60) gives a[d] ← Σ_i e_i·a[d−i] in one sweep over the limbs
/// (a quarter of the passes of a[d] ← joining·a[d] + closing·a[d−1], GMP's mpn_mul_1/addmul_1 per step). Each coefficient
/// keeps its own length. BigIntegers are built once, at the end.
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
        // Several steps at once: Π over s consecutive steps of (closing·n + joining) = Σ_i e_i n^i, so one top-down pass
        // a[d] ← Σ_i e_i·a[d − i] does s steps (as many as keep every e_i below 2^60, at most MaxCombined).
        Span<ulong> e = stackalloc ulong[MaxCombined + 1];
        while (k <= m)
        {
            int s = Combine(steps, k, m, e);
            k += s;
            int top = k - 1;
            for (int d = top; d >= 0; d--)
                length[d] = ScaleAddMany(a, limbs, d, length, e[..(Math.Min(d, s) + 1)]);
        }
        var result = new BigInteger[m + 1];
        for (int d = 0; d <= m; d++)
            result[d] = new BigInteger(MemoryMarshal.AsBytes(a.AsSpan(d * limbs, length[d])), isUnsigned: true);
        return result;
    }

    /// <summary>Most steps one pass does (a limb step then sums at most MaxCombined + 1 products below 2^124 each).</summary>
    private const int MaxCombined = 4;

    /// <summary>
    /// Expands Π (closing·n + joining) over the steps from <paramref name="k"/> on (1-based), as many as keep every
    /// coefficient below 2^60 (at least one: a single step's counts are below 2^31), into e[0 .. s]; returns s.
    /// </summary>
    private static int Combine(IReadOnlyList<StrandStep> steps, int k, int m, Span<ulong> e)
    {
        e.Clear();
        e[0] = (ulong)steps[k - 1].Joining;
        e[1] = (ulong)steps[k - 1].Closing;
        int s = 1;
        Span<UInt128> next = stackalloc UInt128[MaxCombined + 1];
        while (s < MaxCombined && k + s <= m)
        {
            ulong closing = (ulong)steps[k + s - 1].Closing, joining = (ulong)steps[k + s - 1].Joining;
            bool fits = true;
            for (int i = 0; i <= s + 1; i++)
            {
                next[i] = (i <= s ? (UInt128)e[i] * joining : 0) + (i > 0 ? (UInt128)e[i - 1] * closing : 0);
                fits &= next[i] < (UInt128)1 << 60;
            }
            if (!fits) break;
            s++;
            for (int i = 0; i <= s; i++) e[i] = (ulong)next[i];
        }
        return s;
    }

    /// <summary>
    /// a[d] ← Σ_i e_i·a[d − i] (i &lt; |e|) in place, limb by limb (a[d − i] for i ≥ 1 are read, not yet updated: the
    /// caller goes from the top down); returns the new length of a[d]. Every coefficient holds <paramref name="limbs"/>
    /// limbs, zero beyond its length; with e_i &lt; 2^60 and at most five terms a limb's sum fits 128 bits.
    /// </summary>
    private static int ScaleAddMany(ulong[] a, int limbs, int d, int[] length, ReadOnlySpan<ulong> e)
    {
        int n = 0;
        for (int i = 0; i < e.Length; i++) n = Math.Max(n, length[d - i]);
        if (n > limbs) throw new InvalidOperationException("Limb buffer too short.");
        ref ulong x0 = ref a[d * limbs];
        ulong carry = 0;
        if (e.Length == 5) // four steps: the common case, unrolled
        {
            ulong e0 = e[0], e1 = e[1], e2 = e[2], e3 = e[3], e4 = e[4];
            ref ulong y1 = ref Unsafe.Subtract(ref x0, limbs);
            ref ulong y2 = ref Unsafe.Subtract(ref y1, limbs);
            ref ulong y3 = ref Unsafe.Subtract(ref y2, limbs);
            ref ulong y4 = ref Unsafe.Subtract(ref y3, limbs);
            if (e4 == 1) // every closing count 1 (the engine's steps): the top coefficient needs no multiply
                for (int l = 0; l < n; l++)
                {
                    UInt128 t = Math.BigMul(Unsafe.Add(ref x0, l), e0) + carry + Math.BigMul(Unsafe.Add(ref y1, l), e1)
                        + Math.BigMul(Unsafe.Add(ref y2, l), e2) + Math.BigMul(Unsafe.Add(ref y3, l), e3) + Unsafe.Add(ref y4, l);
                    Unsafe.Add(ref x0, l) = (ulong)t;
                    carry = (ulong)(t >> 64);
                }
            else
                for (int l = 0; l < n; l++)
                {
                    UInt128 t = Math.BigMul(Unsafe.Add(ref x0, l), e0) + carry + Math.BigMul(Unsafe.Add(ref y1, l), e1)
                        + Math.BigMul(Unsafe.Add(ref y2, l), e2) + Math.BigMul(Unsafe.Add(ref y3, l), e3) + Math.BigMul(Unsafe.Add(ref y4, l), e4);
                    Unsafe.Add(ref x0, l) = (ulong)t;
                    carry = (ulong)(t >> 64);
                }
        }
        else
        {
            for (int l = 0; l < n; l++)
            {
                UInt128 t = Math.BigMul(Unsafe.Add(ref x0, l), e[0]) + carry;
                for (int i = 1; i < e.Length; i++) t += Math.BigMul(Unsafe.Add(ref x0, l - i * limbs), e[i]);
                Unsafe.Add(ref x0, l) = (ulong)t;
                carry = (ulong)(t >> 64);
            }
        }
        if (carry != 0)
        {
            if (n == limbs) throw new InvalidOperationException("Limb buffer too short.");
            Unsafe.Add(ref x0, n++) = carry;
        }
        while (n > 0 && Unsafe.Add(ref x0, n - 1) == 0) n--;
        return n;
    }
}
