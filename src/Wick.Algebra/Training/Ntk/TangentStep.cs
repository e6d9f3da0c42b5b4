namespace Wick.Algebra.Training.Ntk;

/// <summary>
/// A neural index of one forward step with the layer whose width is its range: the rows i, k of W^{(ℓ+1)}_{ik} belong
/// to layer ℓ+1, the columns j, m (the neurons of layer ℓ) to layer ℓ.
/// </summary>
public sealed record NeuralIndex(string Name, Layer Layer)
{
    public override string ToString() => Name;
}

/// <summary>One factor of a term of the forward step z^{(ℓ+1)}_{i;α} = b_i + Σ_j W_{ij} σ(z^{(ℓ)}_{j;α}) or of its parameter derivatives.</summary>
public abstract record StepFactor
{
    /// <summary>The neural indices the factor carries.</summary>
    public abstract IEnumerable<NeuralIndex> Indices { get; }
}

/// <summary>The bias b^{(ℓ+1)}_i: a Gaussian field, E[b_i b_k] = δ_{ik} C_b.</summary>
public sealed record BiasFactor(NeuralIndex Row) : StepFactor
{
    public override IEnumerable<NeuralIndex> Indices => [Row];
    public override string ToString() => $"b^({Row.Layer})_{{{Row}}}";
}

/// <summary>The weight W^{(ℓ+1)}_{ij}: a Gaussian field, E[W_{ij} W_{km}] = δ_{ik} δ_{jm} C_W/n_ℓ.</summary>
public sealed record WeightFactor(NeuralIndex Row, NeuralIndex Column) : StepFactor
{
    public override IEnumerable<NeuralIndex> Indices => [Row, Column];
    public override string ToString() => $"W^({Row.Layer})_{{{Row} {Column}}}";
}

/// <summary>
/// σ^{(k)}(z^{(ℓ)}_{j;α}) of neuron j of layer ℓ ≥ 1 (<see cref="Order"/> = k), or at ℓ = 0 the input x_{j;α} (fixed data,
/// order 0 only).
/// </summary>
public sealed record ActivationFactor(NeuralIndex Neuron, string Sample, int Order) : StepFactor
{
    /// <summary>True for the input x_{j;α} (layer 0): it does not depend on any parameter.</summary>
    public bool IsInput => Neuron.Layer == Layer.Concrete(0);

    public override IEnumerable<NeuralIndex> Indices => [Neuron];

    public override string ToString() => IsInput
        ? $"x_{{{Neuron};{Sample}}}"
        : $"sigma{new string('\'', Order)}(z^({Neuron.Layer})_{{{Neuron};{Sample}}})";
}

/// <summary>dz^{(ℓ)}_{j;α}/dθ for a parameter θ of the layers 1…ℓ below the step (the chain rule's inner derivative).</summary>
public sealed record TangentFactor(NeuralIndex Neuron, string Sample) : StepFactor
{
    public override IEnumerable<NeuralIndex> Indices => [Neuron];
    public override string ToString() => $"dz^({Neuron.Layer})_{{{Neuron};{Sample}}}/dtheta";
}

/// <summary>
/// The NTK of layer ℓ before averaging, Ĥ^{(ℓ)}_{j1j2;α1α2} = Σ_{θ ∈ layers ≤ ℓ} λ_θ dz_{j1;α1}/dθ dz_{j2;α2}/dθ (lectures (74)):
/// what two <see cref="TangentFactor"/>s become once the sum over the earlier parameters is taken.
/// </summary>
public sealed record TangentKernelFactor(TangentFactor First, TangentFactor Second) : StepFactor
{
    public override IEnumerable<NeuralIndex> Indices => [First.Neuron, Second.Neuron];
    public override string ToString() => $"H^({First.Neuron.Layer})_{{{First.Neuron} {Second.Neuron};{First.Sample} {Second.Sample}}}";
}

