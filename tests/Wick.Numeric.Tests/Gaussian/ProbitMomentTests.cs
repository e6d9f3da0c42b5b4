using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using static Wick.Numeric.Tests.Gaussian.GaussianTestSupport;

namespace Wick.Numeric.Tests.Gaussian;

/// <summary>
/// GELU and erf expectations as orthant moments of an augmented Gaussian (OrthantMoments.EvaluateProbit): against the
/// single-input closed forms derived by Stein's lemma, erf's arcsine kernel, and quadrature (the trapezoidal rule) for
/// two- and four-input bodies.
/// </summary>
public class ProbitMomentTests
{
    private static readonly BodyFactor S1 = BodyFactor.Sigma(0), S2 = BodyFactor.Sigma(1), D1 = BodyFactor.Sigma(0, 1), D2 = BodyFactor.Sigma(1, 1);

    private static readonly double[,] K4 =
    {
        { 1.0, 0.5, 0.3, -0.2 },
        { 0.5, 2.0, 0.4, 0.1 },
        { 0.3, 0.4, 0.7, 0.25 },
        { -0.2, 0.1, 0.25, 1.5 },
    };

    [TestCase(0.01)]
    [TestCase(1.0)]
    [TestCase(7.5)]
    public void Gelu_single_input_moments_have_closed_forms(double k)
    {
        // σ = zΦ(z): ⟨σ'⟩ = ⟨Φ⟩ + ⟨zφ⟩ = ½; Stein ⟨zσ⟩ = K⟨σ'⟩ = K/2; ⟨σ⟩ = K⟨φ⟩ = K/√(2π(1 + K));
        // ⟨σ²⟩ = K(⟨Φ²⟩ + 2⟨zΦφ⟩) with ⟨Φ²⟩ = ¼ + arcsin(K/(1 + K))/(2π), ⟨zΦφ⟩ = K⟨φ²⟩/(1 + K), ⟨φ²⟩ = 1/(2π√(1 + 2K)).
        var gelu = Activation.Parse("gelu");
        Assert.That(gelu.Probit, Is.EqualTo(ProbitForm.Gelu));
        var kk = KernelMatrix.Scalar(k);
        double Exact(GaussianBody b)
        {
            var v = GaussianExpectations.Evaluate(b, gelu, kk);
            Assert.That(v.Method, Is.EqualTo(GaussianMethod.OrthantMoments), b.ToString());
            return v.Value;
        }
        Assert.That(Exact(GaussianBody.Of(D1)), Is.EqualTo(0.5).Within(1e-15));
        Assert.That(Exact(GaussianBody.Of(BodyFactor.Z(0), S1)), Is.EqualTo(k / 2).Within(1e-15 * Math.Max(1, k)));
        Assert.That(Exact(GaussianBody.Of(S1)), Is.EqualTo(k / Math.Sqrt(2 * Math.PI * (1 + k))).Within(1e-15));
        double phi2 = 1 / (2 * Math.PI * Math.Sqrt(1 + 2 * k));
        double sigma2 = k * (0.25 + Math.Asin(k / (1 + k)) / (2 * Math.PI) + 2 * k * phi2 / (1 + k));
        Assert.That(Exact(GaussianBody.Of(S1, S1)), Is.EqualTo(sigma2).Within(1e-14 * Math.Max(1, sigma2)));
        // The same numbers by quadrature.
        foreach (var b in new[] { GaussianBody.Of(D1), GaussianBody.Of(S1, S1), GaussianBody.Of(BodyFactor.Z(0), S1, D1) })
            Assert.That(Exact(b), Is.EqualTo(TrapezoidQuadrature.Expect(b, gelu, kk, 1e-13).Value).Within(1e-12 * Math.Max(1, k * k)), b.ToString());
    }

    [TestCase(0.6)]
    [TestCase(-0.95)]
    [TestCase(1.0)]
    public void Gelu_two_input_kernels_equal_quadrature(double rho)
    {
        var gelu = Activation.Parse("gelu");
        var k = K(new[,] { { 1.5, rho * Math.Sqrt(1.5 * 0.8) }, { rho * Math.Sqrt(1.5 * 0.8), 0.8 } });
        foreach (var body in new[] { GaussianBody.Of(S1, S2), GaussianBody.Of(D1, D2), GaussianBody.Of(S1, D2) * GaussianBody.Centered(0, 1, k), GaussianBody.Of(S1, S1, S2, D2) })
        {
            var exact = GaussianExpectations.Evaluate(body, gelu, k);
            Assert.That(exact.Method, Is.EqualTo(GaussianMethod.OrthantMoments));
            var quad = TrapezoidQuadrature.Expect(body, gelu, k, 1e-12);
            Assert.That(exact.Value, Is.EqualTo(quad.Value).Within(1e-11), body.ToString());
        }
    }

    [Test]
    public void Four_input_gelu_and_erf_equal_quadrature_and_monte_carlo()
    {
        var k = K(K4);
        foreach (var name in new[] { "gelu", "erf" })
        {
            var sigma = Activation.Parse(name);
            var body = GaussianBody.Of(S1, S2, BodyFactor.Sigma(2), BodyFactor.Sigma(3)) + GaussianBody.Of(D1, D2, BodyFactor.Sigma(2), BodyFactor.Sigma(3, 1));
            var exact = GaussianExpectations.Evaluate(body, sigma, k);
            Assert.That(exact.Method, Is.EqualTo(GaussianMethod.OrthantMoments));
            var quad = TrapezoidQuadrature.Expect(body, sigma, k, 1e-7);
            Assert.That(exact.Value, Is.EqualTo(quad.Value).Within(1e-7 + quad.ErrorEstimate), name);
            var (mean, se) = Sampled(Direct(body, sigma), k, 200_000, 13);
            Assert.That(Math.Abs(mean - exact.Value), Is.LessThan(5 * se), $"{name}: exact {exact.Value}, MC {mean} ± {se}");
        }
    }

    [Test]
    public void Erf_probit_route_reproduces_the_arcsine_kernels()
    {
        var erf = Activation.Parse("erf");
        var k = K(new[,] { { 1.0, 0.7 }, { 0.7, 2.0 } });
        // Scaled bodies bypass the two-point closed form and go through the probit route.
        Assert.That(OrthantMoments.EvaluateProbit(GaussianBody.Of(S1, S2), ProbitForm.Erf, k).Value, Is.EqualTo(KernelClosedForms.Erf(k, 0, 1, 0)).Within(1e-14));
        Assert.That(OrthantMoments.EvaluateProbit(GaussianBody.Of(D1, D2), ProbitForm.Erf, k).Value, Is.EqualTo(KernelClosedForms.Erf(k, 0, 1, 1)).Within(1e-14));
        // σ'' has no orthant form: quadrature.
        Assert.That(OrthantMoments.IsProbitBody(GaussianBody.Of(BodyFactor.Sigma(0, 2), S2)), Is.False);
        Assert.That(GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Sigma(0, 2), S2), erf, k).Method, Is.EqualTo(GaussianMethod.Trapezoid));
    }
}
