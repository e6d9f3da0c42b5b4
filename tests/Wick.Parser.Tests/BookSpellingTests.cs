using Wick.Algebra.Syntax;

namespace Wick.Parser.Tests;

/// <summary>The book's spellings read by the parser (issue 14): what each becomes, and that the printers' text reads back.</summary>
public class BookSpellingTests
{
    private static Identity Link(string text) => WickParser.ParseChain(text).Links.Single();

    [Test]
    public void A_limit_in_n_is_the_link_up_to_O_of_1_over_n()
    {
        var link = Link(@"\lim_{n \to \infty} c_{4}(n) = 1");
        Assert.That(link.Remainder, Is.Not.Null);
        Assert.That(TextPrinter.Print(link.Remainder!), Is.EqualTo("O(1/n)"));
        Assert.That(Link(TextPrinter.Print(link)), Is.EqualTo(link));
        Assert.Throws<ParseException>(() => WickParser.ParseChain(@"\lim_{n \to \infty} c_{4}(n)"));
        Assert.Throws<ParseException>(() => WickParser.ParseChain(@"\lim_{L \to \infty} c_{4}(n) = 1"));
    }

    [Test]
    public void The_stochastic_metric_is_its_definition()
    {
        var link = Link(@"\mathbb{E}\left[\widehat{G}_{\alpha_1\alpha_2}^{(2)}\right] = G_{\alpha_1\alpha_2}^{(2)}");
        var inside = ((Expectation)link.Lhs).Body;
        Assert.That(inside, Is.TypeOf<Sum>());
        var fields = SyntaxTree.Nodes(inside).OfType<Field>().ToList();
        Assert.That(fields.Select(f => (f.Kind, f.Layer)), Is.All.EqualTo((FieldKind.Sigma, (Layer?)Layer.Concrete(1))));
        Assert.That(fields.Select(f => f.Sample!.Name), Is.EqualTo(new[] { "a1", "a2" }));
        Assert.That(Link(TextPrinter.Print(link)), Is.EqualTo(link), "the printed definition reads back");
    }

    [Test]
    public void Ellipses_between_factors_write_the_factors_out()
    {
        var e = WickParser.ParseExpression(@"E[z_{i_1}^{(\ell)} \dots z_{i_4}^{(\ell)}]");
        var fields = SyntaxTree.Nodes(e).OfType<Field>().ToList();
        Assert.That(fields.Select(f => f.Neural[0].Name), Is.EqualTo(new[] { "i1", "i2", "i3", "i4" }));
        Assert.Throws<ParseException>(() => WickParser.ParseExpression(@"E[z_{i_4}^{(\ell)} \dots z_{i_1}^{(\ell)}]"));
        Assert.Throws<ParseException>(() => WickParser.ParseExpression(@"E[z_{i_1}^{(\ell)} \dots z_{i_4}^{(\ell+1)}]"));
    }

    [Test]
    public void Inputs_as_arguments_are_sample_indices()
    {
        Assert.That(WickParser.ParseExpression(@"G^{(\ell)}(x, x)"), Is.EqualTo(WickParser.ParseExpression(@"G_2^{(\ell)}")));
        Assert.That(WickParser.ParseExpression(@"G^{(\ell)}(x_\alpha, x_\beta)"), Is.EqualTo(WickParser.ParseExpression(@"G^{(\ell)}_{\alpha\beta}")));
        Assert.That(WickParser.ParseExpression(@"E[z_j^{(\ell)}(x_\alpha) z_j^{(\ell)}(x_\beta)]"),
            Is.EqualTo(WickParser.ParseExpression(@"E[z_{j;\alpha}^{(\ell)} z_{j;\beta}^{(\ell)}]")));
    }

    [Test]
    public void Conditions_name_distinct_neurons()
    {
        var link = Link(@"E[z^(l)_j z^(l)_k] = 0, \quad \text{for } j \neq k.");
        Assert.That(link.Unequal!.Select(d => (d.A.Name, d.B.Name)), Is.EqualTo(new[] { ("j", "k") }));
        Assert.That(Link("E[z^(l)_j z^(l)_k] = 0, for j != k"), Is.EqualTo(link));
        Assert.That(Link(LatexPrinter.Print(link)), Is.EqualTo(link));
        Assert.Throws<ParseException>(() => WickParser.ParseChain(@"E[z^(l)_j z^(l)_k] = 0, \text{for } j \neq m"));
    }
}
