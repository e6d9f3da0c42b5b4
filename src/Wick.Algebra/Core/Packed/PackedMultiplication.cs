using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wick.Algebra;

/// <summary>
/// Products of <see cref="PackedPolynomial"/>s, chosen by shape as FLINT's <c>fmpz_mpoly_mul</c> does: when the exponent
/// box of the product is small next to the number of term pairs, every pair adds into a plain array indexed by the
/// mixed-radix position of its exponent vector (read out in word order, no sort); otherwise an open-addressing hash
/// table on the summed words, sorted once. The accumulator is <c>long</c>, <c>Int128</c> or <see cref="BigInteger"/>
/// by the bound |Σ| ≤ min(#a, #b)·max|a|·max|b| (no partial sum can overflow the type chosen).
/// </summary>
internal static class PackedMultiplication
{
    /// <summary>Largest exponent box accumulated in an array.</summary>
    private const long DenseLimit = 1 << 21;

    /// <summary>The array is used when the box has at most this many cells per term pair.</summary>
    private const long DenseCellsPerPair = 8;

    public static PackedPolynomial? TryMultiply(PackedPolynomial a, PackedPolynomial b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        PackedPolynomial.RequireSameRing(a, b);
        if (a.IsZero) return a;
        if (b.IsZero) return b;
        var packing = ExponentPacking.Product(a.Packing, b.Packing);
        if (packing is null) return null;

        int pairBits = 64 - BitOperations.LeadingZeroCount((ulong)Math.Min(a.Count, b.Count));
        int bitsA = a.Numerators.MaxBits(), bitsB = b.Numerators.MaxBits();
        long pairs = (long)a.Count * b.Count;
        long box = Box(packing);
        bool dense = box <= DenseLimit && box <= DenseCellsPerPair * pairs;

        ulong[] keys;
        PackedCoefficients coefficients;
        if (bitsA + bitsB + pairBits <= 63)
            (keys, coefficients) = Run<long, long, LongProducts>(a, b, packing, dense, box, a.Numerators.Small!, b.Numerators.Small!);
        else if (bitsA <= 63 && bitsB <= 63 && bitsA + bitsB + pairBits <= 127)
            (keys, coefficients) = Run<long, Int128, WideProducts>(a, b, packing, dense, box, a.Numerators.Small!, b.Numerators.Small!);
        else
            (keys, coefficients) = Run<BigInteger, BigInteger, BigProducts>(a, b, packing, dense, box, a.Numerators.ToBig(), b.Numerators.ToBig());
        return new PackedPolynomial(a.Ring, packing, keys, coefficients, a.Content * b.Content, primitive: true); // Gauss's lemma
    }

    private static long Box(ExponentPacking packing)
    {
        long box = 1;
        foreach (long h in packing.High)
        {
            if (box > DenseLimit) return long.MaxValue;
            box *= h + 1;
        }
        return box;
    }

    private static (ulong[], PackedCoefficients) Run<TIn, TAcc, TOps>(
        PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, bool dense, long box, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        if (dense) return DenseProduct<TIn, TAcc, TOps>(a, b, packing, (int)box, ca, cb);
        return HashProduct<TIn, TAcc, TOps>(a.Packing.MoveFields(a.Keys, packing), b.Packing.MoveFields(b.Keys, packing), ca, cb);
    }

    // ----- dense array ------------------------------------------------------------------------------------------

