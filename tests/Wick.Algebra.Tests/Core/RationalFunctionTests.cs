using CsCheck;
using Wick.Algebra;
using static Wick.Algebra.Tests.Core.AlgebraGen;

namespace Wick.Algebra.Tests.Core;

public class RationalFunctionTests
{
    private static readonly Polynomial X = Polynomial.Var(N);

    [Test]
    public void DifferenceOfSquaresOverLinearIsLinear()
    {
        var r = RationalFunction.Create(X * X - 1, X - 1);
        Assert.That(r, Is.EqualTo((RationalFunction)(X + 1)));
        Assert.That(r.Denominator, Is.EqualTo(Polynomial.One));
        Assert.That(r.ToPolynomial(), Is.EqualTo(X + 1));
    }

    [Test]
    public void GcdCancellationNeedsTheGcdNotJustDivision()
    {
        // (n+1)(n+2) / ((n+1)(n+3)): neither divides the other.
        var r = RationalFunction.Create((X + 1) * (X + 2), (X + 1) * (X + 3));
        Assert.That(r.Numerator, Is.EqualTo(X + 2));
        Assert.That(r.Denominator, Is.EqualTo(X + 3));
    }

    [Test]
    public void CanonicalFormsOfEqualValuesAreEqual()
    {
        var a = RationalFunction.Create(2 * X + 2, 4 * X * X - 4);      // 1/(2(n-1))
        var b = RationalFunction.Create(Rational.Create(1, 2), X - 1);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a.Denominator.Terms[0].Coefficient, Is.EqualTo(Rational.One), "denominator is monic");
        Assert.That(a.ToString(), Is.EqualTo("1/2/(n_l - 1)"));
    }

    [Test]
    public void RisingProductOverPowerExpandsToCSix()
    {
        var r = RationalFunction.Create(X * (X + 2) * (X + 4), X.Pow(3));
        Assert.That(r.IsPolynomial, Is.True);
        var expected = 1 + 6 * Polynomial.FromMonomial(Monomial.Of(N, -1)) + 8 * Polynomial.FromMonomial(Monomial.Of(N, -2));
        Assert.That(r.ToPolynomial(), Is.EqualTo(expected));
        Assert.That(r, Is.EqualTo((RationalFunction)expected), "the Laurent polynomial and the quotient normalise alike");
    }

    [Test]
    public void NonMonomialDenominatorCannotBecomeAPolynomial()
    {
        var r = RationalFunction.Create(1, X + 2);
        Assert.That(r.TryToPolynomial(out _), Is.False);
        var ex = Assert.Throws<InvalidOperationException>(() => r.ToPolynomial());
        Assert.That(ex!.Message, Does.Contain("n_l + 2"));
    }

    [Test]
    public void MultivariateCancelsByExactDivisionAndMonomialContent()
    {
        var cw = Polynomial.Var(Cw);
        var y = Polynomial.Var(Nm);
        Assert.That(RationalFunction.Create(cw * X + cw, X + 1), Is.EqualTo((RationalFunction)cw));
        Assert.That(RationalFunction.Create(X * X - y * y, X - y), Is.EqualTo((RationalFunction)(X + y)));
        // C_W (n+1) / (n (n+1)(n+2)): univariate denominator, multivariate numerator.
        var r = RationalFunction.Create(cw * (X + 1), X * (X + 1) * (X + 2));
        Assert.That(r.Numerator, Is.EqualTo(cw));
        Assert.That(r.Denominator, Is.EqualTo(X * X + 2 * X));
    }

    [Test]
    public void ArithmeticAgreesWithEvaluation() =>
        Gen.Select(Univariate, NonZeroUnivariate, Univariate, NonZeroUnivariate, (a, b, c, d) => (a, b, c, d)).Sample((a, b, c, d) =>
        {
            var p = RationalFunction.Create(a, b);
            var q = RationalFunction.Create(c, d);
            var at = new Dictionary<Symbol, Rational> { [N] = Rational.Create(7, 3) };
            Rational V(Polynomial x) => x.EvaluateRational(at);
            Rational E(RationalFunction f) => V(f.Numerator) / V(f.Denominator);
            if (V(b).IsZero || V(d).IsZero) return;
            Assert.That(E(p + q), Is.EqualTo(V(a) / V(b) + V(c) / V(d)));
            Assert.That(E(p * q), Is.EqualTo(V(a) / V(b) * (V(c) / V(d))));
            Assert.That((p + q) - q, Is.EqualTo(p));
        });

    [Test]
    public void CommonFactorAlwaysCancels() =>
        Gen.Select(Univariate, NonZeroUnivariate, NonZeroUnivariate, (a, b, c) => (a, b, c)).Sample((a, b, c) =>
            Assert.That(RationalFunction.Create(a * c, b * c), Is.EqualTo(RationalFunction.Create(a, b))));

    [Test]
    public void ZeroDenominatorIsRejected() =>
        Assert.Throws<DivideByZeroException>(() => RationalFunction.Create(X, Polynomial.Zero));

    [Test]
    public void UnivariateGcd()
    {
        var g = PolynomialFactoring.Gcd((X + 1) * (X + 2) * (X + 2), (X + 2) * (X - 5) * 3);
        Assert.That(g, Is.EqualTo(X + 2));
        Assert.That(PolynomialFactoring.Gcd(X + 1, X + 3), Is.EqualTo(Polynomial.One));
    }
}
