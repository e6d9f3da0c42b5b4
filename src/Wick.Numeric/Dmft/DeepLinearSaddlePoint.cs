using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace Wick.Numeric.Dmft;

/// <summary>
/// Which response terms the saddle-point equations carry. <see cref="Derived"/> is the derivation of
/// docs/ERRATA.md ("DMFT (68)/(69)"); the others reproduce printed variants so that a simulation can tell them apart.
/// </summary>
public enum ResponseVariant
{
    /// <summary>C^ℓ = A^{ℓ−1} + Θ H^{ℓ−1} Δ, D^ℓ = B^ℓ + Θ G^{ℓ+1} Δ, A^ℓ = (I − γ0²C^ℓD^ℓ)^{-1}C^ℓ, B^{ℓ−1} = (I − γ0²D^ℓC^ℓ)^{-1}D^ℓ.</summary>
    Derived,
    /// <summary>A^ℓ = B^ℓ = 0 (the gradient-independence ansatz of §5.1, App. O); its O(γ0²) term is the printed (146)/(12).</summary>
    GradientIndependence,
    /// <summary>The g-equation of (68) as printed, with an extra γ0 in front of Θ(t − s) G^{ℓ+1}(t, s).</summary>
    PrintedGammaIn68,
}

/// <summary>How to discretise and iterate the saddle-point equations.</summary>
public sealed record SaddlePointOptions
{
    /// <summary>Final training time T.</summary>
    public double FinalTime { get; init; } = 5;
    /// <summary>Number of time steps (the grid has Steps + 1 points t_i = i T/Steps).</summary>
    public int Steps { get; init; } = 100;
    /// <summary>Damping β ∈ (0, 1]: X ← X + β (F(X) − X).</summary>
    public double Damping { get; init; } = 1.0;
    /// <summary>Stop when the largest change of Δ, H and G in one sweep is below this.</summary>
    public double Tolerance { get; init; } = 1e-10;
    public int MaxIterations { get; init; } = 400;
    public ResponseVariant Variant { get; init; } = ResponseVariant.Derived;
    /// <summary>
    /// Grid grading q ≥ 1: t_i = T (i/Steps)^q. 1 is the uniform grid; at large γ0 the error falls on the time scale
    /// 1/(γ0|y|) (81), which a uniform grid does not resolve (the trapezoid step of dΔ/dt = −KΔ stops damping once K dt ≫ 1),
    /// so the steps are concentrated near t = 0.
    /// </summary>
    public double Grading { get; init; } = 1;

    public void Validate()
    {
        if (!(FinalTime > 0) || !double.IsFinite(FinalTime)) throw new ArgumentException($"the final time must be a finite positive number, got {FinalTime}.");
        if (Steps < 2 || Steps > 2000) throw new ArgumentException($"the number of time steps must be from 2 to 2000, got {Steps}.");
        if (!(Damping > 0 && Damping <= 1)) throw new ArgumentException($"the damping must lie in (0, 1], got {Damping}.");
        if (!(Tolerance > 0)) throw new ArgumentException($"the tolerance must be positive, got {Tolerance}.");
        if (MaxIterations < 1) throw new ArgumentException($"the iteration budget must be positive, got {MaxIterations}.");
        if (!(Grading >= 1 && Grading <= 8)) throw new ArgumentException($"the grid grading must lie in [1, 8], got {Grading}.");
    }

    /// <summary>The grid t_0 = 0 &lt; t_1 &lt; … &lt; t_Steps = T (graded by <see cref="Grading"/>).</summary>
    public double[] Times() =>
        [.. Enumerable.Range(0, Steps + 1).Select(i => i == Steps ? FinalTime : FinalTime * Math.Pow((double)i / Steps, Grading))];
}

/// <summary>A converged solution: the trajectory on the grid, and how it converged.</summary>
public sealed record SaddlePointSolution(DmftTrajectory Trajectory, int Iterations, double Residual, IReadOnlyList<double> ResidualHistory,
    TimeSpan Elapsed, long GridSize);

