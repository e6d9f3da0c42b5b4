using Wick.Algebra.Activations;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Syntax;

namespace Wick.Algebra.Checking;

/// <summary>
/// The constants of the scale-invariant universality class (5.112)–(5.117), as the book writes them:
/// A_2 = ⟨σ(z)σ(z)⟩_K / K, A_4 = ⟨σ^4(z)⟩_K / (3K²) (so that (5.113) reads C_W²(3A_4 − A_2²)K²) and χ = χ_∥ = C_W A_2.
/// Derived from the activation the check is given (--activation relu, linear, …), never typed in; an activation whose
/// ratios depend on K is not in the class, and the symbolic σ has no values: both refused.
/// </summary>
public static class ScaleInvariantConstants
{
    private static readonly Symbol Chi = Symbol.FromName("chi"), A2 = Symbol.FromName("A_2"), A4 = Symbol.FromName("A_4");

    /// <summary>
    /// <paramref name="settings"/> with χ, A_2, A_4 set when <paramref name="identity"/> writes them; unchanged otherwise.
    /// </summary>
    /// <param name="identity">The identity as parsed.</param>
    /// <param name="settings">The request's settings (--set), kept.</param>
    /// <param name="activation">The mlp model's activation; null for the deep linear model, where these are refused
    /// (its σ(z) = z is in the class, but the constants are read only with --model mlp and the activation named).</param>
    public static IReadOnlyDictionary<Symbol, Polynomial>? With(Identity identity, IGaussianActivation? activation, IReadOnlyDictionary<Symbol, Polynomial>? settings)
    {
        bool written = false; // a plain loop: a LINQ chain here costs ~1 ms of native start-up (generic virtual lookup; issue 16)
        foreach (var node in SyntaxTree.Nodes(identity))
            written |= node is SymbolRef r && (r.Symbol == Chi || r.Symbol == A2 || r.Symbol == A4);
        if (!written) return settings;
        if (activation is null)
            throw new EvaluationException("chi, A_2, A_4 (5.112)-(5.115) are read with --model mlp and a scale-invariant activation (--activation relu or linear).");
        if (activation is SymbolicActivation)
            throw new EvaluationException("chi, A_2, A_4 are the constants of the scale-invariant activations (5.112)-(5.114): give one, --activation relu or linear.");
        var all = new Dictionary<Symbol, Polynomial>(settings ?? new Dictionary<Symbol, Polynomial>());
        var a2 = Ratio(2, 1, activation);
        all.TryAdd(A2, a2);
        all.TryAdd(A4, Ratio(4, 3, activation));
        all.TryAdd(Chi, Polynomial.Var(Symbol.CW) * a2);
        return all;
    }

    // ⟨σ^p(z)⟩_K / (c K^{p/2}) for the single input, required independent of K.
    private static Polynomial Ratio(int p, int c, IGaussianActivation activation)
    {
        const string x = ExpressionEvaluator.SingleInput;
        var kernel = Symbol.Kernel(Layer.L, x, x);
        var mean = GaussianReducer.NormalizeAll(Polynomial.Var(GaussianExpectations.Of(Enumerable.Repeat(GaussianFactor.Sigma(x), p), Layer.L)), activation);
        var ratio = mean * Polynomial.FromMonomial(Monomial.Of(kernel).Pow(-p / 2)) * (Rational.One / c);
        if (ratio.Symbols.Any(s => s.Kind is AtomKind.Kernel or AtomKind.GaussianExpectation))
            throw new EvaluationException($"--activation {activation.Name} is not scale-invariant: <sigma^{p}(z)>_K / K^{p / 2} = {ratio} depends on K, so chi, A_2, A_4 (5.112)-(5.114) are not its constants.");
        return ratio;
    }
}
