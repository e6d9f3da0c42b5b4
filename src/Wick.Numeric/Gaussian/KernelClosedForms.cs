using Wick.Numeric.Activations;

namespace Wick.Numeric.Gaussian;

/// <summary>
/// Two-point Gaussian expectations in closed form. Scale-invariant σ = α z + β|z| (arc-cosine kernels of degree 1
/// and 0: Y. Cho and L. K. Saul, "Kernel methods for deep learning", NIPS 2009; book §5.2):
/// ⟨σ_a σ_b⟩ = α² K_ab + β² (2√(K_aa K_bb)/π)(sin θ + (π/2 − θ) cos θ), ⟨σ'_a σ'_b⟩ = α² + β² (1 − 2θ/π),
/// cos θ = K_ab/√(K_aa K_bb). σ = erf (arcsine kernel: C. K. I. Williams, "Computing with infinite networks",
/// NIPS 1996): ⟨erf z_a erf z_b⟩ = (2/π) arcsin(2K_ab/√((1 + 2K_aa)(1 + 2K_bb))),
/// ⟨erf'_a erf'_b⟩ = (4/π) / √((1 + 2K_aa)(1 + 2K_bb) − 4K_ab²).
/// </summary>
public static class KernelClosedForms
{
    /// <summary>⟨σ^{(order)}_a σ^{(order)}_b⟩_K for a scale-invariant σ, order 0 or 1.</summary>
    public static double ScaleInvariant(ScaleInvariantSlopes s, KernelMatrix k, int a, int b, int order)
    {
        double kaa = k[a, a], kbb = k[b, b], kab = k[a, b];
        double alpha = s.Alpha, beta = s.Beta, norm = Math.Sqrt(kaa * kbb);
        double theta = norm > 0 ? Math.Acos(Math.Clamp(kab / norm, -1, 1)) : Math.PI / 2;
        return order switch
        {
            0 => alpha * alpha * kab + beta * beta * 2 * norm / Math.PI * (Math.Sin(theta) + (Math.PI / 2 - theta) * Math.Cos(theta)),
            // sgn 0 = 0: a zero-variance input contributes the mean slope α only.
            1 => alpha * alpha + (norm > 0 ? beta * beta * (1 - 2 * theta / Math.PI) : 0),
            _ => throw new ArgumentOutOfRangeException(nameof(order)),
        };
    }

    /// <summary>⟨erf^{(order)}(z_a) erf^{(order)}(z_b)⟩_K, order 0 or 1.</summary>
    public static double Erf(KernelMatrix k, int a, int b, int order)
    {
        double p = (1 + 2 * k[a, a]) * (1 + 2 * k[b, b]);
        return order switch
        {
            0 => 2 / Math.PI * Math.Asin(Math.Clamp(2 * k[a, b] / Math.Sqrt(p), -1, 1)),
            1 => 4 / Math.PI / Math.Sqrt(p - 4 * k[a, b] * k[a, b]),
            _ => throw new ArgumentOutOfRangeException(nameof(order)),
        };
    }
}
