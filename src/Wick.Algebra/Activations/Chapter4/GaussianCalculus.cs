using Wick.Algebra.Pairings;

namespace Wick.Algebra.Activations.Chapter4;

/// <summary>
/// One factor of a Gaussian integrand: σ^{(k)}(z_{j;α}) of neuron <see cref="Neuron"/> at sample <see cref="Sample"/>
/// (<see cref="Order"/> = k ≥ 0), or the preactivation z_{j;α} itself (<see cref="Order"/> = <see cref="ZOrder"/>).
/// </summary>
public readonly record struct NeuronFactor(int Neuron, string Sample, int Order)
{
    /// <summary>The order that marks z itself.</summary>
    public const int ZOrder = -1;

    /// <summary>The highest derivative of σ the typed atoms carry (σ'''' in the 1/n corrections of 4.115).</summary>
    public const int MaxOrder = 4;

    /// <summary>True for z_{j;α}.</summary>
    public bool IsZ => Order == ZOrder;

    /// <summary>σ_{j;α}.</summary>
    public static NeuronFactor Sigma(int neuron, string sample) => new(neuron, sample, 0);

    /// <summary>The typed body factor (σ, σ', …, σ'''' or z) of this factor.</summary>
    public GaussianFactor ToBodyFactor() => Order switch
    {
        ZOrder => GaussianFactor.Z(Sample),
        0 => GaussianFactor.Sigma(Sample),
        1 => new GaussianFactor(GaussianFactorKind.SigmaPrime, Sample),
        2 => new GaussianFactor(GaussianFactorKind.SigmaDoublePrime, Sample),
        3 => new GaussianFactor(GaussianFactorKind.SigmaTriplePrime, Sample),
        4 => new GaussianFactor(GaussianFactorKind.SigmaQuadruplePrime, Sample),
        _ => throw new InvalidOperationException($"σ^({Order}): derivatives beyond the fourth are not typed atoms."),
    };

    /// <summary>The derivative order of a typed body factor (z: <see cref="ZOrder"/>); the centred product has none.</summary>
    public static int OrderOf(GaussianFactorKind kind) => kind switch
    {
        GaussianFactorKind.Sigma => 0,
        GaussianFactorKind.SigmaPrime => 1,
        GaussianFactorKind.SigmaDoublePrime => 2,
        GaussianFactorKind.SigmaTriplePrime => 3,
        GaussianFactorKind.SigmaQuadruplePrime => 4,
        GaussianFactorKind.Z => ZOrder,
        _ => throw new ArgumentException("The centred product (z z - K) is two factors, not one.", nameof(kind)),
    };
}

/// <summary>
/// What a concrete activation makes of a Gaussian expectation in derivative normal form, ⟨Π σ^{(k)}_α⟩_K (no z left):
/// an exact polynomial in kernel entries, or null to keep the expectation as a symbolic atom.
/// </summary>
public interface IGaussianActivation
{
    /// <summary>The name the command line uses (<c>--activation NAME</c>); "sigma" for the symbolic activation.</summary>
    string Name { get; }

    /// <summary>⟨Π_f σ^{(k_f)}(z_{α_f})⟩_{K^{(ℓ)}} exactly, or null (unknown in closed form: stays symbolic).</summary>
    Polynomial? Expect(IReadOnlyList<NeuronFactor> factors, Layer kernelLayer);
}

/// <summary>The symbolic activation σ: every expectation stays an atom ⟨…⟩_K.</summary>
public sealed class SymbolicActivation : IGaussianActivation
{
    public static SymbolicActivation Instance { get; } = new();
    public string Name => "sigma";
    public Polynomial? Expect(IReadOnlyList<NeuronFactor> factors, Layer kernelLayer) => null;
}

/// <summary>
/// Gaussian integration by parts on one neuron (Stein), the route of issue 10 to (4.119)/(4.115):
/// ⟨z_γ F⟩_K = Σ_δ K_{γδ} ⟨∂_δ F⟩_K, applied until no z is left, so every expectation is written in derivative normal form
/// ⟨Π σ^{(k)}_α⟩_K times kernel entries; the centred product (z_β1 z_β2 − K_β1β2) of (4.119) is z z − K. Sums over the
/// data set collapse: ∂_δ acts on the factor at sample δ, so Σ_δ K_{γδ} ∂_δ is one term per factor.
/// </summary>
public sealed class GaussianReducer(Layer kernelLayer, IGaussianActivation? activation = null)
{
    /// <summary>The layer ℓ of the kernel K^{(ℓ)}.</summary>
    public Layer KernelLayer { get; } = kernelLayer;

