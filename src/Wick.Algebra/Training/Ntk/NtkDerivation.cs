using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Training.Ntk;

/// <summary>
/// The infinite-width NTK recursion derived from the forward equation (lectures (74)–(83); PDLT ch. 7–8 learning rates):
/// <see cref="TangentStep"/> differentiates z^{(ℓ+1)} = b + W σ(z^{(ℓ)}) with respect to the biases, the weights and (chain
/// rule through σ') every earlier parameter, forms Σ_θ λ_θ ∂z ∂z, and <see cref="TangentAverage"/> averages it (Wick pairing
/// of W, Ĥ^{(ℓ)} → δΘ^{(ℓ)}, neuron sums to ⟨…⟩_{K^{(ℓ)}}). The result must be δ_{i1i2} Θ^{(ℓ+1)}_{α1α2} (lectures (73)); its
/// coefficient is the recursion
/// Θ^{(ℓ+1)}_{α1α2} = λ_b + λ_W ⟨σ_{α1}σ_{α2}⟩_{K^{(ℓ)}} + C_W ⟨σ'_{α1}σ'_{α2}⟩_{K^{(ℓ)}} Θ^{(ℓ)}_{α1α2} (lectures (83)), and at the
/// first layer Θ^{(1)} = λ_b + λ_W G^{(0)}. The kernel recursion (4.118) comes from <see cref="MlpRecursions.Kernel"/>.
/// </summary>
public sealed class NtkDerivation
{
    /// <summary>The input as written.</summary>
    public required string Input { get; init; }

    /// <summary>The layer ℓ+1 of the target.</summary>
    public required Layer Layer { get; init; }

    /// <summary>The forward equation of sample α1 as terms.</summary>
    public required IReadOnlyList<StepTerm> Forward { get; init; }

    /// <summary>Ĥ^{(ℓ+1)}_{i1i2;α1α2} before averaging: Σ over the parameter groups of λ ∂z ∂z.</summary>
    public required IReadOnlyList<(ParameterGroup Group, StepTerm Term)> Unaveraged { get; init; }

    /// <summary>Its leading-order expectation (δ_{i1i2} times the recursion's right side).</summary>
    public required TensorPolynomial Averaged { get; init; }

    /// <summary>Θ^{(ℓ+1)} and K^{(ℓ+1)} (4.118), each in terms of layer ℓ.</summary>
    public required IReadOnlyList<Recursion> Recursions { get; init; }

    /// <summary>The activation used (symbolic σ by default).</summary>
    public required IGaussianActivation Activation { get; init; }

