using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Wick.Numeric.Activations;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.Networks;

namespace Wick.Numeric.MonteCarlo;

/// <summary>Which sampler draws the networks.</summary>
public enum SamplerKind
{
    /// <summary>Real networks: every weight and bias drawn, z propagated by matrix–vector products.</summary>
    FullMatrix,
    /// <summary>One input only: the exact law of the squared norm, |z^{(ℓ+1)}|²/n_{ℓ+1} = (C_b + C_W |z^{(ℓ)}|²/n_ℓ) χ²_{n_{ℓ+1}}/n_{ℓ+1}.</summary>
    ChiSquaredChain,
    /// <summary>Any σ, any inputs: given layer ℓ, z^{(ℓ+1)} is exactly Gaussian with covariance Ĝ^{(ℓ+1)} ⊗ I (4.69).</summary>
    StochasticMetric,
}

/// <summary>Draws one network and writes its per-layer estimates (layer-major, <see cref="Observables.PerLayer"/> each).</summary>
public interface INetworkSampler
{
    /// <summary>Samples one network with <paramref name="rng"/>; estimates.Length = L × PerLayer.</summary>
    void Sample(ref Xoshiro rng, Span<double> estimates);

    /// <summary>Samples one network and adds its estimates to <paramref name="sums"/> (same values and order as Sample + add).</summary>
    void SampleAndAdd(ref Xoshiro rng, Span<double> sums);

    /// <summary>
    /// Samples <paramref name="count"/> networks in order and adds their estimates to <paramref name="sums"/>: the
    /// same values, added in the same order, as <paramref name="count"/> calls of <see cref="SampleAndAdd"/>.
    /// Samplers may override it to draw many networks per call.
    /// </summary>
    void SampleAndAddMany(ref Xoshiro rng, long count, Span<double> sums)
    {
        for (long s = 0; s < count; s++) SampleAndAdd(ref rng, sums);
    }
}

/// <summary>
/// The full-matrix sampler: draws W^{(ℓ)}_{ij} ~ N(0, C_W/n_{ℓ−1}) and b^{(ℓ)}_i ~ N(0, C_b) for every layer and
/// propagates all inputs at once: z^{(1)} = b^{(1)} + W^{(1)} x and z^{(ℓ+1)} = b^{(ℓ+1)} + W^{(ℓ+1)} σ(z^{(ℓ)})
/// (2.5), with σ(z) = z for deep linear networks. Weights are generated row by row and used immediately (never
/// stored). Not thread-safe: one instance per worker.
/// </summary>
public sealed class FullMatrixSampler : INetworkSampler
{
    private readonly DeepLinearNetwork _net;
    private readonly NetworkInputs _inputs;
    private readonly Observables _obs;
    private readonly double[] _a, _b, _x0, _acc, _row, _estimates;
    private readonly PreactivationEstimates _estimator;
    private readonly LayerActivation? _sigma;
    private readonly double[] _activated;

    /// <param name="net">Widths and hyperparameters.</param>
    /// <param name="inputs">The inputs x_α.</param>
    /// <param name="obs">What to estimate per layer.</param>
    /// <param name="activation">σ between layers (null: deep linear, σ(z) = z).</param>
    public FullMatrixSampler(DeepLinearNetwork net, NetworkInputs inputs, Observables obs, Activation? activation = null)
    {
        _net = net;
        _inputs = inputs;
        _obs = obs;
        _sigma = activation is null ? null : new LayerActivation(activation);
        int k = inputs.Count, nmax = Math.Max(net.Widths.MaxWidth, inputs.Dimension);
        _a = new double[nmax * k];
        _b = new double[nmax * k];
        _activated = new double[_sigma is null ? 0 : nmax * k];
        _x0 = new double[inputs.Dimension * k];
        for (int j = 0; j < inputs.Dimension; j++)
            for (int al = 0; al < k; al++) _x0[j * k + al] = inputs.Vector(al)[j];
        _acc = new double[k];
        _row = new double[nmax];
        _estimates = new double[net.Depth * obs.PerLayer];
        _estimator = new PreactivationEstimates(obs, nmax);
    }

