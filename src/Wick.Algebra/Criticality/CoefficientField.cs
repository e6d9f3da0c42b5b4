namespace Wick.Algebra.Criticality;

/// <summary>A value a coefficient field cannot represent (e.g. log 2 or 2/√π over the rationals).</summary>
public sealed class NotRepresentableException(string message) : InvalidOperationException(message);

/// <summary>
/// The arithmetic a truncated power series needs from its coefficients (C# static abstract members), plus the
/// elementary functions evaluated at a constant term. Exact fields throw <see cref="NotRepresentableException"/>
/// when the value leaves them (exp of a non-zero rational), so callers can fall back to floating point.
/// </summary>
public interface ICoefficient<T> where T : ICoefficient<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    static abstract T FromInteger(long n);
    static abstract T FromRational(Rational q);
    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator -(T a);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    bool IsZero { get; }

    /// <summary>f(c) for f = exp, log, sin, cos, tanh, sqrt, erf' prefactor 2/√π (c ignored), c^q.</summary>
    static abstract T Apply(ElementaryFunction f, T c);
    static abstract T Power(T c, T exponent);
}

/// <summary>The elementary functions an activation is written with (evaluated at a series' constant term).</summary>
public enum ElementaryFunction { Exp, Log, Sin, Cos, Tanh, Sqrt, TwoOverSqrtPi }

/// <summary>An exact rational coefficient: exp, log, sin, … only where the value is rational (exp 0 = 1, log 1 = 0, √(p²/q²)).</summary>
public readonly record struct ExactNumber(Rational Value) : ICoefficient<ExactNumber>
{
    public static ExactNumber Zero => new(Rational.Zero);
    public static ExactNumber One => new(Rational.One);
    public static ExactNumber FromInteger(long n) => new(n);
    public static ExactNumber FromRational(Rational q) => new(q);
    public static ExactNumber operator +(ExactNumber a, ExactNumber b) => new(a.Value + b.Value);
    public static ExactNumber operator -(ExactNumber a, ExactNumber b) => new(a.Value - b.Value);
    public static ExactNumber operator -(ExactNumber a) => new(-a.Value);
    public static ExactNumber operator *(ExactNumber a, ExactNumber b) => new(a.Value * b.Value);
    public static ExactNumber operator /(ExactNumber a, ExactNumber b) => new(a.Value / b.Value);
    public bool IsZero => Value.IsZero;

    public static ExactNumber Apply(ElementaryFunction f, ExactNumber c) => (f, c.Value) switch
    {
        (ElementaryFunction.Exp, { IsZero: true }) => One,
        (ElementaryFunction.Log, { IsOne: true }) => Zero,
        (ElementaryFunction.Sin or ElementaryFunction.Tanh, { IsZero: true }) => Zero,
        (ElementaryFunction.Cos, { IsZero: true }) => One,
        (ElementaryFunction.Sqrt, var q) when q.Sign >= 0 && IsSquare(q.Numerator, out var a) && IsSquare(q.Denominator, out var b) => new(Rational.Create(a, b)),
        _ => throw new NotRepresentableException($"{Name(f)}({c.Value}) is not rational"),
    };

    public static ExactNumber Power(ExactNumber c, ExactNumber exponent)
    {
        var e = exponent.Value;
        if (c.Value.IsOne) return One;
        if (e.IsInteger && BigIntegerFits(e.Numerator, out int k)) return k >= 0 ? new(c.Value.Pow(k)) : new(c.Value.Reciprocal().Pow(-k));
        throw new NotRepresentableException($"({c.Value})^({e}) is not rational");
    }

    private static bool BigIntegerFits(System.Numerics.BigInteger b, out int k)
    {
        k = 0;
        if (b > 1000 || b < -1000) return false;
        k = (int)b;
        return true;
    }

    private static bool IsSquare(System.Numerics.BigInteger n, out System.Numerics.BigInteger root)
    {
        root = n.IsZero ? 0 : (System.Numerics.BigInteger)Math.Round(Math.Sqrt((double)n));
        for (var r = System.Numerics.BigInteger.Max(0, root - 2); r <= root + 2; r++)
            if (r * r == n) { root = r; return true; }
        return false;
    }

    internal static string Name(ElementaryFunction f) => f switch
    {
        ElementaryFunction.TwoOverSqrtPi => "2/√π",
        _ => f.ToString().ToLowerInvariant(),
    };

    public override string ToString() => Value.ToString();
}

/// <summary>A symbolic coefficient: a rational function of plain symbols (σ_p, a_1, a_2, b_1, …); ring operations only.</summary>
public readonly record struct SymbolicNumber(RationalFunction Value) : ICoefficient<SymbolicNumber>
{
    public static SymbolicNumber Zero => new(RationalFunction.Zero);
    public static SymbolicNumber One => new(RationalFunction.One);
    public static SymbolicNumber FromInteger(long n) => new(Rational.Create(n, 1));
    public static SymbolicNumber FromRational(Rational q) => new(q);
    public static SymbolicNumber Of(Symbol s) => new(s);
    public static SymbolicNumber operator +(SymbolicNumber a, SymbolicNumber b) => new(a.Value + b.Value);
    public static SymbolicNumber operator -(SymbolicNumber a, SymbolicNumber b) => new(a.Value - b.Value);
    public static SymbolicNumber operator -(SymbolicNumber a) => new(-a.Value);
    public static SymbolicNumber operator *(SymbolicNumber a, SymbolicNumber b) => new(a.Value * b.Value);
    public static SymbolicNumber operator /(SymbolicNumber a, SymbolicNumber b) => new(a.Value / b.Value);
    public bool IsZero => Value.IsZero;
    public static SymbolicNumber Apply(ElementaryFunction f, SymbolicNumber c) =>
        c.Value.TryToPolynomial(out var p) && p.IsConstant
            ? new(ExactNumber.Apply(f, new(p.ConstantTerm)).Value)
            : throw new NotRepresentableException($"{ExactNumber.Name(f)}({c.Value}) of a symbolic value");
    public static SymbolicNumber Power(SymbolicNumber c, SymbolicNumber exponent) =>
        exponent.Value.TryToPolynomial(out var e) && e.IsConstant && e.ConstantTerm.IsInteger && System.Numerics.BigInteger.Abs(e.ConstantTerm.Numerator) < 1000
            ? new(c.Value.Pow((int)e.ConstantTerm.Numerator))
            : throw new NotRepresentableException($"({c.Value})^({exponent.Value}) of a symbolic value");
    public override string ToString() => Value.ToString();
}
