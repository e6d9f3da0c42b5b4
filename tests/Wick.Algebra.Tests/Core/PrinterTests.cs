using Wick.Algebra;

namespace Wick.Algebra.Tests.Core;

public class PrinterTests
{
    private static readonly Symbol N = Symbol.Width(Layer.L);
    private static readonly Symbol Nm = Symbol.Width(Layer.L.Previous);
    private static readonly Symbol Cw = Symbol.CW;
    private static readonly Symbol G4 = Symbol.Correlator(4, Layer.L);
    private static Polynomial Inv(Symbol s, int k = 1) => Polynomial.FromMonomial(Monomial.Of(s, -k));

    [Test]
    public void CSixText() =>
        Assert.That((1 + 6 * Inv(N) + 8 * Inv(N, 2)).ToString(), Is.EqualTo("1 + 6/n_l + 8/n_l^2"));

    [Test]
    public void CSixLatex() =>
        Assert.That((1 + 6 * Inv(N) + 8 * Inv(N, 2)).ToLatex(), Is.EqualTo("1 + \\frac{6}{n_{\\ell}} + \\frac{8}{n_{\\ell}^{2}}"));

    [Test]
    public void TermOrderIsByIncreasingInverseWidthOrderRegardlessOfConstructionOrder()
    {
        var p = 8 * Inv(N, 2) + 1 + 6 * Inv(N);
        Assert.That(p.ToString(), Is.EqualTo("1 + 6/n_l + 8/n_l^2"));
    }

    [Test]
    public void ProductsNegativesAndDenominators()
    {
        var cw = Polynomial.Var(Cw);
        var g4 = Polynomial.Var(G4);
        Assert.Multiple(() =>
        {
            Assert.That((cw * cw * g4).ToString(), Is.EqualTo("C_W^2 G4^(l)"));
            Assert.That((cw * cw * g4).ToLatex(), Is.EqualTo("C_{W}^{2} G_{4}^{(\\ell)}"));
            Assert.That((1 - 2 * Inv(N)).ToString(), Is.EqualTo("1 - 2/n_l"));
            Assert.That((-2 * Inv(N) + 1).ToString(), Is.EqualTo("1 - 2/n_l"));
            Assert.That((2 * cw * Inv(N)).ToString(), Is.EqualTo("2 C_W/n_l"));
            Assert.That((Inv(N) * Inv(Nm)).ToString(), Is.EqualTo("1/(n_{l-1} n_l)"));
            Assert.That((Inv(N) * Inv(Nm)).ToLatex(), Is.EqualTo("\\frac{1}{n_{\\ell-1} n_{\\ell}}"));
            Assert.That((Rational.Create(3, 2) * cw * Inv(N)).ToString(), Is.EqualTo("3 C_W/(2 n_l)"));
            Assert.That((Rational.Create(-3, 2) * cw * Inv(N)).ToLatex(), Is.EqualTo("-\\frac{3 C_{W}}{2 n_{\\ell}}"));
            Assert.That((g4 * g4).ToString(), Is.EqualTo("(G4^(l))^2"));
            Assert.That((g4 * g4).ToLatex(), Is.EqualTo("\\left(G_{4}^{(\\ell)}\\right)^{2}"));
            Assert.That(Polynomial.Constant(Rational.Create(-3, 2)).ToString(), Is.EqualTo("-3/2"));
            Assert.That(Polynomial.Zero.ToString(), Is.EqualTo("0"));
            Assert.That((cw * (1 + 2 * Inv(N))).ToString(), Is.EqualTo("C_W + 2 C_W/n_l"));
        });
    }

    [Test]
    public void RationalFunctionPrints()
    {
        var n = Polynomial.Var(N);
        var r = RationalFunction.Create(n + 1, n - 2);
        Assert.That(r.ToString(), Is.EqualTo("(n_l + 1)/(n_l - 2)"));
        Assert.That(r.ToLatex(), Is.EqualTo("\\frac{n_{\\ell} + 1}{n_{\\ell} - 2}"));
    }

    [Test]
    public void FactorizationPrints()
    {
        var n = Polynomial.Var(N);
        var f = PolynomialFactoring.Factor(Rational.Create(1, 2) * n * (n + 2) * (n + 4).Pow(2), N);
        Assert.That(f.ToString(), Is.EqualTo("(1/2) n_l (n_l + 2) (n_l + 4)^2"));
        Assert.That(f.ToLatex(), Is.EqualTo("\\frac{1}{2} n_{\\ell} \\left(n_{\\ell} + 2\\right) \\left(n_{\\ell} + 4\\right)^{2}"));
        Assert.That(PolynomialFactoring.Factor(-(n + 1), N).ToString(), Is.EqualTo("-(n_l + 1)"));
        Assert.That(PolynomialFactoring.Factor(Polynomial.Constant(5), N).ToString(), Is.EqualTo("5"));
    }
}
