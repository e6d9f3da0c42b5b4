#:project ../src/Wick.Engine/Wick.Engine.csproj

// The engine as a library (docs/LIBRARY.md): derive the four-point recursion at a concrete layer, read the printed
// recursion back and check it, check a wrong coefficient, and ask a question the engine refuses to decide.
// Exits 0 when every verdict is the expected one.
// Run: dotnet run examples/library_check.cs
using Wick.Algebra.Checking;
using Wick.Engine;

// 1. derive: E[z^(3) z^(3) z^(3) z^(3)] in terms of layer 2, the recursion G4^(3) = c_4(n_2) C_W^2 G4^(2), the solution.
var derivation = (Derivation)WickEngine.Derive(new DeriveRequest("E[z^(3)_{i1} z^(3)_{i2} z^(3)_{i3} z^(3)_{i4}]"));
var recursion = derivation.Recursions[0];
Console.WriteLine($"derived:  {recursion}");
Console.WriteLine($"          c_4(n_2) = {recursion.WidthFactor}");

// 2. check what was derived, as printed, and the same with a wrong coefficient (the book's 2/n_2 replaced by 3/n_2).
var holds = WickEngine.Check(new CheckRequest(recursion.ToString()));
var wrong = WickEngine.Check(new CheckRequest("G4^(3) = C_W^2 (1 + 3/n_2) G4^(2)"));
Console.WriteLine($"check:    {recursion} -> {(holds.Holds ? "holds" : "does not hold")}");
Console.WriteLine($"check:    G4^(3) = C_W^2 (1 + 3/n_2) G4^(2) -> lhs - rhs = {wrong.Result.DifferenceText}");

// 3. a remainder with biases needs a solution the engine does not derive: it refuses instead of answering.
bool refused = false;
try
{
    WickEngine.Check(new CheckRequest("G4^(l) - G2^(l)^2 = 2 (l-1)/n_l G2^(l)^2 + O(1/n_l^2)") { Bias = true });
}
catch (CannotDecideException e)
{
    refused = true;
    Console.WriteLine($"refused:  {e.Message[..Math.Min(e.Message.Length, 100)]}...");
}

bool ok = holds.Holds && !wrong.Holds && refused;
Console.WriteLine(ok ? "all verdicts as expected" : "UNEXPECTED VERDICT");
return ok ? 0 : 1;
