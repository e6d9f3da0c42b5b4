using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using static Wick.Numeric.Tests.Gaussian.GaussianTestSupport;

namespace Wick.Numeric.Tests.Gaussian;

public class GaussianExpectationTests
{
    private static readonly BodyFactor S1 = BodyFactor.Sigma(0), S2 = BodyFactor.Sigma(1), S3 = BodyFactor.Sigma(2), S4 = BodyFactor.Sigma(3);

    private static readonly double[,] K4 =
    {
        { 1.0, 0.5, 0.3, -0.2 },
        { 0.5, 2.0, 0.4, 0.1 },
        { 0.3, 0.4, 0.7, 0.25 },
        { -0.2, 0.1, 0.25, 1.5 },
    };

    [Test]
    public void Tanh_squared_at_unit_kernel_matches_an_independent_trapezoid_rule()
    {
        var tanh = Activation.Parse("tanh");
        var v = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S1), tanh, KernelMatrix.Scalar(1), 1e-13, QuadratureRoute.GaussHermite);
        double reference = Trapezoid(z => Math.Tanh(z) * Math.Tanh(z), 1);
        Assert.That(v.Value, Is.EqualTo(reference).Within(1e-13));
        Assert.That(v.Value, Is.EqualTo(0.3942944904).Within(1e-10));
        Assert.That(v.Method, Is.EqualTo(GaussianMethod.GaussHermite));
        Assert.That(v.ErrorEstimate, Is.LessThan(1e-12));
    }

    [Test]
    public void Tanh_at_large_kernel_needs_hundreds_of_nodes_and_still_converges()
    {
        var tanh = Activation.Parse("tanh");
        var v = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S1), tanh, KernelMatrix.Scalar(10), 1e-12, QuadratureRoute.GaussHermite);
        Assert.That(v.Degree, Is.GreaterThanOrEqualTo(128));
        Assert.That(v.Value, Is.EqualTo(Trapezoid(z => Math.Tanh(z) * Math.Tanh(z), 10, 0.005)).Within(1e-11));
    }

    [TestCase(0.5)]
    [TestCase(-0.9)]
    [TestCase(0.999)]
    public void Erf_arcsine_kernel_equals_two_dimensional_quadrature(double rho)
    {
        var k = K(new[,] { { 1.0, rho * Math.Sqrt(2.0) }, { rho * Math.Sqrt(2.0), 2.0 } });
        var erf = Activation.Parse("erf");
        var closed = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S2), erf, k);
        Assert.That(closed.Method, Is.EqualTo(GaussianMethod.ClosedForm));
        var quad = GaussianQuadrature.Expect(GaussianBody.Of(S1, S2).Compile(erf), k, 1e-13);
        Assert.That(closed.Value, Is.EqualTo(quad.Value).Within(1e-12));
        var d1 = GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(1, 1));
        Assert.That(GaussianExpectations.Evaluate(d1, erf, k).Value, Is.EqualTo(GaussianQuadrature.Expect(d1.Compile(erf), k, 1e-13).Value).Within(1e-12));
    }

    [TestCase("relu", 0.3)]
    [TestCase("relu", -0.95)]
    [TestCase("leaky_relu:0.2", 0.6)]
    [TestCase("abs", 0.1)]
    [TestCase("linear", 0.4)]
    public void Arc_cosine_kernels_equal_the_orthant_route_and_monte_carlo(string name, double rho)
    {
        var sigma = Activation.Parse(name);
        var k = K(new[,] { { 1.5, rho * Math.Sqrt(1.5 * 0.8) }, { rho * Math.Sqrt(1.5 * 0.8), 0.8 } });
        foreach (int order in new[] { 0, 1 })
        {
            var body = GaussianBody.Of(BodyFactor.Sigma(0, order), BodyFactor.Sigma(1, order));
            var closed = GaussianExpectations.Evaluate(body, sigma, k);
            Assert.That(closed.Method, Is.EqualTo(GaussianMethod.ClosedForm));
            var orthant = OrthantMoments.Evaluate(body, sigma.Slopes!, k);
            Assert.That(orthant.Value, Is.EqualTo(closed.Value).Within(1e-14), $"order {order}");
            var (mean, se) = Sampled(Direct(body, sigma), k, 400_000, 7);
            Assert.That(Math.Abs(mean - closed.Value), Is.LessThan(5 * se + 1e-12), $"order {order}: MC {mean} ± {se}");
        }
    }

    [Test]
    public void Relu_kernel_against_slowly_converging_quadrature()
    {
        // Quadrature on the kink converges only algebraically: the closed form is the reference, quadrature at
        // degree 1024 is within 1e-4 and improves with the degree.
        var relu = Activation.Parse("relu");
        var k = K(new[,] { { 1.0, 0.6 }, { 0.6, 1.0 } });
        double exact = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S2), relu, k).Value;
        var f = GaussianBody.Of(S1, S2).Compile(relu);
        double e64 = Math.Abs(GaussianQuadrature.Fixed(f, k, 64) - exact), e1024 = Math.Abs(GaussianQuadrature.Fixed(f, k, 1024) - exact);
        Assert.That(e1024, Is.LessThan(1e-4));
        Assert.That(e1024, Is.LessThan(e64));
    }

    [Test]
    public void Linear_bodies_follow_isserlis()
    {
        var lin = Activation.Parse("linear");
        var k = K(K4);
        double expected = K4[0, 1] * K4[2, 3] + K4[0, 2] * K4[1, 3] + K4[0, 3] * K4[1, 2];
        Assert.That(GaussianExpectations.Evaluate(GaussianBody.Of(S1, S2, S3, S4), lin, k).Value, Is.EqualTo(expected).Within(1e-15));
        // z1^4 z2^2: 3·K11²K22 + 12·K11 K12² (Isserlis count).
        var z = GaussianBody.Of(S1, S1, S1, BodyFactor.Z(0), S2, BodyFactor.Z(1));
        Assert.That(GaussianExpectations.Evaluate(z, lin, k).Value,
            Is.EqualTo(3 * K4[0, 0] * K4[0, 0] * K4[1, 1] + 12 * K4[0, 0] * K4[0, 1] * K4[0, 1]).Within(1e-13));
    }

    [Test]
    public void Four_sign_correlation_factorises_for_independent_blocks_and_is_one_for_coincident_inputs()
    {
        var r = new[,] { { 1, 0.6, 0, 0 }, { 0.6, 1, 0, 0 }, { 0, 0, 1, -0.3 }, { 0, 0, -0.3, 1.0 } };
        var (v, _) = OrthantMoments.FourSigns(r);
        Assert.That(v, Is.EqualTo(OrthantMoments.Sheppard(0.6) * OrthantMoments.Sheppard(-0.3)).Within(1e-14));
        var ones = new double[4, 4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) ones[i, j] = 1;
        Assert.That(OrthantMoments.FourSigns(ones).Value, Is.EqualTo(1).Within(1e-15));
    }

    [TestCase("relu")]
    [TestCase("leaky_relu:-0.3")]
    [TestCase("abs")]
    public void Four_point_kinked_moments_agree_with_monte_carlo(string name)
    {
        var sigma = Activation.Parse(name);
        var k = K(K4);
        var bodies = new[]
        {
            GaussianBody.Of(S1, S2, S3, S4),
            GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(1, 1), BodyFactor.Sigma(2, 1), BodyFactor.Sigma(3, 1)),
            GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(1, 1), S3, S4),
            GaussianBody.Of(S1, S2) * GaussianBody.Centered(2, 3, k),
        };
        foreach (var body in bodies)
        {
            var exact = GaussianExpectations.Evaluate(body, sigma, k);
            Assert.That(exact.Method, Is.EqualTo(GaussianMethod.OrthantMoments));
            var (mean, se) = Sampled(Direct(body, sigma), k, 300_000, 11);
            Assert.That(Math.Abs(mean - exact.Value), Is.LessThan(5 * se), $"{body}: exact {exact.Value}, MC {mean} ± {se}");
        }
    }

    [Test]
    public void Relu_second_derivative_equals_the_kernel_derivative_of_the_arc_cosine_kernel()
    {
        // Price's theorem: ∂/∂K_11 ⟨σ_1 σ_2⟩ = ½ ⟨σ''_1 σ_2⟩ — the δ of σ'' checked against a finite difference
        // of the closed form.
        var relu = Activation.Parse("relu");
        double Kernel(double k11) => KernelClosedForms.ScaleInvariant(relu.Slopes!, K(new[,] { { k11, 0.4 }, { 0.4, 0.9 } }), 0, 1, 0);
        double h = 1e-5, fd = (Kernel(1.2 + h) - Kernel(1.2 - h)) / (2 * h);
        var body = GaussianBody.Of(BodyFactor.Sigma(0, 2), S2);
        double exact = GaussianExpectations.Evaluate(body, relu, K(new[,] { { 1.2, 0.4 }, { 0.4, 0.9 } })).Value;
        Assert.That(exact / 2, Is.EqualTo(fd).Within(1e-8));
    }

    [Test]
    public void Four_dimensional_tanh_quadrature_agrees_with_monte_carlo()
    {
        var tanh = Activation.Parse("tanh");
        var k = K(K4);
        var body = GaussianBody.Of(S1, S2, S3, S4) + GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(1, 2));
        var q = GaussianExpectations.Evaluate(body, tanh, k, 1e-6);
        var (mean, se) = Sampled(Direct(body, tanh), k, 300_000, 5);
        Assert.That(Math.Abs(mean - q.Value), Is.LessThan(5 * se), $"quadrature {q.Value} (n = {q.Degree}), MC {mean} ± {se}");
    }

    [Test]
    public void Coincident_inputs_reduce_the_dimension()
    {
        var tanh = Activation.Parse("tanh");
        var k = K(new[,] { { 1.0, 1.0, 0.5 }, { 1.0, 1.0, 0.5 }, { 0.5, 0.5, 2.0 } });
        Assert.That(k.Rank, Is.EqualTo(2));
        double pair = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S2), tanh, k).Value;
        double single = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S1), tanh, KernelMatrix.Scalar(1)).Value;
        Assert.That(pair, Is.EqualTo(single).Within(1e-12));
        // ReLU on coincident inputs: sgn z₁ sgn z₂ with ρ = 1 must give what sgn z₁² gives on the reduced kernel.
        var relu = Activation.Parse("relu");
        double coincident = GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(1, 1), S3, S3), relu, k).Value;
        var reduced = K(new[,] { { 1.0, 0.5 }, { 0.5, 2.0 } });
        double direct = GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Sigma(0, 1), BodyFactor.Sigma(0, 1), S2, S2), relu, reduced).Value;
        Assert.That(coincident, Is.EqualTo(direct).Within(1e-14));
        var (mean, se) = Sampled(Direct(GaussianBody.Of(BodyFactor.Sigma(0, 1), S2, S2), relu), reduced, 300_000, 3);
        Assert.That(Math.Abs(mean - direct), Is.LessThan(5 * se));
    }

    [TestCase(new[] { 1.0, 2.0, 2.0, 1.0 }, "positive semi-definite")]
    [TestCase(new[] { 1.0, double.NaN, double.NaN, 1.0 }, "finite")]
    [TestCase(new[] { -1.0, 0.0, 0.0, 1.0 }, "positive semi-definite")]
    [TestCase(new[] { 1.0, 0.3, 0.2, 1.0 }, "symmetric")]
    public void Bad_kernels_are_refused(double[] e, string reason)
    {
        var ex = Assert.Throws<KernelException>(() => _ = new KernelMatrix(new[,] { { e[0], e[1] }, { e[2], e[3] } }));
        Assert.That(ex!.Message, Does.Contain(reason));
    }

    [Test]
    public void A_kink_makes_quadrature_refuse_rather_than_return_a_wrong_number()
    {
        var maxExpr = Activation.Parse("max(z, 0)");
        Assert.That(maxExpr.Slopes, Is.Null);
        Assert.Throws<GaussianEvaluationException>(() => GaussianExpectations.Evaluate(GaussianBody.Of(S1, S1, S1), maxExpr, KernelMatrix.Scalar(1), 1e-12));
        Assert.Throws<GaussianEvaluationException>(() => GaussianExpectations.Evaluate(GaussianBody.Of(BodyFactor.Sigma(0, 2)), maxExpr, KernelMatrix.Scalar(1)));
    }
}
