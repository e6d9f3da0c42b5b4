using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wick.Engine;
using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary>
/// Issue 14, output half: every LaTeX string wick prints (the golden derive/check outputs and a run of every command
/// with <c>--format latex</c>) renders with KaTeX (throwOnError), <c>--standalone</c> documents compile with pdflatex,
/// and a <c>--format html</c> page opens in headless Chromium with its equations rendered. The tools come from
/// .ci/run (apt: chromium, texlive-latex-base; npm ci in tests/katex). Without a tool the test is inconclusive on a
/// developer's machine and fails in CI (CI=true), never passes silently.
/// </summary>
[NonParallelizable]
public class PasteReadyOutputTests
{
    private static readonly string Repository = typeof(PasteReadyOutputTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "WickRepository").Value!;

    private static readonly string KatexFolder = Path.Combine(Repository, "tests", "katex");

    /// <summary>One run of every command that prints LaTeX (small sizes: each takes about a second).</summary>
    private static readonly (string Name, string[] Args)[] Commands =
    [
        ("parse", ["parse", @"G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) \quad (3.24)"]),
        ("derive-G6", ["derive", "E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4} z^(l+1)_{i5} z^(l+1)_{i6}]"]),
        ("derive-four-samples", ["derive", "--bias", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2} z^(l+1)_{i3;a3} z^(l+1)_{i4;a4}]"]),
        ("derive-mlp-vertex", ["derive", "--model", "mlp", "V^(l+1)_{(a1 a2)(a3 a4)}"]),
        ("derive-double-scaling", ["derive", "--set", "C_W=1", "--limit", "double-scaling", "--order", "2", "Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4} z^(L)_{i5} z^(L)_{i6}]"]),
        ("derive-ntk", ["derive", "--model", "mlp", "Theta^(l+1)_{a1 a2}"]),
        ("eval-ntk", ["eval", "--ntk", "--model", "mlp", "--activation", "tanh", "--widths", "4x3"]),
        ("check-tagged", ["check", @"G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) \quad (3.24)"]),
        ("check-wrong", ["check", "G6^(l+1) = C_W^3 (1 + 6/n_l + 7/n_l^2) G6^(l)"]),
        ("eval", ["eval", "--widths", "8x3", "--points", "6"]),
        ("eval-exact", ["eval", "--widths", "4x2", "--points", "4", "--exact"]),
        ("mc", ["mc", "--widths", "8x3", "--points", "4", "--samples", "2000"]),
        ("mc-mlp", ["mc", "--model", "mlp", "--activation", "tanh", "--widths", "4x2", "--samples", "500"]),
        ("expect", ["expect", "<sigma_a sigma_b>_K", "--activation", "tanh", "--kernel", "[[1,0.2],[0.2,0.5]]"]),
        ("crosscheck", ["crosscheck", "--widths", "4x2", "--points", "4", "--samples", "2000", "--multi-samples", "500"]),
        ("dmft", ["dmft", "--targets", "1,-0.5", "--whitened", "--steps", "20"]),
        ("criticality-tanh", ["criticality", "--activation", "tanh", "--check-depth", "2000"]),
        ("criticality-swish", ["criticality", "--activation", "swish", "--check-depth", "2000"]),
        ("criticality-relu", ["criticality", "--activation", "relu"]),
        ("plot-criticality", ["plot", "--kind", "criticality", "--activation", "gelu", "--depth", "1000", "--out", Path.Combine(Path.GetTempPath(), "wick-paste-ready-criticality.svg")]),
        ("dmft-series", ["dmft", "--targets", "1,-0.5", "--whitened", "--series"]),
    ];

    private static readonly Dictionary<string, string> Latex = [];

