using CsCheck;
using Wick.Algebra;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

/// <summary>The sample-index algebra: Σ_{β∈D}, δ application, K^{-1}K = δ, FORM-style dummy canonicalisation.</summary>
public class SampleAlgebraTests
{
    private static readonly Layer L = Layer.L;
    private static Polynomial K(string a, string b) => Polynomial.Var(Symbol.Kernel(L, a, b));
    private static Polynomial Kinv(string a, string b) => Polynomial.Var(Symbol.InverseKernel(L, a, b));
    private static Polynomial V(string a, string b, string c, string d) => Polynomial.Var(Symbol.Vertex(L, [(a, b), (c, d)]));
    private static Polynomial Delta(string a, string b) => SampleAlgebra.Delta(a, b);
    private static Polynomial Sum(Polynomial p, params string[] indices) => indices.Aggregate(p, SampleAlgebra.SumOver);
    private static Polynomial Mul(params Polynomial[] fs) => fs.Aggregate(Polynomial.One, SampleAlgebra.Multiply);
    private static readonly Polynomial ND = Polynomial.Var(Symbol.DataSetSize);

    [Test]
    public void A_free_delta_renames_its_partner_in_the_other_factors()
    {
        // δ_{ab} K_{ab} = δ_{ab} K_{aa}: the acceptance identity of issue 9.
        Assert.That(Mul(Delta("a", "b"), K("a", "b")), Is.EqualTo(Mul(Delta("a", "b"), K("a", "a"))));
        Assert.That(Mul(Delta("a", "b"), K("b", "b")), Is.EqualTo(Mul(Delta("a", "b"), K("a", "a"))));
        Assert.That(Mul(Delta("a", "b"), K("a", "b")), Is.Not.EqualTo(K("a", "a")), "the δ stays: it is a constraint, not 1");
        Assert.That(Mul(Delta("a", "b"), Delta("a", "b")), Is.EqualTo(Delta("a", "b")), "δ² = δ");
        Assert.That(Delta("a", "a"), Is.EqualTo(Polynomial.One));
        // A chain δ_{ab} δ_{bc} makes one block {a, b, c} with representative a.
        Assert.That(Mul(Delta("b", "c"), Delta("a", "b"), K("c", "c")), Is.EqualTo(Mul(Delta("a", "c"), Delta("a", "b"), K("a", "a"))));
    }

    [Test]
    public void A_summed_delta_is_applied()
    {
        Assert.That(Sum(Mul(Delta("a", "b"), K("b", "c")), "b"), Is.EqualTo(K("a", "c")));
        Assert.That(Sum(Delta("b", "b"), "b"), Is.EqualTo(ND));
        Assert.That(Sum(Delta("a", "b"), "a", "b"), Is.EqualTo(ND));
        Assert.That(Sum(K("a", "c"), "b"), Is.EqualTo(ND * K("a", "c")), "an index that does not occur sums to N_D");
        Assert.That(Sum(Mul(Delta("a", "b"), V("b", "c", "b", "d")), "b"), Is.EqualTo(V("a", "c", "a", "d")));
    }

    [Test]
    public void The_inverse_kernel_contracts_to_a_delta()
    {
        // Σ_β K^{αβ} K_{βγ} = δ^α_γ (4.46), then Σ_α δ_αα = N_D.
        Assert.That(Sum(Mul(Kinv("a", "b"), K("b", "c")), "b"), Is.EqualTo(Delta("a", "c")));
        Assert.That(Sum(Mul(Kinv("b", "a"), K("c", "b")), "b"), Is.EqualTo(Delta("a", "c")));
        Assert.That(Sum(Mul(Kinv("a", "b"), K("a", "b")), "a", "b"), Is.EqualTo(ND));
        // Σ_{β,γ} K^{αβ} K_{βγ} K^{γδ} = K^{αδ}.
        Assert.That(Sum(Mul(Kinv("a", "b"), K("b", "c"), Kinv("c", "d")), "b", "c"), Is.EqualTo(Kinv("a", "d")));
        // Different layers do not contract.
        var other = Polynomial.Var(Symbol.Kernel(L.Next, "b", "c"));
        Assert.That(Sum(Mul(Kinv("a", "b"), other), "b"), Is.Not.EqualTo(Delta("a", "c")));
    }

