using System.Globalization;
using System.Numerics;
using Wick.Algebra;

namespace Wick.Cli.Numeric;

/// <summary>Turns a double read from the command line into the rational it was typed as (0.1 → 1/10).</summary>
internal static class Exactly
{
    public static Rational FromDouble(double x)
    {
        if (!double.IsFinite(x)) throw new UsageException($"--exact needs finite numbers, got {x}.");
        string s = x.ToString("R", CultureInfo.InvariantCulture);
        if (!s.Contains('E')) return Rational.Parse(s);
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exp = (int)((bits >> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp++; else mant |= 1L << 52;
        exp -= 1075;
        var num = new BigInteger(mant) * (x < 0 ? -1 : 1);
        return exp >= 0 ? Rational.Create(num * BigInteger.Pow(2, exp), 1) : Rational.Create(num, BigInteger.Pow(2, -exp));
    }
}