    /// <summary>The activation that evaluates normal forms (symbolic by default).</summary>
    public IGaussianActivation Activation { get; } = activation ?? SymbolicActivation.Instance;

    private Polynomial K(string a, string b) => Polynomial.Var(Symbol.Kernel(KernelLayer, a, b));

    /// <summary>⟨Π factors⟩_{K^{(ℓ)}} of one neuron (the neuron labels are ignored), in derivative normal form.</summary>
    public Polynomial Expect(IReadOnlyList<NeuronFactor> factors)
    {
        int z = -1;
        for (int i = 0; i < factors.Count && z < 0; i++) if (factors[i].IsZ) z = i;
        if (z < 0)
        {
            if (factors.Count == 0) return Polynomial.One;
            if (factors.Any(f => f.Order > NeuronFactor.MaxOrder))
                throw new InvalidOperationException("A derivative of σ beyond the fourth arose; this order is not built.");
            return Activation.Expect(factors, KernelLayer)
                ?? Polynomial.Var(Symbol.Gaussian(new GaussianBody(factors.Select(f => f.ToBodyFactor())), KernelLayer));
        }
        // A concrete activation may integrate z factors directly (ReLU: half-line moments), where integration by parts
        // would produce δ(z) terms that are not functions (⟨δδ⟩).
        if (Activation is not SymbolicActivation && Activation.Expect(factors, KernelLayer) is { } direct) return direct;
        // Stein: ⟨z_γ F⟩ = Σ_{f ∈ F} K_{γ s_f} ⟨∂_f F⟩ (a z factor differentiates to 1, σ^{(k)} to σ^{(k+1)}).
        var gamma = factors[z].Sample;
        var rest = factors.Where((_, i) => i != z).ToList();
        var sum = Polynomial.Zero;
        for (int f = 0; f < rest.Count; f++)
        {
            var d = NeuronFunctional.Differentiate(rest, [f]);
            if (d is not null) sum += K(gamma, rest[f].Sample) * Expect(d);
        }
        return sum;
    }

    /// <summary>
    /// The normal form of a typed Gaussian-expectation atom of this layer: centred products expanded, z's integrated by
    /// parts, the activation applied. Other atoms are returned unchanged.
    /// </summary>
    public Polynomial Normalize(Symbol atom)
    {
        if (atom.Kind != AtomKind.GaussianExpectation || atom.Layer != KernelLayer) return Polynomial.Var(atom);
        // (z_a z_b − K_ab) F = z_a z_b F − K_ab F: expand every centred product.
        var terms = new List<(Polynomial Coefficient, List<NeuronFactor> Factors)> { (Polynomial.One, []) };
        foreach (var f in atom.Body!.Factors)
        {
            if (f.Kind != GaussianFactorKind.Fluctuation)
            {
                foreach (var t in terms) t.Factors.Add(new NeuronFactor(0, f.Sample, NeuronFactor.OrderOf(f.Kind)));
                continue;
            }
            var next = new List<(Polynomial, List<NeuronFactor>)>();
            foreach (var (c, fs) in terms)
            {
                next.Add((c, [.. fs, new NeuronFactor(0, f.Sample, NeuronFactor.ZOrder), new NeuronFactor(0, f.Second!, NeuronFactor.ZOrder)]));
                next.Add((-c * K(f.Sample, f.Second!), fs));
            }
            terms = next;
        }
        return Polynomial.Sum(terms.Select(t => t.Coefficient * Expect(t.Factors)));
    }

    /// <summary>Every Gaussian expectation of this layer in <paramref name="p"/> put in normal form.</summary>
    public Polynomial Normalize(Polynomial p)
    {
        var atoms = p.Symbols.Where(s => s.Kind == AtomKind.GaussianExpectation && s.Layer == KernelLayer).ToList();
        return atoms.Count == 0 ? p : p.Substitute(atoms.ToDictionary(s => s, Normalize));
    }

