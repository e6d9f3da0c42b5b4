using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// The integer coefficients of a <see cref="PackedPolynomial"/> in the narrowest of three storages that holds them all:
/// <c>long</c> (FLINT's word-sized fmpz), <c>Int128</c> (what a product of word-sized operands needs), else
/// <see cref="BigInteger"/>. Exactly one of <see cref="Small"/>, <see cref="Wide"/>, <see cref="Big"/> is set.
/// </summary>
internal sealed class PackedCoefficients
{
    public readonly long[]? Small;
    public readonly Int128[]? Wide;
    public readonly BigInteger[]? Big;

    private PackedCoefficients(long[]? small, Int128[]? wide, BigInteger[]? big)
    {
        Small = small; Wide = wide; Big = big;
    }

    public static readonly PackedCoefficients Empty = new([], null, null);

    public int Count => Small?.Length ?? Wide?.Length ?? Big!.Length;

    public BigInteger this[int i] => Small is not null ? Small[i] : Wide is not null ? (BigInteger)Wide[i] : Big![i];

    /// <summary>The first <paramref name="count"/> values in the narrowest storage.</summary>
    public static PackedCoefficients From<T>(T[] values, int count) where T : IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long)) return new PackedCoefficients(Prefix((long[])(object)values, count), null, null);
        bool small = true, wide = true;
        var lo = T.CreateTruncating(long.MinValue);
        var hi = T.CreateTruncating(long.MaxValue);
        var wideLo = T.CreateSaturating(Int128.MinValue);
        var wideHi = T.CreateSaturating(Int128.MaxValue);
        for (int i = 0; i < count && wide; i++)
        {
            small &= values[i] >= lo && values[i] <= hi;
            wide &= values[i] >= wideLo && values[i] <= wideHi;
        }
        if (small)
        {
            var r = new long[count];
            for (int i = 0; i < count; i++) r[i] = long.CreateTruncating(values[i]);
            return new PackedCoefficients(r, null, null);
        }
        if (wide)
        {
            var r = new Int128[count];
            for (int i = 0; i < count; i++) r[i] = Int128.CreateTruncating(values[i]);
            return new PackedCoefficients(null, r, null);
        }
        var big = new BigInteger[count];
        for (int i = 0; i < count; i++) big[i] = BigInteger.CreateTruncating(values[i]);
        return new PackedCoefficients(null, null, big);
    }

    public static PackedCoefficients From(BigInteger[] values) => From(values, values.Length);

    /// <summary>Copies of the values in the narrowest storage, in arrays of exactly their length (for products read out of scratch).</summary>
    public static PackedCoefficients Copy<T>(ReadOnlySpan<T> values) where T : struct, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(long))
        {
            var r = GC.AllocateUninitializedArray<long>(values.Length);
            System.Runtime.InteropServices.MemoryMarshal.Cast<T, long>(values).CopyTo(r);
            return new PackedCoefficients(r, null, null);
        }
        if (typeof(T) == typeof(Int128))
        {
            var wide = System.Runtime.InteropServices.MemoryMarshal.Cast<T, Int128>(values);
            bool small = true;
            foreach (var v in wide)
                if (v != (long)v) { small = false; break; }
            if (!small) return new PackedCoefficients(null, wide.ToArray(), null);
            var r = GC.AllocateUninitializedArray<long>(wide.Length);
            for (int i = 0; i < r.Length; i++) r[i] = (long)wide[i];
            return new PackedCoefficients(r, null, null);
        }
        var array = values.ToArray();
        return From(array, array.Length);
    }

    private static long[] Prefix(long[] values, int count) => count == values.Length ? values : values[..count];

    /// <summary>Bit length of the largest absolute value.</summary>
    public int MaxBits()
    {
        if (Small is not null)
        {
            ulong or = 0;
            foreach (long v in Small) or |= v == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(v);
            return 64 - BitOperations.LeadingZeroCount(or);
        }
        if (Wide is not null)
        {
            UInt128 or = 0;
            foreach (var v in Wide) or |= v == Int128.MinValue ? UInt128.One << 127 : (UInt128)Int128.Abs(v);
            return 128 - (int)UInt128.LeadingZeroCount(or);
        }
        long bits = 0;
        foreach (var v in Big!) bits = Math.Max(bits, BigInteger.Abs(v).GetBitLength());
        return (int)Math.Min(bits, int.MaxValue);
    }

    public void SortBy(ulong[] keys)
    {
        if (Small is not null) Array.Sort(keys, Small);
        else if (Wide is not null) Array.Sort(keys, Wide);
        else Array.Sort(keys, Big!);
    }

    /// <summary>Every value as a BigInteger (for the arbitrary-size kernels).</summary>
    public BigInteger[] ToBig()
    {
        if (Big is not null) return Big;
        var r = new BigInteger[Count];
        for (int i = 0; i < r.Length; i++) r[i] = this[i];
        return r;
    }

    /// <summary>
    /// The content with the sign of the last value (the leading term in word order): dividing by it leaves a primitive
    /// polynomial with a positive leading coefficient. Word-sized values use a binary gcd on longs.
    /// </summary>
    public BigInteger SignedContent()
    {
        int n = Count;
        if (Small is not null)
        {
            ulong g = 0;
            for (int i = 0; i < n && g != 1; i++) g = Gcd(g, Small[i] == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(Small[i]));
            return Small[n - 1] < 0 ? -(BigInteger)g : g;
        }
        var big = BigInteger.Zero;
        for (int i = 0; i < n && !big.IsOne; i++) big = BigInteger.GreatestCommonDivisor(big, this[i]);
        return this[n - 1].Sign < 0 ? -big : big;
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        if (a == 0) return b;
        if (b == 0) return a;
        int shift = BitOperations.TrailingZeroCount(a | b);
        a >>= BitOperations.TrailingZeroCount(a);
        while (b != 0)
        {
            b >>= BitOperations.TrailingZeroCount(b);
            if (a > b) (a, b) = (b, a);
            b -= a;
        }
        return a << shift;
    }

    /// <summary>Every value divided by g (which divides them all).</summary>
    public PackedCoefficients DivideExactly(BigInteger g)
    {
        if (g.IsOne) return this;
        // long division stays exact except long.MinValue / −1 (2^63 is not a long): that one goes through BigInteger.
        if (Small is not null && g >= long.MinValue + 1 && g <= long.MaxValue && !(g == BigInteger.MinusOne && Small.Contains(long.MinValue)))
        {
            long d = (long)g;
            return new PackedCoefficients(Array.ConvertAll(Small, v => v / d), null, null);
        }
        return From(Array.ConvertAll(ToBig(), v => v / g));
    }

    /// <summary>Every value times s.</summary>
    public BigInteger[] Scaled(BigInteger s) => s.IsOne ? ToBig() : Array.ConvertAll(ToBig(), v => v * s);

    public bool ValuesEqual(PackedCoefficients other)
    {
        if (Small is not null && other.Small is not null) return Small.AsSpan().SequenceEqual(other.Small);
        if (Wide is not null && other.Wide is not null) return Wide.AsSpan().SequenceEqual(other.Wide);
        if (Big is not null && other.Big is not null) return Big.AsSpan().SequenceEqual(other.Big);
        return false; // different storages hold different ranges of values
    }
}
