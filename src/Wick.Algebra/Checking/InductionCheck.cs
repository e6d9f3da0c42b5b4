using Wick.Algebra.Tensors;
using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;

namespace Wick.Algebra.Checking;

/// <summary>
/// Closed forms at symbolic depth — products over layers Π_{ℓ'=1}^{ℓ−1} c_{2m}(n_ℓ'), powers (c_{2m}(n) C_W^m)^{ℓ−1}
/// and C_W^ℓ, sums over layers (3.47) — decided by induction over the engine's own recursion
/// X^{(ℓ+1)} = A(n_ℓ) X^{(ℓ)} + B (derived, not typed):
/// <list type="bullet">
/// <item>base case at the lowest layer ℓ0 ≥ 1 where every product over layers is defined (ℓ0 = 1 for Π_{ℓ'=1}^{ℓ−1}:
/// the product is empty, the power is 1), compared exactly; for G_{2m} without biases the first layer is Gaussian,
/// G_{2m}^{(1)} = (G_2^{(1)})^m, as <see cref="DeepLinear.SolveSingleInput"/> derives (applied everywhere);</item>
/// <item>step: the closed form F at ℓ+1 is written through F's own depth-dependent parts at ℓ, each an independent
/// symbol (a product over layers gains its factor at the new last layer, a power its base, a sum over layers one
/// term), and F(ℓ+1) − A(n_ℓ) F(ℓ) − B must vanish as a polynomial. Plain <c>n</c> means all widths equal
/// (n_ℓ = n in the recursion); n_{ℓ'} inside a product means per-layer widths.</item>
/// </list>
/// Base and step both hold: a proof (holds). When the step does not close, the closed form is compared with the
/// recursion unrolled exactly at ℓ0+1 … ℓ0+3; a difference there is a counterexample (does not hold); otherwise, or
/// when the form is outside this scheme, an <see cref="EvaluationException"/> says the check cannot decide (exit 2).
/// </summary>
public static class InductionCheck
{
    private const int MaxExpanded = 64;
    private const int Unrolled = 3;

    /// <summary>True when the identity has a product or sum over layers or a power growing with depth.</summary>
    public static bool Applies(Identity identity) => SyntaxTree.Nodes(identity).Any(n => n is LayerRange or DepthPower);

