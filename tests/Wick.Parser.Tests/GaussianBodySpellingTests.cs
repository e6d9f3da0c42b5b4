using Wick.Algebra.Syntax;

namespace Wick.Parser.Tests;

/// <summary>σ'_α, σ''_α and the index-free single input, allowed inside ⟨…⟩_K only (docs/NOTATION.md).</summary>
public class GaussianBodySpellingTests
{
    private static Field FirstField(string text) =>
        (Field)((Product)((GaussianExpectation)WickParser.Parse(text)).Body).Factors[0];

    [TestCase("<sigma'_a sigma_b>_K", 1)]
    [TestCase("<sigma''_{a1} sigma_{a2}>_{K^(l)}", 2)]
    [TestCase("<σ′_a σ_b>_K", 1)]
    [TestCase(@"\langle \sigma''_{\alpha} \sigma_{\beta} \rangle_{K^{(\ell)}}", 2)]
    public void Primes_give_the_derivative_order_and_round_trip(string text, int order)
    {
        var e = WickParser.Parse(text);
        Assert.That(FirstField(text).Derivative, Is.EqualTo(order));
        Assert.That(WickParser.Parse(TextPrinter.Print(e)), Is.EqualTo(e));
        Assert.That(WickParser.Parse(LatexPrinter.Print(e)), Is.EqualTo(e));
    }

    [Test]
    public void Bare_sigma_and_z_are_one_input_inside_the_brackets()
    {
        var f = FirstField("<sigma z sigma>_K");
        Assert.That(f, Is.EqualTo(new Field(FieldKind.Sigma, null, EquatableList.Of<Index>(), null)));
        var e = WickParser.Parse("<sigma z sigma>_K");
        Assert.That(WickParser.Parse(TextPrinter.Print(e)), Is.EqualTo(e));
    }

    [TestCase("sigma'_a", "belong inside a Gaussian expectation")]
    [TestCase("<sigma'''''_a>_K", "up to the fourth")]
    [TestCase("sigma + 1", "expected sigma(z^(l)_{i;a}) or sigma_{a}")]
    public void Outside_the_brackets_they_are_refused(string text, string message)
    {
        var ex = Assert.Throws<ParseException>(() => WickParser.Parse(text));
        Assert.That(ex!.Diagnostic.Message, Does.Contain(message));
    }
}
