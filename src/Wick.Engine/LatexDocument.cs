using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Wick.Algebra.Syntax;

namespace Wick.Engine;

/// <summary>
/// The LaTeX that <c>wick --format latex</c> prints, read as a sequence of parts, and wrapped as a complete document
/// (<c>--standalone</c>, compiles with pdflatex and amsmath/amssymb only) or as a self-contained HTML page whose math
/// KaTeX renders (<c>--format html</c>). The parts: <c>% text</c> headings, display blocks (<c>\begin{align}…\end{align}</c>,
/// <c>\[ … \]</c>) and single lines of math (what <c>wick parse</c> prints).
/// </summary>
public static partial class LatexDocument
{
    /// <summary>What a part of the output is.</summary>
    public enum PartKind
    {
        /// <summary>A line of prose (printed as a <c>%</c> comment).</summary>
        Heading,
        /// <summary>A display environment or <c>\[ … \]</c>, complete.</summary>
        Display,
        /// <summary>One line of math without delimiters.</summary>
        Math,
    }

    /// <summary>One part of an output: its kind and its text (a heading without the <c>%</c>).</summary>
    public sealed record Part(PartKind Kind, string Text)
    {
        /// <summary>The math KaTeX renders in display mode: a display block without <c>\[ \]</c>, or the line of math.</summary>
        public string? Math => Kind switch
        {
            PartKind.Math => Text,
            PartKind.Display when Text.StartsWith("\\[", StringComparison.Ordinal) => Text[2..^2].Trim(),
            PartKind.Display => Text,
            _ => null,
        };
    }

    /// <summary>Splits an output of <c>--format latex</c> into its parts.</summary>
    public static IReadOnlyList<Part> Parts(string latex)
    {
        ArgumentNullException.ThrowIfNull(latex);
        var parts = new List<Part>();
        var lines = latex.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('%')) { parts.Add(new Part(PartKind.Heading, line.TrimStart('%').Trim())); continue; }
            string? end = line == "\\[" || line.StartsWith("\\[", StringComparison.Ordinal) && !line.EndsWith("\\]", StringComparison.Ordinal) ? "\\]"
                : BeginPattern().Match(line) is { Success: true } m && !line.Contains($"\\end{{{m.Groups[1].Value}}}", StringComparison.Ordinal)
                    ? $"\\end{{{m.Groups[1].Value}}}" : null;
            if (end is null)
            {
                parts.Add(new Part(line.StartsWith("\\[", StringComparison.Ordinal) || BeginPattern().IsMatch(line) ? PartKind.Display : PartKind.Math, line));
                continue;
            }
            var block = new List<string> { lines[i] };
            while (++i < lines.Length)
            {
                block.Add(lines[i]);
                if (lines[i].Trim().StartsWith(end, StringComparison.Ordinal)) break;
            }
            parts.Add(new Part(PartKind.Display, string.Join("\n", block).Trim()));
        }
        return parts;
    }

    [GeneratedRegex(@"^<svg[^>]*?\swidth=""([0-9.]+)""\s+height=""([0-9.]+)""")]
    private static partial Regex SvgSize();

    [GeneratedRegex(@"^\\begin\{([a-zA-Z*]+)\}")]
    private static partial Regex BeginPattern();

    /// <summary>A complete LaTeX document (article, amsmath, amssymb) holding the output; <paramref name="title"/> is a comment line.</summary>
    public static string Standalone(string latex, string? title = null)
    {
        var w = new StringBuilder();
        if (title is not null) w.Append("% ").Append(title.ReplaceLineEndings(" ")).Append('\n');
        w.Append("\\documentclass[10pt]{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n\\allowdisplaybreaks\n\\begin{document}\n");
        foreach (var part in Parts(latex))
        {
            w.Append(part.Kind switch
            {
                PartKind.Heading => "\\noindent " + LatexDisplay.EscapeText(part.Text) + "\\par\n",
                PartKind.Math => "\\[\n" + part.Text + "\n\\]\n",
                _ => part.Text + "\n",
            });
        }
        w.Append("\\end{document}\n");
        return w.ToString();
    }

    /// <summary>A plot for an html page: its caption and its SVG document (inlined, so the page needs no network).</summary>
    public sealed record Figure(string Caption, string Svg)
    {
        /// <summary>The &lt;svg&gt; element without the XML declaration or doctype that precede it in a file.</summary>
        public string Element
        {
            get
            {
                int start = Svg.IndexOf("<svg", StringComparison.Ordinal);
                if (start < 0) throw new ArgumentException("a figure's SVG has no <svg> element", nameof(Svg));
                string element = Svg[start..].Trim();
                // A viewBox from width and height, so the page can scale the figure to its column.
                var size = SvgSize().Match(element);
                return size.Success && !element[..element.IndexOf('>', StringComparison.Ordinal)].Contains("viewBox", StringComparison.Ordinal)
                    ? element.Insert(4, $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\"")
                    : element;
            }
        }
    }

    /// <summary>
    /// A self-contained HTML page: KaTeX's script and style (fonts as data URIs) inlined from <paramref name="katex"/>,
    /// the <paramref name="figures"/> inlined as SVG after the title, each math part rendered in display mode when the
    /// page opens (an unreadable formula shows as a KaTeX error node, class <c>katex-error</c>), headings as paragraphs.
    /// No network is used when it is viewed.
    /// </summary>
    public static string Html(string latex, KatexAssets katex, string? title = null, IReadOnlyList<Figure>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(katex);
        string heading = WebUtility.HtmlEncode(title ?? "wick");
        var w = new StringBuilder();
        w.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(heading).Append("</title>\n");
        w.Append("<style>\n").Append(katex.Css).Append("\n</style>\n");
        w.Append("<style>body{font-family:Georgia,serif;max-width:64em;margin:2em auto;padding:0 1em;color:#111}")
         .Append("h1{font-size:1.1em;font-family:monospace;font-weight:normal;background:#f4f4f4;padding:.5em}")
         .Append(".wick-math{overflow-x:auto;margin:1em 0}.wick-heading{font-style:italic}")
         .Append(".wick-figure{margin:1em 0}.wick-figure svg{max-width:100%;height:auto}</style>\n");
        w.Append("<script>\n").Append(katex.Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("\n</script>\n");
        w.Append("</head>\n<body>\n<h1>").Append(heading).Append("</h1>\n");
        foreach (var f in figures ?? [])
            w.Append("<figure class=\"wick-figure\">\n").Append(f.Element).Append("\n<figcaption>").Append(WebUtility.HtmlEncode(f.Caption)).Append("</figcaption>\n</figure>\n");
        foreach (var part in Parts(latex))
        {
            if (part.Math is { } math) w.Append("<div class=\"wick-math\">").Append(WebUtility.HtmlEncode(math)).Append("</div>\n");
            else w.Append("<p class=\"wick-heading\">").Append(WebUtility.HtmlEncode(part.Text)).Append("</p>\n");
        }
        w.Append("<script>\nfor (const el of document.querySelectorAll('.wick-math'))\n")
         .Append("  katex.render(el.textContent, el, { displayMode: true, throwOnError: false });\n</script>\n</body>\n</html>\n");
        return w.ToString();
    }
}