    /// <summary>
    /// Derives Θ^{(ℓ+1)}_{α1α2} for a target <see cref="AtomKind.TangentKernel"/> atom (layer ≥ 1) under <paramref name="activation"/>;
    /// <paramref name="settings"/> (--set) are substituted in what is printed.
    /// </summary>
    public static NtkDerivation For(string input, Symbol target, IGaussianActivation? activation = null, IReadOnlyDictionary<Symbol, Polynomial>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != AtomKind.TangentKernel) throw new ArgumentException("The target is Theta^(l)_{a b}.", nameof(target));
        var above = target.Layer ?? throw new Checking.EvaluationException("Theta needs a layer.");
        if (above == Layer.Concrete(0)) throw new Checking.EvaluationException("Layer 0 is the input layer: it has no parameters, so no tangent kernel.");
        var act = activation ?? SymbolicActivation.Instance;
        var (a1, a2) = (target.Indices[0], target.Indices[1]);
        var unaveraged = TangentStep.TangentKernel("i1", a1, "i2", a2, above);
        var averaged = new TangentAverage(above, act).Expect(unaveraged.Select(u => u.Term));
        var ntk = Recognise(averaged, target);
        var kernel = MlpRecursions.Kernel(a1, a2, above, act);
        Polynomial S(Polynomial p) => settings is { Count: > 0 } ? p.Substitute(settings) : p;
        return new NtkDerivation
        {
            Input = input, Layer = above, Forward = TangentStep.Forward(new("i1", above), a1, "j1", above.Previous),
            Unaveraged = unaveraged, Averaged = averaged.Map(S), Activation = act,
            Recursions = [new(ntk.Target, S(ntk.Step), ntk.Description), new(kernel.Target, S(kernel.Step), kernel.Description)],
        };
    }

    /// <summary>The recursion Θ^{(ℓ+1)} = coefficient of δ_{i1i2}; any other neural structure is a derivation error.</summary>
    public static Recursion Recognise(TensorPolynomial averaged, Symbol target)
    {
        ArgumentNullException.ThrowIfNull(averaged);
        var diagonal = DeltaProduct.Delta("i1", "i2");
        if (averaged.Terms.Any(t => !t.Deltas.Equals(diagonal)) || averaged.PairingTerms.Count > 0)
            throw new InvalidOperationException($"internal: the averaged NTK is not proportional to delta_{{i1 i2}}: {averaged}.");
        return new(target, averaged.CoefficientOf(diagonal), "NTK (lectures (83)): the delta_{i1 i2} coefficient of E[sum_theta lambda_theta dz dz] at infinite width");
    }

    /// <summary>Θ^{(ℓ+1)}_{α1α2} = … in terms of layer ℓ (the recursion only).</summary>
    public static Recursion Recursion(string a1, string a2, Layer above, IGaussianActivation? activation = null) =>
        For("", Symbol.TangentKernel(above, a1, a2), activation).Recursions[0];

    // ----- presentation -------------------------------------------------------------------------------------------

    private static string GroupName(ParameterGroup g) => g switch
    {
        ParameterGroup.Bias => "biases b^(l+1)_k, rate lambda_b",
        ParameterGroup.Weight => "weights W^(l+1)_{k m}, rate lambda_W/n_l",
        _ => "parameters of layers <= l (chain rule through sigma'; sum_theta lambda dz dz = H^(l))",
    };

    /// <summary>The report in plain text; the recursion lines parse back.</summary>
    public string ToText()
    {
        var w = new StringWriter();
        w.WriteLine(Input);
        if (Activation is not SymbolicActivation) w.WriteLine($"  (activation {Activation.Name})");
        w.WriteLine($"  forward equation: z^({Layer})_{{i1;{Forward.OfType<StepTerm>().SelectMany(t => t.Factors).OfType<ActivationFactor>().First().Sample}}} = {string.Join(" + ", Forward)}");
        w.WriteLine($"  NTK H^({Layer})_{{i1 i2}} = sum_theta lambda_theta dz_{{i1}}/dtheta dz_{{i2}}/dtheta, by parameter group (product and chain rule):");
        foreach (var g in Unaveraged.GroupBy(u => u.Group))
        {
            w.WriteLine($"    {GroupName(g.Key)}:");
            foreach (var (_, t) in g) w.WriteLine($"      {t}");
        }
        w.WriteLine(Layer == Layer.Concrete(1)
            ? "  averaged (weights and biases paired; the first layer is deterministic, exact):"
            : $"  averaged at infinite width (W^({Layer}) paired by Wick, H^({Layer.Previous}) -> delta Theta^({Layer.Previous}), neuron sums -> n <...>_K):");
        w.WriteLine($"    = {Averaged}");
        w.WriteLine();
        w.WriteLine("Recursions (infinite width):");
        foreach (var r in Recursions) w.WriteLine($"  {r}");
        return w.ToString();
    }

    /// <summary>The report in LaTeX (paste-ready: an align block per equation, see <see cref="Syntax.LatexDisplay"/>).</summary>
    public string ToLatex()
    {
        var display = new Syntax.LatexDisplay()
            .Equation($"\\mathbb{{E}}\\left[\\hat{{H}}^{{({Layer.ToLatex()})}}_{{i_{{1}} i_{{2}}}}\\right]", Averaged.ToLatex());
        foreach (var r in Recursions) display.Equation(r.Target.ToLatex(), r.Step.ToLatex());
        return display.ToString();
    }

    /// <summary>The report as a JSON-ready object.</summary>
    public object ToJson() => new
    {
        input = Input,
        model = "mlp",
        quantity = "ntk",
        activation = Activation.Name,
        layer = Layer.ToString(),
        forward = Forward.Select(t => t.ToString()).ToList(),
        unaveraged = Unaveraged.Select(u => new { group = u.Group.ToString(), term = u.Term.ToString() }).ToList(),
        averaged = Averaged.ToString(),
        recursions = Recursions.Select(r => new { target = r.Target.ToString(), step = r.Step.ToString(), latex = r.ToLatex(), description = r.Description }).ToList(),
    };
}
