using System.Numerics;
using CsCheck;
using Wick.Algebra;
using static Wick.Algebra.Tests.Core.AlgebraGen;

namespace Wick.Algebra.Tests.Core;

/// <summary>
/// The packed core (<see cref="PolynomialRing"/>, <see cref="PackedPolynomial"/>) against the schoolbook product on
/// <see cref="Polynomial"/>: every accumulator (long, Int128, BigInteger), both kernels (dense array, hash table), Laurent
/// exponents, empty and one-term operands; ring laws in packed form; round trips.
/// </summary>
public class PackedPolynomialTests
{
    private static readonly PolynomialRing Ring = new([N, Nm, Cw, R]);

    /// <summary>Coefficients of every size class: small, just below and above 2^63, around 2^64…2^126, beyond 2^127.</summary>
    private static readonly Gen<Rational> WideCoefficient =
        Gen.Select(Gen.Int[0, 4], Gen.Int[-3, 3], Gen.Bool, Gen.Int[1, 3], (size, offset, neg, q) =>
        {
            BigInteger p = size switch
            {
                0 => offset == 0 ? 1 : offset,
                1 => (BigInteger.One << 62) + offset,
                2 => (BigInteger.One << 63) + offset,
                3 => (BigInteger.One << 100) + offset,
                _ => (BigInteger.One << 130) + offset,
            };
            return Rational.Create(neg ? -p : p, q);
        });

    private static Gen<Polynomial> Polynomials(Gen<Rational> coefficient, int maxTerms) =>
        Gen.Select(GenMonomial, coefficient, (m, c) => (m, c)).Array[0, maxTerms].Select(t => Polynomial.FromTerms(t));

    private static readonly Gen<Polynomial> Small = Polynomials(Coefficient, 6);
    private static readonly Gen<Polynomial> Larger = Polynomials(Coefficient, 60);
    private static readonly Gen<Polynomial> Wide = Polynomials(WideCoefficient, 12);

    /// <summary>Exponents up to ±10^6: the box is far too large for the array, so the hash table runs.</summary>
    private static readonly Gen<Polynomial> Sparse =
        Gen.Select(Gen.Int[-1_000_000, 1_000_000], Gen.Int[-1_000_000, 1_000_000], Gen.Int[0, 3], NonZeroCoefficient,
                (a, b, c, k) => (Monomial.FromFactors([(N, a), (Nm, b), (R, c)]), k))
            .Array[0, 10].Select(t => Polynomial.FromTerms(t));

    private static void AgreesWithSchoolbook(Polynomial a, Polynomial b)
    {
        var expected = Polynomial.MultiplyGeneric(a, b);
        var packed = Ring.Pack(a) * Ring.Pack(b);
        Assert.That(packed.ToPolynomial(), Is.EqualTo(expected));
        Assert.That(packed.Count, Is.EqualTo(expected.Count));
        Assert.That(a * b, Is.EqualTo(expected));
    }

    [Test]
    public void ProductAgreesWithSchoolbookOnSmallOperands() =>
        Gen.Select(Small, Small, (a, b) => (a, b)).Sample(AgreesWithSchoolbook);

    [Test]
    public void ProductAgreesWithSchoolbookOnLargerOperands() =>
        Gen.Select(Larger, Larger, (a, b) => (a, b)).Sample(AgreesWithSchoolbook, iter: 40);

    [Test]
    public void ProductAgreesWithSchoolbookWhenCoefficientsOverflowLongAndInt128() =>
        Gen.Select(Wide, Wide, (a, b) => (a, b)).Sample(AgreesWithSchoolbook, iter: 60);

    [Test]
    public void ProductAgreesWithSchoolbookOnSparseWideExponents() =>
        Gen.Select(Sparse, Sparse, (a, b) => (a, b)).Sample(AgreesWithSchoolbook, iter: 60);

    [Test]
    public void AccumulatorBoundariesAreExact()
    {
        // Sums that land exactly on and just past the long and Int128 limits.
        var x = Polynomial.Var(N);
        var max = new BigInteger(long.MaxValue);
        foreach (var (ca, cb) in new (BigInteger, BigInteger)[]
                 {
                     (max, 1), (max, 2), (new BigInteger(long.MinValue), -1), (BigInteger.One << 62, 2),
                     ((BigInteger.One << 63) - 1, (BigInteger.One << 63) - 1), (BigInteger.One << 63, BigInteger.One << 63),
                 })
        {
            var a = ca * (x + 1);
            var b = Polynomial.Constant(cb) * (x + 1) + Polynomial.Constant(cb) * Polynomial.Var(Cw);
            AgreesWithSchoolbook(a, b);
            AgreesWithSchoolbook(a * a, b * b);
        }
    }

