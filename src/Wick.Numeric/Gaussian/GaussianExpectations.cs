using Wick.Numeric.Activations;

namespace Wick.Numeric.Gaussian;

/// <summary>
/// ⟨f(z_{α1}, …, z_{αk})⟩_K for k ≤ 4 (eq. 4.118): picks the route. Scale-invariant activations (linear, ReLU,
/// leaky ReLU, abs) are exact — arc-cosine kernels for σσ and σ'σ', orthant moments for everything else; erf has
/// arcsine closed forms for σσ and σ'σ'; all other bodies go to adaptive Gauss–Hermite quadrature.
/// </summary>
public static class GaussianExpectations
{
    /// <summary>Default tolerance of the quadrature (absolute, or relative when |value| &gt; 1).</summary>
    public const double DefaultTolerance = 1e-10;

    public static GaussianValue Evaluate(GaussianBody body, Activation sigma, KernelMatrix k, double tolerance = DefaultTolerance)
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
        Func<double[], double> f;
        try { f = body.Compile(sigma); }
        catch (InvalidOperationException e) when (e is not GaussianEvaluationException) { throw new GaussianEvaluationException(e.Message); }
        return GaussianQuadrature.Expect(f, k, tolerance);
    }
}
