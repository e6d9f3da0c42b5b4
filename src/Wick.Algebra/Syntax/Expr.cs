namespace Wick.Algebra.Syntax;

// The vocabulary of the input language: what an expression *says*, before the engine evaluates it.
// Every node is an immutable record with structural equality (lists via EquatableList<T>), so a parsed
// expression can be compared with one built in C#, and parse(print(e)) == e is a testable statement.
// The parser (Wick.Parser) produces these; the engine (Wick.Algebra) consumes them.

/// <summary>Base of every node of the input language.</summary>
public abstract record Expr;

/// <summary>The two index families of the book: neural indices i, j, k (range 1..n_ℓ) and sample indices α, β (a, b).</summary>
public enum IndexKind
{
    /// <summary>A neuron index i, j, k; its range is the width n_ℓ of the layer it is bound to.</summary>
    Neural,
    /// <summary>A sample (input) index α, β, spelled a, b, c, d, e (+digits) in ASCII.</summary>
    Sample,
}

/// <summary>
/// An index: canonical ASCII name (<c>i1</c>, <c>j</c>, <c>a1</c> for α₁), its family, and for a neural index
/// the layer whose width is its range (i in z^(ℓ)_i has layer ℓ; j in W^(ℓ+1)_{ij} has layer ℓ).
/// Sample indices have no layer; a neural index whose layer is not determined by any field is unbound (null).
/// </summary>
public sealed record Index(string Name, IndexKind Kind, Layer? Layer) : Expr
{
    /// <summary>A neural index bound to <paramref name="layer"/>.</summary>
    public static Index Neural(string name, Layer? layer) => new(name, IndexKind.Neural, layer);

    /// <summary>A sample index (α₁ ↦ <c>a1</c>).</summary>
    public static Index Sample(string name) => new(name, IndexKind.Sample, null);

    public override string ToString() => Name;
}

/// <summary>The kinds of random variables of an MLP (book eq. 2.5, 3.1).</summary>
public enum FieldKind
{
    /// <summary>Preactivation z^(ℓ)_{i;α}.</summary>
    Z,
    /// <summary>Activation σ(z^(ℓ)_{i;α}), or the shorthand σ_α.</summary>
    Sigma,
    /// <summary>Weight W^(ℓ)_{ij}: row index in layer ℓ, column index in layer ℓ−1.</summary>
    W,
    /// <summary>Bias b^(ℓ)_i.</summary>
    B,
    /// <summary>Network input x_{j;α} (layer 0).</summary>
    X,
}

/// <summary>
/// A random field with its layer (null when written without one, e.g. the shorthand σ_α or z_α inside ⟨…⟩_K),
/// its neural indices (W has two, z/σ/b/x at most one) and its optional sample index. <paramref name="Derivative"/>
/// is the order d of σ^{(d)} (σ'_α, σ''_α inside ⟨…⟩_K; 0 otherwise).
/// </summary>
public sealed record Field(FieldKind Kind, Layer? Layer, EquatableList<Index> Neural, Index? Sample, int Derivative = 0) : Expr;

/// <summary>Kronecker delta δ_{AB}; both indices of one family.</summary>
public sealed record Delta(Index A, Index B) : Expr
{
    /// <summary>δ^A_B with A raised (sample indices only): the identity on sample space, Σ_β K^{αβ}K_{βγ} = δ^α_γ.</summary>
    public bool Mixed { get; init; }
}

/// <summary>
/// The pairing tensor of (3.44), <c>pairings_{i1 i2 … i2m}</c>: the sum over all (2m−1)!! pairings of the neural
/// indices of the product of one Kronecker delta per pair.
/// </summary>
public sealed record PairingSum(EquatableList<Index> Indices) : Expr;

/// <summary>
/// <c>orbit_{…}[body]</c> (issue 16): the sum of the distinct images of the body under a group of relabellings.
/// Over points, <c>orbit_{i1;a1 i2;a2 …}</c> (<see cref="Neural"/> and <see cref="Samples"/> per field): the permutations
/// of the fields that carry equal sample labels to equal labels, moving each neural index and its label together (the
/// correlator E[z_{i1;a1} z_{i2;a2} ⋯] is one such sum per orbit of pairings). Over label pairs,
/// <c>orbit_{(a1 a2)(a3 a4)}</c> (<see cref="Neural"/> empty, <see cref="Samples"/> the pairs flattened): the relabellings
/// of the sample labels that map the multiset of pairs to itself (the slot symmetries of V_{(a1 a2)(a3 a4)}, (4.42)).
/// </summary>
public sealed record OrbitSum(EquatableList<Index> Neural, EquatableList<Index> Samples, Expr Body) : Expr
{
    /// <summary>True for an orbit over points (fields), false for one over label pairs.</summary>
    public bool OverPoints => Neural.Count > 0;

