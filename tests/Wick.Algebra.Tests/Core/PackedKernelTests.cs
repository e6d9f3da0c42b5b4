using System.Numerics;
using CsCheck;
using Wick.Algebra;
using static Wick.Algebra.Tests.Core.AlgebraGen;

namespace Wick.Algebra.Tests.Core;

/// <summary>
/// The product kernels of <see cref="PackedMultiplication"/> against each other and against the schoolbook product on
/// <see cref="Polynomial"/>: Kronecker substitution with <see cref="Karatsuba"/> (balanced and unbalanced lengths, values
/// at the overflow bound), the sliced array and the hash table, forced one by one on the same operands; the choice by
/// shape; products on several threads at once (the scratch arrays are per thread).
/// </summary>
public class PackedKernelTests
{
    private static readonly PolynomialRing Ring = new([N, Nm, Cw, R]);
    private static readonly ProductKernel[] Kernels = [ProductKernel.Array, ProductKernel.Hash, ProductKernel.Heap, ProductKernel.Kronecker, ProductKernel.Rows];

    /// <summary>Coefficient numerators from ±1 to ±2^130 (the Kronecker kernel must decline what overflows a long).</summary>
    private static readonly Gen<BigInteger> Numerator =
        Gen.Select(Gen.Int[0, 9], Gen.Long[-1000, 1000], Gen.Bool, (size, x, neg) =>
        {
            BigInteger v = size switch
            {
                <= 5 => x == 0 ? 1 : x,
                6 => (BigInteger.One << 30) + x,
                7 => (BigInteger.One << 62) + x,
                8 => (BigInteger.One << 63) - 1 - Math.Abs(x),
                _ => (BigInteger.One << 130) + x,
            };
            return neg ? -v : v;
        });

    /// <summary>
    /// Polynomials filling part of an exponent box: exponents of n_l, n_{l−1} from lowN up to lowN + span (negative too),
    /// C_W and r up to 2; density chosen so that every kernel, including Kronecker, is the automatic choice for some.
    /// </summary>
    private static Gen<Polynomial> Boxed(Gen<BigInteger> numerator) =>
        Gen.Select(Gen.Int[-8, 3], Gen.Int[0, 12], Gen.Int[0, 2], Gen.Double[0.05, 1.0], Gen.Int[1, 5], Gen.UInt)
           .SelectMany(t => numerator.Array[200].Select(nums =>
           {
               var (low, span, extra, density, den, seed) = t;
               var random = new Random((int)seed);
               var terms = new List<(Monomial, Rational)>();
               int next = 0;
               for (int i = 0; i <= span; i++)
                   for (int j = 0; j <= span; j++)
                       for (int c = 0; c <= extra; c++)
                           if (random.NextDouble() < density)
                               terms.Add((Monomial.FromFactors([(N, low + i), (Nm, low - 1 + j), (Cw, c), (R, extra - c)]),
                                   Rational.Create(nums[next++ % nums.Length], den)));
               return Polynomial.FromTerms(terms);
           }));

    private static readonly Gen<Polynomial> WordBoxes = Boxed(Gen.Long[-1000, 1000].Select(x => (BigInteger)x));
    private static readonly Gen<Polynomial> AnyBoxes = Boxed(Numerator);

    private static void KernelsAgree(Polynomial a, Polynomial b)
    {
        var expected = Polynomial.MultiplyGeneric(a, b);
        var pa = Ring.Pack(a);
        var pb = Ring.Pack(b);
        foreach (var kernel in Kernels)
        {
            var product = PackedMultiplication.TryMultiply(pa, pb, kernel)!;
            Assert.That(product.ToPolynomial(), Is.EqualTo(expected), $"{kernel} kernel");
            Assert.That(product.Count, Is.EqualTo(expected.Count), $"{kernel} kernel");
        }
        Assert.That(pa * pb, Is.EqualTo(Ring.Pack(expected)));
    }

    [Test]
    public void EveryKernelAgreesWithSchoolbookOnBoxes() =>
        Gen.Select(WordBoxes, WordBoxes, (a, b) => (a, b)).Sample(KernelsAgree, iter: 25);

    [Test]
    public void EveryKernelAgreesWithSchoolbookWithBigCoefficients() =>
        Gen.Select(AnyBoxes, WordBoxes, (a, b) => (a, b)).Sample(KernelsAgree, iter: 25);

