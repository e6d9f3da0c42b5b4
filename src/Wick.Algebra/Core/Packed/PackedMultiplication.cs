using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wick.Algebra;

/// <summary>The kernels of <see cref="PackedMultiplication"/> (tests force each one to compare them).</summary>
internal enum ProductKernel
{
    /// <summary>Chosen by shape.</summary>
    Auto,

    /// <summary>Every term pair adds into an array over the exponent box, one slice of the last generator at a time.</summary>
    Array,

    /// <summary>Open-addressing hash table on the summed words.</summary>
    Hash,

    /// <summary>Johnson's heap merge of the rows a_i·b (each sorted): sorted output, no table and no sort.</summary>
    Heap,

    /// <summary>Kronecker substitution into one univariate polynomial, multiplied by <see cref="Karatsuba"/>.</summary>
    Kronecker,

    /// <summary>One operand as dense rows over generator 0, each term of the other adding a vector multiple of a row.</summary>
    Rows,
}

/// <summary>
/// Products of <see cref="PackedPolynomial"/>s, chosen by shape as FLINT's <c>fmpz_mpoly_mul</c> does: a dense operand
/// box goes through Kronecker substitution to a sub-quadratic univariate product (<see cref="Karatsuba"/>); operands whose
/// terms fill rows over generator 0 densely go through the vectorised row kernel (PackedMultiplication.Rows.cs); when the
/// box of the product is otherwise small next to the number of term pairs, every pair adds into a plain array indexed by
/// the mixed-radix position of its exponent vector (read out in word order, no sort); otherwise an open-addressing hash
/// table on the summed words, sorted once. The accumulator is <c>long</c>, <c>Int128</c> or <see cref="BigInteger"/>
/// by the bound |Σ| ≤ min(#a, #b)·max|a|·max|b| (no partial sum can overflow the type chosen). Accumulators, tables and
/// the read-out go through per-thread <see cref="ProductScratch{T}"/>; the result is allocated once at its exact size.
/// </summary>
internal static partial class PackedMultiplication
{
    /// <summary>Largest exponent box accumulated in an array.</summary>
    private const long DenseLimit = 1 << 21;

    /// <summary>The array is used when the box has at most this many cells per term pair.</summary>
    private const long DenseCellsPerPair = 8;

    /// <summary>
    /// Kronecker substitution is chosen when its base-case multiply-adds (vectorised, zero rows skipped) plus the cells
    /// it fills and reads are below this many times the term pairs (measured: a vectorised multiply-add costs about a
    /// quarter of a scattered one).
    /// </summary>
    private const long KroneckerWorkPerPair = 4;

    /// <summary>The heap merge is chosen over the hash table when the shorter operand has fewer than 2^this terms.</summary>
    private const int HeapMaxRowBits = 4;

    public static PackedPolynomial? TryMultiply(PackedPolynomial a, PackedPolynomial b, ProductKernel kernel = ProductKernel.Auto)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        PackedPolynomial.RequireSameRing(a, b);
        if (a.IsZero) return a;
        if (b.IsZero) return b;
        var packing = ExponentPacking.Product(a.Packing, b.Packing);
        if (packing is null) return null;

        var shape = Shape.Of(a, b, packing, kernel);
        if (kernel == ProductKernel.Auto) kernel = shape.Choose();
        if (kernel == ProductKernel.Kronecker && !shape.KroneckerFits) kernel = ProductKernel.Array;
        if (kernel == ProductKernel.Rows && shape.Rows is null) kernel = ProductKernel.Array;
        if (kernel == ProductKernel.Array && shape.Box > DenseLimit) kernel = ProductKernel.Hash;

