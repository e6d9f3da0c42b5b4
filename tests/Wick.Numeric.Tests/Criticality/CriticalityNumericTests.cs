using Wick.Algebra;
using Wick.Numeric.Activations;
using Wick.Numeric.Criticality;
using Wick.Numeric.Gaussian;
using GaussianBody = Wick.Numeric.Gaussian.GaussianBody;

namespace Wick.Numeric.Tests.Criticality;

/// <summary>
/// Chapter 5 numerics checked against independent routes: exact Taylor data against finite differences of
/// quadrature, the GELU root against (3 + √17)/2 and the adaptive quadrature of Wick.Numeric.Gaussian, the book's
/// printed critical points (5.101), (5.105), and the classes of §5.2–§5.3.
/// </summary>
public class CriticalityNumericTests
{
    [Test]
    public void Taylor_coefficients_of_expressions_are_exact_rationals()
    {
        var swish = Activation.Parse("z/(1+exp(-z))").Expression.TaylorCoefficients<Wick.Algebra.Criticality.ExactNumber>(8);
        Assert.That(swish.Select(c => c.Value.ToString()), Is.EqualTo(new[] { "0", "1/2", "1/2", "0", "-1/2", "0", "3/2", "0" }));
        var sin = Activation.Parse("sin").Expression.TaylorCoefficients<Wick.Algebra.Criticality.ExactNumber>(6);
        Assert.That(sin.Select(c => c.Value.ToString()), Is.EqualTo(new[] { "0", "1", "0", "-1", "0", "1" }));
        Assert.Throws<Wick.Algebra.Criticality.NotRepresentableException>(() => Activation.Parse("gelu").Expression.TaylorCoefficients<Wick.Algebra.Criticality.ExactNumber>(4));
        Assert.Throws<Wick.Algebra.Criticality.NotRepresentableException>(() => Activation.Parse("max(z, 0)").Expression.TaylorCoefficients<Wick.Algebra.Criticality.ExactNumber>(4));
    }

    [TestCase("tanh")]
    [TestCase("sin")]
    [TestCase("erf")]
    [TestCase("z - z^2/4 + z^3")]
    public void Exact_a1_a2_b1_agree_with_finite_differences_of_quadrature(string name)
    {
        var r = CriticalityAnalysis.Analyze(Activation.Parse(name));
        var z = r.KStarZero!;
        var exp = new SingleInputExpectations(r.Activation);
        exp.Calibrate([1e-3, 2e-3]);
        // C_W g(K) = K + a_1 K² + a_2 K³ + …, C_W ⟨σ'σ'⟩ = 1 + b_1 K + …: fit from small K by Richardson-like differences.
        double cw = z.CW.Value;
        double Gt(double k) => cw * exp.At(k).G;
        double Pp(double k) => cw * exp.At(k).SigmaPrimeSquared;
        double h = 1e-3;
        double a1 = 2 * (Gt(h) - h) / (h * h) - (Gt(2 * h) - 2 * h) / (4 * h * h); // eliminates the a_2 K term
        double b1 = 2 * (Pp(h) - 1) / h - (Pp(2 * h) - 1) / (2 * h);
        Assert.That(a1, Is.EqualTo(z.A1.Value).Within(1e-4 * Math.Max(1, Math.Abs(z.A1.Value))), "a_1");
        Assert.That(b1, Is.EqualTo(z.B1.Value).Within(1e-4 * Math.Max(1, Math.Abs(z.B1.Value))), "b_1");
        double a2 = (Gt(h) - h - z.A1.Value * h * h) / (h * h * h);
        Assert.That(a2, Is.EqualTo(z.A2.Value).Within(0.01 * Math.Max(1, Math.Abs(z.A2.Value))), "a_2");
    }

    [Test]
    public void Tanh_is_in_the_k_star_zero_class_with_the_book_values()
    {
        var r = CriticalityAnalysis.Analyze(Activation.Parse("tanh"));
        Assert.That(r.Class, Is.EqualTo(UniversalityClass.KStarZero));
        Assert.That(r.KStarZero!.A1.Exact, Is.EqualTo(Rational.Create(-2, 1)));
        Assert.That(r.KStarZero.A2.Exact, Is.EqualTo(Rational.Create(17, 3)));
        Assert.That(r.KStarZero.B1.Exact, Is.EqualTo(Rational.Create(-2, 1)));
        Assert.That(r.KStarZero.CW.Exact, Is.EqualTo(Rational.One));
        Assert.That(r.FixedPoints, Is.Empty);
    }

