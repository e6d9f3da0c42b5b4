using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// Packed terms → <see cref="Polynomial"/>: exponents decoded once into dense rows over the symbols in canonical order,
/// sorted into the <see cref="Monomial.CompareTo"/> order by one integer key per term (a comparator when the keys do not
/// fit 63 bits), then one <see cref="Monomial"/> and one <see cref="Rational"/> per term.
/// </summary>
internal static class CanonicalTerms
{
    public static (Monomial, Rational)[] BuildTerms(PackedPolynomial p)
    {
        int count = p.Count;
        if (count == 0) return [];
        var ring = p.Ring;
        var order = ring.CanonicalOrder;
        var packing = p.Packing;
        int k = order.Length;
        var symbols = new Symbol[k];
        var isWidth = new bool[k];
        for (int c = 0; c < k; c++) { symbols[c] = ring.Generators[order[c]]; isWidth[c] = symbols[c].IsWidth; }

        var exps = new int[count * k];
        var width = new int[count];
        var last = new int[count];
        int wMin = int.MaxValue, wMax = int.MinValue;
        for (int t = 0; t < count; t++)
        {
            ulong key = p.Keys[t];
            int w = 0, l = -1;
            for (int c = 0; c < k; c++)
            {
                int e = packing.Exponent(key, order[c]);
                exps[t * k + c] = e;
                if (e != 0) { l = c; if (isWidth[c]) w += e; }
            }
            width[t] = w;
            last[t] = l;
            wMin = Math.Min(wMin, w); wMax = Math.Max(wMax, w);
        }

        var index = new int[count];
        for (int t = 0; t < count; t++) index[t] = t;
        var sortKeys = SortKeys(packing, order, exps, width, last, count, wMin, wMax);
        if (sortKeys is not null) SortByKeys(sortKeys, index);
        else Array.Sort(index, (x, y) => Compare(x, y, exps, width, last, k));

        var content = p.Content;
        var small = p.Numerators.Small;
        var terms = new (Monomial, Rational)[count];
        for (int i = 0; i < count; i++)
        {
            int t = index[i];
            terms[i] = (MonomialOf(exps.AsSpan(t * k, k), symbols), Coefficient(p, t, small, content));
        }
        return terms;
    }

    private static Monomial MonomialOf(ReadOnlySpan<int> e, Symbol[] symbols)
    {
        int nz = 0;
        foreach (int x in e) if (x != 0) nz++;
        if (nz == 0) return Monomial.One;
        var f = new (Symbol, int)[nz];
        for (int c = 0, q = 0; c < e.Length; c++)
            if (e[c] != 0) f[q++] = (symbols[c], e[c]);
        return new Monomial(f);
    }

    private static Rational Coefficient(PackedPolynomial p, int t, long[]? small, Rational content)
    {
        if (content.IsOne) return small is not null ? small[t] : p.Numerators[t];
        return content * p.Numerators[t];
    }

    /// <summary>
    /// Integer keys whose order is <see cref="Monomial.CompareTo"/>: (max width degree − width degree), then one digit per
    /// symbol in canonical order, most significant first: 1 + (highest − e) for e ≠ 0 (higher power first), radix + 1 for an
    /// absent symbol followed by a later one (that factor list continues with a larger symbol: it comes after), 0 for an
    /// absent symbol with nothing after it (a prefix comes first). Null when the keys do not fit 63 bits.
    /// </summary>
    private static long[]? SortKeys(ExponentPacking packing, ReadOnlySpan<int> order, int[] exps, int[] width, int[] last,
        int count, int wMin, int wMax)
    {
        int k = order.Length;
        var radix = new long[k];
        var highest = new long[k];
        var digitStride = new long[k];
        long total = 1;
        for (int c = k - 1; c >= 0; c--)
        {
            int g = order[c];
            radix[c] = packing.High[g] + 1;
            highest[c] = packing.Low[g] + packing.High[g];
            digitStride[c] = total;
            long digitRadix = radix[c] + 2;
            if (total > long.MaxValue / digitRadix) return null;
            total *= digitRadix;
        }
        long wRange = (long)wMax - wMin + 1;
        if (total > long.MaxValue / wRange) return null;
        var keys = new long[count];
        for (int t = 0; t < count; t++)
        {
            long key = (long)(wMax - width[t]) * total;
            for (int c = 0; c < k; c++)
            {
                int e = exps[t * k + c];
                long digit = e != 0 ? 1 + (highest[c] - e) : last[t] > c ? radix[c] + 1 : 0;
                key += digit * digitStride[c];
            }
            keys[t] = key;
        }
        return keys;
    }

    /// <summary>Sorts <paramref name="index"/> by the non-negative keys: LSD radix sort (11-bit digits) beyond a few hundred terms.</summary>
    private static void SortByKeys(long[] keys, int[] index)
    {
        int n = keys.Length;
        if (n < 256) { Array.Sort(keys, index); return; }
        long max = 0;
        foreach (long x in keys) max |= x;
        int bits = 64 - BitOperations.LeadingZeroCount((ulong)max);
        var keys2 = new long[n];
        var index2 = new int[n];
        var counts = new int[1 << 11];
        long[] k0 = keys, k1 = keys2;
        int[] i0 = index, i1 = index2;
        for (int shift = 0; shift < bits; shift += 11)
        {
            Array.Clear(counts);
            foreach (long x in k0) counts[(int)(x >> shift) & 2047]++;
            for (int d = 0, sum = 0; d < counts.Length; d++) { int c = counts[d]; counts[d] = sum; sum += c; }
            for (int t = 0; t < n; t++)
            {
                int pos = counts[(int)(k0[t] >> shift) & 2047]++;
                k1[pos] = k0[t];
                i1[pos] = i0[t];
            }
            (k0, k1) = (k1, k0);
            (i0, i1) = (i1, i0);
        }
        if (!ReferenceEquals(i0, index)) Array.Copy(i0, index, n);
    }

    /// <summary>
    /// <see cref="Monomial.CompareTo"/> on dense exponent rows over symbols in canonical order: width degree descending,
    /// then the factor lists lexicographically (smaller symbol first, higher exponent first, prefix first).
    /// </summary>
    private static int Compare(int x, int y, int[] exps, int[] width, int[] last, int k)
    {
        if (x == y) return 0;
        int c = width[y].CompareTo(width[x]);
        if (c != 0) return c;
        int ox = x * k, oy = y * k;
        for (int j = 0; j < k; j++)
        {
            int ex = exps[ox + j], ey = exps[oy + j];
            if (ex == ey) continue;
            if (ex != 0 && ey != 0) return ey.CompareTo(ex);
            // One list has symbol j here; the other has a later symbol (it comes second) or has ended (it comes first).
            if (ex != 0) return last[y] > j ? -1 : 1;
            return last[x] > j ? 1 : -1;
        }
        return 0;
    }
}