/// <summary>
/// KaTeX's script and style sheet (with its woff2 fonts inlined as data URIs), read from an installed katex package:
/// <c>WICK_KATEX</c> (the package folder or its dist/ folder), else <c>tests/katex/node_modules/katex</c> of the
/// repository above the running program or the current directory (<c>npm ci --prefix tests/katex</c> installs it).
/// </summary>
public sealed partial class KatexAssets
{
    /// <summary>katex.min.js.</summary>
    public required string Script { get; init; }
    /// <summary>katex.min.css with the fonts inlined.</summary>
    public required string Css { get; init; }

    /// <summary>Where KaTeX is looked for when <c>WICK_KATEX</c> is not set, relative to a repository root.</summary>
    public const string RepositoryPath = "tests/katex/node_modules/katex/dist";

    /// <summary>Finds and reads KaTeX, or throws <see cref="RequestException"/> saying how to install it.</summary>
    public static KatexAssets Load()
    {
        string? dist = Locate();
        if (dist is null)
            throw new RequestException("--format html needs KaTeX (from npm): run 'npm ci --prefix tests/katex' in the wick repository, or set WICK_KATEX to an installed katex package.");
        return FromDist(dist);
    }

    /// <summary>The dist/ folder of the katex package in use, or null.</summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("WICK_KATEX") is { Length: > 0 } env)
            return new[] { env, Path.Combine(env, "dist") }.FirstOrDefault(d => File.Exists(Path.Combine(d, "katex.min.js")))
                ?? throw new RequestException($"WICK_KATEX={env}: no katex.min.js there or in its dist/ folder.");
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, RepositoryPath);
                if (File.Exists(Path.Combine(candidate, "katex.min.js"))) return candidate;
            }
        return null;
    }

    /// <summary>Reads katex.min.js and katex.min.css from a dist/ folder, the css fonts replaced by data URIs (woff2 only).</summary>
    public static KatexAssets FromDist(string dist)
    {
        string css = File.ReadAllText(Path.Combine(dist, "katex.min.css"));
        css = FontAlternatives().Replace(css, "");
        css = Woff2().Replace(css, m =>
            $"url(data:font/woff2;base64,{Convert.ToBase64String(File.ReadAllBytes(Path.Combine(dist, "fonts", m.Groups[1].Value + ".woff2")))})");
        return new KatexAssets { Script = File.ReadAllText(Path.Combine(dist, "katex.min.js")), Css = css };
    }

    [GeneratedRegex(@",\s*url\(fonts/[^)]+\.(?:woff|ttf)\)\s*format\(""[a-z]+""\)")]
    private static partial Regex FontAlternatives();

    [GeneratedRegex(@"url\(fonts/([^)]+)\.woff2\)")]
    private static partial Regex Woff2();
}
