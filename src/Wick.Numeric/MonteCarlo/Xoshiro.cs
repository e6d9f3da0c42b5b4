using System.Numerics;
using System.Runtime.CompilerServices;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// xoshiro256** (Blackman–Vigna) with a Marsaglia–Tsang ziggurat for normals and Marsaglia–Tsang for Gamma
/// variates. A mutable struct: one instance per sample block, seeded from (seed, stream) by SplitMix64, so every
/// block has its own reproducible stream whatever thread runs it.
/// </summary>
public struct Xoshiro
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The generator of stream <paramref name="stream"/> (e.g. a block index) under <paramref name="seed"/>.</summary>
    public static Xoshiro ForStream(ulong seed, ulong stream)
    {
        ulong sm = seed ^ (0xD1B54A32D192ED03UL * (stream + 1));
        sm = SplitMix(ref sm) ^ stream; // decorrelate nearby (seed, stream) pairs
        var x = new Xoshiro { _s0 = SplitMix(ref sm), _s1 = SplitMix(ref sm), _s2 = SplitMix(ref sm), _s3 = SplitMix(ref sm) };
        if ((x._s0 | x._s1 | x._s2 | x._s3) == 0) x._s0 = 1;
        return x;
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on (0, 1] (never 0, so its logarithm is finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUniform() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A standard normal variate (ziggurat, 128 layers; layer index and magnitude from disjoint bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextNormal()
    {
        ulong u = NextUInt64();
        int iz = (int)(u & 127);
        long hz = (int)(u >> 32);
        if ((ulong)Math.Abs(hz) < Ziggurat.K[iz]) return hz * Ziggurat.W[iz];
        return NormalTail(hz, iz);
    }

    private double NormalTail(long hz, int iz)
    {
        const double r = Ziggurat.R;
        while (true)
        {
            double x = hz * Ziggurat.W[iz];
            if (iz == 0)
            {
                double xx, y;
                do
                {
                    xx = -Math.Log(NextOpenUniform()) / r;
                    y = -Math.Log(NextOpenUniform());
                } while (y + y < xx * xx);
                return hz > 0 ? r + xx : -r - xx;
            }
            double uni = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
            if (Ziggurat.F[iz] + uni * (Ziggurat.F[iz - 1] - Ziggurat.F[iz]) < Math.Exp(-0.5 * x * x)) return x;
            ulong u = NextUInt64();
            iz = (int)(u & 127);
            hz = (int)(u >> 32);
            if ((ulong)Math.Abs(hz) < Ziggurat.K[iz]) return hz * Ziggurat.W[iz];
        }
    }

    /// <summary>A Gamma(shape, 1) variate for shape ≥ 1 given Marsaglia–Tsang's d = shape − 1/3 and c = 1/√(9d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextGamma(double d, double c)
    {
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = NextOpenUniform();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) return d * v;
            if (Math.Log(u) < 0.5 * x2 + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>A χ² variate with <paramref name="dof"/> degrees of freedom (2 × Gamma(dof/2); boosted for dof = 1).</summary>
    public double NextChiSquared(int dof)
    {
        var g = GammaConstants.For(dof);
        return g.Sample(ref this);
    }
}

/// <summary>Precomputed Marsaglia–Tsang constants for χ²_n = 2 Gamma(n/2) (n = 1 uses Gamma(3/2) U^{2}).</summary>
public readonly struct GammaConstants
{
    private readonly double _d, _c;
    private readonly bool _boost;

    private GammaConstants(double d, double c, bool boost) { _d = d; _c = c; _boost = boost; }

    /// <summary>Constants for χ² with <paramref name="dof"/> ≥ 1 degrees of freedom.</summary>
    public static GammaConstants For(int dof)
    {
        if (dof < 1) throw new ArgumentOutOfRangeException(nameof(dof), dof, "χ² needs at least one degree of freedom.");
        double a = dof / 2.0;
        bool boost = a < 1;
        if (boost) a += 1;
        double d = a - 1.0 / 3;
        return new GammaConstants(d, 1 / Math.Sqrt(9 * d), boost);
    }

    /// <summary>One χ² draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sample(ref Xoshiro rng)
    {
        double g = rng.NextGamma(_d, _c);
        if (_boost)
        {
            double u = rng.NextOpenUniform();
            g *= u * u; // Gamma(1/2) = Gamma(3/2) U^{1/(1/2)}
        }
        return 2 * g;
    }
}

/// <summary>Tables of the 128-layer ziggurat for the standard normal (Marsaglia &amp; Tsang 2000).</summary>
internal static class Ziggurat
{
    public const double R = 3.442619855899;
    public static readonly ulong[] K = new ulong[128];
    public static readonly double[] W = new double[128];
    public static readonly double[] F = new double[128];

    static Ziggurat()
    {
        const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
        double dn = R, tn = dn;
        double q = vn / Math.Exp(-0.5 * dn * dn);
        K[0] = (ulong)(dn / q * m1);
        K[1] = 0;
        W[0] = q / m1;
        W[127] = dn / m1;
        F[0] = 1;
        F[127] = Math.Exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; i--)
        {
            dn = Math.Sqrt(-2 * Math.Log(vn / dn + Math.Exp(-0.5 * dn * dn)));
            K[i + 1] = (ulong)(dn / tn * m1);
            tn = dn;
            F[i] = Math.Exp(-0.5 * dn * dn);
            W[i] = dn / m1;
        }
    }
}