    /// <summary>Every Gaussian expectation in <paramref name="p"/>, whatever its layer, in normal form under <paramref name="activation"/>.</summary>
    public static Polynomial NormalizeAll(Polynomial p, IGaussianActivation? activation = null)
    {
        foreach (var layer in p.Symbols.Where(s => s.Kind == AtomKind.GaussianExpectation).Select(s => s.Layer!.Value).Distinct().ToList())
            p = new GaussianReducer(layer, activation).Normalize(p);
        return p;
    }
}

/// <summary>Products of factors on several neurons: derivatives and the leading-order (Gaussian) expectation.</summary>
public static class NeuronFunctional
{
    /// <summary>
    /// ∂_{f_1} ⋯ ∂_{f_k} of the product: each listed factor differentiated once per listing (σ^{(k)} → σ^{(k+1)}, z → 1,
    /// z twice → 0). Null when the derivative vanishes.
    /// </summary>
    public static List<NeuronFactor>? Differentiate(IReadOnlyList<NeuronFactor> factors, IReadOnlyList<int> which)
    {
        var counts = new int[factors.Count];
        foreach (var w in which) counts[w]++;
        var result = new List<NeuronFactor>(factors.Count);
        for (int i = 0; i < factors.Count; i++)
        {
            var f = factors[i];
            if (counts[i] == 0) result.Add(f);
            else if (f.IsZ) { if (counts[i] > 1) return null; }
            else result.Add(f with { Order = f.Order + counts[i] });
        }
        return result;
    }

    /// <summary>⟨F⟩ under independent Gaussian neurons of kernel K^{(ℓ)}: the product over neurons of one-neuron expectations.</summary>
    public static Polynomial Gaussian(IReadOnlyList<NeuronFactor> factors, GaussianReducer reducer) =>
        Polynomial.Product(factors.GroupBy(f => f.Neuron).OrderBy(g => g.Key).Select(g => reducer.Expect(g.ToList())));
}

/// <summary>
/// Activations whose Gaussian expectations are exact by Isserlis: σ(z) = Σ_k c_k z^k with rational c_k (σ = z is
/// <see cref="Linear"/>). Every factor σ^{(d)}(z_α) is a polynomial in z_α, the product expands, and ⟨Π z⟩_K is the sum over
/// pairings of Π K (Wick/Isserlis).
/// </summary>
public sealed class PolynomialActivation(string name, IReadOnlyList<Rational> coefficients) : IGaussianActivation
{
    /// <summary>σ(z) = z.</summary>
    public static PolynomialActivation Linear { get; } = new("linear", [Rational.Zero, Rational.One]);

    public string Name { get; } = name;

    /// <summary>c_0, c_1, … of σ(z) = Σ c_k z^k.</summary>
    public IReadOnlyList<Rational> Coefficients { get; } = coefficients;

    public Polynomial? Expect(IReadOnlyList<NeuronFactor> factors, Layer kernelLayer)
    {
        // Each factor as a list of (power of z, coefficient); the product expanded term by term.
        var expanded = new List<(Rational Coefficient, List<string> Zs)> { (Rational.One, []) };
        foreach (var f in factors)
        {
            var powers = Derivative(f.Order).Select((c, k) => (c, k)).Where(t => !t.c.IsZero).ToList();
            expanded = expanded.SelectMany(t => powers.Select(p => (t.Coefficient * p.c, t.Zs.Concat(Enumerable.Repeat(f.Sample, p.k)).ToList()))).ToList();
        }
        return Polynomial.Sum(expanded.Select(t => t.Coefficient * Isserlis(t.Zs, kernelLayer)));
    }

    /// <summary>The coefficients of σ^{(d)}(z) = Σ_k c_k k!/(k−d)! z^{k−d}; z itself (d = −1) is [0, 1].</summary>
    private List<Rational> Derivative(int d)
    {
        if (d == NeuronFactor.ZOrder) return [Rational.Zero, Rational.One];
        var result = new List<Rational>();
        for (int k = d; k < Coefficients.Count; k++)
        {
            Rational c = Coefficients[k];
            for (int j = 0; j < d; j++) c *= k - j;
            result.Add(c);
        }
        return result;
    }

