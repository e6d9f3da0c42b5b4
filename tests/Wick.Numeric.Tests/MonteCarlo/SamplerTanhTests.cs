using System.Runtime.Intrinsics;
using Wick.Numeric.MonteCarlo;

namespace Wick.Numeric.Tests.MonteCarlo;

/// <summary>
/// The samplers' tanh (<see cref="SamplerTanh"/>): its error against <see cref="Math.Tanh"/> in units in the last place
/// over more than 10⁶ arguments, the special values, and the vector route against the scalar twin bit for bit whatever
/// the length and offset of the array.
/// </summary>
public class SamplerTanhTests
{
    /// <summary>Distance in representable doubles (same-sign or zero arguments).</summary>
    private static long Ulps(double a, double b)
    {
        static long Ordered(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            return bits < 0 ? long.MinValue - bits : bits;
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>
    /// Arguments: uniform on [−25, 25], log-uniform magnitudes from 10⁻³²⁰ (subnormal) to 30 with random signs, and dense
    /// runs around the places where the algorithm changes regime (the rational → exponential switch at |x| = 0.625, k = 0 → 1
    /// and 1 → 2 in 2|x| = k ln2 + r, the saturation edge 18.5–19.5 and the clamp at 20). Fixed seed.
    /// </summary>
    private static double[] Arguments()
    {
        var random = new Random(20261207);
        var xs = new List<double>(1_300_000);
        for (int i = 0; i < 500_000; i++) xs.Add(50 * random.NextDouble() - 25);
        for (int i = 0; i < 500_000; i++)
        {
            double magnitude = Math.Pow(10, -320 + 321.5 * random.NextDouble());
            xs.Add(random.Next(2) == 0 ? magnitude : -magnitude);
        }
        foreach (double centre in new[] { Math.Log(2) / 4, SamplerTanh.SmallLimit, Math.Log(2) * 1.5 / 2, 19.06, SamplerTanh.Clamp })
            for (int i = -50_000; i < 50_000; i++) xs.Add(centre + i * 1e-6 * Math.Max(centre, 1) / 50);
        for (int i = 0; i < 20_000; i++) xs.Add(18.5 + random.NextDouble());
        return xs.ToArray();
    }

    [Test]
    public void Error_against_Math_Tanh_is_within_the_stated_bound()
    {
        var xs = Arguments();
        long worst = 0;
        double worstAt = 0;
        int off = 0;
        foreach (double x in xs)
        {
            long u = Ulps(SamplerTanh.Tanh(x), Math.Tanh(x));
            if (u > 0) off++;
            if (u > worst) { worst = u; worstAt = x; }
        }
        TestContext.Out.WriteLine($"{xs.Length} arguments: max error {worst} ulp at x = {worstAt:R}; {off} differ from Math.Tanh");
        Assert.That(xs.Length, Is.GreaterThan(1_000_000));
        Assert.That(worst, Is.LessThanOrEqualTo(SamplerTanh.MaxUlpError), $"at x = {worstAt:R}");
    }

    [Test]
    public void Special_values()
    {
        static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
        Assert.That(Bits(SamplerTanh.Tanh(0.0)), Is.EqualTo(Bits(0.0)));
        Assert.That(Bits(SamplerTanh.Tanh(-0.0)), Is.EqualTo(Bits(-0.0)), "tanh(−0) = −0");
        Assert.That(double.IsNaN(SamplerTanh.Tanh(double.NaN)));
        Assert.That(SamplerTanh.Tanh(double.PositiveInfinity), Is.EqualTo(1.0));
        Assert.That(SamplerTanh.Tanh(double.NegativeInfinity), Is.EqualTo(-1.0));
        // tiny arguments (subnormal included): tanh x = x exactly, as Math.Tanh
        foreach (double x in new[] { double.Epsilon, -double.Epsilon, 1e-310, 2.2250738585072014E-308, 1e-200, -3e-17 })
            Assert.That(Bits(SamplerTanh.Tanh(x)), Is.EqualTo(Bits(x)), $"tanh({x:R})");
        // saturation: exactly ±1 from the clamp on (and Math.Tanh agrees there)
        foreach (double x in new[] { 19.1, 19.5, SamplerTanh.Clamp, 20.000000000000004, 40, 700, 1e300, double.MaxValue })
        {
            Assert.That(SamplerTanh.Tanh(x), Is.EqualTo(1.0), $"tanh({x:R})");
            Assert.That(SamplerTanh.Tanh(-x), Is.EqualTo(-1.0), $"tanh({-x:R})");
            Assert.That(Math.Tanh(x), Is.EqualTo(1.0));
        }
        // odd by construction, bit for bit
        var random = new Random(5);
        for (int i = 0; i < 10_000; i++)
        {
            double x = 30 * random.NextDouble();
            Assert.That(Bits(SamplerTanh.Tanh(-x)), Is.EqualTo(Bits(-SamplerTanh.Tanh(x))));
        }
    }

    [Test]
    public void Vector_lanes_and_scalar_tail_give_the_same_bits_at_every_length_and_offset()
    {
        var xs = Arguments();
        // every argument through the vector route (whole array) against the scalar twin
        var s = new double[xs.Length + 1];
        SamplerTanh.Apply(xs, s);
        for (int i = 0; i < xs.Length; i++)
            if (BitConverter.DoubleToInt64Bits(s[i]) != BitConverter.DoubleToInt64Bits(SamplerTanh.Tanh(xs[i])))
                Assert.Fail($"x = {xs[i]:R}: vector {s[i]:R}, scalar {SamplerTanh.Tanh(xs[i]):R}");
        Assert.That(s[^1], Is.EqualTo(0), "nothing written past the input");
        // the same element at every position of a vector and in the tail: lengths 0…37, offsets 0…4
        var z = xs.Take(41).Append(double.NaN).Append(-0.0).Append(double.NegativeInfinity).ToArray();
        var expected = z.Select(SamplerTanh.Tanh).ToArray();
        for (int offset = 0; offset <= 4; offset++)
            for (int length = 0; offset + length <= z.Length && length <= 37; length++)
            {
                var o = new double[length];
                SamplerTanh.Apply(z.AsSpan(offset, length), o);
                for (int i = 0; i < length; i++)
                    Assert.That(BitConverter.DoubleToInt64Bits(o[i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected[offset + i])),
                        $"offset {offset}, length {length}, element {i}");
            }
    }

    [Test]
    public void Vector_kernel_equals_the_scalar_twin_lane_by_lane()
    {
        // direct Vector256 calls (independent of Apply's loop), including NaN, ±0, ±∞ mixed into one vector
        var lanes = new[] { double.NaN, -0.0, 0.3, -19.07, double.PositiveInfinity, 5e-324, -0.17328679513998632, 0.625, -0.6249999999999999, 3.1 };
        for (int i = 0; i + 4 <= lanes.Length; i++)
        {
            var v = SamplerTanh.Tanh(Vector256.Create(lanes[i], lanes[i + 1], lanes[i + 2], lanes[i + 3]));
            for (int l = 0; l < 4; l++)
                Assert.That(BitConverter.DoubleToInt64Bits(v.GetElement(l)), Is.EqualTo(BitConverter.DoubleToInt64Bits(SamplerTanh.Tanh(lanes[i + l]))),
                    $"lane {l} = tanh({lanes[i + l]:R})");
        }
    }

    [Test]
    public void Constants_split_ln2_and_the_Taylor_coefficients_are_inverse_factorials()
    {
        // Ln2Hi + Ln2Lo is ln 2 beyond double precision: their sum rounds to Math.Log(2), and Ln2Hi has ≥ 21 zero low bits
        Assert.That(Math.Log(2), Is.EqualTo(SamplerTanh.Ln2Hi + SamplerTanh.Ln2Lo));
        Assert.That(BitConverter.DoubleToInt64Bits(SamplerTanh.Ln2Hi) & ((1L << 21) - 1), Is.EqualTo(0));
        Assert.That(Math.Log(2) * 1e-9, Is.GreaterThan(Math.Abs(SamplerTanh.Ln2Lo)));
        Assert.That(SamplerTanh.InverseFactorial(13), Is.EqualTo(1.0 / 6227020800.0));
        Assert.That(SamplerTanh.InverseFactorial(2), Is.EqualTo(0.5));
    }
}
