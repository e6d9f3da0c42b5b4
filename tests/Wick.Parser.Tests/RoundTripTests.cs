using CsCheck;

namespace Wick.Parser.Tests;

/// <summary>parse(print(e)) == e for generated expressions, in both spellings.</summary>
public class RoundTripTests
{
    [Test]
    public void Text_printer_round_trips() =>
        Generators.Any.Sample(e =>
        {
            string text = TextPrinter.Print(e);
            var back = WickParser.Parse(text);
            Assert.That(back, Is.EqualTo(e), text);
            Assert.That((back as Identity)?.Tag, Is.EqualTo((e as Identity)?.Tag), text); // equality ignores the tag
        }, iter: 3000, print: TextPrinter.Print);

    [Test]
    public void Latex_printer_round_trips() =>
        Generators.Any.Sample(e =>
        {
            string latex = LatexPrinter.Print(e);
            var back = WickParser.Parse(latex);
            Assert.That(back, Is.EqualTo(e), latex);
            Assert.That((back as Identity)?.Tag, Is.EqualTo((e as Identity)?.Tag), latex);
        }, iter: 3000, print: LatexPrinter.Print);

    [Test]
    public void Printing_is_a_fixed_point_across_spellings() =>
        // text → tree → LaTeX → tree → text gives the text back: the two printers agree on the tree.
        Generators.Any.Sample(e =>
        {
            string text = TextPrinter.Print(e);
            string again = TextPrinter.Print(WickParser.Parse(LatexPrinter.Print(WickParser.Parse(text))));
            Assert.That(again, Is.EqualTo(text));
        }, iter: 1000, print: TextPrinter.Print);

    [Test]
    public void Generated_expressions_cover_every_node_type()
    {
        var seen = new HashSet<string>();
        Generators.Any.Sample(e => { lock (seen) Collect(e, seen); }, iter: 3000, threads: 1);
        string[] all = ["Index", "Field", "Delta", "Number", "SymbolRef", "Sum", "Product", "Power", "Quotient", "Negate",
                        "IndexSum", "Expectation", "Quantity", "CoefficientC", "GaussianExpectation", "BigO", "Identity",
                        "DepthPower", "LayerProduct", "LayerSum"];
        Assert.That(seen, Is.SupersetOf(all));
    }

    private static void Collect(Expr e, HashSet<string> seen)
    {
        seen.Add(e.GetType().Name);
        foreach (var child in SyntaxTree.Children(e)) Collect(child, seen);
    }
}
