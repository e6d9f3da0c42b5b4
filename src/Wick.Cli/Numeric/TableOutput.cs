using System.Globalization;
using Wick.Algebra.Syntax;

namespace Wick.Cli.Numeric;

/// <summary>A small table printed as aligned text or as a LaTeX array in display math.</summary>
internal sealed class TableOutput(IReadOnlyList<string> headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter w, OutputFormat format)
    {
        if (format == OutputFormat.Latex)
        {
            w.Write(LatexTable.Array(headers, _rows));
            return;
        }
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        w.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadLeft(widths[i]))).TrimEnd());
        foreach (var r in _rows) w.WriteLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))).TrimEnd());
    }

    /// <summary>A heading line: plain in text, a <c>%</c> comment in LaTeX.</summary>
    public static void Heading(TextWriter w, OutputFormat format, string text) => w.WriteLine(format == OutputFormat.Latex ? "% " + text : text);

    /// <summary>Shortest round-trip spelling of a double (invariant culture).</summary>
    public static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Compact spelling with <paramref name="digits"/> significant digits.</summary>
    public static string Short(double x, int digits = 8) => x.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>value ± error with the error's two leading digits.</summary>
    public static string PlusMinus(double value, double err) =>
        double.IsFinite(err) && err > 0
            ? $"{Short(value, Math.Clamp((int)Math.Ceiling(Math.Log10(Math.Abs(value) / err + 1)) + 2, 2, 12))} ± {Short(err, 2)}"
            : Short(value);
}
