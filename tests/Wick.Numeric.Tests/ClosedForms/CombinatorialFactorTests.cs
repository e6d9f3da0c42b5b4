using System.Numerics;
using CsCheck;
using Wick.Algebra;
using Wick.Numeric.ClosedForms;

namespace Wick.Numeric.Tests.ClosedForms;

public class CombinatorialFactorTests
{
    [TestCase(1, 8, 1.0)]
    [TestCase(2, 8, 1.25)]
    [TestCase(3, 4, 1.5 * 2.0)]
    [TestCase(3, 2, 2.0 * 3.0)]
    public void Small_values_are_the_product_of_3_46(int m, int n, double expected) =>
        Assert.That(CombinatorialFactor.Value(m, n), Is.EqualTo(expected).Within(1e-15));

    [Test]
    public void Double_value_matches_exact_rational_for_small_widths() =>
        Gen.Int[1, 30].Select(Gen.Int[1, 200]).Sample((m, n) =>
        {
            double exact = CombinatorialFactor.Exact(m, n).ToDouble();
            Assert.That(CombinatorialFactor.Value(m, n), Is.EqualTo(exact).Within(1e-10).Percent);
        });

    [Test]
    public void Sum_and_log_gamma_forms_agree_where_both_are_accurate() =>
        Gen.Int[1, 2000].Select(Gen.Double[0.5, 500]).Sample((m, n) =>
        {
            double sum = CombinatorialFactor.LogBySum(m, n), gamma = CombinatorialFactor.LogByGamma(m, n);
            Assert.That(gamma, Is.EqualTo(sum).Within(1e-10 * Math.Max(1, Math.Abs(sum))));
        });

    [Test]
    public void Huge_width_and_order_neither_overflow_nor_lose_precision()
    {
        const int m = 1000;
        var n = new BigInteger(1_000_000_000);
        // Reference: c − 1 exactly as a rational, then log(1 + x) (c is 1 + O(m²/n) here).
        Rational c = CombinatorialFactor.Exact(m, n);
        double x = (c - Rational.One).ToDouble();
        double reference = CombinatorialFactor.LogOnePlus(x);
        double log = CombinatorialFactor.Log(m, 1e9);
        Assert.That(double.IsFinite(log), Is.True);
        Assert.That(log, Is.EqualTo(reference).Within(1e-10).Percent);
        Assert.That(CombinatorialFactor.Value(m, 1e9), Is.EqualTo(Math.Exp(reference)).Within(1e-10).Percent);
        // the first-order term m(m−1)/n of (3.53) dominates
        Assert.That(log, Is.EqualTo(m * (m - 1) / 1e9).Within(0.1).Percent);
    }

    [Test]
    public void Huge_order_at_small_width_stays_finite_in_log_space()
    {
        // c_2000(1) = (2m−1)!! ≈ 10^2868 overflows a double; its logarithm does not.
        const int m = 1000;
        double log = CombinatorialFactor.Log(m, 1);
        double reference = BigInteger.Log(CombinatorialFactor.Exact(m, 1).Numerator);
        Assert.That(log, Is.EqualTo(reference).Within(1e-10).Percent);
        Assert.That(CombinatorialFactor.Value(m, 1), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Very_large_order_uses_the_gamma_form_and_matches_its_asymptotics()
    {
        // m = 10^6 > direct-sum limit: Gamma form. Check against the Kahan sum (slow path, still exact to rounding).
        const int m = 1_000_000;
        double viaLog = CombinatorialFactor.Log(m, 1e3);
        double viaSum = CombinatorialFactor.LogBySum(m, 1e3);
        Assert.That(viaLog, Is.EqualTo(viaSum).Within(1e-10).Percent);
    }

    [Test]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CombinatorialFactor.Log(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => CombinatorialFactor.Log(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CombinatorialFactor.Log(2, double.NaN));
    }
}
