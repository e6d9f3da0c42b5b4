using CsCheck;
using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Expansions;
using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;
using Index = Wick.Algebra.Syntax.Index;
using BigO = Wick.Algebra.Syntax.BigO;

namespace Wick.Algebra.Tests.Expansions;

/// <summary>
/// The evaluator behind <c>wick check</c>/<c>derive</c>: Ec[…], powers of observables inside E[…], and identities with
/// O(1/n^k) / O(r^k) remainders compared through the solved correlators. Expressions are built in C# (no parser).
/// </summary>
public class EvaluatorAsymptoticsTests
{
    private static Field Z(string i, Layer layer) => new(FieldKind.Z, layer, EquatableList.Of(Index.Neural(i, layer)), null);
    private static Expr Fields(Layer layer, params string[] indices) => Product.Of([.. indices.Select(i => (Expr)Z(i, layer))]);
    private static Expr G(int points, Layer layer) => new Quantity(QuantityKind.G, layer, points, EquatableList<Index>.Empty);
    private static Expr Sym(Symbol s) => new SymbolRef(s);
    private static readonly Dictionary<Symbol, Polynomial> Critical = new() { [DeepLinear.CW] = 1 };

    /// <summary>1/n_l Σ_j z_j z_j at a layer.</summary>
    private static Expr MeanSquare(Layer layer, string j = "j") =>
        Product.Of(new Quotient(new Number(Rational.One), Sym(Symbol.Width(layer))),
            new IndexSum(EquatableList.Of(Index.Neural(j, layer)), null, null, Fields(layer, j, j)));

    [TestCase(2, "l")]
    [TestCase(3, "l")]
    [TestCase(2, "l+1")]
    [TestCase(3, "l+1")]
    public void Ec_equals_brute_force_subtraction_of_the_evaluators_own_moments(int m, string layerText)
    {
        var layer = layerText == "l" ? Layer.L : Layer.L.Next;
        var idx = Enumerable.Range(1, 2 * m).Select(i => $"i{i}").ToList();
        var ev = new ExpressionEvaluator(bias: false);
        var ec = ev.Evaluate(new Expectation(Fields(layer, [.. idx]), Connected: true));
        var brute = ConnectedCorrelator.BySubtraction(idx, block => block.Count % 2 == 1 ? TensorPolynomial.Zero
            : ev.Evaluate(new Expectation(Fields(layer, [.. block]), Connected: false)));
        Assert.That(ec, Is.EqualTo(brute));
        Assert.That(ec.IsZero, Is.False);
    }

    [Test]
    public void Ec_with_repeated_indices_and_mixed_labels_matches_brute_force_subtraction()
    {
        // Property: for 4 or 6 fields with indices drawn (with repetition) from {i, j, k}, at layer l or l+1, the
        // evaluator's Möbius sum equals recursive subtraction of its own moments.
        Gen.Select(Gen.Int[2, 3], Gen.Int[0, 2].Array[6], Gen.Bool).Sample((m, picks, up) =>
        {
            var layer = up ? Layer.L.Next : Layer.L;
            var idx = picks.Take(2 * m).Select(p => "ijk"[p].ToString()).ToList();
            var ev = new ExpressionEvaluator(bias: false);
            var fields = idx.Select(i => (Expr)Z(i, layer)).ToList();
            var ec = ev.Evaluate(new Expectation(Product.Of([.. fields]), Connected: true));
            var brute = ConnectedCorrelator.BySubtraction(fields, block => block.Count % 2 == 1 ? TensorPolynomial.Zero
                : ev.Evaluate(new Expectation(Product.Of([.. block]), Connected: false)));
            return ec.Equals(brute);
        }, iter: 40);
    }

    [Test]
    public void Ec_four_point_is_pairing_times_G4_minus_G2_squared()   // (3.29)
    {
        var idx = new[] { "i1", "i2", "i3", "i4" };
        var ec = new ExpressionEvaluator(false).Evaluate(new Expectation(Fields(Layer.L, idx), true));
        Assert.That(ConnectedCorrelator.TryFactorPairing(ec, idx, out var s), Is.True);
        Assert.That(s, Is.EqualTo(Polynomial.Var(DeepLinear.G(4, Layer.L)) - Polynomial.Var(DeepLinear.G(2, Layer.L)).Pow(2)));
    }

    [Test]
    public void Ec_ten_points_takes_the_pairing_route_and_agrees_with_the_moebius_scalar()
    {
        var idx = Enumerable.Range(1, 10).Select(i => $"i{i}").ToArray();
        var ec = new ExpressionEvaluator(false).Evaluate(new Expectation(Fields(Layer.L, idx), true));
        Assert.That(ConnectedCorrelator.TryFactorPairing(ec, idx, out var s), Is.True);
        Assert.That(s, Is.EqualTo(PairingConnected.Scalar(5, Layer.L)));
    }

    [Test]
    public void Odd_connected_correlator_vanishes() =>
        Assert.That(new ExpressionEvaluator(false).Evaluate(new Expectation(Fields(Layer.L, "i1", "i2", "i3"), true)).IsZero, Is.True);

