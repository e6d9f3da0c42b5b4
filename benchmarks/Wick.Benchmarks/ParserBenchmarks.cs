using BenchmarkDotNet.Attributes;
using Wick.Algebra.Syntax;
using Wick.Parser;

namespace Wick.Benchmarks;

/// <summary>
/// The input language (issue 3): parsing an ASCII identity, the longest chapter-3 LaTeX equation (3.36), a
/// rejected input (diagnostic path), and printing both spellings.
/// Run: dotnet run -c Release --project benchmarks/Wick.Benchmarks -- --filter '*ParserBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ParserBenchmarks
{
    private const string Ascii =
        "E[z^(1)_{i1} z^(1)_{i2} z^(1)_{i3} z^(1)_{i4}] = C_W^2 (delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3}) G2^(0)^2";

    private const string Latex336 =
        @"\mathbb{E}\left[z_{i_{1}}^{(\ell+1)}z_{i_{2}}^{(\ell+1)}z_{i_{3}}^{(\ell+1)}z_{i_{4}}^{(\ell+1)}z_{i_{5}}^{(\ell+1)}z_{i_{6}}^{(\ell+1)}\right] = \sum_{j_{1},j_{2},j_{3},j_{4},j_{5},j_{6}=1}^{n_{\ell}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(\ell+1)}W_{i_{2}j_{2}}^{(\ell+1)}W_{i_{3}j_{3}}^{(\ell+1)}W_{i_{4}j_{4}}^{(\ell+1)}W_{i_{5}j_{5}}^{(\ell+1)}W_{i_{6}j_{6}}^{(\ell+1)}\right] \mathbb{E}\left[z_{j_{1}}^{(\ell)}z_{j_{2}}^{(\ell)}z_{j_{3}}^{(\ell)}z_{j_{4}}^{(\ell)}z_{j_{5}}^{(\ell)}z_{j_{6}}^{(\ell)}\right]";

    private const string Bad = "E[z^(l)_{j} z^(l+1)_{j}] = delta_{i1 i2} G2^(l)";

    private readonly Expr _tree = WickParser.Parse(Latex336);

    [Benchmark] public Expr ParseAsciiIdentity() => WickParser.Parse(Ascii);

    [Benchmark] public Expr ParseLatexEquation336() => WickParser.Parse(Latex336);

    [Benchmark] public bool RejectWithDiagnostic() => WickParser.TryParse(Bad, out _, out _);

    [Benchmark] public string PrintText() => TextPrinter.Print(_tree);

    [Benchmark] public string PrintLatex() => LatexPrinter.Print(_tree);
}
