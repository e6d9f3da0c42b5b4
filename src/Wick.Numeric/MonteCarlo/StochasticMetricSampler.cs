using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly LayerActivation? _sigma;
    private readonly int _k;
    private readonly double[] _g0, _metric, _factor, _pairSums, _u, _z, _activated, _estimates;
    private readonly PreactivationEstimates _estimator;
    private readonly PairMoments _pairs;

    /// <summary>A sampler of <paramref name="net"/> on <paramref name="inputs"/> estimating <paramref name="obs"/>; σ = <paramref name="activation"/> (null: deep linear).</summary>
    public StochasticMetricSampler(DeepLinearNetwork net, NetworkInputs inputs, Observables obs, Activation? activation = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(obs);
        _net = net;
        _obs = obs;
        _sigma = activation is null ? null : new LayerActivation(activation);
        _k = inputs.Count;
        _g0 = new double[_k * _k];
        for (int a = 0; a < _k; a++)
            for (int b = 0; b < _k; b++) _g0[a * _k + b] = inputs.Gram(a, b);
        _metric = new double[_k * _k];
        _factor = new double[_k * _k];
        int maxWidth = net.Widths.MaxWidth;
        _u = new double[maxWidth * _k];
        _z = new double[maxWidth * _k];
        _activated = new double[maxWidth * _k];
        _estimates = new double[net.Depth * obs.PerLayer];
        _estimator = new PreactivationEstimates(obs, maxWidth);
        _pairs = new PairMoments(_k, maxWidth);
        _pairSums = new double[_pairs.Pairs];
    }

    public void Sample(ref Xoshiro rng, Span<double> estimates)
    {
        int k = _k, per = _obs.PerLayer;
        double cw = _net.CW, cb = _net.Cb;
        for (int q = 0; q < k * k; q++) _metric[q] = cb + cw * _g0[q];
        for (int l = 1; l <= _net.Depth; l++)
        {
            int n = _net.Widths[l];
            if (l > 1) NextMetric(_net.Widths[l - 1], cw, cb, l);
            Factor(_metric, _factor, k);
            // z_i = L u_i, u_i ~ N(0, I): the neurons of layer ℓ, independent given Ĝ^{(ℓ)}; the n·k normals are drawn
            // in one call, in the order of n calls of k.
            var u = _u.AsSpan(0, n * k);
            rng.FillNormals(u);
            var z = _z.AsSpan(0, n * k);
            if (k == 1)
            {
                double f = _factor[0];
                for (int i = 0; i < z.Length; i++) z[i] = 0 + f * u[i];
            }
            else
            {
                var lo = _factor.AsSpan(0, k * k);
                for (int i = 0; i < n; i++)
                {
                    var ui = u.Slice(i * k, k);
                    var zi = z.Slice(i * k, k);
                    for (int a = 0; a < k; a++)
                    {
                        var row = lo.Slice(a * k, a + 1);
                        double v = 0;
                        for (int b = 0; b < row.Length; b++) v += row[b] * ui[b];
                        zi[a] = v;
                    }
                }
            }
            _estimator.Estimate(z, n, estimates.Slice((l - 1) * per, per));
        }
    }

    /// <summary>Ĝ^{(ℓ)} = C_b + (C_W/n_{ℓ−1}) Σ_j σ_{j;α} σ_{j;β} from the layer below (4.69).</summary>
    private void NextMetric(int nPrev, double cw, double cb, int l)
    {
        int k = _k;
        var z = _z.AsSpan(0, nPrev * k);
        var s = _activated.AsSpan(0, nPrev * k);
        if (_sigma is { } sigma) sigma.Apply(z, s);
        else z.CopyTo(s);
        double scale = cw / nPrev;
        if (k == 1)
        {
            double acc = 0;
            for (int j = 0; j < s.Length; j++) acc += s[j] * s[j];
            _metric[0] = cb + scale * acc;
        }
        else
        {
            _pairs.Compute(s, nPrev, _pairSums, default);
            for (int a = 0, p = 0; a < k; a++)
                for (int b = a; b < k; b++, p++) _metric[a * k + b] = _metric[b * k + a] = cb + scale * _pairSums[p];
        }
        if (!double.IsFinite(_metric[0]))
            throw new OverflowException($"the activation overflowed: a non-finite stochastic metric at layer {l}; use smaller C_W, C_b or inputs.");
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
    private readonly double[] _invDoubleFactorial, _s, _diag;
    private readonly PairMoments? _moments;

    /// <summary>Estimates of <paramref name="obs"/> for layers of at most <paramref name="maxWidth"/> neurons.</summary>
    public PreactivationEstimates(Observables obs, int maxWidth)
    {
        _obs = obs;
        _s = new double[obs.Pairs.Count];
        _diag = new double[obs.Quads.Count];
        if (obs.Inputs > 1) _moments = new PairMoments(obs.Inputs, maxWidth);
        _invDoubleFactorial = new double[obs.Points / 2 + 1];
        double df = 1;
        for (int m = 1; m < _invDoubleFactorial.Length; m++) { df *= 2 * m - 1; _invDoubleFactorial[m] = 1 / df; }
    }

    public void Estimate(ReadOnlySpan<double> z, int n, Span<double> est)
    {
        if (_moments is null) EstimateSingle(z[..n], est);
        else EstimateMulti(_moments, z, n, est);
    }

    private void EstimateSingle(ReadOnlySpan<double> z, Span<double> est)
    {
        int mmax = est.Length, n = z.Length;
        est.Clear();
        ref double e = ref MemoryMarshal.GetReference(est);
        ref double rz = ref MemoryMarshal.GetReference(z);
        for (nint i = 0; i < n; i++)
        {
            double zi = Unsafe.Add(ref rz, i), z2 = zi * zi, p = 1;
            for (nint m = 0; m < mmax; m++) { p *= z2; Unsafe.Add(ref e, m) += p; }
        }
        var invDf = _invDoubleFactorial.AsSpan(1, mmax);
        for (int m = 0; m < mmax; m++) est[m] *= invDf[m] / n;
    }

    private void EstimateMulti(PairMoments moments, ReadOnlySpan<double> z, int n, Span<double> est)
    {
        int pairs = moments.Pairs;
        moments.Compute(z, n, _s, _diag);
        for (int p = 0; p < pairs; p++) est[p] = _s[p] / n;
        // F̂ = (S_{αβ} S_{γδ} − Σ_i z_α z_β z_γ z_δ) / (n(n−1)), quadruples (p ≤ q) in Observables.Quads order
        double norm = n > 1 ? 1.0 / (n * (n - 1.0)) : double.NaN;
        for (int p = 0, q0 = 0; p < pairs; p++)
            for (int q = p; q < pairs; q++, q0++) est[pairs + q0] = (_s[p] * _s[q] - _diag[q0]) * norm;
    }
}
