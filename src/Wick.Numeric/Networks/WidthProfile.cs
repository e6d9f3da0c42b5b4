using System.Globalization;

namespace Wick.Numeric.Networks;

/// <summary>
/// The widths n_1, …, n_L of the layers of a network (layer ℓ has width n_ℓ; the input width n_0 is separate).
/// Spelled <c>8,8,16</c> (one entry per layer) or <c>8x10</c> (ten layers of width 8); the forms combine:
/// <c>16,8x3,4</c>.
/// </summary>
public sealed class WidthProfile
{
    private readonly int[] _widths;

    public WidthProfile(IEnumerable<int> widths)
    {
        _widths = widths.ToArray();
        if (_widths.Length == 0) throw new ArgumentException("A network needs at least one layer.");
        for (int i = 0; i < _widths.Length; i++)
            if (_widths[i] < 1) throw new ArgumentException($"The width of layer {i + 1} must be a positive integer, got {_widths[i]}.");
    }

    /// <summary>Number of layers L.</summary>
    public int Depth => _widths.Length;

    /// <summary>The widths n_1 … n_L.</summary>
    public IReadOnlyList<int> Widths => _widths;

    /// <summary>n_ℓ for ℓ = 1 … L.</summary>
    public int this[int layer] => layer >= 1 && layer <= _widths.Length
        ? _widths[layer - 1]
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, $"Layers run from 1 to {_widths.Length}.");

    /// <summary>The largest width.</summary>
    public int MaxWidth => _widths.Max();

    /// <summary>Parses <c>8,8,16</c>, <c>8x10</c> or a mix; throws <see cref="FormatException"/> with the offending part.</summary>
    public static WidthProfile Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("--widths: empty; expected e.g. 8,8,16 or 8x10.");
        var list = new List<int>();
        foreach (string raw in text.Split(','))
        {
            string part = raw.Trim();
            string[] wx = part.Split('x', 'X', '*');
            if (wx.Length > 2 || !TryInt(wx[0], out int w) || (wx.Length == 2 && !TryInt(wx[1], out _)))
                throw new FormatException($"--widths: cannot read '{part}' in '{text}'; expected WIDTH or WIDTHxLAYERS, e.g. 8,8,16 or 8x10.");
            int count = wx.Length == 2 ? int.Parse(wx[1], CultureInfo.InvariantCulture) : 1;
            if (w < 1) throw new FormatException($"--widths: width must be a positive integer, got {w} in '{text}'.");
            if (count < 1 || count > 100_000) throw new FormatException($"--widths: layer count must be between 1 and 100000, got {count} in '{part}'.");
            for (int i = 0; i < count; i++) list.Add(w);
        }
        return new WidthProfile(list);
    }

    private static bool TryInt(string s, out int value) =>
        int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Equal widths n for L layers.</summary>
    public static WidthProfile Uniform(int width, int depth) => new(Enumerable.Repeat(width, depth));

    public override string ToString()
    {
        var parts = new List<string>();
        for (int i = 0; i < _widths.Length;)
        {
            int j = i;
            while (j < _widths.Length && _widths[j] == _widths[i]) j++;
            parts.Add(j - i == 1 ? _widths[i].ToString(CultureInfo.InvariantCulture) : $"{_widths[i]}x{j - i}");
            i = j;
        }
        return string.Join(',', parts);
    }
}
