using CsCheck;
using Wick.Algebra;
using Wick.Algebra.Activations;

namespace Wick.Algebra.Tests.Core;

/// <summary>Generators of typed atoms: every kind, at symbolic (l, L) and concrete layers, over a few sample labels.</summary>
internal static class AtomGen
{
    private static readonly string[] Labels = ["a", "b", "c", "a1", "a2"];

    public static readonly Gen<Layer> AnyLayer = Gen.OneOf(
        Gen.Int[-2, 2].Select(o => Layer.Symbolic("l", o)),
        Gen.Int[-1, 1].Select(o => Layer.Symbolic("L", o)),
        Gen.Int[0, 4].Select(Layer.Concrete));

    public static readonly Gen<string> Label = Gen.Int[0, Labels.Length - 1].Select(i => Labels[i]);

    private static readonly Gen<(string, string)> Pair = Gen.Select(Label, Label, (a, b) => (a, b));

    private static readonly Gen<GaussianFactor> Factor = Gen.OneOf(
        Gen.Select(Gen.Int[0, 3], Label, (k, a) => new GaussianFactor((GaussianFactorKind)k, a)),
        Pair.Select(p => new GaussianFactor(GaussianFactorKind.Fluctuation, p.Item1, p.Item2)));

    public static readonly Gen<Symbol> Atom = Gen.OneOf(
        AnyLayer.Select(Symbol.Width),
        Gen.Const(Symbol.N), Gen.Const(Symbol.CW), Gen.Const(Symbol.Cb), Gen.Const(Symbol.R), Gen.Const(Symbol.DataSetSize),
        AnyLayer.Select(l => Symbol.WeightVariance(l)), AnyLayer.Select(l => Symbol.BiasVariance(l)),
        Gen.Select(Gen.Int[1, 6].Select(m => 2 * m), AnyLayer, Symbol.Correlator),
        Gen.Select(AnyLayer, Pair, (l, p) => Symbol.Kernel(l, p.Item1, p.Item2)),
        Gen.Select(AnyLayer, Pair, (l, p) => Symbol.InverseKernel(l, p.Item1, p.Item2)),
        Gen.Select(AnyLayer, Pair, (l, p) => Symbol.NloMetric(l, p.Item1, p.Item2)),
        Pair.Select(p => Symbol.InputMetric(p.Item1, p.Item2)),
        Pair.Select(p => Symbol.SampleDelta(p.Item1, p.Item2)),
        Gen.Select(AnyLayer, Pair.Array[2, 3], Gen.Bool, (l, ps, up) => Symbol.Vertex(l, ps, up)),
        Gen.Select(Factor.Array[1, 4], AnyLayer, (fs, l) => Symbol.Gaussian(new GaussianBody(fs), l)),
        Gen.Select(AnyLayer, Pair, (l, p) => Symbol.NeuronAverage(l, p.Item1, p.Item2)),
        Gen.OneOf(Gen.Const("x"), Gen.Const("l"), Gen.Const("L"), Gen.Const("chi")).Select(n => Symbol.Plain(n)));
}

/// <summary>Typed atoms: structural equality, a total order by kind then fields, layers and samples as values.</summary>
public class AtomTests
{
    [Test]
    public void The_order_is_a_total_order_consistent_with_equality() =>
        Gen.Select(AtomGen.Atom, AtomGen.Atom, AtomGen.Atom).Sample((a, b, c) =>
        {
            int ab = a.CompareTo(b), ba = b.CompareTo(a);
            Assert.That(Math.Sign(ab), Is.EqualTo(-Math.Sign(ba)), $"antisymmetry: {a} vs {b}");
            Assert.That(ab == 0, Is.EqualTo(a.Equals(b)), $"order and equality agree: {a} vs {b}");
            if (a.Equals(b)) Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            if (ab <= 0 && b.CompareTo(c) <= 0) Assert.That(a.CompareTo(c), Is.LessThanOrEqualTo(0), $"transitivity: {a} ≤ {b} ≤ {c}");
        });

    [Test]
    public void Kinds_come_first_in_the_order_never_the_spelling()
    {
        // G10 sorts after G2 (by points), though "G10" < "G2" as strings.
        Assert.That(Symbol.Correlator(2, Layer.L).CompareTo(Symbol.Correlator(10, Layer.L)), Is.LessThan(0));
        Assert.That(Symbol.CW.CompareTo(Symbol.Correlator(4, Layer.L)), Is.LessThan(0));
        Assert.That(Symbol.Kernel(Layer.L, "a", "b").CompareTo(Symbol.Vertex(Layer.L, [("a", "b"), ("a", "b")])), Is.LessThan(0));
        Assert.That(Symbol.Width(Layer.L).CompareTo(Symbol.R), Is.LessThan(0));
    }

