#:project ../src/Wick.Algebra/Wick.Algebra.csproj

// Derives the single-input recursions G_{2m}^{(l+1)} = c_{2m}(n_l) C_W^m G_{2m}^{(l)} for 2m = 2 … 12 with the
// Wick engine (pattern-mode pairing + delta-loop counting), factors each c_{2m}, and prints a LaTeX table.
// Run: dotnet run examples/deep_linear_recursions.cs
using Wick.Algebra;
using Wick.Algebra.Recursions;

Console.WriteLine("\\begin{tabular}{lll}");
Console.WriteLine("$2m$ & $c_{2m}(n_\\ell)$ & product form \\\\ \\hline");
for (int m = 1; m <= 6; m++)
{
    var r = DeepLinear.SingleInput(m);
    var c = r.WidthFactor!;
    string product = r.WidthFactorProduct is { Factors.Count: > 0 } f ? f.ToLatex() : "1";
    Console.WriteLine($"{2 * m} & ${c.ToLatex()}$ & ${product}$ \\\\");
}
Console.WriteLine("\\end{tabular}");
Console.WriteLine();
for (int m = 1; m <= 6; m++)
    Console.WriteLine($"% {DeepLinear.SingleInput(m)}");
