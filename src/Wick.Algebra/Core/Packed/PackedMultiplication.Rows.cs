using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Wick.Algebra;

internal static partial class PackedMultiplication
{
    /// <summary>
    /// Lanes of the row kernel's vectors: 4 (<c>Vector256</c>, AVX2); 0 without AVX2 (the kernel is then never chosen).
    /// <c>Vector512</c> was measured slower (1.12–1.15 ms against 0.96–1.01 ms on the Laurent workload, AMD EPYC with
    /// AVX-512): the kernel is bound by its three accumulator stores per vector, and wider rows pad more.
    /// </summary>
    private const int RowLanes = 4;

    /// <summary>
    /// The row kernel is chosen when its vector steps cost less than the other kernels' term pairs, a two-limb step
    /// counting 6/5 of a scattered Int128 pair and a one-limb step 7/4 of a scattered long pair (measured with
    /// <c>Wick.Benchmarks kernels laurent1000</c> and <c>laurent1000int</c>: 2.0 ns per step against 1.7 ns per pair, and
    /// 1.5 ns against 0.87 ns).
    /// </summary>
    private static bool RowsCheaper(long steps, bool twoLimbs, long pairs) =>
        twoLimbs ? 6 * steps < 5 * pairs : 7 * steps < 4 * pairs;

    /// <summary>
    /// At most this many row pairs (rows × rows bounds the pairs of slice groups, whose list is one array of longs: 32 MiB
    /// at most; beyond it the array kernel runs).
    /// </summary>
    private const long RowMaxGroupPairs = 1 << 22;

    /// <summary>
    /// How the row kernel splits word-sized numerators for the signed 32 × 32 → 64-bit vector multiply (<c>vpmuldq</c>):
    /// one limb when every numerator fits 31 bits and the sums fit a <c>long</c>; else two, v = h·2^S + l with
    /// 0 ≤ l &lt; 2^S and S = ⌈B/2⌉ for numerators below 2^B, summed in three <c>long</c> planes
    /// (l·l, l·h + h·l, h·h) that stay below 2^63 when B + 1 + bits(min(#a, #b)) ≤ 63 (|l·h| &lt; 2^B, |h·h| ≤ 2^B).
    /// </summary>
    private readonly record struct LimbSplit(bool Two, int Shift)
    {
        public static LimbSplit? For(int bitsA, int bitsB, int pairBits)
        {
            if (bitsA <= 31 && bitsB <= 31 && bitsA + bitsB + pairBits <= 63) return new LimbSplit(false, 0);
            int bits = Math.Max(bitsA, bitsB);
            if (bits + 1 + pairBits > 63) return null;
            return new LimbSplit(true, (bits + 1) / 2);
        }

        /// <summary>(l, h) with v = h·2^Shift + l, 0 ≤ l &lt; 2^Shift (two limbs); (v, 0) for one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (long Low, long High) Limbs(long v) => Two ? (v & ((1L << Shift) - 1), v >> Shift) : (v, 0);
    }

    /// <summary>
    /// The row kernel's plan for two operands: the limb split, which operand supplies the rows (the orientation with fewer
    /// vector steps), that operand's row count and that many steps. Null when the kernel cannot run: no vector unit or
    /// numerators too large.
    /// </summary>
    private readonly record struct RowPlan(LimbSplit Split, bool RowsFromB, int Rows, long Steps)
    {
        public static RowPlan? For(PackedPolynomial a, PackedPolynomial b, int bitsA, int bitsB, int pairBits)
        {
            if (!Avx2.IsSupported || bitsA > 63 || bitsB > 63) return null;
            if (LimbSplit.For(bitsA, bitsB, pairBits) is not { } split) return null;
            int rowsA = RowCount(a), rowsB = RowCount(b);
            if ((long)rowsA * rowsB > RowMaxGroupPairs) return null;
            long fromB = RowSteps(a, b, rowsB), fromA = RowSteps(b, a, rowsA);
            return fromB <= fromA ? new RowPlan(split, true, rowsB, fromB) : new RowPlan(split, false, rowsA, fromA);
        }
    }

    /// <summary>The row kernel's limb split for these operands (two limbs: true and the shift), null when it cannot run (for tests).</summary>
    internal static (bool TwoLimbs, int Shift)? RowLimbsFor(PackedPolynomial a, PackedPolynomial b)
    {
        var packing = ExponentPacking.Product(a.Packing, b.Packing);
        if (packing is null || a.IsZero || b.IsZero) return null;
        return Shape.Of(a, b, packing, ProductKernel.Rows).Rows is { } plan ? (plan.Split.Two, plan.Split.Shift) : null;
    }

    /// <summary>Below this many term pairs the automatic choice does not count rows (the scalar kernels are fast enough).</summary>
    private const long RowMinPairs = 4096;

