using Wick.Numeric.MonteCarlo;

namespace Wick.Numeric.Dmft;

/// <summary>
/// A real width-N deep linear network (1) trained by gradient flow dθ/dt = −γ²∇_θ ½|y − f|² with γ = γ0√N, integrated
/// by classical RK4 with a fixed step. Inputs x_µ ∈ R^P are built from K_x (x_µ = √P · row µ of V Λ^{1/2}, K_x = VΛVᵀ),
/// so x_µ·x_α/P = K_x. With g^L = w^L and g^ℓ = W^ℓᵀ g^{ℓ+1}/√N (sample-independent in a linear net), the flow is
///   dw^L/dt = γ0 Σ_µ Δ_µ h^L_µ,  dW^ℓ/dt = (γ0/√N) g^{ℓ+1} (Σ_µ Δ_µ h^ℓ_µ)ᵀ,  dW^0/dt = (γ0/√D) g^1 (Σ_µ Δ_µ x_µ)ᵀ,
/// and the measured kernels are H^ℓ = h^ℓ·h^ℓ/N, G^ℓ = g^ℓ·g^ℓ/N, K = Σ_{ℓ=0}^L G^{ℓ+1} H^ℓ (2)–(3).
/// Cost per RK4 step: O(L N² P).
/// </summary>
public sealed class FiniteWidthLinearNetwork
{
    private readonly LinearDmftProblem _problem;
    private readonly int _n, _d, _p, _depth;
    private readonly double[][] _x;     // P inputs of dimension D = P

    public FiniteWidthLinearNetwork(LinearDmftProblem problem, int width)
    {
        if (width < 2 || width > 5000) throw new ArgumentException($"the simulated width must be from 2 to 5000, got {width}.");
        _problem = problem;
        _n = width;
        _p = problem.Count;
        _d = problem.Count;
        _depth = problem.Depth;
        _x = InputsFromKernel(problem.InputKernel);
    }

    private static double[][] InputsFromKernel(double[,] kx)
    {
        int p = kx.GetLength(0);
        var evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(kx).Evd();
        if (evd.EigenValues.Any(e => e.Real < -1e-10)) throw new ArgumentException("the input kernel K_x is not positive semidefinite.");
        var x = new double[p][];
        for (int mu = 0; mu < p; mu++)
        {
            x[mu] = new double[p];
            for (int k = 0; k < p; k++)
                x[mu][k] = Math.Sqrt(p * Math.Max(0, evd.EigenValues[k].Real)) * evd.EigenVectors[mu, k];
        }
        return x;
    }

    /// <summary>Trains one network from a seeded Gaussian initialization and records the trajectory at <paramref name="times"/>.</summary>
    public DmftTrajectory Train(ulong seed, IReadOnlyList<double> times, double step = 0.02)
    {
        var rng = Xoshiro.ForStream(seed, 0xD3F7);
        // parameters: W^0 (N×D), W^1…W^{L−1} (N×N), w^L (N), flattened
        int size = _n * _d + (_depth - 1) * _n * _n + _n;
        var theta = new double[size];
        rng.FillNormals(theta);
        var points = new List<DmftPoint>(times.Count);
        double t = 0;
        foreach (double target in times)
        {
            while (t < target - 1e-12)
            {
                double hstep = Math.Min(step, target - t);
                Rk4(theta, hstep);
                t += hstep;
            }
            points.Add(Measure(theta, target));
        }
        return new DmftTrajectory(_problem, points);
    }

    private void Rk4(double[] theta, double h)
    {
        var k1 = Derivative(theta);
        var k2 = Derivative(Axpy(theta, k1, h / 2));
        var k3 = Derivative(Axpy(theta, k2, h / 2));
        var k4 = Derivative(Axpy(theta, k3, h));
        for (int i = 0; i < theta.Length; i++) theta[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }

    private static double[] Axpy(double[] x, double[] d, double a)
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = x[i] + a * d[i];
        return r;
    }

    private int WeightOffset(int layer) => layer == 0 ? 0 : _n * _d + (layer - 1) * _n * _n;

    /// <summary>Forward pass: h[ℓ][µ] for ℓ = 1…L.</summary>
    private double[][][] Forward(double[] theta)
    {
        var h = new double[_depth + 1][][];
        h[1] = new double[_p][];
        double sd = 1 / Math.Sqrt(_d), sn = 1 / Math.Sqrt(_n);
        for (int mu = 0; mu < _p; mu++)
        {
            var v = new double[_n];
            for (int i = 0; i < _n; i++)
            {
                double s = 0;
                for (int j = 0; j < _d; j++) s += theta[i * _d + j] * _x[mu][j];
                v[i] = s * sd;
            }
            h[1][mu] = v;
        }
        for (int l = 1; l < _depth; l++)
        {
            int off = WeightOffset(l);
            h[l + 1] = new double[_p][];
            for (int mu = 0; mu < _p; mu++)
            {
                var v = new double[_n];
                var src = h[l][mu];
                for (int i = 0; i < _n; i++)
                {
                    double s = 0;
                    int row = off + i * _n;
                    for (int j = 0; j < _n; j++) s += theta[row + j] * src[j];
                    v[i] = s * sn;
                }
                h[l + 1][mu] = v;
            }
        }
        return h;
    }

