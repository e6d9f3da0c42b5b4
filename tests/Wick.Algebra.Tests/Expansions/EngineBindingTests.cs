using Wick.Algebra;
using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Expansions;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Expansions;

/// <summary>The expansions driven by the engine's own derived recursions and correlators.</summary>
public class EngineBindingTests
{
    private static readonly Symbol Nl = Symbol.Width(Layer.L);
    private static Polynomial P(Symbol s) => Polynomial.Var(s);
    private static List<FieldPoint> Points(int k, params string?[] samples) =>
        Enumerable.Range(1, k).Select(i => new FieldPoint($"i{i}", samples.Length == 0 ? null : samples[(i - 1) % samples.Length])).ToList();

    private static TensorPolynomial EngineMoment(IReadOnlyList<FieldPoint> block, Layer layer) =>
        block.Count % 2 == 1 ? TensorPolynomial.Zero : DeepLinear.Correlator(block, layer);

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Engine_connected_single_input_equals_pairing_times_moebius_scalar_and_brute_force(int m)
    {
        var pts = Points(2 * m);
        var ec = CorrelatorExpansion.Connected(pts, Layer.L);
        Assert.That(ec.PairingScalar, Is.EqualTo(PairingConnected.Scalar(m, Layer.L)));
        Assert.That(ConnectedCorrelator.BySubtraction(pts, b => EngineMoment(b, Layer.L)), Is.EqualTo(ec.Tensor));
        var viaPairing = CorrelatorExpansion.Connected(pts, Layer.L, ConnectedMethod.Pairing);
        Assert.That(viaPairing.Tensor, Is.EqualTo(ec.Tensor), "pairing route = tensor route");
        if (m == 2) Assert.That(ec.PairingScalar, Is.EqualTo(P(DeepLinear.G(4, Layer.L)) - P(DeepLinear.G(2, Layer.L)).Pow(2)));   // (3.29)
    }

    [Test]
    public void Engine_connected_multi_input_four_point_agrees_with_brute_force()
    {
        var pts = Points(4, "a1", "a2");
        var ec = CorrelatorExpansion.Connected(pts, Layer.L);
        Assert.That(ConnectedCorrelator.BySubtraction(pts, b => EngineMoment(b, Layer.L)), Is.EqualTo(ec.Tensor));
        Assert.That(ec.Tensor.IsZero, Is.False, "finite width: a connected four-point vertex");
        Assert.That(ec.Tensor.Terms.SelectMany(t => t.Coefficient.Symbols).Any(s => s.Kind == AtomKind.Vertex), Is.True, ec.Tensor.ToString());
    }

    [Test]
    public void Engine_steps_give_the_running_base_c_2m()
    {
        var sol = DeepLinearSolutions.FromEngine();
        var invN = P(Nl).Pow(-1);
        Assert.That(sol.Base(2), Is.EqualTo(1 + 2 * invN));
        Assert.That(sol.Base(3), Is.EqualTo(1 + 6 * invN + 8 * invN.Pow(2)));                             // (3.42)
        Assert.That(DeepLinearSolutions.FromEngine(normalization: TwoPointNormalization.FirstLayer).Base(2), Is.EqualTo((1 + 2 * invN) * P(DeepLinear.CW).Pow(2)));
    }

    [Test]
    public void Fluctuation_from_engine_correlators_3_33()
    {
        var variance = Fluctuations.MeanSquareVariance(idx => DeepLinear.Correlator(idx.Select(i => new FieldPoint(i)).ToList(), Layer.L), P(Nl));
        var g2 = P(DeepLinear.G(2, Layer.L));
        Assert.That(variance, Is.EqualTo((1 + 2 * P(Nl).Pow(-1)) * P(DeepLinear.G(4, Layer.L)) - g2.Pow(2)));
        var res = CorrelatorExpansion.Expand(variance, new ExpansionOptions
        { Order = 1, Substitutions = new Dictionary<Symbol, Polynomial> { [DeepLinear.CW] = 1 } });
        Assert.That(res.WidthSeries!.ToPolynomial(), Is.EqualTo(2 * P(Symbol.Plain("l")) * P(Nl).Pow(-1) * g2.Pow(2)));
        Assert.That(res.WidthSeries.ToString(), Does.Contain("O(1/n_l^2)"));
    }

    [TestCase(TwoPointNormalization.Running)]
    [TestCase(TwoPointNormalization.FirstLayer)]
    public void Six_point_double_scaling_from_engine_3_57(TwoPointNormalization norm)
    {
        var layer = Layer.Symbolic("L");
        var ec = CorrelatorExpansion.Connected(Points(6), layer);
        var res = CorrelatorExpansion.Expand(ec.PairingScalar!, new ExpansionOptions
        {
            Limit = ExpansionLimit.DoubleScaling, Order = 3, Normalization = norm,
            Substitutions = new Dictionary<Symbol, Polynomial> { [DeepLinear.CW] = 1 },
        });
        var g = P(norm == TwoPointNormalization.Running ? DeepLinear.G(2, layer) : DeepLinear.G(2, Layer.Concrete(1))).Pow(3);
        var r = P(ExponentialPolynomial.R);
        Assert.That(res.RSeries, Is.EqualTo(12 * r.Pow(2) * g + 32 * r.Pow(3) * g));
        Assert.That(res.ToString(), Does.Contain("series in r"));
    }