    /// <summary>
    /// Rows of a polynomial for the row kernel: runs of terms with equal fields above generator 0 (contiguous, the words
    /// being sorted with generator 0 least significant), each laid out densely over generator 0's field.
    /// </summary>
    private static int RowCount(PackedPolynomial p)
    {
        if (p.Packing.Generators == 1) return 1;
        int shift = p.Packing.Shift[1];
        var keys = p.Keys;
        int rows = 1;
        for (int t = 1; t < keys.Length; t++)
            if (keys[t] >> shift != keys[t - 1] >> shift) rows++;
        return rows;
    }

    /// <summary>Vector steps of the row kernel with <paramref name="rows"/> supplying the dense rows: every term of the other operand meets every row.</summary>
    private static long RowSteps(PackedPolynomial terms, PackedPolynomial rows, int rowCount) =>
        (long)terms.Count * rowCount * RowWidth(rows) / RowLanes;

    /// <summary>Generator 0's field range of the rows, rounded up to whole vectors.</summary>
    private static int RowWidth(PackedPolynomial rows) => (int)((rows.Packing.High[0] + RowLanes) / RowLanes * RowLanes);

    /// <summary>
    /// Bytes of accumulator a slice may take (L1-sized; on the Laurent workload no faster than slices of the last
    /// generator, 60 KB, but it bounds the accumulator whatever the box).
    /// </summary>
    private const int RowSliceBytes = 16 << 10;

    /// <summary>
    /// The row product: the operand the plan names becomes dense rows over generator 0 (zero-padded to whole vectors), and
    /// every term c·x^e of the other adds c × row into the accumulator at e + the row's position — a
    /// contiguous vector multiply-add instead of one scattered add per term pair (FLINT's array kernel does the latter).
    /// The product's box is cut into slices over its lowest generators, as many as keep a slice's accumulator within
    /// <see cref="RowSliceBytes"/>; the slices are visited in word order (the higher generators' fields), each receiving
    /// the pairs of term groups whose higher fields add up to its own, and read out in word order. The padding lanes add
    /// zeros into cells past the row (the accumulator has a row's width of spare cells past the slice), which is harmless.
    /// </summary>
    private static (ulong[], PackedCoefficients) RowProduct(PackedPolynomial a, PackedPolynomial b, ExponentPacking packing, RowPlan plan)
    {
        var (terms, rows) = plan.RowsFromB ? (a, b) : (b, a);
        return plan.Split.Two ? RowProduct<Int128>(terms, rows, packing, plan) : RowProduct<long>(terms, rows, packing, plan);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[], PackedCoefficients) RowProduct<TAcc>(PackedPolynomial terms, PackedPolynomial rows, ExponentPacking packing, RowPlan plan)
        where TAcc : struct, IBinaryInteger<TAcc>
    {
        var split = plan.Split;
        int planes = split.Two ? 3 : 1;
        int width = RowWidth(rows);
        int k = packing.Generators;
        // Generators inside a slice: at least generator 0, more while the slice stays small.
        int inner = 1;
        long slice = packing.High[0] + 1;
        while (inner < k && (slice * (packing.High[inner] + 1) + width) * planes * sizeof(long) <= RowSliceBytes)
            slice *= packing.High[inner++] + 1;
        var stride = Strides(packing, inner);
        var groupsA = SliceGroups.Of(terms, inner, packing);
        var groupsB = SliceGroups.Of(rows, inner, packing);
        var dense = DenseRows.Of(rows, plan.Rows, stride, inner, width, split, groupsB);
        var pairs = SlicePairs(groupsA, groupsB, packing, inner, out var firstPair);

        var termPositions = Positions(terms, stride, inner);
        var termValues = terms.Numerators.Small!;
        int cells = (int)slice + width;
        var accArray = ProductScratch<long>.Rent(planes * cells);
        System.Array.Clear(accArray, 0, planes * cells);
        var combined = split.Two ? ProductScratch<Int128>.Rent((int)slice) : null;
        var output = new ProductOutput<TAcc>(Math.Min(BoxOf(packing), (long)terms.Count * rows.Count));
        ref long acc0 = ref MemoryMarshal.GetArrayDataReference(accArray);
        ref long low0 = ref MemoryMarshal.GetArrayDataReference(dense.Low);
        ref long high0 = ref MemoryMarshal.GetArrayDataReference(dense.High);
        for (int d = 0; d + 1 < firstPair.Length; d++)
        {
            if (firstPair[d] == firstPair[d + 1]) continue;
            ulong key = 0;
            for (int q = firstPair[d]; q < firstPair[d + 1]; q++)
            {
                int ga = (int)(pairs[q] >> 32), gb = (int)pairs[q];
                key = groupsA.OuterKey[ga] + groupsB.OuterKey[gb];
                int r0 = dense.FirstRow[gb], r1 = dense.FirstRow[gb + 1];
                for (int i = groupsA.Start[ga]; i < groupsA.Start[ga + 1]; i++)
                {
                    var (l, h) = split.Limbs(termValues[i]);
                    int at = termPositions[i];
                    for (int row = r0; row < r1; row++)
                    {
                        ref long cell = ref Unsafe.Add(ref acc0, at + dense.Base[row]);
                        nint from = (nint)row * width;
                        if (split.Two)
                            AddRowTwoLimbs(ref cell, cells, l, h, ref Unsafe.Add(ref low0, from), ref Unsafe.Add(ref high0, from), width);
                        else
                            AddRowOneLimb(ref cell, l, ref Unsafe.Add(ref low0, from), width);
                    }
                }
            }
            if (split.Two)
            {
                CombineLimbs(accArray.AsSpan(0, 3 * cells), cells, (int)slice, split.Shift, combined!);
                ReadOut(MemoryMarshal.Cast<Int128, TAcc>(combined.AsSpan(0, (int)slice)), packing, inner, key, ref output);
            }
            else
            {
                ReadOut(MemoryMarshal.Cast<long, TAcc>(accArray.AsSpan(0, (int)slice)), packing, inner, key, ref output);
            }
        }
        dense.Return();
        if (combined is not null) ProductScratch<Int128>.Return(combined);
        ProductScratch<int>.Return(termPositions);
        ProductScratch<long>.Return(accArray);
        ProductScratch<long>.Return(pairs);
        return output.Finish();
    }