        (ulong[] Keys, PackedCoefficients Values) product;
        if (kernel == ProductKernel.Kronecker)
            product = KroneckerProduct(a, b, packing, shape.La, shape.Lb);
        else if (kernel == ProductKernel.Rows)
            product = RowProduct(a, b, packing, shape.Rows!.Value);
        else if (shape.BitsA + shape.BitsB + shape.PairBits <= 63)
            product = Run<long, long, LongProducts>(a, b, packing, kernel, shape.Box, a.Numerators.Small!, b.Numerators.Small!);
        else if (shape.Words && shape.PairBits <= 63 - SplitProducts.Split && shape.BitsA + shape.BitsB + shape.PairBits <= 63 + SplitProducts.Split)
            product = Run<long, Int128, SplitProducts>(a, b, packing, kernel, shape.Box, a.Numerators.Small!, b.Numerators.Small!);
        else if (shape.Words && shape.BitsA + shape.BitsB + shape.PairBits <= 127)
            product = Run<long, Int128, WideProducts>(a, b, packing, kernel, shape.Box, a.Numerators.Small!, b.Numerators.Small!);
        else
            product = Run<BigInteger, BigInteger, BigProducts>(a, b, packing, kernel, shape.Box, a.Numerators.ToBig(), b.Numerators.ToBig());
        return new PackedPolynomial(a.Ring, packing, product.Keys, product.Values, a.Content * b.Content, primitive: true); // Gauss's lemma
    }

    /// <summary>The kernel <see cref="ProductKernel.Auto"/> runs for these operands (for tests).</summary>
    internal static ProductKernel KernelFor(PackedPolynomial a, PackedPolynomial b)
    {
        var packing = ExponentPacking.Product(a.Packing, b.Packing);
        return packing is null || a.IsZero || b.IsZero ? ProductKernel.Auto : Shape.Of(a, b, packing, ProductKernel.Auto).Choose();
    }

    /// <summary>
    /// What the kernel and the accumulator depend on: term pairs, cells of the product's box, bit lengths of the largest
    /// numerators and of min(#a, #b), and (for boxes within <see cref="DenseLimit"/>) the Kronecker lengths.
    /// </summary>
    private readonly record struct Shape(long Pairs, long Box, int BitsA, int BitsB, int PairBits, int La, int Lb, RowPlan? Rows)
    {
        /// <summary>
        /// The heap merge pays log₂(rows) comparisons per pair where the table pays a probe per pair and a sort of the
        /// output; with few rows (the shorter operand) the heap wins (measured on 8 × 8 products).
        /// </summary>
        private bool FewRows => PairBits <= HeapMaxRowBits;

        /// <summary>The shape; the row plan only when the row kernel is asked for or might be chosen.</summary>
        public static Shape Of(PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, ProductKernel kernel)
        {
            long box = BoxOf(packing);
            var (la, lb) = box <= DenseLimit ? KroneckerLengths(a, b, packing) : (0, 0);
            int bitsA = a.Numerators.MaxBits(), bitsB = b.Numerators.MaxBits();
            int pairBits = 64 - BitOperations.LeadingZeroCount((ulong)Math.Min(a.Count, b.Count));
            long pairs = (long)a.Count * b.Count;
            bool plan = box <= DenseLimit && (kernel == ProductKernel.Rows || (kernel == ProductKernel.Auto && pairs >= RowMinPairs));
            var rows = plan ? RowPlan.For(a, b, bitsA, bitsB, pairBits) : null;
            return new Shape(pairs, box, bitsA, bitsB, pairBits, la, lb, rows);
        }

        /// <summary>Both operands have word-sized numerators.</summary>
        public bool Words => BitsA <= 63 && BitsB <= 63;

        public bool KroneckerFits => Box <= DenseLimit && Words && Karatsuba.Fits(BitsA, BitsB, Math.Max(La, Lb));

        public ProductKernel Choose()
        {
            if (Box > DenseLimit) return FewRows ? ProductKernel.Heap : ProductKernel.Hash;
            if (KroneckerFits && Karatsuba.BaseProducts(La, Lb) + 2L * (La + Lb) <= KroneckerWorkPerPair * Pairs)
                return ProductKernel.Kronecker;
            if (Rows is { } plan && RowsCheaper(plan.Steps, plan.Split.Two, Pairs)) return ProductKernel.Rows;
            if (Box <= DenseCellsPerPair * Pairs) return ProductKernel.Array;
            return FewRows ? ProductKernel.Heap : ProductKernel.Hash;
        }
    }

    private static long BoxOf(ExponentPacking packing)
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
        PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, ProductKernel kernel, long box, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        if (kernel == ProductKernel.Array) return DenseProduct<TIn, TAcc, TOps>(a, b, packing, (int)box, ca, cb);
        var movedA = ProductScratch<ulong>.Rent(a.Count);
        var movedB = ProductScratch<ulong>.Rent(b.Count);
        var ka = a.Packing.MoveFields(a.Keys, packing, movedA);
        var kb = b.Packing.MoveFields(b.Keys, packing, movedB);
        var product = kernel == ProductKernel.Heap
            ? (a.Count <= b.Count ? HeapProduct<TIn, TAcc, TOps>(ka, kb, ca, cb) : HeapProduct<TIn, TAcc, TOps>(kb, ka, cb, ca))
            : HashProduct<TIn, TAcc, TOps>(ka, kb, ca, cb);
        ProductScratch<ulong>.Return(movedA);
        ProductScratch<ulong>.Return(movedB);
        return product;
    }

    /// <summary>Mixed-radix strides of the product's box: generator 0 least significant, radix High_j + 1.</summary>
    private static long[] Strides(ExponentPacking packing, int generators)
    {
        var stride = new long[Math.Max(generators, 1)];
        long s = 1;
        for (int j = 0; j < generators; j++) { stride[j] = s; s *= packing.High[j] + 1; }
        return stride;
    }

    /// <summary>
    /// Reads cells [0, count) of a mixed-radix array over the generators below <paramref name="digits"/> (cell p holds
    /// the exponent vector with those digits, on top of the word <paramref name="key"/>) in word order into the output,
    /// skipping zeros and clearing each cell read. An odometer keeps the word in step with the cell.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadOut<TAcc>(Span<TAcc> cells, ExponentPacking packing, int digits, ulong key, ref ProductOutput<TAcc> output)
        where TAcc : struct, IBinaryInteger<TAcc>
    {
        Span<long> digit = stackalloc long[Math.Max(digits, 1)];
        digit.Clear();
        for (int p = 0; p < cells.Length; p++)
        {
            if (!TAcc.IsZero(cells[p])) { output.Add(key, cells[p]); cells[p] = TAcc.Zero; }
            for (int j = 0; j < digits; j++)
            {
                if (digit[j] < packing.High[j]) { digit[j]++; key += 1UL << packing.Shift[j]; break; }
                key -= (ulong)digit[j] << packing.Shift[j];
                digit[j] = 0;
            }
        }
    }

    // ----- Kronecker substitution -------------------------------------------------------------------------------

    /// <summary>
    /// Lengths of the operands as univariate polynomials in y after x_j ↦ y^(stride_j) with the product box's strides
    /// (no carries: the operands' field bounds add up to the product's).
    /// </summary>
    private static (int, int) KroneckerLengths(PackedPolynomial a, PackedPolynomial b, ExponentPacking packing)
    {
        long la = 1, lb = 1, stride = 1;
        for (int j = 0; j < packing.Generators; j++)
        {
            la += a.Packing.High[j] * stride;
            lb += b.Packing.High[j] * stride;
            stride *= packing.High[j] + 1;
        }
        return ((int)la, (int)lb);
    }

    /// <summary>
    /// FLINT's <c>mul_dense</c>: each operand becomes one dense univariate polynomial (term with fields f at position
    /// Σ f_j·stride_j), the two are multiplied by <see cref="Karatsuba"/>, and the product's positions are read back in
    /// word order (increasing position is increasing word: both are mixed radix from the last generator).
    /// </summary>
    private static (ulong[], PackedCoefficients) KroneckerProduct(PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, int la, int lb)
    {
        int k = packing.Generators;
        var stride = Strides(packing, k);
        var ua = Dense(a, stride, la);
        var ub = Dense(b, stride, lb);
        var product = ProductScratch<long>.Rent(la + lb - 1);
        var cells = product.AsSpan(0, la + lb - 1);
        Karatsuba.Multiply(ua.AsSpan(0, la), ub.AsSpan(0, lb), cells);
        ProductScratch<long>.Return(ua);
        ProductScratch<long>.Return(ub);
        var output = new ProductOutput<long>(cells.Length);
        ReadOut(cells, packing, k, 0, ref output);
        ProductScratch<long>.Return(product);
        return output.Finish();
    }

    /// <summary>p's numerators at their Kronecker positions in a zeroed scratch array of at least <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] Dense(PackedPolynomial p, long[] stride, int length)
    {
        var u = ProductScratch<long>.Rent(length);
        System.Array.Clear(u, 0, length);
        var packing = p.Packing;
        var keys = p.Keys;
        var values = p.Numerators.Small!;
        for (int t = 0; t < keys.Length; t++)
        {
            long pos = 0;
            for (int j = 0; j < packing.Generators; j++) pos += packing.Field(keys[t], j) * stride[j];
            u[pos] = values[t];
        }
        return u;
    }

    // ----- dense array ------------------------------------------------------------------------------------------

    /// <summary>
    /// The array product one slice of the last generator (the most significant field) at a time, as FLINT's
    /// <c>mul_array_LEX</c>: output slice d receives the pairs whose last exponents sum to d (the operands are sorted by
    /// word, so those are contiguous runs), so the accumulator is one slice (it stays in cache) and is read out in word order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the kernels run a few times, each for long: no tiering
    private static (ulong[], PackedCoefficients) DenseProduct<TIn, TAcc, TOps>(
        PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, int box, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        int k = packing.Generators;
        int top = k - 1;
        var stride = Strides(packing, Math.Max(top, 0));
        int slice = (int)(top <= 0 ? 1 : stride[top - 1] * (packing.High[top - 1] + 1));
        int slices = top < 0 ? 1 : (int)packing.High[top] + 1;
        var ia = Positions(a, stride, top);
        var ib = Positions(b, stride, top);
        var runA = Runs(a, top);
        var runB = Runs(b, top);

        var accArray = ProductScratch<TAcc>.Rent(slice);
        var acc = accArray.AsSpan(0, slice);
        acc.Clear();
        var output = new ProductOutput<TAcc>(Math.Min(box, (long)a.Count * b.Count));
        ref TAcc acc0 = ref MemoryMarshal.GetReference(acc);
        ref int ia0 = ref MemoryMarshal.GetArrayDataReference(ia);
        ref int ib0 = ref MemoryMarshal.GetArrayDataReference(ib);
        ref TIn ca0 = ref MemoryMarshal.GetArrayDataReference(ca);
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
                    TOps.AddRow(ref Unsafe.Add(ref acc0, Unsafe.Add(ref ia0, i)), Unsafe.Add(ref ca0, i),
                        ref Unsafe.Add(ref ib0, b0), ref Unsafe.Add(ref cb0, b0), b1 - b0);
                }
            }
            if (!touched) continue;
            TOps.Normalize(acc);
            ReadOut(acc, packing, Math.Max(top, 0), top < 0 ? 0 : (ulong)d << packing.Shift[top], ref output);
        }
        ProductScratch<int>.Return(ia);
        ProductScratch<int>.Return(ib);
        ProductScratch<TAcc>.Return(accArray);
        return output.Finish();
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

    /// <summary>Mixed-radix position of every term of p within a slice (fields of p's own packing below <paramref name="top"/>), in scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Positions(PackedPolynomial p, long[] stride, int top)
    {
        var packing = p.Packing;
        var r = ProductScratch<int>.Rent(p.Count);
        var keys = p.Keys;
        for (int t = 0; t < keys.Length; t++)
        {
            ulong key = keys[t];
            long pos = 0;
            for (int j = 0; j < top; j++) pos += packing.Field(key, j) * stride[j];
            r[t] = (int)pos;
        }
        return r;
    }

    /// <summary>
    /// The product's terms (word, sum) in the order added, in scratch arrays sized by an upper bound of the term count;
    /// <see cref="Finish"/> copies them into arrays of exactly their length.
    /// </summary>
    private struct ProductOutput<TAcc>(long bound) where TAcc : struct, IBinaryInteger<TAcc>
    {
        private ulong[] _keys = ProductScratch<ulong>.Rent((int)Math.Min(bound, System.Array.MaxLength));
        private TAcc[] _values = ProductScratch<TAcc>.Rent((int)Math.Min(bound, System.Array.MaxLength));
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ulong key, TAcc value)
        {
            _keys[_count] = key;
            _values[_count++] = value;
        }

        public readonly (ulong[], PackedCoefficients) Finish()
        {
            var keys = GC.AllocateUninitializedArray<ulong>(_count);
            _keys.AsSpan(0, _count).CopyTo(keys);
            var values = PackedCoefficients.Copy<TAcc>(_values.AsSpan(0, _count));
            ProductScratch<ulong>.Return(_keys);
            ProductScratch<TAcc>.Return(_values);
            return (keys, values);
        }
    }

    // ----- heap merge -------------------------------------------------------------------------------------------

    /// <summary>
    /// Johnson's heap product (FLINT's <c>mul_johnson</c>): row i is the sorted sequence a_i·b_j, j = 0, 1, …; a binary
    /// heap holds each row's next word, so the words come out in order and equal words are adjacent (summed on the fly).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[], PackedCoefficients) HeapProduct<TIn, TAcc, TOps>(ReadOnlySpan<ulong> ka, ReadOnlySpan<ulong> kb, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        int rows = ka.Length;
        var heapKeys = ProductScratch<ulong>.Rent(rows);
        var heapRows = ProductScratch<int>.Rent(rows);
        var next = ProductScratch<int>.Rent(rows); // next column of each row
        for (int i = 0; i < rows; i++)
        {
            heapKeys[i] = ka[i] + kb[0]; // rows are sorted by a_i, so row order is already a heap
            heapRows[i] = i;
            next[i] = 1;
        }
        int size = rows;
        var output = new ProductOutput<TAcc>((long)rows * kb.Length);
        ulong current = heapKeys[0];
        TAcc sum = TAcc.Zero;
        while (size > 0)
        {
            ulong key = heapKeys[0];
            int i = heapRows[0];
            if (key != current)
            {
                if (!TAcc.IsZero(sum)) output.Add(current, sum);
                current = key;
                sum = TAcc.Zero;
            }
            TOps.MulAdd(ref sum, ca[i], cb[next[i] - 1]);
            // Replace the top by the row's next word (or the last entry when the row is done) and sift down.
            ulong moving;
            int movingRow;
            if (next[i] < kb.Length) { moving = ka[i] + kb[next[i]]; movingRow = i; next[i]++; }
            else { size--; moving = heapKeys[size]; movingRow = heapRows[size]; }
            int hole = 0;
            while (true)
            {
                int child = 2 * hole + 1;
                if (child >= size) break;
                if (child + 1 < size && heapKeys[child + 1] < heapKeys[child]) child++;
                if (heapKeys[child] >= moving) break;
                heapKeys[hole] = heapKeys[child];
                heapRows[hole] = heapRows[child];
                hole = child;
            }
            heapKeys[hole] = moving;
            heapRows[hole] = movingRow;
        }
        if (!TAcc.IsZero(sum)) output.Add(current, sum);
        ProductScratch<ulong>.Return(heapKeys);
        ProductScratch<int>.Return(heapRows);
        ProductScratch<int>.Return(next);
        return output.Finish();
    }

    // ----- hash table -------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[], PackedCoefficients) HashProduct<TIn, TAcc, TOps>(ReadOnlySpan<ulong> ka, ReadOnlySpan<ulong> kb, TIn[] ca, TIn[] cb)
        where TAcc : struct, IBinaryInteger<TAcc>
        where TOps : struct, IProductOps<TIn, TAcc>
    {
        long pairs = (long)ka.Length * kb.Length;
        var table = new SumTable<TAcc>((int)Math.Min(pairs, 1 << 16));
        for (int i = 0; i < ka.Length; i++)
        {
            ulong x = ka[i];
            TIn c = ca[i];
            for (int j = 0; j < kb.Length; j++)
                TOps.MulAdd(ref table.Slot(x + kb[j]), c, cb[j]);
        }
        return table.Drain();
    }

    /// <summary>Open addressing (linear probing) from words to sums; slots are indices into insertion-ordered arrays (all scratch).</summary>
    private struct SumTable<TAcc> where TAcc : struct, IBinaryInteger<TAcc>
    {
        private int[] _slots;
        private int _mask;
        private ulong[] _keys;
        private TAcc[] _values;
        private int _count;

        public SumTable(int expected)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * expected));
            _slots = ProductScratch<int>.Rent(size);
            _mask = size - 1;
            System.Array.Clear(_slots, 0, size);
            _keys = ProductScratch<ulong>.Rent(Math.Max(16, expected));
            _values = ProductScratch<TAcc>.Rent(Math.Max(16, expected));
            _count = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref TAcc Slot(ulong key)
        {
            int h = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
            while (true)
            {
                int s = _slots[h];
                if (s == 0) break;
                if (_keys[s - 1] == key) return ref _values[s - 1];
                h = (h + 1) & _mask;
            }
            return ref Insert(key, h);
        }

        private ref TAcc Insert(ulong key, int h)
        {
            if (_count == _keys.Length)
            {
                _keys = Grow(_keys, _count);
                _values = Grow(_values, _count);
            }
            _keys[_count] = key;
            _values[_count] = TAcc.Zero;
            _slots[h] = ++_count;
            if (2 * _count > _mask + 1) Rehash();
            return ref _values[_count - 1];
        }

        private static T[] Grow<T>(T[] array, int count)
        {
            var larger = ProductScratch<T>.Rent(2 * count);
            array.AsSpan(0, count).CopyTo(larger);
            ProductScratch<T>.Return(array);
            return larger;
        }

        private void Rehash()
        {
            int size = 2 * (_mask + 1);
            ProductScratch<int>.Return(_slots);
            _slots = ProductScratch<int>.Rent(size);
            System.Array.Clear(_slots, 0, size);
            _mask = size - 1;
            for (int i = 0; i < _count; i++)
            {
                int h = (int)((_keys[i] * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
                while (_slots[h] != 0) h = (h + 1) & _mask;
                _slots[h] = i + 1;
            }
        }

        /// <summary>Non-zero sums sorted by word, in arrays of exactly their length; the scratch goes back.</summary>
        public readonly (ulong[], PackedCoefficients) Drain()
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
                if (!TAcc.IsZero(_values[i])) { _keys[n] = _keys[i]; _values[n++] = _values[i]; }
            var keys = _keys.AsSpan(0, n);
            var values = _values.AsSpan(0, n);
            keys.Sort(values);
            var result = (keys.ToArray(), PackedCoefficients.Copy<TAcc>(values));
            ProductScratch<int>.Return(_slots);
            ProductScratch<ulong>.Return(_keys);
            ProductScratch<TAcc>.Return(_values);
            return result;
        }
    }

    // ----- coefficient arithmetic -------------------------------------------------------------------------------

    /// <summary>acc += a·b in the accumulator type (static abstract, so each kernel is compiled per type).</summary>
    private interface IProductOps<TIn, TAcc>
    {
        static abstract void MulAdd(ref TAcc acc, TIn a, TIn b);

        /// <summary>row[position_j] += c·b_j for j &lt; count (one term of a against a run of b in the array kernel).</summary>
        static abstract void AddRow(ref TAcc row, TIn c, ref int position, ref TIn b, int count);

        /// <summary>Turns cells filled by <see cref="AddRow"/> into values (for accumulators that keep them in another form).</summary>
        static virtual void Normalize(Span<TAcc> cells) { }
    }

    private readonly struct LongProducts : IProductOps<long, long>
    {
        public static void MulAdd(ref long acc, long a, long b) => acc += a * b;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddRow(ref long row, long c, ref int position, ref long b, int count)
        {
            for (int j = 0; j < count; j++) Unsafe.Add(ref row, Unsafe.Add(ref position, j)) += c * Unsafe.Add(ref b, j);
        }
    }

    private readonly struct WideProducts : IProductOps<long, Int128>
    {
        public static void MulAdd(ref Int128 acc, long a, long b) => acc += Math.BigMul(a, b);

        /// <summary>
        /// The signed 128-bit product from the unsigned one: high(c·b) = high(c · b as unsigned) − [b &lt; 0]·c for c ≥ 0; a
        /// negative c is negated and its row subtracted, so the only correction left is b's sign. (c ≠ −2^63: this
        /// accumulator is chosen only for numerators of at most 63 bits.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddRow(ref Int128 row, long c, ref int position, ref long b, int count)
        {
            if (c >= 0) Row(ref row, (ulong)c, ref position, ref b, count, subtract: false);
            else Row(ref row, (ulong)-c, ref position, ref b, count, subtract: true);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Row(ref Int128 row, ulong c, ref int position, ref long b, int count, bool subtract)
        {
            ref ulong words = ref Unsafe.As<Int128, ulong>(ref row); // little-endian: low word first
            for (int j = 0; j < count; j++)
            {
                long y = Unsafe.Add(ref b, j);
                ulong lo = c * (ulong)y, hi = High(c, (ulong)y) - ((ulong)(y >> 63) & c);
                ref ulong cell = ref Unsafe.Add(ref words, 2 * (nint)Unsafe.Add(ref position, j));
                ulong old = cell;
                if (subtract)
                {
                    cell = old - lo;
                    Unsafe.Add(ref cell, 1) -= hi + (old < lo ? 1UL : 0UL);
                }
                else
                {
                    cell = old + lo;
                    Unsafe.Add(ref cell, 1) += hi + (cell < old ? 1UL : 0UL);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="WideProducts"/> whose array rows keep each cell carry-save, as two longs (low, high) worth
    /// high·2^Split + low: a product p adds p mod 2^Split to low and ⌊p / 2^Split⌋ to high, so no carry moves between them
    /// (no compare, no dependent add). Both sums stay below 2^63 when min(#a, #b) &lt; 2^(63 − Split) and
    /// bits(a) + bits(b) + bits(min(#a, #b)) ≤ 63 + Split; <see cref="Normalize"/> makes them Int128 before the read-out.
    /// </summary>
    private readonly struct SplitProducts : IProductOps<long, Int128>
    {
        public const int Split = 50;

        public static void MulAdd(ref Int128 acc, long a, long b) => WideProducts.MulAdd(ref acc, a, b);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddRow(ref Int128 row, long c, ref int position, ref long b, int count)
        {
            if (c >= 0) Row(ref row, (ulong)c, ref position, ref b, count, subtract: false);
            else Row(ref row, (ulong)-c, ref position, ref b, count, subtract: true);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Row(ref Int128 row, ulong c, ref int position, ref long b, int count, bool subtract)
        {
            ref long words = ref Unsafe.As<Int128, long>(ref row);
            for (int j = 0; j < count; j++)
            {
                long y = Unsafe.Add(ref b, j);
                ulong lo = c * (ulong)y, hi = High(c, (ulong)y) - ((ulong)(y >> 63) & c); // the signed product, two's complement
                long low = (long)(lo & ((1UL << Split) - 1));
                long high = (long)((hi << (64 - Split)) | (lo >> Split)); // ⌊p / 2^Split⌋
                ref long cell = ref Unsafe.Add(ref words, 2 * (nint)Unsafe.Add(ref position, j));
                if (subtract) { cell -= low; Unsafe.Add(ref cell, 1) -= high; }
                else { cell += low; Unsafe.Add(ref cell, 1) += high; }
            }
        }

        public static void Normalize(Span<Int128> cells)
        {
            foreach (ref var cell in cells)
            {
                ref long words = ref Unsafe.As<Int128, long>(ref cell);
                cell = ((Int128)Unsafe.Add(ref words, 1) << Split) + words;
            }
        }
    }

    /// <summary>High word of the unsigned 128-bit product (the low word is the wrapping product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong High(ulong a, ulong b) =>
        System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported ? System.Runtime.Intrinsics.X86.Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    private readonly struct BigProducts : IProductOps<BigInteger, BigInteger>
    {
        public static void MulAdd(ref BigInteger acc, BigInteger a, BigInteger b) => acc += a * b;

        public static void AddRow(ref BigInteger row, BigInteger c, ref int position, ref BigInteger b, int count)
        {
            for (int j = 0; j < count; j++) Unsafe.Add(ref row, Unsafe.Add(ref position, j)) += c * Unsafe.Add(ref b, j);
        }
    }
}
