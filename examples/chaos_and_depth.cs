#:project ../src/Wick.Algebra/Wick.Algebra.csproj
// Chaos and depth (PDLT §3.4, (3.52)–(3.57)): connected 2m-point correlators of a critical deep linear network
// in the double-scaling limit n, L → ∞ with r = L/n fixed.
//
// For each 2m = 4 … 12 this prints, all derived by the engine (recursions c_{2m}(n) from Wick pairing and delta
// contraction, connected parts by Möbius inversion over set partitions, limits by exact series algebra):
//   • κ_{2m}(r): the connected 2m-point correlator divided by the pairing tensor and (G_2^{(L)})^m, in the
//     double-scaling limit — an exponential polynomial Σ a_k e^{λ_k r};
//   • its LEADING double-scaling coefficient: the first non-vanishing term of the small-r series, c·r^{m−1};
//   • the FIRST CORRECTION, in the two senses that matter:
//       (a) next order in r at n = ∞: the coefficient of r^m in the same series;
//       (b) the O(1/n) correction at fixed r: κ_{2m} = f(r) + δ(r)/n + O(1/n²); δ(r) is printed as an exponential
//           polynomial together with its own leading small-r term.
// Run: dotnet run examples/chaos_and_depth.cs
using Wick.Algebra;
using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Expansions;
using Wick.Algebra.Recursions;

var L = Layer.Symbolic("L");
var n = Symbol.N;
var g2 = Symbol.Correlator(2, L);
var solutions = DeepLinearSolutions.FromEngine(n);     // G_{2m}^{(L)} = c_{2m}(n)^{L-1} (G_2^{(L)})^m, c_{2m} derived
var critical = new Dictionary<Symbol, Polynomial> { [DeepLinear.CW] = 1, [g2] = 1 };

// Cross-check: for 2m = 4, 6 the general tensor route through the engine's correlators gives the same scalar.
foreach (int m in new[] { 2, 3 })
{
    var pts = Enumerable.Range(1, 2 * m).Select(i => new FieldPoint($"i{i}")).ToList();
    var viaTensor = CorrelatorExpansion.Connected(pts, L, ConnectedMethod.Tensor).PairingScalar;
    Console.WriteLine($"E[z^{2 * m}]|_c / pairings = {viaTensor}   (tensor route {(viaTensor == PairingConnected.Scalar(m, L) ? "==" : "!=")} pairing route)");
}
Console.WriteLine();

for (int m = 2; m <= 6; m++)
{
    var fields = Enumerable.Range(1, 2 * m).Select(i => new FieldPoint($"i{i}")).ToList();
    var scalar = CorrelatorExpansion.Connected(fields, L).PairingScalar!;   // engine correlators, Möbius inversion
    var exact = solutions.Solve(scalar).Substitute(critical);              // symbolic depth, criticality, G2 = 1
    var ds = DoubleScaling.Limit(exact, n, widthOrder: 1);                 // f(r) + δ(r)/n + O(1/n²)
    var f = ds.Leading;
    var (power, coefficient) = f.LeadingInR() ?? throw new InvalidOperationException("vanishes");
    var next = f.SeriesInR(power + 1).CoefficientsIn(ExponentialPolynomial.R).GetValueOrDefault(power + 1, Polynomial.Zero);
    var delta = ds.CorrectionAt(1);
    var deltaLead = delta.LeadingInR();

    Console.WriteLine($"2m = {2 * m}");
    Console.WriteLine($"  connected scalar        {scalar}");
    Console.WriteLine($"  double-scaling limit    f(r) = {f}");
    var r = Polynomial.Var(ExponentialPolynomial.R);
    Console.WriteLine($"  leading coefficient     {coefficient * r.Pow(power)}          (tree level: power m-1 = {m - 1})");
    Console.WriteLine($"  (a) next order in r     {next * r.Pow(power + 1)}");
    Console.WriteLine($"  (b) 1/n at fixed r      delta(r) = {delta}");
    Console.WriteLine($"                          leading: {(deltaLead is { } d ? (d.Coefficient * r.Pow(d.Power)).ToString() : "0")}");
    Console.WriteLine();
}