    /// <summary>
    /// Runs of an operand's terms with equal fields of the generators from <c>inner</c> up (contiguous: those are the
    /// word's most significant fields): where each starts (<see cref="Start"/>, one past the end last), those fields
    /// in the product's packing (<see cref="OuterKey"/>) and as a mixed-radix index over the product's outer box.
    /// </summary>
    private readonly record struct SliceGroups(int[] Start, ulong[] OuterKey, long[] OuterIndex)
    {
        public int Count => OuterKey.Length;

        public static SliceGroups Of(PackedPolynomial p, int inner, ExponentPacking product)
        {
            int k = p.Packing.Generators;
            var keys = p.Keys;
            var starts = new List<int>();
            var outerKeys = new List<ulong>();
            var outerIndex = new List<long>();
            int shift = inner < k ? p.Packing.Shift[inner] : 64;
            for (int t = 0; t < keys.Length; t++)
            {
                if (t > 0 && (shift == 64 || keys[t] >> shift == keys[t - 1] >> shift)) continue;
                ulong outer = 0;
                long index = 0, radix = 1;
                for (int j = inner; j < k; j++)
                {
                    long f = p.Packing.Field(keys[t], j);
                    outer += (ulong)f << product.Shift[j];
                    index += f * radix;
                    radix *= product.High[j] + 1;
                }
                starts.Add(t);
                outerKeys.Add(outer);
                outerIndex.Add(index);
            }
            starts.Add(keys.Length);
            return new SliceGroups([.. starts], [.. outerKeys], [.. outerIndex]);
        }
    }

    /// <summary>
    /// Every pair of groups (a, b) as (a &lt;&lt; 32 | b), bucketed by the product slice their fields add up to (a counting
    /// sort by the outer index, which is word order): slice d's pairs are [first[d], first[d + 1]).
    /// </summary>
    private static long[] SlicePairs(SliceGroups a, SliceGroups b, ExponentPacking product, int inner, out int[] first)
    {
        long outerBox = 1;
        for (int j = inner; j < product.Generators; j++) outerBox *= product.High[j] + 1;
        first = new int[outerBox + 1];
        for (int ga = 0; ga < a.Count; ga++)
            for (int gb = 0; gb < b.Count; gb++)
                first[a.OuterIndex[ga] + b.OuterIndex[gb] + 1]++;
        for (int d = 1; d < first.Length; d++) first[d] += first[d - 1];
        var pairs = ProductScratch<long>.Rent(a.Count * b.Count);
        var fill = ProductScratch<int>.Rent((int)outerBox);
        first.AsSpan(0, (int)outerBox).CopyTo(fill);
        for (int ga = 0; ga < a.Count; ga++)
            for (int gb = 0; gb < b.Count; gb++)
                pairs[fill[a.OuterIndex[ga] + b.OuterIndex[gb]]++] = (long)ga << 32 | (uint)gb;
        ProductScratch<int>.Return(fill);
        return pairs;
    }