    /// <summary>
    /// The array product one slice of the last generator (the most significant field) at a time, as FLINT's
    /// <c>mul_array_LEX</c>: output slice d receives the pairs whose last exponents sum to d (the operands are sorted by
    /// word, so those are contiguous runs), so the accumulator is one slice (it stays in cache) and is read out in word order.
    /// </summary>
    private static (ulong[], PackedCoefficients) DenseProduct<TIn, TAcc, TOps>(
        PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, int box, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        int k = packing.Generators;
        int top = k - 1;
        // Mixed-radix positions within a slice: digit j = field j (j < top), radix High_j + 1, generator 0 least significant.
        var stride = new long[Math.Max(k, 1)];
        long s = 1;
        for (int j = 0; j < top; j++) { stride[j] = s; s *= packing.High[j] + 1; }
        int slice = (int)s;
        int slices = top < 0 ? 1 : (int)packing.High[top] + 1;
        var ia = Positions(a, stride, top);
        var ib = Positions(b, stride, top);
        var runA = Runs(a, top);
        var runB = Runs(b, top);

        var acc = new TAcc[slice];
        var output = new ProductTerms<TAcc>(Math.Min(box, ia.Length * ib.Length));
        var digit = new long[Math.Max(k, 1)];
        ref TAcc acc0 = ref MemoryMarshal.GetArrayDataReference(acc);
        ref int ib0 = ref MemoryMarshal.GetArrayDataReference(ib);
        ref TIn cb0 = ref MemoryMarshal.GetArrayDataReference(cb);
        for (int d = 0; d < slices; d++)
        {
            bool touched = false;
            for (int ta = Math.Max(0, d - (runB.Length - 2)); ta <= Math.Min(d, runA.Length - 2); ta++)
            {
                int tb = d - ta;
                int b0 = runB[tb], b1 = runB[tb + 1];
                if (b0 == b1 || runA[ta] == runA[ta + 1]) continue;
                touched = true;
                for (int i = runA[ta]; i < runA[ta + 1]; i++)
                {
                    ref TAcc row = ref Unsafe.Add(ref acc0, ia[i]);
                    TIn c = ca[i];
                    for (int j = b0; j < b1; j++)
                        TOps.MulAdd(ref Unsafe.Add(ref row, Unsafe.Add(ref ib0, j)), c, Unsafe.Add(ref cb0, j));
                }
            }
            if (!touched) continue;
            // Read the slice out in word order (odometer over the lower digits), clearing it for the next slice.
            ulong key = top < 0 ? 0 : (ulong)d << packing.Shift[top];
            Array.Clear(digit);
            for (int p = 0; p < slice; p++)
            {
                if (!TAcc.IsZero(acc[p])) { output.Add(key, acc[p]); acc[p] = TAcc.Zero; }
                for (int j = 0; j < top; j++)
                {
                    if (digit[j] < packing.High[j]) { digit[j]++; key += 1UL << packing.Shift[j]; break; }
                    key -= (ulong)digit[j] << packing.Shift[j];
                    digit[j] = 0;
                }
            }
        }
        return output.ToResult();
    }

    /// <summary>Start of each run of equal last-generator fields in p's terms (sorted by word, so the runs are contiguous).</summary>
    private static int[] Runs(PackedPolynomial p, int top)
    {
        if (top < 0) return [0, p.Count];
        var runs = new int[p.Packing.High[top] + 2];
        foreach (ulong key in p.Keys) runs[p.Packing.Field(key, top) + 1]++;
        for (int v = 1; v < runs.Length; v++) runs[v] += runs[v - 1];
        return runs;
    }

    /// <summary>Growable output (word, sum) in the order added.</summary>
    private sealed class ProductTerms<TAcc>(long expected) where TAcc : struct, IBinaryInteger<TAcc>
    {
        private ulong[] _keys = new ulong[Math.Clamp(expected, 16, 1 << 20)];
        private TAcc[] _values = new TAcc[Math.Clamp(expected, 16, 1 << 20)];
        private int _count;

        public void Add(ulong key, TAcc value)
        {
            if (_count == _keys.Length) { Array.Resize(ref _keys, 2 * _count); Array.Resize(ref _values, 2 * _count); }
            _keys[_count] = key;
            _values[_count++] = value;
        }

        public (ulong[], PackedCoefficients) ToResult() => (_keys[.._count], PackedCoefficients.From(_values, _count));
    }

