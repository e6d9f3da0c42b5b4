using CsCheck;
using static Wick.Parser.Tests.B;

namespace Wick.Parser.Tests;

/// <summary>
/// CsCheck generators of well-formed expressions: closed scalars (every index bound by a sum whose range agrees
/// with the fields' layers) combined by every operator, so that printing and reading back must give the same tree.
/// </summary>
internal static class Generators
{
    public static readonly Gen<Layer> AnyLayer = Gen.OneOf(l, l1, lm1, L, C(0), C(1), C(2), Layer.Symbolic("L", -1));
    /// <summary>Layers with a layer below (for W, whose column index lives one layer down).</summary>
    public static readonly Gen<Layer> UpperLayer = Gen.OneOf(l, l1, L, C(1), C(2));

    private static readonly Gen<string> NeuralName = Gen.OneOf("i", "j", "k", "m", "i1", "i2", "j1", "j2", "k3");
    private static readonly Gen<string> SampleName = Gen.OneOf("a", "b", "c", "d", "e", "a1", "a2", "b1", "c2");

    private static readonly Gen<Expr> Numbers = Gen.Frequency<Expr>(
        (5, Gen.Int[0, 60].Select(k => (Expr)new Number(k))),
        // Exact decimals (2.5, 0.125) print as decimals and read back exactly.
        (1, Gen.Select(Gen.Int[0, 999], Gen.Int[1, 3], (k, d) => (Expr)new Number(Rational.Create(k, System.Numerics.BigInteger.Pow(10, d))))));

    private static readonly Gen<Expr> Symbols = Gen.OneOf<Gen<Expr>>(
        Gen.OneOf("C_W", "C_b", "r", "L", "m", "n", "C_W2", "chi", "O", "c_4", "E").Select(s => (Expr)new SymbolRef(Symbol.FromName(s))),
        AnyLayer.Select(layer => (Expr)Width(layer)),
        AnyLayer.Select(layer => (Expr)new SymbolRef(Symbol.WeightVariance(layer)))).SelectMany(g => g);

    private static readonly Gen<Expr> Quantities = Gen.OneOf<Gen<Expr>>(
        Gen.Select(Gen.Int[1, 5], AnyLayer, (m, layer) => (Expr)G(2 * m, layer)),
        AnyLayer.Select(layer => (Expr)new Quantity(QuantityKind.K, layer, 2, EquatableList<Index>.Empty)),
        AnyLayer.Select(layer => (Expr)new Quantity(QuantityKind.V, layer, 4, EquatableList<Index>.Empty)),
        AnyLayer.Select(layer => (Expr)new Quantity(QuantityKind.G1, layer, 2, EquatableList<Index>.Empty))).SelectMany(g => g);

    /// <summary>Upper bound of a sum over indices of <paramref name="layer"/>: none, plain n, or n_layer.</summary>
    private static Gen<(Expr? Lower, Expr? Upper)> Range(Layer? layer) => Gen.Int[0, 3].Select(k => k switch
    {
        0 => ((Expr?)null, (Expr?)null),
        1 => (Num(1), n),
        2 => (null, layer is { } w ? Width(w) : n),
        _ => (Num(1), layer is { } w2 ? Width(w2) : n),
    });

    /// <summary>Σ over neural indices of preactivations and deltas of one layer, optionally inside E[…] or Ec[…].</summary>
    private static readonly Gen<Expr> NeuralBlock =
        from layer in AnyLayer
        from names in NeuralName.HashSet[1, 3]
        from extraDeltas in Gen.Int[0, 2]
        from pick in Gen.Int[0, 1000].Array[4]
        from wrap in Gen.Int[0, 2]
        from range in Range(layer)
        select Block(layer, names.Order(StringComparer.Ordinal).ToArray(), extraDeltas, pick, wrap, range);

    private static Expr Block(Layer layer, string[] names, int extraDeltas, int[] pick, int wrap, (Expr? Lower, Expr? Upper) range)
    {
        var factors = new List<Expr>();
        foreach (var name in names) { factors.Add(Z(layer, name)); factors.Add(Z(layer, name)); }
        for (int k = 0; k < extraDeltas; k++)
            factors.Add(D(names[pick[k] % names.Length], names[pick[k + 1] % names.Length], layer));
        Expr body = Product.Of(factors.ToArray());
        if (wrap == 1) body = new Expectation(body, false);
        if (wrap == 2) body = new Expectation(body, true);
        return SumOver(names.Select(name => N(name, layer)).ToArray(), range.Lower, range.Upper, body);
    }

