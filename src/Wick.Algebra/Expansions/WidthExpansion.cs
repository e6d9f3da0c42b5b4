namespace Wick.Algebra.Expansions;

/// <summary>
/// A truncated 1/n expansion: an exact value through total width order K (all width symbols n, n_ℓ, n_{ℓ−1} counted
/// together, see <see cref="Monomial.WidthDegree"/>), with an error O(1/n^{K+1}). When some base of a depth solution
/// does not tend to 1 (e.g. C_W^2 away from criticality), that leading base stays symbolic: the value is
/// Σ_g b_g^{ℓ−ℓ0} P_g(ℓ, 1/n) with each b_g a single monomial (C_W^{2(ℓ−1)}).
/// </summary>
public sealed class WidthSeries
{
    internal WidthSeries(DepthSolution value, int order)
    {
        Value = value;
        Order = order;
    }

    /// <summary>K: the value is exact through 1/n^K.</summary>
    public int Order { get; }

    /// <summary>The truncated value: amplitudes are polynomials in the depth symbol and 1/n; bases are the leading monomials.</summary>
    public DepthSolution Value { get; }

    /// <summary>True when every leading base is 1 (e.g. at criticality): the series is a plain polynomial in ℓ and 1/n.</summary>
    public bool IsPolynomial => Value.Terms.All(t => t.Base == Polynomial.One);

    /// <summary>The series as a polynomial in ℓ and 1/n (only when <see cref="IsPolynomial"/>).</summary>
    public Polynomial ToPolynomial() => IsPolynomial
        ? Polynomial.Sum(Value.Terms.Select(t => t.Amplitude))
        : throw new InvalidOperationException($"The leading bases are not all 1 ({string.Join(", ", Value.Terms.Select(t => t.Base))}); set C_W to its critical value or read Value.");

    /// <summary>The coefficient of 1/n^j as a depth solution (j ≤ <see cref="Order"/>), summing all width symbols of that total order.</summary>
    public DepthSolution Coefficient(int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(j);
        if (j > Order) throw new ArgumentOutOfRangeException(nameof(j), j, $"The series is only known through order {Order}.");
        return DepthSolution.Create(Value.Depth, Value.Offset,
            Value.Terms.Select(t => new DepthTerm(t.Amplitude.Where(m => m.WidthDegree == -j), t.Base)));
    }

    /// <summary>The error term, e.g. <c>O(1/n_l^2)</c>.</summary>
    public string ErrorTerm(bool latex = false)
    {
        var widths = Value.Terms.SelectMany(t => t.Amplitude.Symbols.Concat(t.Base.Symbols)).Where(s => s.IsWidth).Distinct().ToList();
        string n = widths.Count == 1 ? (latex ? widths[0].ToLatex() : widths[0].ToString()) : "n";
        int k = Order + 1;
        return latex ? (k == 1 ? $"O\\left(\\frac{{1}}{{{n}}}\\right)" : $"O\\left(\\frac{{1}}{{{n}^{{{k}}}}}\\right)")
                     : (k == 1 ? $"O(1/{n})" : $"O(1/{n}^{k})");
    }

    /// <summary><c>2 l G2^2/n_l + O(1/n_l^2)</c>.</summary>
    public override string ToString() => (Value.IsZero ? "" : (IsPolynomial ? ToPolynomial().ToString() : Value.ToString()) + " + ") + ErrorTerm();

    /// <summary>LaTeX form with the O-term.</summary>
    public string ToLatex() => (Value.IsZero ? "" : (IsPolynomial ? ToPolynomial().ToLatex() : Value.ToLatex()) + " + ") + ErrorTerm(true);
}

