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
        return PackedProduct.TryMultiply(a, b) ?? MultiplyGeneric(a, b);
    }

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
            var set = new SortedSet<Symbol>();
            foreach (var p in (ReadOnlySpan<Polynomial>)[a, b])
                foreach (var (m, _) in p._terms)
                    foreach (var (s, _) in m.FactorSpan) set.Add(s);
            var symbols = set.ToArray();
            int k = symbols.Length;
            var index = new Dictionary<Symbol, int>(k);
            for (int j = 0; j < k; j++) index[symbols[j]] = j;

            var ea = Dense(a, index, k, out var minA, out var maxA);
            var eb = Dense(b, index, k, out var minB, out var maxB);
            var shift = new int[k];
            var mask = new long[k];
            int bits = 0;
            for (int j = 0; j < k; j++)
            {
                long span = (long)maxA[j] - minA[j] + maxB[j] - minB[j];
                int w = span == 0 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)span);
                shift[j] = bits;
                mask[j] = (1L << w) - 1;
                bits += w;
                if (bits > 63) return null;
            }
            var keyA = Keys(ea, a.Count, k, minA, shift);
            var keyB = Keys(eb, b.Count, k, minB, shift);

            var intA = Integerise(a, out var denA, out int bitsA);
            var intB = Integerise(b, out var denB, out int bitsB);
            int pairBits = 64 - BitOperations.LeadingZeroCount((ulong)Math.Min(a.Count, b.Count));
            var den = denA * denB;

            List<(long Key, BigInteger Value)> sums;
            if (bitsA + bitsB + pairBits <= 62)
                sums = AccumulateLong(keyA, keyB, intA, intB);
            else
                sums = AccumulateBig(keyA, keyB, intA, intB);

            var terms = new (Monomial, Rational)[sums.Count];
            int n = 0;
            var factors = new List<(Symbol, int)>(k);
            foreach (var (key, value) in sums)
            {
                if (value.IsZero) continue;
                factors.Clear();
                for (int j = 0; j < k; j++)
                {
                    int e = (int)((key >> shift[j]) & mask[j]) + minA[j] + minB[j];
                    if (e != 0) factors.Add((symbols[j], e));
                }
                var m = factors.Count == 0 ? Monomial.One : new Monomial(factors.ToArray());
                terms[n++] = (m, den.IsOne ? value : Rational.Create(value, den));
            }
            if (n == 0) return Zero;
            Array.Resize(ref terms, n);
            Array.Sort(terms, TermComparer.Instance);
            return new Polynomial(terms);
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

        private static long[] Keys(int[] e, int count, int k, int[] min, int[] shift)
        {
            var keys = new long[count];
            for (int i = 0; i < count; i++)
            {
                long key = 0;
                for (int j = 0; j < k; j++) key |= (long)(e[i * k + j] - min[j]) << shift[j];
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

        private static List<(long, BigInteger)> AccumulateLong(long[] keyA, long[] keyB, BigInteger[] intA, BigInteger[] intB)
        {
            var ca = intA.Select(x => (long)x).ToArray();
            var cb = intB.Select(x => (long)x).ToArray();
            var acc = new Dictionary<long, long>(Math.Min(keyA.Length * keyB.Length, 1 << 20));
            for (int i = 0; i < keyA.Length; i++)
            {
                long ka = keyA[i], c = ca[i];
                for (int j = 0; j < keyB.Length; j++)
                {
                    ref long slot = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, ka + keyB[j], out _);
                    slot += c * cb[j];
                }
            }
            var list = new List<(long, BigInteger)>(acc.Count);
            foreach (var (key, v) in acc) list.Add((key, v));
            return list;
        }

        private static List<(long, BigInteger)> AccumulateBig(long[] keyA, long[] keyB, BigInteger[] intA, BigInteger[] intB)
        {
            var acc = new Dictionary<long, BigInteger>(Math.Min(keyA.Length * keyB.Length, 1 << 20));
            for (int i = 0; i < keyA.Length; i++)
            {
                long ka = keyA[i];
                var c = intA[i];
                for (int j = 0; j < keyB.Length; j++)
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, ka + keyB[j], out _);
                    slot += c * intB[j];
                }
            }
            var list = new List<(long, BigInteger)>(acc.Count);
            foreach (var (key, v) in acc) list.Add((key, v));
            return list;
        }
    }
}
