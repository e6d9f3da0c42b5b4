using Wick.Algebra.Syntax;

namespace Wick.Algebra.Checking;

/// <summary>
/// Per-layer initialization hyperparameters C_W^{(ℓ)}, C_b^{(ℓ)}, as the book writes (4.115), (4.118), (4.119):
/// the step from layer ℓ to ℓ+1 draws W^{(ℓ+1)}, b^{(ℓ+1)}, so a step derived with layer-independent C_W, C_b is
/// bound to the layer it produces. An identity either writes every C_W, C_b with a layer or none.
/// </summary>
public static class LayerHyperparameters
{
    /// <summary>
    /// True when <paramref name="identity"/> writes C_W^{(…)} or C_b^{(…)} with a layer; refuses (exit 2) an identity that
    /// mixes per-layer and layer-independent ones, which would compare two different models.
    /// </summary>
    public static bool PerLayer(Expr identity)
    {
        bool perLayer = false, layerIndependent = false; // a plain loop: a LINQ chain here costs ~1 ms of native start-up (issue 16)
        foreach (var node in SyntaxTree.Nodes(identity))
            if (node is SymbolRef { Symbol: { Kind: AtomKind.WeightVariance or AtomKind.BiasVariance } s })
                (s.Layer is null ? ref layerIndependent : ref perLayer) = true;
        if (perLayer && layerIndependent)
            throw new EvaluationException(
                "the identity writes both per-layer C_W^(l), C_b^(l) and layer-independent C_W, C_b: write every one with its layer (C_W^(l+1)) or none (C_W).");
        return perLayer;
    }

    /// <summary>A step derived with layer-independent C_W, C_b, bound to the layer <paramref name="above"/> it produces.</summary>
    public static Polynomial BindTo(Polynomial step, Layer above) => step.Substitute(new Dictionary<Symbol, Polynomial>
    {
        [Symbol.CW] = Polynomial.Var(Symbol.WeightVariance(above)),
        [Symbol.Cb] = Polynomial.Var(Symbol.BiasVariance(above)),
    });
}