    /// <summary>The LaTeX of every command run above, and of every golden LaTeX file, by name.</summary>
    private static IReadOnlyDictionary<string, string> AllLatex()
    {
        if (Latex.Count > 0) return Latex;
        foreach (var (name, args) in Commands)
        {
            var (code, stdout, stderr) = WickRunner.Run([.. args, "--format", "latex"]);
            Assert.That(code, Is.AnyOf(0, 1), $"wick {string.Join(' ', args)} --format latex: {stderr}");
            Assert.That(stdout.Trim(), Is.Not.Empty, name);
            Latex[name] = stdout;
        }
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.latex.txt"))
            Latex["golden " + Path.GetFileName(file)] = File.ReadAllText(file);
        Assert.That(Latex.Keys.Count(k => k.StartsWith("golden ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(13), "golden LaTeX files were not copied");
        return Latex;
    }

    [Test]
    public void Every_latex_output_renders_with_katex()
    {
        string node = Require("node", "apt-get install nodejs (the dotnet machine has it)");
        InstallKatex();
        var formulas = new List<object>();
        foreach (var (name, latex) in AllLatex())
        {
            var parts = LatexDocument.Parts(latex);
            Assert.That(parts.Any(p => p.Math is not null), $"{name}: no math in its LaTeX output:\n{latex}");
            int k = 0;
            foreach (var part in parts.Where(p => p.Math is not null)) formulas.Add(new { name = $"{name} #{++k}", latex = part.Math });
        }
        var (code, stdout, stderr) = Run(node, KatexFolder, JsonSerializer.Serialize(formulas), "render.mjs");
        Assert.That(code, Is.EqualTo(0), $"KaTeX refused some formulas: {stdout}\n{stderr}");
        using var result = JsonDocument.Parse(stdout);
        Assert.That(result.RootElement.GetProperty("rendered").GetInt32(), Is.EqualTo(formulas.Count));
        Assert.That(formulas, Has.Count.GreaterThan(40));
    }

    /// <summary>Paste-ready shape: left-hand side on every align row set, no trailing \\ before \end, text headers.</summary>
    [Test]
    public void Latex_outputs_are_paste_ready()
    {
        foreach (var (name, latex) in AllLatex())
        {
            Assert.That(latex, Does.Not.Match(@"\\\\\s*\\end\{(align|array)\}"), $"{name}: a \\\\ before \\end prints an empty (numbered) line");
            Assert.That(latex, Does.Not.Contain("tabular"), $"{name}: KaTeX has no tabular; tables are arrays in display math");
            foreach (Match block in Regex.Matches(latex, @"\\begin\{align\}\s*\n(.*?)\n", RegexOptions.Singleline))
                Assert.That(block.Groups[1].Value.TrimStart(), Does.Not.StartWith("&="), $"{name}: an equation without its left-hand side");
            foreach (Match header in Regex.Matches(latex, @"\\begin\{array\}\{r+\}\s*\n([^\n]*)\n"))
                Assert.That(Regex.IsMatch(header.Groups[1].Value, @"(^|& )[a-z]{3,}"), Is.False, $"{name}: a word in math mode in the header {header.Groups[1].Value}");
        }
        Assert.That(AllLatex()["golden derive-G4-l+1.latex.txt"], Does.StartWith("\\begin{align}\n  &\\mathbb{E}\\left[z^{(\\ell+1)}_{i_{1}}"));
    }

    [Test]
    public void Standalone_documents_compile_with_pdflatex()
    {
        string pdflatex = Require("pdflatex", "apt-get install texlive-latex-base");
        string dir = Directory.CreateTempSubdirectory("wick-pdflatex-").FullName;
        try
        {
            var documents = new Dictionary<string, string>();
            // Three through the command line (the --standalone option); the other outputs through the same wrapper.
            foreach (var (name, args) in Commands.Where(c => c.Name is "derive-G6" or "check-tagged" or "crosscheck" or "criticality-tanh" or "criticality-swish"))
            {
                var (code, stdout, stderr) = WickRunner.Run([.. args, "--format", "latex", "--standalone"]);
                Assert.That(code, Is.AnyOf(0, 1), stderr);
                Assert.That(stdout, Does.Contain("\\documentclass").And.Contain("\\usepackage{amssymb}").And.EndWith("\\end{document}\n"));
                documents[name] = stdout;
            }
            foreach (var (name, latex) in AllLatex().Where(kv => !documents.ContainsKey(kv.Key)))
                documents[name] = LatexDocument.Standalone(latex, name);
            var overfull = new List<string>();
            int n = 0;
            foreach (var (name, document) in documents)
            {
                string file = $"doc{++n}";
                File.WriteAllText(Path.Combine(dir, file + ".tex"), document);
                var (code, stdout, _) = Run(pdflatex, dir, null, "-interaction=nonstopmode", "-halt-on-error", file + ".tex");
                Assert.That(code, Is.EqualTo(0), $"{name} does not compile:\n{Tail(stdout)}\n{document}");
                Assert.That(File.Exists(Path.Combine(dir, file + ".pdf")), name);
                // Equations are broken to the text width: an overfull line of more than a few points is a layout bug
                // (tables of many columns may be wider than the page; they are not checked).
                if (!document.Contains("\\begin{array}", StringComparison.Ordinal))
                    foreach (Match m in Regex.Matches(File.ReadAllText(Path.Combine(dir, file + ".log")), @"Overfull \\hbox \(([0-9.]+)pt too wide\)"))
                        if (double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 15) overfull.Add($"{name}: {m.Value}");
            }
            Assert.That(overfull, Is.Empty);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Html_page_opens_in_headless_chromium_with_the_equations_rendered()
    {
        var (page, dom, dark) = Browse("derive", "--format", "html", "E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]");
        Assert.That(Regex.Matches(page, "class=\"wick-math\"").Count, Is.GreaterThanOrEqualTo(4));
        Assert.That(dom, Does.Contain("class=\"katex-mathml\""));
        // Ink of the equations: more than a blank page, less than a filled one.
        Assert.That(dark, Is.InRange(500, 1200 * 900 / 8), "the screenshot shows no rendered equations");
    }

    /// <summary>Issue 14: the plot inline in the page as SVG (no network), the data table rendered by KaTeX.</summary>
    [TestCase("plot", "--kind", "criticality", "--activation", "gelu", "--depth", "2000", "--format", "html")]
    [TestCase("criticality", "--activation", "tanh", "--check-depth", "2000", "--plot", "--format", "html")]
    [TestCase("plot", "--kind", "limits", "--points", "4", "--plot-widths", "4,8", "--format", "html")]
    public void Html_page_with_an_inline_plot_opens_in_headless_chromium(params string[] args)
    {
        var (page, dom, dark) = Browse(args);
        Assert.That(Regex.Matches(page, "<figure class=\"wick-figure\">\n<svg viewBox=\"0 0 [0-9]+ [0-9]+\"").Count, Is.EqualTo(1), "one figure, inline SVG");
        Assert.That(page, Does.Not.Contain("<?xml"));
        Assert.That(Regex.IsMatch(dom, "<svg[^>]*viewBox"), "the figure is in the rendered page");
        if (args.Contains("criticality"))
        {
            Assert.That(page, Does.Contain("\\begin{array}"), "the plotted data as a table");
            Assert.That(dom, Does.Contain("class=\"katex-mathml\""));
        }
        // The figure's four panels and the equations: far more ink than a page of equations alone.
        Assert.That(dark, Is.GreaterThan(5000), "the screenshot shows no plot");
    }

    /// <summary>
    /// Runs wick with <paramref name="args"/> (an html page), opens the page in headless Chromium: the page, the DOM
    /// after KaTeX ran (no error nodes, every math block rendered) and the dark pixels of a 1200 × 900 screenshot.
    /// </summary>
    private static (string Page, string Dom, int Dark) Browse(params string[] args)
    {
        string chromium = Require("chromium", "apt-get install chromium");
        InstallKatex();
        string dir = Directory.CreateTempSubdirectory("wick-html-").FullName;
        try
        {
            var env = new Dictionary<string, string?> { ["WICK_KATEX"] = Path.Combine(KatexFolder, "node_modules", "katex") };
            var (code, page, stderr) = WickRunner.RunWithEnvironment(env, args);
            Assert.That(code, Is.EqualTo(0), stderr);
            Assert.That(page, Does.StartWith("<!DOCTYPE html>").And.Contain("data:font/woff2;base64,").And.Not.Contain("src=\"http"));
            string html = Path.Combine(dir, "d.html");
            File.WriteAllText(html, page);
            int blocks = Regex.Matches(page, "class=\"wick-math\"").Count;

            string[] headless = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={Path.Combine(dir, "profile")}"];
            var (dumpCode, dom, dumpErr) = Run(chromium, dir, null, [.. headless, "--virtual-time-budget=5000", "--dump-dom", new Uri(html).AbsoluteUri]);
            Assert.That(dumpCode, Is.EqualTo(0), dumpErr);
            Assert.That(dom, Does.Not.Contain("class=\"katex-error\""), "KaTeX could not render an equation in the browser");
            Assert.That(Regex.Matches(dom, "class=\"katex-display\"").Count, Is.EqualTo(blocks), "every math block is rendered by KaTeX");

            string png = Path.Combine(dir, "d.png");
            var (shotCode, _, shotErr) = Run(chromium, dir, null, [.. headless, "--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=1200,900", $"--screenshot={png}", new Uri(html).AbsoluteUri]);
            Assert.That(shotCode, Is.EqualTo(0), shotErr);
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.That(bitmap, Is.Not.Null, "the screenshot is not a PNG");
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((1200, 900)));
            int dark = 0;
            for (int y = 0; y < bitmap.Height; y += 2)
                for (int x = 0; x < bitmap.Width; x += 2)
                    if (bitmap.GetPixel(x, y) is var c && c.Red + c.Green + c.Blue < 384) dark++;
            return (page, dom, dark);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Html_without_katex_is_refused_with_a_message()
    {
        var env = new Dictionary<string, string?> { ["WICK_KATEX"] = Path.GetTempPath() };
        var (code, stdout, stderr) = WickRunner.RunWithEnvironment(env, "check", "--format", "html", "G2^(2) = C_W G2^(1)");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("katex.min.js"));
        (code, _, stderr) = WickRunner.Run("check", "--format", "json", "--standalone", "G2^(2) = C_W G2^(1)");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--standalone goes with --format latex"));
    }

    /// <summary>npm ci in tests/katex when its node_modules is missing (CI runs it in .ci/run too).</summary>
    private static void InstallKatex()
    {
        if (File.Exists(Path.Combine(KatexFolder, "node_modules", "katex", "dist", "katex.min.js"))) return;
        string npm = Require("npm", "apt-get install npm");
        var (code, stdout, stderr) = Run(npm, KatexFolder, null, "ci", "--no-audit", "--no-fund");
        Assert.That(code, Is.EqualTo(0), $"npm ci in {KatexFolder} failed:\n{stdout}\n{stderr}");
    }

    /// <summary>The path of a tool; missing, the test fails in CI and is inconclusive elsewhere.</summary>
    private static string Require(string tool, string install)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, tool))) return Path.Combine(dir, tool);
        string message = $"{tool} is not installed ({install}; .ci/run installs it).";
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false") Assert.Fail("In CI: " + message);
        Assert.Inconclusive(message);
        return "";
    }

    private static (int Code, string Out, string Err) Run(string exe, string cwd, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) { p.StandardInput.Write(stdin); p.StandardInput.Close(); }
        if (!p.WaitForExit(180_000)) { p.Kill(true); Assert.Fail($"{exe} did not finish within 180 s"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Tail(string s) => s.Length > 3000 ? s[^3000..] : s;
}
