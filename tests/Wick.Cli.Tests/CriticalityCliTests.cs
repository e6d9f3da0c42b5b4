using System.Text.Json;
using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>The acceptance lines of issue 12: <c>wick criticality --activation NAME</c>.</summary>
[Parallelizable(ParallelScope.All)]
public class CriticalityCliTests
{
    private static JsonElement Json(params string[] args)
    {
        var (code, stdout, stderr) = WickRunner.Run(["criticality", .. args, "--format", "json"]);
        Assert.That(code, Is.EqualTo(0), stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    [Test]
    public void Tanh_k_star_zero_with_exact_coefficients_and_exponents()
    {
        var (code, stdout, stderr) = WickRunner.Run("criticality", "--activation", "tanh", "--check-depth", "20000");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("K* = 0 universality class").And.Contain("critical (C_b, C_W) = (0, 1)")
            .And.Contain("a_1 = -2, a_2 = 17/3, b_1 = -2").And.Contain("2/3 l/n").And.Contain("derived 28/a_1"));
        var j = Json("--activation", "tanh", "--check-depth", "20000");
        var asym = j.GetProperty("asymptotics").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.That(asym["Delta K"].GetProperty("exponentValue").GetString(), Is.EqualTo("1"));
        Assert.That(asym["delta K_[1]"].GetProperty("exponentValue").GetString(), Is.EqualTo("2"));
        Assert.That(asym["delta delta K_[2]"].GetProperty("exponentValue").GetString(), Is.EqualTo("1"));
        Assert.That(asym["V"].GetProperty("exponentValue").GetString(), Is.EqualTo("1"));
        Assert.That(asym["G1 bare"].GetProperty("exponentValue").GetString(), Is.EqualTo("0"));
        Assert.That(j.GetProperty("nlo5143").GetProperty("derivedValue").GetString(), Is.EqualTo("89/72"));
        Assert.That(j.GetProperty("nlo5143").GetProperty("printedValue").GetString(), Is.EqualTo("13/12"));
        var fits = j.GetProperty("check").GetProperty("fits").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        var ren = fits["G1 renormalised"];
        Assert.That(ren.GetProperty("deviation").GetDouble(), Is.LessThan(1e-3));
        Assert.That(ren.GetProperty("printedDeviation").GetDouble(), Is.GreaterThan(0.1));
    }

    [Test]
    public void Relu_scale_invariant()
    {
        var j = Json("--activation", "relu");
        Assert.That(j.GetProperty("class").GetString(), Is.EqualTo("ScaleInvariant"));
        Assert.That(j.GetProperty("critical").GetProperty("cwExact").GetString(), Is.EqualTo("2"));
        Assert.That(j.GetProperty("critical").GetProperty("cbExact").GetString(), Is.EqualTo("0"));
        Assert.That(j.GetProperty("scaleInvariant").GetProperty("vCoefficient").GetString(), Is.EqualTo("5"));
    }

    [TestCase("gelu", 3.5615528128, 0.17292239, 1.98305826)]
    [TestCase("swish", 14.32017362, 0.55514317, 1.98800468)]
    [TestCase("z/(1+exp(-z))", 14.32017362, 0.55514317, 1.98800468)]
    public void Half_stable(string name, double k, double cb, double cw)
    {
        var j = Json("--activation", name);
        Assert.That(j.GetProperty("class").GetString(), Is.EqualTo("HalfStable"));
        var c = j.GetProperty("critical");
        Assert.That(c.GetProperty("kStar").GetDouble(), Is.EqualTo(k).Within(1e-8));
        Assert.That(c.GetProperty("cb").GetDouble(), Is.EqualTo(cb).Within(1e-8));
        Assert.That(c.GetProperty("cw").GetDouble(), Is.EqualTo(cw).Within(1e-8));
    }

    [Test]
    public void Softplus_says_why_there_is_no_criticality()
    {
        var (code, stdout, stderr) = WickRunner.Run("criticality", "--activation", "softplus");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("no criticality").And.Contain("cannot be saved").And.Contain("σ_0 = 0.69314718056 ≠ 0"));
    }

    [TestCase("max(z, 0)")]
    [TestCase("log(z)")]
    [TestCase("1/z")]
    public void Activation_without_a_taylor_series_is_refused_with_exit_2(string expression)
    {
        var (code, _, stderr) = WickRunner.Run("criticality", "--activation", expression);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("no Taylor series").And.Not.Contain("internal error"));
    }

    [Test]
    public void Bad_activation_and_latex()
    {
        var (code, _, stderr) = WickRunner.Run("criticality", "--activation", "tanh(");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("column"));
        var (c2, latex, e2) = WickRunner.Run("criticality", "--activation", "tanh", "--check-depth", "0", "--format", "latex");
        Assert.That(c2, Is.EqualTo(0), e2);
        Assert.That(latex, Does.Contain(@"a_1 = -2").And.Contain(@"\frac{17}{3}"));
    }
}
