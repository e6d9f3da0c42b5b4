using Wick.Algebra.Syntax;

namespace Wick.Algebra;

/// <summary>What one factor of a Gaussian expectation ⟨…⟩_{K} is (4.118–4.120, 5.x).</summary>
public enum GaussianFactorKind
{
    /// <summary>σ_α = σ(z_α).</summary>
    Sigma,
    /// <summary>σ'_α, the first derivative of the activation.</summary>
    SigmaPrime,
    /// <summary>σ''_α, the second derivative.</summary>
    SigmaDoublePrime,
    /// <summary>σ'''_α, the third derivative (the 1/n corrections of (4.115) by Gaussian integration by parts).</summary>
    SigmaTriplePrime,
    /// <summary>σ''''_α, the fourth derivative.</summary>
    SigmaQuadruplePrime,
    /// <summary>z_α itself.</summary>
    Z,
    /// <summary>(z_α z_β − K_{αβ}), the centred product of (4.60).</summary>
    Fluctuation,
}

/// <summary>
/// One factor of a Gaussian expectation at sample index <see cref="Sample"/> (and <see cref="Second"/> for the
/// centred product (z_α z_β − K_{αβ}), whose two indices are stored sorted). Ordered by kind, then indices.
/// </summary>
public readonly record struct GaussianFactor : IComparable<GaussianFactor>
{
    public GaussianFactor(GaussianFactorKind kind, string sample, string? second = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sample);
        if ((kind == GaussianFactorKind.Fluctuation) != (second is not null))
            throw new ArgumentException("Only the centred product (z_a z_b - K_{a b}) has two sample indices.", nameof(second));
        if (second is not null && Tensors.IndexNameComparer.Instance.Compare(sample, second) > 0) (sample, second) = (second, sample);
        Kind = kind;
        Sample = sample;
        Second = second;
    }

    public GaussianFactorKind Kind { get; }
    public string Sample { get; }
    public string? Second { get; }

    /// <summary>σ_α.</summary>
    public static GaussianFactor Sigma(string a) => new(GaussianFactorKind.Sigma, a);

    /// <summary>z_α.</summary>
    public static GaussianFactor Z(string a) => new(GaussianFactorKind.Z, a);

    /// <summary>The same factor with its sample indices renamed.</summary>
    public GaussianFactor RenameSamples(Func<string, string> rename) => new(Kind, rename(Sample), Second is null ? null : rename(Second));

    public int CompareTo(GaussianFactor other)
    {
        int c = Kind.CompareTo(other.Kind);
        if (c == 0) c = Tensors.IndexNameComparer.Instance.Compare(Sample, other.Sample);
        if (c == 0) c = Tensors.IndexNameComparer.Instance.Compare(Second, other.Second);
        return c;
    }

    /// <summary>ASCII: <c>sigma_a1</c>, <c>sigma'_a</c>, <c>sigma''_a</c>, <c>z_b</c>, <c>(z_a z_b - K_{a b})</c>.</summary>
    public string ToString(Layer kernelLayer) => Kind switch
    {
        GaussianFactorKind.Sigma => $"sigma_{Sample}",
        GaussianFactorKind.SigmaPrime => $"sigma'_{Sample}",
        GaussianFactorKind.SigmaDoublePrime => $"sigma''_{Sample}",
        GaussianFactorKind.SigmaTriplePrime => $"sigma'''_{Sample}",
        GaussianFactorKind.SigmaQuadruplePrime => $"sigma''''_{Sample}",
        GaussianFactorKind.Z => $"z_{Sample}",
        _ => $"(z_{Sample} z_{Second} - K^({kernelLayer})_{{{Sample} {Second}}})",
    };

    public override string ToString() => ToString(Layer.L);

    /// <summary>LaTeX: <c>\sigma_{\alpha_{1}}</c>, <c>\sigma'_{\beta}</c>, <c>\left(z_{\alpha} z_{\beta} - K^{(\ell)}_{\alpha \beta}\right)</c>.</summary>
    public string ToLatex(Layer kernelLayer)
    {
        string a = IndexSpelling.ToLatex(Sample);
        return Kind switch
        {
            GaussianFactorKind.Sigma => $"\\sigma_{{{a}}}",
            GaussianFactorKind.SigmaPrime => $"\\sigma'_{{{a}}}",
            GaussianFactorKind.SigmaDoublePrime => $"\\sigma''_{{{a}}}",
            GaussianFactorKind.SigmaTriplePrime => $"\\sigma'''_{{{a}}}",
            GaussianFactorKind.SigmaQuadruplePrime => $"\\sigma''''_{{{a}}}",
            GaussianFactorKind.Z => $"z_{{{a}}}",
            _ => $"\\left(z_{{{a}}} z_{{{IndexSpelling.ToLatex(Second!)}}} - K^{{({kernelLayer.ToLatex()})}}_{{{a} {IndexSpelling.ToLatex(Second!)}}}\\right)",
        };
    }
}

/// <summary>
/// The body of a Gaussian expectation ⟨f_1 ⋯ f_k⟩_{K}: a product of commuting <see cref="GaussianFactor"/>s, kept sorted
/// (identical factors adjacent), so equal bodies are structurally equal.
/// </summary>
public sealed class GaussianBody : IEquatable<GaussianBody>, IComparable<GaussianBody>
{
    private readonly GaussianFactor[] _factors;

    public GaussianBody(IEnumerable<GaussianFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        _factors = factors.Order().ToArray();
        if (_factors.Length == 0) throw new ArgumentException("A Gaussian expectation needs at least one factor.", nameof(factors));
    }

    /// <summary>The factors in canonical order.</summary>
    public IReadOnlyList<GaussianFactor> Factors => _factors;

    /// <summary>Every sample index, in factor order.</summary>
    public IEnumerable<string> Samples => _factors.SelectMany(f => f.Second is null ? new[] { f.Sample } : [f.Sample, f.Second]);

    /// <summary>The body with sample indices renamed (re-sorted).</summary>
    public GaussianBody RenameSamples(Func<string, string> rename) => new(_factors.Select(f => f.RenameSamples(rename)));

    public bool Equals(GaussianBody? other) => other is not null && _factors.AsSpan().SequenceEqual(other._factors);
    public override bool Equals(object? obj) => Equals(obj as GaussianBody);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var f in _factors) h.Add(f);
        return h.ToHashCode();
    }

    public int CompareTo(GaussianBody? other)
    {
        if (other is null) return 1;
        for (int i = 0; i < Math.Min(_factors.Length, other._factors.Length); i++)
        {
            int c = _factors[i].CompareTo(other._factors[i]);
            if (c != 0) return c;
        }
        return _factors.Length.CompareTo(other._factors.Length);
    }

    public string ToString(Layer kernelLayer) => string.Join(' ', _factors.Select(f => f.ToString(kernelLayer)));
    public string ToLatex(Layer kernelLayer) => string.Join(' ', _factors.Select(f => f.ToLatex(kernelLayer)));
}
