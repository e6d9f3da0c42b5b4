using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

public class DeltaContractionTests
{
    private static readonly Polynomial N = Polynomial.Var(Symbol.N);
    private static TensorPolynomial D(params (string, string)[] pairs) => TensorPolynomial.Term(DeltaProduct.FromPairs(pairs), Polynomial.One);

    [Test]
    public void Chain_collapses() =>
        Assert.That(D(("i", "j"), ("j", "k")).SumOver("j", N), Is.EqualTo(D(("i", "k"))));

    [Test]
    public void Closed_loop_gives_the_range()
    {
        Assert.That(D(("j", "j")).SumOver("j", N), Is.EqualTo((TensorPolynomial)N));
        Assert.That(D(("j", "k"), ("k", "j")).SumOver("j", N).SumOver("k", N), Is.EqualTo((TensorPolynomial)N));
    }

    [Test]
    public void Triangle_is_n_and_three_free_traces_are_n_cubed()
    {
        var tri = D(("i", "j"), ("j", "k"), ("k", "i"));
        Assert.That(tri.SumOver("i", N).SumOver("j", N).SumOver("k", N), Is.EqualTo((TensorPolynomial)N));
        var traces = D(("i", "i"), ("j", "j"), ("k", "k"));
        Assert.That(traces.SumOver("i", N).SumOver("j", N).SumOver("k", N), Is.EqualTo((TensorPolynomial)N.Pow(3)));
    }

    [Test]
    public void Dummies_disappear_so_equal_terms_merge()
    {
        var a = D(("i1", "j"), ("j", "i2")).SumOver("j", N);
        var b = D(("i1", "k"), ("k", "i2")).SumOver("k", N);
        Assert.That(a + b, Is.EqualTo(D(("i1", "i2")) * (Polynomial)2));
    }

    [Test]
    public void Delta_products_are_canonical_and_idempotent()
    {
        Assert.That(DeltaProduct.FromPairs([("i2", "i1"), ("i1", "i2")]), Is.EqualTo(DeltaProduct.Delta("i1", "i2")));
        Assert.That(DeltaProduct.FromPairs([("i3", "i4"), ("i2", "i1")]).ToString(), Is.EqualTo("delta_{i1 i2} delta_{i3 i4}"));
        Assert.That(DeltaProduct.FromPairs([("i10", "i2")]).ToString(), Is.EqualTo("delta_{i2 i10}"));
        Assert.That(DeltaProduct.FromPairs([("i", "i")]).IsOne, Is.True);
    }

    [Test]
    public void Grouped_printing()
    {
        var g4 = Polynomial.Var(Symbol.Correlator(4, Layer.L));
        var t = (D(("i1", "i2"), ("i3", "i4")) + D(("i1", "i3"), ("i2", "i4"))) * g4;
        Assert.That(t.ToString(), Is.EqualTo("(delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4}) G4^(l)"));
    }
}