    [Test]
    public void Power_of_an_observable_renames_its_dummy_indices_apart()
    {
        // E[(1/n Σ_j z_j z_j)^2] = 1/n² E[Σ_j Σ_k z_j z_j z_k z_k]: the power must not identify j with itself.
        var ev = new ExpressionEvaluator(false);
        var viaPower = ev.Evaluate(new Expectation(new Power(MeanSquare(Layer.L), 2), false));
        var viaProduct = ev.Evaluate(new Expectation(Product.Of(MeanSquare(Layer.L, "j"), MeanSquare(Layer.L, "k")), false));
        Assert.That(viaPower, Is.EqualTo(viaProduct));
        var n = Polynomial.Var(Symbol.Width(Layer.L));
        Assert.That(viaPower, Is.EqualTo((TensorPolynomial)((1 + 2 * n.Pow(-1)) * Polynomial.Var(DeepLinear.G(4, Layer.L)))));
    }

    [Test]
    public void Fluctuation_through_the_evaluator_equals_the_library_and_expands_to_2l_over_n()   // (3.33)
    {
        var expr = Sum.Of(new Expectation(new Power(MeanSquare(Layer.L), 2), false),
            new Negate(new Power(new Expectation(MeanSquare(Layer.L), false), 2)));
        Assert.That(new ExpressionEvaluator(false).Evaluate(expr).TryGetScalar(out var value), Is.True);
        var nl = Polynomial.Var(Symbol.Width(Layer.L));
        var library = Fluctuations.MeanSquareVariance(ix => DeepLinear.Correlator(ix.Select(i => new FieldPoint(i)).ToList(), Layer.L), nl);
        Assert.That(value, Is.EqualTo(library));
        var series = CorrelatorExpansion.Expand(value, new ExpansionOptions { Substitutions = Critical, Order = 1 }).WidthSeries!;
        var g2 = Polynomial.Var(DeepLinear.G(2, Layer.L));
        Assert.That(series.ToPolynomial(), Is.EqualTo(2 * Polynomial.Var(Symbol.Plain("l")) * nl.Pow(-1) * g2.Pow(2)));
    }

    private static CheckResult Check(Expr lhs, Expr rhs, Expr? scale, IReadOnlyDictionary<Symbol, Polynomial>? settings = null) =>
        IdentityChecker.Check(new Identity(lhs, rhs, scale is null ? null : new BigO(scale)), bias: false, settings);

    private static Expr Connected4(Layer layer) => Sum.Of(G(4, layer), new Negate(new Power(G(2, layer), 2)));

    [TestCase(2, true)]
    [TestCase(3, false)]
    public void O_r_remainder_compares_the_double_scaling_series(int coefficient, bool holds)
    {
        // G4 − G2² = (e^{2r} − 1) G2² = 2 r G2² + O(r²) at criticality, r = L/n.
        var L = Layer.Symbolic("L");
        var r = Sym(ExponentialPolynomial.R);
        var result = Check(Connected4(L), Product.Of(new Number(coefficient), r, new Power(G(2, L), 2)), new Power(r, 2), Critical);
        Assert.That(result.Holds, Is.EqualTo(holds), result.DifferenceText);
        Assert.That(result.Remainder, Is.EqualTo(AsymptoticOrder.PowerOf(ExponentialPolynomial.R, 2)));
        if (!holds) Assert.That(result.DifferenceText, Does.Contain("r"));
    }

    [Test]
    public void O_r_remainder_accepts_the_depth_written_as_L_over_n_and_the_same_as_r()
    {
        var L = Layer.Symbolic("L");
        var n = Sym(Symbol.N);
        var rhs = Product.Of(new Number(2), new Quotient(Sym(Symbol.Plain("L")), n), new Power(G(2, L), 2));
        Assert.That(Check(Connected4(L), rhs, new Power(Sym(ExponentialPolynomial.R), 2), Critical).Holds, Is.True);
    }

    [TestCase("l-1", true)]
    [TestCase("l", false)]
    public void O_one_over_n_squared_through_the_solutions_reproduces_3_28(string numerator, bool holds)
    {
        // (3.28): G4 − G2² = 2(l−1)/n G2² + O(1/n²), not 2l/n.
        var l = Sym(Symbol.Plain("l"));
        Expr depth = numerator == "l" ? l : Sum.Of(l, new Negate(new Number(1)));
        var nl = Sym(Symbol.Width(Layer.L));
        var rhs = Product.Of(new Number(2), new Quotient(depth, nl), new Power(G(2, Layer.L), 2));
        var result = Check(Connected4(Layer.L), rhs, new Quotient(new Number(1), new Power(nl, 2)), Critical);
        Assert.That(result.Holds, Is.EqualTo(holds), result.DifferenceText);
        Assert.That(result.SolvedDifference, Is.Not.Null);
    }

    [Test]
    public void Fixed_layer_truncation_still_decides_when_it_suffices()
    {
        // G6^(l+1) = C_W^3 G6^(l) + O(1/n_l) holds at fixed layer quantities without solving.
        var nl = Sym(Symbol.Width(Layer.L));
        var result = Check(G(6, Layer.L.Next), Product.Of(new Power(Sym(DeepLinear.CW), 3), G(6, Layer.L)), new Quotient(new Number(1), nl));
        Assert.That(result.Holds, Is.True);
        Assert.That(result.SolvedDifference, Is.Null);
    }

    [Test]
    public void A_remainder_in_an_unknown_scale_is_rejected() =>
        Assert.That(() => Check(G(4, Layer.L), new Power(G(2, Layer.L), 2), Sym(Symbol.Plain("x"))), Throws.InstanceOf<ArgumentException>());
}