    [Test]
    public void Book_names_are_typed_atoms_not_plain_names()
    {
        Assert.That(Symbol.FromName("C_W"), Is.EqualTo(Symbol.CW));
        Assert.That(Symbol.FromName("C_W", Layer.L).Kind, Is.EqualTo(AtomKind.WeightVariance));
        Assert.That(Symbol.FromName("C_b", Layer.Concrete(2)), Is.EqualTo(Symbol.BiasVariance(Layer.Concrete(2))));
        Assert.That(Symbol.FromName("n"), Is.EqualTo(Symbol.N));
        Assert.That(Symbol.FromName("r"), Is.EqualTo(Symbol.R));
        Assert.That(Symbol.FromName("N_D"), Is.EqualTo(Symbol.DataSetSize));
        Assert.That(Symbol.FromName("x").Kind, Is.EqualTo(AtomKind.Plain));
        Assert.That(() => Symbol.Plain("C_W"), Throws.ArgumentException);
        Assert.That(Symbol.WeightVariance(Layer.L), Is.Not.EqualTo(Symbol.CW), "C_W^(l) per layer is not the layer-independent C_W");
    }

    [Test]
    public void Slot_symmetries_are_part_of_the_atom()
    {
        var l = Layer.L;
        Assert.Multiple(() =>
        {
            Assert.That(Symbol.Kernel(l, "b", "a"), Is.EqualTo(Symbol.Kernel(l, "a", "b")));
            Assert.That(Symbol.InverseKernel(l, "b", "a"), Is.EqualTo(Symbol.InverseKernel(l, "a", "b")));
            Assert.That(Symbol.Vertex(l, [("b", "a"), ("d", "c")]), Is.EqualTo(Symbol.Vertex(l, [("a", "b"), ("c", "d")])));
            Assert.That(Symbol.Vertex(l, [("c", "d"), ("a", "b")]), Is.EqualTo(Symbol.Vertex(l, [("a", "b"), ("c", "d")])));
            Assert.That(Symbol.Vertex(l, [("a", "c"), ("b", "d")]), Is.Not.EqualTo(Symbol.Vertex(l, [("a", "b"), ("c", "d")])), "pairs are not mixed");
            Assert.That(Symbol.Vertex(l, [("a", "b"), ("c", "d")], raised: true), Is.Not.EqualTo(Symbol.Vertex(l, [("a", "b"), ("c", "d")])));
            Assert.That(GaussianExpectations.Of([GaussianFactor.Z("b"), GaussianFactor.Sigma("a"), GaussianFactor.Sigma("b")], l),
                Is.EqualTo(GaussianExpectations.Of([GaussianFactor.Sigma("b"), GaussianFactor.Z("b"), GaussianFactor.Sigma("a")], l)));
            Assert.That(new GaussianFactor(GaussianFactorKind.Fluctuation, "b", "a"), Is.EqualTo(new GaussianFactor(GaussianFactorKind.Fluctuation, "a", "b")));
        });
    }

    [Test]
    public void Layer_shift_is_a_group_action() =>
        Gen.Select(AtomGen.Atom, Gen.Int[-2, 3], Gen.Int[-2, 3]).Sample((s, a, b) =>
        {
            // Concrete layers may not go below 0: shift only by what keeps every concrete layer valid.
            if (s.Layer is { IsConcrete: true } c && (c.Offset + a < 0 || c.Offset + a + b < 0)) return;
            var twice = s.MapLayer(l => l.Shift(a)).MapLayer(l => l.Shift(b));
            Assert.That(twice, Is.EqualTo(s.MapLayer(l => l.Shift(a + b))));
            Assert.That(s.MapLayer(l => l.Shift(0)), Is.EqualTo(s));
            Assert.That(s.MapLayer(l => l.Shift(a)).MapLayer(l => l.Shift(-a)), Is.EqualTo(s));
            Assert.That(s.MapLayer(l => l.Shift(a)).Kind, Is.EqualTo(s.Kind));
        });

    private static readonly Gen<Polynomial> AtomPolynomial =
        Gen.Select(Gen.Select(AtomGen.Atom, Gen.Int[1, 2]).Array[0, 3], Gen.Int[-3, 3], (fs, c) => (fs, c)).Array[0, 4]
           .Select(ts => Polynomial.FromTerms(ts.Select(t => (Monomial.FromFactors(t.fs.Select(f => (f.Item1, f.Item2))), (Rational)t.c))));

