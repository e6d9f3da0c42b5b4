using static Wick.Parser.Tests.B;

namespace Wick.Parser.Tests;

/// <summary>The book's layout (equation tags, display math, alignment) is ignored, and tags are never multiplied in.</summary>
public class LayoutTests
{
    // G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l), (3.24) without its tag.
    private static readonly Identity Recursion = Eq(G(4, l1), Mul(Pow(CW, 2), Add(Num(1), Div(Num(2), Width(l))), G(4, l)));

    [TestCase(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} \quad (3.24)", "3.24")]
    [TestCase(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} \qquad (3.24)", "3.24")]
    [TestCase(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} \tag{3.24}", "3.24")]
    [TestCase(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} , \quad (3.24)", "3.24")]
    [TestCase("G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) (3.24)", "3.24")]
    [TestCase("G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) \\quad (7)", "7")]
    [TestCase(@"$$ G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l). \tag{3.24} $$", "3.24")]
    [TestCase(@"\[ G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) \]", null)]
    [TestCase(@"\begin{equation} G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) \label{eq:g4} \end{equation}", null)]
    [TestCase("\\begin{aligned} G4^(l+1) &= C_W^2 (1 + 2/n_l) \\\\ &\\quad \\times G4^(l) , \\end{aligned}", null)]
    [TestCase(@"\tag*{3.24} G4^(l+1) = C_W^2 \left. (1 + 2/n_l) \right. G4^(l) \nonumber", "3.24")]
    public void Layout_is_ignored_and_the_tag_is_kept(string input, string? tag)
    {
        var parsed = WickParser.ParseIdentity(input);
        Assert.That(parsed, Is.EqualTo(Recursion), "the tag is not a factor");
        Assert.That(parsed.Tag, Is.EqualTo(tag));
    }

    [TestCase("G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) * (3.24)")]  // an explicit product: a factor
    [TestCase("G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)(3.24)")]     // no space: a factor
    [TestCase("G4^(l+1) = c_4(3.5)")]                            // an argument
    [TestCase("G4^(l+1) = C_W^2 (1 + 2/n_l)")]                   // not a number
    public void Parenthesised_numbers_that_are_algebra_stay_algebra(string input) =>
        Assert.That(WickParser.ParseIdentity(input).Tag, Is.Null);

    [Test]
    public void A_decimal_after_an_expression_without_equals_is_a_factor() =>
        Assert.That(WickParser.Parse("G4^(l) (3.5)"), Is.EqualTo(Mul(G(4, l), new Number(Rational.Create(7, 2)))));

    [Test]
    public void A_bare_trailing_integer_is_ambiguous_and_refused_where_it_stands()
    {
        var e = Assert.Throws<ParseException>(() => WickParser.Parse("G4^(l+1) = 2 (3)"))!;
        Assert.That(e.Diagnostic.Render(), Is.EqualTo(
            "error at 1:14: '(3)' at the end of an identity: equation (3) or the factor 3? Write \\quad (3) or \\tag{3} for the equation number, * 3 for the factor\n" +
            "G4^(l+1) = 2 (3)\n             ^"));
        Assert.That(WickParser.ParseIdentity("G4^(l+1) = 2 * (3)").Rhs, Is.EqualTo(Mul(Num(2), Num(3))));
        Assert.That(WickParser.ParseIdentity("G4^(l+1) = 2 \\quad (3)").Tag, Is.EqualTo("3"));
    }

    [TestCase(@"G4^(l) = G4^(l) \tag{1} \tag{2}")]
    [TestCase(@"G4^(l) = G4^(l) \tag{1} \quad (2)")]
    [TestCase(@"G4^(l) = G4^(l) \begin{tabular}")]
    public void Two_tags_or_unknown_environments_are_located_errors(string input) =>
        Assert.Throws<ParseException>(() => WickParser.Parse(input));

    [Test]
    public void Tags_print_and_read_back_in_both_spellings()
    {
        var tagged = Recursion with { Tag = "3.24" };
        Assert.Multiple(() =>
        {
            Assert.That(TextPrinter.Print(tagged), Does.EndWith(@"G4^(l) \quad (3.24)"));
            // Regression (CsCheck seed 6uLoio0Qm1X1): a bare "c_4  (4.118)" read back as c_4 applied to 4.118.
            var c4 = WickParser.ParseIdentity(@"G4^(l) = c_4 \quad (4.118)");
            Assert.That(TextPrinter.Print(WickParser.ParseIdentity(TextPrinter.Print(c4))), Is.EqualTo(TextPrinter.Print(c4)));
            Assert.That(WickParser.ParseIdentity(TextPrinter.Print(c4)).Tag, Is.EqualTo("4.118"));
            Assert.That(LatexPrinter.Print(tagged), Does.EndWith(@"\tag{3.24}"));
            Assert.That(WickParser.ParseIdentity(TextPrinter.Print(tagged)).Tag, Is.EqualTo("3.24"));
            Assert.That(WickParser.ParseIdentity(LatexPrinter.Print(tagged)).Tag, Is.EqualTo("3.24"));
            Assert.That(WickParser.ParseIdentity(TextPrinter.Print(Recursion with { Tag = "7" })).Tag, Is.EqualTo("7"));
            Assert.That(SyntaxJson.ToJson(tagged)["tag"]!.GetValue<string>(), Is.EqualTo("3.24"));
        });
    }

    [Test]
    public void A_weight_at_layer_zero_is_a_located_error_not_a_crash()
    {
        // Regression: W^(0)_{i j} let an ArgumentOutOfRangeException (layer -1 for the column index) escape the parser.
        var e = Assert.Throws<ParseException>(() => WickParser.Parse("W^(0)_{i j}"))!;
        Assert.That(e.Diagnostic.Render(), Does.StartWith("error at 1:4: there is no weight W^(0)"));
        Assert.Throws<ParseException>(() => WickParser.Parse("E[W^(0)_{i j} W^(0)_{i j}]"));
        Assert.That(WickParser.Parse("W^(1)_{i j}"), Is.EqualTo(W(C(1), "i", "j")));
    }
}
