using Wick.Algebra.Cumulants;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Expansions;

/// <summary>Which two-point function the solved correlators are written in.</summary>
public enum TwoPointNormalization
{
    /// <summary>The running G_2^{(ℓ)} as in (3.28), (3.47), (3.55): G_{2m}^{(ℓ)} = [c_{2m}(n)]^{ℓ−1} (G_2^{(ℓ)})^m; C_W cancels.</summary>
    Running,
    /// <summary>The first layer's G_2^{(1)}: G_{2m}^{(ℓ)} = (c_{2m}(n) C_W^m)^{ℓ−1} (G_2^{(1)})^m; criticality is C_W = 1.</summary>
    FirstLayer,
}

/// <summary>
/// Constant-width solutions of the single-input deep linear recursions G_{2m}^{(ℓ+1)} = step_{2m} · G_{2m}^{(ℓ)} (3.45),
/// with the steps supplied by the engine (c_{2m}(n_ℓ) C_W^m, derived there, never typed in here) and the Gaussian first
/// layer G_{2m}^{(1)} = (G_2^{(1)})^m as initial condition (3.34). All hidden widths are set equal to one symbol.
/// </summary>
public sealed class DeepLinearSolutions
{
    private readonly Func<int, Polynomial> _step;
    private readonly Func<int, Polynomial> _initial;
    private readonly Symbol _recursionWidth;
    private readonly Dictionary<int, Polynomial> _steps = [];

    /// <summary>
    /// The engine's own solutions: step_{2m} = <see cref="Solution.Multiplier"/> of <see cref="DeepLinear.SolveSingleInput"/>
    /// (c_{2m}(n_l) C_W^m, derived by Wick pairing and delta contraction) and its derived Gaussian first-layer initial
    /// condition. <paramref name="width"/> defaults to the engine's n_l.
    /// </summary>
    public static DeepLinearSolutions FromEngine(Symbol? width = null, TwoPointNormalization normalization = TwoPointNormalization.Running)
    {
        var cache = new Dictionary<int, Solution>();
        Solution Solve(int m)
        {
            if (!cache.TryGetValue(m, out var s))
            {
                cache[m] = s = DeepLinear.SolveSingleInput(m);
                if (!s.Inhomogeneous.IsZero) throw new InvalidOperationException($"The G{2 * m} recursion is not homogeneous: {s}.");
            }
            return s;
        }
        var n = Symbol.Width(Layer.L);
        return new DeepLinearSolutions(m => Solve(m).Multiplier, n, width ?? n, normalization, m => Solve(m).Initial);
    }

    /// <param name="step">m ↦ the engine's multiplier of G_{2m}^{(ℓ)} in the recursion for G_{2m}^{(ℓ+1)} (m ≥ 1).</param>
    /// <param name="recursionWidth">The width symbol the steps are written in (the engine's n_l).</param>
    /// <param name="width">The common width n of every hidden layer (may equal <paramref name="recursionWidth"/>).</param>
    /// <param name="normalization">Write results in the running or the first-layer two-point function.</param>
    /// <param name="initial">m ↦ G_{2m}^{(1)}; defaults to the Gaussian (G_2^{(1)})^m of (3.34).</param>
    public DeepLinearSolutions(Func<int, Polynomial> step, Symbol recursionWidth, Symbol width, TwoPointNormalization normalization = TwoPointNormalization.Running,
        Func<int, Polynomial>? initial = null)
    {
        _step = step ?? throw new ArgumentNullException(nameof(step));
        _initial = initial ?? (m => Polynomial.Var(Symbol.Correlator(2, Layer.Concrete(1))).Pow(m));
        _recursionWidth = recursionWidth ?? throw new ArgumentNullException(nameof(recursionWidth));
        Width = width ?? throw new ArgumentNullException(nameof(width));
        Normalization = normalization;
    }

    /// <summary>The common hidden width.</summary>
    public Symbol Width { get; }

    /// <summary>The two-point function results are written in.</summary>
    public TwoPointNormalization Normalization { get; }

    /// <summary>The engine's step for G_{2m}, in the common width.</summary>
    public Polynomial Step(int m)
    {
        if (!_steps.TryGetValue(m, out var s))
            _steps[m] = s = _step(m).Substitute(_recursionWidth, Polynomial.Var(Width));
        return s;
    }

    /// <summary>The base of G_{2m}'s depth power: step_{2m} (first-layer form) or step_{2m}/step_2^m = c_{2m}(n) (running form).</summary>
    public Polynomial Base(int m) => Normalization == TwoPointNormalization.FirstLayer ? Step(m) : Step(m).DivideExactly(Step(1).Pow(m));

