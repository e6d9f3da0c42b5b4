using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// The samplers' inner loops: bounds-check-free, with <see cref="Vector256{T}"/> paths. Every vector path adds the same
/// products in the same order into each accumulator as its scalar twin (<c>…Scalar</c>, the reference the tests compare
/// with): lanes are independent sums, multiplications and additions are separate IEEE operations (.NET never fuses them),
/// so the result is bit-identical with or without SIMD hardware — and to the C reference benchmarks/peers/c/samplers.c.
/// </summary>
internal static class SamplerKernels
{
    /// <summary>True when the Vector256 paths run in hardware (otherwise the scalar twins run).</summary>
    public static bool Vectorised => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Σ_j a_j b_j with four accumulators s_r = Σ_{j ≡ r (mod 4)} a_j b_j (the tail into s_0), returned as (s_0 + s_1) + (s_2 + s_3).
    /// </summary>
    public static double Dot4(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Vectorised ? Dot4Vector(a, b) : Dot4Scalar(a, b);

    internal static double Dot4Scalar(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        b = b[..a.Length];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < a.Length; j += 4)
        {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < a.Length; j++) s0 += a[j] * b[j];
        return (s0 + s1) + (s2 + s3);
    }

    internal static double Dot4Vector(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        b = b[..n];
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        var acc = Vector256<double>.Zero;
        nuint j = 0;
        for (; (int)j + 3 < n; j += 4) acc += Vector256.LoadUnsafe(ref ra, j) * Vector256.LoadUnsafe(ref rb, j);
        double s0 = acc.GetElement(0);
        for (; (int)j < n; j++) s0 += Unsafe.Add(ref ra, j) * Unsafe.Add(ref rb, j);
        return (s0 + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
    }

    /// <summary>acc_α += w x_α for every α (one weight times the k inputs' activations).</summary>
    public static void AddScaled(Span<double> acc, double w, ReadOnlySpan<double> x)
    {
        if (Vectorised) AddScaledVector(acc, w, x);
        else AddScaledScalar(acc, w, x);
    }

    internal static void AddScaledScalar(Span<double> acc, double w, ReadOnlySpan<double> x)
    {
        x = x[..acc.Length];
        for (int i = 0; i < acc.Length; i++) acc[i] += w * x[i];
    }

    internal static void AddScaledVector(Span<double> acc, double w, ReadOnlySpan<double> x)
    {
        int n = acc.Length;
        x = x[..n];
        ref double ra = ref MemoryMarshal.GetReference(acc);
        ref double rx = ref MemoryMarshal.GetReference(x);
        var wv = Vector256.Create(w);
        nuint i = 0;
        for (; (int)i + 3 < n; i += 4) (Vector256.LoadUnsafe(ref ra, i) + wv * Vector256.LoadUnsafe(ref rx, i)).StoreUnsafe(ref ra, i);
        for (; (int)i < n; i++) Unsafe.Add(ref ra, i) += w * Unsafe.Add(ref rx, i);
    }
}

/// <summary>
/// Sums over neurons of products of k-input rows z[i·k + α] for the index pairs p = (a ≤ b) in the order of
/// <see cref="Observables.Pairs"/>: S_p = Σ_i z_{i;a} z_{i;b} (the metric (3.13), the stochastic metric (4.69)) and
/// D_{pq} = Σ_i ((z_{i;a} z_{i;b}) z_{i;c}) z_{i;d} for p ≤ q (the diagonal of the four-point estimate), each a sum in
/// neuron order. The vector path puts pairs in lanes (rows transposed to pair-major products, padded with zeros), so every
/// sum keeps its order and its bits. Not thread-safe (scratch buffers).
/// </summary>
internal sealed class PairMoments
{
    /// <summary>Lanes processed per chunk of the quadruple sums: four Vector256 accumulators.</summary>
    private const int Chunk = 16;

    private readonly int _k, _pairs, _padded;
    private readonly int[] _a, _b;
    private readonly double[] _za, _zb, _prod, _acc;

    /// <summary>Pairs of <paramref name="k"/> inputs, rows up to <paramref name="maxRows"/>.</summary>
    public PairMoments(int k, int maxRows)
    {
        _k = k;
        _pairs = k * (k + 1) / 2;
        _a = new int[_pairs];
        _b = new int[_pairs];
        for (int a = 0, p = 0; a < k; a++)
            for (int b = a; b < k; b++, p++) { _a[p] = a; _b[p] = b; }
        // lanes ≥ pairs stay zero; 12 more so that a 16-lane chunk starting at any vector below _pairs fits
        _padded = (_pairs + 3) / 4 * 4 + Chunk - 4;
        _za = new double[maxRows * _padded];
        _zb = new double[maxRows * _padded];
        _prod = new double[maxRows * _padded];
        _acc = new double[_padded];
    }

