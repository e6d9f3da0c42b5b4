using Wick.Numeric.Activations;
using Wick.Numeric.Networks;
using Wick.Numeric.Plotting;

namespace Wick.Numeric.Tests.Plotting;

/// <summary>The mlp depth plot's data and its log-axis ticks.</summary>
public class MlpPlotTests
{
    [TestCase(1.97, 2.01)]       // a few per cent: the case where integer-exponent ticks left a single label
    [TestCase(0.3, 2.5)]         // about a decade
    [TestCase(1e-6, 10)]         // seven decades
    public void Log_axes_get_at_least_three_readable_labels(double lo, double hi)
    {
        var ticks = LogTicks.Positions([lo, hi]);
        var (a, b) = LogTicks.Range([lo, hi]);
        Assert.That(ticks, Has.Count.GreaterThanOrEqualTo(3).And.Count.LessThanOrEqualTo(12), string.Join(", ", ticks.Select(t => Math.Pow(10, t))));
        Assert.That(ticks, Is.Ordered.And.All.InRange(a, b));
        Assert.That(a, Is.LessThanOrEqualTo(Math.Log10(lo)));
        Assert.That(b, Is.GreaterThanOrEqualTo(Math.Log10(hi)));
    }

    [Test]
    public void Depth_data_theory_is_the_evaluator_and_monte_carlo_follows_it()
    {
        var net = new DeepLinearNetwork(WidthProfile.Parse("16x4"), 1.2, 0.1);
        var d = MlpPlots.DepthData(net, Activation.Parse("tanh"), NetworkInputs.FromNorm(1, 16), 20_000, 2);
        Assert.That(d.Layers, Is.EqualTo(new double[] { 1, 2, 3, 4 }));
        Assert.That(d.KLeading[0], Is.EqualTo(0.1 + 1.2).Within(1e-14));
        Assert.That(d.VRatio[0], Is.EqualTo(0));
        Assert.That(d.KNlo[1], Is.EqualTo(d.KLeading[1]).Within(1e-14), "layer 2 is exact: G1 = 0");
        Assert.That(d.KNlo[3], Is.Not.EqualTo(d.KLeading[3]));
        for (int i = 0; i < 4; i++)
            Assert.That(Math.Abs(d.G2![i] - d.KNlo[i]), Is.LessThan(4.5 * d.G2Errors![i] + 0.02 * d.KNlo[i]), $"layer {i + 1}");
        string path = Path.Combine(Path.GetTempPath(), $"wick-mlp-plot-{Guid.NewGuid():N}.png");
        try
        {
            MlpPlots.SaveDepthPlot(path, d, "test");
            var head = File.ReadAllBytes(path).Take(8).ToArray();
            Assert.That(head, Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG file");
        }
        finally { File.Delete(path); }
    }
}
