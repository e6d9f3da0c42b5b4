using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Expansions;
using Wick.Parser;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Engine.Tests;

/// <summary>The library API: typed requests in, reports out, refusals typed; the calls of examples/library_check.cs.</summary>
public class WickEngineTests
{
    [Test]
    public void A_plain_correlator_derives_its_recursion_and_an_expansion_request_its_series()
    {
        var d = WickEngine.Derive(new DeriveRequest("E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]"));
        Assert.That(d, Is.TypeOf<Derivation>());
        var recursion = ((Derivation)d).Recursions.Single();
        Assert.That(recursion.WidthFactor!.ToString(), Is.EqualTo("1 + 2/n_l"));

        var e = WickEngine.Derive(new DeriveRequest("Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4}]") { Order = 1 });
        Assert.That(e, Is.TypeOf<AsymptoticDerivation>());
        Assert.That(((AsymptoticDerivation)e).Connected, Is.True);
        Assert.That(WickEngine.Expand(new DeriveRequest("E[z^(L)_{i1} z^(L)_{i2}]") { Order = 1 }).Scalar, Is.Not.Null);
    }

    [Test]
    public void Settings_read_like_the_command_line_and_apply_to_every_section()
    {
        var (symbol, value) = WickEngine.Setting("C_W=2");
        Assert.That(symbol, Is.EqualTo(Symbol.CW));
        Assert.That(value, Is.EqualTo(Polynomial.Constant(2)));
        var request = new DeriveRequest("E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]")
        {
            Settings = new Dictionary<Symbol, Polynomial> { [symbol] = value, [Symbol.Width(Layer.L)] = Polynomial.Constant(100) },
        };
        var d = (Derivation)WickEngine.Derive(request);
        Assert.That(d.Recursions[0].Step.ToString(), Is.EqualTo("102 G4^(l)/25"));   // 4 (1 + 2/100) G4
        Assert.That(d.Solution!.Constant, Is.EqualTo(Polynomial.Constant(4)));
        Assert.Throws<RequestException>(() => WickEngine.Setting("C_W"));
        Assert.Throws<RequestException>(() => WickEngine.Setting("C_W=x"));
    }

    [Test]
    public void Refusals_are_typed_and_bad_text_is_a_located_parse_error()
    {
        Assert.Throws<RequestException>(() => WickEngine.Derive(new DeriveRequest("E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]") { Model = NetworkModel.Mlp, Order = 1 }));
        Assert.Throws<RequestException>(() => WickEngine.Derive(new DeriveRequest("E[z^(0)_{i1} z^(0)_{i2}]")));
        Assert.Throws<RequestException>(() => WickEngine.Limit("sideways"));
        Assert.That(WickEngine.Limit("double-scaling"), Is.EqualTo(ExpansionLimit.DoubleScaling));
        var e = Assert.Throws<ParseException>(() => WickEngine.Check(new CheckRequest("G4^(l+1) = = 2")));
        Assert.That(e!.Diagnostic.Render(), Does.Contain("^"));
        Assert.Throws<CannotDecideException>(() => WickEngine.Check(new CheckRequest("G4^(l) = G4^(2)")));
    }

    /// <summary>The calls of examples/library_check.cs, with the verdicts it expects.</summary>
    [Test]
    public void The_library_example_gets_its_verdicts()
    {
        var derivation = (Derivation)WickEngine.Derive(new DeriveRequest("E[z^(3)_{i1} z^(3)_{i2} z^(3)_{i3} z^(3)_{i4}]"));
        var recursion = derivation.Recursions[0];
        Assert.That(recursion.ToString(), Is.EqualTo("G4^(3) = C_W^2 G4^(2) + 2 C_W^2 G4^(2)/n_2"));
        Assert.That(recursion.WidthFactor!.ToString(), Is.EqualTo("1 + 2/n_2"));
        Assert.That(WickEngine.Check(new CheckRequest(recursion.ToString())).Holds, Is.True);
        var wrong = WickEngine.Check(new CheckRequest("G4^(3) = C_W^2 (1 + 3/n_2) G4^(2)"));
        Assert.That(wrong.Holds, Is.False);
        Assert.That(wrong.Result.DifferenceText, Is.EqualTo("-C_W^2 G4^(2)/n_2"));
        Assert.Throws<CannotDecideException>(() =>
            WickEngine.Check(new CheckRequest("G4^(l) - G2^(l)^2 = 2 (l-1)/n_l G2^(l)^2 + O(1/n_l^2)") { Bias = true }));
        Assert.That(File.ReadAllText(ExamplePath()), Does.Contain("G4^(3) = C_W^2 (1 + 3/n_2) G4^(2)").And.Contain("#:project ../src/Wick.Engine/Wick.Engine.csproj"));
    }

    private static string ExamplePath() => Path.Combine(AppContext.BaseDirectory, "library_check.cs");
}
