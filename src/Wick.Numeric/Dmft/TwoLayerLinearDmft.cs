namespace Wick.Numeric.Dmft;

/// <summary>
/// The two-layer (L = 1) linear DMFT for any input kernel K_x, App. F.1 (72)–(74). Per neuron h(t) ∈ R^P and
/// g(t) ∈ R evolve by (72) ∂h/∂t = γ0 g K_x Δ, ∂g/∂t = γ0 Δ·h, and the prediction is f = ⟨g h⟩/γ0, so the kernels
/// H = ⟨hhᵀ⟩, G = ⟨g²⟩ and the error Δ = y − f close (74):
/// dH/dt = γ0² (K_x Δ fᵀ + f Δᵀ K_x),  dG/dt = 2γ0² f·Δ,  dΔ/dt = −(H + G K_x) Δ,
/// with H(0) = K_x (the paper prints I, its whitened case), G(0) = 1, Δ(0) = y. The NTK is K = H + G K_x (3).
/// Integrated with the adaptive <see cref="DormandPrince"/> pair.
/// </summary>
public static class TwoLayerLinearDmft
{
    public static DmftTrajectory Solve(LinearDmftProblem problem, IReadOnlyList<double> times, double rtol = 1e-10)
    {
        if (problem.Depth != 1) throw new ArgumentException($"the two-layer ODE needs depth 1, got {problem.Depth}.");
        int p = problem.Count;
        var kx = problem.InputKernel;
        double g2 = problem.Gamma0 * problem.Gamma0;
        var y = problem.Targets;
        // state: H (p·p, row-major), G, Δ (p)
        var y0 = new double[p * p + 1 + p];
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) y0[a * p + b] = kx[a, b];
        y0[p * p] = 1;
        for (int a = 0; a < p; a++) y0[p * p + 1 + a] = y[a];
        double[] Rhs(double t, double[] s)
        {
            var d = new double[s.Length];
            double gk = s[p * p];
            var delta = s.AsSpan(p * p + 1, p);
            var f = new double[p];
            var kd = new double[p];
            for (int a = 0; a < p; a++)
            {
                f[a] = y[a] - delta[a];
                for (int b = 0; b < p; b++) kd[a] += kx[a, b] * delta[b];
            }
            double fd = 0;
            for (int a = 0; a < p; a++)
            {
                fd += f[a] * delta[a];
                double rate = 0;
                for (int b = 0; b < p; b++)
                {
                    d[a * p + b] = g2 * (kd[a] * f[b] + f[a] * kd[b]);
                    rate += (s[a * p + b] + gk * kx[a, b]) * delta[b];
                }
                d[p * p + 1 + a] = -rate;
            }
            d[p * p] = 2 * g2 * fd;
            return d;
        }
        var states = DormandPrince.Integrate(Rhs, 0, y0, times, rtol, rtol * 1e-2);
        var points = new List<DmftPoint>(times.Count);
        for (int i = 0; i < times.Count; i++)
        {
            var s = states[i];
            var ntk = new double[p, p];
            var h = new double[p, p];
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) { h[a, b] = s[a * p + b]; ntk[a, b] = h[a, b] + s[p * p] * kx[a, b]; }
            points.Add(new DmftPoint(times[i], s[(p * p + 1)..], ntk) { HiddenKernels = [h], GradientKernels = [s[p * p]] });
        }
        return new DmftTrajectory(problem, points);
    }
}