    /// <summary>The depth symbol of a symbolic layer: <c>l</c> for l, l+1; <c>L</c> for L.</summary>
    public static Symbol DepthOf(Layer layer) =>
        layer.IsConcrete ? throw new ArgumentException($"Layer {layer} is concrete; use AtDepth on the solution instead.", nameof(layer)) : Symbol.Depth(layer.Base!);

    /// <summary>G_{2m}^{(layer)} as a depth solution: base^{(ℓ+k)−1} (G_2)^m for layer ℓ+k.</summary>
    public DepthSolution G(int m, Layer layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        var depth = DepthOf(layer);
        if (Normalization == TwoPointNormalization.FirstLayer)
            return DepthSolution.Power(_initial(m), Base(m), depth, 1 - layer.Offset);
        // Running form: G_{2m}^{(ℓ)} = step_{2m}^{ℓ−1} G_{2m}^{(1)} with G_{2m}^{(1)} = (G_2^{(1)})^m (checked) and
        // G_2^{(ℓ)} = step_2^{ℓ−1} G_2^{(1)}, hence (step_{2m}/step_2^m)^{ℓ−1} (G_2^{(ℓ)})^m.
        if (_initial(m) != _initial(1).Pow(m))
            throw new InvalidOperationException($"G{2 * m}^(1) = {_initial(m)} is not (G2^(1))^{m}: the running form needs a Gaussian first layer.");
        return DepthSolution.Power(Polynomial.Var(Symbol.Correlator(2, layer)).Pow(m), Base(m), depth, 1 - layer.Offset);
    }

    /// <summary>
    /// Substitutes the solutions for every G_{2m}^{(layer)} symbol of a symbolic layer in <paramref name="expression"/>
    /// (e.g. the connected scalar G_6 − 3 G_2 G_4 + 2 G_2³ at layer L). In the running form G_2^{(ℓ)} itself stays.
    /// </summary>
    public DepthSolution Solve(Polynomial expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var map = new Dictionary<Symbol, DepthSolution>();
        Symbol? depth = null;
        foreach (var s in expression.Symbols)
        {
            if (s.Layer is not { IsConcrete: false } layer || s.Kind != AtomKind.Correlator || s.Points % 2 != 0) continue;
            int m = s.Points / 2;
            var d = DepthOf(layer);
            if (depth is not null && depth != d) throw new ArgumentException($"Correlators of different depth symbols {depth} and {d} in one expression.", nameof(expression));
            depth = d;
            if (m == 1 && Normalization == TwoPointNormalization.Running) continue;
            map[s] = G(m, layer);
        }
        return DepthSolution.Compose(expression, map, depth ?? DepthSolution.DefaultDepth);
    }

    /// <summary>The connected 2m-point scalar (pairing tensor factored out) at a symbolic layer, solved: (3.28), (3.57).</summary>
    public DepthSolution Connected(int m, Layer layer) => Solve(PairingConnected.Scalar(m, layer));
}

/// <summary>
/// Fluctuations of the mean-square observable O = (1/n) Σ_j z_j z_j (3.31)–(3.33), contracted from the engine's
/// correlators: Var O = n^{−2} Σ_{j,k} E[z_j z_j z_k z_k] − (n^{−1} Σ_j E[z_j z_j])², which the engine's
/// 4-point tensor turns into (1 + 2/n) G_4 − G_2² = 2/n G_4 + [G_4 − G_2²].
/// </summary>
public static class Fluctuations
{
    /// <summary>
    /// The exact variance of O. <paramref name="correlator"/> returns the engine's E[z_{i_1}⋯z_{i_k}] as a tensor on the
    /// given distinct index names (k = 2, 4); <paramref name="width"/> is the range n of the summed index.
    /// </summary>
    public static Polynomial MeanSquareVariance(Func<IReadOnlyList<string>, TensorPolynomial> correlator, Polynomial width)
    {
        ArgumentNullException.ThrowIfNull(correlator);
        ArgumentNullException.ThrowIfNull(width);
        var invN = width.Pow(-1);
        var mean = Contract(correlator(["i1", "i2"]), [("i1", "i2")], width) * invN;
        var meanSquare = Contract(correlator(["i1", "i2", "i3", "i4"]), [("i1", "i2"), ("i3", "i4")], width) * invN * invN;
        return meanSquare - mean * mean;
    }

    /// <summary>Σ over all indices after identifying each pair (a, b): Σ_{a,b} δ_{ab} T(…a…b…) — a full contraction to a scalar.</summary>
    public static Polynomial Contract(TensorPolynomial tensor, IReadOnlyList<(string A, string B)> identify, Polynomial width)
    {
        var t = tensor * TensorPolynomial.Term(DeltaProduct.FromPairs(identify), Polynomial.One);
        foreach (var (a, b) in identify) t = t.SumOver(a, width).SumOver(b, width);
        return t.TryGetScalar(out var s) ? s : throw new InvalidOperationException($"Contraction left free indices: {t}.");
    }
}
