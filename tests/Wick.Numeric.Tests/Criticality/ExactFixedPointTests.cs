using Wick.Algebra;
using Wick.Algebra.Criticality;
using Wick.Numeric.Activations;
using Wick.Numeric.Criticality;

namespace Wick.Numeric.Tests.Criticality;

/// <summary>
/// GELU's nontrivial fixed point as an exact algebraic number (issue 12): the closed forms of
/// <see cref="ErfGaussianIntegrals"/> evaluated against Gauss–Hermite quadrature of the same expectations (an
/// independent route), and the exact K* = (3 + √17)/2 against the numeric root of (5.73) to 1e−12.
/// </summary>
public class ExactFixedPointTests
{
    /// <summary>Σ_β (2π)^{−β/2} (1 + βK)^{−1/2} [R_β + T_β A(s_β)], A(s) = 1/4 + arcsin(s/(1 + s))/(2π).</summary>
    private static double Evaluate(ErfGaussianValue v, double k) => v.Parts.Sum(kv =>
    {
        var ((level, arcsin), f) = (kv.Key, kv.Value);
        double unit = Math.Pow(2 * Math.PI, -level / 2.0) / Math.Sqrt(1 + level * k);
        double s = k / (1 + level * k);
        double value = f.Evaluate(_ => k);
        return unit * value * (arcsin ? 0.25 + Math.Asin(s / (1 + s)) / (2 * Math.PI) : 1);
    });

    [TestCase(0.3)]
    [TestCase(1.7)]
    [TestCase(6.0)]
    public void Closed_forms_agree_with_quadrature(double k)
    {
        var gelu = Activation.Parse("gelu");
        var poly = gelu.Expression.ToErfPolynomial()!;
        var prime = poly.Derivative();
        var exp = new SingleInputExpectations(gelu);
        exp.Calibrate([k]);
        var p = exp.At(k);
        Assert.That(Evaluate(ErfGaussianIntegrals.Expectation(poly * poly), k), Is.EqualTo(p.G).Within(1e-13 * Math.Max(1, p.G)));
        Assert.That(Evaluate(ErfGaussianIntegrals.Expectation(prime * prime), k), Is.EqualTo(p.SigmaPrimeSquared).Within(1e-13));
        Assert.That(Evaluate(ErfGaussianIntegrals.Expectation(ErfPolynomial.Z * poly * prime), k), Is.EqualTo(p.ZSigmaSigmaPrime).Within(1e-13 * Math.Max(1, p.ZSigmaSigmaPrime)));
    }

    [Test]
    public void Gelu_k_star_is_exact_and_matches_the_numeric_root()
    {
        var result = CriticalityAnalysis.Analyze(Activation.Parse("gelu"));
        var p = result.FixedPoints.Single(q => q.Physical);
        Assert.That(p.ExactKStar, Is.Not.Null);
        Assert.That(p.ExactKStar!.Value.ToString(), Is.EqualTo("(3 + √17)/2"));
        Assert.That(p.KStar, Is.EqualTo((3 + Math.Sqrt(17)) / 2).Within(1e-12));
        Assert.That(p.ExactKStar.Value.ToDouble(), Is.EqualTo(p.KStar).Within(1e-12));
    }

    [TestCase("z*(1 + erf(z/sqrt(2)))", true)]        // 2 GELU: the same (5.73)
    [TestCase("z*(1 + erf(0.7071067811865476*z))/2", true)]
    [TestCase("swish", false)]                        // logistic, not erf: numeric only
    [TestCase("tanh", false)]
    public void Exact_form_only_where_derived(string activation, bool exact)
    {
        var sigma = Activation.Parse(activation);
        Assert.That(sigma.Expression.ToErfPolynomial() is not null, Is.EqualTo(exact));
        var result = CriticalityAnalysis.Analyze(sigma);
        Assert.That(result.FixedPoints.Any(q => q.ExactKStar is not null), Is.EqualTo(exact));
        if (exact) Assert.That(result.FixedPoints.Single(q => q.Physical).ExactKStar!.Value.ToDouble(), Is.EqualTo((3 + Math.Sqrt(17)) / 2).Within(1e-15));
    }
}
