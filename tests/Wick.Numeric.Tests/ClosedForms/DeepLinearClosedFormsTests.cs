using CsCheck;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.ClosedForms;

public class DeepLinearClosedFormsTests
{
    private static readonly Gen<WidthProfile> Profiles = Gen.Int[1, 64].Array[1, 12].Select(w => new WidthProfile(w));

    [Test]
    public void The_written_out_G4_and_G6_agree_with_the_c2m_form() =>
        Gen.Select(Profiles, Gen.Double[0.3, 2], Gen.Double[0.1, 3]).Sample((w, cw, g0) =>
        {
            for (int l = 1; l <= w.Depth; l++)
            {
                Assert.That(DeepLinearClosedForms.G(2, l, w, cw, g0), Is.EqualTo(DeepLinearClosedForms.G4(l, w, cw, g0)).Within(1e-10).Percent);
                Assert.That(DeepLinearClosedForms.G(3, l, w, cw, g0), Is.EqualTo(DeepLinearClosedForms.G6(l, w, cw, g0)).Within(1e-10).Percent);
                Assert.That(DeepLinearClosedForms.G(1, l, w, cw, g0), Is.EqualTo(Math.Pow(cw, l) * g0).Within(1e-10).Percent);
            }
        });

    [Test]
    public void Critical_G4_excess_is_the_book_value_3_28()
    {
        var w = WidthProfile.Uniform(10, 6);
        for (int l = 1; l <= 6; l++)
            Assert.That(DeepLinearClosedForms.G4(l, w, 1, 1) - 1, Is.EqualTo(Math.Pow(1.2, l - 1) - 1).Within(1e-14));
    }

    [Test]
    public void Double_scaling_limit_3_55_is_approached_at_fixed_r()
    {
        // r = L/n = 0.5 for growing n: [c_{2m}(n)]^{L} -> e^{m(m-1) r}.
        foreach (int m in new[] { 2, 3, 4 })
        {
            double limit = DeepLinearClosedForms.DoubleScaling(m, 0.5);
            double previous = double.PositiveInfinity;
            foreach (int n in new[] { 100, 1000, 10000, 100000 })
            {
                var w = WidthProfile.Uniform(n, n / 2 + 1);
                double err = Math.Abs(DeepLinearClosedForms.NormalisedG(m, n / 2 + 1, w) - limit);
                Assert.That(err, Is.LessThan(previous));
                previous = err;
            }
            Assert.That(previous / limit, Is.LessThan(1e-3));
        }
    }

    [Test]
    public void Multi_input_four_point_reduces_to_3_25_for_one_input() =>
        Gen.Select(Profiles, Gen.Double[0.3, 2], Gen.Double[0.1, 3]).Sample((w, cw, g0) =>
        {
            for (int l = 1; l <= w.Depth; l++)
                Assert.That(DeepLinearClosedForms.FourPoint(l, w, cw, (_, _) => g0, 0, 0, 0, 0),
                    Is.EqualTo(DeepLinearClosedForms.G4(l, w, cw, g0)).Within(1e-10).Percent);
        });
}
