using Wick.Algebra.Expansions;
using Wick.Algebra.Recursions;
using static Wick.Parser.Tests.B;

namespace Wick.Parser.Tests;

/// <summary>Products and sums over layers, powers growing with depth (3.47), and the solutions the engine prints.</summary>
public class DepthSyntaxTests
{
    private static readonly Layer Running = Layer.Symbolic("l'");


    private static IEnumerable<TestCaseData> Spellings()
    {
        var product = new LayerProduct("l'", C(1), lm1, new CoefficientC(4, Width(Running)));
        yield return new TestCaseData("prod_{l'=1}^{l-1} c_4(n_{l'})", product);
        yield return new TestCaseData(@"\prod_{\ell'=1}^{\ell-1} c_{4}\left(n_{\ell'}\right)", product);
        yield return new TestCaseData("∏_{ℓ′=1}^{ℓ-1} c_4(n_{ℓ′})", product);
        yield return new TestCaseData("C_W^l", new DepthPower(CW, 1, l));
        yield return new TestCaseData(@"C_W^{\ell}", new DepthPower(CW, 1, l));
        yield return new TestCaseData("C_W^{l-1}", new DepthPower(CW, 1, lm1));
        yield return new TestCaseData("C_W^(2(l-1))", new DepthPower(CW, 2, lm1));
        yield return new TestCaseData(@"C_{W}^{2(\ell-1)}", new DepthPower(CW, 2, lm1));
        yield return new TestCaseData("C_W^(l)", new SymbolRef(Symbol.WeightVariance(l)));
        var growth = new DepthPower(Add(Num(1), Div(Num(2), n)), 1, lm1);
        yield return new TestCaseData("(1 + 2/n)^(l-1)", growth);
        yield return new TestCaseData(@"\left(1 + \frac{2}{n}\right)^{\ell-1}", growth);
        yield return new TestCaseData("(c_4(n) C_W^2)^(L-1)", new DepthPower(Mul(new CoefficientC(4, n), Pow(CW, 2)), 1, Layer.Symbolic("L", -1)));
        yield return new TestCaseData("sum_{k=1}^{l-1} prod_{l'=k+1}^{l-1} C_W",
            new LayerSum("k", C(1), lm1, new LayerProduct("l'", Layer.Symbolic("k", 1), lm1, CW)));
        yield return new TestCaseData("sum_{k=0}^{l-2} C_W^k", new LayerSum("k", C(0), Layer.L.Shift(-2), new DepthPower(CW, 1, Layer.Symbolic("k"))));
    }

    [TestCaseSource(nameof(Spellings))]
    public void Spellings_parse_to_the_expected_tree(string input, Expr expected) =>
        Assert.That(WickParser.Parse(input), Is.EqualTo(expected));

    [TestCase("(C_W)^(l)")]                 // a layer superscript after a name, not a power
    [TestCase("C_W^{2l-2}")]                // write 2(l-1)
    [TestCase("prod_{l'=1} c_4(n_{l'})")]   // no last layer
    [TestCase("prod_{1}^{l-1} C_W")]        // no running layer
    public void Malformed_depth_spellings_are_located_errors(string input) =>
        Assert.Throws<ParseException>(() => WickParser.Parse(input));

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    public void Printed_solutions_parse_back_to_the_same_tree(int m)
    {
        var solution = DeepLinear.SolveSingleInput(m);
        foreach (var (text, tree) in new[] { (solution.ToString(), solution.ToSyntax()), (solution.ConstantWidthForm(), solution.ConstantWidthSyntax()) })
        {
            var parsed = WickParser.ParseIdentity(text);
            Assert.That(TextPrinter.Print(parsed), Is.EqualTo(text), "text is a fixed point of parse and print");
            Assert.That(TextPrinter.Print(WickParser.Parse(LatexPrinter.Print(tree))), Is.EqualTo(text), "LaTeX reads back to the same");
            Assert.That(SyntaxTree.Nodes(parsed).Any(e => e is DepthPower or LayerProduct), text);
        }
        Assert.That(solution.ToString(), Does.Contain($"prod_{{l'=1}}^{{l-1}} c_{{{2 * m}}}(n_{{l'}})"));
    }

    [Test]
    public void The_bias_solution_with_its_sum_over_layers_parses_back()
    {
        var solution = DeepLinear.SolveLinear(DeepLinear.SingleInput(1, bias: true));
        foreach (string text in new[] { solution.ToString(), solution.ConstantWidthForm() })
        {
            var parsed = WickParser.ParseIdentity(text);
            Assert.That(TextPrinter.Print(parsed), Is.EqualTo(text));
            Assert.That(SyntaxTree.Nodes(parsed).OfType<LayerSum>(), Is.Not.Empty, text);
        }
    }

    [Test]
    public void Depth_solutions_print_through_the_one_printer_and_parse_back()
    {
        var depth = DepthSolution.DefaultDepth;
        var g2 = Polynomial.Var(Symbol.Correlator(2, C(1)));
        var growth = Polynomial.One + Polynomial.Constant(2) * Polynomial.Var(Symbol.N).Pow(-1);
        var s = DepthSolution.Power(g2.Pow(2), growth, depth, 1) - DepthSolution.Constant(g2.Pow(2), depth)
              + DepthSolution.Power(Polynomial.One, Polynomial.Var(Symbol.CW), depth, 1);
        string text = s.ToString();
        Assert.That(text, Does.Contain("(1 + 2/n)^(l-1)").And.Contain("C_W^{l-1}"), "C_W^(l-1) would read as C_W at layer l-1");
        Assert.That(TextPrinter.Print(WickParser.Parse(text)), Is.EqualTo(text));
        Assert.That(TextPrinter.Print(WickParser.Parse(s.ToLatex())), Is.EqualTo(text));
    }
}
