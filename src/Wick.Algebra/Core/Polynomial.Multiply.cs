using System.Numerics;
using System.Runtime.InteropServices;

namespace Wick.Algebra;

public sealed partial class Polynomial
{
    /// <summary>
    /// Product. Beyond a few term pairs both operands are packed into the ring they span (<see cref="PolynomialRing"/>:
    /// exponent vectors in one 64-bit word, integer numerators over a common denominator), multiplied there
    /// (<see cref="PackedPolynomial"/>: dense array or hash table, long/Int128/BigInteger accumulators) and unpacked
    /// into the canonical term order.
    /// </summary>
    public static Polynomial operator *(Polynomial a, Polynomial b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsZero || b.IsZero) return Zero;
        if (a.Count == 1) return b.ShiftBy(a.TermArray[0].Monomial).Scale(a.TermArray[0].Coefficient);
        if (b.Count == 1) return a.ShiftBy(b.TermArray[0].Monomial).Scale(b.TermArray[0].Coefficient);
        // Small products: the packing set-up costs more than it saves.
        if ((long)a.Count * b.Count <= PackedThreshold) return MultiplyGeneric(a, b);
        return TryMultiplyPacked(a, b) ?? MultiplyGeneric(a, b);
    }

    /// <summary>The packed product regardless of size (null when the exponents cannot be packed); for tests.</summary>
    internal static Polynomial? MultiplyPacked(Polynomial a, Polynomial b) =>
        a.IsZero || b.IsZero ? Zero : TryMultiplyPacked(a, b);

    /// <summary>Products with at most this many term pairs use <see cref="MultiplyGeneric"/>.</summary>
    internal const int PackedThreshold = 24;

    /// <summary>Schoolbook product with a monomial-keyed hash table (any exponent range).</summary>
    internal static Polynomial MultiplyGeneric(Polynomial a, Polynomial b)
    {
        var acc = new Dictionary<Monomial, Rational>(Math.Min(a.Count * b.Count, 1 << 20));
        foreach (var (ma, ca) in a.TermArray)
            foreach (var (mb, cb) in b.TermArray)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, ma * mb, out _);
                slot += ca * cb;
            }
        return FromAccumulator(acc);
    }

    /// <summary>
    /// The product through <see cref="PackedPolynomial"/> (null when the exponents do not fit one word), kept packed: the
    /// terms are built only when read, so chains of products (powers, product trees) stay in packed form. The ring is an
    /// operand's own when it already holds the other's symbols, else the ring both span.
    /// </summary>
    private static Polynomial? TryMultiplyPacked(Polynomial a, Polynomial b)
    {
        var ring = a._packed is { } pa && b.SymbolsWithin(pa.Ring) ? pa.Ring
                 : b._packed is { } pb && a.SymbolsWithin(pb.Ring) ? pb.Ring
                 : PolynomialRing.Spanning(a, b);
        var xa = a.PackedIn(ring);
        var xb = xa is null ? null : b.PackedIn(ring);
        var product = xb is null ? null : PackedMultiplication.TryMultiply(xa!, xb);
        return product is null ? null : FromPacked(product);
    }

    /// <summary>Adds the symbols of this polynomial (of a product still packed: the generators whose exponents are not all 0).</summary>
    internal void AddSymbolsTo(HashSet<Symbol> symbols)
    {
        if (_packed is not null && _materialised is null)
        {
            var packing = _packed.Packing;
            for (int j = 0; j < packing.Generators; j++)
                if (packing.Low[j] != 0 || packing.High[j] != 0) symbols.Add(_packed.Ring.Generators[j]);
            return;
        }
        foreach (var (m, _) in TermArray)
            foreach (var (s, _) in m.FactorSpan) symbols.Add(s);
    }

    /// <summary>True when every symbol of this polynomial is a generator of the ring.</summary>
    private bool SymbolsWithin(PolynomialRing ring)
    {
        if (_packed is not null && _packed.Ring.Equals(ring)) return true;
        var symbols = new HashSet<Symbol>();
        AddSymbolsTo(symbols);
        return symbols.All(s => ring.IndexOf(s) >= 0);
    }

    /// <summary>This polynomial packed in the ring (its own packed form when it has one there).</summary>
    private PackedPolynomial? PackedIn(PolynomialRing ring) =>
        _packed is not null && _packed.Ring.Equals(ring) ? _packed : ring.TryPack(this);
}
