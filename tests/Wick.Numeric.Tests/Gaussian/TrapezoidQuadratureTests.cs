using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using static Wick.Numeric.Tests.Gaussian.GaussianTestSupport;

namespace Wick.Numeric.Tests.Gaussian;

/// <summary>
/// The nested trapezoidal (sinc) rule: against closed forms (erf's arcsine kernel, Isserlis, the Gaussian moment generating
/// function), against Gauss–Hermite and a brute-force fine grid, its error estimate against the true error, and the
/// automatic route.
/// </summary>
public class TrapezoidQuadratureTests
{
    private static readonly BodyFactor S1 = BodyFactor.Sigma(0), S2 = BodyFactor.Sigma(1);

    private static KernelMatrix Pair(double v1, double v2, double rho) =>
        K(new[,] { { v1, rho * Math.Sqrt(v1 * v2) }, { rho * Math.Sqrt(v1 * v2), v2 } });

    [TestCase(0.1, 0.5)]
    [TestCase(1.0, 0.0)]
    [TestCase(1.0, -0.9)]
    [TestCase(5.0, 0.999)]
    [TestCase(30.0, 0.7)]
    public void Erf_arcsine_kernels_to_1e12(double v, double rho)
    {
        var erf = Activation.Parse("erf");
        var k = Pair(v, 2 * v, rho);
        foreach (int order in new[] { 0, 1 })
        {
            var body = GaussianBody.Of(BodyFactor.Sigma(0, order), BodyFactor.Sigma(1, order));
            var q = TrapezoidQuadrature.Expect(body, erf, k, 1e-12);
            double exact = KernelClosedForms.Erf(k, 0, 1, order);
            Assert.That(q.Method, Is.EqualTo(GaussianMethod.Trapezoid));
            Assert.That(q.Value, Is.EqualTo(exact).Within(1e-12), $"order {order}");
            Assert.That(Math.Abs(q.Value - exact), Is.LessThanOrEqualTo(q.ErrorEstimate + 1e-15), $"order {order}: the estimate covers the error");
        }
    }

    [Test]
    public void Linear_bodies_follow_isserlis_in_four_dimensions()
    {
        var lin = Activation.Parse("linear");
        var k4 = new[,] { { 1.0, 0.5, 0.3, -0.2 }, { 0.5, 2.0, 0.4, 0.1 }, { 0.3, 0.4, 0.7, 0.25 }, { -0.2, 0.1, 0.25, 1.5 } };
        var body = GaussianBody.Of(S1, S2, BodyFactor.Sigma(2), BodyFactor.Z(3));
        var q = TrapezoidQuadrature.Expect(body, lin, K(k4), 1e-12);
        double isserlis = k4[0, 1] * k4[2, 3] + k4[0, 2] * k4[1, 3] + k4[0, 3] * k4[1, 2];
        Assert.That(q.Value, Is.EqualTo(isserlis).Within(1e-12));
        // z1² z2² in 2-D: K11 K22 + 2 K12².
        var sq = TrapezoidQuadrature.Expect(GaussianBody.Of(S1, S1, S2, S2), lin, Pair(1.5, 0.6, -0.4), 1e-12);
        Assert.That(sq.Value, Is.EqualTo(1.5 * 0.6 + 2 * 0.16 * 1.5 * 0.6).Within(1e-12));
    }

    [TestCase(0.5)]
    [TestCase(4.0)]
    [TestCase(8.0)]
    public void Exponential_growth_is_met_by_the_tail_estimate(double v)
    {
        // E[e^{z1} e^{z2}] = exp((K11 + K22 + 2K12)/2): the integrand grows like e^{2√v |u|}, so the truncation radius must grow.
        var k = Pair(v, v, 0.3);
        var q = TrapezoidQuadrature.Expect(GaussianBody.Of(S1, S2), Activation.Parse("exp(z)"), k, 1e-12);
        double exact = Math.Exp((2 * v + 0.6 * v) / 2);
        Assert.That(q.Value, Is.EqualTo(exact).Within(1e-12 * exact));
        Assert.That(Math.Abs(q.Value - exact), Is.LessThanOrEqualTo(q.ErrorEstimate));
    }

