using Wick.Algebra;
using static Wick.Algebra.Tests.Core.AlgebraGen;

namespace Wick.Algebra.Tests.Core;

/// <summary>Example-based tests of the Monomial and Polynomial API.</summary>
public class PolynomialTests
{
    private static readonly Polynomial X = Polynomial.Var(N);
    private static Polynomial Inv(Symbol s, int k = 1) => Polynomial.FromMonomial(Monomial.Of(s, -k));

    [Test]
    public void MonomialIsCanonical()
    {
        var a = Monomial.Of(Cw, 2) * Monomial.Of(N, -1);
        var b = Monomial.FromFactors([(N, -2), (Cw, 1), (N, 1), (Cw, 1)]);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a.Factors, Is.EqualTo(new[] { (Cw, 2), (N, -1) }));
        Assert.That(a.Exponent(N), Is.EqualTo(-1));
        Assert.That(a.Exponent(R), Is.EqualTo(0));
        Assert.That(a.WidthDegree, Is.EqualTo(-1));
        Assert.That((a / a).IsOne, Is.True);
        Assert.That(a.Pow(3), Is.EqualTo(Monomial.Of(Cw, 6) * Monomial.Of(N, -3)));
        Assert.That(Monomial.Of(N, 0), Is.EqualTo(Monomial.One));
        Assert.That((Monomial.Of(N, -1) * Monomial.Of(Nm, -1)).WidthDegree, Is.EqualTo(-2));
    }

    [Test]
    public void ConstantsAndTryGetConstant()
    {
        Assert.That(Polynomial.Zero.TryGetConstant(out var z) && z.IsZero, Is.True);
        Assert.That(((Polynomial)5).TryGetConstant(out var five) && five == 5, Is.True);
        Assert.That(X.TryGetConstant(out _), Is.False);
        Assert.That((X - X).IsZero, Is.True);
        Assert.That(((Polynomial)3).IsConstant, Is.True);
        Assert.That((X + 1).Symbols, Is.EqualTo(new[] { N }));
        Assert.That((X * Cw + Nm).Symbols, Is.EqualTo(new[] { Cw, Nm, N }));
    }

    [Test]
    public void NegativePowerOnlyForSingleTerms()
    {
        Assert.That((2 * X).Pow(-2), Is.EqualTo(Rational.Create(1, 4) * Inv(N, 2)));
        var ex = Assert.Throws<ArgumentException>(() => (X + 1).Pow(-1));
        Assert.That(ex!.Message, Does.Contain("single-term"));
    }

    [Test]
    public void DivisionByMonomialAndRational()
    {
        Assert.That((X * X + 2 * X) / Monomial.Of(N, 2), Is.EqualTo(1 + 2 * Inv(N)));
        Assert.That((4 * X + 2) / (Rational)2, Is.EqualTo(2 * X + 1));
        Assert.Throws<DivideByZeroException>(() => _ = X / Rational.Zero);
    }

    [Test]
    public void TryDivideExactlyFailsWhenNotDivisible()
    {
        Assert.That((X * X + 1).TryDivideExactly(X + 1, out var q), Is.False);
        Assert.That(q, Is.Null);
        Assert.That((X * X - 1).TryDivideExactly(X + 1, out q), Is.True);
        Assert.That(q, Is.EqualTo(X - 1));
        // Laurent: (1 + 2/n)(1 + 4/n) / (1 + 4/n)
        Assert.That((1 + 6 * Inv(N) + 8 * Inv(N, 2)).TryDivideExactly(1 + 4 * Inv(N), out q), Is.True);
        Assert.That(q, Is.EqualTo(1 + 2 * Inv(N)));
    }

    [Test]
    public void SubstituteNumberAndLayerRenaming()
    {
        var c6 = 1 + 6 * Inv(N) + 8 * Inv(N, 2);
        Assert.That(c6.Substitute(N, 2), Is.EqualTo((Polynomial)6));
        Assert.That(c6.Substitute(N, Nm).ToString(), Is.EqualTo("1 + 6/n_{l-1} + 8/n_{l-1}^2"));
        var ex = Assert.Throws<ArgumentException>(() => c6.Substitute(N, X + 1));
        Assert.That(ex!.Message, Does.Contain("rational function"));
        // ... which RationalFunction can do: 1 + 6/(n+1) + 8/(n+1)^2 = (n+3)(n+5)/(n+1)^2
        var rf = RationalFunction.SubstituteInto(c6, new Dictionary<Symbol, RationalFunction> { [N] = X + 1 });
        Assert.That(rf, Is.EqualTo(RationalFunction.Create((X + 3) * (X + 5), (X + 1).Pow(2))));
    }

    [Test]
    public void EvaluateNamesTheUnboundSymbol()
    {
        var p = Cw * (1 + 2 * Inv(N));
        Assert.That(p.Evaluate(new Dictionary<Symbol, double> { [Cw] = 2, [N] = 4 }), Is.EqualTo(3.0).Within(1e-15));
        var ex = Assert.Throws<ArgumentException>(() => p.Evaluate(new Dictionary<Symbol, double> { [Cw] = 2 }));
        Assert.That(ex!.Message, Does.Contain("n_l"));
        Assert.That(p.EvaluateExact(new Dictionary<Symbol, Rational> { [N] = 4 }), Is.EqualTo(Rational.Create(3, 2) * Polynomial.Var(Cw)));
        Assert.That(p.EvaluateRational(new Dictionary<Symbol, Rational> { [N] = 4, [Cw] = 2 }), Is.EqualTo((Rational)3));
        var ex2 = Assert.Throws<ArgumentException>(() => p.EvaluateRational(new Dictionary<Symbol, Rational> { [N] = 4 }));
        Assert.That(ex2!.Message, Does.Contain("C_W"));
    }

    [Test]
    public void TruncationsCountTheRightOrders()
    {
        var p = 1 + Inv(N) + Inv(N) * Inv(Nm) + Inv(N, 3) + Polynomial.Var(R).Pow(2) + X;
        Assert.That(p.TruncateWidthOrder(1), Is.EqualTo(1 + Inv(N) + Polynomial.Var(R).Pow(2) + X));
        Assert.That(p.TruncateInverse(N, 1), Is.EqualTo(1 + Inv(N) + Inv(N) * Inv(Nm) + Polynomial.Var(R).Pow(2) + X));
        Assert.That(p.Truncate(R, 1), Is.EqualTo(1 + Inv(N) + Inv(N) * Inv(Nm) + Inv(N, 3) + X));
        Assert.That(p.MinWidthDegree, Is.EqualTo(-3));
        Assert.That(p.MaxDegree(N), Is.EqualTo(1));
        Assert.That(p.MinDegree(Nm), Is.EqualTo(-1));
    }

    [Test]
    public void CoefficientOfAndCoefficientsIn()
    {
        var p = Polynomial.Var(Cw).Pow(2) * (1 + 2 * Inv(N)) + 3 * Inv(N);
        Assert.That(p.CoefficientOf(Monomial.Of(Cw, 2) * Monomial.Of(N, -1)), Is.EqualTo((Rational)2));
        Assert.That(p.CoefficientOf(Monomial.Of(N, -2)), Is.EqualTo(Rational.Zero));
        var parts = p.CoefficientsIn(N);
        Assert.That(parts.Keys, Is.EqualTo(new[] { -1, 0 }));
        Assert.That(parts[-1], Is.EqualTo(2 * Polynomial.Var(Cw).Pow(2) + 3));
        Assert.That(parts[0], Is.EqualTo(Polynomial.Var(Cw).Pow(2)));
    }

    [Test]
    public void DerivativeInRIsTermwise()
    {
        var r = Polynomial.Var(R);
        Assert.That((r.Pow(3) + 2 * r).Derivative(R), Is.EqualTo(3 * r * r + 2));
        Assert.That(Inv(N).Derivative(N), Is.EqualTo(-Inv(N, 2)));
    }

    [Test]
    public void WideExponentsFallBackToGenericProduct()
    {
        // Exponent spans that cannot be packed into 64 bits.
        var a = Polynomial.FromMonomial(Monomial.Of(N, 1_000_000_000)) + Polynomial.FromMonomial(Monomial.Of(N, -1_000_000_000));
        var b = Polynomial.FromMonomial(Monomial.Of(Nm, 1_000_000_000)) + 1;
        Assert.That(a * b, Is.EqualTo(Polynomial.MultiplyGeneric(a, b)));
        Assert.That((a * b).Count, Is.EqualTo(4));
    }
}
