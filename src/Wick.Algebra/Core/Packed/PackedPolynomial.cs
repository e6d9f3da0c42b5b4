using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// A Laurent polynomial of a <see cref="PolynomialRing"/> in packed form (the representation FLINT's <c>fmpq_mpoly</c>
/// uses): exponent vectors in one 64-bit word each (per-generator fields with offsets for negative exponents), terms
/// sorted by word, the value <see cref="Content"/> × a primitive integer polynomial (coprime numerators, the last one
/// positive) whose numerators are <c>long</c> while they fit (else <see cref="BigInteger"/>). By Gauss's lemma the
/// product of primitive polynomials is primitive, so a product needs no gcds: its content is the contents' product. Products choose a dense array or a hash
/// table by the exponent box and an accumulator (<c>long</c>, <c>Int128</c>, <see cref="BigInteger"/>) by a bit bound.
/// Immutable; convert with <see cref="PolynomialRing.Pack"/> and <see cref="ToPolynomial"/>.
/// </summary>
public sealed class PackedPolynomial : IEquatable<PackedPolynomial>
{
    internal readonly ExponentPacking Packing;
    internal readonly ulong[] Keys;
    internal readonly PackedCoefficients Numerators;

    /// <summary>
    /// Takes ownership; keys sorted ascending and distinct, numerators non-zero. Unless <paramref name="primitive"/>, the
    /// numerators' signed content moves into the content.
    /// </summary>
    internal PackedPolynomial(PolynomialRing ring, ExponentPacking packing, ulong[] keys, PackedCoefficients numerators, Rational content, bool primitive)
    {
        Ring = ring;
        Packing = packing;
        Keys = keys;
        if (keys.Length == 0) content = Rational.Zero;
        else if (!primitive)
        {
            var g = numerators.SignedContent();
            numerators = numerators.DivideExactly(g);
            content *= g;
        }
        Numerators = numerators;
        Content = content;
    }

    internal static PackedPolynomial ZeroOf(PolynomialRing ring) =>
        new(ring, ExponentPacking.Empty(ring.Generators.Count), [], PackedCoefficients.Empty, Rational.Zero, primitive: true);

    /// <summary>The ring this polynomial belongs to.</summary>
    public PolynomialRing Ring { get; }

    /// <summary>Number of terms.</summary>
    public int Count => Keys.Length;

    public bool IsZero => Keys.Length == 0;

    /// <summary>The content: every coefficient is Content × a numerator of a primitive integer polynomial (0 for zero).</summary>
    public Rational Content { get; }

    /// <summary>True when every numerator fits a <c>long</c> (the word-sized fast path).</summary>
    public bool HasWordCoefficients => Numerators.Small is not null;

    /// <summary>Exponent of generator j in term t (terms in packed order).</summary>
    public int Exponent(int term, int generator) => Packing.Exponent(Keys[term], generator);

    /// <summary>Coefficient of term t (terms in packed order).</summary>
    public Rational Coefficient(int term) => Content * Numerators[term];

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
        return a.IsZero ? a : new PackedPolynomial(a.Ring, a.Packing, a.Keys, a.Numerators, -a.Content, primitive: true);
    }

    /// <summary>Sum by a merge of the sorted words: both sides as integers over the lcm of the contents' denominators.</summary>
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
        BigInteger da = a.Content.Denominator, db = b.Content.Denominator;
        var den = da / BigInteger.GreatestCommonDivisor(da, db) * db;
        var ca = a.Numerators.Scaled(a.Content.Numerator * (den / da));
        var cb = b.Numerators.Scaled(b.Content.Numerator * (den / db));
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
        return new PackedPolynomial(a.Ring, packing, keys, PackedCoefficients.From(sums), Rational.Create(1, den), primitive: false);
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
        if (!Ring.Equals(other.Ring) || Count != other.Count || Content != other.Content) return false;
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
        h.Add(Content);
        if (Count > 0) { h.Add(Numerators[0]); h.Add(Numerators[Count - 1]); }
        return h.ToHashCode();
    }

    /// <summary>The text of <see cref="ToPolynomial"/>.</summary>
    public override string ToString() => ToPolynomial().ToString();
}