    public void Sample(ref Xoshiro rng, Span<double> estimates)
    {
        int k = _inputs.Count, per = _obs.PerLayer;
        double sb = Math.Sqrt(_net.Cb);
        double[] prev = _x0, next = _a;
        int nPrev = _inputs.Dimension;
        for (int l = 1; l <= _net.Depth; l++)
        {
            int n = _net.Widths[l];
            double sw = Math.Sqrt(_net.CW / nPrev);
            if (l > 1 && _sigma is { } sigma)
            {
                // σ(z^{(ℓ−1)}) feeds layer ℓ; the estimates stay those of the preactivations z^{(ℓ)}.
                sigma.Apply(prev.AsSpan(0, nPrev * k), _activated);
                prev = _activated;
            }
            if (k == 1) PropagateSingle(ref rng, prev, next, nPrev, n, sw, sb);
            else PropagateMulti(ref rng, prev, next, nPrev, n, k, sw, sb);
            var est = estimates.Slice((l - 1) * per, per);
            _estimator.Estimate(next, n, est);
            prev = next;
            next = ReferenceEquals(next, _a) ? _b : _a;
            if (_sigma is not null && !double.IsFinite(est[0]))
                throw new OverflowException($"the activation overflowed: a non-finite preactivation in layer {l}; use smaller C_W, C_b or inputs.");
            nPrev = n;
        }
    }

    public void SampleAndAdd(ref Xoshiro rng, Span<double> sums)
    {
        var est = _estimates.AsSpan(0, sums.Length);
        Sample(ref rng, est);
        for (int q = 0; q < sums.Length; q++) sums[q] += est[q];
    }

    private void PropagateSingle(ref Xoshiro rng, double[] z, double[] znew, int nPrev, int n, double sw, double sb)
    {
        // One row of W at a time: drawn into a buffer (generator state in registers), then a 4-lane dot product.
        var row = _row.AsSpan(0, nPrev);
        var x = z.AsSpan(0, nPrev);
        var next = znew.AsSpan(0, n);
        for (int i = 0; i < next.Length; i++)
        {
            rng.FillNormals(row);
            double v = sw * SamplerKernels.Dot4(row, x);
            if (sb != 0) v += sb * rng.NextNormal();
            next[i] = v;
        }
    }

    private void PropagateMulti(ref Xoshiro rng, double[] z, double[] znew, int nPrev, int n, int k, double sw, double sb)
    {
        var acc = _acc.AsSpan(0, k);
        var row = _row.AsSpan(0, nPrev);
        var x = z.AsSpan(0, nPrev * k);
        for (int i = 0; i < n; i++)
        {
            acc.Clear();
            rng.FillNormals(row);   // the weights W_{ij}, j = 1…n_{ℓ−1}, in the order of one draw each
            for (int j = 0; j < row.Length; j++) SamplerKernels.AddScaled(acc, row[j], x.Slice(j * k, k));
            double bias = sb != 0 ? sb * rng.NextNormal() : 0;
            var out_ = znew.AsSpan(i * k, k);
            for (int al = 0; al < k; al++) out_[al] = sw * acc[al] + bias;
        }
    }
}

/// <summary>
/// The fast one-input sampler: given z^{(ℓ)}, the next layer's components are i.i.d. N(0, C_b + C_W Q_ℓ) with
/// Q_ℓ = |z^{(ℓ)}|²/n_ℓ, so Q_{ℓ+1} = (C_b + C_W Q_ℓ) χ²_{n_{ℓ+1}}/n_{ℓ+1}, and z^{(ℓ)} is isotropic. The
/// estimate of G_{2m}^{(ℓ)} is the conditional expectation of the neural-averaged one given Q (Rao–Blackwell):
/// E[z_i^{2m} | Q]/(2m−1)!! = Q^m n^m / (n(n+2)…(n+2m−2)) = Q^m / c_{2m}(n), the moments of the uniform law on
/// the sphere. One χ² draw per layer instead of n_ℓ n_{ℓ−1} normals.
/// </summary>
public sealed class ChiSquaredChainSampler : INetworkSampler
{
    /// <summary>Networks drawn per generator call in <see cref="SampleAndAddMany"/>.</summary>
    private const int Batch = 64;

