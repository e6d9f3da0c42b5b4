using Wick.Algebra.Syntax;

namespace Wick.Algebra.Recursions;

/// <summary>
/// The solution of a linear first-order recursion X^{(ℓ+1)} = A(n_ℓ) X^{(ℓ)} + B from the first layer:
/// X^{(ℓ)} = [Π_{ℓ'=1}^{ℓ−1} A(n_ℓ')] X^{(1)} + Σ_{k=1}^{ℓ−1} [Π_{ℓ'=k+1}^{ℓ−1} A(n_ℓ')] B — products over layers
/// for per-layer widths, powers (and a geometric sum) for a constant width. (3.47) is the homogeneous case.
/// </summary>
public sealed class Solution
{
    private static readonly Symbol LayerWidth = Symbol.Width(Layer.L);

    public Solution(Symbol family, Polynomial multiplier, Polynomial inhomogeneous, Polynomial initial, string initialText)
    {
        Family = family;
        Multiplier = multiplier;
        Inhomogeneous = inhomogeneous;
        Initial = initial;
        InitialText = initialText;
    }

    /// <summary>The quantity at the running layer ℓ, e.g. G4^(l).</summary>
    public Symbol Family { get; }

    /// <summary>A(n_ℓ): the coefficient of X^{(ℓ)} in the recursion (may depend on n_ℓ).</summary>
    public Polynomial Multiplier { get; }

    /// <summary>B: the inhomogeneous term (0 for G_{2m} without bias).</summary>
    public Polynomial Inhomogeneous { get; }

    /// <summary>X^{(1)} in terms of first-layer quantities, e.g. (G2^(1))^m.</summary>
    public Polynomial Initial { get; }

    /// <summary>How <see cref="Initial"/> reads, e.g. <c>(G2^(1))^2</c>.</summary>
    public string InitialText { get; }

    /// <summary>Optional: the width factor c(n) when A = c(n_ℓ) × (a width-free constant).</summary>
    public Polynomial? WidthFactor { get; init; }

    /// <summary>The width-free part of A when <see cref="WidthFactor"/> is set (C_W^m).</summary>
    public Polynomial? Constant { get; init; }

    /// <summary>2m of the width factor c_{2m}(n) (3.46) when <see cref="WidthFactor"/> is one, e.g. 4 for c_4.</summary>
    public int? WidthFactorPoints { get; init; }

    /// <summary>Name of the width factor for printing, e.g. <c>c_4</c>.</summary>
    public string? WidthFactorName => WidthFactorPoints is { } p ? $"c_{p}" : null;

    /// <summary>
    /// Evaluates X^{(ℓ)} for ℓ = widths.Count + 1, given the hidden widths n_1 … n_{ℓ−1}, exact values of the
    /// other symbols (C_W, C_b, first-layer quantities).
    /// </summary>
    public Rational Evaluate(IReadOnlyList<Rational> widths, IReadOnlyDictionary<Symbol, Rational> values)
    {
        Rational A(Rational n)
        {
            var v = new Dictionary<Symbol, Rational>(values) { [LayerWidth] = n };
            return Multiplier.EvaluateRational(v);
        }
        Rational b = Inhomogeneous.IsZero ? Rational.Zero : Inhomogeneous.EvaluateRational(values);
        // Horner form of the closed sum: X = A_{ℓ−1}(…(A_1 X1 + B)…) + B would be the recursion itself; the closed
        // form multiplies the products explicitly.
        Rational x1 = Initial.EvaluateRational(values);
        int layers = widths.Count;
        Rational product = Rational.One;
        for (int k = 0; k < layers; k++) product *= A(widths[k]);
        Rational result = product * x1;
        for (int k = 1; k <= layers; k++)
        {
            Rational p = Rational.One;
            for (int j = k; j < layers; j++) p *= A(widths[j]);
            result += p * b;
        }
        return result;
    }

    /// <summary>The running layer ℓ' of the products over layers.</summary>
    private const string Running = "l'";

    /// <summary>
    /// (3.47) for per-layer widths as a syntax tree:
    /// <c>X^(l) = [prod_{l'=1}^{l-1} A(n_{l'})] X^(1) + B sum_{k=1}^{l-1} prod_{l'=k+1}^{l-1} A(n_{l'})</c>, with A written
    /// c_{2m}(n_{l'}) · C_W^{m(l−1)} when it factors so.
    /// </summary>
    public Identity ToSyntax()
    {
        var last = Layer.L.Previous;
        Expr growth = WidthFactorPoints is { } points && Constant is not null
            ? PolynomialSyntax.Times(
                new LayerProduct(Running, Layer.Concrete(1), last, new CoefficientC(points, new SymbolRef(Symbol.Width(Layer.Symbolic(Running))))),
                new DepthPower(PolynomialSyntax.ToExpr(Constant), 1, last))
            : new LayerProduct(Running, Layer.Concrete(1), last, PolynomialSyntax.ToExpr(Rename(Multiplier)));
        Expr rhs = PolynomialSyntax.Times(growth, PolynomialSyntax.ToExpr(Initial));
        if (!Inhomogeneous.IsZero)
        {
            var tail = new LayerSum("k", Layer.Concrete(1), last,
                new LayerProduct(Running, Layer.Symbolic("k", 1), last, PolynomialSyntax.ToExpr(Rename(Multiplier))));
            rhs = Sum.Of(rhs, PolynomialSyntax.Times(PolynomialSyntax.ToExpr(Inhomogeneous), tail));
        }
        return new Identity(new SymbolRef(Family), rhs, null);
    }

    /// <summary>
    /// The constant-width form (all widths n) as a syntax tree: <c>X^(l) = (A(n))^(l-1) X^(1) + B sum_{k=0}^{l-2} A(n)^k</c>.
    /// </summary>
    public Identity ConstantWidthSyntax()
    {
        var n = new SymbolRef(Symbol.N);
        Expr a = WidthFactorPoints is { } points && Constant is not null
            ? PolynomialSyntax.Times(new CoefficientC(points, n), PolynomialSyntax.ToExpr(Constant))
            : PolynomialSyntax.ToExpr(Multiplier.Substitute(LayerWidth, Polynomial.Var(Symbol.N)));
        Expr rhs = PolynomialSyntax.Times(new DepthPower(a, 1, Layer.L.Previous), PolynomialSyntax.ToExpr(Initial));
        if (!Inhomogeneous.IsZero)
            rhs = Sum.Of(rhs, PolynomialSyntax.Times(PolynomialSyntax.ToExpr(Inhomogeneous),
                new LayerSum("k", Layer.Concrete(0), Layer.L.Shift(-2), new DepthPower(a, 1, Layer.Symbolic("k")))));
        return new Identity(new SymbolRef(Family), rhs, null);
    }

    /// <summary>(3.47)-style text for per-layer widths; <c>wick check</c> reads it back.</summary>
    public override string ToString() => TextPrinter.Print(ToSyntax());

    /// <summary>The constant-width form: (A(n))^{ℓ−1} X^{(1)} (+ B Σ_{k=0}^{ℓ−2} A(n)^k); <c>wick check</c> reads it back.</summary>
    public string ConstantWidthForm() => TextPrinter.Print(ConstantWidthSyntax());

    // A(n_l) ↦ A(n_{l'}): the width of the running layer of the product.
    private static Polynomial Rename(Polynomial p) =>
        p.Substitute(LayerWidth, Polynomial.Var(Symbol.Width(Layer.Symbolic(Running))));
}
