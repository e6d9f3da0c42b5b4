using Wick.Numeric.Activations;
using Wick.Numeric.Networks;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// The exact stochastic-metric sampler (4.69): given layer ℓ, the preactivations z^{(ℓ+1)}_{i;α} of the neurons i are
/// independent Gaussians with covariance the stochastic metric Ĝ^{(ℓ+1)}_{αβ} = C_b + (C_W/n_ℓ) Σ_j σ(z^{(ℓ)}_{j;α}) σ(z^{(ℓ)}_{j;β})
/// — integrating out W^{(ℓ+1)} and b^{(ℓ+1)} exactly. So each layer costs one N_D × N_D metric, its (semi-definite) Cholesky
/// factor and n_{ℓ+1} N_D normals: O(n N_D²) instead of the full-matrix O(n² N_D), and no weight matrix. The first layer is
/// Ĝ^{(1)} = C_b + C_W G^{(0)} (deterministic). The networks it draws have the same law as <see cref="FullMatrixSampler"/>'s
/// (not the same numbers), and the estimates are the same (<see cref="PreactivationEstimates"/>). Not thread-safe.
/// </summary>
public sealed class StochasticMetricSampler : INetworkSampler
{
    private readonly DeepLinearNetwork _net;
    private readonly Observables _obs;
    private readonly Func<double, double>? _sigma;
    private readonly int _k;
    private readonly double[] _g0, _metric, _factor, _u, _z, _activated, _estimates;
    private readonly PreactivationEstimates _estimator;

    /// <summary>A sampler of <paramref name="net"/> on <paramref name="inputs"/> estimating <paramref name="obs"/>; σ = <paramref name="activation"/> (null: deep linear).</summary>
    public StochasticMetricSampler(DeepLinearNetwork net, NetworkInputs inputs, Observables obs, Activation? activation = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(obs);
        _net = net;
        _obs = obs;
        _sigma = activation?.Compiled(0);
        _k = inputs.Count;
        _g0 = new double[_k * _k];
        for (int a = 0; a < _k; a++)
            for (int b = 0; b < _k; b++) _g0[a * _k + b] = inputs.Gram(a, b);
        _metric = new double[_k * _k];
        _factor = new double[_k * _k];
        _u = new double[_k];
        _z = new double[net.Widths.MaxWidth * _k];
        _activated = new double[net.Widths.MaxWidth * _k];
        _estimates = new double[net.Depth * obs.PerLayer];
        _estimator = new PreactivationEstimates(obs);
    }

    public void Sample(ref Xoshiro rng, Span<double> estimates)
    {
        int k = _k, per = _obs.PerLayer;
        double cw = _net.CW, cb = _net.Cb;
        for (int q = 0; q < k * k; q++) _metric[q] = cb + cw * _g0[q];
        for (int l = 1; l <= _net.Depth; l++)
        {
            int n = _net.Widths[l];
            if (l > 1)
            {
                // Ĝ^{(ℓ)} = C_b + (C_W/n_{ℓ−1}) Σ_j σ_{j;α} σ_{j;β} from the layer below (4.69).
                int nPrev = _net.Widths[l - 1];
                var s = _activated;
                for (int q = 0; q < nPrev * k; q++) s[q] = _sigma is { } f ? f(_z[q]) : _z[q];
                double scale = cw / nPrev;
                for (int a = 0; a < k; a++)
                    for (int b = a; b < k; b++)
                    {
                        double acc = 0;
                        for (int j = 0; j < nPrev; j++) acc += s[j * k + a] * s[j * k + b];
                        _metric[a * k + b] = _metric[b * k + a] = cb + scale * acc;
                    }
                if (!double.IsFinite(_metric[0]))
                    throw new OverflowException($"the activation overflowed: a non-finite stochastic metric at layer {l}; use smaller C_W, C_b or inputs.");
            }
            Factor(_metric, _factor, k);
            // z_i = L u_i, u_i ~ N(0, I): the neurons of layer ℓ, independent given Ĝ^{(ℓ)}.
            for (int i = 0; i < n; i++)
            {
                rng.FillNormals(_u);
                for (int a = 0; a < k; a++)
                {
                    double v = 0;
                    for (int b = 0; b <= a; b++) v += _factor[a * k + b] * _u[b];
                    _z[i * k + a] = v;
                }
            }
            _estimator.Estimate(_z, n, estimates.Slice((l - 1) * per, per));
        }
    }