/// <summary>A Kronecker delta δ_{ik} between neural indices of one layer (the derivative ∂b_i/∂b_k, ∂W_{ij}/∂W_{km}).</summary>
public sealed record NeuralDelta(NeuralIndex A, NeuralIndex B) : StepFactor
{
    public override IEnumerable<NeuralIndex> Indices => [A, B];
    public override string ToString() => $"delta_{{{A} {B}}}";
}

/// <summary>
/// A term c × Σ_{summed} Π factors of the forward step; <see cref="Coefficient"/> is exact (learning rates, 1/n_ℓ).
/// </summary>
public sealed record StepTerm(Polynomial Coefficient, IReadOnlyList<StepFactor> Factors, IReadOnlyList<NeuralIndex> Summed)
{
    /// <summary>The product of two terms (their summed indices must be distinct names).</summary>
    public StepTerm Times(StepTerm other)
    {
        if (Summed.Select(s => s.Name).Intersect(other.Summed.Select(s => s.Name)).Any())
            throw new InvalidOperationException("internal: two terms share a summed index name.");
        return new(Coefficient * other.Coefficient, [.. Factors, .. other.Factors], [.. Summed, .. other.Summed]);
    }

    public override string ToString()
    {
        string c = Coefficient.Equals(Polynomial.One) ? "" : Coefficient.Count > 1 ? $"({Coefficient}) " : $"{Coefficient} ";
        string sum = Summed.Count == 0 ? "" : $"sum_{{{string.Join(",", Summed)}}} ";
        return c + sum + (Factors.Count == 0 ? "1" : string.Join(" ", Factors));
    }
}

/// <summary>The parameters of one layer ℓ+1 and the parameters below it, as the NTK sums over them (lectures (75)).</summary>
public enum ParameterGroup
{
    /// <summary>The biases b^{(ℓ+1)}_k, learning rate λ_b.</summary>
    Bias,
    /// <summary>The weights W^{(ℓ+1)}_{km}, learning rate λ_W/n_ℓ (PDLT ch. 7–8).</summary>
    Weight,
    /// <summary>Every parameter θ of the layers 1…ℓ (reached through σ(z^{(ℓ)}) by the chain rule).</summary>
    Earlier,
}

/// <summary>
/// The forward step of the mlp z^{(ℓ+1)}_{i;α} = b^{(ℓ+1)}_i + Σ_j W^{(ℓ+1)}_{ij} σ(z^{(ℓ)}_{j;α}) (at ℓ = 0 the activations are
/// the inputs x_{j;α}) as terms, and their derivatives with respect to each <see cref="ParameterGroup"/> by the product rule:
/// ∂b_i/∂b_k = δ_{ik}, ∂W_{ij}/∂W_{km} = δ_{ik}δ_{jm}, ∂σ^{(d)}(z_{j;α})/∂θ = σ^{(d+1)}(z_{j;α}) ∂z_{j;α}/∂θ; inputs, b and W of
/// layer ℓ+1 do not depend on the earlier θ, and σ(z^{(ℓ)}) not on the parameters of layer ℓ+1.
/// </summary>
public static class TangentStep
{
    /// <summary>z^{(ℓ+1)}_{i;α} as its two terms, with the summed column named <paramref name="column"/>.</summary>
    public static IReadOnlyList<StepTerm> Forward(NeuralIndex row, string sample, string column, Layer below) =>
    [
        new(Polynomial.One, [new BiasFactor(row)], []),
        new(Polynomial.One, [new WeightFactor(row, new(column, below)), new ActivationFactor(new(column, below), sample, 0)], [new(column, below)]),
    ];

    /// <summary>
    /// ∂/∂θ of the terms, θ in <paramref name="group"/> with indices <paramref name="probe"/> (bias: [k]; weight: [k, m]; earlier:
    /// none — the derivative carries a <see cref="TangentFactor"/> instead).
    /// </summary>
    public static IReadOnlyList<StepTerm> Differentiate(IReadOnlyList<StepTerm> terms, ParameterGroup group, IReadOnlyList<NeuralIndex> probe)
    {
        var result = new List<StepTerm>();
        foreach (var t in terms)
            for (int f = 0; f < t.Factors.Count; f++)
            {
                var replaced = Derivative(t.Factors[f], group, probe);
                if (replaced is null) continue;
                var factors = t.Factors.Take(f).Concat(replaced).Concat(t.Factors.Skip(f + 1)).ToList();
                result.Add(t with { Factors = factors });
            }
        return result;
    }