/// <summary>
/// The deep linear DMFT (App. F) on a time × sample grid, solved by damped fixed-point iteration. Per neuron of layer
/// ℓ the fields obey h^ℓ = u^ℓ + γ0 C^ℓ g^ℓ, g^ℓ = r^ℓ + γ0 D^ℓ h^ℓ (70) with u^ℓ ~ GP(0, H^{ℓ−1}), r^ℓ ~ GP(0, G^{ℓ+1})
/// (H^0 = K_x ⊗ 11ᵀ, G^{L+1} = 11ᵀ), where (derivation in docs/ERRATA.md)
/// <code>
///   (C^ℓ g)_µ(t) = ∫ ds A^{ℓ−1}_µ(t,s) g(s) + ∫_0^t ds Σ_α H^{ℓ−1}_µα(t,s) Δ_α(s) g(s)
///   (D^ℓ h)(t)   = ∫ ds Σ_α B^ℓ_α(t,s) h_α(s) + ∫_0^t ds Σ_α G^{ℓ+1}(t,s) Δ_α(s) h_α(s)
/// </code>
/// and the saddle point (71): H^ℓ = M (H^{ℓ−1} + γ0² C G^{ℓ+1} Cᵀ) Mᵀ with M = (I − γ0² C D)^{-1},
/// G^ℓ = R (G^{ℓ+1} + γ0² D H^{ℓ−1} Dᵀ) Rᵀ with R = (I − γ0² D C)^{-1}, A^ℓ = M C = C R, B^{ℓ−1} = R D.
/// The error obeys dΔ/dt = −K(t, t) Δ with K = Σ_{ℓ=0}^L G^{ℓ+1} H^ℓ (3).
/// <para>Discretisation: trapezoid weights for the causal integrals and for dΔ/dt (second order in the step).
/// Only R, an n×n matrix (n = Steps + 1), is inverted; M is applied through M = I + γ0² C R D. Cost per sweep and
/// layer: O(P² n³) flops; memory O(P² n²) per layer.</para>
/// </summary>
public static class DeepLinearSaddlePoint
{
    private static readonly MatrixBuilder<double> Mb = Matrix<double>.Build;

