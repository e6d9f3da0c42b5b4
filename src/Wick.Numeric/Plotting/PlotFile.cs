using ScottPlot;

namespace Wick.Numeric.Plotting;

/// <summary>
/// Where every plot of wick is written: the file's extension chooses the format — <c>.png</c> (a raster image) or
/// <c>.svg</c> (vector graphics, for papers and the html pages). One place, so every plot command offers both.
/// </summary>
public static class PlotFile
{
    /// <summary>The extensions a plot can be saved with.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".svg"];

    /// <summary>True when <paramref name="path"/> ends in an extension of <see cref="Extensions"/> (any case).</summary>
    public static bool IsSupported(string path) =>
        Extensions.Contains(Path.GetExtension(path ?? throw new ArgumentNullException(nameof(path))).ToLowerInvariant());

    /// <summary>Saves <paramref name="plot"/> as PNG or SVG by the extension of <paramref name="path"/>.</summary>
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        switch (Path.GetExtension(path ?? throw new ArgumentNullException(nameof(path))).ToLowerInvariant())
        {
            case ".png": plot.SavePng(path, width, height); break;
            case ".svg": plot.SaveSvg(path, width, height); break;
            default: throw new ArgumentException($"a plot is saved as {string.Join(" or ", Extensions)}, not '{Path.GetFileName(path)}'", nameof(path));
        }
    }

    /// <summary>The usage message for an output file with another extension.</summary>
    public static string Expected(string option, string path) =>
        $"{option}: expected a .png or .svg file, got '{Path.GetFileName(path)}'.";
}