    [Test]
    public void EveryKernelAgreesOnSmallAndDegenerateOperands()
    {
        var one = Polynomial.One;
        var x = Polynomial.Var(N);
        var inverse = Polynomial.FromMonomial(Monomial.Of(Nm, -5), Rational.Create(-3, 7));
        var binomial = (x + 1).Pow(7);
        foreach (var (a, b) in new[] { (one, one), (x, inverse), (binomial, binomial), (binomial, x - 1), (inverse * binomial, inverse) })
            KernelsAgree(a, b);
        foreach (var kernel in Kernels)
            Assert.That(PackedMultiplication.TryMultiply(Ring.Pack(binomial), Ring.Zero, kernel)!.IsZero, Is.True);
    }

    [Test]
    public void DenseBoxesChooseKroneckerAndSparseOnesDoNot()
    {
        // All n_l^-i n_{l-1}^-j, i, j ≤ 29: 810,000 pairs, a univariate product of length 1,741.
        var box = Polynomial.FromTerms(
            from i in Enumerable.Range(0, 30) from j in Enumerable.Range(0, 30)
            select (Monomial.FromFactors([(N, -i), (Nm, -j)]), (Rational)(1 + (7 * i + 3 * j) % 11 - 5)));
        var dense = Ring.Pack(box);
        Assert.That(PackedMultiplication.KernelFor(dense, dense), Is.EqualTo(ProductKernel.Kronecker));
        Assert.That((dense * dense).ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(box, box)));
        // Every tenth cell of a 4-generator box, one term per row of n_l: the array, not Kronecker and not rows.
        var sparse = Ring.Pack(Polynomial.FromTerms(
            from t in Enumerable.Range(0, 1000)
            select (Monomial.FromFactors([(N, t * 7 % 10), (Nm, t % 10), (Cw, t / 10 % 10), (R, t / 100)]), (Rational)(t % 13 - 6 == 0 ? 1 : t % 13 - 6))));
        Assert.That(PackedMultiplication.KernelFor(sparse, sparse), Is.EqualTo(ProductKernel.Array));
        // Every tenth cell again, but each row of n_l full (ten terms): dense rows, one limb.
        var rows = Polynomial.FromTerms(
            from t in Enumerable.Range(0, 1000)
            select (Monomial.FromFactors([(N, t % 10), (Nm, t / 10 % 10), (Cw, t * 7 / 100 % 10), (R, t / 100)]), (Rational)(t % 13 - 6 == 0 ? 1 : t % 13 - 6)));
        Assert.That(PackedMultiplication.KernelFor(Ring.Pack(rows), Ring.Pack(rows)), Is.EqualTo(ProductKernel.Rows));
        Assert.That(PackedMultiplication.RowLimbsFor(Ring.Pack(rows), Ring.Pack(rows))!.Value.TwoLimbs, Is.False);
        // The same with rational coefficients (content 1/lcm, numerators of ~40 bits): dense rows, two limbs.
        var rational = Polynomial.FromTerms(rows.Terms.Select((t, i) => (t.Monomial, t.Coefficient / (1 + i % 29))));
        var packedRational = Ring.Pack(rational);
        Assert.That(PackedMultiplication.KernelFor(packedRational, packedRational), Is.EqualTo(ProductKernel.Rows));
        Assert.That(PackedMultiplication.RowLimbsFor(packedRational, packedRational)!.Value.TwoLimbs, Is.True);
        Assert.That((packedRational * packedRational).ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(rational, rational)));
        // Exponents up to 10^6: the heap merge for 3 rows, the hash table for 40.
        var wide = Ring.Pack(Polynomial.Var(N).Pow(1_000_000) + Polynomial.Var(Nm).Pow(-1_000_000) + 1);
        Assert.That(PackedMultiplication.KernelFor(wide, wide), Is.EqualTo(ProductKernel.Heap));
        var wider = Ring.Pack(Polynomial.FromTerms(
            from t in Enumerable.Range(0, 40) select (Monomial.FromFactors([(N, 25_000 * t), (Nm, -t * t)]), (Rational)(t + 1))));
        Assert.That(PackedMultiplication.KernelFor(wider, wider), Is.EqualTo(ProductKernel.Hash));
        Assert.That(PackedMultiplication.KernelFor(wide, wider), Is.EqualTo(ProductKernel.Heap));
    }

    [Test]
    public void EveryKernelIsExactAtTheWordAndInt128Limits()
    {
        // Numerators around 2^29, 2^40, 2^55, 2^61, 2^63 and beyond against each other, so that the bit bound picks every accumulator
        // (long, Int128 with negated rows, BigInteger), on operands with several terms per run of the last generator.
        var x = Polynomial.Var(N);
        var y = Polynomial.Var(Nm);
        BigInteger max = long.MaxValue, min = long.MinValue, near = (BigInteger.One << 61) - 1, word = BigInteger.One << 29;
        BigInteger split = (BigInteger.One << 55) + 1, mid = -(BigInteger.One << 40) - 3; // carry-save Int128 cells
        var values = new[] { max, min, near, -near, -(near + 2) / 2, split, mid, word + 1, -word, BigInteger.One, -BigInteger.One, (BigInteger.One << 64) + 1 };
        foreach (var c0 in values)
            foreach (var c1 in values)
            {
                var a = c0 * (1 + x + x * y) + c1 * (y + x.Pow(2) * y) - Polynomial.Var(Cw);
                var b = c1 * (1 - x * y) + c0 * y.Pow(2) + Polynomial.Var(Cw) * x;
                KernelsAgree(a, b);
            }
    }

    [Test]
    public void RowKernelIsExactAtItsLimbBounds()
    {
        // Operands with full rows of n_l and numerators of exactly the largest bit length each limb split admits, all of
        // one sign (every cell sum at its largest): two limbs at B = 62 − bits(min(#a, #b)), none at B + 1 (the kernel
        // declines and the array kernel runs), one limb at 31 + (32 − bits(min)) bits.
        foreach (int n in new[] { 2, 5, 40, 300 }) // one term would be its own content (numerator 1)
        {
            int pairBits = 64 - BitOperations.LeadingZeroCount((ulong)n);
            Polynomial Operand(int terms, int bits, int rowLength, long sign) => Polynomial.FromTerms(
                from t in Enumerable.Range(0, terms)
                select (Monomial.FromFactors([(N, t % rowLength), (Nm, -(t / rowLength))]), (Rational)(sign * ((BigInteger.One << bits) - 1 - 2 * t))));
            foreach (long sign in new long[] { 1, -1 })
            {
                foreach (var (bitsA, bitsB, expected) in new (int, int, (bool, int)?)[]
                         {
                             (62 - pairBits, 62 - pairBits, (true, (63 - pairBits) / 2)),
                             (63 - pairBits, 62 - pairBits, null),
                             (31, 32 - pairBits, (false, 0)),
                         })
                {
                    var a = Operand(n, bitsA, 7, sign);
                    var b = Operand(n + 13, bitsB, 9, 1);
                    var (pa, pb) = (Ring.Pack(a), Ring.Pack(b));
                    Assert.That(PackedMultiplication.RowLimbsFor(pa, pb), Is.EqualTo(expected), $"n = {n}, {bitsA} and {bitsB} bits");
                    var product = PackedMultiplication.TryMultiply(pa, pb, ProductKernel.Rows)!;
                    Assert.That(product.ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(a, b)), $"n = {n}, {bitsA} and {bitsB} bits");
                }
            }
        }
    }

    [Test]
    public void EveryKernelAgreesInAOneGeneratorRing()
    {
        // One generator: one row and one slice group per operand (the row kernel's k = 1 case), Laurent exponents,
        // numerators of 20 and 45 bits (one and two limbs).
        var ring = new PolynomialRing([N]);
        foreach (int bits in new[] { 20, 45 })
        {
            var a = Polynomial.FromTerms(from e in Enumerable.Range(-9, 30) where e % 4 != 0
                                         select (Monomial.Of(N, e), (Rational)(((BigInteger)1 << bits) - 7 * e * e - 1)));
            var b = Polynomial.FromTerms(from e in Enumerable.Range(-3, 50)
                                         select (Monomial.Of(N, e), (Rational)(e % 3 == 0 ? -((BigInteger)1 << bits) + e + 50 : e + 4)));
            var expected = Polynomial.MultiplyGeneric(a, b);
            var (pa, pb) = (ring.Pack(a), ring.Pack(b));
            foreach (var kernel in Kernels)
                Assert.That(PackedMultiplication.TryMultiply(pa, pb, kernel)!.ToPolynomial(), Is.EqualTo(expected), $"{kernel}, {bits} bits");
            Assert.That(PackedMultiplication.RowLimbsFor(pa, pb)!.Value.TwoLimbs, Is.EqualTo(bits > 31));
        }
    }

    [Test]
    public void PackingIsExactWhereTheWordArithmeticStops()
    {
        // Denominators whose lcm just fits or just overflows a long, numerators whose scaled values just fit or overflow:
        // the packed value must read back exactly either way (word route or BigInteger route).
        var x = Polynomial.Var(N);
        BigInteger p1 = 3_037_000_493, p2 = 3_037_000_453; // coprime, near 2^31.5: p1·p2 < 2^63 < 3·p1·p2
        foreach (var (n1, d1, n2, d2) in new (BigInteger, BigInteger, BigInteger, BigInteger)[]
                 {
                     (1, p1, 1, p2), (1, p1, 1, p2 * 3), (long.MaxValue, p1, -1, p2), (long.MaxValue / p2, p1, long.MinValue / p1 + 1, p2),
                     (long.MaxValue, 1, long.MinValue, 1), (long.MinValue, 3, 1, 2), ((BigInteger.One << 70) + 1, 5, 1, 7),
                 })
        {
            var p = x * Rational.Create(n1, d1) + Polynomial.Var(Nm).Pow(-2) * Rational.Create(n2, d2) + Polynomial.Var(Cw);
            var packed = Ring.Pack(p);
            Assert.That(packed.ToPolynomial(), Is.EqualTo(p));
            Assert.That((packed * packed).ToPolynomial(), Is.EqualTo(Polynomial.MultiplyGeneric(p, p)));
        }
    }

    /// <summary>Naive convolution in BigInteger.</summary>
    private static BigInteger[] Convolution(long[] a, long[] b)
    {
        var r = new BigInteger[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) r[i + j] += (BigInteger)a[i] * b[j];
        return r;
    }

    [Test]
    public void KaratsubaIsTheConvolution() =>
        Gen.Select(Gen.Int[1, 300], Gen.Int[1, 300], Gen.Int[0, 20], Gen.UInt).Sample((la, lb, bits, seed) =>
        {
            var random = new Random((int)seed);
            long Value() => random.Next(4) == 0 ? 0 : random.NextInt64(-(1L << bits), 1L << bits);
            var a = Enumerable.Range(0, la).Select(_ => Value()).ToArray();
            var b = Enumerable.Range(0, lb).Select(_ => Value()).ToArray();
            var r = new long[la + lb - 1];
            Karatsuba.Multiply(a, b, r);
            Assert.That(r.Select(v => (BigInteger)v), Is.EqualTo(Convolution(a, b)));
        }, iter: 200);

    [Test]
    public void KaratsubaIsExactAtItsOverflowBound()
    {
        // The largest coefficients Fits admits for each length, all of one sign (every intermediate value at its largest).
        foreach (int length in new[] { 1, 31, 32, 33, 64, 100, 257, 1741 })
        {
            int bits = 1;
            while (Karatsuba.Fits(bits + 1, bits + 1, length)) bits++;
            Assert.That(Karatsuba.Fits(bits, bits, length), Is.True);
            long max = (1L << bits) - 1;
            foreach (long sign in new long[] { 1, -1 })
            {
                var a = Enumerable.Repeat(sign * max, length).ToArray();
                var b = Enumerable.Repeat(max, length).ToArray();
                var r = new long[2 * length - 1];
                Karatsuba.Multiply(a, b, r);
                Assert.That(r.Select(v => (BigInteger)v), Is.EqualTo(Convolution(a, b)), $"length {length}, {bits} bits");
            }
        }
        // A long.MinValue coefficient is 64 bits: never admitted.
        Assert.That(Karatsuba.Fits(64, 1, 1), Is.False);
    }

    [Test]
    public void ProductsOnSeveralThreadsAgree() =>
        Gen.Select(AnyBoxes, WordBoxes, (a, b) => (a, b)).Array[8].Sample(operands =>
        {
            var expected = operands.Select(o => Polynomial.MultiplyGeneric(o.a, o.b)).ToArray();
            var results = new Polynomial[4][];
            Parallel.For(0, 4, t => results[t] = operands.Select(o => (Ring.Pack(o.a) * Ring.Pack(o.b)).ToPolynomial()).ToArray());
            foreach (var r in results) Assert.That(r, Is.EqualTo(expected));
        }, iter: 3);
}
