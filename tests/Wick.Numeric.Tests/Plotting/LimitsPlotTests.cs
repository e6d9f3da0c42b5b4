using Wick.Algebra;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.Plotting;

namespace Wick.Numeric.Tests.Plotting;

/// <summary>
/// <c>wick plot --kind limits</c> draws the engine's derived c_{2m}(n); the closed forms (3.46) and e^{m(m−1) r} (3.55)
/// are only the comparison here.
/// </summary>
public class LimitsPlotTests
{
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(8)]
    public void Derived_curves_agree_with_the_closed_forms(int m)
    {
        var data = CorrelatorPlots.Limits(m, [4, 8, 32], [3, 10]);
        Assert.That(data.DoubleScalingRate, Is.EqualTo((Rational)(m * (m - 1))), "the 1/n coefficient of the derived c_2m is m(m−1) (3.55)");
        foreach (var curve in data.Curves)
        {
            for (int k = 0; k < curve.R.Length; k++)
            {
                // Recover (n, L) from r: fixed-width curves step L = 1, 2, …; fixed-depth curves step n.
                int n = curve.FixedWidth ? int.Parse(curve.Label.Split('=')[1].Split(',')[0]) : (int)Math.Round(Depth(curve) / curve.R[k]);
                int L = curve.FixedWidth ? k + 1 : Depth(curve);
                double closed = (L - 1) * CombinatorialFactor.Log(m, n) / Math.Log(10);
                Assert.That(curve.Log10Ratio[k], Is.EqualTo(closed).Within(1e-12 * Math.Max(1, Math.Abs(closed))), $"{curve.Label}, point {k}");
            }
        }
        var ds = data.DoubleScaling;
        for (int k = 0; k < ds.R.Length; k++)
            Assert.That(ds.Log10Ratio[k], Is.EqualTo(Math.Log10(DeepLinearClosedForms.DoubleScaling(m, ds.R[k]))).Within(1e-12));
    }

    private static int Depth(LimitsCurve c) => int.Parse(c.Label.Split("L = ")[1].Split(',')[0]);
}
