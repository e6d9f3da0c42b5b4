namespace Wick.Algebra.Expansions;

/// <summary>The order of an O(…) term in an asymptotic statement.</summary>
public abstract record AsymptoticOrder
{
    /// <summary>O(1/n^k): terms of total width order k and beyond are neglected.</summary>
    public static AsymptoticOrder InverseWidth(int k) => new InverseWidthOrder(k);

    /// <summary>O(s^k) in a small parameter s (the aspect ratio r = L/n): powers s^k and beyond are neglected.</summary>
    public static AsymptoticOrder PowerOf(Symbol s, int k) => new SeriesOrder(s, k);
}

/// <summary>O(1/n^K) counted over all width symbols together.</summary>
public sealed record InverseWidthOrder(int K) : AsymptoticOrder
{
    public override string ToString() => K == 1 ? "O(1/n)" : $"O(1/n^{K})";
}

/// <summary>O(s^K) in a series variable s.</summary>
public sealed record SeriesOrder(Symbol Variable, int K) : AsymptoticOrder
{
    public override string ToString() => K == 1 ? $"O({Variable})" : $"O({Variable}^{K})";
}

/// <summary>The outcome of an asymptotic comparison: whether lhs = rhs + O(…), and the difference kept at the compared orders.</summary>
/// <param name="Holds">True when lhs − rhs vanishes through the compared orders.</param>
/// <param name="Difference">lhs − rhs truncated to the compared orders (zero when <paramref name="Holds"/>); a depth solution
/// because a 1/n-truncated difference may keep a symbolic leading base (C_W^{2(ℓ−1)}) away from criticality.</param>
/// <param name="Order">The O(…) used.</param>
public sealed record AsymptoticCheckResult(bool Holds, DepthSolution Difference, AsymptoticOrder Order)
{
    /// <summary><c>holds up to O(1/n^2)</c>, or the difference.</summary>
    public override string ToString() => Holds ? $"holds up to {Order}" : $"differs: lhs - rhs = {Difference} + {Order}";
}

/// <summary>
/// Verifying asymptotic statements such as (3.28) "G_4 − G_2² = 2(ℓ−1)/n G_2² + O(1/n²)" or (3.57)
/// "(e^{6r} − 3e^{2r} + 2) G³ = 12 r² G³ + O(r³)": both sides are expanded to one order below the O-term and compared
/// exactly. lhs = rhs + O(1/n^k) holds iff every term of lhs − rhs has width order ≥ k.
/// </summary>
public static class AsymptoticCheck
{
    /// <summary>Compares two polynomials up to <paramref name="order"/>.</summary>
    public static AsymptoticCheckResult Compare(Polynomial lhs, Polynomial rhs, AsymptoticOrder order)
    {
        ArgumentNullException.ThrowIfNull(lhs);
        ArgumentNullException.ThrowIfNull(rhs);
        var d = Truncate(lhs - rhs, order);
        return new AsymptoticCheckResult(d.IsZero, DepthSolution.Constant(d, DepthSolution.DefaultDepth), order);
    }

    /// <summary>
    /// Compares depth solutions (exact symbolic-depth results, e.g. the solved correlators) up to O(1/n^k) by expanding
    /// lhs − rhs through 1/n^{k−1}; or, for O(r^k), by taking the double-scaling limit in <paramref name="width"/> and
    /// its r-series through r^{k−1}.
    /// </summary>
    public static AsymptoticCheckResult Compare(DepthSolution lhs, DepthSolution rhs, AsymptoticOrder order, Symbol? width = null)
    {
        ArgumentNullException.ThrowIfNull(lhs);
        ArgumentNullException.ThrowIfNull(rhs);
        var diff = lhs - rhs;
        switch (order)
        {
            case InverseWidthOrder w:
                if (w.K < 1) throw new ArgumentOutOfRangeException(nameof(order), "O(1/n^k) needs k ≥ 1.");
                var series = WidthExpansion.Expand(diff, w.K - 1).Value;
                return new AsymptoticCheckResult(series.IsZero, series, order);
            case SeriesOrder s:
                var n = width ?? throw new ArgumentException("An O(r^k) comparison of depth solutions needs the width symbol n (r = L/n).", nameof(width));
                var limit = DoubleScaling.Limit(diff, n, 0, s.Variable);
                return Compare(limit, Polynomial.Zero, s);
            default:
                throw new ArgumentException($"Unknown order {order}.", nameof(order));
        }
    }

    /// <summary>Compares an exponential polynomial in r (a double-scaling result) with a polynomial, up to O(r^k).</summary>
    public static AsymptoticCheckResult Compare(ExponentialPolynomial lhs, Polynomial rhs, SeriesOrder order)
    {
        ArgumentNullException.ThrowIfNull(lhs);
        ArgumentNullException.ThrowIfNull(rhs);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Variable != lhs.Variable) throw new ArgumentException($"The series variable {order.Variable} differs from {lhs.Variable}.", nameof(order));
        if (order.K < 1) throw new ArgumentOutOfRangeException(nameof(order), "O(r^k) needs k ≥ 1.");
        var d = lhs.SeriesInR(order.K - 1) - rhs.Truncate(order.Variable, order.K - 1);
        return new AsymptoticCheckResult(d.IsZero, DepthSolution.Constant(d, DepthSolution.DefaultDepth), order);
    }

    /// <summary>
    /// The entry point behind <c>wick check "lhs = rhs + O(…)"</c> for deep linear correlators: both sides are polynomials
    /// in G_{2m} at one symbolic layer (and r, widths, hyperparameters); each is replaced by the engine's solution
    /// (<see cref="DeepLinearSolutions.FromEngine"/>), the substitutions of <paramref name="options"/> are applied
    /// (C_W = 1), and lhs − rhs is expanded through one order below the O-term — in 1/n, or for O(r^k) in the
    /// double-scaling limit (r = L/n, the common width of <paramref name="options"/>).
    /// </summary>
    /// <example><c>CompareCorrelators(G6 − 3 G2 G4 + 2 G2³, 12 r² G2³, AsymptoticOrder.PowerOf(r, 3))</c> holds (3.57).</example>
    public static AsymptoticCheckResult CompareCorrelators(Polynomial lhs, Polynomial rhs, AsymptoticOrder order, ExpansionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lhs);
        ArgumentNullException.ThrowIfNull(rhs);
        ArgumentNullException.ThrowIfNull(order);
        options ??= new ExpansionOptions();
        var depth = CorrelatorExpansion.DepthSymbolOf(lhs - rhs);
        var width = options.Width ?? CorrelatorExpansion.DefaultWidth(depth);
        var engineWidth = Symbol.Width(Layer.L);
        var diff = width == engineWidth ? lhs - rhs : (lhs - rhs).Substitute(engineWidth, Polynomial.Var(width));
        var solved = DeepLinearSolutions.FromEngine(width, options.Normalization).Solve(diff);
        if (options.Substitutions.Count > 0) solved = solved.Substitute(options.Substitutions);
        return Compare(solved, DepthSolution.Constant(Polynomial.Zero, solved.Depth), order, width);
    }

    /// <summary>Drops everything inside the O-term.</summary>
    public static Polynomial Truncate(Polynomial p, AsymptoticOrder order) => order switch
    {
        InverseWidthOrder w => p.TruncateWidthOrder(w.K - 1),
        SeriesOrder s => p.Truncate(s.Variable, s.K - 1),
        _ => throw new ArgumentException($"Unknown order {order}.", nameof(order)),
    };
}