    /// <summary>Backward pass: g[ℓ] for ℓ = 1…L (g^L = w^L).</summary>
    private double[][] Backward(double[] theta)
    {
        var g = new double[_depth + 1][];
        g[_depth] = theta.AsSpan(WeightOffset(_depth), _n).ToArray();
        double sn = 1 / Math.Sqrt(_n);
        for (int l = _depth - 1; l >= 1; l--)
        {
            int off = WeightOffset(l);
            var v = new double[_n];
            var up = g[l + 1];
            for (int i = 0; i < _n; i++)
            {
                double gi = up[i] * sn;
                int row = off + i * _n;
                for (int j = 0; j < _n; j++) v[j] += theta[row + j] * gi;
            }
            g[l] = v;
        }
        return g;
    }

    private double[] Errors(double[][][] h, double[] theta)
    {
        var w = theta.AsSpan(WeightOffset(_depth), _n);
        var delta = new double[_p];
        for (int mu = 0; mu < _p; mu++)
        {
            double s = 0;
            for (int i = 0; i < _n; i++) s += w[i] * h[_depth][mu][i];
            delta[mu] = _problem.Targets[mu] - s / (_problem.Gamma0 * _n);
        }
        return delta;
    }

    private double[] Derivative(double[] theta)
    {
        double g0 = _problem.Gamma0, sn = 1 / Math.Sqrt(_n), sd = 1 / Math.Sqrt(_d);
        var h = Forward(theta);
        var g = Backward(theta);
        var delta = Errors(h, theta);
        var d = new double[theta.Length];
        // first layer: (γ0/√D) g^1 (Σ Δ_µ x_µ)ᵀ
        var xs = new double[_d];
        for (int mu = 0; mu < _p; mu++) for (int j = 0; j < _d; j++) xs[j] += delta[mu] * _x[mu][j];
        for (int i = 0; i < _n; i++) for (int j = 0; j < _d; j++) d[i * _d + j] = g0 * sd * g[1][i] * xs[j];
        for (int l = 1; l < _depth; l++)
        {
            var hs = new double[_n];
            for (int mu = 0; mu < _p; mu++) for (int j = 0; j < _n; j++) hs[j] += delta[mu] * h[l][mu][j];
            int off = WeightOffset(l);
            for (int i = 0; i < _n; i++)
            {
                double c = g0 * sn * g[l + 1][i];
                int row = off + i * _n;
                for (int j = 0; j < _n; j++) d[row + j] = c * hs[j];
            }
        }
        int wo = WeightOffset(_depth);
        for (int mu = 0; mu < _p; mu++) for (int i = 0; i < _n; i++) d[wo + i] += g0 * delta[mu] * h[_depth][mu][i];
        return d;
    }

    private DmftPoint Measure(double[] theta, double time)
    {
        var h = Forward(theta);
        var g = Backward(theta);
        var delta = Errors(h, theta);
        var hidden = new double[_depth][,];
        var grad = new double[_depth];
        var ntk = new double[_p, _p];
        for (int l = 1; l <= _depth; l++)
        {
            grad[l - 1] = g[l].Sum(v => v * v) / _n;
            hidden[l - 1] = new double[_p, _p];
            for (int mu = 0; mu < _p; mu++)
                for (int al = 0; al < _p; al++)
                {
                    double s = 0;
                    for (int i = 0; i < _n; i++) s += h[l][mu][i] * h[l][al][i];
                    hidden[l - 1][mu, al] = s / _n;
                }
        }
        for (int mu = 0; mu < _p; mu++)
            for (int al = 0; al < _p; al++)
            {
                double kx = 0;
                for (int j = 0; j < _d; j++) kx += _x[mu][j] * _x[al][j];
                double k = grad[0] * kx / _d;                          // ℓ = 0: G^1 K_x
                for (int l = 1; l < _depth; l++) k += grad[l] * hidden[l - 1][mu, al];
                k += hidden[_depth - 1][mu, al];                       // ℓ = L: G^{L+1} = 1
                ntk[mu, al] = k;
            }
        return new DmftPoint(time, delta, ntk) { HiddenKernels = hidden, GradientKernels = grad };
    }
}
