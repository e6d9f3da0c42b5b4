using Wick.Algebra.Activations;
using Wick.Algebra.Checking;
using Wick.Algebra.Correlators;
using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

/// <summary>The general-activation (mlp) model at leading order: the kernel recursion (4.118) derived, not written in.</summary>
public class MlpTests
{
    private static Polynomial V(Symbol s) => Polynomial.Var(s);
    private static readonly Polynomial CW = V(Symbol.CW);
    private static readonly Polynomial Cb = V(Symbol.Cb);
    private static Polynomial SS(string a, string b, Layer l) => V(GaussianExpectations.SigmaSigma(a, b, l));

    [Test]
    public void Kernel_recursion_is_derived_as_4_118()
    {
        var r = Mlp.Kernel("a1", "a2");
        Assert.That(r.Target, Is.EqualTo(Symbol.Kernel(Layer.L.Next, "a1", "a2")));
        Assert.That(r.Step, Is.EqualTo(Cb + CW * SS("a1", "a2", Layer.L)));
    }

    [Test]
    public void Placeholder_prints_in_the_input_spelling_and_is_symmetric()
    {
        Assert.That(GaussianExpectations.SigmaSigma("a2", "a1", Layer.L).ToString(), Is.EqualTo("<sigma_a1 sigma_a2>_{K^(l)}"));
        Assert.That(GaussianExpectations.SigmaSigma("a1", "a1", Layer.L.Next).ToString(), Is.EqualTo("<sigma_a1 sigma_a1>_{K^(l+1)}"));
        Assert.That(GaussianExpectations.IsPlaceholder(GaussianExpectations.SigmaSigma("a1", "a2", Layer.L)), Is.True);
    }

    [Test]
    public void Exact_stage_is_the_neuron_average_and_the_rule_gives_the_gaussian_expectation()
    {
        var stages = Mlp.CorrelatorFromBelow([new FieldPoint("i1", "a1"), new FieldPoint("i2", "a2")], Layer.L.Next);
        var d = DeltaProduct.FromPairs([("i1", "i2")]);
        Assert.That(stages.Approximated, Is.True);
        Assert.That(stages.Exact, Is.EqualTo(TensorPolynomial.FromTerms([(d, Cb + CW * V(ActivationLayer.NeuronAverage("a1", "a2", Layer.L)))])));
        Assert.That(stages.LeadingOrder, Is.EqualTo(TensorPolynomial.FromTerms([(d, Cb + CW * SS("a1", "a2", Layer.L))])));
    }

    [Test]
    public void Linear_activation_reproduces_the_deep_linear_kernel_recursion()
    {
        // sigma(z) = z: <z_a z_b>_K = K_ab, and the same path must give the linear engine's K^(l+1) = C_b + C_W K^(l).
        var r = Mlp.Kernel("a1", "a2");
        var linear = r.Step.Substitute(new Dictionary<Symbol, Polynomial>
        {
            [GaussianExpectations.SigmaSigma("a1", "a2", Layer.L)] = V(Symbol.Kernel(Layer.L, "a1", "a2")),
        });
        Assert.That(linear, Is.EqualTo(DeepLinear.Vertex([("a1", "a2")], bias: true).Step));
        Assert.That(linear, Is.EqualTo(Cb + CW * V(Symbol.Kernel(Layer.L, "a1", "a2"))));
    }

    [Test]
    public void First_layer_is_exact()
    {
        var stages = Mlp.CorrelatorFromBelow([new FieldPoint("i1", "a1"), new FieldPoint("i2", "a2")], Layer.Concrete(1));
        Assert.That(stages.Approximated, Is.False);
        // The first layer sees the inputs only through the input metric (4.x; 3.18 with biases): δ_{i1 i2} (C_b + C_W G^(0)_{a1 a2}),
        // written out here rather than taken from another engine routine.
        var expected = TensorPolynomial.Term(DeltaProduct.Delta("i1", "i2"), Cb + CW * V(Symbol.InputMetric("a1", "a2")));
        Assert.That(stages.Exact, Is.EqualTo(expected));
        Assert.That(stages.LeadingOrder, Is.EqualTo(expected), "no leading-order rule is needed at the first layer");
        // Four points: Gaussian, so Σ over the three pairings of δδ (C_b + C_W G^(0)) (C_b + C_W G^(0)).
        var four = Mlp.CorrelatorFromBelow([new FieldPoint("i1", "a1"), new FieldPoint("i2", "a2"), new FieldPoint("i3", "a3"), new FieldPoint("i4", "a4")], Layer.Concrete(1));
        Polynomial K1(string a, string b) => Cb + CW * V(Symbol.InputMetric(a, b));
        Assert.That(four.Exact, Is.EqualTo(TensorPolynomial.FromTerms([
            (DeltaProduct.FromPairs([("i1", "i2"), ("i3", "i4")]), K1("a1", "a2") * K1("a3", "a4")),
            (DeltaProduct.FromPairs([("i1", "i3"), ("i2", "i4")]), K1("a1", "a3") * K1("a2", "a4")),
            (DeltaProduct.FromPairs([("i1", "i4"), ("i2", "i3")]), K1("a1", "a4") * K1("a2", "a3"))])));
    }

