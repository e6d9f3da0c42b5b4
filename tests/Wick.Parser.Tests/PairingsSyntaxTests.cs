namespace Wick.Parser.Tests;

/// <summary>The pairing tensor (3.44) in the input language: <c>pairings_{i1 … i2m}</c>, and its LaTeX spelling.</summary>
public class PairingsSyntaxTests
{
    [TestCase("pairings_{i1 i2 i3 i4} G4^(l)")]
    [TestCase(@"\mathrm{pairings}_{i_{1} i_{2} i_{3} i_{4}} G_{4}^{(\ell)}")]
    [TestCase(@"\mathrm{pairings}_{i_1 i_2 i_3 i_4} G_4^{(\ell)}")]
    public void Both_spellings_give_the_same_tree(string input)
    {
        var e = WickParser.Parse(input);
        var p = (PairingSum)((Product)e).Factors[0];
        Assert.That(p.Indices.Select(i => i.Name), Is.EqualTo(new[] { "i1", "i2", "i3", "i4" }));
        Assert.That(p.Indices.All(i => i.Kind == IndexKind.Neural));
        Assert.That(WickParser.Parse(TextPrinter.Print(e)), Is.EqualTo(e));
        Assert.That(WickParser.Parse(LatexPrinter.Print(e)), Is.EqualTo(e));
        Assert.That(TextPrinter.Print(e), Is.EqualTo("pairings_{i1 i2 i3 i4} G4^(l)"));
    }

    [Test]
    public void Twenty_four_indices_round_trip()
    {
        string text = "pairings_{" + string.Join(' ', Enumerable.Range(1, 24).Select(i => $"i{i}")) + "}";
        var e = WickParser.Parse(text);
        Assert.That(((PairingSum)e).Indices, Has.Count.EqualTo(24));
        Assert.That(TextPrinter.Print(e), Is.EqualTo(text));
        Assert.That(WickParser.Parse(LatexPrinter.Print(e)), Is.EqualTo(e));
    }

    [TestCase("pairings_{i1 i2 i3}", "even, positive number of indices")]
    [TestCase("pairings_{}", "empty indices")]
    public void Odd_or_empty_index_lists_are_located_errors(string input, string message)
    {
        var ex = Assert.Throws<ParseException>(() => WickParser.Parse(input))!;
        Assert.That(ex.Diagnostic.Render(), Does.Contain(message).And.Contain("error at 1:"));
    }

    [Test]
    public void A_plain_symbol_named_pairings_is_still_a_symbol() =>
        Assert.That(WickParser.Parse("pairings"), Is.TypeOf<SymbolRef>());
}