    private readonly DeepLinearNetwork _net;
    private readonly double _g0;
    private readonly int _mmax;
    private readonly GammaConstants[] _chi, _batchChi;
    private readonly double[] _invN, _invC, _draws;
    // SampleAndAddMany's buffers: depth padded to whole vectors; 1/c_{2m}(n_ℓ) and the sums m-major (zero padding).
    private readonly int _paddedDepth;
    private readonly double[] _invCT, _acc, _q;

    public ChiSquaredChainSampler(DeepLinearNetwork net, NetworkInputs inputs, Observables obs)
    {
        if (inputs.Count != 1) throw new ArgumentException("The χ² chain sampler handles one input; use the full-matrix sampler for several.");
        _net = net;
        _g0 = inputs.Gram(0, 0);
        _mmax = obs.Points / 2;
        int L = net.Depth;
        _chi = new GammaConstants[L];
        _invN = new double[L];
        _invC = new double[L * _mmax];
        for (int l = 1; l <= L; l++)
        {
            int n = net.Widths[l];
            _chi[l - 1] = GammaConstants.For(n);
            _invN[l - 1] = 1.0 / n;
            for (int m = 1; m <= _mmax; m++) _invC[(l - 1) * _mmax + m - 1] = 1 / CombinatorialFactor.Value(m, n);
        }
        // The laws of Batch networks back to back (network-major), so one FillChiSquared call draws them all in
        // exactly the order of Batch single-network calls.
        _batchChi = new GammaConstants[Batch * L];
        for (int b = 0; b < Batch; b++) _chi.CopyTo(_batchChi, b * L);
        _draws = new double[Batch * L];
        _paddedDepth = (L + 3) / 4 * 4;   // whole Vector256s of layers
        _invCT = new double[_mmax * _paddedDepth];
        for (int l = 0; l < L; l++)
            for (int m = 0; m < _mmax; m++) _invCT[m * _paddedDepth + l] = _invC[l * _mmax + m];
        _acc = new double[_mmax * _paddedDepth];
        _q = new double[Batch * _paddedDepth];
    }

    public void Sample(ref Xoshiro rng, Span<double> estimates)
    {
        var draws = _draws.AsSpan(0, _chi.Length);
        rng.FillChiSquared(_chi, draws);
        Estimate(draws, estimates, add: false);
    }

    public void SampleAndAdd(ref Xoshiro rng, Span<double> sums)
    {
        var draws = _draws.AsSpan(0, _chi.Length);
        rng.FillChiSquared(_chi, draws);
        Estimate(draws, sums, add: true);
    }

    /// <summary>
    /// Draws 64 networks' χ² variates per generator call, turns them into Q_ℓ layer by layer across the networks
    /// (64 independent recursions that overlap instead of one serial chain per network), then adds the estimates
    /// network by network into accumulators laid out m-major and padded to whole Vector256s of layers, held in
    /// registers across the 64 networks, so the powers Q_ℓ^m and the sums run four layers at a time. Every sum
    /// receives the same values in the same order as with SampleAndAdd (lane-wise IEEE arithmetic; the powers by the
    /// same repeated products), so the result is bit-identical.
    /// </summary>
    public void SampleAndAddMany(ref Xoshiro rng, long count, Span<double> sums)
    {
        int L = _chi.Length, mmax = _mmax, lp = _paddedDepth;
        double cw = _net.CW, cb = _net.Cb, g0 = _g0;
        var invN = _invN.AsSpan(0, L);
        var acc = _acc.AsSpan(0, mmax * lp);
        sums = sums[..(L * mmax)];
        for (int l = 0; l < L; l++)
            for (int m = 0; m < mmax; m++) acc[m * lp + l] = sums[l * mmax + m];
        ref double q = ref MemoryMarshal.GetArrayDataReference(_q);
        ref double d = ref MemoryMarshal.GetArrayDataReference(_draws);
        while (count > 0)
        {
            int b = (int)Math.Min(count, Batch);
            rng.FillChiSquared(_batchChi.AsSpan(0, b * L), _draws.AsSpan(0, b * L));
            // Q_1..Q_L of every network: Q_{ℓ+1} = (C_b + C_W Q_ℓ) χ²/n_{ℓ+1}; padding layers stay 0.
            double first = (cb + cw * g0), inv0 = invN[0];
            for (int k = 0; k < b; k++) Unsafe.Add(ref q, k * lp) = first * Unsafe.Add(ref d, k * L) * inv0;
            for (int l = 1; l < L; l++)
            {
                double inv = invN[l];
                for (int k = 0; k < b; k++)
                    Unsafe.Add(ref q, k * lp + l) = (cb + cw * Unsafe.Add(ref q, k * lp + l - 1)) * Unsafe.Add(ref d, k * L + l) * inv;
            }
            for (int j = 0; j < lp; j += 4)
                for (int m0 = 0; m0 < mmax; m0 += 4) AddPowers(ref q, b, lp, j, m0, Math.Min(4, mmax - m0));
            count -= b;
        }
        for (int l = 0; l < L; l++)
            for (int m = 0; m < mmax; m++) sums[l * mmax + m] = acc[m * lp + l];
    }

