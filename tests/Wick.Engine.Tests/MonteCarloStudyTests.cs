namespace Wick.Engine.Tests;

/// <summary>The Monte Carlo study of the library (<see cref="WickEngine.MonteCarlo"/>): examples/monte_carlo_study.cs calls it.</summary>
public class MonteCarloStudyTests
{
    [Test]
    public void Real_networks_agree_with_the_derived_recursions()
    {
        var study = WickEngine.MonteCarlo(new MonteCarloRequest { Widths = "6x3", Points = 4, Samples = 20_000, Seed = 3, Threads = 1 });
        Assert.That(study.Rows, Has.Count.EqualTo(3 * 2));
        foreach (var row in study.Rows)
        {
            // Recursion vs the independent closed form (3.47), and Monte Carlo within 4 standard errors where z-tested.
            Assert.That(row.Recursion, Is.EqualTo(row.ClosedForm!.Value).Within(1e-12 * row.Recursion), $"{row.Quantity} at {row.Layer}");
            if (row.ZTested) Assert.That(Math.Abs(row.Z), Is.LessThan(4), $"{row.Quantity} at {row.Layer}");
        }
        // G4 at layer 3 of width 6: (1 + 2/6)^2 (3.25), independent of the engine.
        Assert.That(study.Rows.Single(r => r.Quantity == "G4" && r.Layer == 3).Recursion, Is.EqualTo(16.0 / 9).Within(1e-12));
        Assert.That(study.Agrees, Is.True);
        Assert.That(study.Text(), Does.Contain("G4").And.Contain("±"));
        Assert.That(study.Latex(), Does.Contain("\\begin{array}").And.Contain("G_{4}").And.Contain("\\text{closed form}"));
    }

    [TestCase("8x", 4, 100)]
    [TestCase("8x3", 5, 100)]
    [TestCase("8x3", 4, 1)]
    public void Bad_requests_are_refused(string widths, int points, long samples) =>
        Assert.Throws<RequestException>(() => WickEngine.MonteCarlo(new MonteCarloRequest { Widths = widths, Points = points, Samples = samples }));
}