    [Test]
    public void First_layer_form_refuses_double_scaling_away_from_criticality()
    {
        var ec = CorrelatorExpansion.Connected(Points(4), Layer.Symbolic("L"));
        Assert.That(() => CorrelatorExpansion.Expand(ec.PairingScalar!, new ExpansionOptions
        { Limit = ExpansionLimit.DoubleScaling, Normalization = TwoPointNormalization.FirstLayer }),
            Throws.ArgumentException.With.Message.Contains("criticality"));
    }

    [Test]
    public void Solution_agrees_with_engine_solution_at_concrete_depths()
    {
        // The DepthSolution of G6 at depth 1..6 equals the engine's recursion iterated (exact).
        var sol = DeepLinearSolutions.FromEngine(normalization: TwoPointNormalization.FirstLayer).G(3, Layer.L);
        var rec = DeepLinear.SingleInput(3);
        var value = P(DeepLinear.G(2, Layer.Concrete(1))).Pow(3);
        for (int depth = 1; depth <= 6; depth++)
        {
            Assert.That(sol.AtDepth(depth), Is.EqualTo(value), $"depth {depth}");
            value = rec.Step.Substitute(DeepLinear.G(6, Layer.L), value);
        }
    }

    [Test]
    public void Per_layer_widths_at_concrete_depth()
    {
        // Π_{l'=1}^{3} c_6(n_{l'}) through 1/n: 1 + 6 Σ 1/n_{l'}; through 1/n²: + 8 Σ 1/n² + 36 Σ_{a<b} 1/(n_a n_b).
        var c6 = DeepLinear.SingleInput(3).WidthFactor!;
        Symbol W(int l) => Symbol.Width(Layer.Concrete(l));
        var product = WidthExpansion.PerLayer(c6, Nl, 1, 3, W);
        var inv = (int l) => P(W(l)).Pow(-1);
        Assert.That(WidthExpansion.Expand(product, 1), Is.EqualTo(1 + 6 * (inv(1) + inv(2) + inv(3))));
        var second = WidthExpansion.Expand(product, 2) - WidthExpansion.Expand(product, 1);
        Assert.That(second, Is.EqualTo(8 * (inv(1).Pow(2) + inv(2).Pow(2) + inv(3).Pow(2)) + 36 * (inv(1) * inv(2) + inv(1) * inv(3) + inv(2) * inv(3))));
    }

    [Test]
    public void Asymptotic_checks_of_book_statements()
    {
        var l = Symbol.Plain("l");
        Polynomial G(int k, Layer layer) => P(DeepLinear.G(k, layer));
        var cw1 = new ExpansionOptions { Substitutions = new Dictionary<Symbol, Polynomial> { [DeepLinear.CW] = 1 } };
        // (3.28): G4 − G2² = 2(l−1)/n G2² + O(1/n²)
        var lhs = G(4, Layer.L) - G(2, Layer.L).Pow(2);
        Assert.That(AsymptoticCheck.CompareCorrelators(lhs, 2 * (P(l) - 1) * P(Nl).Pow(-1) * G(2, Layer.L).Pow(2), AsymptoticOrder.InverseWidth(2), cw1).Holds, Is.True);
        var wrong = AsymptoticCheck.CompareCorrelators(lhs, 2 * P(l) * P(Nl).Pow(-1) * G(2, Layer.L).Pow(2), AsymptoticOrder.InverseWidth(2), cw1);
        Assert.That(wrong.Holds, Is.False);
        Assert.That(wrong.ToString(), Does.Contain("-2 (G2^(l))^2/n_l"));
        // (3.57): G6 − 3 G2 G4 + 2 G2³ = 12 r² G2³ + O(r³) at layer L; and not + O(r⁴).
        var L = Layer.Symbolic("L");
        var six = G(6, L) - 3 * G(2, L) * G(4, L) + 2 * G(2, L).Pow(3);
        var r = P(ExponentialPolynomial.R);
        Assert.That(AsymptoticCheck.CompareCorrelators(six, 12 * r.Pow(2) * G(2, L).Pow(3), AsymptoticOrder.PowerOf(ExponentialPolynomial.R, 3), cw1).Holds, Is.True);
        var miss = AsymptoticCheck.CompareCorrelators(six, 12 * r.Pow(2) * G(2, L).Pow(3), AsymptoticOrder.PowerOf(ExponentialPolynomial.R, 4), cw1);
        Assert.That(miss.Holds, Is.False);
        Assert.That(miss.Difference.Terms.Single().Amplitude, Is.EqualTo(32 * r.Pow(3) * G(2, L).Pow(3)));
    }
}
