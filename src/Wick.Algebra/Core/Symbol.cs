namespace Wick.Algebra;

/// <summary>
/// A variable of the exact algebra: a plain name (<c>C_W</c>, <c>C_b</c>, <c>r</c>, <c>n</c>), optionally bound
/// to a <see cref="Layer"/> (<c>n_l</c>, <c>n_{l-1}</c>, <c>C_W^(l)</c>, <c>G4^(l)</c>) and optionally carrying
/// sample-index labels (<c>K^(l)_{a1 a2}</c>). Symbols are immutable values with a total order, which fixes the
/// canonical order of monomials.
/// </summary>
public sealed class Symbol : IEquatable<Symbol>, IComparable<Symbol>
{
    private static readonly string[] NoIndices = [];
    private readonly string[] _indices;
    private readonly int _hash;

    private Symbol(string name, Layer? layer, string[] indices)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Layer = layer;
        _indices = indices;
        var h = new HashCode();
        h.Add(name, StringComparer.Ordinal);
        h.Add(layer);
        foreach (var i in indices) h.Add(i, StringComparer.Ordinal);
        _hash = h.ToHashCode();
    }

    /// <summary>The family name: <c>n</c> for widths, <c>C_W</c>, <c>G4</c>, <c>K</c>, …</summary>
    public string Name { get; }

    /// <summary>The layer the symbol belongs to, if any.</summary>
    public Layer? Layer { get; }

    /// <summary>Sample-index labels (<c>a1</c>, <c>a2</c>) for tensor quantities such as K and V; empty for scalars.</summary>
    public IReadOnlyList<string> Indices => _indices;

    /// <summary>A plain symbol without layer: <c>C_W</c>, <c>C_b</c>, <c>r</c>, <c>n</c>.</summary>
    public static Symbol Plain(string name) => new(name, null, NoIndices);

    /// <summary>A symbol of a layer-indexed family: <c>G4^(l)</c>, <c>C_W^(l)</c>.</summary>
    public static Symbol OfLayer(string name, Layer layer, params string[] indices) =>
        new(name, layer, indices.Length == 0 ? NoIndices : (string[])indices.Clone());

    /// <summary>The width n_ℓ of layer <paramref name="layer"/> (family name <c>n</c>).</summary>
    public static Symbol Width(Layer layer) => new(WidthFamily, layer, NoIndices);

    /// <summary>The family name of widths.</summary>
    public const string WidthFamily = "n";

    /// <summary>True for a width n or n_ℓ: the symbols in which "1/n order" is counted.</summary>
    public bool IsWidth => Name == WidthFamily && _indices.Length == 0;

    /// <summary>The same family at another layer.</summary>
    public Symbol AtLayer(Layer layer) => new(Name, layer, _indices);

    public bool Equals(Symbol? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (_hash == other._hash && Name == other.Name && Layer == other.Layer && _indices.AsSpan().SequenceEqual(other._indices)));

    public override bool Equals(object? obj) => Equals(obj as Symbol);
    public override int GetHashCode() => _hash;
    public static bool operator ==(Symbol? a, Symbol? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Symbol? a, Symbol? b) => !(a == b);

    /// <summary>Total order: by name, then layer (none first), then indices.</summary>
    public int CompareTo(Symbol? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        int c = string.CompareOrdinal(Name, other.Name);
        if (c != 0) return c;
        if (Layer.HasValue != other.Layer.HasValue) return Layer.HasValue ? 1 : -1;
        if (Layer.HasValue && (c = Layer.Value.CompareTo(other.Layer!.Value)) != 0) return c;
        c = _indices.Length.CompareTo(other._indices.Length);
        for (int i = 0; c == 0 && i < _indices.Length; i++) c = string.CompareOrdinal(_indices[i], other._indices[i]);
        return c;
    }

    /// <summary>ASCII spelling as the parser reads it: <c>n_l</c>, <c>n_{l-1}</c>, <c>C_W^(l)</c>, <c>K^(l)_{a1 a2}</c>.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder(Name);
        if (Layer is { } layer)
        {
            if (IsWidth)
            {
                string s = layer.ToString();
                sb.Append('_').Append(s.Length == 1 ? s : "{" + s + "}");
                return sb.ToString();
            }
            sb.Append("^(").Append(layer).Append(')');
        }
        if (_indices.Length > 0) sb.Append("_{").Append(JoinIndices(_indices, x => x)).Append('}');
        return sb.ToString();
    }

    /// <summary>LaTeX spelling: <c>n_{\ell}</c>, <c>C_{W}^{(\ell)}</c>, <c>G_{4}^{(\ell)}</c>, <c>K^{(\ell)}_{a_1 a_2}</c>.</summary>
    public string ToLatex()
    {
        string name = LatexName(Name);
        if (Layer is { } layer)
        {
            if (IsWidth) return $"n_{{{layer.ToLatex()}}}";
            name += $"^{{({layer.ToLatex()})}}";
        }
        if (_indices.Length > 0) name += "_{" + JoinIndices(_indices, Syntax.IndexSpelling.ToLatex) + "}";
        return name;
    }

    /// <summary>True for the vertex families V, V6, V8, … whose labels come in pairs: V_{(a1 a2)(a3 a4)} (4.42).</summary>
    private bool IsPairedVertex => Name.StartsWith('V') && Name[1..].All(char.IsDigit) && _indices.Length >= 4 && _indices.Length % 2 == 0;

    private string JoinIndices(string[] indices, Func<string, string> spell) =>
        IsPairedVertex
            ? string.Concat(Enumerable.Range(0, indices.Length / 2).Select(k => $"({spell(indices[2 * k])} {spell(indices[2 * k + 1])})"))
            : string.Join(' ', indices.Select(spell));

    private static string LatexName(string name)
    {
        int u = name.IndexOf('_');
        if (u > 0) return $"{LatexName(name[..u])}_{{{name[(u + 1)..]}}}";
        // G4 -> G_{4}, G10 -> G_{10}
        int d = 0;
        while (d < name.Length && !char.IsDigit(name[d])) d++;
        if (d > 0 && d < name.Length && name[d..].All(char.IsDigit)) return $"{name[..d]}_{{{name[d..]}}}";
        return name switch { "sigma" => "\\sigma", "r" => "r", _ => name };
    }

}