    /// <summary>
    /// An operand as dense rows over generator 0 for <see cref="RowProduct{TAcc}"/>: limb planes <see cref="Low"/> and
    /// <see cref="High"/> (row r at r·width, zero-padded), each row's position in a slice with generator 0 at 0
    /// (<see cref="Base"/>), and the first row of each slice group (<see cref="FirstRow"/>). Scratch arrays.
    /// </summary>
    private readonly record struct DenseRows(long[] Low, long[] High, int[] Base, int[] FirstRow, bool Two)
    {
        public static DenseRows Of(PackedPolynomial p, int count, long[] stride, int inner, int width, LimbSplit split, SliceGroups groups)
        {
            int k = p.Packing.Generators;
            var positions = Positions(p, stride, inner);
            var low = ProductScratch<long>.Rent(count * width);
            var high = split.Two ? ProductScratch<long>.Rent(count * width) : low;
            System.Array.Clear(low, 0, count * width);
            if (split.Two) System.Array.Clear(high, 0, count * width);
            var rowBase = ProductScratch<int>.Rent(count);
            var firstRow = new int[groups.Count + 1];
            var values = p.Numerators.Small!;
            int rowShift = k == 1 ? 0 : p.Packing.Shift[1];
            int r = -1, g = 0;
            for (int t = 0; t < p.Count; t++)
            {
                ulong key = p.Keys[t];
                long f0 = p.Packing.Field(key, 0);
                if (t == 0 || (k > 1 && key >> rowShift != p.Keys[t - 1] >> rowShift))
                {
                    r++;
                    rowBase[r] = positions[t] - (int)f0;
                    while (groups.Start[g] <= t) firstRow[g++] = r; // a group's first term starts a row
                }
                var (l, h) = split.Limbs(values[t]);
                low[r * width + f0] = l;
                if (split.Two) high[r * width + f0] = h;
            }
            firstRow[groups.Count] = count;
            ProductScratch<int>.Return(positions);
            return new DenseRows(low, high, rowBase, firstRow, split.Two);
        }

        public void Return()
        {
            ProductScratch<long>.Return(Low);
            if (Two) ProductScratch<long>.Return(High);
            ProductScratch<int>.Return(Base);
        }
    }

    /// <summary>
    /// The three planes (l·l, l·h + h·l, h·h) of a slice as Int128 values, the planes cleared for the next slice (cells
    /// past the slice only ever receive the padding lanes' zeros).
    /// </summary>
    private static void CombineLimbs(Span<long> planes, int cells, int slice, int shift, Int128[] into)
    {
        var ll = planes[..cells];
        var mid = planes.Slice(cells, cells);
        var hh = planes.Slice(2 * cells, cells);
        for (int p = 0; p < slice; p++)
        {
            into[p] = ((Int128)hh[p] << (2 * shift)) + ((Int128)mid[p] << shift) + ll[p];
            ll[p] = 0; mid[p] = 0; hh[p] = 0;
        }
    }

    /// <summary>acc[0 .. width) += c·row[0 .. width) by the signed 32 × 32 → 64-bit multiply (one limb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRowOneLimb(ref long acc, long c, ref long row, int width)
    {
        var x = Vector256.Create(c).AsInt32();
        for (int v = 0; v < width; v += 4)
        {
            var y = Vector256.LoadUnsafe(ref row, (nuint)v).AsInt32();
            (Vector256.LoadUnsafe(ref acc, (nuint)v) + Avx2.Multiply(x, y)).StoreUnsafe(ref acc, (nuint)v);
        }
    }

    /// <summary>
    /// The three planes at acc, acc + planeStride, acc + 2·planeStride get l·rowL, l·rowH + h·rowL, h·rowH over
    /// [0 .. width): four signed 32 × 32 → 64-bit multiplies per vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRowTwoLimbs(ref long acc, int planeStride, long l, long h, ref long rowL, ref long rowH, int width)
    {
        ref long mid = ref Unsafe.Add(ref acc, planeStride);
        ref long hh = ref Unsafe.Add(ref acc, 2 * planeStride);
        var xl = Vector256.Create(l).AsInt32();
        var xh = Vector256.Create(h).AsInt32();
        for (int v = 0; v < width; v += 4)
        {
            var yl = Vector256.LoadUnsafe(ref rowL, (nuint)v).AsInt32();
            var yh = Vector256.LoadUnsafe(ref rowH, (nuint)v).AsInt32();
            (Vector256.LoadUnsafe(ref acc, (nuint)v) + Avx2.Multiply(xl, yl)).StoreUnsafe(ref acc, (nuint)v);
            (Vector256.LoadUnsafe(ref mid, (nuint)v) + Avx2.Multiply(xl, yh) + Avx2.Multiply(xh, yl)).StoreUnsafe(ref mid, (nuint)v);
            (Vector256.LoadUnsafe(ref hh, (nuint)v) + Avx2.Multiply(xh, yh)).StoreUnsafe(ref hh, (nuint)v);
        }
    }
}
