#:project ../src/Wick.Engine/Wick.Engine.csproj
// A derivation session with the Wick.Engine API only (docs/LIBRARY.md, "The notebook story"): derive the four- and
// six-point recursions of deep linear networks, read the width factors c_{2m}(n) and their factored forms, check a
// hand calculation and a wrong one, expand the connected four-point function in 1/n, and write everything as a
// LaTeX document and a KaTeX page that a physicist can share.
// Run: dotnet run -c Release examples/derivation_session.cs        (writes session.tex, and session.html when KaTeX is installed)
using Wick.Algebra;
using Wick.Algebra.Expansions;
using Wick.Engine;

var latex = new System.Text.StringBuilder();

// 1. E[z z z z] and E[z z z z z z] at layer l+1: recursion, width factor c_{2m}(n_l), solution (3.45)-(3.47).
foreach (int points in new[] { 4, 6 })
{
    string fields = string.Join(" ", Enumerable.Range(1, points).Select(i => $"z^(l+1)_{{i{i}}}"));
    var d = (Derivation)WickEngine.Derive(new DeriveRequest($"E[{fields}]"));
    var r = d.Recursions[0];
    Console.WriteLine($"{r}");
    Console.WriteLine($"  c_{points}(n_l) = {r.WidthFactor} = {r.WidthFactorProduct}");
    Console.WriteLine($"  solution: {d.Solution}");
    latex.Append(d.Latex());
}

// 2. Check a hand calculation as printed in the book (3.24), and one with a wrong coefficient.
foreach (var identity in new[] { @"G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) \quad (3.24)", "G6^(l+1) = C_W^3 (1 + 6/n_l + 7/n_l^2) G6^(l)" })
{
    var check = WickEngine.Check(new CheckRequest(identity));
    Console.WriteLine($"check {identity}: {(check.Holds ? "holds" : $"does not hold, lhs - rhs = {check.Result.DifferenceText}")}");
    latex.Append(check.Latex());
}

// 3. The connected four-point function at criticality, exact at symbolic depth and through order 1/n (3.28).
var connected = WickEngine.Expand(new DeriveRequest("Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4}]")
{
    Settings = new Dictionary<Symbol, Polynomial>([WickEngine.Setting("C_W=1")]),
    Order = 1,
});
Console.WriteLine($"connected four-point function through 1/n: leading term {connected.Leading}");
latex.Append(connected.Latex());

// 4. Share it: a complete LaTeX document (pdflatex session.tex) and, with KaTeX installed, a self-contained page.
File.WriteAllText("session.tex", LatexDocument.Standalone(latex.ToString(), "Wick derivation session"));
Console.WriteLine("wrote session.tex");
if (KatexAssets.Locate() is { } katex)
{
    File.WriteAllText("session.html", LatexDocument.Html(latex.ToString(), KatexAssets.FromDist(katex), "Wick derivation session"));
    Console.WriteLine("wrote session.html");
}
else Console.WriteLine("KaTeX not installed (npm ci --prefix tests/katex): no session.html");
