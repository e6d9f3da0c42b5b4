using System.Numerics;
using CsCheck;
using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

/// <summary>
/// The pairing tensor (3.44) as a value: its explicit form against brute-force enumeration, its contraction over an
/// index in two slots (the strand transfer step) against the explicit δ contraction and against brute-force loop
/// counts, and the correlators of many fields it carries.
/// </summary>
public class PairingTensorTests
{
    private static readonly Polynomial N = Polynomial.Var(Symbol.N);

    private static List<FieldPoint> Fields(IEnumerable<string> names) => names.Select(n => new FieldPoint(n)).ToList();

    private static string[] Distinct(int points) => Enumerable.Range(1, points).Select(k => $"i{k}").ToArray();

    /// <summary>Σ_{j1..jm} pairings(j1 j1 … jm jm), contracted one index at a time.</summary>
    private static TensorPolynomial FullContraction(int m)
    {
        var slots = Enumerable.Range(1, m).SelectMany(k => new[] { $"j{k}", $"j{k}" });
        var t = TensorPolynomial.Pairings(PairingTensor.Of(slots), Polynomial.One);
        for (int k = 1; k <= m; k++) t = t.SumOver($"j{k}", N);
        return t;
    }

    private static Polynomial LoopPolynomial(BigInteger[] a) =>
        Polynomial.Sum(a.Select((c, k) => N.Pow(k) * (Rational)c));

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(6)]
    [TestCase(8)]
    public void Single_input_correlator_is_the_pairing_tensor_times_the_enumerated_structure(int points)
    {
        // Pairing route (one F for every π) against the route that enumerates every π (brute force).
        var fields = Fields(Distinct(points));
        var below = new SingleInputLayer(Layer.L);
        foreach (bool bias in new[] { false, true })
        {
            var byPairing = ForwardStep.CorrelatorAbove(fields, below, bias);
            var byEnumeration = ForwardStep.CorrelatorAbove(fields, below, bias, PairingEnumerator.Default);
            Assert.That(byPairing, Is.EqualTo(byEnumeration), $"bias {bias}");
        }
        Assert.That(ForwardStep.CorrelatorAt(fields, new SingleInputLayer(Layer.L)),
            Is.EqualTo(ForwardStep.CorrelatorAt(fields, new SingleInputLayer(Layer.L), PairingEnumerator.Default)));
        Assert.That(ForwardStep.CorrelatorAbove(fields, new InputLayer(), bias: false),
            Is.EqualTo(ForwardStep.CorrelatorAbove(fields, new InputLayer(), bias: false, PairingEnumerator.Default)));
    }

    [Test]
    public void Repeated_indices_agree_with_enumeration()
    {
        var fields = Fields(["i", "i", "j", "j", "k", "i"]);
        var below = new SingleInputLayer(Layer.L);
        Assert.That(ForwardStep.CorrelatorAbove(fields, below, bias: false),
            Is.EqualTo(ForwardStep.CorrelatorAbove(fields, below, bias: false, PairingEnumerator.Default)));
        // E[z_i z_i z_j z_j] = (1 + 2 δ_ij) G4: δ_ii = 1 for a free index.
        var four = DeepLinear.Correlator(Fields(["i", "i", "j", "j"]), Layer.L);
        var g4 = Polynomial.Var(DeepLinear.G(4, Layer.L));
        Assert.That(four, Is.EqualTo(TensorPolynomial.Scalar(g4) + TensorPolynomial.Term(DeltaProduct.Delta("i", "j"), g4 * (Rational)2)));
    }

    [Test]
    public void Contraction_over_an_index_in_two_slots_matches_the_explicit_delta_contraction() =>
        // Random multisets of up to 10 slots: the transfer step on the value against SumOver on the written-out sum.
        Gen.Int[0, 4].Select(Gen.Int[0, 3].Array[0, 8]).Sample((pairs, others) =>
        {
            var slots = new List<string> { "j", "j" };
            slots.AddRange(others.Select(o => $"i{o}"));
            if (slots.Count % 2 == 1) slots.Add("i9");
            var tensor = PairingTensor.Of(slots);
            var contracted = tensor.SumOverTwice("j", N);
            Assert.That(contracted, Is.Not.Null);
            var viaTransfer = contracted!.Value.Remaining.Expand() * contracted.Value.Factor;
            var explicitSum = tensor.Expand().SumOver("j", N);
            Assert.That(viaTransfer, Is.EqualTo(explicitSum), string.Join(' ', slots));
        }, iter: 200);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public void Full_contraction_is_the_loop_polynomial_of_brute_force(int m) =>
        Assert.That(FullContraction(m), Is.EqualTo((TensorPolynomial)LoopPolynomial(PairingPatterns.LoopCountsByEnumeration(m))));

    [TestCase(7)]
    [TestCase(12)]
    [TestCase(20)]
    public void Full_contraction_beyond_the_explicit_limit_is_the_cycle_type_loop_polynomial(int m) =>
        // 2m = 14 … 40 slots: kept whole until 12 slots remain, then written out; cycle types are the independent route.
        Assert.That(FullContraction(m), Is.EqualTo((TensorPolynomial)LoopPolynomial(PairingPatterns.LoopCounts(m))));

    [Test]
    public void Twenty_four_fields_are_one_pairing_tensor_term_with_the_derived_recursion()
    {
        var fields = Fields(Distinct(24));
        var fromBelow = DeepLinear.CorrelatorFromBelow(fields, Layer.L.Next, bias: false);
        Assert.That(fromBelow.PairingTerms, Has.Count.EqualTo(1));
        var (tensor, coefficient) = fromBelow.PairingTerms[0];
        Assert.That(tensor, Is.EqualTo(PairingTensor.Of(Distinct(24))));
        Assert.That(tensor.TermCount, Is.EqualTo(PairingEnumerator.Count(24)));
        Assert.That(coefficient, Is.EqualTo(DeepLinear.SingleInput(12).Step));
        var structure = DeepLinear.Correlator(fields, Layer.L.Next);
        Assert.That(structure.PairingTerms.Single().Coefficient, Is.EqualTo(Polynomial.Var(DeepLinear.G(24, Layer.L.Next))));
        Assert.That(structure.ToString(), Does.StartWith("pairings_{i1 i2 i3").And.EndWith("i24} G24^(l+1)"));
        Assert.That(structure.ToString().Length, Is.LessThan(200));
    }

    [Test]
    public void Operations_that_need_the_explicit_form_are_refused_beyond_the_limit()
    {
        var big = TensorPolynomial.Pairings(PairingTensor.Of(Distinct(14)), N);
        Assert.Throws<ExplicitTensorTooLargeException>(() => _ = big.Terms);
        Assert.Throws<ExplicitTensorTooLargeException>(() => _ = big * TensorPolynomial.Term(DeltaProduct.Delta("k", "l"), Polynomial.One));
        Assert.Throws<ExplicitTensorTooLargeException>(() => big.SumOver("i1", N), "an index in one slot");
        Assert.That(big * (TensorPolynomial)N, Is.EqualTo(TensorPolynomial.Pairings(PairingTensor.Of(Distinct(14)), N * N)));
        Assert.That((big - big).IsZero, Is.True);
        Assert.That(big.ZeroTestIsExact, Is.True);
        var mixed = big + TensorPolynomial.Term(DeltaProduct.Delta("i1", "i2"), Polynomial.One);
        Assert.That(mixed.ZeroTestIsExact, Is.False, "a pairing tensor next to δ terms could cancel only explicitly");
        Assert.That(big.SumOver("k", N), Is.EqualTo(TensorPolynomial.Pairings(PairingTensor.Of(Distinct(14)), N * N)), "absent index: the range");
    }

    [Test]
    public void Small_pairing_tensors_are_written_out_and_print_compactly_from_six_points()
    {
        var six = TensorPolynomial.Pairings(PairingTensor.Of(Distinct(6)), N);
        Assert.That(six.PairingTerms, Is.Empty);
        Assert.That(six.Count, Is.EqualTo(15));
        Assert.That(six.ToString(), Is.EqualTo("pairings_{i1 i2 i3 i4 i5 i6} n"));
        Assert.That(six.ToLatex(), Is.EqualTo(@"\mathrm{pairings}_{i_{1} i_{2} i_{3} i_{4} i_{5} i_{6}} n"));
        var four = TensorPolynomial.Pairings(PairingTensor.Of(Distinct(4)), Polynomial.One);
        Assert.That(four.ToString(), Is.EqualTo("(delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3})"));
        // 14 of the 15 pairings are not the pairing tensor: printed term by term.
        var partial = six - TensorPolynomial.Term(six.Terms[0].Deltas, N);
        Assert.That(partial.ToString(), Does.Not.Contain("pairings"));
        Assert.That(PairingTensor.Recognise(six.Terms.Select(t => t.Deltas).ToList()), Is.EqualTo(PairingTensor.Of(Distinct(6))));
    }
}
