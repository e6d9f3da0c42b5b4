using System.Numerics;
using CsCheck;
using Wick.Algebra;

namespace Wick.Algebra.Tests.Core;

/// <summary>c_{2m}(n) = Π_{k=1}^{m−1}(1 + 2k/n) (3.46) and its relatives, against hand-checkable coefficients.</summary>
public class KnownExpansionTests
{
    private static readonly Symbol N = Symbol.Width(Layer.L);
    private static readonly Polynomial Inv = Polynomial.FromMonomial(Monomial.Of(N, -1));

    /// <summary>Π_{k=1}^{m−1}(1 + 2k/n), multiplied factor by factor.</summary>
    private static Polynomial C(int m)
    {
        var p = Polynomial.One;
        for (int k = 1; k < m; k++) p *= 1 + 2 * k * Inv;
        return p;
    }

    private static Polynomial InversePowers(params int[] coefficients)
    {
        var p = Polynomial.Zero;
        for (int i = 0; i < coefficients.Length; i++) p += Polynomial.FromMonomial(Monomial.Of(N, -i), coefficients[i]);
        return p;
    }

    [Test]
    public void CTwoMFromHandExpansion()
    {
        Assert.Multiple(() =>
        {
            Assert.That(C(2), Is.EqualTo(InversePowers(1, 2)));
            Assert.That(C(3), Is.EqualTo(InversePowers(1, 6, 8)));
            Assert.That(C(4), Is.EqualTo(InversePowers(1, 12, 44, 48)));
            // m = 5: elementary symmetric functions of {2,4,6,8}: 20, 140, 400, 384.
            Assert.That(C(5), Is.EqualTo(InversePowers(1, 20, 140, 400, 384)));
            // m = 6: of {2,4,6,8,10}: 30, 340, 1800, 4384, 3840.
            Assert.That(C(6), Is.EqualTo(InversePowers(1, 30, 340, 1800, 4384, 3840)));
            // m = 7: of {2,...,12}: 2^k e_k(1..6) = 42, 700, 5880, 25984, 56448, 46080.
            Assert.That(C(7), Is.EqualTo(InversePowers(1, 42, 700, 5880, 25984, 56448, 46080)));
        });
    }

    [TestCase(2)] [TestCase(3)] [TestCase(4)] [TestCase(5)] [TestCase(6)] [TestCase(7)]
    public void NToTheMTimesCEqualsRisingProduct(int m)
    {
        var rising = Polynomial.One;
        for (int k = 0; k < m; k++) rising *= Polynomial.Var(N) + 2 * k;
        var lhs = C(m) * Monomial.Of(N, m);
        Assert.That(lhs, Is.EqualTo(rising));
        Assert.That(lhs.MinDegree(N), Is.EqualTo(1));
        Assert.That(lhs.MaxDegree(N), Is.EqualTo(m));
    }

    [TestCase(2)] [TestCase(3)] [TestCase(4)] [TestCase(5)] [TestCase(6)] [TestCase(7)]
    public void FactoringRecoversTheLinearFactors(int m)
    {
        var f = PolynomialFactoring.Factor(C(m) * Monomial.Of(N, m), N);
        Assert.That(f.Constant, Is.EqualTo(Rational.One));
        var expected = new List<(Polynomial, int)> { (Polynomial.Var(N), 1) };
        for (int k = 1; k < m; k++) expected.Add((Polynomial.Var(N) + 2 * k, 1));
        Assert.That(f.Factors, Is.EqualTo(expected));
        Assert.That(f.Expand(), Is.EqualTo(C(m) * Monomial.Of(N, m)));
    }

    [Test]
    public void FactorInInverseGivesOnePlusAOverN()
    {
        var f = PolynomialFactoring.FactorInInverse(InversePowers(1, 6, 8), N);
        Assert.That(f.Constant, Is.EqualTo(Rational.One));
        Assert.That(f.Factors, Is.EqualTo(new List<(Polynomial, int)> { (1 + 2 * Inv, 1), (1 + 4 * Inv, 1) }));
        Assert.That(f.ToString(), Is.EqualTo("(1 + 2/n_l) (1 + 4/n_l)"));
        Assert.That(f.Expand(), Is.EqualTo(InversePowers(1, 6, 8)));
    }

    [Test]
    public void FactorFindsMultiplicitiesRationalRootsAndLeavesIrreducibleRest()
    {
        var x = Polynomial.Var(N);
        // 6 (n + 2)^2 (2n - 3)(n^2 + 1)/n
        var p = 6 * (x + 2).Pow(2) * (2 * x - 3) * (x * x + 1) * Polynomial.FromMonomial(Monomial.Of(N, -1));
        var f = PolynomialFactoring.Factor(p, N);
        Assert.That(f.Constant, Is.EqualTo((Rational)6));
        Assert.That(f.Factors, Is.EqualTo(new List<(Polynomial, int)>
        {
            (x, -1), (2 * x - 3, 1), (x + 2, 2), (x * x + 1, 1),
        }));
        Assert.That(f.Expand(), Is.EqualTo(p));
    }

