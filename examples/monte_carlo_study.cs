#:project ../src/Wick.Engine/Wick.Engine.csproj
// A Monte Carlo study with the Wick.Engine API only (docs/LIBRARY.md, "The notebook story"): real deep linear
// networks (every weight drawn, fixed seeds) against the recursions the engine derives, at two widths, and how the
// four-point ratio G4/G2^2 = prod (1 + 2/n_l) (3.25) grows with depth. Run it in Release (-c Release; a
// #:property Configuration=Release line does not change the configuration of the referenced projects): Monte Carlo
// in a Debug build is about ten times slower.
// Run: dotnet run -c Release examples/monte_carlo_study.cs
using System.Diagnostics;
using Wick.Engine;

bool allAgree = true;
foreach (string widths in new[] { "8x6", "32x6" })
{
    var clock = Stopwatch.StartNew();
    var study = WickEngine.MonteCarlo(new MonteCarloRequest { Widths = widths, Points = 6, Samples = 50_000, Seed = 7 });
    Console.Write(study.Text());
    Console.WriteLine($"({clock.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();

    // The rows are typed: G4/G2^2 at the last layer from the derived recursion and from the sampled networks.
    int last = study.Rows.Max(r => r.Layer);
    var g2 = study.Rows.Single(r => r.Quantity == "G2" && r.Layer == last);
    var g4 = study.Rows.Single(r => r.Quantity == "G4" && r.Layer == last);
    Console.WriteLine($"widths {widths}: G4/G2^2 at layer {last}: recursion {g4.Recursion / (g2.Recursion * g2.Recursion):F4}, " +
                      $"Monte Carlo {g4.MonteCarlo.Value / (g2.MonteCarlo.Value * g2.MonteCarlo.Value):F4}");
    Console.WriteLine();
    allAgree &= study.Agrees;
}
return allAgree ? 0 : 1;
