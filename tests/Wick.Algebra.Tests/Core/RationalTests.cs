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