    [Test]
    public void RepeatedIrreducibleFactorsGetTheirMultiplicity()
    {
        var x = Polynomial.Var(N);
        var p = -3 * (x + 1) * (x * x + 1).Pow(2) * (x * x * x + 2 * x + 5).Pow(3);
        var f = PolynomialFactoring.Factor(p, N);
        Assert.That(f.Constant, Is.EqualTo((Rational)(-3)));
        Assert.That(f.Factors, Is.EquivalentTo(new List<(Polynomial, int)> { (x + 1, 1), (x * x + 1, 2), (x * x * x + 2 * x + 5, 3) }));
        Assert.That(f.Expand(), Is.EqualTo(p));
        Assert.That(f.ToString(), Does.StartWith("-3 (n_l + 1)"));
    }

    [Test]
    public void FactorRoundTripsOnRandomProductsOfLinearFactors() =>
        Gen.Select(Gen.Int[1, 3], Gen.Int[-9, 9], Gen.Int[1, 3], (q, p, e) => (q, p, e)).Array[1, 4]
            .Sample(fs =>
            {
                var x = Polynomial.Var(N);
                var poly = Polynomial.Product(fs.Select(t => (t.q * x - t.p).Pow(t.e)));
                var f = PolynomialFactoring.Factor(poly, N);
                Assert.That(f.Expand(), Is.EqualTo(poly));
                Assert.That(f.Factors.All(t => t.Factor.MaxDegree(N) == 1), Is.True, f.ToString());
            }, iter: 60);

    [Test]
    public void FactorInInverseKeepsTheLeftoverPowerOfN()
    {
        // n + 3 + 2/n = (n+1)(n+2)/n = n (1 + 1/n)(1 + 2/n)
        var f = PolynomialFactoring.FactorInInverse(Polynomial.Var(N) + 3 + 2 * Inv, N);
        Assert.That(f.Factors, Is.EqualTo(new List<(Polynomial, int)> { (Polynomial.Var(N), 1), (1 + Inv, 1), (1 + 2 * Inv, 1) }));
        Assert.That(f.Constant, Is.EqualTo(Rational.One));
        // 2 + 1/n = 2 (1 + 1/(2n))
        var g = PolynomialFactoring.FactorInInverse(2 + Inv, N);
        Assert.That(g.Constant, Is.EqualTo((Rational)2));
        Assert.That(g.Factors, Is.EqualTo(new List<(Polynomial, int)> { (1 + Rational.Create(1, 2) * Inv, 1) }));
    }

    [Test]
    public void FactorRejectsBadInputWithClearMessages()
    {
        var ex = Assert.Throws<ArgumentException>(() => PolynomialFactoring.Factor(Polynomial.Var(N) + Polynomial.Var(Symbol.CW), N));
        Assert.That(ex!.Message, Does.Contain("C_W"));
        Assert.Throws<ArgumentException>(() => PolynomialFactoring.Factor(Polynomial.Zero, N));
    }

    [Test]
    public void HugeConstantTermWithoutRationalRootsStaysWholeAndQuick()
    {
        // n^2 + 10^30 has no rational root; the candidate search is bounded.
        var p = Polynomial.Var(N).Pow(2) + (Rational)System.Numerics.BigInteger.Pow(10, 30);
        var f = PolynomialFactoring.Factor(p, N);
        Assert.That(f.Factors, Is.EqualTo(new List<(Polynomial, int)> { (p, 1) }));
    }

    [Test]
    public void LargeMFactorsCompletely()
    {
        const int m = 60;
        var rising = Polynomial.Product(Enumerable.Range(0, m).Select(k => Polynomial.Var(N) + 2 * k));
        var f = PolynomialFactoring.Factor(rising, N);
        Assert.That(f.Factors, Has.Count.EqualTo(m));
        Assert.That(f.Factors.All(t => t.Multiplicity == 1 && t.Factor.MaxDegree(N) == 1), Is.True);
    }

    [Test]
    public void CoefficientsBeyondSixtyFourBitsStayExact()
    {
        var p = (1 + 2 * Inv).Pow(80);
        // Coefficient of 1/n^40 is C(80,40) 2^40 ≈ 1.3e35.
        var binom = BigInteger.One;
        for (int i = 1; i <= 40; i++) binom = binom * (40 + i) / i;
        Assert.That(p.CoefficientOf(Monomial.Of(N, -40)), Is.EqualTo((Rational)(binom * BigInteger.Pow(2, 40))));
        Assert.That(p.CoefficientOf(Monomial.Of(N, -80)), Is.EqualTo((Rational)BigInteger.Pow(2, 80)));
        Assert.That(p.Count, Is.EqualTo(81));
        // Cross-check: the same power by repeated multiplication.
        var q = Polynomial.One;
        for (int i = 0; i < 80; i++) q *= 1 + 2 * Inv;
        Assert.That(q, Is.EqualTo(p));
    }

    [Test]
    public void RationalCoefficientsBeyondSixtyFourBits()
    {
        var p = (Rational.Create(1, 3) + Rational.Create(2, 7) * Inv).Pow(50);
        Assert.That(p.CoefficientOf(Monomial.One), Is.EqualTo(Rational.Create(1, BigInteger.Pow(3, 50))));
        Assert.That(p.CoefficientOf(Monomial.Of(N, -50)), Is.EqualTo(Rational.Create(BigInteger.Pow(2, 50), BigInteger.Pow(7, 50))));
    }
}
