using System.CommandLine;
using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Recursions;
using Wick.Parser;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Cli.Commands;

/// <summary><c>wick</c> with no arguments: a short guided demo on the embedded defaults.</summary>
internal static class DemoCommand
{
    public static void Attach(RootCommand root)
    {
        var format = Cli.FormatOption();
        root.Options.Add(format);
        root.SetAction(r =>
        {
            var g4 = DeepLinear.SingleInput(2);
            var g6 = DeepLinear.SingleInput(3);
            var c8 = DeepLinear.SingleInput(4);
            const string identity = "G6^(l+1) = C_W^3 (1 + 6/n_l + 7/n_l^2) G6^(l)";
            var check = IdentityChecker.Check(WickParser.ParseIdentity(identity), bias: false);
            if (r.GetValue(format) == OutputFormat.Json)
            {
                Cli.WriteJson(new
                {
                    g4 = g4.ToString(), g6 = g6.ToString(),
                    c8 = c8.WidthFactor!.ToString(), c8Factored = c8.WidthFactorProduct!.ToString(),
                    check = new { identity, holds = check.Holds, difference = check.Difference.ToString() },
                });
                return ExitCodes.Ok;
            }
            Console.WriteLine("Wick — Wick contractions for neural networks at initialization (deep linear demo)");
            Console.WriteLine();
            Console.WriteLine("1. Expand z^(l+1) = W z^(l), pair the weights, contract the deltas (closed loops give n_l):");
            Console.WriteLine($"   {g4}");
            Console.WriteLine($"   {g6}");
            Console.WriteLine();
            Console.WriteLine("2. The width factor c_8(n_l) the engine finds, expanded and factored:");
            Console.WriteLine($"   c_8 = {c8.WidthFactor}");
            Console.WriteLine($"       = {c8.WidthFactorProduct}");
            Console.WriteLine();
            Console.WriteLine("3. Checking a hand calculation with a wrong coefficient:");
            Console.WriteLine($"   wick check \"{identity}\"");
            Console.WriteLine($"   -> does not hold: lhs - rhs = {check.Difference}");
            Console.WriteLine();
            Console.WriteLine("Next: wick derive \"E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]\"");
            Console.WriteLine("      wick derive --bias \"E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2} z^(l+1)_{i3;a3} z^(l+1)_{i4;a4}]\"");
            Console.WriteLine("      wick --help");
            return ExitCodes.Ok;
        });
    }
}
