namespace Wick.Algebra.Recursions;

/// <summary>
/// A derived layer-to-layer recursion: <see cref="Target"/> (a quantity at layer ℓ+1) equals <see cref="Step"/>, an
/// exact polynomial in layer-ℓ quantities, widths n_ℓ, n_{ℓ−1} and the hyperparameters C_W, C_b.
/// For the single-input G_{2m} it also carries the width factor c_{2m}(n_ℓ) (3.45)–(3.46), expanded and factored.
/// </summary>
public sealed class Recursion
{
    public Recursion(Symbol target, Polynomial step, string description = "")
    {
        Target = target;
        Step = step;
        Description = description;
    }

    /// <summary>The quantity at layer ℓ+1, e.g. <c>G4^(l+1)</c>, <c>V^(l+1)_{(a1 a2)(a3 a4)}</c>.</summary>
    public Symbol Target { get; }

    /// <summary>Its exact value in terms of layer ℓ.</summary>
    public Polynomial Step { get; }

    /// <summary>What was derived (the recognised structure), for people.</summary>
    public string Description { get; }

    /// <summary>For G_{2m}: c_{2m}(n_ℓ) with Step = c_{2m}(n_ℓ) C_W^m G_{2m}^{(ℓ)}; null otherwise.</summary>
    public Polynomial? WidthFactor { get; init; }

    /// <summary>The width factor in product form Π(1 + 2k/n_ℓ), found by factoring <see cref="WidthFactor"/>.</summary>
    public Factorization? WidthFactorProduct { get; init; }

    /// <summary><c>G4^(l+1) = C_W^2 G4^(l) + 2 n_l^-1 C_W^2 G4^(l)</c>.</summary>
    public override string ToString() => $"{Target} = {Step}";

    /// <summary>LaTeX: <c>G_{4}^{(\ell+1)} = …</c>.</summary>
    public string ToLatex() => $"{Target.ToLatex()} = {Step.ToLatex()}";
}

/// <summary>
/// A set of recursions advanced together (metric K_{αβ} for every sample pair, vertex V for every index pattern),
/// evaluable layer after layer: <see cref="Advance"/> maps layer-ℓ values to layer-(ℓ+1) values.
/// </summary>
public sealed class RecursionSystem
{
    private readonly Dictionary<Symbol, Recursion> _byTarget;

    public RecursionSystem(IEnumerable<Recursion> recursions)
    {
        Recursions = recursions.ToList();
        _byTarget = Recursions.ToDictionary(r => r.Target);
    }

    /// <summary>All recursions, in derivation order (lower orders first).</summary>
    public IReadOnlyList<Recursion> Recursions { get; }

    /// <summary>The recursion for a target at layer ℓ+1.</summary>
    public Recursion this[Symbol target] => _byTarget.TryGetValue(target, out var r)
        ? r : throw new KeyNotFoundException($"No recursion for {target} in this system.");

    /// <summary>True when the system has a recursion for <paramref name="target"/>.</summary>
    public bool Contains(Symbol target) => _byTarget.ContainsKey(target);

    /// <summary>
    /// One layer: substitutes the layer-ℓ values (symbols at layer ℓ, widths, hyperparameters, as exact polynomials
    /// or numbers) into every step; returns the values keyed by target symbol.
    /// </summary>
    public IReadOnlyDictionary<Symbol, Polynomial> Advance(IReadOnlyDictionary<Symbol, Polynomial> values) =>
        Recursions.ToDictionary(r => r.Target, r => r.Step.Substitute(values));

    public override string ToString() => string.Join(Environment.NewLine, Recursions);
}