    [TestCase(0.1, 0.5)]
    [TestCase(1.0, 0.5)]
    [TestCase(1.0, -0.9)]
    [TestCase(3.0, 0.999)]
    [TestCase(10.0, 0.5)]
    [TestCase(10.0, 0.999)]
    public void Tanh_pairs_agree_with_a_brute_force_grid_and_gauss_hermite(double v, double rho)
    {
        var tanh = Activation.Parse("tanh");
        var k = Pair(v, v, rho);
        var q = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S2), tanh, k, 1e-12);
        Assert.That(q.Method, Is.EqualTo(GaussianMethod.Trapezoid), "auto route for a smooth non-polynomial σ");
        double brute = BruteForce(k, 1.0 / 32);
        Assert.That(q.Value, Is.EqualTo(brute).Within(1e-12));
        Assert.That(Math.Abs(q.Value - brute), Is.LessThanOrEqualTo(q.ErrorEstimate + 5e-15));
        // Gauss–Hermite converges to the same number where it can (a moderate kernel).
        if (v <= 3)
        {
            var gh = GaussianExpectations.Evaluate(GaussianBody.Of(S1, S2), tanh, k, 1e-12, QuadratureRoute.GaussHermite);
            Assert.That(gh.Method, Is.EqualTo(GaussianMethod.GaussHermite));
            Assert.That(q.Value, Is.EqualTo(gh.Value).Within(1e-12));
            // Near K = 0 tanh is nearly a polynomial and Gauss–Hermite is as cheap; from K = 1 on the poles at ±iπ/2 decide.
            if (v >= 1) Assert.That(q.Degree, Is.LessThan(gh.Degree), "fewer nodes per dimension than Gauss–Hermite");
        }
    }

    /// <summary>E[tanh z1 tanh z2] on a fixed uniform grid of step h over |u_i| ≤ 11 (independent of the adaptive code).</summary>
    private static double BruteForce(KernelMatrix k, double h)
    {
        double l11 = Math.Sqrt(k[0, 0]), l21 = k[0, 1] / l11, l22 = Math.Sqrt(Math.Max(k[1, 1] - l21 * l21, 0));
        int n = (int)(11 / h);
        double sum = 0;
        for (int i = -n; i <= n; i++)
        {
            double u = i * h, inner = 0;
            for (int j = -n; j <= n; j++)
            {
                double w = j * h;
                inner += Math.Exp(-w * w / 2) * Math.Tanh(l21 * u + l22 * w);
            }
            sum += Math.Exp(-u * u / 2) * Math.Tanh(l11 * u) * inner;
        }
        return sum * h * h / (2 * Math.PI);
    }

    [TestCase("gelu")]
    [TestCase("swish")]
    [TestCase("sin")]
    [TestCase("softplus")]
    public void Smooth_activations_agree_with_gauss_hermite_in_three_dimensions(string name)
    {
        var sigma = Activation.Parse(name);
        var k = K(new[,] { { 1.0, 0.4, -0.2 }, { 0.4, 0.8, 0.3 }, { -0.2, 0.3, 1.2 } });
        var body = GaussianBody.Of(S1, BodyFactor.Sigma(1, 1), BodyFactor.Sigma(2, 2)) + GaussianBody.Of(S1, S2) * GaussianBody.Centered(0, 2, k);
        var t = GaussianExpectations.Evaluate(body, sigma, k, 1e-10, QuadratureRoute.Trapezoid);
        var g = GaussianExpectations.Evaluate(body, sigma, k, 1e-10, QuadratureRoute.GaussHermite);
        Assert.That(t.Value, Is.EqualTo(g.Value).Within(1e-9));
    }

    [Test]
    public void A_kink_converges_only_algebraically_and_is_refused_not_misreported()
    {
        // max(z, 0) as an expression: no acceleration, so the conservative |Q_h − Q_2h| is the estimate and 1e-8 is out of reach.
        var maxExpr = Activation.Parse("max(z, 0)");
        var k = Pair(1, 1, 0.6);
        Assert.Throws<GaussianEvaluationException>(() => TrapezoidQuadrature.Expect(GaussianBody.Of(S1, S2), maxExpr, k, 1e-8));
        // At a loose tolerance it answers, and the arc-cosine closed form is inside its estimate.
        var q = TrapezoidQuadrature.Expect(GaussianBody.Of(S1, S2), maxExpr, k, 1e-4);
        double exact = KernelClosedForms.ScaleInvariant(new ScaleInvariantSlopes(1, 0), k, 0, 1, 0);
        Assert.That(Math.Abs(q.Value - exact), Is.LessThanOrEqualTo(q.ErrorEstimate));
    }

    [Test]
    public void Auto_route_keeps_gauss_hermite_for_polynomials_and_kinks()
    {
        var k = Pair(1, 2, 0.3);
        var body = GaussianBody.Of(S1, S2);
        Assert.That(GaussianExpectations.Route(body, Activation.Parse("z + z^3/6"), QuadratureRoute.Auto), Is.EqualTo(QuadratureRoute.GaussHermite));
        Assert.That(GaussianExpectations.Route(body, Activation.Parse("max(z, 0)*z"), QuadratureRoute.Auto), Is.EqualTo(QuadratureRoute.GaussHermite));
        Assert.That(GaussianExpectations.Route(body, Activation.Parse("sigmoid"), QuadratureRoute.Auto), Is.EqualTo(QuadratureRoute.Trapezoid));
        Assert.That(GaussianExpectations.Route(body, Activation.Parse("z^(1/2)"), QuadratureRoute.Auto), Is.EqualTo(QuadratureRoute.Trapezoid));
        var cubic = GaussianExpectations.Evaluate(body, Activation.Parse("z + z^3/6"), k);
        Assert.That(cubic.Method, Is.EqualTo(GaussianMethod.GaussHermite));
        // ⟨(z1 + z1³/6)(z2 + z2³/6)⟩ by Isserlis: K12 + (3K11K12 + 3K22K12)/6 + (9K11K22K12 + 6K12³)/36.
        double k11 = 1, k22 = 2, k12 = k[0, 1];
        double isserlis = k12 + (3 * k11 * k12 + 3 * k22 * k12) / 6 + (9 * k11 * k22 * k12 + 6 * k12 * k12 * k12) / 36;
        Assert.That(cubic.Value, Is.EqualTo(isserlis).Within(1e-13));
    }

    [Test]
    public void The_error_estimate_accelerates_only_when_the_differences_square()
    {
        // Geometric in 1/h: differences 1e-2, 1e-4, 1e-8 → Bailey's d1^(ln d1/ln d2) = 1e-16.
        Assert.That(TrapezoidQuadrature.Discretisation([1, 1.01, 1.0101, 1.01010001], 1e-17), Is.EqualTo(1e-16).Within(1e-17));
        // Algebraic O(h^6): every difference 64 times the next — no acceleration, the estimate stays d1.
        double d = 1e-3;
        Assert.That(TrapezoidQuadrature.Discretisation([0, d, d + d / 64, d + d / 64 + d / 4096], 1e-17), Is.EqualTo(d / 4096).Within(1e-18));
    }
}
