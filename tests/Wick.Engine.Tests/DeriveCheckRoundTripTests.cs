using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Syntax;
using Wick.Parser;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Engine.Tests;

/// <summary>
/// derive → check (issue 9, item 10): every recursion, width factor and solution that <c>derive</c> prints, at every
/// layer {l+1, l, L, 1, 2, 3} and for every model, checks to "holds" when read back; the same with one coefficient
/// changed checks to "does not hold".
/// </summary>
public class DeriveCheckRoundTripTests
{
    private static readonly string[] Layers = ["l+1", "l", "L", "L+1", "1", "2", "3", "5"];

    private static string Correlator(string layer, int points, bool samples) =>
        "E[" + string.Join(' ', Enumerable.Range(1, points).Select(k => $"z^({layer})_{{i{k}{(samples ? $";a{k}" : "")}}}")) + "]";

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var layer in Layers)
        {
            foreach (int points in new[] { 2, 4, 6 })
                foreach (bool bias in new[] { false, true })
                    yield return new TestCaseData(Correlator(layer, points, samples: false), bias, false).SetArgDisplayNames(layer, $"G{points}", bias ? "bias" : "linear");
            foreach (bool bias in new[] { false, true })
                yield return new TestCaseData(Correlator(layer, 4, samples: true), bias, false).SetArgDisplayNames(layer, "K,V", bias ? "bias" : "linear");
            yield return new TestCaseData(Correlator(layer, 2, samples: true), true, true).SetArgDisplayNames(layer, "K", "mlp");
        }
    }

    /// <summary>The identities a text derivation prints: the correlator from below, recursions, width factors, solutions at a concrete layer.</summary>
    internal static List<string> PrintedIdentities(Derivation d, string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var found = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            string t = lines[i].Trim();
            if (lines[i].StartsWith("Recursion (", StringComparison.Ordinal)) found.Add(lines[i + 1].Trim());
            else if (t.StartsWith("c_", StringComparison.Ordinal) && t.Contains(" = ")) found.Add(t);
            else if (t.StartsWith("at layer ", StringComparison.Ordinal)) found.Add(t[(t.IndexOf(':') + 1)..].Trim());
        }
        // "in terms of layer …: = value" reads back as E[…] = value (mlp: the leading-order line, + O(1/n)).
        int below = lines.FindIndex(l => l.TrimStart().StartsWith(d.Mlp && d.LeadingOrder is not null && d.Recursions.Count > 0 ? "at leading order" : "in terms of", StringComparison.Ordinal));
        found.Add($"{d.Input} = {lines[below + 1].Trim()[2..]}");
        return found;
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_printed_identity_checks_and_a_perturbed_one_does_not(string input, bool bias, bool mlp)
    {
        var d = Derivation.For(input, WickParser.ParseExpression(input), bias, new Dictionary<Symbol, Polynomial>(), mlp);
        var identities = PrintedIdentities(d, d.Text());
        Assert.That(identities, Has.Count.GreaterThanOrEqualTo(d.Recursions.Count + 1));
        foreach (var text in identities)
        {
            var identity = WickParser.ParseIdentity(text);
            var ok = IdentityChecker.Check(identity, bias, mlp: mlp);
            Assert.That(ok.Holds, Is.True, $"{text}: lhs - rhs = {ok.DifferenceText}");
            var perturbed = Perturb(identity);
            if (perturbed is null) continue;
            Assert.That(IdentityChecker.Check(perturbed, bias, mlp: mlp).Holds, Is.False, $"perturbed: {text}");
        }
    }

    [Test]
    public void Latex_recursions_read_back()
    {
        foreach (var layer in new[] { "l+1", "l", "3" })
        {
            string input = Correlator(layer, 4, samples: false);
            var d = Derivation.For(input, WickParser.ParseExpression(input), false, new Dictionary<Symbol, Polynomial>());
            string latex = d.Recursions[0].ToLatex();
            Assert.That(IdentityChecker.Check(WickParser.ParseIdentity(latex), bias: false).Holds, Is.True, latex);
            var wrong = latex.Replace("\\frac{2", "\\frac{3", StringComparison.Ordinal);
            Assert.That(wrong, Is.Not.EqualTo(latex));
            Assert.That(IdentityChecker.Check(WickParser.ParseIdentity(wrong), bias: false).Holds, Is.False, wrong);
        }
    }

    /// <summary>The right side with its first term that does not vanish at the inputs (V^(1) = 0) doubled; null when there is none.</summary>
    private static Identity? Perturb(Identity identity)
    {
        var terms = identity.Rhs is Sum s ? s.Terms.ToList() : [identity.Rhs];
        int k = terms.FindIndex(t => !MentionsVertex(t));
        if (k < 0) return null;
        terms[k] = Product.Of(new Number(2), terms[k]);
        return identity with { Rhs = terms.Count == 1 ? terms[0] : new Sum(EquatableList.Of([.. terms])) };
    }

    private static bool MentionsVertex(Expr e) => e switch
    {
        Quantity q => q.Kind == QuantityKind.V,
        Product p => p.Factors.Any(MentionsVertex),
        Quotient q => MentionsVertex(q.Numerator) || MentionsVertex(q.Denominator),
        Power p => MentionsVertex(p.Base),
        Negate n => MentionsVertex(n.Operand),
        Sum s => s.Terms.Any(MentionsVertex),
        _ => false,
    };
}
