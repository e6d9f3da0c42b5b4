using Wick.Algebra;
using Wick.Algebra.Criticality;

namespace Wick.Numeric.Criticality;

/// <summary>A floating-point coefficient for power series: the fallback when σ's Taylor coefficients are not rational
/// (erf's 2/√π, softplus' log 2, gelu's 1/√2).</summary>
public readonly record struct ApproxNumber(double Value) : ICoefficient<ApproxNumber>
{
    public static ApproxNumber Zero => new(0);
    public static ApproxNumber One => new(1);
    public static ApproxNumber FromInteger(long n) => new(n);
    public static ApproxNumber FromRational(Rational q) => new(q.ToDouble());
    public static ApproxNumber operator +(ApproxNumber a, ApproxNumber b) => new(a.Value + b.Value);
    public static ApproxNumber operator -(ApproxNumber a, ApproxNumber b) => new(a.Value - b.Value);
    public static ApproxNumber operator -(ApproxNumber a) => new(-a.Value);
    public static ApproxNumber operator *(ApproxNumber a, ApproxNumber b) => new(a.Value * b.Value);
    public static ApproxNumber operator /(ApproxNumber a, ApproxNumber b) => new(a.Value / b.Value);
    /// <summary>Zero up to rounding of a coefficient computed from O(1) terms.</summary>
    public bool IsZero => Math.Abs(Value) < 1e-13;
    public static ApproxNumber Apply(ElementaryFunction f, ApproxNumber c) => new(f switch
    {
        ElementaryFunction.Exp => Math.Exp(c.Value),
        ElementaryFunction.Log => Math.Log(c.Value),
        ElementaryFunction.Sin => Math.Sin(c.Value),
        ElementaryFunction.Cos => Math.Cos(c.Value),
        ElementaryFunction.Tanh => Math.Tanh(c.Value),
        ElementaryFunction.Sqrt => Math.Sqrt(c.Value),
        ElementaryFunction.TwoOverSqrtPi => 2 / Math.Sqrt(Math.PI),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    });
    public static ApproxNumber Power(ApproxNumber c, ApproxNumber exponent) => new(Math.Pow(c.Value, exponent.Value));
    public override string ToString() => Value.ToString("G12", System.Globalization.CultureInfo.InvariantCulture);
}
