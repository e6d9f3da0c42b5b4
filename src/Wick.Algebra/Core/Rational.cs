using System.Globalization;
using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// An exact rational number p/q on <see cref="BigInteger"/>, always in lowest terms with q &gt; 0.
/// Equal values are structurally equal and hash equal.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _num;
    private readonly BigInteger _den; // 0 in default(Rational): read as 1.

    private Rational(BigInteger num, BigInteger den, bool normalised)
    {
        _ = normalised;
        _num = num;
        _den = den;
    }

    public static Rational Zero => default;
    public static Rational One => new(BigInteger.One, BigInteger.One, true);
    public static Rational MinusOne => new(BigInteger.MinusOne, BigInteger.One, true);

    /// <summary>The numerator (sign carrier).</summary>
    public BigInteger Numerator => _num;

    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator => _den.IsZero ? BigInteger.One : _den;

    public bool IsZero => _num.IsZero;
    public bool IsOne => _num.IsOne && Denominator.IsOne;
    public bool IsInteger => Denominator.IsOne;
    public int Sign => _num.Sign;

    /// <summary>p/q reduced to lowest terms.</summary>
    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("Rational with zero denominator.");
        if (numerator.IsZero) return Zero;
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne) { numerator /= g; denominator /= g; }
        return new Rational(numerator, denominator, true);
    }

    public static implicit operator Rational(int value) => new(value, BigInteger.One, true);
    public static implicit operator Rational(long value) => new(value, BigInteger.One, true);
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One, true);

    public static Rational operator +(Rational a, Rational b) =>
        a.IsZero ? b : b.IsZero ? a :
        a.Denominator.IsOne && b.Denominator.IsOne ? new Rational(a._num + b._num, BigInteger.One, true) :
        Create(a._num * b.Denominator + b._num * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a._num, a.Denominator, true);
    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b)
    {
        if (a.IsZero || b.IsZero) return Zero;
        if (a.Denominator.IsOne && b.Denominator.IsOne) return new Rational(a._num * b._num, BigInteger.One, true);
        return Create(a._num * b._num, a.Denominator * b.Denominator);
    }

    public static Rational operator /(Rational a, Rational b) =>
        b.IsZero ? throw new DivideByZeroException("Division of a rational by zero.") : Create(a._num * b.Denominator, a.Denominator * b._num);

    /// <summary>The multiplicative inverse.</summary>
    public Rational Reciprocal() => One / this;

    /// <summary>Integer power; negative exponents invert.</summary>
    public Rational Pow(int exponent)
    {
        if (exponent == 0) return One;
        if (exponent < 0) return Reciprocal().Pow(-exponent);
        return new Rational(BigInteger.Pow(_num, exponent), BigInteger.Pow(Denominator, exponent), true);
    }

    public Rational Abs() => _num.Sign < 0 ? -this : this;

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public bool Equals(Rational other) => _num == other._num && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(_num, Denominator);

    public int CompareTo(Rational other) => (_num * other.Denominator).CompareTo(other._num * Denominator);

    /// <summary>Nearest double (exact ratio of big integers, no intermediate overflow).</summary>
    public double ToDouble()
    {
        if (_num.IsZero) return 0.0;
        var d = Denominator;
        long nb = (long)_num.GetBitLength(), db = (long)d.GetBitLength();
        if (nb < 1000 && db < 1000) return (double)_num / (double)d;
        // Scale both to ~64 significant bits.
        int shift = (int)(nb - db) - 64;
        var q = shift >= 0 ? BigInteger.Divide(_num, d << shift) : BigInteger.Divide(_num << -shift, d);
        return Math.ScaleB((double)q, shift);
    }

    /// <summary>Parses <c>3</c>, <c>-7</c>, <c>22/7</c>, <c>2.5</c> (decimal literal, read exactly).</summary>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        int slash = text.IndexOf('/');
        if (slash >= 0)
            return Parse(text[..slash]) / Parse(text[(slash + 1)..]);
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            string digits = text.Remove(dot, 1);
            int decimals = text.Length - dot - 1;
            return Create(BigInteger.Parse(digits, CultureInfo.InvariantCulture), BigInteger.Pow(10, decimals));
        }
        return BigInteger.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary><c>3</c>, <c>-7</c>, <c>22/7</c>.</summary>
    public override string ToString() =>
        Denominator.IsOne ? _num.ToString(CultureInfo.InvariantCulture)
                          : $"{_num.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>3</c>, <c>-\frac{22}{7}</c>.</summary>
    public string ToLatex() =>
        Denominator.IsOne ? ToString()
                          : $"{(_num.Sign < 0 ? "-" : "")}\\frac{{{BigInteger.Abs(_num).ToString(CultureInfo.InvariantCulture)}}}{{{Denominator.ToString(CultureInfo.InvariantCulture)}}}";
}
