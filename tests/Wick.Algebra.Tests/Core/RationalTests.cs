using System.Numerics;
using Wick.Algebra;

namespace Wick.Algebra.Tests.Core;

public class RationalTests
{
    [Test]
    public void ReducesToLowestTermsWithPositiveDenominator()
    {
        var r = Rational.Create(6, -4);
        Assert.Multiple(() =>
        {
            Assert.That(r.Numerator, Is.EqualTo(new BigInteger(-3)));
            Assert.That(r.Denominator, Is.EqualTo(new BigInteger(2)));
            Assert.That(r, Is.EqualTo(Rational.Parse("-3/2")));
            Assert.That(r.ToString(), Is.EqualTo("-3/2"));
        });
    }

    [Test]
    public void LayerShiftsAndPrints()
    {
        var l = Layer.L;
        Assert.Multiple(() =>
        {
            Assert.That(l.Next.ToString(), Is.EqualTo("l+1"));
            Assert.That(l.Previous.ToString(), Is.EqualTo("l-1"));
            Assert.That(Symbol.Width(l.Previous).ToString(), Is.EqualTo("n_{l-1}"));
            Assert.That(Symbol.Width(Layer.Concrete(0)).ToString(), Is.EqualTo("n_0"));
            Assert.That(Symbol.Width(l).ToLatex(), Is.EqualTo("n_{\\ell}"));
            Assert.That(Symbol.Width(l.Previous), Is.EqualTo(Symbol.Width(Layer.Symbolic("l", -1))));
        });
    }
}

public class SymbolSpellingTests
{
    [Test]
    public void VertexLabelsPrintInPairsAsTheParserReadsThem()
    {
        var v = Symbol.Vertex(Layer.L.Next, [("a1", "a2"), ("a3", "a4")]);
        var v6 = Symbol.Vertex(Layer.L, [("a1", "a2"), ("a3", "a4"), ("a5", "a6")]);
        var k = Symbol.Kernel(Layer.L, "a1", "a2");
        Assert.Multiple(() =>
        {
            Assert.That(v.ToString(), Is.EqualTo("V^(l+1)_{(a1 a2)(a3 a4)}"));
            Assert.That(v.ToLatex(), Is.EqualTo("V^{(\\ell+1)}_{(\\alpha_{1} \\alpha_{2})(\\alpha_{3} \\alpha_{4})}"));
            Assert.That(v6.ToString(), Is.EqualTo("V6^(l)_{(a1 a2)(a3 a4)(a5 a6)}"));
            Assert.That(k.ToString(), Is.EqualTo("K^(l)_{a1 a2}"));
        });
    }
}
