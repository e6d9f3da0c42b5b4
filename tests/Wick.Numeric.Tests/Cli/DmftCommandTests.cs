using System.Text.Json;
using Wick.Tests;

namespace Wick.Numeric.Tests.Cli;

/// <summary><c>wick dmft</c> end to end: the acceptance lines, JSON, bad input.</summary>
[Parallelizable(ParallelScope.All)]
public class DmftCommandTests
{
    [Test]
    public void Whitened_two_layer_final_kernel_is_exactly_17_over_10()
    {
        var (code, output, err) = WickRunner.Run("dmft", "--model", "linear", "--depth", "1", "--gamma0", "1", "--targets", "1,-0.5,0.8", "--whitened");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("H_y(∞) = √(1 + γ0²|y|²) = √(289/100) = 17/10 = 1.7"));
        Assert.That(output, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
    }

    [Test]
    public void Whitened_json_final_kernel_and_trajectory_end()
    {
        var (code, output, err) = WickRunner.Run("dmft", "--gamma0", "2", "--targets", "0.6,0.8", "--whitened", "--time", "4", "--format", "json");
        Assert.That(code, Is.EqualTo(0), err);
        var root = JsonDocument.Parse(output).RootElement;
        var fk = root.GetProperty("whitenedTwoLayer").GetProperty("finalKernel");
        Assert.That(fk.GetProperty("value").GetDouble(), Is.EqualTo(Math.Sqrt(5)).Within(1e-14));
        Assert.That(fk.GetProperty("exact").ValueKind, Is.EqualTo(JsonValueKind.Null), "√5 is not rational");
        var last = root.GetProperty("trajectory").EnumerateArray().Last();
        Assert.That(last.GetProperty("hiddenAlongY")[0].GetDouble(), Is.EqualTo(Math.Sqrt(5)).Within(1e-4));
    }

    [Test]
    public void Series_json_gives_the_derived_coefficient_and_the_printed_one()
    {
        var (code, output, err) = WickRunner.Run("dmft", "--model", "linear", "--depth", "3", "--gamma0", "0.1", "--series", "--format", "json");
        Assert.That(code, Is.EqualTo(0), err);
        var s = JsonDocument.Parse(output).RootElement.GetProperty("series");
        Assert.That(s.GetProperty("ntkCoefficient").GetProperty("hiddenCross").GetProperty("exact").GetString(), Is.EqualTo("20"));
        Assert.That(s.GetProperty("printedEq12Coefficient").GetProperty("exact").GetString(), Is.EqualTo("6"));
    }

    [Test]
    public void Plot_writes_a_png()
    {
        string png = Path.Combine(Path.GetTempPath(), $"wick-dmft-{Guid.NewGuid():N}.png");
        var (code, _, err) = WickRunner.Run("dmft", "--depth", "2", "--targets", "1,-0.5", "--whitened", "--time", "2", "--steps", "20", "--plot", png, "--plot-gammas", "0,1");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(10_000));
        File.Delete(png);
    }

    [TestCase("--targets", "1,x", "--whitened", ExpectedResult = "cannot read 'x'")]
    [TestCase("--targets", "1,2", ExpectedResult = "--whitened (K_x = I) or --inputs FILE")]
    [TestCase("--depth", "0", "--series", ExpectedResult = "--depth must be from 1 to 50")]
    [TestCase("--gamma0", "-1", "--series", ExpectedResult = "--gamma0 must be a finite non-negative")]
    [TestCase("--targets", "0,0", "--whitened", ExpectedResult = "nothing to learn")]
    [TestCase("--model", "mlp", "--series", ExpectedResult = "not supported")]
    [TestCase("--targets", "1", "--whitened", "--damping", "0", ExpectedResult = "damping must lie in (0, 1]")]
    [TestCase("--targets", "1", "--whitened", "--variant", "magic", ExpectedResult = "--variant: expected")]
    [TestCase(ExpectedResult = "give --targets")]
    [TestCase("--depth", "3", "--gamma0", "6", "--targets", "1,-0.5,0.8", "--whitened", "--steps", "20", "--max-iter", "3", ExpectedResult = "did not converge in 3 sweeps")]
    public string Bad_input_exits_2_with_a_clear_message(params string[] args)
    {
        var (code, _, err) = WickRunner.Run(["dmft", .. args]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        string expected = (string)TestContext.CurrentContext.Test.ExpectedResult!;
        return err.Contains(expected) ? expected : err;
    }
}