    /// <summary>⟨z_{s_1} ⋯ z_{s_m}⟩_K = Σ_{pairings} Π K_{s s'} (zero for odd m).</summary>
    public static Polynomial Isserlis(IReadOnlyList<string> samples, Layer kernelLayer)
    {
        if (samples.Count % 2 != 0) return Polynomial.Zero;
        if (samples.Count == 0) return Polynomial.One;
        return Polynomial.Sum(PairingEnumerator.Default.Enumerate(samples.Count).Select(q =>
            Polynomial.Product(q.Pairs.Select(pr => Polynomial.Var(Symbol.Kernel(kernelLayer, samples[pr.First], samples[pr.Second]))))));
    }
}

/// <summary>
/// The ReLU, σ(z) = z θ(z), a member of the scale-invariant class (5.112): expectations of one input are half-line
/// Gaussian moments, ⟨z^{2k} θ(z)⟩_K = (2k−1)!! K^k / 2 (5.113), with σ' = θ, σ'' = δ(z) and z δ(z) = 0. Several distinct
/// inputs (arc-cosine kernels, not rational) and odd half-line moments (√(2π) factors) stay symbolic. Factors z multiply
/// in before any integration by parts (⟨σσ z⁴⟩ = 15K³/2), so j(K) = 0 (5.117) comes out without δ(z)².
/// </summary>
public sealed class ReluActivation : IGaussianActivation
{
    public static ReluActivation Instance { get; } = new();
    public string Name => "relu";

    public Polynomial? Expect(IReadOnlyList<NeuronFactor> factors, Layer kernelLayer)
    {
        if (factors.Select(f => f.Sample).Distinct().Count() != 1) return null;
        int sigmas = factors.Count(f => f.Order == 0), steps = factors.Count(f => f.Order == 1), deltas = factors.Count(f => f.Order >= 2);
        if (sigmas + steps + deltas == 0) return null; // z's alone: full-line moments, integrated by the caller
        int zs = sigmas + factors.Count(f => f.IsZ); // σ = z θ(z): every σ and z is a power of z on the half line
        if (deltas > 0) return zs > 0 ? Polynomial.Zero : null; // z δ(z) = 0; δ(z) without a z factor is not a function
        if (steps == 0 && zs == 0) return Polynomial.One;
        if (zs % 2 != 0) return null;
        Rational moment = Rational.One / 2;
        for (int k = zs - 1; k > 0; k -= 2) moment *= k;
        var s = factors[0].Sample;
        return moment * Polynomial.Var(Symbol.Kernel(kernelLayer, s, s)).Pow(zs / 2);
    }
}

/// <summary>
/// The mlp model as asked for: the activation (symbolic σ unless named) and whether all hidden widths are equal
/// (n_1 = … = n_{L−1} = n, (5.107)).
/// </summary>
public sealed record MlpModel(IGaussianActivation Activation, bool EqualWidths = false)
{
    /// <summary>Symbolic σ, per-layer widths.</summary>
    public static MlpModel Symbolic { get; } = new(SymbolicActivation.Instance);

    /// <summary>The names <c>--activation</c> knows.</summary>
    public const string KnownNames = "sigma (symbolic, the default), linear (sigma(z) = z), relu, poly:c0,c1,c2,... (sigma(z) = c0 + c1 z + c2 z^2 + ..., exact rationals)";

    /// <summary>The activation of a name (null: unknown name).</summary>
    public static IGaussianActivation? ActivationNamed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.Trim().ToLowerInvariant())
        {
            case "sigma" or "symbolic": return SymbolicActivation.Instance;
            case "linear" or "identity": return PolynomialActivation.Linear;
            case "relu": return ReluActivation.Instance;
        }
        if (!name.StartsWith("poly:", StringComparison.OrdinalIgnoreCase)) return null;
        var cs = new List<Rational>();
        foreach (var part in name[5..].Split(','))
        {
            try { cs.Add(Rational.Parse(part.Trim())); }
            catch (FormatException) { return null; }
            catch (DivideByZeroException) { return null; }
        }
        return cs.Count == 0 || cs.Count > 8 ? null : new PolynomialActivation(name.Trim(), cs);
    }

    /// <summary>A polynomial with every layer's width n_ℓ replaced by the common n (when <see cref="EqualWidths"/>).</summary>
    public Polynomial ApplyWidths(Polynomial p) =>
        EqualWidths ? p.MapSymbols(s => s.IsWidth && s.Layer is not null ? Symbol.N : s) : p;
}