    /// <summary>Σ_{i,j} W^(l)_{ij} W^(l)_{ij} (i in layer l, j in layer l-1).</summary>
    private static readonly Gen<Expr> WeightBlock =
        from layer in UpperLayer
        from bias in Gen.Bool
        select (Expr)SumOver([N("i", layer), N("j", layer.Previous)], null, null,
            bias ? Mul(W(layer, "i", "j"), W(layer, "i", "j"), Bias(layer, "i"))
                 : E(W(layer, "i", "j"), W(layer, "i", "j")));

    /// <summary>Sample-indexed blocks: Σ_{a,b} K_{ab} ⟨σ_a σ_b⟩_K, Σ_{j,a} x_{j;a} x_{j;a}, Σ_{i,a,b} E[z_{i;a} z_{i;b}] V.</summary>
    private static readonly Gen<Expr> SampleBlock =
        from layer in AnyLayer
        from a in SampleName
        from b in SampleName
        from which in Gen.Int[0, 3]
        select which switch
        {
            0 => (Expr)SumOver(a == b ? [S(a)] : [S(a), S(b)], null, null,
                    Mul(K(layer, a, b), new GaussianExpectation(Mul(Sigma(a), Sigma(b)), layer))),
            1 => SumOver([N("j", C(0)), S(a)], null, null, Mul(X("j", a), X("j", a))),
            2 => SumOver(a == b ? [N("i", layer), N("k", layer), S(a)] : [N("i", layer), N("k", layer), S(a), S(b)], null, null,
                    Mul(E(Z(layer, "i", a), Z(layer, "i", b)), Sigma(layer, "k", a), Sigma(layer, "k", b), new GaussianExpectation(Mul(Sigma(a), Sigma(b)), layer))),
            _ => SumOver(a == b ? [S(a)] : [S(a), S(b)], null, null,
                    Mul(V(layer, a, b, a, b), new Quantity(QuantityKind.G1, layer, 2, EquatableList.Of(S(a), S(b))), G(layer, a, b))),
        };

    private static readonly Gen<Expr> Leaf = Gen.Frequency<Expr>(
        (4, Numbers), (4, Symbols), (3, Quantities), (2, NeuralBlock), (1, WeightBlock), (1, SampleBlock));

    /// <summary>Closed scalar expressions up to <paramref name="depth"/> operator levels.</summary>
    public static Gen<Expr> Scalar(int depth)
    {
        var gens = new Gen<Expr>[depth + 1];
        gens[0] = Leaf;
        for (int d = 1; d <= depth; d++)
        {
            var sub = gens[d - 1];
            gens[d] = Gen.Frequency<Expr>(
                (3, sub),
                (2, sub.Array[2, 3].Select(t => (Expr)new Sum(t.ToEquatableList()))),
                (2, sub.Array[2, 3].Select(f => (Expr)new Product(f.ToEquatableList()))),
                (1, Gen.Select(sub, sub, (a, b) => (Expr)new Quotient(a, b))),
                (1, Gen.Select(sub, Gen.Int[-3, 5], (a, k) => (Expr)new Power(a, k))),
                (1, sub.Select(a => (Expr)new Negate(a))),
                (1, Gen.Select(sub, Gen.Bool, (a, c) => (Expr)new Expectation(a, c))),
                (1, Gen.Select(sub, AnyLayer, (a, layer) => (Expr)new GaussianExpectation(a, layer))),
                (1, Gen.Select(Gen.Int[1, 6], Gen.OneOf<Expr>(n, Width(l), Width(C(0))), (m, arg) => (Expr)new CoefficientC(2 * m, arg))),
                (1, sub.Select(a => (Expr)new BigO(a))));
        }
        return gens[depth];
    }

    /// <summary>Expressions and identities (lhs = rhs [+ O(…)]).</summary>
    public static readonly Gen<Expr> Any = Gen.Frequency<Expr>(
        (3, Scalar(3)),
        (1, Gen.Select(Scalar(2), Scalar(2), Gen.Int[0, 2], (a, b, k) =>
            (Expr)new Identity(a, b, k == 0 ? new BigO(Div(Num(1), Pow(n, 2))) : null))
            // "lhs = x + O(…)" reads as a remainder; a right side ending in O(…) is only generated with one.
            .Where(e => e is Identity { Remainder: not null } or Identity { Rhs: not (Sum { Terms: [.., BigO] } or BigO) })));
}
