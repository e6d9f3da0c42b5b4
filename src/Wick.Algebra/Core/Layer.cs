namespace Wick.Algebra;

/// <summary>
/// A layer label ℓ: either concrete (<c>0</c>, <c>1</c>, <c>2</c>, …) or symbolic with an integer offset
/// (<c>l</c>, <c>l+1</c>, <c>l-1</c>, <c>L</c>). "The width of layer l-1" is therefore one value,
/// <c>Symbol.Width(Layer.Symbolic("l", -1))</c>, not a string.
/// </summary>
/// <remarks>Immutable value type. Ordering: concrete layers first (by number), then symbolic ones by base name and offset.</remarks>
public readonly struct Layer : IEquatable<Layer>, IComparable<Layer>
{
    private readonly string? _base;

    private Layer(string? baseName, int offset)
    {
        _base = baseName;
        Offset = offset;
    }

    /// <summary>The running layer ℓ, spelled <c>l</c>.</summary>
    public static Layer L => new("l", 0);

    /// <summary>A concrete layer number (0 is the input layer).</summary>
    public static Layer Concrete(int number) =>
        number < 0 ? throw new ArgumentOutOfRangeException(nameof(number), number, "A concrete layer is non-negative.") : new Layer(null, number);

    /// <summary>A symbolic layer <paramref name="baseName"/> + <paramref name="offset"/>, e.g. <c>l+1</c>.</summary>
    public static Layer Symbolic(string baseName, int offset = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        if (!char.IsLetter(baseName[0])) throw new ArgumentException($"A symbolic layer name must start with a letter: '{baseName}'.", nameof(baseName));
        return new Layer(baseName, offset);
    }

    /// <summary>True for <c>0, 1, 2, …</c>.</summary>
    public bool IsConcrete => _base is null;

    /// <summary>The symbolic base (<c>l</c>, <c>L</c>), or null for a concrete layer.</summary>
    public string? Base => _base;

    /// <summary>The offset from the base; for a concrete layer, the layer number itself.</summary>
    public int Offset { get; }

    /// <summary>The layer <paramref name="delta"/> steps up (negative: down).</summary>
    public Layer Shift(int delta) => IsConcrete ? Concrete(Offset + delta) : new Layer(_base, Offset + delta);

    /// <summary>The layer below (ℓ−1).</summary>
    public Layer Previous => Shift(-1);

    /// <summary>The layer above (ℓ+1).</summary>
    public Layer Next => Shift(1);

    /// <summary>Replaces the symbolic base by a concrete layer number (l ↦ 3 turns l+1 into 4).</summary>
    public Layer Substitute(string baseName, int value) => Rebase(baseName, Concrete(value));

    /// <summary>Replaces the symbolic base <paramref name="baseName"/> by the layer <paramref name="to"/>: with l ↦ L−1, l+1 becomes L.</summary>
    public Layer Rebase(string baseName, Layer to) => _base == baseName ? to.Shift(Offset) : this;

    public bool Equals(Layer other) => _base == other._base && Offset == other.Offset;
    public override bool Equals(object? obj) => obj is Layer other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_base, Offset);
    public static bool operator ==(Layer a, Layer b) => a.Equals(b);
    public static bool operator !=(Layer a, Layer b) => !a.Equals(b);

    public int CompareTo(Layer other)
    {
        if (IsConcrete != other.IsConcrete) return IsConcrete ? -1 : 1;
        int c = string.CompareOrdinal(_base, other._base);
        return c != 0 ? c : Offset.CompareTo(other.Offset);
    }

    /// <summary>ASCII spelling: <c>l</c>, <c>l+1</c>, <c>l-1</c>, <c>3</c>.</summary>
    public override string ToString() => IsConcrete
        ? Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Offset switch
        {
            0 => _base!,
            > 0 => $"{_base}+{Offset}",
            _ => $"{_base}{Offset}",
        };

    /// <summary>LaTeX spelling: <c>\ell</c>, <c>\ell+1</c>, <c>3</c>; a base <c>l</c> becomes <c>\ell</c>.</summary>
    public string ToLatex()
    {
        if (IsConcrete) return ToString();
        string b = _base == "l" ? "\\ell" : _base!;
        return Offset switch { 0 => b, > 0 => $"{b}+{Offset}", _ => $"{b}{Offset}" };
    }
}
