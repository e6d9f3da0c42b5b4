using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Syntax;
using Wick.Parser;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Engine.Tests;

/// <summary>
/// Issue 16: correlators of several inputs printed as orbit sums under relabelling. Everything printed reads back and
/// checks ("holds"); one coefficient changed checks to "does not hold"; the orbits written out equal the brute-force
/// correlator (every pairing's F derived on its own) and the written-out form (--expand-orbits).
/// </summary>
public class OrbitDerivationTests
{
    private static readonly Dictionary<Symbol, Polynomial> NoSettings = [];

    private static string Correlator(string layer, string[] labels) =>
        "E[" + string.Join(' ', labels.Select((a, k) => $"z^({layer})_{{i{k + 1};{a}}}")) + "]";

    private static Derivation Derive(string input, bool bias, OrbitForm form = OrbitForm.Orbits) =>
        Derivation.For(input, WickParser.ParseExpression(input), bias, NoSettings, orbits: form);

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("l", new[] { "a1", "a2", "a3", "a4" }, false).SetArgDisplayNames("4 distinct", "l");
        yield return new TestCaseData("l+1", new[] { "a", "a", "b", "b" }, true).SetArgDisplayNames("4 aabb", "l+1 bias");
        yield return new TestCaseData("l", new[] { "a", "b", "a", "c" }, false).SetArgDisplayNames("4 abac", "l");
        yield return new TestCaseData("l", new[] { "a1", "a2", "a3", "a4", "a5", "a6" }, false).SetArgDisplayNames("6 distinct", "l");
        yield return new TestCaseData("3", new[] { "a1", "a2", "a3", "a4", "a5", "a6" }, true).SetArgDisplayNames("6 distinct", "3 bias");
        yield return new TestCaseData("l", new[] { "a", "a", "b", "b", "c", "d" }, false).SetArgDisplayNames("6 aabbcd", "l");
        yield return new TestCaseData("1", new[] { "a1", "a2", "a3", "a4", "a5", "a6" }, true).SetArgDisplayNames("6 distinct", "1 bias");
        yield return new TestCaseData("l", new[] { "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8" }, false).SetArgDisplayNames("8 distinct", "l");
        yield return new TestCaseData("l", new[] { "a", "a", "b", "b", "c", "c", "d", "e" }, false).SetArgDisplayNames("8 aabbccde", "l");
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_printed_orbit_identity_checks_and_one_changed_coefficient_does_not(string layer, string[] labels, bool bias)
    {
        string input = Correlator(layer, labels);
        var d = Derive(input, bias);
        Assert.That(d.InOrbits, Is.True);
        string text = d.Text();
        var identities = DeriveCheckRoundTripTests.PrintedIdentities(d, text);
        Assert.That(identities, Has.Count.EqualTo(d.Recursions.Count + 1 + (d.Solution is not null && layer == "3" ? 1 : 0)));
        foreach (var identity in identities)
        {
            var ok = IdentityChecker.Check(WickParser.ParseIdentity(identity), bias);
            Assert.That(ok.Holds, Is.True, $"{identity}: lhs - rhs = {ok.DifferenceText}");
            // The first term of the right side doubled: a term of metrics alone (or the bias variance), so a verdict.
            int at = identity.IndexOf(" = ", StringComparison.Ordinal) + 3;
            if (identity.IndexOf("[delta", at, StringComparison.Ordinal) is int open and >= 0 && identity.IndexOf('(', open) is int first and >= 0 && identity.Length > first + 1 && identity[first + 1] == 'C')
                at = first + 1;
            string wrong = identity[..at] + "2 " + identity[at..];
            Assert.That(IdentityChecker.Check(WickParser.ParseIdentity(wrong), bias).Holds, Is.False, $"perturbed: {wrong}");
        }
    }

    public static IEnumerable<TestCaseData> SmallCases() => Cases().Where(c => ((string[])c.Arguments[1]!).Length <= 6);

