using Wick.Algebra;
using Wick.Algebra.Criticality;
using Wick.Engine;
using Wick.Numeric.Criticality;

namespace Wick.Engine.Tests;

/// <summary><c>WickEngine.Criticality</c> as a library: the derived (5.143) against the iterated recursions for two
/// activations (tanh and sin, different a_1, a_2, b_1), and refusals.</summary>
public class CriticalityReportTests
{
    [TestCase("tanh", 89, 72, 13, 12)]
    [TestCase("sin", 20, 9, 2, 3)]
    public void Renormalised_nlo_metric_follows_the_derivation_not_the_print(string name, int dp, int dq, int pp, int pq)
    {
        var report = WickEngine.Criticality(new CriticalityRequest(name) { CheckDepth = 40_000 });
        Assert.That(report.Result.Class, Is.EqualTo(UniversalityClass.KStarZero));
        var values = new Dictionary<Symbol, RationalFunction>
        {
            [ZeroClassAsymptotics.A1] = report.Result.KStarZero!.A1.Exact!.Value,
            [ZeroClassAsymptotics.A2] = report.Result.KStarZero.A2.Exact!.Value,
            [ZeroClassAsymptotics.B1] = report.Result.KStarZero.B1.Exact!.Value,
        };
        Assert.That(report.Derived5143!.Substitute(values), Is.EqualTo((RationalFunction)Rational.Create(dp, dq)));
        Assert.That(CriticalityReport.Printed5143.Substitute(values), Is.EqualTo((RationalFunction)Rational.Create(pp, pq)));
        var fits = report.Check!.Fits.ToDictionary(f => f.Name);
        Assert.That(fits["G1 renormalised"].Fitted, Is.EqualTo((double)dp / dq).Within(1e-3));
        Assert.That(fits["G1 renormalised"].PrintedDeviation, Is.GreaterThan(0.1));
        Assert.That(fits["Delta K"].Fitted, Is.EqualTo(fits["Delta K"].Derived).Within(1e-5));
        Assert.That(fits["V"].Fitted, Is.EqualTo(fits["V"].Derived).Within(1e-5));
        Assert.That(fits["G1 bare"].Fitted, Is.EqualTo(fits["G1 bare"].Derived).Within(1e-4));
        Assert.That(report.JsonText(), Does.Contain("\"nlo5143\""));
        Assert.That(report.Latex(), Does.Contain("(5.143)"));
    }

    [Test]
    public void Bad_activation_and_depth_are_refused()
    {
        Assert.Throws<RequestException>(() => WickEngine.Criticality(new CriticalityRequest("tanh(")));
        Assert.Throws<RequestException>(() => WickEngine.Criticality(new CriticalityRequest("tanh") { CheckDepth = -1 }));
    }

    [Test]
    public void Half_stable_report_has_no_k_star_zero_asymptotics()
    {
        var report = WickEngine.Criticality(new CriticalityRequest("swish"));
        Assert.That(report.Asymptotics, Is.Null);
        Assert.That(report.Critical!.Value.KStar!.Value.Value, Is.EqualTo(14.32017362).Within(5e-8));
        Assert.That(report.Text(), Does.Contain("attracts from below"));
    }
}
