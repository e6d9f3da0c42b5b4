namespace Wick.Parser.Tests;

/// <summary>Golden tests: the exact rendered diagnostic (headline, source line, caret) for typical mistakes.</summary>
public class DiagnosticGoldenTests
{
    public static IEnumerable<TestCaseData> Mistakes()
    {
        yield return new TestCaseData(
            """
            E[z^(l)_{i1;a1} z^(l)_{i2}
            """,
            """
            error at 1:27: expected ']' to close 'E[' opened at 1:1
            E[z^(l)_{i1;a1} z^(l)_{i2}
                                      ^
            """).SetArgDisplayNames("E[z^(l)_{i1;a1} z^(l)_{i2}");
        yield return new TestCaseData(
            """
            E[z^(l)_{i1} z^(l)_{i2})
            """,
            """
            error at 1:24: expected ']' to close 'E[' opened at 1:1, found ')'
            E[z^(l)_{i1} z^(l)_{i2})
                                   ^
            """).SetArgDisplayNames("E[z^(l)_{i1} z^(l)_{i2})");
        yield return new TestCaseData(
            """
            \foo_{i} + 1
            """,
            """
            error at 1:1: unknown LaTeX command '\foo'
            \foo_{i} + 1
            ^
            """).SetArgDisplayNames("\\foo_{i} + 1");
        yield return new TestCaseData(
            """
            E[z^(l)_{j} z^(l+1)_{j}]
            """,
            """
            error at 1:22: layer contradiction: neural index 'j' belongs to layer l+1 here but to layer l at 1:10
            E[z^(l)_{j} z^(l+1)_{j}]
                                 ^
            """).SetArgDisplayNames("E[z^(l)_{j} z^(l+1)_{j}]");
        yield return new TestCaseData(
            """
            z^(l)_{i;i}
            """,
            """
            error at 1:10: index 'i' is used as a sample index here but as a neural index at 1:8
            z^(l)_{i;i}
                     ^
            """).SetArgDisplayNames("z^(l)_{i;i}");
        yield return new TestCaseData(
            """
            E[z^(l)_{i1} z^(l)_{i2}] = delta_{i1 i3} G2^(l)
            """,
            """
            error at 1:26: the two sides have different free indices: left {i1, i2}, right {i1, i3}
            E[z^(l)_{i1} z^(l)_{i2}] = delta_{i1 i3} G2^(l)
                                     ^
            """).SetArgDisplayNames("E[z^(l)_{i1} z^(l)_{i2}] = delta_{i1 i3} G2^(l)");
        yield return new TestCaseData(
            """
            \frac{1}{n} \sum_{i=1}^{n} \mathbb{E}\left[z_j^{(\ell)} z_j^{(\ell)}\right]
            """,
            """
            error at 1:19: sum over index 'i', which does not occur in the summand
            \frac{1}{n} \sum_{i=1}^{n} \mathbb{E}\left[z_j^{(\ell)} z_j^{(\ell)}\right]
                              ^
            """).SetArgDisplayNames("\\frac{1}{n} \\sum_{i=1}^{n} \\mathbb{E}\\left[z_j^{(\\ell)} z_j^{(\\ell)}\\right]");
        yield return new TestCaseData(
            """
            delta_{i}
            """,
            """
            error at 1:7: a Kronecker delta takes a pair of indices, found 1
            delta_{i}
                  ^
            """).SetArgDisplayNames("delta_{i}");
        yield return new TestCaseData(
            """
            V^(l)_{a1 a2 a3}
            """,
            """
            error at 1:7: V^(l)_{(a1 a2)(a3 a4)} takes two pairs of sample indices, found 3
            V^(l)_{a1 a2 a3}
                  ^
            """).SetArgDisplayNames("V^(l)_{a1 a2 a3}");
        yield return new TestCaseData(
            "",
            """
            error at 1:1: empty input

            ^
            """).SetArgDisplayNames("(empty)");
        yield return new TestCaseData(
            """
            G4^(l) +
            """,
            """
            error at 1:9: expected an expression, found the end of the input
            G4^(l) +
                    ^
            """).SetArgDisplayNames("G4^(l) +");
        yield return new TestCaseData(
            """
            z^(l)_{i} + z^(l)_{j}
            """,
            """
            error at 1:13: this term has free neural indices {j} but the first term has {i}; all terms of a sum need the same
            z^(l)_{i} + z^(l)_{j}
                        ^
            """).SetArgDisplayNames("z^(l)_{i} + z^(l)_{j}");
        yield return new TestCaseData(
            """
            W^(l)_{i}
            """,
            """
            error at 1:7: a weight W^(l)_{ij} takes two neural indices (row in layer l, column in layer l-1), found 1
            W^(l)_{i}
                  ^
            """).SetArgDisplayNames("W^(l)_{i}");
        yield return new TestCaseData(
            """
            E[z^(l)_{i1}]|_d
            """,
            """
            error at 1:14: expected '|_c' or '|_{connected}' after an expectation
            E[z^(l)_{i1}]|_d
                         ^
            """).SetArgDisplayNames("E[z^(l)_{i1}]|_d");
        yield return new TestCaseData(
            """
            G4^(l) = G4^(l) = 1
            """,
            """
            error at 1:17: an identity has exactly one '='
            G4^(l) = G4^(l) = 1
                            ^
            """).SetArgDisplayNames("G4^(l) = G4^(l) = 1");
        yield return new TestCaseData(
            """
            (C_W)^(l)
            """,
            """
            error at 1:6: a layer superscript ^(…) belongs right after a name (z, W, G4, K, C_W, …)
            (C_W)^(l)
                 ^
            """).SetArgDisplayNames("(C_W)^(l)");
        yield return new TestCaseData(
            """
            sum_{j=1}^{n_l} z^(l+1)_{j} z^(l+1)_{j}
            """,
            """
            error at 1:26: layer contradiction: neural index 'j' belongs to layer l+1 here but to layer l by its sum's range n_l at 1:12
            sum_{j=1}^{n_l} z^(l+1)_{j} z^(l+1)_{j}
                                     ^
            """).SetArgDisplayNames("sum_{j=1}^{n_l} z^(l+1)_{j} z^(l+1)_{j}");
        yield return new TestCaseData(
            """
            delta_{i a}
            """,
            """
            error at 1:10: a Kronecker delta pairs two indices of one family; 'i' is neural but 'a' is sample
            delta_{i a}
                     ^
            """).SetArgDisplayNames("delta_{i a}");
        yield return new TestCaseData(
            """
            G3^(l)
            """,
            """
            error at 1:1: G_{2m} needs an even number of points, found 3
            G3^(l)
            ^
            """).SetArgDisplayNames("G3^(l)");
        yield return new TestCaseData(
            """
            E[z^(l)_{i1} z^(l)_{i2}] ]
            """,
            """
            error at 1:26: unexpected ']' with nothing open to close
            E[z^(l)_{i1} z^(l)_{i2}] ]
                                     ^
            """).SetArgDisplayNames("E[z^(l)_{i1} z^(l)_{i2}] ]");
    }

    [Test]
    public void There_are_at_least_a_dozen() => Assert.That(Mistakes().Count(), Is.GreaterThanOrEqualTo(12));

    [TestCaseSource(nameof(Mistakes))]
    public void Renders_exactly(string input, string expected)
    {
        var e = Assert.Throws<ParseException>(() => WickParser.Parse(input))!;
        Assert.That(e.Diagnostic.Render().Replace("\r", ""), Is.EqualTo(expected.Replace("\r", "")));
    }
}
