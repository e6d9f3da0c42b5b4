using System.Numerics;
using System.Runtime.InteropServices;

namespace Wick.Algebra;

public sealed partial class Polynomial
{
    /// <summary>
    /// Product. Fast path: exponent vectors over the union of symbols are packed into one 64-bit key (each field
    /// wide enough for the sum, so adding keys adds exponents without carries), coefficients are scaled to
    /// integers by the lcm of their denominators and accumulated in a hash table (in <c>long</c> when the bound
    /// |a|·|b|·min(#a, #b) fits, else in BigInteger), then the result is sorted once.
    /// </summary>
    public static Polynomial operator *(Polynomial a, Polynomial b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsZero || b.IsZero) return Zero;
        if (a._terms.Length == 1) return b.ShiftBy(a._terms[0].Monomial).Scale(a._terms[0].Coefficient);
        if (b._terms.Length == 1) return a.ShiftBy(b._terms[0].Monomial).Scale(b._terms[0].Coefficient);
        // Small products: the packing set-up costs more than it saves.
        if ((long)a._terms.Length * b._terms.Length <= PackedThreshold) return MultiplyGeneric(a, b);
        return PackedProduct.TryMultiply(a, b) ?? MultiplyGeneric(a, b);
    }

    /// <summary>The packed product regardless of size (null when the exponents cannot be packed); for tests.</summary>
    internal static Polynomial? MultiplyPacked(Polynomial a, Polynomial b) =>
        a.IsZero || b.IsZero ? Zero : PackedProduct.TryMultiply(a, b);

    /// <summary>Products with at most this many term pairs use <see cref="MultiplyGeneric"/>.</summary>
    internal const int PackedThreshold = 24;

    /// <summary>Schoolbook product with a monomial-keyed hash table (any exponent range).</summary>
    internal static Polynomial MultiplyGeneric(Polynomial a, Polynomial b)
    {
        var acc = new Dictionary<Monomial, Rational>(Math.Min(a.Count * b.Count, 1 << 20));
        foreach (var (ma, ca) in a._terms)
            foreach (var (mb, cb) in b._terms)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, ma * mb, out _);
                slot += ca * cb;
            }
        return FromAccumulator(acc);
    }

    private static class PackedProduct
    {
        public static Polynomial? TryMultiply(Polynomial a, Polynomial b)
        {
            // Union of symbols, in canonical order.
            var index = new Dictionary<Symbol, int>();
            foreach (var p in (ReadOnlySpan<Polynomial>)[a, b])
                foreach (var (m, _) in p._terms)
                    foreach (var (s, _) in m.FactorSpan) index.TryAdd(s, 0);
            var symbols = index.Keys.ToArray();
            Array.Sort(symbols);
            int k = symbols.Length;
            for (int j = 0; j < k; j++) index[symbols[j]] = j;

            var ea = Dense(a, index, k, out var minA, out var maxA);
            var eb = Dense(b, index, k, out var minB, out var maxB);

            // Mixed-radix key: digit j is e_j − min_j with radix span_j + 1, so a product's key is the sum of its
            // factors' keys (digit sums stay below the radix: no carries).
            var radix = new long[k];
            var stride = new long[k];
            long box = 1;
            for (int j = 0; j < k; j++)
            {
                radix[j] = (long)maxA[j] - minA[j] + maxB[j] - minB[j] + 1;
                stride[j] = box;
                if (box > long.MaxValue / radix[j]) return null;
                box *= radix[j];
            }
            var keyA = Keys(ea, a.Count, k, minA, stride);
            var keyB = Keys(eb, b.Count, k, minB, stride);

            var intA = Integerise(a, out var denA, out int bitsA);
            var intB = Integerise(b, out var denB, out int bitsB);
            int pairBits = 64 - BitOperations.LeadingZeroCount((ulong)Math.Min(a.Count, b.Count));
            var den = denA * denB;
            long pairs = (long)a.Count * b.Count;
            bool fitsLong = bitsA + bitsB + pairBits <= 62;
            bool fitsInt128 = bitsA <= 63 && bitsB <= 63 && bitsA + bitsB + pairBits <= 126;
            int capacity = (int)Math.Min(Math.Min(pairs, box), 1 << 20);

            List<(long Key, BigInteger Value)> sums =
                fitsLong && box <= DenseLimit && box <= 16 * pairs ? AccumulateDenseLong(keyA, keyB, intA, intB, (int)box)
                : fitsLong ? Accumulate<long>(keyA, keyB, intA, intB, capacity)
                : fitsInt128 ? Accumulate<Int128>(keyA, keyB, intA, intB, capacity)
                : Accumulate<BigInteger>(keyA, keyB, intA, intB, capacity);
            if (sums.Count == 0) return Zero;

            // Decode exponents once and sort in the dense domain (no Symbol comparisons).
            int count = sums.Count;
            var exps = new int[count * k];
            var width = new int[count];
            var last = new int[count];
            int wMin = int.MaxValue, wMax = int.MinValue;
            for (int t = 0; t < count; t++)
            {
                long key = sums[t].Key;
                int w = 0, l = -1;
                for (int j = 0; j < k; j++)
                {
                    int e = (int)(key / stride[j] % radix[j]) + minA[j] + minB[j];
                    exps[t * k + j] = e;
                    if (e != 0) { l = j; if (symbols[j].IsWidth) w += e; }
                }
                width[t] = w;
                last[t] = l;
                wMin = Math.Min(wMin, w); wMax = Math.Max(wMax, w);
            }
            var order = new int[count];
            for (int t = 0; t < count; t++) order[t] = t;
            var sortKeys = SortKeys(exps, width, last, k, count, radix, maxA, maxB, wMin, wMax);
            if (sortKeys is not null) Array.Sort(sortKeys, order);
            else Array.Sort(order, (x, y) => DenseCompare(x, y, exps, width, last, k));

            var terms = new (Monomial, Rational)[count];
            for (int i = 0; i < count; i++)
            {
                int t = order[i];
                int nz = 0;
                for (int j = 0; j < k; j++) if (exps[t * k + j] != 0) nz++;
                Monomial m;
                if (nz == 0) m = Monomial.One;
                else
                {
                    var f = new (Symbol, int)[nz];
                    for (int j = 0, q = 0; j < k; j++)
                    {
                        int e = exps[t * k + j];
                        if (e != 0) f[q++] = (symbols[j], e);
                    }
                    m = new Monomial(f);
                }
                var value = sums[t].Value;
                terms[i] = (m, den.IsOne ? value : Rational.Create(value, den));
            }
            return new Polynomial(terms);
        }

        /// <summary>Largest exponent box accumulated in a plain array instead of a hash table.</summary>
        private const long DenseLimit = 1 << 22;

        /// <summary>
        /// Integer keys whose order is <see cref="Monomial.CompareTo"/>: (max width degree − width degree), then one digit
        /// per symbol, most significant first: 1 + (max − e) for e ≠ 0 (higher power first), span + 2 for an absent
        /// symbol followed by a later one (that list continues with a larger symbol: it comes after), 0 for an absent
        /// symbol with nothing after it (a prefix comes first). Null when the keys do not fit in 63 bits.
        /// </summary>
        private static long[]? SortKeys(int[] exps, int[] width, int[] last, int k, int count, long[] radix, int[] maxA, int[] maxB, int wMin, int wMax)
        {
            var digitRadix = new long[k];
            var digitStride = new long[k];
            long total = 1;
            for (int j = k - 1; j >= 0; j--)
            {
                digitRadix[j] = radix[j] + 2;
                digitStride[j] = total;
                if (total > long.MaxValue / digitRadix[j]) return null;
                total *= digitRadix[j];
            }
            long wRange = (long)wMax - wMin + 1;
            if (total > long.MaxValue / wRange) return null;
            var keys = new long[count];
            for (int t = 0; t < count; t++)
            {
                long key = (long)(wMax - width[t]) * total;
                for (int j = 0; j < k; j++)
                {
                    int e = exps[t * k + j];
                    long digit = e != 0 ? 1 + ((long)maxA[j] + maxB[j] - e) : last[t] > j ? radix[j] + 1 : 0;
                    key += digit * digitStride[j];
                }
                keys[t] = key;
            }
            return keys;
        }

        /// <summary>
        /// <see cref="Monomial.CompareTo"/> on dense exponent vectors over symbols in canonical order: width degree
        /// descending, then the factor lists lexicographically (smaller symbol first, higher exponent first, prefix first).
        /// </summary>
        private static int DenseCompare(int x, int y, int[] exps, int[] width, int[] last, int k)
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

        private static int[] Dense(Polynomial p, Dictionary<Symbol, int> index, int k, out int[] min, out int[] max)
        {
            var e = new int[p.Count * k];
            min = new int[k]; max = new int[k];
            Array.Fill(min, int.MaxValue); Array.Fill(max, int.MinValue);
            for (int i = 0; i < p.Count; i++)
                foreach (var (s, x) in p._terms[i].Monomial.FactorSpan) e[i * k + index[s]] = x;
            for (int i = 0; i < p.Count; i++)
                for (int j = 0; j < k; j++)
                {
                    int x = e[i * k + j];
                    if (x < min[j]) min[j] = x;
                    if (x > max[j]) max[j] = x;
                }
            return e;
        }

        private static long[] Keys(int[] e, int count, int k, int[] min, long[] stride)
        {
            var keys = new long[count];
            for (int i = 0; i < count; i++)
            {
                long key = 0;
                for (int j = 0; j < k; j++) key += (e[i * k + j] - min[j]) * stride[j];
                keys[i] = key;
            }
            return keys;
        }

        /// <summary>Coefficients times the lcm L of their denominators: integers c·L; L returned.</summary>
        private static BigInteger[] Integerise(Polynomial p, out BigInteger lcm, out int maxBits)
        {
            lcm = BigInteger.One;
            foreach (var (_, c) in p._terms)
            {
                var d = c.Denominator;
                if (!d.IsOne) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, d) * d;
            }
            var r = new BigInteger[p.Count];
            maxBits = 0;
            for (int i = 0; i < r.Length; i++)
            {
                var c = p._terms[i].Coefficient;
                r[i] = lcm.IsOne ? c.Numerator : c.Numerator * (lcm / c.Denominator);
                maxBits = Math.Max(maxBits, (int)BigInteger.Abs(r[i]).GetBitLength());
            }
            return r;
        }

        private static List<(long, BigInteger)> AccumulateDenseLong(long[] keyA, long[] keyB, BigInteger[] intA, BigInteger[] intB, int box)
        {
            var ca = intA.Select(x => (long)x).ToArray();
            var cb = intB.Select(x => (long)x).ToArray();
            var acc = new long[box];
            for (int i = 0; i < keyA.Length; i++)
            {
                long ka = keyA[i], c = ca[i];
                for (int j = 0; j < keyB.Length; j++) acc[ka + keyB[j]] += c * cb[j];
            }
            var list = new List<(long, BigInteger)>();
            for (int key = 0; key < acc.Length; key++)
                if (acc[key] != 0) list.Add((key, acc[key]));
            return list;
        }

        /// <summary>
        /// Hash accumulation of all pairwise products in the integer type <typeparamref name="T"/> (long, Int128 or
        /// BigInteger, chosen by the caller's bit bound so that no partial sum overflows); the JIT specialises each.
        /// </summary>
        private static List<(long, BigInteger)> Accumulate<T>(long[] keyA, long[] keyB, BigInteger[] intA, BigInteger[] intB, int capacity)
            where T : struct, IBinaryInteger<T>
        {
            var ca = Array.ConvertAll(intA, T.CreateChecked);
            var cb = Array.ConvertAll(intB, T.CreateChecked);
            var acc = new Dictionary<long, T>(capacity);
            for (int i = 0; i < keyA.Length; i++)
            {
                long ka = keyA[i];
                T c = ca[i];
                for (int j = 0; j < keyB.Length; j++)
                {
                    ref T slot = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, ka + keyB[j], out _);
                    slot += c * cb[j];
                }
            }
            var list = new List<(long, BigInteger)>(acc.Count);
            foreach (var (key, v) in acc) if (!T.IsZero(v)) list.Add((key, BigInteger.CreateChecked(v)));
            return list;
        }
    }
}