    [Test]
    public void Gelu_nontrivial_fixed_point_is_three_plus_root_17_over_2()
    {
        var r = CriticalityAnalysis.Analyze(Activation.Parse("gelu"));
        Assert.That(r.Class, Is.EqualTo(UniversalityClass.HalfStable));
        var p = r.FixedPoints.Single(f => f.Physical);
        Assert.That(p.KStar, Is.EqualTo((3 + Math.Sqrt(17)) / 2).Within(1e-12));
        Assert.That(p.Cb, Is.EqualTo(0.17292239).Within(5e-9));
        Assert.That(p.CW, Is.EqualTo(1.98305826).Within(5e-9));
        Assert.That(-p.ATilde1, Is.EqualTo(1.43626419e-4).Within(5e-12));
        // Independent route: the adaptive quadrature of Wick.Numeric.Gaussian at the exact root gives χ_∥ = χ_⊥.
        double k = (3 + Math.Sqrt(17)) / 2;
        var km = new KernelMatrix(new[,] { { k } });
        var sigma = Activation.Parse("gelu");
        double pp = GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(0, 1)), sigma, km, 1e-13).Value;
        double zsp = GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Z(0), BodyFactor.Sigma(0), BodyFactor.Sigma(0, 1)), sigma, km, 1e-13).Value;
        Assert.That(k * pp / zsp, Is.EqualTo(1).Within(1e-11));
        // Footnote 22's trivial fixed point "≈ 3.2" is computed: an attracting one below K*.
        var t = p.Trivial.Single();
        Assert.That(t.K, Is.LessThan(k).And.GreaterThan(2.9));
        Assert.That(t.Attracting, Is.True);
        Assert.That(r.KStarZero!.A1.Value, Is.EqualTo(6 / Math.PI).Within(1e-10)); // (−a_1) = −6/π
    }

    [TestCase("swish")]
    [TestCase("z/(1+exp(-z))")]
    public void Swish_matches_5_101(string name)
    {
        var r = CriticalityAnalysis.Analyze(Activation.Parse(name));
        Assert.That(r.Class, Is.EqualTo(UniversalityClass.HalfStable));
        var p = r.FixedPoints.Single(f => f.Physical);
        Assert.That(p.KStar, Is.EqualTo(14.32017362).Within(5e-8));
        Assert.That(p.Cb, Is.EqualTo(0.55514317).Within(5e-9));
        Assert.That(p.CW, Is.EqualTo(1.98800468).Within(5e-9));
        Assert.That(-p.ATilde1, Is.EqualTo(-2.84979219e-6).Within(5e-14));
        Assert.That(r.KStarZero!.A1.Exact, Is.EqualTo(Rational.Create(3, 4)));
        Assert.That(r.KStarZero.CW.Exact, Is.EqualTo(Rational.Create(4, 1)));
    }

    [TestCase("relu", "2", "5")]
    [TestCase("linear", "1", "2")]
    [TestCase("abs", "1", "2")]
    public void Scale_invariant_class_has_exact_A2_A4(string name, string cw, string v)
    {
        var r = CriticalityAnalysis.Analyze(Activation.Parse(name));
        Assert.That(r.Class, Is.EqualTo(UniversalityClass.ScaleInvariant));
        Assert.That(r.ScaleInvariant!.CW.ToString(), Is.EqualTo(cw));
        Assert.That(r.ScaleInvariant.VCoefficient.ToString(), Is.EqualTo(v));
    }

    [TestCase("z", "1", "2")]
    [TestCase("2*z", "1/4", "2")]
    public void A_linear_expression_is_scale_invariant_not_a_noise_root(string expression, string cw, string v)
    {
        var r = CriticalityAnalysis.Analyze(Activation.Parse(expression));
        Assert.That(r.Class, Is.EqualTo(UniversalityClass.ScaleInvariant));
        Assert.That(r.FixedPoints, Is.Empty);
        Assert.That(r.ScaleInvariant!.CW.ToString(), Is.EqualTo(cw));
        Assert.That(r.ScaleInvariant.VCoefficient.ToString(), Is.EqualTo(v));
        // Noise-level scan of (5.73) for a σ whose ratio is identically 1 finds no root either.
        var exp = new SingleInputExpectations(Activation.Parse(expression));
        exp.Calibrate([1e-3, 1, 100]);
        Assert.That(CriticalityAnalysis.Scan(exp), Is.Empty);
    }

    [Test]
    public void Softplus_sigmoid_and_monomials_have_no_criticality_with_their_reasons()
    {
        var softplus = CriticalityAnalysis.Analyze(Activation.Parse("softplus"));
        Assert.That(softplus.Class, Is.EqualTo(UniversalityClass.None));
        Assert.That(softplus.ShiftedA1!.Value.Value, Is.EqualTo(3.0 / 16).Within(1e-12));
        Assert.That(softplus.Reason, Does.Contain("cannot be saved"));
        var sigmoid = CriticalityAnalysis.Analyze(Activation.Parse("sigmoid"));
        Assert.That(sigmoid.Class, Is.EqualTo(UniversalityClass.None));
        Assert.That(sigmoid.LimitingCb!.Value.Exact, Is.EqualTo(Rational.Create(-4, 1)));
        for (int p = 2; p <= 5; p++)
        {
            var mono = CriticalityAnalysis.Analyze(Activation.Parse($"z^{p}"));
            Assert.That(mono.Class, Is.EqualTo(UniversalityClass.None));
            Assert.That(mono.SmallKRatio!.Value.Exact, Is.EqualTo(Rational.Create(p, 2 * p - 1)), $"p = {p}: (5.78)");
        }
    }

    [Test]
    public void Iterated_tanh_kernel_decays_as_one_over_minus_a1_l()
    {
        var exp = new SingleInputExpectations(Activation.Parse("tanh"), 32);
        var s = DepthIteration.Run(exp, 0, 1, 1, 0, 0, [1000, 20000]);
        Assert.That(s[1].K * 20000, Is.EqualTo(0.5).Within(5 * Math.Log(20000) / 20000));
        Assert.That(s[1].V * 20000, Is.EqualTo(1.0 / 6).Within(5 * Math.Log(20000) / 20000));
    }
}
