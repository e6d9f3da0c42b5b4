using System.Globalization;
using System.Reflection;
using LinqExpr = System.Linq.Expressions.Expression;

namespace Wick.Numeric.Activations;

/// <summary>The elementary functions an activation may be written with.</summary>
public enum SigmaFunction { Exp, Log, Tanh, Erf, Sin, Cos, Sqrt }

/// <summary>
/// An activation σ written as an expression in the preactivation z: a small immutable tree with exact symbolic
/// differentiation (<see cref="Derivative"/>), a printer and a compiler to a delegate. The smart constructors
/// fold constants and drop 0 and 1, so σ' and σ'' come out readable. <see cref="Step"/> (the Heaviside function,
/// ½ at 0) appears only as the derivative of max; its own derivative is a Dirac delta, which this tree refuses.
/// </summary>
public abstract partial record SigmaExpression
{
    /// <summary>The preactivation z.</summary>
    public static readonly SigmaExpression Z = new Variable();

    public static SigmaExpression Const(double c) => new Constant(c);

    public static SigmaExpression operator +(SigmaExpression a, SigmaExpression b) => (a, b) switch
    {
        (Constant x, Constant y) => Const(x.Value + y.Value),
        (Constant { Value: 0 }, _) => b,
        (_, Constant { Value: 0 }) => a,
        (_, Negated n) => a - n.Operand,
        _ => new Sum(a, b),
    };

    public static SigmaExpression operator -(SigmaExpression a, SigmaExpression b) => (a, b) switch
    {
        (Constant x, Constant y) => Const(x.Value - y.Value),
        (_, Constant { Value: 0 }) => a,
        (Constant { Value: 0 }, _) => -b,
        _ => new Difference(a, b),
    };

    public static SigmaExpression operator -(SigmaExpression a) => a switch
    {
        Constant c => Const(-c.Value),
        Negated n => n.Operand,
        _ => new Negated(a),
    };

    public static SigmaExpression operator *(SigmaExpression a, SigmaExpression b) => (a, b) switch
    {
        (Constant x, Constant y) => Const(x.Value * y.Value),
        (Constant { Value: 0 }, _) or (_, Constant { Value: 0 }) => Const(0),
        (Constant { Value: 1 }, _) => b,
        (_, Constant { Value: 1 }) => a,
        (Constant { Value: -1 }, _) => -b,
        (_, Constant { Value: -1 }) => -a,
        (_, Constant) => new Product(b, a),   // constants first: 2 z, not z 2
        _ => new Product(a, b),
    };

    public static SigmaExpression operator /(SigmaExpression a, SigmaExpression b) => (a, b) switch
    {
        (Constant x, Constant y) when y.Value != 0 => Const(x.Value / y.Value),
        (Constant { Value: 0 }, _) => Const(0),
        (_, Constant { Value: 1 }) => a,
        _ => new Quotient(a, b),
    };

    /// <summary>a^b.</summary>
    public static SigmaExpression Pow(SigmaExpression a, SigmaExpression b) => (a, b) switch
    {
        (Constant x, Constant y) => Const(Math.Pow(x.Value, y.Value)),
        (_, Constant { Value: 0 }) => Const(1),
        (_, Constant { Value: 1 }) => a,
        _ => new Power(a, b),
    };

    public static SigmaExpression Call(SigmaFunction f, SigmaExpression a) =>
        a is Constant c ? Const(Function.Evaluate(f, c.Value)) : new Function(f, a);

    public static SigmaExpression Max(SigmaExpression a, SigmaExpression b) =>
        a is Constant x && b is Constant y ? Const(Math.Max(x.Value, y.Value)) : new Maximum(a, b);

    public static SigmaExpression Step(SigmaExpression a) => a is Constant c ? Const(Heaviside(c.Value)) : new HeavisideStep(a);

    /// <summary>Heaviside θ(x) with θ(0) = ½ (so max(u, v)' is the mean of u' and v' at a tie).</summary>
    public static double Heaviside(double x) => x > 0 ? 1 : x < 0 ? 0 : double.IsNaN(x) ? double.NaN : 0.5;

    /// <summary>dσ/dz, exactly (chain, product and quotient rules); throws when a Dirac delta would appear.</summary>
    public abstract SigmaExpression Derivative();

    /// <summary>True when the expression contains max or a step (kinks: quadrature converges only as O(1/n)).</summary>
    public abstract bool HasKinks { get; }

