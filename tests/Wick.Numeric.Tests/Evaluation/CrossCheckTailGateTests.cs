using Wick.Numeric.CrossChecks;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.Evaluation;

/// <summary>
/// Issue 11's false DISAGREE: deep narrow networks where the two-input rows were gated on the empirical skewness,
/// which looks tame exactly when the rare heavy networks were never drawn; and --cw 1e-20 (zero error bars).
/// </summary>
public class CrossCheckTailGateTests
{
    [TestCase(1UL)]
    [TestCase(2UL)]
    public void Deep_narrow_two_input_rows_are_gated_on_predicted_tails(ulong seed)
    {
        var net = new DeepLinearNetwork(WidthProfile.Parse("3x12"));
        var report = DeepLinearCrossCheck.Run(net, NetworkInputs.FromNorm(1, 3), DeepLinearCrossCheck.DefaultPair(3), 4, 50_000, 100_000, seed);
        Assert.That(report.Agrees, Is.True, string.Join("\n", report.Failures));
        // Deep F rows are predicted heavy and not tested; shallow ones are tested.
        var f = report.Rows.Where(r => r.Quantity.StartsWith('F')).ToArray();
        Assert.That(f.Where(r => r.Layer >= 8).All(r => !r.ZTested && r.Note!.Contains("predicted")), Is.True);
        Assert.That(f.Where(r => r.Layer == 1).All(r => r.ZTested), Is.True);
    }

    [Test]
    public void Tiny_weight_variance_gives_no_infinite_z_and_no_false_verdict()
    {
        // Six layers keep G4 ~ C_W^(2l) = 1e-240 inside the double range (twelve are refused, below).
        var net = new DeepLinearNetwork(WidthProfile.Parse("3x6"), 1e-20);
        var report = DeepLinearCrossCheck.Run(net, NetworkInputs.FromNorm(1, 3), DeepLinearCrossCheck.DefaultPair(3), 4, 20_000, 40_000, 1);
        Assert.That(report.Agrees, Is.True, string.Join("\n", report.Failures));
        Assert.That(report.Rows.Where(r => r.ZTested).All(r => double.IsFinite(r.Z)), Is.True);
        Assert.That(report.Rows.All(r => double.IsFinite(r.Z) && r.Recursion > 0 && r.MonteCarlo.StdErr > 0), Is.True, "no row underflows");
        // Error bars are scale-free: layer 1 (values ~1e-20) is still z-tested.
        Assert.That(report.Rows.Where(r => r.Layer == 1).All(r => r.ZTested && r.MonteCarlo.StdErr > 0), Is.True);
    }

    [Test]
    public void Tiny_weight_variance_beyond_the_double_range_is_refused_before_sampling()
    {
        // C_W = 1e-20 over 12 layers: G2^2 ~ 1e-480 at the last layer underflows in the recursion and in every sample
        // (it used to print rows of 0 with z = NaN); the refusal names the deepest layer that still fits.
        var net = new DeepLinearNetwork(WidthProfile.Parse("3x12"), 1e-20);
        var e = Assert.Throws<ArgumentException>(() =>
            DeepLinearCrossCheck.Run(net, NetworkInputs.FromNorm(1, 3), DeepLinearCrossCheck.DefaultPair(3), 4, 20_000, 40_000, 1));
        Assert.That(e!.Message, Does.Contain("leave the double range").And.Contain("Use at most 6 layers"));
    }
}