    [Test]
    public void EmptyAndOneTermOperands()
    {
        var p = Polynomial.Var(N) * Rational.Create(3, 2) + Polynomial.FromMonomial(Monomial.Of(Nm, -2), -1);
        var zero = Ring.Zero;
        Assert.That((Ring.Pack(p) * zero).IsZero, Is.True);
        Assert.That((zero * Ring.Pack(p)).ToPolynomial(), Is.EqualTo(Polynomial.Zero));
        Assert.That((Ring.Pack(p) * Ring.Pack(Polynomial.One)).ToPolynomial(), Is.EqualTo(p));
        var single = Polynomial.FromMonomial(Monomial.FromFactors([(N, -3), (Cw, 2)]), Rational.Create(-5, 7));
        Assert.That((Ring.Pack(p) * Ring.Pack(single)).ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(p, single)));
    }

    [Test]
    public void RingLawsHoldInPackedForm() =>
        Gen.Select(Wide, Small, Larger, (a, b, c) => (Ring.Pack(a), Ring.Pack(b), Ring.Pack(c))).Sample((a, b, c) =>
        {
            Assert.That(a * b, Is.EqualTo(b * a));
            Assert.That((a * b) * c, Is.EqualTo(a * (b * c)));
            Assert.That(a * (b + c), Is.EqualTo(a * b + a * c));
            Assert.That((a - a).IsZero, Is.True);
            Assert.That((a + b) - b, Is.EqualTo(a));
        }, iter: 40);

    [Test]
    public void RoundTripThroughPackedFormIsTheIdentity() =>
        Gen.OneOf(Small, Larger, Wide, Sparse).Sample(p =>
        {
            var packed = Ring.Pack(p);
            Assert.That(packed.ToPolynomial(), Is.EqualTo(p));
            Assert.That(packed.ToPolynomial().Terms, Is.EqualTo(p.Terms)); // the canonical term order is restored
            Assert.That(packed.Count, Is.EqualTo(p.Count));
            Assert.That(packed.ToString(), Is.EqualTo(p.ToString()));
        });

    [Test]
    public void SumsAgreeWithPolynomialSums() =>
        Gen.Select(Wide, Sparse, (a, b) => (a, b)).Sample((a, b) =>
        {
            Assert.That((Ring.Pack(a) + Ring.Pack(b)).ToPolynomial(), Is.EqualTo(a + b));
            Assert.That((Ring.Pack(a) - Ring.Pack(b)).ToPolynomial(), Is.EqualTo(a - b));
        });

    [Test]
    public void GeneratorOrderDoesNotChangeTheValue()
    {
        var reversed = new PolynomialRing([R, Cw, Nm, N]);
        Gen.Select(Larger, Wide, (a, b) => (a, b)).Sample((a, b) =>
            Assert.That((reversed.Pack(a) * reversed.Pack(b)).ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(a, b))), iter: 30);
    }

    [Test]
    public void ValuesAreContentTimesAPrimitivePolynomial()
    {
        // (1/2 + n/2)·(2/3) = 1/3 + n/3: content 1/3, numerators 1, 1.
        var p = Ring.Pack(Rational.Create(1, 2) + Polynomial.Var(N) * Rational.Create(1, 2)) * Ring.Pack(Rational.Create(2, 3));
        Assert.That(p.Content, Is.EqualTo(Rational.Create(1, 3)));
        Assert.That(p.Terms.Select(t => t.Coefficient), Is.All.EqualTo(Rational.Create(1, 3)));
        Assert.That(p.HasWordCoefficients, Is.True);
        // -6 n^2 + 4 n: content −2 (the leading numerator, in word order the last term, is made positive), numerators −2, 3.
        var q = Ring.Pack(Polynomial.Var(N) * 4 - Polynomial.Var(N).Pow(2) * 6);
        Assert.That(q.Content, Is.EqualTo((Rational)(-2)));
        Assert.That(Enumerable.Range(0, q.Count).Select(t => q.Coefficient(t)), Is.EqualTo(new Rational[] { 4, -6 }));
        // Gauss's lemma: a product of primitive parts stays primitive, so equal values built two ways are equal.
        Gen.Select(Wide, Larger, (a, b) => (a, b)).Sample((a, b) =>
            Assert.That(Ring.Pack(a) * Ring.Pack(b), Is.EqualTo(Ring.Pack(Polynomial.MultiplyGeneric(a, b)))), iter: 40);
    }

    [Test]
    public void ContentMinusOneNextToLongMinValueStaysExact()
    {
        // −2^63·n − n²: the leading numerator −1 makes the content −1, and −(−2^63) is not a long.
        var p = Polynomial.Var(N) * new BigInteger(long.MinValue) - Polynomial.Var(N).Pow(2);
        var packed = Ring.Pack(p);
        Assert.That(packed.Content, Is.EqualTo((Rational)(-1)));
        Assert.That(packed.ToPolynomial(), Is.EqualTo(p));
        Assert.That((packed * packed).ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(p, p)));
        Assert.That((packed - packed).IsZero, Is.True);
    }

    [Test]
    public void MisuseIsRejectedWithAMessage()
    {
        var other = new PolynomialRing([N]);
        Assert.Throws<ArgumentException>(() => other.Pack(Polynomial.Var(Cw)));
        Assert.Throws<ArgumentException>(() => _ = other.Pack(Polynomial.Var(N)) * Ring.Pack(Polynomial.Var(N)));
        Assert.Throws<ArgumentException>(() => _ = new PolynomialRing([N, N]));
        // 5 generators with exponent ranges of 2^14 need 70 bits: not one word.
        var syms = Enumerable.Range(0, 5).Select(i => Symbol.Plain($"x{i}")).ToArray();
        var wide = Polynomial.FromTerms(syms.Select(s => (Monomial.Of(s, 1 << 14), Rational.One)).Append((Monomial.One, Rational.One)));
        Assert.That(new PolynomialRing(syms).TryPack(wide), Is.Null);
        Assert.That(wide * wide, Is.EqualTo(Polynomial.MultiplyGeneric(wide, wide))); // Polynomial falls back
    }
}