    [Test]
    public void Layer_shift_commutes_with_polynomial_arithmetic() =>
        Gen.Select(AtomPolynomial, AtomPolynomial, Gen.Int[1, 3]).Sample((p, q, k) =>
        {
            Polynomial Up(Polynomial x) => x.MapLayers(l => l.Shift(k));
            Assert.That(Up(p + q), Is.EqualTo(Up(p) + Up(q)));
            Assert.That(Up(p * q), Is.EqualTo(Up(p) * Up(q)));
            Assert.That(Up(p).MapLayers(l => l.Shift(-k)), Is.EqualTo(p));
        });

    [Test]
    public void Rebasing_a_layer_substitutes_the_base()
    {
        var k = Polynomial.Var(Symbol.Kernel(Layer.L.Next, "a", "b")) * Polynomial.Var(Symbol.Width(Layer.L));
        var atThree = k.MapLayers(l => l.Substitute("l", 3));
        Assert.That(atThree, Is.EqualTo(Polynomial.Var(Symbol.Kernel(Layer.Concrete(4), "a", "b")) * Polynomial.Var(Symbol.Width(Layer.Concrete(3)))));
        var atL = k.MapLayers(l => l.Rebase("l", Layer.Symbolic("L", -1)));
        Assert.That(atL, Is.EqualTo(Polynomial.Var(Symbol.Kernel(Layer.Symbolic("L"), "a", "b")) * Polynomial.Var(Symbol.Width(Layer.Symbolic("L", -1)))));
    }

    [Test]
    public void Renaming_samples_reapplies_the_slot_symmetries_and_merges_terms()
    {
        var l = Layer.L;
        var p = Polynomial.Var(Symbol.Kernel(l, "a", "c")) - Polynomial.Var(Symbol.Kernel(l, "b", "a"));
        // c ↦ b: K_{ab} − K_{ba} = 0.
        Assert.That(p.RenameSamples(x => x == "c" ? "b" : x).IsZero, Is.True);
        Assert.That(p.RenameSamples(x => x).Equals(p), Is.True);
    }

    [Test]
    public void Atoms_print_in_the_book_s_spellings()
    {
        var l = Layer.L;
        Assert.Multiple(() =>
        {
            Assert.That(Symbol.WeightVariance(l.Next).ToString(), Is.EqualTo("C_W^(l+1)"));
            Assert.That(Symbol.WeightVariance(l).ToLatex(), Is.EqualTo("C_{W}^{(\\ell)}"));
            Assert.That(Symbol.Correlator(10, l).ToString(), Is.EqualTo("G10^(l)"));
            Assert.That(Symbol.InverseKernel(l, "b", "a").ToString(), Is.EqualTo("K^(l)^{a b}"));
            Assert.That(Symbol.InverseKernel(l, "a", "b").ToLatex(), Is.EqualTo("K_{(\\ell)}^{\\alpha \\beta}"));
            Assert.That(Symbol.Vertex(l, [("a", "b"), ("c", "d")], raised: true).ToString(), Is.EqualTo("V^(l)^{(a b)(c d)}"));
            Assert.That(Symbol.Vertex(l, [("a", "b"), ("c", "d")], raised: true).ToLatex(), Is.EqualTo("V_{(\\ell)}^{(\\alpha \\beta)(\\gamma \\delta)}"));
            Assert.That(Symbol.NloMetric(l, "a", "b").ToLatex(), Is.EqualTo("G^{\\{1\\}(\\ell)}_{\\alpha \\beta}"));
            Assert.That(Symbol.SampleDelta("b", "a").ToString(), Is.EqualTo("delta_{a b}"));
            Assert.That(Symbol.DataSetSize.ToLatex(), Is.EqualTo("N_{\\mathcal{D}}"));
            var g = GaussianExpectations.Of([new GaussianFactor(GaussianFactorKind.SigmaPrime, "a"), GaussianFactor.Sigma("b"),
                new GaussianFactor(GaussianFactorKind.Fluctuation, "b", "a")], l);
            Assert.That(g.ToString(), Is.EqualTo("<sigma_b sigma'_a (z_a z_b - K^(l)_{a b})>_{K^(l)}"));
            Assert.That(g.ToLatex(), Is.EqualTo("\\langle \\sigma_{\\beta} \\sigma'_{\\alpha} \\left(z_{\\alpha} z_{\\beta} - K^{(\\ell)}_{\\alpha \\beta}\\right) \\rangle_{K^{(\\ell)}}"));
        });
    }
}
