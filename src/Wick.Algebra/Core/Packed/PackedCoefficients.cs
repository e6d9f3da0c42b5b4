using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// The integer coefficients of a <see cref="PackedPolynomial"/>: one <c>long</c> each while every one fits (FLINT's
/// word-sized fmpz), otherwise <see cref="BigInteger"/>s. Never mixed: <see cref="Small"/> is used whenever possible.
/// </summary>
internal sealed class PackedCoefficients
{
    public readonly long[]? Small;
    public readonly BigInteger[]? Big;

    private PackedCoefficients(long[]? small, BigInteger[]? big)
    {
        Small = small; Big = big;
    }

    public static readonly PackedCoefficients Empty = new([], null);

    public int Count => Small?.Length ?? Big!.Length;

    public BigInteger this[int i] => Small is not null ? Small[i] : Big![i];

    public static PackedCoefficients FromSmall(long[] values) => new(values, null);

    /// <summary>Word-sized storage when every value fits a long.</summary>
    public static PackedCoefficients From(BigInteger[] values)
    {
        foreach (var v in values)
            if (v < long.MinValue || v > long.MaxValue) return new PackedCoefficients(null, values);
        var small = new long[values.Length];
        for (int i = 0; i < small.Length; i++) small[i] = (long)values[i];
        return new PackedCoefficients(small, null);
    }

    /// <summary>Word-sized storage when every accumulated value fits a long (first <paramref name="count"/> values).</summary>
    public static PackedCoefficients From<T>(T[] values, int count) where T : IBinaryInteger<T>
    {
        var lo = T.CreateTruncating(long.MinValue);
        var hi = T.CreateTruncating(long.MaxValue);
        bool small = true;
        for (int i = 0; i < count && small; i++) small = values[i] >= lo && values[i] <= hi;
        if (small)
        {
            var r = new long[count];
            for (int i = 0; i < count; i++) r[i] = long.CreateTruncating(values[i]);
            return new PackedCoefficients(r, null);
        }
        var big = new BigInteger[count];
        for (int i = 0; i < count; i++) big[i] = BigInteger.CreateTruncating(values[i]);
        return new PackedCoefficients(null, big);
    }

    /// <summary>Bit length of the largest absolute value.</summary>
    public int MaxBits()
    {
        if (Small is not null)
        {
            ulong or = 0;
            foreach (long v in Small) or |= v == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(v);
            return 64 - BitOperations.LeadingZeroCount(or);
        }
        long bits = 0;
        foreach (var v in Big!) bits = Math.Max(bits, BigInteger.Abs(v).GetBitLength());
        return (int)Math.Min(bits, int.MaxValue);
    }

    public void SortBy(ulong[] keys)
    {
        if (Small is not null) Array.Sort(keys, Small);
        else Array.Sort(keys, Big!);
    }

    /// <summary>Every value as a BigInteger (for the arbitrary-size kernels).</summary>
    public BigInteger[] ToBig()
    {
        if (Big is not null) return Big;
        var r = new BigInteger[Small!.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Small[i];
        return r;
    }

    public PackedCoefficients Negate()
    {
        if (Small is not null && !Small.Contains(long.MinValue)) return new PackedCoefficients(Array.ConvertAll(Small, v => -v), null);
        return From(Array.ConvertAll(ToBig(), v => -v));
    }

    /// <summary>gcd(d, all values): the common factor a denominator d shares with the content.</summary>
    public BigInteger GcdWith(BigInteger d)
    {
        var g = BigInteger.Abs(d);
        for (int i = 0; i < Count && !g.IsOne; i++) g = BigInteger.GreatestCommonDivisor(g, this[i]);
        return g;
    }

    /// <summary>Every value divided by g (which divides them all).</summary>
    public PackedCoefficients DivideExactly(BigInteger g)
    {
        if (g.IsOne) return this;
        if (Small is not null && g <= long.MaxValue)
        {
            long d = (long)g;
            return new PackedCoefficients(Array.ConvertAll(Small, v => v / d), null);
        }
        return From(Array.ConvertAll(ToBig(), v => v / g));
    }

    /// <summary>Every value times s.</summary>
    public BigInteger[] Scaled(BigInteger s) => s.IsOne ? ToBig() : Array.ConvertAll(ToBig(), v => v * s);

    public bool ValuesEqual(PackedCoefficients other)
    {
        if (Small is not null && other.Small is not null) return Small.AsSpan().SequenceEqual(other.Small);
        if (Big is not null && other.Big is not null) return Big.AsSpan().SequenceEqual(other.Big);
        return false; // one fits longs and the other does not
    }
}
