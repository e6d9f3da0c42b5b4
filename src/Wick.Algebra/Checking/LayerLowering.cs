using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Checking;

/// <summary>
/// The engine cannot decide an identity (its quantities are related in ways it does not rewrite, or the rewrite
/// would blow up). Never a verdict: reported as exit 2 "cannot decide: …".
/// </summary>
public sealed class CannotDecideException(string message) : EvaluationException("cannot decide: " + message);

/// <summary>Moves a polynomial derived at the running layer ℓ (symbols at ℓ+j) to another layer.</summary>
public static class LayerMove
{
    /// <summary>ℓ+j ↦ <paramref name="target"/>+j for every symbol of the running layer ℓ (spelled <c>l</c>).</summary>
    public static Polynomial FromRunningLayer(Polynomial p, Layer target)
    {
        return target == Layer.L ? p : p.MapLayers(l => l.Rebase("l", target));
    }
}

/// <summary>How the quantities left in a difference relate (after lowering), i.e. whether "does not hold" is sound.</summary>
public enum Independence
{
    /// <summary>Algebraically independent (free through the inputs): a non-zero difference is a counterexample.</summary>
    Independent,
    /// <summary>Related at a concrete layer ≥ 1 (e.g. G4^(2) and G2^(2)): decide at the inputs, layer 0.</summary>
    DecideAtInputs,
    /// <summary>Related in a way the engine does not rewrite: no verdict.</summary>
    Undecidable,
}

/// <summary>
/// One layer convention for <c>check</c>: per chain of layers (a symbolic base l or L, or the concrete chain 0, 1, 2, …)
/// every deep-linear quantity (G_{2m}, K, V, V6, …) is rewritten through the derived recursions (3.45), (4.42) down
/// to the lowest layer of that chain present in the identity; the concrete layer 1 is rewritten to the inputs
/// (3.18). An identity therefore checks the same written at l+1/l, l/l−1, L/L−1 or 3/2.
/// </summary>
/// <remarks>
/// A non-zero difference is a verdict only when what is left is algebraically independent: inputs (layer 0), a single
/// quantity, metric components K alone, or single-input G_{2m} alone at a symbolic layer (their ratios are products
/// over all earlier widths). Quantities left at a concrete layer ≥ 1 that are related (G4^(2) = c_4(n_1) G2^(2)²)
/// are decided at the inputs; anything else (two chains, V with K at a symbolic layer) is "cannot decide".
/// </remarks>
public sealed class LayerLowering(bool bias, bool perLayerHyperparameters = false)
{
    private readonly Dictionary<Symbol, Polynomial> _steps = [];

    /// <summary>Refuse a rewrite that would expand into more terms than this (it could run for minutes).</summary>
    public const int MaxTerms = 100_000;

    /// <summary>Refuse rewriting across more layers than this in one identity.</summary>
    public const int MaxLayers = 2_000;

    /// <summary>Whether the network has biases.</summary>
    public bool Bias { get; } = bias;

    /// <summary>Whether C_W, C_b carry their layer (<see cref="LayerHyperparameters"/>): each step binds them to the layer it produces.</summary>
    public bool PerLayerHyperparameters { get; } = perLayerHyperparameters;

    /// <summary>A quantity of the network bound to a layer (G_{2m}, K, K^{-1}, V, the metrics): what "independent" is about.</summary>
    public static bool IsQuantity(Symbol s) => s.IsQuantity && s.Layer is not null;

    /// <summary>True when <paramref name="s"/> has a derived deep-linear step to the layer below: G_{2m}, K, V, V6, … above the inputs.</summary>
    public static bool CanLower(Symbol s) =>
        s.Kind is AtomKind.Correlator or AtomKind.Kernel or AtomKind.Vertex && s.Layer is { } l && l != Layer.Concrete(0);

    private static bool IsG(Symbol s) => s.Kind == AtomKind.Correlator;