    [TestCaseSource(nameof(SmallCases))]
    public void Printed_orbits_expand_to_the_brute_force_correlator_and_to_the_written_out_form(string layer, string[] labels, bool bias)
    {
        string input = Correlator(layer, labels);
        var d = Derive(input, bias);
        var points = labels.Select((a, k) => new FieldPoint($"i{k + 1}", a)).ToList();
        var layerValue = ((Expectation)WickParser.ParseExpression(input)) is { Body: Product { Factors: [Field { Layer: { } l }, ..] } } ? l : throw new AssertionException("layer");
        // Brute force: every pairing's F derived on its own (no symmetry used).
        LayerStructure below = layerValue == Layer.Concrete(1) ? new InputLayer() : new MultiInputLayer(layerValue.Previous);
        var brute = ForwardStep.CorrelatorAbove(points, below, bias, PairingEnumerator.Default);
        // The printed orbit form, read back and expanded by the checker's evaluator.
        string printed = d.Text().Split('\n')[2].Trim()[2..];
        var readBack = new ExpressionEvaluator(bias).Evaluate(WickParser.ParseExpression(printed));
        Assert.That(readBack, Is.EqualTo(brute), printed);
        Assert.That(d.FromBelowOrbits!.Expand(), Is.EqualTo(brute));
        var expanded = Derive(input, bias, OrbitForm.Expanded);
        Assert.That(expanded.InOrbits, Is.False);
        Assert.That(expanded.FromBelow, Is.EqualTo(brute));
        Assert.That(expanded.Text(), Does.Not.Contain("orbit_"));
        // Every written-out recursion is a relabelling of a printed representative, and the counts add up.
        var targets = expanded.Recursions.Select(r => r.Target).ToList();
        Assert.That(d.Recursions.Sum(r => d.Relabellings[r.Target]), Is.EqualTo(targets.Count));
        Assert.That(d.Recursions.Select(r => r.Target), Is.SubsetOf(targets));
    }

    [Test]
    public void Eight_distinct_inputs_print_five_recursions_standing_for_every_relabelling()
    {
        string input = Correlator("l", ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]);
        var d = Derive(input, bias: false, OrbitForm.Auto);
        Assert.That(d.InOrbits, Is.True);
        // C(8,2) metrics, C(8,4)·3 vertices, C(8,6)·15 six-point and 105 eight-point pieces.
        Assert.That(d.Recursions.Select(r => d.Relabellings[r.Target]), Is.EqualTo(new[] { 28, 210, 420, 105 }));
        Assert.That(d.FromBelowOrbits!.Terms, Has.Count.EqualTo(1));
        Assert.That(d.FromBelowOrbits.ExpandedCount, Is.EqualTo(105));
        Assert.That(d.Text().Length, Is.LessThan(20_000), "orbit form: kilobytes, not the 24 MB written out");
        Assert.That(d.JsonText(), Does.Contain("\"relabellings\": 105"));
        string latex = d.Latex();
        Assert.That(latex, Does.Contain("\\mathrm{orbit}_{"));
    }

    [Test]
    public void Four_fields_stay_written_out_by_default_and_six_take_orbits()
    {
        Assert.That(Derive(Correlator("l", ["a1", "a2", "a3", "a4"]), false, OrbitForm.Auto).InOrbits, Is.False);
        Assert.That(Derive(Correlator("l", ["a1", "a2", "a3", "a4", "a5", "a6"]), false, OrbitForm.Auto).InOrbits, Is.True);
        // A setting naming a labelled quantity breaks the symmetry: written out.
        string six = Correlator("l", ["a1", "a2", "a3", "a4", "a5", "a6"]);
        var set = new Dictionary<Symbol, Polynomial> { [Symbol.Kernel(Layer.L.Previous, "a1", "a2")] = Polynomial.One };
        Assert.That(Derivation.For(six, WickParser.ParseExpression(six), false, set).InOrbits, Is.False);
    }

    [Test]
    public void Orbit_sums_print_and_read_back_in_both_spellings()
    {
        string six = Correlator("l", ["a", "a", "b", "b", "c", "d"]);
        var d = Derive(six, false);
        foreach (var r in d.Recursions)
        {
            string text = d.Text().Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(r.Target.ToString() + " = ", StringComparison.Ordinal));
            var parsed = WickParser.ParseIdentity(text);
            Assert.That(TextPrinter.Print(parsed), Is.EqualTo(text));
            Assert.That(WickParser.ParseIdentity(LatexPrinter.Print(parsed)), Is.EqualTo(parsed), LatexPrinter.Print(parsed));
        }
        var orbit = WickParser.ParseExpression("orbit_{(a1 a2)(a3 a4)}[K^(l)_{a1 a3} K^(l)_{a2 a4}]");
        Assert.That(orbit, Is.TypeOf<OrbitSum>());
        // The two other pairings of four labels: K13 K24 + K14 K23.
        var value = new ExpressionEvaluator(false).Evaluate(orbit);
        var k = (string a, string b) => Polynomial.Var(Symbol.Kernel(Layer.L, a, b));
        Assert.That(value.TryGetScalar(out var scalar) && scalar == k("a1", "a3") * k("a2", "a4") + k("a1", "a4") * k("a2", "a3"), Is.True, value.ToString());
        Assert.Throws<ParseException>(() => WickParser.ParseExpression("orbit_{i1;a1 i2}[delta_{i1 i2}]"));
        Assert.Throws<ParseException>(() => WickParser.ParseExpression("orbit_{(a1 a2)(a3)}[K^(l)_{a1 a3}]"));
    }
}
