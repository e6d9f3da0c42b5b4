using Wick.Algebra.Checking;
using Wick.Algebra.Recursions;

namespace Wick.Parser.Tests;

/// <summary>
/// Closed forms at symbolic depth, parsed and decided by induction over the derived recursion (<see cref="InductionCheck"/>):
/// the solutions the engine prints check to "holds", the same with one coefficient changed to "does not hold", and what
/// the induction cannot handle is refused as undecidable.
/// </summary>
public class InductionCheckTests
{
    private static CheckResult Check(string identity, bool bias = false) => IdentityChecker.Check(WickParser.ParseIdentity(identity), bias);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Printed_solutions_hold(int m)
    {
        var solution = DeepLinear.SolveSingleInput(m);
        Assert.That(Check(solution.ToString()).Holds, Is.True, solution.ToString());
        Assert.That(Check(solution.ConstantWidthForm()).Holds, Is.True, solution.ConstantWidthForm());
    }

    [Test]
    public void Printed_bias_solutions_hold()
    {
        var solution = DeepLinear.SolveLinear(DeepLinear.SingleInput(1, bias: true));
        Assert.That(Check(solution.ToString(), bias: true).Holds, Is.True, solution.ToString());
        Assert.That(Check(solution.ConstantWidthForm(), bias: true).Holds, Is.True, solution.ConstantWidthForm());
        // The same closed forms describe a network without biases only when C_b = 0: with bias = false they fail.
        Assert.That(Check(solution.ToString(), bias: false).Holds, Is.False);
    }

    [TestCase("G4^(l) = [prod_{l'=1}^{l-1} c_4(n_{l'})] C_W^(2(l-1)) G4^(1)", true)]
    [TestCase(@"G_4^{(\ell)} = \left[\prod_{\ell'=1}^{\ell-1} c_{4}(n_{\ell'})\right] C_W^{2(\ell-1)} \left(G_2^{(1)}\right)^2 \quad (3.47)", true)]
    [TestCase("G4^(l) = (c_4(n) C_W^2)^(l-1) G4^(1)", true)]
    [TestCase("G4^(l) = ((1 + 2/n) C_W^2)^(l-1) G2^(1)^2", true)]
    [TestCase("G2^(l) = C_W^{l-1} G2^(1)", true)]
    [TestCase("G2^(L) = C_W^{L-1} G2^(1)", true)]
    // one coefficient changed
    [TestCase("G4^(l) = [prod_{l'=1}^{l-1} c_6(n_{l'})] C_W^(2(l-1)) G4^(1)", false)]
    [TestCase("G4^(l) = [prod_{l'=1}^{l-1} c_4(n_{l'})] C_W^(3(l-1)) G4^(1)", false)]
    [TestCase("G4^(l) = (c_4(n) C_W^2)^(l-1) 2 G2^(1)^2", false)]
    [TestCase("G4^(l) = (c_4(n) C_W^2)^l G4^(1)", false)]
    [TestCase("G4^(l) = ((1 + 3/n) C_W^2)^(l-1) G2^(1)^2", false)]
    // true at layers 1 and 2, false from layer 3 on
    [TestCase("G4^(l) = [prod_{l'=1}^{l-1} c_4(n_{l'})] C_W^(2(l-1)) G4^(1) + (l-1)(l-2) C_W", false)]
    // one width for every layer is not the per-layer product
    [TestCase("G4^(l) = (c_4(n_1) C_W^2)^(l-1) G4^(1)", false)]
    public void Closed_forms_are_decided(string identity, bool holds)
    {
        var result = Check(identity);
        Assert.That(result.Holds, Is.EqualTo(holds), result.Note);
        Assert.That(result.Note, holds ? Does.Contain("proved by induction") : Does.Contain("does not hold at layer"));
    }

    [TestCase("G2^(l) = C_W^{l-1} G2^(1) + C_b sum_{k=0}^{l-2} C_W^k", true)]
    [TestCase("G2^(l) = (prod_{l'=1}^{l-1} C_W) G2^(1) + C_b sum_{k=1}^{l-1} prod_{l'=k+1}^{l-1} C_W", true)]
    [TestCase("G2^(l) = C_W^{l-1} G2^(1) + C_b sum_{k=0}^{l-1} C_W^k", false)]
    [TestCase("G2^(l) = (prod_{l'=1}^{l-1} C_W) G2^(1) + C_b sum_{k=1}^{l-1} prod_{l'=k}^{l-1} C_W", false)]
    public void Sums_over_layers_with_biases_are_decided(string identity, bool holds) =>
        Assert.That(Check(identity, bias: true).Holds, Is.EqualTo(holds));

    [TestCase("G4^(l) = [prod_{l'=1}^{l-1} c_4(n_{l'})] C_W^(2(l-1)) G4^(2)")]   // relates G4^(2) to G2^(1): not derived here
    [TestCase("G4^(l) = (c_4(n) C_W^2)^(l-1) G4^(1) + O(1/n)")]
    [TestCase("G4^(l) = (c_4(n) C_W^2)^(l-1) G4^(1) (1 + 2/n_l)")]               // mixes n and n_l
    [TestCase("G4^(l-1) = (c_4(n) C_W^2)^(l-2) G4^(1)")]
    public void What_the_induction_cannot_handle_is_refused(string identity) =>
        Assert.That(() => Check(identity), Throws.InstanceOf<EvaluationException>().With.Message.Contains("cannot decide"));

    [Test]
    public void An_equation_tag_is_never_multiplied_in()
    {
        // (3.24) as a factor would make the true recursion false and the false one... still false: check both ways.
        Assert.That(Check(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} \quad (3.24)").Holds, Is.True);
        Assert.That(Check(@"G_4^{(\ell+1)} = 3.24 C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)}").Holds, Is.False);
        Assert.That(Check(@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{3}{n_\ell}\right) G_4^{(\ell)} \quad (3.24)").Holds, Is.False);
        Assert.That(Check("G4^(l) = (c_4(n) C_W^2)^(l-1) G4^(1) (3.47)").Holds, Is.True);
        Assert.That(Check("G4^(l) = (c_4(n) C_W^2)^(l-1) 3.47 G4^(1)").Holds, Is.False);
    }
}