    public static SaddlePointSolution Solve(LinearDmftProblem problem, SaddlePointOptions options)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        int p = problem.Count, L = problem.Depth, n = options.Steps + 1;
        double g2 = problem.Gamma0 * problem.Gamma0;
        var times = options.Times();
        // Trapezoid weights of ∫_0^{t_i} f(s) ds on the (possibly graded) grid.
        var weights = Mb.Dense(n, n, (i, j) => i == 0 || j > i ? 0
            : j == 0 ? 0.5 * (times[1] - times[0])
            : j == i ? 0.5 * (times[i] - times[i - 1])
            : 0.5 * (times[j + 1] - times[j - 1]));
        var kx = Mb.DenseOfArray(problem.InputKernel);
        // H[ℓ] for ℓ = 0…L (H[0] = K_x ⊗ 11ᵀ fixed), G[ℓ] for ℓ = 1…L+1 (G[L+1] = 11ᵀ fixed); A[ℓ], B[ℓ] for ℓ = 1…L−1.
        var h = new Matrix<double>[L + 1];
        var g = new Matrix<double>[L + 2];
        var a = new Matrix<double>?[L + 1];
        var b = new Matrix<double>?[L + 1];
        var lazyH = Mb.Dense(p * n, p * n, (r, c) => kx[r / n, c / n]);
        for (int l = 0; l <= L; l++) h[l] = lazyH.Clone();
        for (int l = 1; l <= L + 1; l++) g[l] = Mb.Dense(n, n, 1.0);
        var delta = ErrorFromKernels(problem, h, g, n, times);
        var history = new List<double>();
        bool derivedResponses = options.Variant != ResponseVariant.GradientIndependence;
        double kernelFactor = options.Variant == ResponseVariant.PrintedGammaIn68 ? problem.Gamma0 : 1;
        for (int iter = 1; iter <= options.MaxIterations; iter++)
        {
            var newH = new Matrix<double>[L + 1];
            var newG = new Matrix<double>[L + 2];
            var newA = new Matrix<double>?[L + 1];
            var newB = new Matrix<double>?[L + 1];
            newH[0] = h[0];
            newG[L + 1] = g[L + 1];
            for (int l = 1; l <= L; l++)
            {
                var c = Causal(h[l - 1], delta, weights, p, n, transposeSides: false);   // Pn × n
                if (a[l - 1] is { } al) c += al;
                var d = Causal(g[l + 1], delta, weights, p, n, transposeSides: true) * kernelFactor; // n × Pn
                if (b[l] is { } bl) d += bl;
                var r = (Mb.DenseIdentity(n) - g2 * (d * c)).Inverse();
                var cr = c * r;
                // M X Mᵀ with M = I + γ0² C R D, X = H^{ℓ−1} + γ0² C G^{ℓ+1} Cᵀ
                var x = h[l - 1] + g2 * (c * g[l + 1] * c.Transpose());
                var mx = x + g2 * (cr * (d * x));
                newH[l] = mx + g2 * ((mx * d.Transpose()) * cr.Transpose());
                newG[l] = r * (g[l + 1] + g2 * (d * h[l - 1] * d.Transpose())) * r.Transpose();
                if (derivedResponses)
                {
                    if (l < L) newA[l] = cr;
                    if (l > 1) newB[l - 1] = r * d;
                }
            }
            var newDelta = ErrorFromKernels(problem, newH, newG, n, times);
            double residual = (newDelta - delta).Enumerate().Max(Math.Abs);
            for (int l = 1; l <= L; l++)
            {
                residual = Math.Max(residual, (newH[l] - h[l]).Enumerate().Max(Math.Abs));
                residual = Math.Max(residual, (newG[l] - g[l]).Enumerate().Max(Math.Abs));
            }
            history.Add(residual);
            if (!double.IsFinite(residual))
                throw new DmftConvergenceException($"the fixed-point iteration diverged at sweep {iter} (γ0 = {problem.Gamma0}); try --damping between 0.7 and 0.9, or a shorter --time.");
            double beta = options.Damping;
            delta = Mix(delta, newDelta, beta);
            for (int l = 1; l <= L; l++)
            {
                h[l] = Mix(h[l], newH[l], beta);
                g[l] = Mix(g[l], newG[l], beta);
                a[l] = newA[l] is null ? null : a[l] is null ? newA[l]!.Multiply(beta) : Mix(a[l]!, newA[l]!, beta);
                b[l] = newB[l] is null ? null : b[l] is null ? newB[l]!.Multiply(beta) : Mix(b[l]!, newB[l]!, beta);
            }
            if (residual < options.Tolerance)
                return new SaddlePointSolution(Trajectory(problem, h, g, delta, n, times), iter, residual, history, clock.Elapsed, (long)p * n);
        }
        throw new DmftConvergenceException(
            $"the saddle-point iteration did not converge in {options.MaxIterations} sweeps (last change {history[^1]:G3}, tolerance {options.Tolerance:G3}); " +
            "raise --max-iter, lower --damping, or shorten --time.");
    }

    private static Matrix<double> Mix(Matrix<double> old, Matrix<double> @new, double beta) => beta == 1 ? @new : old + beta * (@new - old);

    /// <summary>
    /// The kernel part of C^ℓ (Pn × n): w_ij Σ_α H_{(µ,i),(α,j)} Δ_α(t_j); or, with <paramref name="transposeSides"/>,
    /// of D^ℓ (n × Pn): w_ij G(t_i, t_j) Δ_α(t_j).
    /// </summary>
    private static Matrix<double> Causal(Matrix<double> kernel, Matrix<double> delta, Matrix<double> w, int p, int n, bool transposeSides)
    {
        if (!transposeSides)
            return Mb.Dense(p * n, n, (row, j) =>
            {
                int mu = row / n, i = row % n;
                if (w[i, j] == 0) return 0;
                double s = 0;
                for (int al = 0; al < p; al++) s += kernel[mu * n + i, al * n + j] * delta[al, j];
                return w[i, j] * s;
            });
        return Mb.Dense(n, p * n, (i, col) =>
        {
            int al = col / n, j = col % n;
            return w[i, j] == 0 ? 0 : w[i, j] * kernel[i, j] * delta[al, j];
        });
    }

    /// <summary>K(t_i, t_i) = Σ_{ℓ=0}^L G^{ℓ+1}(t_i, t_i) H^ℓ_µα(t_i, t_i) (3).</summary>
    private static double[,] Ntk(Matrix<double>[] h, Matrix<double>[] g, int p, int n, int i)
    {
        var k = new double[p, p];
        for (int l = 0; l < h.Length; l++)
            for (int mu = 0; mu < p; mu++)
                for (int al = 0; al < p; al++)
                    k[mu, al] += g[l + 1][i, i] * h[l][mu * n + i, al * n + i];
        return k;
    }

    /// <summary>Δ on the grid (P × n) from dΔ/dt = −K Δ by the trapezoid rule, Δ(0) = y.</summary>
    private static Matrix<double> ErrorFromKernels(LinearDmftProblem problem, Matrix<double>[] h, Matrix<double>[] g, int n, double[] times)
    {
        int p = problem.Count;
        var delta = Mb.Dense(p, n);
        var current = Vector<double>.Build.DenseOfArray(problem.Targets);
        delta.SetColumn(0, current);
        var kPrev = Mb.DenseOfArray(Ntk(h, g, p, n, 0));
        var id = Mb.DenseIdentity(p);
        for (int i = 1; i < n; i++)
        {
            var kNext = Mb.DenseOfArray(Ntk(h, g, p, n, i));
            double dt = times[i] - times[i - 1];
            current = (id + 0.5 * dt * kNext).Solve((id - 0.5 * dt * kPrev) * current);
            delta.SetColumn(i, current);
            kPrev = kNext;
        }
        return delta;
    }

    private static DmftTrajectory Trajectory(LinearDmftProblem problem, Matrix<double>[] h, Matrix<double>[] g, Matrix<double> delta, int n, double[] times)
    {
        int p = problem.Count, L = problem.Depth;
        var points = new List<DmftPoint>(n);
        for (int i = 0; i < n; i++)
        {
            var hidden = new double[L][,];
            var grad = new double[L];
            for (int l = 1; l <= L; l++)
            {
                hidden[l - 1] = new double[p, p];
                for (int mu = 0; mu < p; mu++) for (int al = 0; al < p; al++) hidden[l - 1][mu, al] = h[l][mu * n + i, al * n + i];
                grad[l - 1] = g[l][i, i];
            }
            points.Add(new DmftPoint(times[i], [.. delta.Column(i)], Ntk(h, g, p, n, i)) { HiddenKernels = hidden, GradientKernels = grad });
        }
        return new DmftTrajectory(problem, points);
    }
}
