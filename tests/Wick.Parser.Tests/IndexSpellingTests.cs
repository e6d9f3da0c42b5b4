using Wick.Algebra.Tensors;

namespace Wick.Parser.Tests;

/// <summary>The one index-spelling table (<see cref="IndexSpelling"/>) and its agreement with the lexer and every printer.</summary>
public class IndexSpellingTests
{
    private static readonly string[] Names =
        [.. "abcdeijkmpqr".SelectMany(c => new[] { c.ToString(), c + "1", c + "2", c + "12" })];

    [TestCase("a", "\\alpha")]
    [TestCase("b", "\\beta")]
    [TestCase("c", "\\gamma")]
    [TestCase("d", "\\delta")]
    [TestCase("e", "\\epsilon")]
    [TestCase("a1", "\\alpha_{1}")]
    [TestCase("e12", "\\epsilon_{12}")]
    [TestCase("i", "i")]
    [TestCase("i3", "i_{3}")]
    [TestCase("k'", "k'")]
    [TestCase("j2'", "j_{2}'")]
    public void Names_spell_as_the_book_does(string name, string latex) =>
        Assert.That(IndexSpelling.ToLatex(name), Is.EqualTo(latex));

    [Test]
    public void The_table_round_trips_through_the_lexer_in_a_delta()
    {
        foreach (string a in Names)
        foreach (string b in new[] { "a2", "c", "i", "k1" })
        {
            if (IndexSpelling.KindOf(a) != IndexSpelling.KindOf(b)) continue;
            string latex = $"\\delta_{{{IndexSpelling.ToLatex(a)} {IndexSpelling.ToLatex(b)}}}";
            var d = (Delta)WickParser.Parse(latex);
            Assert.That((d.A.Name, d.B.Name, d.A.Kind), Is.EqualTo((a, b, IndexSpelling.KindOf(a))), latex);
        }
    }

    [Test]
    public void Sample_letters_round_trip_through_a_kernel_and_unicode()
    {
        foreach (char c in "abcde")
        {
            string latex = $"K^{{(\\ell)}}_{{{IndexSpelling.ToLatex(c + "1")} {IndexSpelling.ToLatex(c.ToString())}}}";
            var k = (Quantity)WickParser.Parse(latex);
            Assert.That(k.Indices.Select(i => i.Name), Is.EqualTo(new[] { c + "1", c.ToString() }), latex);
            char greek = IndexSpelling.UnicodeOf(c)!.Value;
            var u = (Quantity)WickParser.Parse($"K^(l)_{{{greek}1 {greek}}}");
            Assert.That(u.Indices.Select(i => i.Name), Is.EqualTo(new[] { c + "1", c.ToString() }));
            Assert.That(IndexSpelling.SampleLetterOf(greek.ToString()), Is.EqualTo(c));
        }
        Assert.That(IndexSpelling.SampleLetterOf("varepsilon"), Is.EqualTo('e'));
        Assert.That(IndexSpelling.SampleLetterOf("sigma"), Is.Null);
    }

    [Test]
    public void Every_printer_uses_the_one_table()
    {
        // K_{c e}: once printed "c e" by the algebra and "\gamma \epsilon" by the parser's printer.
        string symbol = Symbol.Kernel(Layer.L, "c", "e1").ToLatex();
        string delta = DeltaProduct.Delta("c", "e1").ToLatex();
        string printer = LatexPrinter.Print(new Delta(Index.Sample("c"), Index.Sample("e1")));
        Assert.Multiple(() =>
        {
            Assert.That(symbol, Does.EndWith("_{\\gamma \\epsilon_{1}}"));
            Assert.That(delta, Is.EqualTo("\\delta_{\\gamma \\epsilon_{1}}"));
            Assert.That(printer, Is.EqualTo(delta));
        });
    }
}