    /// <summary>
    /// acc[m, j..j+4] += Q^{m+1} / c_{2(m+1)} for m = m0 … m0 + ms − 1 (ms ≤ 4) and the b networks in order, the four
    /// accumulators in registers; Q^{m+1} by the same repeated products from 1 as the one-network path.
    /// </summary>
    private void AddPowers(ref double q, int b, int lp, int j, int m0, int ms)
    {
        ref double acc = ref MemoryMarshal.GetArrayDataReference(_acc);
        ref double invC = ref MemoryMarshal.GetArrayDataReference(_invCT);
        nuint o0 = (nuint)(m0 * lp + j), o1 = o0 + (nuint)lp, o2 = o1 + (nuint)lp, o3 = o2 + (nuint)lp;
        var c0 = Vector256.LoadUnsafe(ref invC, o0);
        var a0 = Vector256.LoadUnsafe(ref acc, o0);
        Vector256<double> c1 = default, c2 = default, c3 = default, a1 = default, a2 = default, a3 = default;
        if (ms > 1) { c1 = Vector256.LoadUnsafe(ref invC, o1); a1 = Vector256.LoadUnsafe(ref acc, o1); }
        if (ms > 2) { c2 = Vector256.LoadUnsafe(ref invC, o2); a2 = Vector256.LoadUnsafe(ref acc, o2); }
        if (ms > 3) { c3 = Vector256.LoadUnsafe(ref invC, o3); a3 = Vector256.LoadUnsafe(ref acc, o3); }
        for (int k = 0; k < b; k++)
        {
            var ql = Vector256.LoadUnsafe(ref q, (nuint)(k * lp + j));
            var p = ql;
            for (int m = 1; m <= m0; m++) p *= ql;   // Q^{m0+1}
            a0 += p * c0;
            if (ms > 1) { p *= ql; a1 += p * c1; }
            if (ms > 2) { p *= ql; a2 += p * c2; }
            if (ms > 3) { p *= ql; a3 += p * c3; }
        }
        a0.StoreUnsafe(ref acc, o0);
        if (ms > 1) a1.StoreUnsafe(ref acc, o1);
        if (ms > 2) a2.StoreUnsafe(ref acc, o2);
        if (ms > 3) a3.StoreUnsafe(ref acc, o3);
    }

    /// <summary>Q_ℓ from the layer draws, then Q_ℓ^m / c_{2m}(n_ℓ) written to (or added into) <paramref name="target"/>.</summary>
    private void Estimate(ReadOnlySpan<double> draws, Span<double> target, bool add)
    {
        double q = _g0, cw = _net.CW, cb = _net.Cb;
        int L = _chi.Length, mmax = _mmax;
        var invC = _invC.AsSpan(0, L * mmax);
        var invN = _invN.AsSpan(0, L);
        draws = draws[..L];
        target = target[..(L * mmax)];
        for (int l = 0; l < L; l++)
        {
            q = (cb + cw * q) * draws[l] * invN[l];
            double p = 1;
            int o = l * mmax;
            for (int m = 0; m < mmax; m++)
            {
                p *= q;
                if (add) target[o + m] += p * invC[o + m];
                else target[o + m] = p * invC[o + m];
            }
        }
    }
}
