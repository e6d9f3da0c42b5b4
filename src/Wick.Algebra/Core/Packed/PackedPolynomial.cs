using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// A Laurent polynomial of a <see cref="PolynomialRing"/> in packed form (the representation FLINT's <c>fmpq_mpoly</c>
/// uses): exponent vectors in one 64-bit word each (per-generator fields with offsets for negative exponents), integer
/// numerators in <c>long</c> while they fit (else <see cref="BigInteger"/>) over one common positive
/// <see cref="Denominator"/> coprime to their content, terms sorted by word. Products choose a dense array or a hash
/// table by the exponent box and an accumulator (<c>long</c>, <c>Int128</c>, <see cref="BigInteger"/>) by a bit bound.
/// Immutable; convert with <see cref="PolynomialRing.Pack"/> and <see cref="ToPolynomial"/>.
/// </summary>
public sealed class PackedPolynomial : IEquatable<PackedPolynomial>
{
    internal readonly ExponentPacking Packing;
    internal readonly ulong[] Keys;
    internal readonly PackedCoefficients Numerators;

    /// <summary>Takes ownership; keys sorted ascending and distinct, numerators non-zero. Reduces numerators/denominator.</summary>
    internal PackedPolynomial(PolynomialRing ring, ExponentPacking packing, ulong[] keys, PackedCoefficients numerators, BigInteger denominator)
    {
        Ring = ring;
        Packing = packing;
        Keys = keys;
        if (!denominator.IsOne)
        {
            var g = numerators.GcdWith(denominator);
            numerators = numerators.DivideExactly(g);
            denominator /= g;
        }
        Numerators = numerators;
        Denominator = keys.Length == 0 ? BigInteger.One : denominator;
    }

    internal static PackedPolynomial ZeroOf(PolynomialRing ring) =>
        new(ring, ExponentPacking.Empty(ring.Generators.Count), [], PackedCoefficients.Empty, BigInteger.One);

    /// <summary>The ring this polynomial belongs to.</summary>
    public PolynomialRing Ring { get; }

    /// <summary>Number of terms.</summary>
    public int Count => Keys.Length;

    public bool IsZero => Keys.Length == 0;

    /// <summary>The common denominator of the coefficients (1 for an integer polynomial).</summary>
    public BigInteger Denominator { get; }

    /// <summary>True when every numerator fits a <c>long</c> (the word-sized fast path).</summary>
    public bool HasWordCoefficients => Numerators.Small is not null;

    /// <summary>Exponent of generator j in term t (terms in packed order).</summary>
    public int Exponent(int term, int generator) => Packing.Exponent(Keys[term], generator);

    /// <summary>Coefficient of term t (terms in packed order).</summary>
    public Rational Coefficient(int term) => Rational.Create(Numerators[term], Denominator);

    /// <summary>The terms in packed order: exponent vector over the generators, coefficient.</summary>
    public IEnumerable<(int[] Exponents, Rational Coefficient)> Terms
    {
        get
        {
            for (int t = 0; t < Count; t++)
            {
                var e = new int[Packing.Generators];
                Packing.Decode(Keys[t], e);
                yield return (e, Coefficient(t));
            }
        }
    }

    /// <summary>The same value as a <see cref="Polynomial"/> (canonical term order).</summary>
    public Polynomial ToPolynomial() => Ring.Unpack(this);

    // ----- arithmetic -------------------------------------------------------------------------------------------

    /// <summary>Product (see <see cref="PackedMultiplication"/>). Throws when the product's exponents do not fit one word.</summary>
    public static PackedPolynomial operator *(PackedPolynomial a, PackedPolynomial b) =>
        PackedMultiplication.TryMultiply(a, b)
        ?? throw new ArgumentException("The exponent ranges of the product do not fit one 64-bit word.");

    public static PackedPolynomial operator +(PackedPolynomial a, PackedPolynomial b) => Add(a, b, negateB: false);

    public static PackedPolynomial operator -(PackedPolynomial a, PackedPolynomial b) => Add(a, b, negateB: true);

    public static PackedPolynomial operator -(PackedPolynomial a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.IsZero ? a : new PackedPolynomial(a.Ring, a.Packing, a.Keys, a.Numerators.Negate(), a.Denominator);
    }

    /// <summary>Sum by a merge of the sorted words over the common denominator.</summary>
    private static PackedPolynomial Add(PackedPolynomial a, PackedPolynomial b, bool negateB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireSameRing(a, b);
        if (b.IsZero) return a;
        if (a.IsZero) return negateB ? -b : b;
        var packing = ExponentPacking.Union(a.Packing, b.Packing)
            ?? throw new ArgumentException("The exponent ranges of the sum do not fit one 64-bit word.");
        var ka = a.Packing.Repack(a.Keys, packing);
        var kb = b.Packing.Repack(b.Keys, packing);
        var den = a.Denominator / BigInteger.GreatestCommonDivisor(a.Denominator, b.Denominator) * b.Denominator;
        var ca = a.Numerators.Scaled(den / a.Denominator);
        var cb = b.Numerators.Scaled(den / b.Denominator);
        var keys = new ulong[ka.Length + kb.Length];
        var sums = new BigInteger[keys.Length];
        int i = 0, j = 0, n = 0;
        while (i < ka.Length || j < kb.Length)
        {
            if (j == kb.Length || (i < ka.Length && ka[i] < kb[j])) { keys[n] = ka[i]; sums[n++] = ca[i++]; continue; }
            var y = negateB ? -cb[j] : cb[j];
            if (i == ka.Length || kb[j] < ka[i]) { keys[n] = kb[j++]; sums[n++] = y; continue; }
            var s = ca[i] + y;
            if (!s.IsZero) { keys[n] = ka[i]; sums[n++] = s; }
            i++; j++;
        }
        Array.Resize(ref keys, n);
        Array.Resize(ref sums, n);
        return new PackedPolynomial(a.Ring, packing, keys, PackedCoefficients.From(sums), den);
    }

    internal static void RequireSameRing(PackedPolynomial a, PackedPolynomial b)
    {
        if (!a.Ring.Equals(b.Ring)) throw new ArgumentException($"Polynomials of different rings: {a.Ring} and {b.Ring}.");
    }

    // ----- equality, printing -----------------------------------------------------------------------------------

    /// <summary>Equal values (the words may use different field layouts; the term order does not depend on them).</summary>
    public bool Equals(PackedPolynomial? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (!Ring.Equals(other.Ring) || Count != other.Count || Denominator != other.Denominator) return false;
        if (!Numerators.ValuesEqual(other.Numerators)) return false;
        int k = Packing.Generators;
        for (int t = 0; t < Count; t++)
            for (int j = 0; j < k; j++)
                if (Packing.Exponent(Keys[t], j) != other.Packing.Exponent(other.Keys[t], j)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PackedPolynomial);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Count);
        h.Add(Denominator);
        if (Count > 0) { h.Add(Numerators[0]); h.Add(Numerators[Count - 1]); }
        return h.ToHashCode();
    }

    /// <summary>The text of <see cref="ToPolynomial"/>.</summary>
    public override string ToString() => ToPolynomial().ToString();
}