    /// <summary>Decides the identity by induction (see the class remarks).</summary>
    /// <exception cref="EvaluationException">The induction cannot decide it.</exception>
    public static CheckResult Check(Identity identity, bool bias, IReadOnlyDictionary<Symbol, Polynomial>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (Isolated(identity) is { } isolated) identity = isolated;
        var (quantity, closed) = identity.Lhs is Quantity { Layer.IsConcrete: false } q ? (q, identity.Rhs)
            : identity.Rhs is Quantity { Layer.IsConcrete: false } q2 ? (q2, identity.Lhs)
            : throw Undecided("one side must be a named quantity at a symbolic layer, e.g. G4^(l) = (c_4(n) C_W^2)^(l-1) G4^(1)");
        if (identity.Remainder is not null) throw Undecided("a closed form over layers is checked exactly; drop the O(...) remainder");
        if (quantity.Layer.Offset > 0)
        {
            // G^{(l+1)} = F(l) (the lectures' layer counting, 49) is G^{(l)} = F(l − 1): every layer and the depth shifted.
            int shift = -quantity.Layer.Offset;
            string depth = quantity.Layer.Base!;
            Expr Shifted(Expr e) => SyntaxTree.Rewrite(SyntaxTree.MapLayers(e, l => l.Base == depth ? l.Shift(shift) : l),
                x => x is SymbolRef { Symbol: var s } && s == Symbol.Depth(depth) ? Sum.Of(x, new Number(shift)) : null);
            return Check(new Identity(Shifted(identity.Lhs), Shifted(identity.Rhs), identity.Remainder), bias, settings);
        }
        if (quantity.Layer.Offset != 0)
            throw Undecided($"write the closed form for the quantity at layer {quantity.Layer.Base}, not {quantity.Layer}");
        try
        {
            return new Induction(quantity, closed, bias, settings).Run();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw Undecided($"a layer below the input layer 0 ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>
    /// G_4^{(ℓ)} − (G_2^{(ℓ)})² = F (3.28): a side that is a sum with exactly one named quantity at a symbolic layer of the
    /// highest point count (the others moved across) becomes G_4^{(ℓ)} = F + (G_2^{(ℓ)})², the same statement. Null when
    /// neither side is such a sum (or a side is already a lone quantity).
    /// </summary>
    private static Identity? Isolated(Identity identity)
    {
        if (identity.Lhs is Quantity || identity.Rhs is Quantity) return null;
        foreach (var (side, other) in new[] { (identity.Lhs, identity.Rhs), (identity.Rhs, identity.Lhs) })
        {
            if (side is not Sum sum) continue;
            var named = sum.Terms.OfType<Quantity>().Where(x => !x.Layer.IsConcrete).ToList();
            if (named.Count != 1 || SyntaxTree.Nodes(new Sum(sum.Terms.Where(t => !ReferenceEquals(t, named[0])).ToEquatableList()))
                    .OfType<Quantity>().Any(x => x.Kind == named[0].Kind && x.Points >= named[0].Points))
                continue;
            var moved = sum.Terms.Where(t => !ReferenceEquals(t, named[0])).Select(t => t is Negate n ? n.Operand : new Negate(t));
            return identity with { Lhs = named[0], Rhs = new Sum(moved.Prepend(other).ToEquatableList()) };
        }
        return null;
    }

    internal static EvaluationException Undecided(string why) =>
        new($"cannot decide this closed form by induction over layers: {why}.");

    private sealed class Induction
    {
        private readonly Quantity _quantity;
        private readonly Expr _closed;
        private readonly string _depth;
        private readonly bool _bias;
        private readonly bool _equalWidths;
        private readonly IReadOnlyDictionary<Symbol, Polynomial>? _settings;
        private readonly ExpressionEvaluator _evaluator;
        private readonly Dictionary<Expr, Symbol> _atoms = [];
        private readonly Dictionary<Symbol, Polynomial> _firstLayer = [];
        private static readonly Symbol N = Symbol.N;

        public Induction(Quantity quantity, Expr closed, bool bias, IReadOnlyDictionary<Symbol, Polynomial>? settings)
        {
            _quantity = quantity;
            _closed = closed;
            _depth = quantity.Layer.Base!;
            _bias = bias;
            _settings = settings;
            _evaluator = new ExpressionEvaluator(bias);
            var bound = SyntaxTree.Nodes(closed).OfType<LayerRange>().Select(r => r.Variable).ToHashSet();
            var free = SyntaxTree.Layers(closed).Where(l => !l.IsConcrete && !bound.Contains(l.Base!)).Select(l => l.Base!).Distinct().ToList();
            if (free.Any(b => b != _depth))
                throw Undecided($"the closed form runs over layer {string.Join(", ", free.Where(b => b != _depth))} but the quantity is at layer {_depth}");
            // The first layer is Gaussian: G_{2m}^(1) = (G_2^(1))^m, as the engine derives it (3.34); a fact at every step.
            if (!bias && quantity is { Kind: QuantityKind.G, Indices.Count: 0, Points: > 2 and var points })
            {
                var first = Scalar(_evaluator.Evaluate(quantity with { Layer = Layer.Concrete(1) })).Symbols[0];
                _firstLayer[first] = DeepLinear.SolveSingleInput(points / 2).Initial;
            }
            _equalWidths = SyntaxTree.Nodes(closed).Any(e => e is SymbolRef { Symbol: var s } && s == N);
            if (_equalWidths && SyntaxTree.Nodes(closed).Any(e => e is SymbolRef { Symbol: { IsWidth: true, Layer: not null } }))
                throw Undecided("it mixes a common width n with per-layer widths n_l");
        }

        public CheckResult Run()
        {
            var (a, b, recursionText) = Recursion();
            int l0 = LowestLayer();
            var (x0, f0) = BaseCase(l0);
            var baseDiff = x0 - f0;
            if (!baseDiff.IsZero && baseDiff.Symbols.Count(sym => sym.IsQuantity) > 1 && l0 == 1
                && baseDiff.Symbols.Where(sym => sym.IsQuantity).All(sym => sym.Layer is { IsConcrete: true, Offset: 0 or 1 }))
            {
                // G^{(1)} = C_W G^{(0)} (3.10): at the first layer the closed form (3.15) speaks of the inputs; compare there.
                var lowering = new LayerLowering(_bias);
                TensorPolynomial In(Polynomial p) => lowering.ToInputs(TensorPolynomial.Scalar(p));
                var (inX, inF) = (In(x0), In(f0));
                if ((inX - inF).TryGetScalar(out var atInputs))
                {
                    (x0, f0, baseDiff) = (inX.TryGetScalar(out var xs) ? Canon(xs) : x0, inF.TryGetScalar(out var fs) ? Canon(fs) : f0, Canon(atInputs));
                }
            }
            if (!baseDiff.IsZero)
            {
                Unrelated(baseDiff, l0);
                return Result(false, x0, f0, $"does not hold at layer {l0} (the base case of the induction): lhs - rhs = {baseDiff}");
            }
            var fl = Generic(_closed);
            var fNext = Generic(Shift(_closed, _depth));
            var step = fNext - (a * fl + b);
            string widths = _equalWidths ? " with all widths equal to n" : "";
            if (step.IsZero)
                return Result(true, x0, f0,
                    $"holds for every {_depth} >= {l0}{widths}: proved by induction over the derived recursion {recursionText} " +
                    $"(base case {_depth} = {l0}: lhs and rhs above; step: the closed form at {_depth}+1 is the recursion applied to it at {_depth})");
            // The step does not close: look for a counterexample where the recursion is unrolled exactly.
            var x = f0;
            for (int k = l0; k < l0 + Unrolled; k++)
            {
                x = AtLayer(a, k) * x + AtLayer(b, k);
                var f = At(k + 1);
                if (x != f && Unrelated(x - f, k + 1))
                    return Result(false, x, f, $"does not hold at layer {k + 1}{widths} (the derived recursion {recursionText} unrolled from layer {l0}): lhs - rhs = {x - f}");
            }
            throw Undecided($"it agrees with the derived recursion {recursionText} at layers {l0} to {l0 + Unrolled}, but the induction step does not close symbolically");
        }

        // A difference is a counterexample only when it is a polynomial in one quantity (the others related to it);
        // two quantities at fixed layers the engine does not relate (G2^(1) and G4^(2)) leave the verdict open.
        private static bool Unrelated(Polynomial difference, int layer)
        {
            var quantities = difference.Symbols.Where(s => s.IsQuantity).Distinct().ToList();
            if (quantities.Count > 1)
                throw Undecided($"at layer {layer} it relates {string.Join(" and ", quantities)}, which the engine does not relate");
            return true;
        }

        private CheckResult Result(bool holds, Polynomial lhs, Polynomial rhs, string note) =>
            new(holds, lhs, rhs, lhs - rhs, null) { Note = note };

        // X^(l+1) = A X^(l) + B from the engine's own recursion for the quantity.
        private (Polynomial A, Polynomial B, string Text) Recursion()
        {
            var x = Scalar(_evaluator.Evaluate(_quantity));
            if (x.Symbols.Count != 1 || !x.IsSingleTerm) throw Undecided($"{x} is not a single quantity");
            var symbol = x.Symbols[0];
            var next = Scalar(_evaluator.Evaluate(_quantity with { Layer = _quantity.Layer.Next }));
            var byPower = next.CoefficientsIn(symbol);
            if (byPower.Keys.Any(k => k is not (0 or 1)))
                throw Undecided($"the recursion of {symbol} is not linear in it");
            var a = byPower.GetValueOrDefault(1, Polynomial.Zero);
            var b = byPower.GetValueOrDefault(0, Polynomial.Zero);
            var coupled = a.Symbols.Concat(b.Symbols).Where(s => s.Layer is { } l && l.Base == _depth && !s.IsWidth).Distinct().ToList();
            if (coupled.Count > 0)
                throw Undecided($"the recursion of {symbol} couples to {string.Join(", ", coupled)}");
            return (Canon(a), Canon(b), $"{symbol.AtLayer(_quantity.Layer.Next)} = {next}");
        }

        // The lowest layer ≥ 1 where every product over layers is defined and every power has a non-negative exponent.
        private int LowestLayer()
        {
            int l0 = 1;
            foreach (var node in TopDepthNodes(_closed))
            {
                switch (node)
                {
                    case DepthPower p: l0 = Math.Max(l0, -p.Depth.Offset); break;
                    case LayerRange r when r.Lower.IsConcrete: l0 = Math.Max(l0, r.Lower.Offset - 1 - r.Upper.Offset); break;
                }
            }
            return l0;
        }

        private (Polynomial Lhs, Polynomial Rhs) BaseCase(int l0)
        {
            var x0 = Canon(Scalar(_evaluator.Evaluate(_quantity with { Layer = Layer.Concrete(l0) })));
            var f0 = At(l0);
            return (x0, f0);
        }

        // The closed form at a concrete layer: every range explicit, every power an integer power.
        private Polynomial At(int layer)
        {
            // A range ending just below its concrete start is empty (Σ_{k=0}^{-1} = 0, Π_{l'=1}^{0} = 1).
            var empty = SyntaxTree.Rewrite(_closed, e => e is LayerRange { Lower.IsConcrete: true } r && r.Upper.Base == _depth
                && layer + r.Upper.Offset == r.Lower.Offset - 1 ? new Number(r is LayerProduct ? 1 : 0) : null);
            return Generic(SyntaxTree.Rewrite(SyntaxTree.MapLayers(empty, l => l.Base == _depth ? Layer.Concrete(layer + l.Offset) : l),
                e => e is SymbolRef { Symbol: var s } && s == Symbol.Depth(_depth) ? new Number(layer) : null));
        }

        private Polynomial AtLayer(Polynomial p, int layer)
        {
            var map = p.Symbols.Where(s => s.Layer is { } l && l.Base == _depth)
                .ToDictionary(s => s, s => Polynomial.Var(s.AtLayer(Layer.Concrete(layer + s.Layer!.Value.Offset))));
            return map.Count == 0 ? p : Canon(p.Substitute(map));
        }

        // Value of an expression with each depth-dependent product, sum or power as an independent symbol.
        private Polynomial Generic(Expr e)
        {
            Expr? Replace(Expr x)
            {
                switch (x)
                {
                    case DepthPower p when p.Depth.IsConcrete:
                        return SyntaxTree.Rewrite(new Power(p.Base, checked(p.Multiplier * p.Depth.Offset)), Replace);
                    case LayerRange r when r.Lower.IsConcrete && r.Upper.IsConcrete || !r.Lower.IsConcrete && r.Lower.Base == r.Upper.Base:
                        return SyntaxTree.Rewrite(Expand(r), Replace);
                    case DepthPower or LayerRange:
                        if (!_atoms.TryGetValue(x, out var atom)) _atoms[x] = atom = Symbol.Plain($"#depth{_atoms.Count}");
                        return new SymbolRef(atom);
                    default:
                        return null;
                }
            }
            return Canon(Scalar(_evaluator.Evaluate(SyntaxTree.Rewrite(e, Replace))));
        }

        // Π or Σ over an explicit range: the body at each layer of it.
        private static Expr Expand(LayerRange r)
        {
            int count = r.Upper.Offset - r.Lower.Offset + 1;
            if (count < 0) throw Undecided($"the range {r.Lower} to {r.Upper} of a {(r is LayerProduct ? "product" : "sum")} over layers runs backwards");
            if (count > MaxExpanded) throw Undecided($"a range of {count} layers is too long to write out");
            var items = Enumerable.Range(0, count)
                .Select(i => SyntaxTree.MapLayers(r.Body, l => l.Base == r.Variable ? r.Lower.Shift(i + l.Offset) : l)).ToList();
            if (count == 0) return new Number(r is LayerProduct ? 1 : 0);
            return count == 1 ? items[0] : r is LayerProduct ? new Product(items.ToEquatableList()) : new Sum(items.ToEquatableList());
        }

        // The expression with layer variable v one step on (v ↦ v+1), written through its own parts at v.
        private Expr Shift(Expr e, string v) => SyntaxTree.Rewrite(e, x =>
        {
            switch (x)
            {
                case SymbolRef { Symbol: var s } when s == Symbol.Depth(v): return Sum.Of(x, new Number(1));
                case DepthPower or LayerProduct when Ratio(x, v) is { } ratio: return new Product(EquatableList.Of(x, ratio));
                case LayerSum sum when sum.Upper.Base == v && Free(sum.Lower, v):
                    {
                        if (Free(sum.Body, v) && Ratio(sum.Body, sum.Variable) is { } g && Free(g, sum.Variable) && Free(g, v))
                        {
                            // Σ_{k=lo}^{U+1} b(k) = b(lo) + g Σ_{k=lo}^{U} b(k) when b(k+1) = g b(k).
                            var first = SyntaxTree.MapLayers(sum.Body, l => l.Base == sum.Variable ? sum.Lower.Shift(l.Offset) : l);
                            return Sum.Of(first, new Product(EquatableList.Of(g, x)));
                        }
                        if (Ratio(sum.Body, v) is { } f && Free(f, sum.Variable))
                        {
                            // Σ_{k=lo}^{U+1} b_{v+1}(k) = f Σ_{k=lo}^{U} b_v(k) + b_{v+1}(U+1).
                            var last = SyntaxTree.MapLayers(sum.Body,
                                l => l.Base == v ? l.Next : l.Base == sum.Variable ? sum.Upper.Next.Shift(l.Offset) : l);
                            return Sum.Of(new Product(EquatableList.Of(f, x)), last);
                        }
                        throw Undecided($"the sum over layers {sum.Variable} is not geometric and its terms do not grow by one common factor");
                    }
                case DepthPower or LayerRange:
                    throw Undecided($"a product, sum or power over layers whose step could not be written");
                case SymbolRef or Quantity or Field when SyntaxTree.Layers(x).Any(l => l.Base == v):
                    return SyntaxTree.MapLayers(x, l => l.Base == v ? l.Next : l);
                default:
                    return null;
            }
        });

        // r with x(v+1) = x(v) · r for a single product over layers or power growing with v; null otherwise.
        private static Expr? Ratio(Expr x, string v)
        {
            switch (x)
            {
                case var _ when Free(x, v): return new Number(1);
                case DepthPower p when p.Depth.Base == v && Free(p.Base, v):
                    return new Power(p.Base, p.Multiplier);
                case LayerProduct r when r.Upper.Base == v && Free(r.Lower, v) && Free(r.Body, v):
                    return SyntaxTree.MapLayers(r.Body, l => l.Base == r.Variable ? r.Upper.Next.Shift(l.Offset) : l);
                case Product p:
                    {
                        var ratios = p.Factors.Select(f => Ratio(f, v)).ToList();
                        return ratios.Any(r => r is null) ? null : PolynomialSyntax.Times([.. ratios!]);
                    }
                case Power { Exponent: >= 0 } p when Ratio(p.Base, v) is { } rb: return new Power(rb, p.Exponent);
                default: return null;
            }
        }

        private static bool Free(Expr e, string v) =>
            !SyntaxTree.Layers(e).Any(l => l.Base == v) && !SyntaxTree.Nodes(e).Any(n => n is SymbolRef { Symbol: var s } && s == Symbol.Depth(v));

        private static bool Free(Layer l, string v) => l.Base != v;

        // The outermost depth-dependent products, sums and powers.
        private IEnumerable<Expr> TopDepthNodes(Expr e)
        {
            if (e is DepthPower or LayerRange) { yield return e; yield break; }
            foreach (var c in SyntaxTree.Children(e))
                foreach (var n in TopDepthNodes(c)) yield return n;
        }

        private static Polynomial Scalar(Tensors.TensorPolynomial t) =>
            t.TryGetScalar(out var p) ? p : throw Undecided("a closed form over layers must be a scalar (no free neural indices)");

        // The first-layer relation, a common width n when the closed form says so, then --set.
        private Polynomial Canon(Polynomial p)
        {
            if (_firstLayer.Count > 0) p = p.Substitute(_firstLayer);
            if (_equalWidths)
            {
                var widths = p.Symbols.Where(s => s.IsWidth && s != N).ToDictionary(s => s, _ => Polynomial.Var(N));
                if (widths.Count > 0) p = p.Substitute(widths);
            }
            return _settings is { Count: > 0 } ? p.Substitute(_settings) : p;
        }
    }
}