    /// <summary>The label pairs of an orbit over label pairs.</summary>
    public IReadOnlyList<(string, string)> LabelPairs => Enumerable.Range(0, Samples.Count / 2).Select(k => (Samples[2 * k].Name, Samples[2 * k + 1].Name)).ToList();
}

/// <summary>An exact rational literal.</summary>
public sealed record Number(Rational Value) : Expr
{
    public static implicit operator Number(int value) => new((Rational)value);
}

/// <summary>A symbol of the exact algebra: C_W, C_b, widths n_ℓ (<see cref="Symbol.Width"/>), plain n, r, L, …</summary>
public sealed record SymbolRef(Symbol Symbol) : Expr;

/// <summary>Terms added (subtraction is a <see cref="Negate"/> term). Parentheses nest: (a + b) + c is Sum[Sum[a, b], c].</summary>
public sealed record Sum(EquatableList<Expr> Terms) : Expr
{
    public static Sum Of(params Expr[] terms) => new(EquatableList.Of(terms));
}

/// <summary>Factors multiplied (juxtaposition, <c>*</c>, <c>\cdot</c>).</summary>
public sealed record Product(EquatableList<Expr> Factors) : Expr
{
    public static Product Of(params Expr[] factors) => new(EquatableList.Of(factors));
}

/// <summary>Integer power: <c>C_W^2</c>, <c>G2^(0)^2</c>, <c>E[…]^2</c>, <c>n^{-1}</c>.</summary>
public sealed record Power(Expr Base, int Exponent) : Expr;

/// <summary>Quotient <c>a/b</c> or <c>\frac{a}{b}</c>.</summary>
public sealed record Quotient(Expr Numerator, Expr Denominator) : Expr;

/// <summary>Unary minus.</summary>
public sealed record Negate(Expr Operand) : Expr;

/// <summary>
/// An explicit index sum Σ_{j,k=Lower}^{Upper} Body, e.g. <c>sum_{j,k} …</c> or <c>\sum_{j,k=1}^{n_\ell} …</c>.
/// The bounds are kept as written (null when omitted); the range of a neural index is its layer's width.
/// </summary>
public sealed record IndexSum(EquatableList<Index> Indices, Expr? Lower, Expr? Upper, Expr Body) : Expr;

/// <summary>An expectation E[Body] over the initialization ensemble; connected (cumulant) when <paramref name="Connected"/>.</summary>
public sealed record Expectation(Expr Body, bool Connected) : Expr;

/// <summary>The named quantities of the book.</summary>
public enum QuantityKind
{
    /// <summary>Single-input 2m-point G_{2m}^(ℓ) (eq. 3.44), or the metric G^(ℓ)_{α₁α₂} when indices are given.</summary>
    G,
    /// <summary>The kernel K^(ℓ)_{α₁α₂} (infinite-width metric, eq. 4.118).</summary>
    K,
    /// <summary>The four-point vertex V^(ℓ)_{(α₁α₂)(α₃α₄)} (eq. 4.119).</summary>
    V,
    /// <summary>The NLO metric G^{1}(ℓ)_{α₁α₂} (eq. 4.115).</summary>
    G1,
    /// <summary>The infinite-width neural tangent kernel Θ^(ℓ)_{α₁α₂} (lectures (73), (83)).</summary>
    Theta,
}

/// <summary>
/// A named quantity at a layer: <c>G4^(l)</c> (Points = 4, no indices), <c>K^(l)_{a1 a2}</c> (Points = 2),
/// <c>V^(l)_{(a1 a2)(a3 a4)}</c> (Points = 4), <c>G1^(l)_{a b}</c> (Points = 2). Indices are sample indices.
/// </summary>
public sealed record Quantity(QuantityKind Kind, Layer Layer, int Points, EquatableList<Index> Indices) : Expr
{
    /// <summary>Indices written as superscripts: the inverse kernel K_{(ℓ)}^{αβ} (4.46), a vertex with raised pairs V_{(ℓ)}^{(αβ)(γδ)}.</summary>
    public bool Raised { get; init; }
}

/// <summary>The width factor c_{2m}(n) = (1 + 2/n)(1 + 4/n)⋯(1 + (2m−2)/n) of eq. (3.46), applied to an argument.</summary>
public sealed record CoefficientC(int Points, Expr Argument) : Expr;

