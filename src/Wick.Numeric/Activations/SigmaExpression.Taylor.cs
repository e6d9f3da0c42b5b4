using System.Globalization;
using Wick.Algebra;
using Wick.Algebra.Criticality;
using Wick.Numeric.Criticality;

namespace Wick.Numeric.Activations;

public abstract partial record SigmaExpression
{
    /// <summary>
    /// The Taylor series of σ at z = 0 through z^{order−1}, by series arithmetic on this tree (sums, products,
    /// quotients, powers and elementary functions of series, each from its differential equation). Over exact
    /// rationals (<see cref="ExactNumber"/>) a constant is read as the shortest decimal that round-trips (2, 0.5, 0.1)
    /// and a value that is not rational (log 2, 2/√π, a folded √2) throws <see cref="NotRepresentableException"/>;
    /// over <see cref="ApproxNumber"/> everything is evaluated in floating point. max(·,·) has no Taylor series.
    /// </summary>
    public PowerSeries<T> Taylor<T>(int order) where T : ICoefficient<T> => this switch
    {
        Variable => PowerSeries<T>.Variable(order),
        Constant c => PowerSeries<T>.Constant(ConstantValue<T>(c.Value), order),
        Sum s => s.A.Taylor<T>(order) + s.B.Taylor<T>(order),
        Difference d => d.A.Taylor<T>(order) - d.B.Taylor<T>(order),
        Negated n => -n.Operand.Taylor<T>(order),
        Product p => p.A.Taylor<T>(order) * p.B.Taylor<T>(order),
        Quotient q => QuotientSeries<T>(q.A, q.B, order),
        Power w when w.B is Constant e => PowerSeriesOf(w.A.Taylor<T>(order), ConstantValue<T>(e.Value), e.Value),
        Power w => (w.B.Taylor<T>(order) * w.A.Taylor<T>(order).Log()).Exp(),
        Function f => FunctionSeries(f.F, f.A.Taylor<T>(order)),
        _ => throw new NotRepresentableException($"{this} has a kink at 0 (max or a step): no Taylor series"),
    };

    /// <summary>The Taylor coefficients σ_p = σ^{(p)}(0), p = 0 … order−1 (5.80).</summary>
    public IReadOnlyList<T> TaylorCoefficients<T>(int order) where T : ICoefficient<T>
    {
        var s = Taylor<T>(order);
        var c = new T[order];
        T factorial = T.One;
        for (int p = 0; p < order; p++)
        {
            if (p > 0) factorial *= T.FromInteger(p);
            c[p] = s[p] * factorial;
        }
        return c;
    }

    private static PowerSeries<T> QuotientSeries<T>(SigmaExpression a, SigmaExpression b, int order) where T : ICoefficient<T>
    {
        // z^k factors of the denominator are cancelled against the numerator (z/z, sin(z)/z).
        var num = a.Taylor<T>(order + 4);
        var den = b.Taylor<T>(order + 4);
        int k = 0;
        while (k < 4 && den[k].IsZero) k++;
        for (int j = 0; j < k; j++)
            if (!num[j].IsZero) throw new NotRepresentableException($"{a}/{b} is singular at z = 0");
        var n2 = new PowerSeries<T>(num.Coefficients.Skip(k).Take(order).ToArray(), order);
        var d2 = new PowerSeries<T>(den.Coefficients.Skip(k).Take(order).ToArray(), order);
        return n2 / d2;
    }

    private static PowerSeries<T> PowerSeriesOf<T>(PowerSeries<T> a, T e, double exponent) where T : ICoefficient<T>
    {
        if (exponent >= 0 && exponent == Math.Floor(exponent) && exponent <= 64)
        {
            var r = PowerSeries<T>.Constant(T.One, a.Order);
            for (int i = 0; i < (int)exponent; i++) r *= a;
            return r;
        }
        return a.Pow(e);
    }

    private static PowerSeries<T> FunctionSeries<T>(SigmaFunction f, PowerSeries<T> a) where T : ICoefficient<T> => f switch
    {
        SigmaFunction.Exp => a.Exp(),
        SigmaFunction.Log => a.Log(),
        SigmaFunction.Tanh => a.Tanh(),
        SigmaFunction.Erf => a.Erf(),
        SigmaFunction.Sin => a.SinCos().Sin,
        SigmaFunction.Cos => a.SinCos().Cos,
        SigmaFunction.Sqrt => a.Sqrt(),
        _ => throw new NotRepresentableException(f.ToString()),
    };

    private static T ConstantValue<T>(double value) where T : ICoefficient<T>
    {
        if (typeof(T) == typeof(ApproxNumber)) return (T)(object)new ApproxNumber(value);
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (shortest.Contains('E') || shortest.Replace("-", "").Replace(".", "").TrimStart('0').Length > 12)
            throw new NotRepresentableException($"the constant {shortest} is not a short decimal (an irrational value folded to floating point)");
        return T.FromRational(Rational.Parse(shortest));
    }
}