    /// <summary>∂(factor)/∂θ as the factors replacing it; null when it does not depend on θ.</summary>
    private static IReadOnlyList<StepFactor>? Derivative(StepFactor factor, ParameterGroup group, IReadOnlyList<NeuralIndex> probe) => (factor, group) switch
    {
        (BiasFactor b, ParameterGroup.Bias) => [new NeuralDelta(b.Row, probe[0])],
        (WeightFactor w, ParameterGroup.Weight) => [new NeuralDelta(w.Row, probe[0]), new NeuralDelta(w.Column, probe[1])],
        (ActivationFactor { IsInput: false } a, ParameterGroup.Earlier) =>
            [a with { Order = a.Order + 1 }, new TangentFactor(a.Neuron, a.Sample)],
        _ => null,
    };

    /// <summary>
    /// The NTK of layer ℓ+1 before any average, Ĥ^{(ℓ+1)}_{i1i2;α1α2} = Σ_θ λ_θ ∂z_{i1;α1}/∂θ ∂z_{i2;α2}/∂θ (lectures (74), (75);
    /// PDLT ch. 7–8): λ_b Σ_k over the biases, (λ_W/n_ℓ) Σ_{k,m} over the weights, and for the earlier parameters the two inner
    /// derivatives summed with their learning rates, which is Ĥ^{(ℓ)} by definition (lectures (77)).
    /// </summary>
    public static IReadOnlyList<(ParameterGroup Group, StepTerm Term)> TangentKernel(string i1, string a1, string i2, string a2, Layer above)
    {
        var below = above.Previous;
        var rows = (new NeuralIndex(i1, above), new NeuralIndex(i2, above));
        var z1 = Forward(rows.Item1, a1, "j1", below);
        var z2 = Forward(rows.Item2, a2, "j2", below);
        var k = new NeuralIndex("k", above);
        var m = new NeuralIndex("m", below);
        var perWeight = Polynomial.Var(Symbol.LambdaW) * Polynomial.FromMonomial(Monomial.Of(Symbol.Width(below)).Pow(-1));
        var groups = new (ParameterGroup Group, Polynomial Rate, NeuralIndex[] Probe)[]
        {
            (ParameterGroup.Bias, Polynomial.Var(Symbol.LambdaB), [k]),
            (ParameterGroup.Weight, perWeight, [k, m]),
            (ParameterGroup.Earlier, Polynomial.One, []),
        };
        var result = new List<(ParameterGroup, StepTerm)>();
        foreach (var (group, rate, probe) in groups)
        {
            if (group == ParameterGroup.Earlier && below == Layer.Concrete(0)) continue; // layer 1: no parameters below
            foreach (var d1 in Differentiate(z1, group, probe))
            foreach (var d2 in Differentiate(z2, group, probe))
            {
                var product = new StepTerm(rate, [], probe).Times(d1).Times(d2);
                result.Add((group, group == ParameterGroup.Earlier ? SumOverEarlierParameters(product) : product));
            }
        }
        return result;
    }

    /// <summary>Σ_θ λ_θ (dz_{j1;α1}/dθ)(dz_{j2;α2}/dθ) = Ĥ^{(ℓ)}_{j1j2;α1α2}: the two tangent factors become one kernel factor.</summary>
    private static StepTerm SumOverEarlierParameters(StepTerm t)
    {
        var tangents = t.Factors.OfType<TangentFactor>().ToList();
        if (tangents.Count != 2) throw new InvalidOperationException($"internal: {tangents.Count} inner derivatives in one NTK term.");
        return t with { Factors = [.. t.Factors.Where(f => f is not TangentFactor), new TangentKernelFactor(tangents[0], tangents[1])] };
    }
}
