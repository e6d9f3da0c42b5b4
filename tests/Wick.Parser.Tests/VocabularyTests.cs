namespace Wick.Parser.Tests;

/// <summary>Structural equality of the syntax records and the diagnostic's rendering.</summary>
public class VocabularyTests
{
    [Test]
    public void Lists_compare_element_wise_and_hash_alike()
    {
        var a = Product.Of(new Number(2), new SymbolRef(Symbol.Width(Layer.L)));
        var b = Product.Of(new Number(2), new SymbolRef(Symbol.Width(Layer.L)));
        var c = Product.Of(new SymbolRef(Symbol.Width(Layer.L)), new Number(2));
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a, Is.Not.EqualTo(c), "order matters: the tree is what was written");
            Assert.That(EquatableList<int>.Empty, Is.EqualTo(EquatableList.Of<int>()));
        });
    }

    [Test]
    public void Index_layer_and_family_are_part_of_equality()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Index.Neural("j", Layer.L), Is.Not.EqualTo(Index.Neural("j", Layer.L.Next)));
            Assert.That(Index.Neural("a", null), Is.Not.EqualTo(Index.Sample("a")));
            var d1 = new Delta(Index.Neural("i", Layer.L), Index.Neural("j", Layer.L));
            var d2 = new Delta(Index.Neural("i", Layer.L.Next.Previous), Index.Neural("j", Layer.L));
            Assert.That(d1, Is.EqualTo(d2));
        });
    }

    [Test]
    public void A_diagnostic_on_a_later_line_shows_that_line()
    {
        var e = Assert.Throws<ParseException>(() => WickParser.Parse("G4^(l+1) =\n  C_W^2 (1 + 2/n_l G4^(l)"))!;
        Assert.That(e.Diagnostic.Render(), Is.EqualTo(
            "error at 2:26: expected ')' to close '(' opened at 2:9\n  C_W^2 (1 + 2/n_l G4^(l)\n                         ^"));
        Assert.That(e.Diagnostic.Expected, Is.EqualTo(")"));
        Assert.That(e.Message, Is.EqualTo(e.Diagnostic.Render()));
    }

    [Test]
    public void TryParse_reports_instead_of_throwing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WickParser.TryParse("E[z^(l)_{i}", out var none, out var d), Is.False);
            Assert.That(none, Is.Null);
            Assert.That(d!.Column, Is.EqualTo(12));
            Assert.That(WickParser.TryParse("G4^(l)", out var g, out var ok), Is.True);
            Assert.That(ok, Is.Null);
            Assert.That(g, Is.EqualTo(new Quantity(QuantityKind.G, Layer.L, 4, EquatableList<Index>.Empty)));
        });
    }

    [Test]
    public void Ascii_latex_and_unicode_spellings_agree()
    {
        var ascii = WickParser.Parse("K^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)}");
        var latex = WickParser.Parse(@"K^{(\ell+1)}_{\alpha_1\alpha_2} = C_b + C_W \left\langle \sigma_{\alpha_1}\sigma_{\alpha_2} \right\rangle_{K^{(\ell)}}");
        var unicode = WickParser.Parse("K^(ℓ+1)_{α1 α2} = C_b + C_W ⟨σ_{α1} σ_{α2}⟩_{K^(ℓ)}");
        Assert.Multiple(() =>
        {
            Assert.That(latex, Is.EqualTo(ascii));
            Assert.That(unicode, Is.EqualTo(ascii));
        });
    }

    [Test]
    public void A_long_line_is_shown_as_a_window_around_the_spot()
    {
        string input = string.Join(" + ", Enumerable.Repeat("C_W", 100)) + " + ]" + string.Join(" + ", Enumerable.Repeat("C_b", 100));
        var d = Assert.Throws<ParseException>(() => WickParser.Parse(input))!.Diagnostic;
        string[] lines = d.Render().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(d.Column, Is.EqualTo(input.IndexOf(']') + 1));
            Assert.That(lines[1], Has.Length.LessThanOrEqualTo(142));
            Assert.That(lines[1][lines[2].Length - 1], Is.EqualTo(']'), "the caret sits under the ']'");
        });
    }
}
