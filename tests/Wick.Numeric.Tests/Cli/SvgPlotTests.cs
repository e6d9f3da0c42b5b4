using System.Xml.Linq;
using Wick.Tests;

namespace Wick.Numeric.Tests.Cli;

/// <summary>Every plot command writes SVG as well as PNG, chosen by the extension of the output file (issue 14).</summary>
[Parallelizable(ParallelScope.All)]
public class SvgPlotTests
{
    [TestCase("layer l", "plot", "--kind", "depth", "--widths", "4x3", "--points", "4", "--samples", "0", "--out")]
    [TestCase("r = L / n", "plot", "--kind", "limits", "--points", "4", "--plot-widths", "4,8", "--out")]
    [TestCase("training time t", "dmft", "--targets", "1,-0.5", "--whitened", "--time", "1", "--steps", "10", "--plot-gammas", "0,1", "--plot")]
    public void Plot_commands_write_svg(string axisLabel, params string[] args)
    {
        string svg = Path.Combine(Path.GetTempPath(), $"wick-plot-{Guid.NewGuid():N}.svg");
        try
        {
            var (code, _, err) = WickRunner.Run([.. args, svg]);
            Assert.That(code, Is.EqualTo(0), err);
            var doc = XDocument.Load(svg);   // well-formed XML
            Assert.That(doc.Root!.Name.LocalName, Is.EqualTo("svg"));
            var elements = doc.Descendants().Select(e => e.Name.LocalName).ToList();
            Assert.That(elements.Count(n => n is "path" or "line" or "polyline" or "circle" or "rect"), Is.GreaterThan(10), "drawn curves and axes");
            Assert.That(doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value), Has.Some.Contain(axisLabel));
        }
        finally { File.Delete(svg); }
    }
}