    /// <summary>True when the expression is a polynomial in z (sums, products, non-negative integer powers, division by constants).</summary>
    public bool IsPolynomial => this switch
    {
        Variable or Constant => true,
        Sum s => s.A.IsPolynomial && s.B.IsPolynomial,
        Difference d => d.A.IsPolynomial && d.B.IsPolynomial,
        Negated n => n.Operand.IsPolynomial,
        Product p => p.A.IsPolynomial && p.B.IsPolynomial,
        Quotient q => q.B is Constant && q.A.IsPolynomial,
        Power p => p.B is Constant { Value: >= 0 } c && c.Value == Math.Floor(c.Value) && p.A.IsPolynomial,
        _ => false,
    };

    /// <summary>Binding strength for the printer.</summary>
    protected virtual int Precedence => 4;

    /// <summary>Compiles to a delegate z ↦ σ(z).</summary>
    public Func<double, double> Compile()
    {
        var z = LinqExpr.Parameter(typeof(double), "z");
        return System.Linq.Expressions.Expression.Lambda<Func<double, double>>(ToLinq(z), z).Compile();
    }

    internal abstract LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z);

    protected string Wrap(SigmaExpression e, int min) => e.Precedence < min ? $"({e})" : e.ToString();

    private static readonly MethodInfo MathPow = typeof(Math).GetMethod(nameof(Math.Pow))!;

    private sealed record Variable : SigmaExpression
    {
        public override SigmaExpression Derivative() => Const(1);
        public override bool HasKinks => false;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => z;
        public override string ToString() => "z";
    }

    /// <summary>A real constant.</summary>
    public sealed record Constant(double Value) : SigmaExpression
    {
        public override SigmaExpression Derivative() => Const(0);
        public override bool HasKinks => false;
        protected override int Precedence => Value < 0 ? 1 : 4;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => LinqExpr.Constant(Value);
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    private sealed record Sum(SigmaExpression A, SigmaExpression B) : SigmaExpression
    {
        public override SigmaExpression Derivative() => A.Derivative() + B.Derivative();
        public override bool HasKinks => A.HasKinks || B.HasKinks;
        protected override int Precedence => 1;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => LinqExpr.Add(A.ToLinq(z), B.ToLinq(z));
        public override string ToString() => $"{Wrap(A, 1)} + {Wrap(B, 2)}";
    }

    private sealed record Difference(SigmaExpression A, SigmaExpression B) : SigmaExpression
    {
        public override SigmaExpression Derivative() => A.Derivative() - B.Derivative();
        public override bool HasKinks => A.HasKinks || B.HasKinks;
        protected override int Precedence => 1;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => LinqExpr.Subtract(A.ToLinq(z), B.ToLinq(z));
        public override string ToString() => $"{Wrap(A, 1)} - {Wrap(B, 2)}";
    }

    private sealed record Negated(SigmaExpression Operand) : SigmaExpression
    {
        public override SigmaExpression Derivative() => -Operand.Derivative();
        public override bool HasKinks => Operand.HasKinks;
        protected override int Precedence => 1;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => LinqExpr.Negate(Operand.ToLinq(z));
        public override string ToString() => $"-{Wrap(Operand, 2)}";
    }

    private sealed record Product(SigmaExpression A, SigmaExpression B) : SigmaExpression
    {
        public override SigmaExpression Derivative() => A.Derivative() * B + A * B.Derivative();
        public override bool HasKinks => A.HasKinks || B.HasKinks;
        protected override int Precedence => 2;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => LinqExpr.Multiply(A.ToLinq(z), B.ToLinq(z));
        public override string ToString() => $"{Wrap(A, 2)}*{Wrap(B, 3)}";
    }

    private sealed record Quotient(SigmaExpression A, SigmaExpression B) : SigmaExpression
    {
        public override SigmaExpression Derivative() =>
            B is Constant ? A.Derivative() / B : (A.Derivative() * B - A * B.Derivative()) / Pow(B, Const(2));
        public override bool HasKinks => A.HasKinks || B.HasKinks;
        protected override int Precedence => 2;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => LinqExpr.Divide(A.ToLinq(z), B.ToLinq(z));
        public override string ToString() => $"{Wrap(A, 2)}/{Wrap(B, 3)}";
    }

    private sealed record Power(SigmaExpression A, SigmaExpression B) : SigmaExpression
    {
        // (a^c)' = c a^(c−1) a' for a constant exponent; otherwise (a^b)' = a^b (b' log a + b a'/a).
        public override SigmaExpression Derivative() => B is Constant c
            ? c * Pow(A, Const(c.Value - 1)) * A.Derivative()
            : this * (B.Derivative() * Call(SigmaFunction.Log, A) + B * A.Derivative() / A);
        public override bool HasKinks => A.HasKinks || B.HasKinks;
        protected override int Precedence => 3;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => B is Constant { Value: 2 }
            ? MultiplySelf(A.ToLinq(z))
            : LinqExpr.Call(MathPow, A.ToLinq(z), B.ToLinq(z));
        private static LinqExpr MultiplySelf(LinqExpr a)
        {
            var t = LinqExpr.Variable(typeof(double));
            return LinqExpr.Block([t], LinqExpr.Assign(t, a), LinqExpr.Multiply(t, t));
        }
        public override string ToString() => $"{Wrap(A, 4)}^{Wrap(B, 4)}";
    }

    private sealed record Function(SigmaFunction F, SigmaExpression A) : SigmaExpression
    {
        public override SigmaExpression Derivative()
        {
            var outer = F switch
            {
                SigmaFunction.Exp => this,
                SigmaFunction.Log => Const(1) / A,
                SigmaFunction.Tanh => Const(1) - Pow(this, Const(2)),
                SigmaFunction.Erf => Const(2 / Math.Sqrt(Math.PI)) * Call(SigmaFunction.Exp, -Pow(A, Const(2))),
                SigmaFunction.Sin => Call(SigmaFunction.Cos, A),
                SigmaFunction.Cos => -Call(SigmaFunction.Sin, A),
                SigmaFunction.Sqrt => Const(0.5) / this,
                _ => throw new InvalidOperationException(F.ToString()),
            };
            return outer * A.Derivative();
        }
        public override bool HasKinks => A.HasKinks;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) => F == SigmaFunction.Erf
            ? LinqExpr.Call(typeof(MathNet.Numerics.SpecialFunctions).GetMethod(nameof(MathNet.Numerics.SpecialFunctions.Erf), [typeof(double)])!, A.ToLinq(z))
            : LinqExpr.Call(typeof(Math).GetMethod(F.ToString(), [typeof(double)])!, A.ToLinq(z));

        public static double Evaluate(SigmaFunction f, double x) => f switch
        {
            SigmaFunction.Exp => Math.Exp(x),
            SigmaFunction.Log => Math.Log(x),
            SigmaFunction.Tanh => Math.Tanh(x),
            SigmaFunction.Erf => MathNet.Numerics.SpecialFunctions.Erf(x),
            SigmaFunction.Sin => Math.Sin(x),
            SigmaFunction.Cos => Math.Cos(x),
            SigmaFunction.Sqrt => Math.Sqrt(x),
            _ => throw new InvalidOperationException(f.ToString()),
        };

        public override string ToString() => $"{F.ToString().ToLowerInvariant()}({A})";
    }

    private sealed record Maximum(SigmaExpression A, SigmaExpression B) : SigmaExpression
    {
        // max(a, b)' = θ(a − b) a' + θ(b − a) b' (θ(0) = ½).
        public override SigmaExpression Derivative() => Step(A - B) * A.Derivative() + Step(B - A) * B.Derivative();
        public override bool HasKinks => true;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) =>
            LinqExpr.Call(typeof(Math).GetMethod(nameof(Math.Max), [typeof(double), typeof(double)])!, A.ToLinq(z), B.ToLinq(z));
        public override string ToString() => $"max({A}, {B})";
    }

    private sealed record HeavisideStep(SigmaExpression A) : SigmaExpression
    {
        public override SigmaExpression Derivative() => A.Derivative() is Constant { Value: 0 }
            ? Const(0)
            : throw new InvalidOperationException(
                $"the derivative of step({A}) is a Dirac delta: an expression with max has no ordinary second derivative " +
                "(use the built-in relu, leaky_relu:A or abs, whose σ'' is handled exactly)");
        public override bool HasKinks => true;
        internal override LinqExpr ToLinq(System.Linq.Expressions.ParameterExpression z) =>
            LinqExpr.Call(typeof(SigmaExpression).GetMethod(nameof(Heaviside))!, A.ToLinq(z));
        public override string ToString() => $"step({A})";
    }
}