    /// <summary>Mixed-radix position of every term of p within a slice (fields of p's own packing below <paramref name="top"/>).</summary>
    private static int[] Positions(PackedPolynomial p, long[] stride, int top)
    {
        var packing = p.Packing;
        var r = new int[p.Count];
        for (int t = 0; t < r.Length; t++)
        {
            ulong key = p.Keys[t];
            long pos = 0;
            for (int j = 0; j < top; j++) pos += packing.Field(key, j) * stride[j];
            r[t] = (int)pos;
        }
        return r;
    }

    // ----- hash table -------------------------------------------------------------------------------------------

    private static (ulong[], PackedCoefficients) HashProduct<TIn, TAcc, TOps>(ulong[] ka, ulong[] kb, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        long pairs = (long)ka.Length * kb.Length;
        int capacity = (int)Math.Min(pairs, 1 << 16);
        var table = new SumTable<TAcc>(capacity);
        for (int i = 0; i < ka.Length; i++)
        {
            ulong x = ka[i];
            TIn c = ca[i];
            for (int j = 0; j < kb.Length; j++)
                TOps.MulAdd(ref table.Slot(x + kb[j]), c, cb[j]);
        }
        return table.Drain();
    }

    /// <summary>Open addressing (linear probing) from words to sums; slots are indices into insertion-ordered arrays.</summary>
    private sealed class SumTable<TAcc>(int expected) where TAcc : struct, IBinaryInteger<TAcc>
    {
        private int[] _slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * expected))];
        private ulong[] _keys = new ulong[Math.Max(16, expected)];
        private TAcc[] _values = new TAcc[Math.Max(16, expected)];
        private int _count;

        public ref TAcc Slot(ulong key)
        {
            int mask = _slots.Length - 1;
            int h = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
            while (true)
            {
                int s = _slots[h];
                if (s == 0) break;
                if (_keys[s - 1] == key) return ref _values[s - 1];
                h = (h + 1) & mask;
            }
            if (_count == _keys.Length) { Array.Resize(ref _keys, 2 * _count); Array.Resize(ref _values, 2 * _count); }
            _keys[_count] = key;
            _values[_count] = TAcc.Zero;
            _slots[h] = ++_count;
            if (2 * _count > _slots.Length) Rehash();
            return ref _values[_count - 1];
        }

        private void Rehash()
        {
            _slots = new int[2 * _slots.Length];
            int mask = _slots.Length - 1;
            for (int i = 0; i < _count; i++)
            {
                int h = (int)((_keys[i] * 0x9E3779B97F4A7C15UL) >> 40) & mask;
                while (_slots[h] != 0) h = (h + 1) & mask;
                _slots[h] = i + 1;
            }
        }

        /// <summary>Non-zero sums sorted by word.</summary>
        public (ulong[], PackedCoefficients) Drain()
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
                if (!TAcc.IsZero(_values[i])) { _keys[n] = _keys[i]; _values[n++] = _values[i]; }
            var keys = _keys[..n];
            var values = _values[..n];
            Array.Sort(keys, values);
            return (keys, PackedCoefficients.From(values, n));
        }
    }

    // ----- coefficient arithmetic -------------------------------------------------------------------------------

    /// <summary>acc += a·b in the accumulator type (static abstract, so each kernel is compiled per type).</summary>
    private interface IProductOps<TIn, TAcc>
    {
        static abstract void MulAdd(ref TAcc acc, TIn a, TIn b);
    }

    private readonly struct LongProducts : IProductOps<long, long>
    {
        public static void MulAdd(ref long acc, long a, long b) => acc += a * b;
    }

    private readonly struct WideProducts : IProductOps<long, Int128>
    {
        public static void MulAdd(ref Int128 acc, long a, long b) => acc += Math.BigMul(a, b);
    }

    private readonly struct BigProducts : IProductOps<BigInteger, BigInteger>
    {
        public static void MulAdd(ref BigInteger acc, BigInteger a, BigInteger b) => acc += a * b;
    }
}
