namespace Wick.Cli.Numeric;

/// <summary>
/// The numeric commands never print NaN or ±Infinity with exit 0: a non-finite value is refused (exit 2) naming the
/// first quantity and layer where it appears, with what to change. Missing standard errors (a shard of one block)
/// are not values and are printed as absent, not as NaN.
/// </summary>
internal static class FiniteResults
{
    /// <summary>Throws a <see cref="UsageException"/> at the first non-finite (quantity, layer, value).</summary>
    public static void Require(string command, IEnumerable<(string Quantity, int Layer, double Value)> values)
    {
        foreach (var (q, layer, v) in values)
        {
            if (double.IsFinite(v)) continue;
            throw new UsageException(double.IsNaN(v)
                ? $"{command}: {q} at layer {layer} is undefined (NaN: 0/0 or ∞ − ∞, e.g. a ratio over G2 = 0 for a zero input); nothing printed. Give a nonzero input, or smaller values if others overflow."
                : $"{command}: {q} at layer {layer} overflows double precision ({(v > 0 ? "+" : "−")}∞); nothing printed. Use smaller --cw, --cb or --input-norm, fewer --points or layers" +
                  (command == "eval" ? ", or --exact." : "."));
        }
    }
}
