using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// tanh for the Monte Carlo samplers only (σ = tanh between layers), four lanes at a time with <see cref="Vector256{T}"/>
/// and a scalar twin that performs exactly the same IEEE operations in the same order (no FMA: .NET never fuses a·b + c),
/// so an element gets the same bits whether it went through a lane or the tail — and the C reference
/// benchmarks/peers/c/samplers.c, which performs them too, prints the same sums. Exact and closed-form paths (quadrature,
/// symbolic evaluation, the compiled σ) keep <see cref="Math.Tanh"/>.
/// <para>
/// Algorithm (Cephes' tanh, made branch-free; no table, one division): a = min(|x|, 20) (tanh rounds to 1 for |x| ≥ 19.07).
/// For a &lt; 0.625, Cephes' minimax rational tanh a = a + (a s) P(s)/Q(s), s = a², so nothing cancels near 0. Otherwise
/// tanh a = 1 − 2/(E + 2) with E = e^{2a} − 1 from 2a = k ln 2 + r (k = round(2a log₂e) by the 1.5·2^52 shifter, ln 2 split
/// in two constants, Cody–Waite: k ln2_hi is exact, |r| ≤ ln2/2), e^r − 1 = r + r² q(r) with q the Taylor series
/// Σ_{n=2}^{13} r^{n−2}/n! (truncation ≤ 0.04 ulp), and E = (((1 − 2^{−k}) + r) + r² q(r)) 2^k (1 − 2^{−k} and the scaling
/// are exact); 1 − 2/(E + 2) is exactly 1 once E + 2 rounds to E. Both halves are the form A + N/D, selected per lane
/// before the one division. x's sign bit is copied (tanh(−0) = −0) and NaN passes through. Error: see
/// <see cref="MaxUlpError"/>.
/// </para>
/// </summary>
internal static class SamplerTanh
{
    /// <summary>
    /// The largest difference from <see cref="Math.Tanh"/> in units in the last place that the tests accept: measured 2 ulp
    /// against glibc 2.36's tanh (itself up to 2 ulp from the true value) over 1.5·10⁶ arguments (normal, subnormal, ±0,
    /// large, both regime switches, the saturation edge), plus 1 ulp of margin for other C runtimes. Against the correctly
    /// rounded tanh (benchmarks/peers/c/tanh_ulps.py: mpmath, 450,000 arguments) the largest error was 1.47 ulp.
    /// </summary>
    public const int MaxUlpError = 3;

    /// <summary>|x| is clamped here: tanh(x) rounds to ±1 for |x| ≥ 19.07, and E = e^{40} − 1 stays far from overflow.</summary>
    internal const double Clamp = 20;

    // ln 2 = Ln2Hi + Ln2Lo (fdlibm's split: Ln2Hi has 21 trailing zero bits, so k·Ln2Hi is exact for |k| < 2^21).
    internal const double Ln2Hi = 6.93147180369123816490e-01;
    internal const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Log2E = 1.44269504088896338700e+00;
    // 1.5·2^52: t + Shifter rounds t to the nearest integer k (ties to even) and leaves k in the low mantissa bits.
    private const double Shifter = 6755399441055744.0;
    private const ulong SignBit = 0x8000_0000_0000_0000UL;
    private const ulong ExponentBias = 1023;
    // Below this Cephes' rational, above it the exponential form.
    internal const double SmallLimit = 0.625;
    // Cephes tanh.c: tanh a = a + a s P(s)/Q(s), s = a², Q monic (relative error ≈ 2·10⁻¹⁷ for |a| < 0.625).
    private const double P0 = -9.64399179425052238628e-1, P1 = -9.92877231001918586564e1, P2 = -1.61468768441708447952e3;
    private const double Q0 = 1.12811678491632931402e2, Q1 = 2.23548839060100448583e3, Q2 = 4.84406305325125486048e3;

    // 1/n!, n = 2…13, each the correctly rounded quotient of 1 by an exactly representable n!.
    private static readonly double C2 = InverseFactorial(2), C3 = InverseFactorial(3), C4 = InverseFactorial(4),
        C5 = InverseFactorial(5), C6 = InverseFactorial(6), C7 = InverseFactorial(7), C8 = InverseFactorial(8),
        C9 = InverseFactorial(9), C10 = InverseFactorial(10), C11 = InverseFactorial(11), C12 = InverseFactorial(12),
        C13 = InverseFactorial(13);

