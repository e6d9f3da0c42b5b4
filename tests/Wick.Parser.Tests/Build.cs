namespace Wick.Parser.Tests;

/// <summary>Terse constructors for expected syntax trees (the right-hand column of the table tests).</summary>
internal static class B
{
    public static readonly Layer l = Layer.L;
    public static readonly Layer l1 = Layer.L.Next;
    public static readonly Layer lm1 = Layer.L.Previous;
    public static readonly Layer L = Layer.Symbolic("L");
    public static Layer C(int n) => Layer.Concrete(n);

    public static Index N(string name, Layer? layer) => Index.Neural(name, layer);
    public static Index S(string name) => Index.Sample(name);

    /// <summary>z^(layer)_{i} (single input).</summary>
    public static Field Z(Layer layer, string i) => new(FieldKind.Z, layer, EquatableList.Of(N(i, layer)), null);
    /// <summary>z^(layer)_{i;a}.</summary>
    public static Field Z(Layer layer, string i, string a) => new(FieldKind.Z, layer, EquatableList.Of(N(i, layer)), S(a));
    /// <summary>W^(layer)_{ij}: i in layer, j in layer-1.</summary>
    public static Field W(Layer layer, string i, string j) =>
        new(FieldKind.W, layer, EquatableList.Of(N(i, layer), N(j, layer.Previous)), null);
    public static Field Bias(Layer layer, string i) => new(FieldKind.B, layer, EquatableList.Of(N(i, layer)), null);
    public static Field X(string j) => new(FieldKind.X, C(0), EquatableList.Of(N(j, C(0))), null);
    public static Field X(string j, string a) => new(FieldKind.X, C(0), EquatableList.Of(N(j, C(0))), S(a));
    /// <summary>σ_{a} shorthand.</summary>
    public static Field Sigma(string a) => new(FieldKind.Sigma, null, EquatableList<Index>.Empty, S(a));
    public static Field Sigma(Layer layer, string j, string a) => new(FieldKind.Sigma, layer, EquatableList.Of(N(j, layer)), S(a));

    public static Delta D(string a, string b, Layer? layer) => new(N(a, layer), N(b, layer));
    public static Delta Ds(string a, string b) => new(S(a), S(b));

    public static Number Num(int n) => new(n);
    public static SymbolRef Sym(string name) => new(Symbol.FromName(name));
    public static SymbolRef CW => Sym("C_W");
    public static SymbolRef Cb => Sym("C_b");
    public static SymbolRef Width(Layer layer) => new(Symbol.Width(layer));
    public static SymbolRef n => Sym("n");

    public static Product Mul(params Expr[] f) => Product.Of(f);
    public static Sum Add(params Expr[] t) => Sum.Of(t);
    public static Negate Neg(Expr e) => new(e);
    public static Quotient Div(Expr a, Expr b) => new(a, b);
    public static Power Pow(Expr b, int k) => new(b, k);

    /// <summary>E[f1 f2 …] (a product of the factors, or the single factor).</summary>
    public static Expectation E(params Expr[] f) => new(f.Length == 1 ? f[0] : Product.Of(f), false);
    public static Expectation Ec(params Expr[] f) => new(f.Length == 1 ? f[0] : Product.Of(f), true);

    public static Quantity G(int points, Layer layer) => new(QuantityKind.G, layer, points, EquatableList<Index>.Empty);
    public static Quantity G(Layer layer, string a, string b) => new(QuantityKind.G, layer, 2, EquatableList.Of(S(a), S(b)));
    public static Quantity K(Layer layer, string a, string b) => new(QuantityKind.K, layer, 2, EquatableList.Of(S(a), S(b)));
    public static Quantity V(Layer layer, string a, string b, string c, string d) =>
        new(QuantityKind.V, layer, 4, EquatableList.Of(S(a), S(b), S(c), S(d)));

    public static IndexSum SumOver(Index[] indices, Expr? lower, Expr? upper, Expr body) =>
        new(EquatableList.Of(indices), lower, upper, body);

    public static Identity Eq(Expr lhs, Expr rhs, BigO? remainder = null) => new(lhs, rhs, remainder);
    public static BigO O(Expr scale) => new(scale);

    /// <summary>The three pairings δ_{i1 i2}δ_{i3 i4} + δ_{i1 i3}δ_{i2 i4} + δ_{i1 i4}δ_{i2 i3} (eq. 3.21).</summary>
    public static Sum Pairings4(Layer layer) => Add(
        Mul(D("i1", "i2", layer), D("i3", "i4", layer)),
        Mul(D("i1", "i3", layer), D("i2", "i4", layer)),
        Mul(D("i1", "i4", layer), D("i2", "i3", layer)));

    public static Expectation Z4(Layer layer) => E(Z(layer, "i1"), Z(layer, "i2"), Z(layer, "i3"), Z(layer, "i4"));
}
