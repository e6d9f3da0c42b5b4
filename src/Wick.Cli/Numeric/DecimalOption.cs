using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Wick.Cli.Numeric;

/// <summary>
/// Options holding one decimal number (<c>--cw</c>, <c>--cb</c>, <c>--input-norm</c>), read strictly: a point is the
/// only decimal separator and no digit grouping is accepted, so <c>--cw 1,5</c> is an error (exit 2) instead of
/// silently reading 15 as the default parser's thousands separator does.
/// </summary>
internal static class DecimalOption
{
    public static Option<double> Create(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Parse(r, name) ?? defaultValue,
    };

    public static Option<double?> CreateOptional(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, name),
    };

    private static double? Parse(ArgumentResult r, string name)
    {
        if (r.Tokens.Count == 0) { r.AddError($"{name}: expected a number."); return null; }
        string text = r.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) return x;
        r.AddError(text.Contains(',')
            ? $"{name}: cannot read '{text}' as a number: write decimals with a point (e.g. 1.5); ',' is neither a decimal separator nor a list here."
            : $"{name}: cannot read '{text}' as a number (e.g. 0.5 or 1e-3).");
        return null;
    }
}
