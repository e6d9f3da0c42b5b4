using System.Text;

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

    /// <summary>Name of the width factor for printing, e.g. <c>c_4</c>.</summary>
    public string? WidthFactorName { get; init; }

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

    /// <summary>(3.47)-style text for per-layer widths.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder($"{Family} = ");
        if (WidthFactor is not null && Constant is not null)
        {
            sb.Append($"[prod_{{l'=1}}^{{l-1}} {WidthFactorName}(n_{{l'}})] ");
            sb.Append(PowerText(Constant.ToString(), "(l-1)")).Append(' ');
        }
        else
            sb.Append($"[prod_{{l'=1}}^{{l-1}} ({Rename(Multiplier)})] ");
        sb.Append(InitialText);
        if (!Inhomogeneous.IsZero)
            sb.Append($" + ({Inhomogeneous}) sum_{{k=1}}^{{l-1}} prod_{{l'=k+1}}^{{l-1}} ({Rename(Multiplier)})");
        return sb.ToString();
    }

    /// <summary>The constant-width form: (A(n))^{ℓ−1} X^{(1)} (+ B Σ_{k=0}^{ℓ−2} A(n)^k).</summary>
    public string ConstantWidthForm()
    {
        string a = WidthFactor is not null && Constant is not null
            ? $"{WidthFactorName}(n) {Constant}"
            : Multiplier.Substitute(LayerWidth, Polynomial.Var(Symbol.N)).ToString();
        string text = $"{Family} = ({a})^(l-1) {InitialText}";
        if (!Inhomogeneous.IsZero) text += $" + ({Inhomogeneous}) sum_{{k=0}}^{{l-2}} ({a})^k";
        return text;
    }

    private static string PowerText(string b, string e) => b.Contains(' ') || b.Contains('^') ? $"({b})^{e}" : $"{b}^{e}";

    private static string Rename(Polynomial p) =>
        p.Substitute(LayerWidth, Polynomial.Var(Symbol.Width(Layer.Symbolic("l'")))).ToString();
}
