using Wick.Numeric.Activations;

namespace Wick.Numeric.Gaussian;

/// <summary>
/// ⟨f(z_{α1}, …, z_{αk})⟩_K for k ≤ 4 (eq. 4.118): picks the route. Scale-invariant activations (linear, ReLU,
/// leaky ReLU, abs) are exact — arc-cosine kernels for σσ and σ'σ', orthant moments for everything else; erf has
/// arcsine closed forms for σσ and σ'σ'; GELU and erf bodies in σ, σ' (up to four σ factors) are exact orthant moments of an
/// augmented Gaussian (<see cref="OrthantMoments.EvaluateProbit"/>); all other bodies go to adaptive quadrature (<see cref="Route"/>: Gauss–Hermite for
/// polynomial bodies and kinks, the nested trapezoidal rule for smooth non-polynomial σ).
/// </summary>
public static class GaussianExpectations
{
    /// <summary>Default tolerance of the quadrature (absolute, or relative when |value| &gt; 1).</summary>
    public const double DefaultTolerance = 1e-10;

    public static GaussianValue Evaluate(GaussianBody body, Activation sigma, KernelMatrix k, double tolerance = DefaultTolerance, QuadratureRoute route = QuadratureRoute.Auto)
    {
        if (body.Inputs > k.Size)
            throw new ArgumentException($"the body uses {body.Inputs} inputs but the kernel is {k.Size}×{k.Size}");
        bool twoPoint = body.IsTwoPoint(out double c, out int a, out int b, out int order) && order <= 1;
        if (sigma.Slopes is { } slopes)
            return twoPoint
                ? new GaussianValue(c * KernelClosedForms.ScaleInvariant(slopes, k, a, b, order), 0, GaussianMethod.ClosedForm)
                : OrthantMoments.Evaluate(body, slopes, k);
        if (sigma.IsErf && twoPoint)
            return new GaussianValue(c * KernelClosedForms.Erf(k, a, b, order), 0, GaussianMethod.ClosedForm);
        if (sigma.Probit is { } probit && OrthantMoments.IsProbitBody(body))
            return OrthantMoments.EvaluateProbit(body, probit, k);
        if (k.Rank > KernelMatrix.MaxQuadratureRank)
            throw new GaussianEvaluationException(
                $"{body} needs quadrature in {k.Rank} dimensions (rank K); tensor rules are offered up to {KernelMatrix.MaxQuadratureRank}. Exact routes (relu, leaky_relu:A, abs, linear; GELU and erf in σ, σ') take more inputs.");
        try
        {
            return Route(body, sigma, route) == QuadratureRoute.Trapezoid
                ? TrapezoidQuadrature.Expect(body, sigma, k, tolerance)
                : GaussianQuadrature.Expect(body.Compile(sigma), k, tolerance);
        }
        catch (InvalidOperationException e) when (e is not GaussianEvaluationException) { throw new GaussianEvaluationException(e.Message); }
    }

    /// <summary>The quadrature <see cref="QuadratureRoute.Auto"/> picks: Gauss–Hermite when every factor is a polynomial in z
    /// (exact at degree ≥ (p+1)/2) or σ has kinks, the trapezoidal rule otherwise.</summary>
    public static QuadratureRoute Route(GaussianBody body, Activation sigma, QuadratureRoute route = QuadratureRoute.Auto)
    {
        if (route != QuadratureRoute.Auto) return route;
        if (sigma.Expression.HasKinks) return QuadratureRoute.GaussHermite;
        bool polynomial = body.Terms.SelectMany(t => t.Factors)
            .All(f => f.Kind == BodyFactorKind.Preactivation || sigma.Derivative(f.Order).IsPolynomial);
        return polynomial ? QuadratureRoute.GaussHermite : QuadratureRoute.Trapezoid;
    }
}