    /// <summary>The derived value of a quantity at layer λ in terms of layer λ−1 (the inputs for λ = 1).</summary>
    public Polynomial Step(Symbol s)
    {
        if (_steps.TryGetValue(s, out var cached)) return cached;
        if (!CanLower(s)) throw new InvalidOperationException($"{s} has no step to a lower layer.");
        var layer = s.Layer!.Value;
        bool first = layer == Layer.Concrete(1);
        Polynomial step;
        if (IsG(s))
        {
            int points = s.Points;
            step = points % 2 != 0 ? Polynomial.Zero
                : first ? DeepLinear.FirstLayerSingleInput(points / 2, Bias).Step
                : LayerMove.FromRunningLayer(DeepLinear.SingleInput(points / 2, Bias).Step, layer.Previous);
        }
        else
        {
            var pairs = s.IndexPairs;
            step = first ? DeepLinear.FirstLayerVertex(pairs, Bias).Step
                : LayerMove.FromRunningLayer(DeepLinear.Vertex(pairs, Bias).Step, layer.Previous);
        }
        return _steps[s] = PerLayerHyperparameters ? LayerHyperparameters.BindTo(step, layer) : step;
    }

    /// <summary>Every quantity rewritten down to the lowest layer of its chain present in any of <paramref name="sides"/>.</summary>
    public TensorPolynomial[] ToLowestLayers(params TensorPolynomial[] sides)
    {
        var floors = Quantities(sides).GroupBy(s => s.Layer!.Value.Base)
            .ToDictionary(g => g.Key ?? "", g => g.Min(s => s.Layer!.Value.Offset));
        return sides.Select(t => t.Map(c => Lower(c, s => floors.TryGetValue(s.Layer!.Value.Base ?? "", out int f) ? f : null))).ToArray();
    }

    /// <summary>Every quantity of the concrete chain rewritten down to the inputs (layer 0).</summary>
    public TensorPolynomial ToInputs(TensorPolynomial t) => t.Map(c => Lower(c, s => s.Layer!.Value.IsConcrete ? 0 : null));

    /// <summary>The quantity symbols of the given tensors.</summary>
    public static IReadOnlyList<Symbol> Quantities(params TensorPolynomial[] sides) =>
        sides.SelectMany(t => t.Coefficients.SelectMany(c => c.Symbols)).Where(IsQuantity).Distinct().ToList();

    /// <summary>Whether a non-zero difference in these (lowered) quantities is a counterexample; <paramref name="why"/> says why not.</summary>
    public static Independence Classify(IReadOnlyList<Symbol> quantities, out string why)
    {
        why = "";
        if (quantities.Count == 0) return Independence.Independent;
        var chains = quantities.Select(s => s.Layer!.Value.Base).Distinct().ToList();
        if (chains.Count > 1)
        {
            why = $"the identity mixes quantities of different chains of layers ({string.Join(", ", quantities.Select(s => s.ToString()))}): " +
                  "a symbolic and a concrete layer, or two depth symbols, which the derived recursions do not relate; write it at one chain of layers";
            return Independence.Undecidable;
        }
        var layers = quantities.Select(s => s.Layer!.Value).Distinct().ToList();
        if (layers.Count > 1)
        {
            why = $"quantities remain at different layers ({string.Join(", ", quantities.Select(s => s.ToString()))}) after rewriting";
            return Independence.Undecidable;
        }
        var layer = layers[0];
        bool single = quantities.Count == 1;
        if (layer == Layer.Concrete(0) || quantities.All(s => s.Kind == AtomKind.Kernel) || (single && IsG(quantities[0])))
            return Independence.Independent;
        if (layer.IsConcrete) return Independence.DecideAtInputs;   // e.g. V^(1) = 0, G4^(2) = c_4(n_1) G2^(2)^2
        if (single || quantities.All(IsG)) return Independence.Independent;
        why = $"{string.Join(", ", quantities.Select(s => s.ToString()))} at layer {layer} are related through the layers below " +
              "(the four-point vertex is built from the metric), and the engine does not rewrite a symbolic layer to the inputs; " +
              "check the identity at a concrete layer (e.g. 3 and 2) instead";
        return Independence.Undecidable;
    }