    public void SampleAndAdd(ref Xoshiro rng, Span<double> sums)
    {
        var est = _estimates.AsSpan(0, sums.Length);
        Sample(ref rng, est);
        for (int q = 0; q < sums.Length; q++) sums[q] += est[q];
    }

    /// <summary>Lower-triangular L with G = L Lᵀ for a positive semi-definite G: a pivot at rounding level gives a zero column.</summary>
    private static void Factor(double[] g, double[] l, int k)
    {
        Array.Clear(l);
        double scale = 0;
        for (int a = 0; a < k; a++) scale = Math.Max(scale, Math.Abs(g[a * k + a]));
        for (int j = 0; j < k; j++)
        {
            double d = g[j * k + j];
            for (int p = 0; p < j; p++) d -= l[j * k + p] * l[j * k + p];
            if (d <= 1e-14 * scale) continue;
            double root = Math.Sqrt(d);
            l[j * k + j] = root;
            for (int i = j + 1; i < k; i++)
            {
                double s = g[i * k + j];
                for (int p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
                l[i * k + j] = s / root;
            }
        }
    }
}

/// <summary>
/// The per-layer estimates of <see cref="Observables"/> from one network's preactivations z[i·k + α] (shared by the samplers):
/// one input ĝ_{2m} = (1/n) Σ_i z_i^{2m}/(2m−1)!!; several inputs K̂_{αβ} = S_{αβ}/n and the distinct-neuron F̂.
/// </summary>
internal sealed class PreactivationEstimates
{
    private readonly Observables _obs;
    private readonly double[] _invDoubleFactorial, _s;

    public PreactivationEstimates(Observables obs)
    {
        _obs = obs;
        _s = new double[obs.Pairs.Count];
        _invDoubleFactorial = new double[obs.Points / 2 + 1];
        double df = 1;
        for (int m = 1; m < _invDoubleFactorial.Length; m++) { df *= 2 * m - 1; _invDoubleFactorial[m] = 1 / df; }
    }

    public void Estimate(double[] z, int n, Span<double> est)
    {
        if (_obs.Inputs == 1) EstimateSingle(z, n, est);
        else EstimateMulti(z, n, _obs.Inputs, est);
    }

    private void EstimateSingle(double[] z, int n, Span<double> est)
    {
        int mmax = est.Length;
        est.Clear();
        for (int i = 0; i < n; i++)
        {
            double z2 = z[i] * z[i], p = 1;
            for (int m = 0; m < mmax; m++) { p *= z2; est[m] += p; }
        }
        for (int m = 0; m < mmax; m++) est[m] *= _invDoubleFactorial[m + 1] / n;
    }

    private void EstimateMulti(double[] z, int n, int k, Span<double> est)
    {
        var pairs = _obs.Pairs;
        var quads = _obs.Quads;
        for (int p = 0; p < pairs.Count; p++)
        {
            var (a, b) = pairs[p];
            double s = 0;
            for (int i = 0; i < n; i++) s += z[i * k + a] * z[i * k + b];
            _s[p] = s;
            est[p] = s / n;
        }
        double norm = n > 1 ? 1.0 / (n * (n - 1.0)) : double.NaN;
        for (int q = 0; q < quads.Count; q++)
        {
            var (a, b, c, d) = quads[q];
            double diag = 0;
            for (int i = 0; i < n; i++) diag += z[i * k + a] * z[i * k + b] * z[i * k + c] * z[i * k + d];
            est[pairs.Count + q] = (_s[_obs.PairIndex(a, b)] * _s[_obs.PairIndex(c, d)] - diag) * norm;
        }
    }
}