    /// <summary>Number of pairs k(k+1)/2.</summary>
    public int Pairs => _pairs;

    /// <summary>
    /// S_p for the first <paramref name="n"/> rows of <paramref name="z"/> into <paramref name="sums"/>; when
    /// <paramref name="diagonals"/> is not empty also D_{pq} (p ≤ q, row-major) into it.
    /// </summary>
    public void Compute(ReadOnlySpan<double> z, int n, Span<double> sums, Span<double> diagonals)
    {
        if (SamplerKernels.Vectorised) ComputeVector(z, n, sums, diagonals);
        else ComputeScalar(z, n, sums, diagonals);
    }

    internal void ComputeScalar(ReadOnlySpan<double> z, int n, Span<double> sums, Span<double> diagonals)
    {
        int k = _k;
        z = z[..(n * k)];
        for (int p = 0; p < _pairs; p++)
        {
            int a = _a[p], b = _b[p];
            double s = 0;
            for (int i = 0; i < n; i++) s += z[i * k + a] * z[i * k + b];
            sums[p] = s;
        }
        if (diagonals.IsEmpty) return;
        for (int p = 0, q0 = 0; p < _pairs; p++)
            for (int q = p; q < _pairs; q++, q0++)
            {
                int a = _a[p], b = _b[p], c = _a[q], d = _b[q];
                double diag = 0;
                for (int i = 0; i < n; i++) diag += z[i * k + a] * z[i * k + b] * z[i * k + c] * z[i * k + d];
                diagonals[q0] = diag;
            }
    }

    internal void ComputeVector(ReadOnlySpan<double> z, int n, Span<double> sums, Span<double> diagonals)
    {
        int k = _k, np = _pairs, w = _padded;
        z = z[..(n * k)];
        var za = _za.AsSpan(0, n * w);
        var zb = _zb.AsSpan(0, n * w);
        var prod = _prod.AsSpan(0, n * w);
        for (int i = 0; i < n; i++)
        {
            var row = z.Slice(i * k, k);
            var ra = za.Slice(i * w, np);
            var rb = zb.Slice(i * w, np);
            for (int p = 0; p < np; p++) { ra[p] = row[_a[p]]; rb[p] = row[_b[p]]; }
        }
        ref double rza = ref MemoryMarshal.GetReference(za);
        ref double rzb = ref MemoryMarshal.GetReference(zb);
        ref double rpr = ref MemoryMarshal.GetReference(prod);
        // products z_a z_b and their sums over neurons, four pairs per vector
        for (int v = 0; v < np; v += 4)
        {
            var s = Vector256<double>.Zero;
            for (int i = 0; i < n; i++)
            {
                nuint o = (nuint)(i * w + v);
                var pr = Vector256.LoadUnsafe(ref rza, o) * Vector256.LoadUnsafe(ref rzb, o);
                pr.StoreUnsafe(ref rpr, o);
                s += pr;
            }
            for (int l = 0; l < 4 && v + l < np; l++) sums[v + l] = s.GetElement(l);
        }
        if (diagonals.IsEmpty) return;
        // D_{pq} for a fixed p and the q ≥ p in lanes: Σ_i (prod_{i,p} z_{i;c(q)}) z_{i;d(q)}, 16 lanes at a time
        ref double acc = ref MemoryMarshal.GetArrayDataReference(_acc);
        for (int p = 0, q0 = 0; p < np; p++)
        {
            int v0 = p & ~3;
            for (int v = v0; v < np; v += Chunk)
            {
                Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int i = 0; i < n; i++)
                {
                    nuint o = (nuint)(i * w + v);
                    var bc = Vector256.Create(Unsafe.Add(ref rpr, i * w + p));
                    a0 += bc * Vector256.LoadUnsafe(ref rza, o) * Vector256.LoadUnsafe(ref rzb, o);
                    a1 += bc * Vector256.LoadUnsafe(ref rza, o + 4) * Vector256.LoadUnsafe(ref rzb, o + 4);
                    a2 += bc * Vector256.LoadUnsafe(ref rza, o + 8) * Vector256.LoadUnsafe(ref rzb, o + 8);
                    a3 += bc * Vector256.LoadUnsafe(ref rza, o + 12) * Vector256.LoadUnsafe(ref rzb, o + 12);
                }
                a0.StoreUnsafe(ref acc, (nuint)v);
                a1.StoreUnsafe(ref acc, (nuint)(v + 4));
                a2.StoreUnsafe(ref acc, (nuint)(v + 8));
                a3.StoreUnsafe(ref acc, (nuint)(v + 12));
            }
            for (int q = p; q < np; q++, q0++) diagonals[q0] = _acc[q];
        }
    }
}
