namespace Wick.Algebra.Criticality;

/// <summary>
/// A power series Σ_{k&lt;N} c_k x^k truncated at a fixed order N (all operands share it), over any coefficient field:
/// exact rationals for Taylor coefficients σ_p (5.80), rational functions of σ_p or a_1, a_2, b_1 for the derived
/// expansions (5.81)–(5.88), doubles in Wick.Numeric as the fallback. Elementary functions of a series come from
/// their differential equations (g' = f' g for exp, and so on), so only the constant term needs the function itself.
/// </summary>
public sealed class PowerSeries<T> where T : ICoefficient<T>
{
    private readonly T[] _c;

    public PowerSeries(IReadOnlyList<T> coefficients, int order)
    {
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), "the truncation order must be at least 1");
        _c = new T[order];
        for (int k = 0; k < order; k++) _c[k] = k < coefficients.Count ? coefficients[k] : T.Zero;
    }

    /// <summary>N: coefficients c_0 … c_{N−1} are kept.</summary>
    public int Order => _c.Length;

    /// <summary>c_k; asking beyond the truncation is an error (the coefficient is unknown, not zero).</summary>
    public T this[int k] => k < _c.Length ? _c[k] : throw new ArgumentOutOfRangeException(nameof(k), $"x^{k} is beyond the truncation order {_c.Length} of this series");

    public IReadOnlyList<T> Coefficients => _c;

    public static PowerSeries<T> Constant(T c, int order) => new([c], order);

    /// <summary>The variable x itself.</summary>
    public static PowerSeries<T> Variable(int order) => new([T.Zero, T.One], order);

    private static PowerSeries<T> Build(int order, Func<int, T[], T> next)
    {
        var c = new T[order];
        for (int n = 0; n < order; n++) c[n] = next(n, c);
        return new PowerSeries<T>(c, order);
    }

    private static int Common(PowerSeries<T> a, PowerSeries<T> b) => Math.Min(a.Order, b.Order);

    public static PowerSeries<T> operator +(PowerSeries<T> a, PowerSeries<T> b) => Build(Common(a, b), (n, _) => a[n] + b[n]);
    public static PowerSeries<T> operator -(PowerSeries<T> a, PowerSeries<T> b) => Build(Common(a, b), (n, _) => a[n] - b[n]);
    public static PowerSeries<T> operator -(PowerSeries<T> a) => Build(a.Order, (n, _) => -a[n]);
    public static PowerSeries<T> operator *(T s, PowerSeries<T> a) => Build(a.Order, (n, _) => s * a[n]);

    public static PowerSeries<T> operator *(PowerSeries<T> a, PowerSeries<T> b) => Build(Common(a, b), (n, _) =>
    {
        T s = T.Zero;
        for (int k = 0; k <= n; k++) s += a[k] * b[n - k];
        return s;
    });

    /// <summary>a/b for b_0 ≠ 0: b·q = a solved term by term.</summary>
    public static PowerSeries<T> operator /(PowerSeries<T> a, PowerSeries<T> b)
    {
        if (b[0].IsZero) throw new DivideByZeroException("division by a series that vanishes at 0 (the quotient is not a power series)");
        return Build(Common(a, b), (n, q) =>
        {
            T s = a[n];
            for (int k = 1; k <= n; k++) s -= b[k] * q[n - k];
            return s / b[0];
        });
    }

    /// <summary>The derivative (one order is lost).</summary>
    public PowerSeries<T> Derivative() => Build(Math.Max(1, Order - 1), (n, _) => T.FromInteger(n + 1) * this[n + 1]);

    /// <summary>exp f: g' = f' g, g_0 = exp f_0.</summary>
    public PowerSeries<T> Exp() => Build(Order, (n, g) => n == 0 ? T.Apply(ElementaryFunction.Exp, this[0]) : Weighted(n, g, T.Zero));

    /// <summary>log f: f g' = f', g_0 = log f_0.</summary>
    public PowerSeries<T> Log()
    {
        if (this[0].IsZero) throw new NotRepresentableException("log of a series vanishing at 0 is singular there");
        return Build(Order, (n, g) =>
        {
            if (n == 0) return T.Apply(ElementaryFunction.Log, this[0]);
            // n f_0 g_n = n f_n − Σ_{k=1}^{n−1} k g_k f_{n−k}
            T s = T.FromInteger(n) * this[n];
            for (int k = 1; k < n; k++) s -= T.FromInteger(k) * g[k] * this[n - k];
            return s / (T.FromInteger(n) * this[0]);
        });
    }

    /// <summary>(sin f, cos f) together: s' = c f', c' = −s f'.</summary>
    public (PowerSeries<T> Sin, PowerSeries<T> Cos) SinCos()
    {
        var s = new T[Order];
        var c = new T[Order];
        s[0] = T.Apply(ElementaryFunction.Sin, this[0]);
        c[0] = T.Apply(ElementaryFunction.Cos, this[0]);
        for (int n = 1; n < Order; n++)
        {
            s[n] = Weighted(n, c, T.Zero);
            c[n] = -Weighted(n, s, T.Zero);
        }
        return (new(s, Order), new(c, Order));
    }

    /// <summary>tanh f: t' = (1 − t²) f'.</summary>
    public PowerSeries<T> Tanh()
    {
        var t = new T[Order];
        var u = new T[Order]; // u = 1 − t²
        for (int n = 0; n < Order; n++)
        {
            t[n] = n == 0 ? T.Apply(ElementaryFunction.Tanh, this[0]) : Weighted(n, u, T.Zero);
            T sq = T.Zero;
            for (int k = 0; k <= n; k++) sq += t[k] * t[n - k];
            u[n] = (n == 0 ? T.One : T.Zero) - sq;
        }
        return new(t, Order);
    }

    /// <summary>erf f: e' = (2/√π) exp(−f²) f', e_0 = erf f_0 (only f_0 = 0 is supported: erf 0 = 0).</summary>
    public PowerSeries<T> Erf()
    {
        if (!this[0].IsZero) throw new NotRepresentableException("erf of a series with a non-zero constant term");
        var d = T.Apply(ElementaryFunction.TwoOverSqrtPi, T.Zero) * ((-(this * this)).Exp() * Derivative());
        return Build(Order, (n, _) => n == 0 ? T.Zero : d[n - 1] / T.FromInteger(n));
    }

    /// <summary>√f: g² = f, g_0 = √f_0 ≠ 0.</summary>
    public PowerSeries<T> Sqrt()
    {
        var g0 = T.Apply(ElementaryFunction.Sqrt, this[0]);
        if (g0.IsZero) throw new NotRepresentableException("√ of a series vanishing at 0 is not a power series");
        return Build(Order, (n, g) =>
        {
            if (n == 0) return g0;
            T s = this[n];
            for (int k = 1; k < n; k++) s -= g[k] * g[n - k];
            return s / (T.FromInteger(2) * g0);
        });
    }

    /// <summary>f^e for a constant e: f g' = e f' g, i.e. n f_0 g_n = Σ_{k=1}^{n} (e k − (n − k)) f_k g_{n−k}.</summary>
    public PowerSeries<T> Pow(T e)
    {
        if (this[0].IsZero) throw new NotRepresentableException("a power of a series vanishing at 0 (write it as a product)");
        return Build(Order, (n, g) =>
        {
            if (n == 0) return T.Power(this[0], e);
            T s = T.Zero;
            for (int k = 1; k <= n; k++) s += (e * T.FromInteger(k) - T.FromInteger(n - k)) * this[k] * g[n - k];
            return s / (T.FromInteger(n) * this[0]);
        });
    }

    /// <summary>(1/n) Σ_{k=1}^{n} k f_k h_{n−k}: the coefficient of x^n of ∫ f' h.</summary>
    private T Weighted(int n, T[] h, T start)
    {
        T s = start;
        for (int k = 1; k <= n; k++) s += T.FromInteger(k) * this[k] * h[n - k];
        return s / T.FromInteger(n);
    }

    public override string ToString() => string.Join(" + ", _c.Select((c, k) => $"({c}) x^{k}"));
}
