using Wick.Algebra.Training;

namespace Wick.Numeric.Dmft;

/// <summary>
/// Numbers for the derived O(γ0²) NTK correction (<see cref="DeepLinearKernelSeries"/>): the lazy error
/// Δ⁰(t) = e^{−(L+1)K_x t} y and the time functions v_α(t) = ∫_0^t Δ⁰_α, v_αβ(t) = ∫_0^t ds Δ⁰_α(s) v_β(s) of §5.2,
/// integrated together as one ODE (dΔ⁰/dt = −(L+1)K_xΔ⁰, dv_α/dt = Δ⁰_α, dv_αβ/dt = Δ⁰_α v_β) by
/// <see cref="DormandPrince"/>, then contracted with the four structures at t = s.
/// </summary>
public static class KernelSeriesEvaluator
{
    /// <summary>K_2(t, t), the γ0² coefficient of the NTK on the training set, at each of <paramref name="times"/>.</summary>
    public static IReadOnlyList<double[,]> NtkCorrection(LinearDmftProblem problem, StructureCombination coefficients, IReadOnlyList<double> times)
    {
        int p = problem.Count;
        var kx = problem.InputKernel;
        double lazyRate = problem.Depth + 1;
        var y0 = new double[p + p + p * p];
        Array.Copy(problem.Targets, y0, p);
        double[] Rhs(double t, double[] s)
        {
            var d = new double[s.Length];
            for (int a = 0; a < p; a++)
            {
                double r = 0;
                for (int b = 0; b < p; b++) r += kx[a, b] * s[b];
                d[a] = -lazyRate * r;
                d[p + a] = s[a];
                for (int b = 0; b < p; b++) d[2 * p + a * p + b] = s[a] * s[p + b];
            }
            return d;
        }
        var states = DormandPrince.Integrate(Rhs, 0, y0, times);
        var result = new List<double[,]>(times.Count);
        foreach (var s in states)
        {
            var v = s.AsSpan(p, p).ToArray();
            var k2 = new double[p, p];
            // Σ_αβ K_xαβ (v_αβ + v_βα) and Σ K_xαβ v_α v_β
            double gCross = 0, gProd = 0;
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                {
                    gCross += kx[a, b] * (s[2 * p + a * p + b] + s[2 * p + b * p + a]);
                    gProd += kx[a, b] * v[a] * v[b];
                }
            for (int mu = 0; mu < p; mu++)
                for (int nu = 0; nu < p; nu++)
                {
                    double hCross = 0, hProd = 0;
                    for (int a = 0; a < p; a++)
                        for (int b = 0; b < p; b++)
                        {
                            double kk = kx[mu, a] * kx[nu, b];
                            hCross += kk * (s[2 * p + a * p + b] + s[2 * p + b * p + a]);
                            hProd += kk * v[a] * v[b];
                        }
                    k2[mu, nu] = coefficients[KernelStructure.HiddenCross].ToDouble() * hCross
                                 + coefficients[KernelStructure.HiddenProduct].ToDouble() * hProd
                                 + kx[mu, nu] * (coefficients[KernelStructure.GradientCross].ToDouble() * gCross
                                                 + coefficients[KernelStructure.GradientProduct].ToDouble() * gProd);
                }
            result.Add(k2);
        }
        return result;
    }
}
