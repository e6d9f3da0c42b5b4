using System.Numerics;
using System.Runtime.CompilerServices;

namespace Wick.Algebra;

/// <summary>
/// Per-thread scratch arrays reused from product to product (FLINT keeps its accumulators and output buffers between
/// calls): without them every large product allocated megabytes of large-object-heap arrays whose collections dominated
/// the median time. A few arrays per element type and thread; <see cref="Rent"/> takes one out (contents unspecified),
/// <see cref="Return"/> puts it back. Arrays above <see cref="RetainedBytes"/> and arrays of types holding references
/// (<see cref="BigInteger"/>) are not kept.
/// </summary>
internal static class ProductScratch<T>
{
    private const int Slots = 4;

    /// <summary>Largest array kept per slot.</summary>
    private const long RetainedBytes = 16L << 20;

    [ThreadStatic] private static T[]?[]? _slots;

    /// <summary>An array of at least <paramref name="length"/> elements with unspecified contents.</summary>
    public static T[] Rent(int length)
    {
        var slots = _slots ??= new T[]?[Slots];
        int best = -1;
        for (int s = 0; s < Slots; s++)
            if (slots[s] is { } a && a.Length >= length && (best < 0 || a.Length < slots[best]!.Length)) best = s;
        if (best >= 0)
        {
            var a = slots[best]!;
            slots[best] = null;
            return a;
        }
        int size = length <= 64 ? 64 : length >= 1 << 30 ? length : (int)BitOperations.RoundUpToPowerOf2((uint)length);
        return RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[size] : GC.AllocateUninitializedArray<T>(size);
    }

    /// <summary>Gives an array back for later products (the smallest kept one makes room for a larger one).</summary>
    public static void Return(T[] array)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) return;
        if ((long)array.Length * Unsafe.SizeOf<T>() > RetainedBytes) return;
        var slots = _slots ??= new T[]?[Slots];
        int smallest = 0;
        for (int s = 0; s < Slots; s++)
        {
            if (ReferenceEquals(slots[s], array)) return;
            if (slots[s] is null) { slots[s] = array; return; }
            if (slots[s]!.Length < slots[smallest]!.Length) smallest = s;
        }
        if (slots[smallest]!.Length < array.Length) slots[smallest] = array;
    }
}