/// <summary>
/// Exact 1/n expansions to a requested order K. For a depth solution term a·b^{N}, N = ℓ − ℓ0, the base is split as
/// b = b_0 (1 + x) with b_0 its width-order-0 part (which must be a single monomial, e.g. 1 or C_W^m) and x = O(1/n);
/// then (1 + x)^N = Σ_{j=0}^{K} binom(N, j) x^j + O(1/n^{K+1}) with binom(N, j) = N(N−1)⋯(N−j+1)/j! a polynomial in
/// the depth symbol — so (3.28) becomes [(1 + 2/n)^{ℓ−1} − 1] G_2² = 2(ℓ−1)/n G_2² + O(1/n²), exactly.
/// </summary>
/// <remarks>
/// Supported widths: any width symbols inside amplitudes and bases (n, n_ℓ, n_{ℓ−1}, …), with the order counted over
/// all of them together. A symbolic-depth product over distinct per-layer widths Π_{ℓ'} c(n_{ℓ'}) is not a
/// <see cref="DepthSolution"/>; for per-layer widths use a concrete depth (<see cref="PerLayer"/>).
/// </remarks>
public static class WidthExpansion
{
    /// <summary>Truncates a polynomial to total width order <paramref name="order"/> (terms up to 1/n^order kept).</summary>
    public static Polynomial Expand(Polynomial value, int order)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        return value.TruncateWidthOrder(order);
    }

    /// <summary>The 1/n expansion of a depth solution through order <paramref name="order"/>.</summary>
    public static WidthSeries Expand(DepthSolution solution, int order)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var depthPoly = Polynomial.Var(solution.Depth) - solution.Offset;
        var terms = new List<DepthTerm>();
        foreach (var t in solution.Terms)
        {
            var (b0, x) = SplitBase(t.Base);
            // Positive powers of n in the amplitude lower the total order: expand (1+x)^N further to compensate.
            int extra = Math.Max(0, t.Amplitude.MaxWidthDegree);
            int k = order + extra;
            var series = Polynomial.Zero;
            var xPow = Polynomial.One;
            for (int j = 0; j <= k; j++)
            {
                series += Binomial(depthPoly, j) * xPow;
                xPow = (xPow * x).TruncateWidthOrder(k);
                if (xPow.IsZero) break;
            }
            terms.Add(new DepthTerm((t.Amplitude * series.TruncateWidthOrder(k)).TruncateWidthOrder(order), b0));
        }
        return new WidthSeries(DepthSolution.Create(solution.Depth, solution.Offset, terms), order);
    }

    /// <summary>
    /// Splits a base b = b_0 (1 + x): b_0 is its width-order-0 part and must be a single monomial; x = (b − b_0)/b_0
    /// has every term of order ≥ 1 in 1/n. Throws when b has positive powers of a width or b_0 is not invertible.
    /// </summary>
    public static (Polynomial Leading, Polynomial Correction) SplitBase(Polynomial @base)
    {
        ArgumentNullException.ThrowIfNull(@base);
        if (@base.MaxWidthDegree > 0)
            throw new ArgumentException($"The base {@base} grows with the width; a 1/n expansion needs bases of order 1.", nameof(@base));
        var b0 = @base.Where(m => m.WidthDegree == 0);
        if (!b0.IsSingleTerm)
            throw new ArgumentException($"The large-width limit of the base {@base} is {(b0.IsZero ? "0" : b0.ToString())}, not a single monomial; cannot expand its depth power in 1/n.", nameof(@base));
        var (m, c) = b0.Terms[0];
        var x = (@base - b0) / m / c;
        return (b0, x);
    }

    /// <summary>binom(N, j) = N(N−1)⋯(N−j+1)/j! for a polynomial N (the depth ℓ − ℓ0).</summary>
    public static Polynomial Binomial(Polynomial n, int j)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(j);
        var result = Polynomial.One;
        Rational factorial = Rational.One;
        for (int i = 0; i < j; i++)
        {
            result *= n - i;
            factorial *= i + 1;
        }
        return result / factorial;
    }

    /// <summary>
    /// Per-layer widths at a concrete depth: Π_{ℓ'=from}^{to} step(n_{ℓ'}) where <paramref name="step"/> is written in
    /// the width <paramref name="stepWidth"/> (e.g. c_{2m}(n_l) C_W^m from the engine's recursion) and layer ℓ' gets the
    /// width symbol <paramref name="widthOfLayer"/>(ℓ'). Exact; truncate afterwards with <see cref="Expand(Polynomial, int)"/>.
    /// </summary>
    public static Polynomial PerLayer(Polynomial step, Symbol stepWidth, int from, int to, Func<int, Symbol> widthOfLayer)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(widthOfLayer);
        var result = Polynomial.One;
        for (int l = from; l <= to; l++)
            result *= step.Substitute(stepWidth, Polynomial.Var(widthOfLayer(l)));
        return result;
    }
}