    [Test]
    public void Equal_terms_with_renamed_dummies_merge()
    {
        var lhs = Sum(K("a", "b"), "b") - Sum(K("c", "a"), "c");
        Assert.That(lhs.IsZero, Is.True);
        // V symmetric within and between pairs: Σ V_{(ab)(cd)} K^{bc} = Σ V_{(da)(cb)} K^{dc} (same contraction pattern).
        var x = Sum(Mul(V("a", "b", "c", "d"), Kinv("b", "c")), "b", "c", "d");
        var y = Sum(Mul(V("d", "a", "c", "b"), Kinv("d", "c")), "b", "c", "d");
        Assert.That(x, Is.EqualTo(y));
        // … but a contraction within one pair is a different tensor.
        var z = Sum(Mul(V("a", "b", "c", "d"), Kinv("c", "d")), "b", "c", "d");
        Assert.That(x, Is.Not.EqualTo(z));
    }

    [Test]
    public void Products_rename_dummies_apart()
    {
        var s = Sum(K("a", "b"), "b");
        var square = Mul(s, s);
        Assert.That(square, Is.EqualTo(Sum(Mul(K("a", "b"), K("a", "c")), "b", "c")));
        Assert.That(square, Is.Not.EqualTo(Sum(Mul(K("a", "b"), K("a", "b")), "b")), "(Σ_β K_αβ)² is not Σ_β K_αβ²");
    }

    private static readonly string[] Labels = ["a", "b", "c", "d", "e"];
    private static readonly Gen<string> Label = Gen.Int[0, 4].Select(i => Labels[i]);

    private static readonly Gen<Polynomial> Factor = Gen.OneOf(
        Gen.Select(Label, Label, (a, b) => K(a, b)),
        Gen.Select(Label, Label, (a, b) => Kinv(a, b)),
        Gen.Select(Label, Label, (a, b) => Delta(a, b)),
        Gen.Select(Label, Label, Label, Label, (a, b, c, d) => V(a, b, c, d)));

    /// <summary>A random sum of products of K, K^{-1}, δ and V with some labels summed.</summary>
    private static readonly Gen<Polynomial> Tensor =
        Gen.Select(Factor.Array[1, 3], Gen.Int[0, 31], Gen.Int[-2, 2], (fs, mask, c) =>
        {
            var p = Mul(fs) * (Rational)(c == 0 ? 1 : c);
            var summed = Labels.Where((_, i) => (mask >> i & 1) == 1).ToArray();
            return Sum(p, summed);
        }).Array[1, 3].Select(ps => ps.Aggregate(Polynomial.Zero, (x, y) => x + y));

    [Test]
    public void Canonicalising_is_idempotent_and_renaming_free_indices_then_canonicalising_is_too() =>
        Gen.Select(Tensor, Gen.Int[0, 4], Gen.Int[0, 4]).Sample((p, i, j) =>
        {
            Assert.That(SampleAlgebra.Canonicalize(p), Is.EqualTo(p), "results of the algebra are canonical");
            var renamed = SampleAlgebra.Canonicalize(p.RenameSamples(x => x == Labels[i] ? Labels[j] : x));
            Assert.That(SampleAlgebra.Canonicalize(renamed), Is.EqualTo(renamed));
        });

    [Test]
    public void Dummy_names_do_not_matter() =>
        Gen.Select(Tensor, Gen.Int[1, 5]).Sample((p, shift) =>
        {
            // Renumbering the dummies (#k ↦ #(k+shift)) and canonicalising gives the same polynomial back.
            var moved = p.RenameSamples(x => SampleAlgebra.IsDummy(x) ? SampleAlgebra.Dummy(int.Parse(x[1..]) + shift) : x);
            Assert.That(SampleAlgebra.Canonicalize(moved), Is.EqualTo(p));
        });

    [Test]
    public void Multiplication_is_commutative_and_associative_up_to_dummy_names() =>
        Gen.Select(Tensor, Tensor, Tensor).Sample((a, b, c) =>
        {
            Assert.That(SampleAlgebra.Multiply(a, b), Is.EqualTo(SampleAlgebra.Multiply(b, a)));
            Assert.That(SampleAlgebra.Multiply(SampleAlgebra.Multiply(a, b), c), Is.EqualTo(SampleAlgebra.Multiply(a, SampleAlgebra.Multiply(b, c))));
        }, iter: 200);

    [Test]
    public void A_dummy_sum_prints_as_a_sum_over_the_data_set()
    {
        var p = Sum(Mul(Kinv("a", "b"), V("b", "c", "d", "d")), "b", "d");
        Assert.That(p.ToString(), Is.EqualTo("sum_{b,d} K^(l)^{a b} V^(l)_{(b c)(d d)}"));
        Assert.That(p.ToLatex(), Is.EqualTo("\\sum_{\\beta, \\delta \\in \\mathcal{D}} K_{(\\ell)}^{\\alpha \\beta} V^{(\\ell)}_{(\\beta \\gamma)(\\delta \\delta)}"));
    }
}