    /// <summary>The lowest layer offset written per chain (key: the symbolic base, "" for concrete layers) anywhere in an expression.</summary>
    public static Dictionary<string, int> Floors(Expr e)
    {
        var floors = new Dictionary<string, int>();
        void Add(Layer? l)
        {
            if (l is not { } x) return;
            string key = x.Base ?? "";
            floors[key] = floors.TryGetValue(key, out int f) ? Math.Min(f, x.Offset) : x.Offset;
        }
        void Walk(Expr? x)
        {
            switch (x)
            {
                case Identity i: Walk(i.Lhs); Walk(i.Rhs); break;
                case Sum s: foreach (var t in s.Terms) Walk(t); break;
                case Product p: foreach (var t in p.Factors) Walk(t); break;
                case Power p: Walk(p.Base); break;
                case Quotient q: Walk(q.Numerator); Walk(q.Denominator); break;
                case Negate n: Walk(n.Operand); break;
                case IndexSum s: Walk(s.Lower); Walk(s.Upper); Walk(s.Body); break;
                case Expectation x1: Walk(x1.Body); break;
                case GaussianExpectation g: Add(g.KernelLayer); Walk(g.Body); break;
                case HelperFunction h: Add(h.Layer); break;
                case Quantity q: Add(q.Layer); break;
                case Field f: Add(f.Layer); break;
            }
        }
        Walk(e);
        return floors;
    }

    private Polynomial Lower(Polynomial p, Func<Symbol, int?> floorOf)
    {
        for (int round = 0; ; round++)
        {
            var above = p.Symbols.Where(s => CanLower(s) && floorOf(s) is { } f && s.Layer!.Value.Offset > f).ToList();
            if (above.Count == 0) return p;
            if (round >= MaxLayers)
                throw new CannotDecideException($"rewriting {above[0]} down its chain takes more than {MaxLayers} layers.");
            var map = above.ToDictionary(s => s, Step);
            // At most Σ_terms Π_factors |step|^|e| terms come out (a product over all symbols at once would refuse
            // an 8-point coefficient whose terms each hold a few of its fifteen quantities).
            double bound = p.Terms.Sum(t => t.Monomial.Factors.Aggregate(1.0, (acc, f) =>
                map.TryGetValue(f.Symbol, out var step) ? acc * Math.Pow(Math.Max(1, step.Count), Math.Abs(f.Exponent)) : acc));
            if (bound > MaxTerms)
                throw new CannotDecideException(
                    $"rewriting {above[0]} down to layer {floorOf(above[0])} multiplies out too many terms (more than {MaxTerms}); " +
                    "write the identity between nearer layers, or evaluate it numerically with wick eval.");
            p = SubstituteSteps(p, map);
        }
    }

    /// <summary>
    /// <paramref name="p"/> with quantities replaced by their steps. A quantity in a denominator whose step is a sum
    /// cannot be rewritten: the result would be a rational function, not a Laurent polynomial.
    /// </summary>
    public static Polynomial SubstituteSteps(Polynomial p, IReadOnlyDictionary<Symbol, Polynomial> steps)
    {
        foreach (var (m, _) in p.Terms)
            foreach (var (s, e) in m.Factors)
                if (e < 0 && steps.TryGetValue(s, out var v) && !v.IsSingleTerm)
                    throw new CannotDecideException(
                        $"{s} appears in a denominator and its rewrite {v} is a sum, so the identity is not a Laurent polynomial " +
                        "in the lower layer's quantities; multiply both sides by the denominator.");
        return p.Substitute(steps);
    }
}
