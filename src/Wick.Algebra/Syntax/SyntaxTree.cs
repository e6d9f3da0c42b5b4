namespace Wick.Algebra.Syntax;

/// <summary>Generic walks over the syntax tree: the children of a node and every layer it mentions.</summary>
public static class SyntaxTree
{
    /// <summary>The direct sub-expressions of <paramref name="e"/> (indices included).</summary>
    public static IEnumerable<Expr> Children(Expr e) => e switch
    {
        Field f => f.Neural.Cast<Expr>().Concat(f.Sample is null ? [] : [f.Sample]),
        Delta d => [d.A, d.B],
        PairingSum p => p.Indices,
        OrbitSum o => o.Neural.Cast<Expr>().Concat(o.Samples).Append(o.Body),
        Sum s => s.Terms,
        Product p => p.Factors,
        Power p => [p.Base],
        DepthPower p => [p.Base],
        Quotient q => [q.Numerator, q.Denominator],
        Negate n => [n.Operand],
        IndexSum s => s.Indices.Cast<Expr>().Concat(s.Lower is null ? [] : [s.Lower]).Concat(s.Upper is null ? [] : [s.Upper]).Append(s.Body),
        LayerRange r => [r.Body],
        Expectation x => [x.Body],
        Quantity q => q.Indices,
        CoefficientC c => [c.Argument],
        GaussianExpectation g => [g.Body],
        BigO o => [o.Scale],
        Identity id => id.Remainder is null ? [id.Lhs, id.Rhs] : [id.Lhs, id.Rhs, id.Remainder],
        _ => [],
    };

    /// <summary>Every node of the tree, pre-order.</summary>
    public static IEnumerable<Expr> Nodes(Expr e)
    {
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            foreach (var c in Children(n).Reverse()) stack.Push(c);
        }
    }

    /// <summary>Every layer written in the tree (fields, quantities, symbols, indices, kernels, ranges, depth exponents).</summary>
    public static IEnumerable<Layer> Layers(Expr e)
    {
        foreach (var n in Nodes(e))
        {
            switch (n)
            {
                case Field { Layer: { } l }: yield return l; break;
                case Index { Layer: { } l }: yield return l; break;
                case Quantity q: yield return q.Layer; break;
                case SymbolRef { Symbol.Layer: { } l }: yield return l; break;
                case GaussianExpectation g: yield return g.KernelLayer; break;
                case HelperFunction h: yield return h.Layer; break;
                case LayerRange r: yield return r.Lower; yield return r.Upper; break;
                case DepthPower p: yield return p.Depth; break;
            }
        }
    }

    /// <summary>
    /// Rebuilds the tree top-down: where <paramref name="replace"/> returns a node it takes the place of the subtree
    /// (not visited further); elsewhere the node is rebuilt from its rewritten children.
    /// </summary>
    public static Expr Rewrite(Expr e, Func<Expr, Expr?> replace)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (replace(e) is { } r) return r;
        Expr R(Expr x) => Rewrite(x, replace);
        return e switch
        {
            Sum s => new Sum(s.Terms.Select(R).ToEquatableList()),
            Product p => new Product(p.Factors.Select(R).ToEquatableList()),
            Power p => p with { Base = R(p.Base) },
            DepthPower p => p with { Base = R(p.Base) },
            Quotient q => new Quotient(R(q.Numerator), R(q.Denominator)),
            Negate n => new Negate(R(n.Operand)),
            IndexSum s => s with { Lower = s.Lower is null ? null : R(s.Lower), Upper = s.Upper is null ? null : R(s.Upper), Body = R(s.Body) },
            LayerRange lr => lr with { Body = R(lr.Body) },
            Expectation x => x with { Body = R(x.Body) },
            CoefficientC c => c with { Argument = R(c.Argument) },
            GaussianExpectation g => g with { Body = R(g.Body) },
            BigO o => new BigO(R(o.Scale)),
            OrbitSum o => o with { Body = R(o.Body) },
            Identity id => id with { Lhs = R(id.Lhs), Rhs = R(id.Rhs), Remainder = id.Remainder is null ? null : (BigO)R(id.Remainder) },
            _ => e,
        };
    }

    /// <summary>Every layer of the tree mapped through <paramref name="map"/> (fields, indices, quantities, symbols, kernels, ranges, depths).</summary>
    public static Expr MapLayers(Expr e, Func<Layer, Layer> map)
    {
        Index I(Index i) => i.Layer is { } l ? i with { Layer = map(l) } : i;
        return Rewrite(e, x => x switch
        {
            Index i => I(i),
            Field f => f with { Layer = f.Layer is { } l ? map(l) : null, Neural = f.Neural.Select(I).ToEquatableList(), Sample = f.Sample is null ? null : I(f.Sample) },
            Delta d => new Delta(I(d.A), I(d.B)),
            PairingSum p => new PairingSum(p.Indices.Select(I).ToEquatableList()),
            OrbitSum o => new OrbitSum(o.Neural.Select(I).ToEquatableList(), o.Samples, MapLayers(o.Body, map)),
            Quantity q => q with { Layer = map(q.Layer) },
            SymbolRef { Symbol: { Layer: { } l } s } => new SymbolRef(s.AtLayer(map(l))),
            GaussianExpectation g => g with { Body = MapLayers(g.Body, map), KernelLayer = map(g.KernelLayer) },
            HelperFunction h => h with { Layer = map(h.Layer) },
            LayerRange lr => lr with { Lower = map(lr.Lower), Upper = map(lr.Upper), Body = MapLayers(lr.Body, map) },
            DepthPower p => p with { Depth = map(p.Depth), Base = MapLayers(p.Base, map) },
            _ => null,
        });
    }
}