    [Test]
    public void Four_point_factorises_at_leading_order()
    {
        var points = new[] { new FieldPoint("i1", "a1"), new FieldPoint("i2", "a2"), new FieldPoint("i3", "a3"), new FieldPoint("i4", "a4") };
        var lo = Mlp.CorrelatorFromBelow(points, Layer.L.Next).LeadingOrder;
        var k = new Func<string, string, Polynomial>((a, b) => Cb + CW * SS(a, b, Layer.L));
        Assert.That(lo, Is.EqualTo(TensorPolynomial.FromTerms([
            (DeltaProduct.FromPairs([("i1", "i2"), ("i3", "i4")]), k("a1", "a2") * k("a3", "a4")),
            (DeltaProduct.FromPairs([("i1", "i3"), ("i2", "i4")]), k("a1", "a3") * k("a2", "a4")),
            (DeltaProduct.FromPairs([("i1", "i4"), ("i2", "i3")]), k("a1", "a4") * k("a2", "a3")),
        ])));
    }

    private static Quantity K(Layer l) => new(QuantityKind.K, l, 2, EquatableList.Of(Syntax.Index.Sample("a1"), Syntax.Index.Sample("a2")));
    private static Expr Gauss(Layer l) => new GaussianExpectation(Product.Of(
        new Field(FieldKind.Sigma, null, EquatableList.Of<Syntax.Index>(), Syntax.Index.Sample("a1")),
        new Field(FieldKind.Sigma, null, EquatableList.Of<Syntax.Index>(), Syntax.Index.Sample("a2"))), l);
    private static readonly BigO OneOverN = new(new Quotient(new Number(1), new SymbolRef(Symbol.N)));

    [Test]
    public void Check_holds_up_to_O_1_over_n()
    {
        var id = new Identity(K(Layer.L.Next), Sum.Of(new SymbolRef(Symbol.Cb), Product.Of(new SymbolRef(Symbol.CW), Gauss(Layer.L))), OneOverN);
        var result = IdentityChecker.Check(id, bias: false, mlp: true);
        Assert.That(result.Holds, Is.True, result.DifferenceText);
    }

    [Test]
    public void Check_wrong_coefficient_fails_with_the_difference()
    {
        var id = new Identity(K(Layer.L.Next), Sum.Of(new SymbolRef(Symbol.Cb), Product.Of(new Number(2), new SymbolRef(Symbol.CW), Gauss(Layer.L))), OneOverN);
        var result = IdentityChecker.Check(id, bias: false, mlp: true);
        Assert.That(result.Holds, Is.False);
        Assert.That(result.Difference, Is.EqualTo((TensorPolynomial)(-CW * SS("a1", "a2", Layer.L))));
    }

    [Test]
    public void Kernel_recursion_is_exact_among_the_expansion_coefficients()
    {
        // K = G{0} is the O(1) coefficient of the metric (4.104): (4.118) is an exact identity among coefficients (issue 10).
        var id = new Identity(K(Layer.L.Next), Sum.Of(new SymbolRef(Symbol.Cb), Product.Of(new SymbolRef(Symbol.CW), Gauss(Layer.L))), null);
        Assert.That(IdentityChecker.Check(id, bias: false, mlp: true).Holds, Is.True);
    }

    [Test]
    public void Check_without_remainder_is_not_an_exact_identity()
    {
        // The metric G = K + G1/n + O(1/n^2) (4.104) is not the kernel: no exact identity without a remainder.
        var id = new Identity(K(Layer.L.Next) with { Kind = QuantityKind.G }, Sum.Of(new SymbolRef(Symbol.Cb), Product.Of(new SymbolRef(Symbol.CW), Gauss(Layer.L))), null);
        var result = IdentityChecker.Check(id, bias: false, mlp: true);
        Assert.That(result.Holds, Is.False);
        Assert.That(result.Note, Does.Contain("not an exact identity").And.Contain("4.104"));
    }

    [Test]
    public void Gaussian_expectation_is_refused_by_the_linear_model()
    {
        var id = new Identity(Gauss(Layer.L), Gauss(Layer.L), null);
        Assert.Throws<EvaluationException>(() => IdentityChecker.Check(id, bias: false));
        Assert.That(IdentityChecker.Check(id, bias: false, mlp: true).Holds, Is.True); // no approximation used: exact
    }
}
