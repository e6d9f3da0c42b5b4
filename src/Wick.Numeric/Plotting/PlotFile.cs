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

    /// <summary>
    /// Saves several plots as one figure, <paramref name="columns"/> panels per row, each rendered into its cell of one
    /// canvas: a raster surface for .png, an SVG canvas for .svg (ScottPlot's multiplot saves PNG only).
    /// </summary>
    public static void SavePanels(IReadOnlyList<Plot> panels, int columns, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0 || columns < 1) throw new ArgumentException("a figure needs at least one panel and one column");
        int rows = (panels.Count + columns - 1) / columns;
        void Draw(SkiaSharp.SKCanvas canvas)
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            float w = (float)width / columns, h = (float)height / rows;
            for (int i = 0; i < panels.Count; i++)
            {
                float x = i % columns * w, y = i / columns * h;
                // A panel clears its background: clip it to its cell so it does not wipe the others.
                canvas.Save();
                canvas.ClipRect(new SkiaSharp.SKRect(x, y, x + w, y + h));
                panels[i].Render(canvas, new PixelRect(x, x + w, y + h, y));
                canvas.Restore();
            }
        }
        switch (Path.GetExtension(path ?? throw new ArgumentNullException(nameof(path))).ToLowerInvariant())
        {
            case ".png":
            {
                using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
                Draw(surface.Canvas);
                using var image = surface.Snapshot();
                using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
                using var file = File.Create(path);
                data.SaveTo(file);
                break;
            }
            case ".svg":
            {
                using (var file = File.Create(path))
                using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, width, height), file))
                    Draw(canvas);
                break;
            }
            default: throw new ArgumentException($"a plot is saved as {string.Join(" or ", Extensions)}, not '{Path.GetFileName(path)}'", nameof(path));
        }
    }

    /// <summary>The usage message for an output file with another extension.</summary>
    public static string Expected(string option, string path) =>
        $"{option}: expected a .png or .svg file, got '{Path.GetFileName(path)}'.";
}
