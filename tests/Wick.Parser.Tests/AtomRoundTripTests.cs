using Wick.Algebra;
using Wick.Algebra.Activations;
using Wick.Algebra.Checking;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;
using Wick.Parser;

namespace Wick.Parser.Tests;

/// <summary>Every atom the engine prints, in ASCII and LaTeX, parses back to the same atom (issue 9, item 1).</summary>
public class AtomRoundTripTests
{
    private static readonly Layer L = Layer.L;

    private static IEnumerable<TestCaseData> Atoms()
    {
        var atoms = new (string Name, Symbol Atom, bool Mlp)[]
        {
            ("n_l", Symbol.Width(L), false), ("n_{l-1}", Symbol.Width(L.Previous), false), ("n_3", Symbol.Width(Layer.Concrete(3)), false),
            ("n", Symbol.N, false), ("r", Symbol.R, false), ("N_D", Symbol.DataSetSize, false),
            ("C_W", Symbol.CW, false), ("C_b", Symbol.Cb, false),
            ("C_W^(l)", Symbol.WeightVariance(L), false), ("C_b^(2)", Symbol.BiasVariance(Layer.Concrete(2)), false),
            ("G4^(l)", Symbol.Correlator(4, L), false), ("G10^(L)", Symbol.Correlator(10, Layer.Symbolic("L")), false),
            ("G^(0)_{a b}", Symbol.InputMetric("a", "b"), false),
            ("K^(l)_{a1 a2}", Symbol.Kernel(L, "a1", "a2"), false), ("K^(3)_{c e}", Symbol.Kernel(Layer.Concrete(3), "c", "e"), false),
            ("K^(l)^{a b}", Symbol.InverseKernel(L, "a", "b"), false), ("K^(L)^{a a}", Symbol.InverseKernel(Layer.Symbolic("L"), "a", "a"), false),
            ("V^(l)_{(a b)(c d)}", Symbol.Vertex(L, [("a", "b"), ("c", "d")]), false),
            ("V^(l)^{(a b)(c d)}", Symbol.Vertex(L, [("a", "b"), ("c", "d")], raised: true), false),
            ("delta_{a b}", Symbol.SampleDelta("a", "b"), false),
            ("Theta^(l)_{a1 a2}", Symbol.TangentKernel(L, "a1", "a2"), true), ("Theta^(L)_{a a}", Symbol.TangentKernel(Layer.Symbolic("L"), "a", "a"), true),
            ("lambda_W", Symbol.LambdaW, false), ("lambda_b", Symbol.LambdaB, false),
            ("<sigma_a sigma_b>_{K^(l)}", GaussianExpectations.SigmaSigma("a", "b", L), true),
            // z-free bodies: the mlp evaluator takes ⟨σ z⟩ to its Stein normal form K ⟨σ'⟩ (tested in the chapter-4 tests).
            ("<sigma_a1 sigma_a2 sigma_a3 sigma_a4>_{K^(l-1)}", GaussianExpectations.Of([GaussianFactor.Sigma("a1"), GaussianFactor.Sigma("a2"), GaussianFactor.Sigma("a3"), GaussianFactor.Sigma("a4")], L.Previous), true),
            ("x", Symbol.Plain("x"), false), ("L", Symbol.Depth("L"), false),
        };
        foreach (var (name, atom, mlp) in atoms)
        {
            yield return new TestCaseData(atom, mlp, false).SetName($"ascii {name}");
            yield return new TestCaseData(atom, mlp, true).SetName($"latex {name}");
        }
    }

    [TestCaseSource(nameof(Atoms))]
    public void Printed_atoms_parse_back(Symbol atom, bool mlp, bool latex)
    {
        string text = latex ? atom.ToLatex() : atom.ToString();
        var expr = WickParser.ParseExpression(text);
        var value = new ExpressionEvaluator(bias: false) { Mlp = mlp }.Evaluate(expr);
        Assert.That(value, Is.EqualTo(TensorPolynomial.Scalar(Polynomial.Var(atom))), text);
    }

    [Test]
    public void The_NLO_metric_parses_back_to_its_quantity()
    {
        var g1 = Symbol.NloMetric(L, "a", "b");
        var expected = new Quantity(QuantityKind.G1, L, 2, EquatableList.Of(Index.Sample("a"), Index.Sample("b")));
        Assert.That(WickParser.ParseExpression(g1.ToString()), Is.EqualTo(expected));
        Assert.That(WickParser.ParseExpression(g1.ToLatex()), Is.EqualTo(expected));
    }

    [TestCase("K^(l)^{a b}", "K_{(\\ell)}^{\\alpha \\beta}")]
    [TestCase("V^(l+1)^{(a b)(c d)}", "V_{(\\ell+1)}^{(\\alpha \\beta)(\\gamma \\delta)}")]
    [TestCase("delta^{a}_{b}", "\\delta^{\\alpha}_{\\beta}")]
    [TestCase("sum_{b} K^(l)_{a b}", "\\sum_{\\beta \\in \\mathcal{D}} K^{(\\ell)}_{\\alpha \\beta}")]
    public void New_syntax_round_trips_through_both_printers(string ascii, string latex)
    {
        var e = WickParser.ParseExpression(ascii);
        Assert.That(WickParser.ParseExpression(latex), Is.EqualTo(e));
        Assert.That(TextPrinter.Print(e), Is.EqualTo(ascii));
        Assert.That(LatexPrinter.Print(e), Is.EqualTo(latex));
    }

    [TestCase("K^(l)^{2}")]
    [TestCase("K^(l)_{a b}^{2}")]
    [TestCase("V^(L)^4")]
    public void A_power_is_not_read_as_raised_indices(string text) =>
        Assert.That(WickParser.ParseExpression(text), Is.InstanceOf<Power>());

    [TestCase("sum_{b \\in E} K^(l)_{a b}")]
    [TestCase("\\sum_{j \\in \\mathcal{D}} z_{j}")]
    [TestCase("\\sum_{\\beta \\in \\mathcal{X}} K^{(\\ell)}_{\\alpha \\beta}")]
    [TestCase("delta^{a}_{b c}")]
    [TestCase("delta^{i}_{j}")]
    public void Malformed_sample_syntax_is_a_located_error(string text) =>
        Assert.That(() => WickParser.ParseExpression(text), Throws.InstanceOf<ParseException>());
}
