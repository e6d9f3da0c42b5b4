using System.Text.Json;
using System.Xml.Linq;
using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary>
/// <c>wick plot --kind criticality --activation NAME</c> (issue 12, Output): PNG and SVG files that decode, the
/// plotted data (JSON, the library's typed series) against the numbers <c>wick criticality</c> prints, refusals.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class CriticalityPlotCliTests
{
    private static string Temp(string ext) => Path.Combine(Path.GetTempPath(), $"wick-crit-plot-{Guid.NewGuid():N}{ext}");

    [Test]
    public void Png_decodes_with_ink_in_all_four_panels()
    {
        string png = Temp(".png");
        try
        {
            var (code, stdout, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", "tanh", "--depth", "2000", "--out", png);
            Assert.That(code, Is.EqualTo(0), stderr);
            Assert.That(stdout, Does.Contain("wrote"));
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.That(bitmap, Is.Not.Null, "not a PNG");
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((1400, 1000)));
            // Each quadrant has drawn ink (a panel that wiped the others would leave three blank).
            for (int q = 0; q < 4; q++)
            {
                int x0 = q % 2 * 700, y0 = q / 2 * 500, dark = 0;
                for (int y = y0; y < y0 + 500; y += 2)
                    for (int x = x0; x < x0 + 700; x += 2)
                        if (bitmap.GetPixel(x, y) is var c && c.Red + c.Green + c.Blue < 600) dark++;
                Assert.That(dark, Is.GreaterThan(2000), $"panel {q + 1} is empty");
            }
        }
        finally { File.Delete(png); }
    }

    [Test]
    public void Svg_is_well_formed_with_the_four_panels()
    {
        string svg = Temp(".svg");
        try
        {
            var (code, _, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", "gelu", "--depth", "2000", "--out", svg);
            Assert.That(code, Is.EqualTo(0), stderr);
            var doc = XDocument.Load(svg);
            Assert.That(doc.Root!.Name.LocalName, Is.EqualTo("svg"));
            Assert.That(doc.Descendants().Count(e => e.Name.LocalName == "path"), Is.GreaterThan(20));
            string text = string.Join(" | ", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
            Assert.That(text, Does.Contain("fixed").And.Contain("susceptibilities").And.Contain("C_b").And.Contain("layer"));
        }
        finally { File.Delete(svg); }
    }

    [Test]
    public void Plotted_data_matches_what_criticality_prints()
    {
        var (code, stdout, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", "swish", "--depth", "1000", "--format", "json");
        Assert.That(code, Is.EqualTo(2), "without --out only --format html may omit the file");
        Assert.That(stderr, Does.Contain("--out"));
        string png = Temp(".png");
        try
        {
            (code, stdout, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", "swish", "--depth", "1000", "--format", "json", "--out", png);
            Assert.That(code, Is.EqualTo(0), stderr);
            var data = JsonDocument.Parse(stdout).RootElement.GetProperty("data");
            (code, stdout, stderr) = WickRunner.Run("criticality", "--activation", "swish", "--check-depth", "0", "--format", "json");
            Assert.That(code, Is.EqualTo(0), stderr);
            var report = JsonDocument.Parse(stdout).RootElement;
            var critical = report.GetProperty("critical");
            Assert.That(data.GetProperty("cb").GetDouble(), Is.EqualTo(critical.GetProperty("cb").GetDouble()));
            Assert.That(data.GetProperty("cw").GetDouble(), Is.EqualTo(critical.GetProperty("cw").GetDouble()));
            Assert.That(data.GetProperty("cw").GetDouble(), Is.EqualTo(1.98800468).Within(1e-8));
            double kStar = critical.GetProperty("kStar").GetDouble();
            Assert.That(kStar, Is.EqualTo(14.32017362).Within(1e-8));
            var marks = data.GetProperty("fixedPoints").EnumerateArray().Select(m => m.GetProperty("x").GetDouble()).ToList();
            Assert.That(marks[0], Is.EqualTo(kStar));
            var trivial = report.GetProperty("fixedPoints")[0].GetProperty("trivial").EnumerateArray().Select(t => t.GetProperty("k").GetDouble());
            Assert.That(marks.Skip(1), Is.EquivalentTo(trivial));
            var curves = data.GetProperty("depth").EnumerateArray().ToList();
            Assert.That(curves, Has.Count.EqualTo(2));
            Assert.That(curves[0].GetProperty("layers").GetArrayLength(), Is.EqualTo(curves[0].GetProperty("iterated").GetArrayLength()));
        }
        finally { File.Delete(png); }
    }

    [Test]
    public void Tanh_depth_laws_are_the_printed_coefficients()
    {
        var (code, stdout, stderr) = WickRunner.Run("criticality", "--activation", "tanh", "--check-depth", "0");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("[-1/a_1] / l   = 1/2").And.Contain("= 2/3 l/n"));
        string svg = Temp(".svg");
        try
        {
            (code, stdout, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", "tanh", "--depth", "1000", "--format", "json", "--out", svg);
            Assert.That(code, Is.EqualTo(0), stderr);
            var curves = JsonDocument.Parse(stdout).RootElement.GetProperty("data").GetProperty("depth").EnumerateArray()
                .ToDictionary(c => c.GetProperty("label").GetString()!);
            Assert.That(curves["K"].GetProperty("coefficient").GetDouble(), Is.EqualTo(1.0 / 2).Within(1e-14));
            Assert.That(curves["V/K^2 = n V/(n K^2)"].GetProperty("coefficient").GetDouble(), Is.EqualTo(2.0 / 3).Within(1e-14));
            Assert.That(curves["V/K^2 = n V/(n K^2)"].GetProperty("power").GetDouble(), Is.EqualTo(1).Within(1e-14));
        }
        finally { File.Delete(svg); }
    }

    [TestCase("foo", "unknown activation 'foo'")]
    [TestCase("max(z, 0)*log(z)", "criticality")]
    public void Bad_activation_exits_2_with_a_message(string activation, string message)
    {
        string png = Temp(".png");
        var (code, stdout, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", activation, "--out", png);
        Assert.That(code, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain(message));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(File.Exists(png), Is.False);
    }

    [Test]
    public void Missing_activation_and_bad_depth_exit_2()
    {
        string png = Temp(".png");
        var (code, _, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--out", png);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--activation"));
        (code, _, stderr) = WickRunner.Run("plot", "--kind", "criticality", "--activation", "tanh", "--depth", "5", "--out", png);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--depth"));
    }
}