/// <summary>A Gaussian expectation ⟨Body⟩_{K^(ℓ)} with the kernel of layer <paramref name="KernelLayer"/> (eq. 4.118).</summary>
public sealed record GaussianExpectation(Expr Body, Layer KernelLayer) : Expr
{
    /// <summary>Written ⟨…⟩_{G^{(ℓ)}}: the Gaussian of the full metric G = K + G^{1}/n + O(1/n²) (4.104), which is
    /// read as ⟨…⟩_{K^{(ℓ)}} — exact where G = K (layers 1, 2), up to O(1/n) elsewhere.</summary>
    public bool WrittenWithMetric { get; init; }
}

/// <summary>
/// A helper function of the single-input kernel, g(K^{(ℓ)}), χ_∥(K^{(ℓ)}), χ_⊥(K^{(ℓ)}), h(K^{(ℓ)}), j(K^{(ℓ)})
/// (5.49)–(5.52), (5.111): kept by name for printing, evaluated through its definition (<see cref="KernelFunctions"/>).
/// </summary>
public sealed record HelperFunction(KernelFunction Function, Layer Layer) : Expr;

/// <summary>An order symbol O(Scale): O(1/n), O(1/n_l^2), O(r^3).</summary>
public sealed record BigO(Expr Scale) : Expr;

/// <summary>
/// A product or sum over a range of layers, Π_{ℓ'=Lower}^{Upper} Body or Σ_{k=Lower}^{Upper} Body (3.47).
/// <paramref name="Variable"/> is the running layer's name (<c>l'</c>, <c>k</c>); the body refers to it as the layer
/// <c>Layer.Symbolic(Variable)</c> (n_{ℓ'}, C_W^{(ℓ')}, or a nested range starting at k+1). An empty range
/// (Upper = Lower − 1) is 1 for a product and 0 for a sum.
/// </summary>
public abstract record LayerRange(string Variable, Layer Lower, Layer Upper, Expr Body) : Expr;

/// <summary>Π_{ℓ'=Lower}^{Upper} Body: <c>prod_{l'=1}^{l-1} c_4(n_{l'})</c>, <c>\prod_{\ell'=1}^{\ell-1} c_{4}(n_{\ell'})</c>.</summary>
public sealed record LayerProduct(string Variable, Layer Lower, Layer Upper, Expr Body) : LayerRange(Variable, Lower, Upper, Body);

/// <summary>
/// Σ_{k=Lower}^{Upper} Body over layers: <c>sum_{k=1}^{l-1} prod_{l'=k+1}^{l-1} C_W</c> (the inhomogeneous part of a
/// solved linear recursion). Written like an index sum; it is a sum over layers when its variable is used as a layer.
/// </summary>
public sealed record LayerSum(string Variable, Layer Lower, Layer Upper, Expr Body) : LayerRange(Variable, Lower, Upper, Body);

/// <summary>
/// A power whose exponent grows with depth: Base^{Multiplier·(Depth)}, e.g. <c>(1 + 2/n)^(l-1)</c>, <c>C_W^l</c>,
/// <c>C_W^{2(l-1)}</c> (3.47 at constant width). <paramref name="Depth"/> is symbolic (l, l-1, L).
/// </summary>
public sealed record DepthPower(Expr Base, int Multiplier, Layer Depth) : Expr;

/// <summary>
/// An identity <c>lhs = rhs</c>, optionally up to a remainder <c>+ O(…)</c>. <see cref="Tag"/> is the equation number
/// it was written with (<c>\quad (3.24)</c>, <c>\tag{3.24}</c>): layout, never part of the algebra, kept to be echoed.
/// </summary>
public sealed record Identity(Expr Lhs, Expr Rhs, BigO? Remainder) : Expr
{
    /// <summary>The equation tag without parentheses (<c>3.24</c>), or null. Not part of equality: it is layout.</summary>
    public string? Tag { get; init; }

    /// <summary>
    /// Conditions <c>\text{for } j \neq k</c> (3.30): pairs of neural indices claimed distinct, each written as the δ that
    /// vanishes under it. Null: no condition. Part of the statement (and of equality).
    /// </summary>
    public EquatableList<Delta>? Unequal { get; init; }

    /// <summary>Equal statements: same sides, remainder and conditions, whatever the equation tag.</summary>
    public bool Equals(Identity? other) =>
        other is not null && Lhs.Equals(other.Lhs) && Rhs.Equals(other.Rhs) && Equals(Remainder, other.Remainder) && Equals(Unequal, other.Unequal);

    public override int GetHashCode() => HashCode.Combine(Lhs, Rhs, Remainder, Unequal);
}
