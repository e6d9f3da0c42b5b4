using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// How a <see cref="PackedPolynomial"/> stores exponent vectors in one 64-bit word (FLINT's packed exponents): field j
/// holds e_j − <see cref="Low"/>[j] ∈ [0, <see cref="High"/>[j]] in <see cref="Bits"/>[j] bits, generator 0 in the
/// lowest bits, so comparing words compares exponent vectors lexicographically from the last generator. Laurent
/// exponents are the offsets: a polynomial is x^Low times an ordinary polynomial. Immutable.
/// </summary>
internal sealed class ExponentPacking
{
    /// <summary>Per generator: the exponent stored as field value 0 (≤ every exponent that occurs).</summary>
    public readonly int[] Low;

    /// <summary>Per generator: an upper bound of the field values (exponent − Low).</summary>
    public readonly long[] High;

    /// <summary>Per generator: bit position of its field.</summary>
    public readonly int[] Shift;

    /// <summary>Per generator: field width in bits (0 when the field is always 0).</summary>
    public readonly int[] Bits;

    private ExponentPacking(int[] low, long[] high, int[] shift, int[] bits)
    {
        Low = low; High = high; Shift = shift; Bits = bits;
    }

    public int Generators => Low.Length;

    /// <summary>The packing for field values up to <paramref name="high"/>; null when the fields need more than 64 bits.</summary>
    public static ExponentPacking? Create(int[] low, long[] high)
    {
        int k = low.Length;
        var shift = new int[k];
        var bits = new int[k];
        int total = 0;
        for (int j = 0; j < k; j++)
        {
            if (high[j] < 0 || high[j] > uint.MaxValue) return null;
            bits[j] = 64 - BitOperations.LeadingZeroCount((ulong)high[j]);
            shift[j] = total;
            total += bits[j];
            if (total > 64) return null;
        }
        return new ExponentPacking(low, high, shift, bits);
    }

    /// <summary>The empty packing for k generators (every exponent 0).</summary>
    public static ExponentPacking Empty(int k) => Create(new int[k], new long[k])!;

    /// <summary>Word for the exponent vector e (each e_j within [Low_j, Low_j + High_j]).</summary>
    public ulong Encode(ReadOnlySpan<int> e)
    {
        ulong key = 0;
        for (int j = 0; j < e.Length; j++) key |= (ulong)((long)e[j] - Low[j]) << Shift[j];
        return key;
    }

    /// <summary>Field value of generator j in a word.</summary>
    public long Field(ulong key, int j) => Bits[j] == 0 ? 0 : (long)((key >> Shift[j]) & ((1UL << Bits[j]) - 1));

    /// <summary>Exponent of generator j in a word.</summary>
    public int Exponent(ulong key, int j) => (int)(Field(key, j) + Low[j]);

    /// <summary>Exponents of a word into e.</summary>
    public void Decode(ulong key, Span<int> e)
    {
        for (int j = 0; j < e.Length; j++) e[j] = Exponent(key, j);
    }

    /// <summary>The same exponent vectors re-encoded in <paramref name="target"/> (which must cover them).</summary>
    public ulong[] Repack(ulong[] keys, ExponentPacking target)
    {
        if (SameLayout(target)) return keys;
        var r = new ulong[keys.Length];
        Span<int> e = stackalloc int[Generators];
        for (int t = 0; t < keys.Length; t++)
        {
            Decode(keys[t], e);
            r[t] = target.Encode(e);
        }
        return r;
    }

    /// <summary>
    /// The same field values (exponent − this packing's offsets) placed in <paramref name="target"/>'s fields: the keys
    /// themselves when the fields sit at the same places, else written into <paramref name="into"/>.
    /// </summary>
    public ReadOnlySpan<ulong> MoveFields(ulong[] keys, ExponentPacking target, Span<ulong> into)
    {
        if (Shift.AsSpan().SequenceEqual(target.Shift) && Bits.AsSpan().SequenceEqual(target.Bits)) return keys;
        for (int t = 0; t < keys.Length; t++)
        {
            ulong key = 0;
            for (int j = 0; j < Generators; j++) key |= (ulong)Field(keys[t], j) << target.Shift[j];
            into[t] = key;
        }
        return into[..keys.Length];
    }

    private bool SameLayout(ExponentPacking other)
    {
        for (int j = 0; j < Low.Length; j++)
            if (Low[j] != other.Low[j] || Bits[j] != other.Bits[j]) return false;
        return true;
    }

    /// <summary>The packing covering both (for sums): lowest offsets, highest exponents.</summary>
    public static ExponentPacking? Union(ExponentPacking a, ExponentPacking b)
    {
        int k = a.Generators;
        var low = new int[k];
        var high = new long[k];
        for (int j = 0; j < k; j++)
        {
            low[j] = Math.Min(a.Low[j], b.Low[j]);
            high[j] = Math.Max(a.Low[j] + a.High[j], b.Low[j] + b.High[j]) - low[j];
        }
        return Create(low, high);
    }

    /// <summary>The packing of products (offsets and bounds add, so adding two words adds the exponent vectors).</summary>
    public static ExponentPacking? Product(ExponentPacking a, ExponentPacking b)
    {
        int k = a.Generators;
        var low = new int[k];
        var high = new long[k];
        for (int j = 0; j < k; j++)
        {
            long l = (long)a.Low[j] + b.Low[j];
            if (l < int.MinValue || l + a.High[j] + b.High[j] > int.MaxValue) return null;
            low[j] = (int)l;
            high[j] = a.High[j] + b.High[j];
        }
        return Create(low, high);
    }
}