    internal static double InverseFactorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return 1 / f;
    }

    /// <summary>s_i = tanh(z_i) for every i (s.Length ≥ z.Length): whole vectors, then the scalar twin for the tail.</summary>
    public static void Apply(ReadOnlySpan<double> z, Span<double> s)
    {
        int n = z.Length;
        s = s[..n];
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double rz = ref MemoryMarshal.GetReference(z);
            ref double rs = ref MemoryMarshal.GetReference(s);
            for (; i + 4 <= n; i += 4) Tanh(Vector256.LoadUnsafe(ref rz, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
        }
        for (; i < n; i++) s[i] = Tanh(z[i]);
    }

    /// <summary>The scalar twin: the operations of <see cref="Tanh(Vector256{double})"/> on one lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Min(Math.Abs(x), Clamp), addend, numerator, denominator;
        if (a < SmallLimit)
        {
            double s = a * a;
            addend = a;
            numerator = (a * s) * ((P0 * s + P1) * s + P2);
            denominator = ((s + Q0) * s + Q1) * s + Q2;
        }
        else
        {
            double y = a + a;
            double shifted = y * Log2E + Shifter;
            double kd = shifted - Shifter;
            double r = (y - kd * Ln2Hi) - kd * Ln2Lo;
            double q = ((((((((((C13 * r + C12) * r + C11) * r + C10) * r + C9) * r + C8) * r + C7) * r + C6) * r + C5) * r + C4) * r + C3) * r + C2;
            ulong k = BitConverter.DoubleToUInt64Bits(shifted);
            double scale = BitConverter.UInt64BitsToDouble((k + ExponentBias) << 52);
            double inverse = BitConverter.UInt64BitsToDouble((ExponentBias - k) << 52);
            double e = (((1 - inverse) + r) + (r * r) * q) * scale;
            addend = 1;
            numerator = -2;
            denominator = e + 2;
        }
        double t = addend + numerator / denominator;
        return BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(t) | (BitConverter.DoubleToUInt64Bits(x) & SignBit));
    }

    /// <summary>tanh of four lanes (see the class remarks; <see cref="Tanh(double)"/> is the same per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tanh(Vector256<double> x)
    {
        var a = Vector256.MinNative(Vector256.Abs(x), Vector256.Create(Clamp));
        // a < 0.625: Cephes' rational
        var s = a * a;
        var smallNumerator = (a * s) * ((Vector256.Create(P0) * s + Vector256.Create(P1)) * s + Vector256.Create(P2));
        var smallDenominator = ((s + Vector256.Create(Q0)) * s + Vector256.Create(Q1)) * s + Vector256.Create(Q2);
        // otherwise 1 − 2/(E + 2), E = e^{2a} − 1
        var y = a + a;
        var shifted = y * Vector256.Create(Log2E) + Vector256.Create(Shifter);
        var kd = shifted - Vector256.Create(Shifter);
        var r = (y - kd * Vector256.Create(Ln2Hi)) - kd * Vector256.Create(Ln2Lo);
        var q = ((((((((((Vector256.Create(C13) * r + Vector256.Create(C12)) * r + Vector256.Create(C11)) * r + Vector256.Create(C10)) * r
            + Vector256.Create(C9)) * r + Vector256.Create(C8)) * r + Vector256.Create(C7)) * r + Vector256.Create(C6)) * r
            + Vector256.Create(C5)) * r + Vector256.Create(C4)) * r + Vector256.Create(C3)) * r + Vector256.Create(C2);
        var k = shifted.AsUInt64();
        var bias = Vector256.Create(ExponentBias);
        var scale = Vector256.ShiftLeft(k + bias, 52).AsDouble();
        var inverse = Vector256.ShiftLeft(bias - k, 52).AsDouble();
        var e = (((Vector256<double>.One - inverse) + r) + (r * r) * q) * scale;
        var small = Vector256.LessThan(a, Vector256.Create(SmallLimit));
        var addend = Vector256.ConditionalSelect(small, a, Vector256<double>.One);
        var numerator = Vector256.ConditionalSelect(small, smallNumerator, Vector256.Create(-2.0));
        var denominator = Vector256.ConditionalSelect(small, smallDenominator, e + Vector256.Create(2.0));
        var t = addend + numerator / denominator;
        var signed = (t.AsUInt64() | (x.AsUInt64() & Vector256.Create(SignBit))).AsDouble();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), signed, x);
    }
}
