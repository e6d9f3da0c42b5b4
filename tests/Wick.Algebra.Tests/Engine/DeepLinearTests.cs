using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

public class DeepLinearTests
{
    private static readonly Symbol N = Symbol.N;
    private static readonly Symbol Nl = Symbol.Width(Layer.L);
    private static readonly Symbol Nlm1 = Symbol.Width(Layer.L.Previous);
    private static Polynomial V(Symbol s) => Polynomial.Var(s);
    private static Polynomial Inv(Symbol s, int k = 1) => Polynomial.FromMonomial(Monomial.Of(s, -k));
    private static readonly Polynomial CW = V(Symbol.CW);
    private static readonly Polynomial Cb = V(Symbol.Cb);

    private static Polynomial K(Layer l, string a, string b) => V(Symbol.Kernel(l, a, b));
    private static Polynomial Vx(Layer l, params string[] a) => V(Symbol.Vertex(l, Enumerable.Range(0, a.Length / 2).Select(k => (a[2 * k], a[2 * k + 1])).ToList()));

    [Test]
    public void C2m_hand_values()
    {
        Assert.That(DeepLinear.C2m(1, N), Is.EqualTo(Polynomial.One));
        Assert.That(DeepLinear.C2m(2, N), Is.EqualTo(1 + 2 * Inv(N)));
        Assert.That(DeepLinear.C2m(3, N), Is.EqualTo(1 + 6 * Inv(N) + 8 * Inv(N, 2)));
        Assert.That(DeepLinear.C2m(4, N), Is.EqualTo(1 + 12 * Inv(N) + 44 * Inv(N, 2) + 48 * Inv(N, 3)));
    }

    [TestCase(2)] [TestCase(3)] [TestCase(4)] [TestCase(5)] [TestCase(6)] [TestCase(7)] [TestCase(8)]
    public void C2m_times_n_to_the_m_is_the_rising_product(int m)
    {
        var rising = Polynomial.One;
        for (int k = 0; k < m; k++) rising *= V(N) + 2 * k;
        Assert.That(DeepLinear.C2m(m, N) * V(N).Pow(m), Is.EqualTo(rising));
    }

    [TestCase(2)] [TestCase(3)] [TestCase(4)] [TestCase(5)] [TestCase(6)]
    public void Brute_force_and_pattern_mode_derive_the_same_recursion(int m)
    {
        foreach (bool bias in new[] { false, true })
            Assert.That(DeepLinear.SingleInput(m, bias, PairingMode.BruteForce).Step,
                Is.EqualTo(DeepLinear.SingleInput(m, bias, PairingMode.Pattern).Step), $"bias={bias}");
    }

    [Test]
    public void C2m_factors_into_one_plus_2k_over_n()
    {
        var r = DeepLinear.SingleInput(4);
        var f = r.WidthFactorProduct!;
        Assert.That(f.Expand(), Is.EqualTo(r.WidthFactor));
        Assert.That(f.Factors, Has.Count.EqualTo(3));
        var expected = new[] { 2, 4, 6 }.Select(k => 1 + k * Inv(Nl)).ToHashSet();
        Assert.That(f.Constant, Is.EqualTo(Rational.One));
        Assert.That(f.Factors.Select(x => x.Multiplicity), Is.All.EqualTo(1));
        Assert.That(f.Factors.Select(x => x.Factor).ToHashSet().SetEquals(expected), Is.True, string.Join(", ", f.Factors.Select(x => x.Factor)));
    }

    [Test]
    public void G4_recursion_with_bias_mixes_lower_orders()
    {
        var step = DeepLinear.SingleInput(2, bias: true).Step;
        var g4 = V(DeepLinear.G(4, Layer.L)); var g2 = V(DeepLinear.G(2, Layer.L));
        // S = ∅: C_W²(1+2/n) G4; |S| = 1 (2 ways): C_b C_W G2; |S| = 2: C_b².
        Assert.That(step, Is.EqualTo(CW.Pow(2) * (1 + 2 * Inv(Nl)) * g4 + 2 * Cb * CW * g2 + Cb.Pow(2)));
    }

    [Test]
    public void Metric_recursion_with_bias()
    {
        var r = DeepLinear.Vertex([("a1", "a2")], bias: true);
        Assert.That(r.Target, Is.EqualTo(Symbol.Kernel(Layer.L.Next, "a1", "a2")));
        Assert.That(r.Step, Is.EqualTo(Cb + CW * K(Layer.L, "a1", "a2")));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Four_point_vertex_recursion_is_exact_and_bias_free(bool bias)
    {
        var r = DeepLinear.Vertex([("a1", "a2"), ("a3", "a4")], bias);
        var l = Layer.L;
        // Hand derivation (see DeepLinear docs): C_W²[(n_l/n_{l-1}) V_(12)(34) + K13 K24 + K14 K23 + (V_(13)(24) + V_(14)(23))/n_{l-1}]
        var expected = CW.Pow(2) * (V(Nl) * Inv(Nlm1) * Vx(l, "a1", "a2", "a3", "a4")
            + K(l, "a1", "a3") * K(l, "a2", "a4") + K(l, "a1", "a4") * K(l, "a2", "a3")
            + (Vx(l, "a1", "a3", "a2", "a4") + Vx(l, "a1", "a4", "a2", "a3")) * Inv(Nlm1));
        Assert.That(r.Step, Is.EqualTo(expected));
        // Leading order vs (4.119) with σ(z) = z: <z1z2z3z4> − <z1z2><z3z4> = K13K24 + K14K23, plus the n_l/n_{l-1} V term.
        Assert.That(r.Step.TruncateInverse(Nlm1, 0).Substitute(Nl, 0), Is.EqualTo(CW.Pow(2) * (K(l, "a1", "a3") * K(l, "a2", "a4") + K(l, "a1", "a4") * K(l, "a2", "a3"))));
    }

    [Test]
    public void Vertex_symbols_are_canonical()
    {
        Assert.That(MultiInputLayer.Vertex(Layer.L, [("a4", "a3"), ("a2", "a1")]), Is.EqualTo(Symbol.Vertex(Layer.L, [("a1", "a2"), ("a3", "a4")])));
        Assert.That(MultiInputLayer.Vertex(Layer.L, [("a2", "a1")]), Is.EqualTo(Symbol.Kernel(Layer.L, "a1", "a2")));
    }

    [Test]
    public void Multi_input_system_has_all_patterns_and_reduces_to_single_input()
    {
        var sys = DeepLinear.MultiInput(2, bias: false);
        Assert.That(sys.Recursions, Has.Count.EqualTo(3 + 6));
        // One input, no bias: G4 = K² + V/n_{l-1} at each layer must follow G4^(l+1) = C_W²(1+2/n_l) G4^(l).
        var one = DeepLinear.MultiInput(1, bias: false);
        var k = one[Symbol.Kernel(Layer.L.Next, "a1", "a1")].Step;
        var v = one[Symbol.Vertex(Layer.L.Next, [("a1", "a1"), ("a1", "a1")])].Step;
        var g4Next = k.Pow(2) + v * Inv(Nl);
        var g4 = K(Layer.L, "a1", "a1").Pow(2) + Vx(Layer.L, "a1", "a1", "a1", "a1") * Inv(Nlm1);
        Assert.That(g4Next, Is.EqualTo(CW.Pow(2) * (1 + 2 * Inv(Nl)) * g4));
    }

    [Test]
    public void Six_point_vertex_at_one_label_reproduces_the_single_input_G6_recursion()
    {
        // Two independent routes: the multi-input K/V/V6 recursions (label patterns, brute-force pairing) at
        // coincident labels, with G6 = K³ + 3 K V/n_{l-1} + V6/n_{l-1}² at every layer, against pattern-mode
        // G6^(l+1) = c_6(n_l) C_W³ G6^(l) with c_6 = 1 + 6/n + 8/n².
        var a = ("a", "a");
        var k = DeepLinear.Vertex([a], bias: false).Step;
        var v = DeepLinear.Vertex([a, a], bias: false).Step;
        var v6 = DeepLinear.Vertex([a, a, a], bias: false).Step;
        var g6Next = k.Pow(3) + 3 * k * v * Inv(Nl) + v6 * Inv(Nl, 2);
        var kl = K(Layer.L, "a", "a");
        var vl = Vx(Layer.L, "a", "a", "a", "a");
        var v6l = V(Symbol.Vertex(Layer.L, [("a", "a"), ("a", "a"), ("a", "a")]));
        var g6 = kl.Pow(3) + 3 * kl * vl * Inv(Nlm1) + v6l * Inv(Nlm1, 2);
        Assert.That(g6Next, Is.EqualTo(DeepLinear.SingleInput(3).WidthFactor! * CW.Pow(3) * g6));
        Assert.That(DeepLinear.SingleInput(3).WidthFactor, Is.EqualTo(1 + 6 * Inv(Nl) + 8 * Inv(Nl, 2)));
    }

    [Test]
    public void Six_point_structure_is_derivable_and_recognised()
    {
        var pairs = new[] { ("a1", "a2"), ("a3", "a4"), ("a5", "a6") };
        var r = DeepLinear.Vertex(pairs, bias: true);
        Assert.That((r.Target.Kind, r.Target.Indices.Count), Is.EqualTo((AtomKind.Vertex, 6)));
        // Recognition: the full six-point correlator at l+1 equals the decomposition at l+1 with every piece
        // replaced by its derived step.
        var points = pairs.SelectMany((p, k) => new[] { new FieldPoint($"i{2 * k + 1}", p.Item1), new FieldPoint($"i{2 * k + 2}", p.Item2) }).ToList();
        var above = ForwardStep.CorrelatorAbove(points, new MultiInputLayer(Layer.L), bias: true);
        var recognised = DeepLinear.Correlator(points, Layer.L.Next);
        var steps = new Dictionary<Symbol, Polynomial>();
        foreach (var t in recognised.Terms.SelectMany(t => t.Coefficient.Symbols).Distinct())
            if (t.Layer == Layer.L.Next)
                steps[t] = DeepLinear.Vertex(Enumerable.Range(0, t.Indices.Count / 2).Select(i => (t.Indices[2 * i], t.Indices[2 * i + 1])).ToList(), true).Step;
        Assert.That(recognised.Map(c => c.Substitute(steps)), Is.EqualTo(above));
        Assert.That(above.Count, Is.EqualTo(15));
        // The recognition above holds by construction of V6 (it is what the decomposition leaves). What can fail:
        // (a) V6 is O(1) — the connected six-point piece is 1/n² (the 1/n_ℓ² is pulled out), so its step has no
        //     positive power of a width;
        Assert.That(r.Step.MaxWidthDegree, Is.LessThanOrEqualTo(0), r.Step.ToString());
        // (b) at coincident labels the bias-ful K/V/V6 steps rebuild the single-input G6 recursion derived by the
        //     independent pattern-mode route, G6 = K³ + 3 K V/n_{ℓ−1} + V6/n_{ℓ−1}², G4 = K² + V/n_{ℓ−1}, G2 = K.
        var a = ("a", "a");
        var k = DeepLinear.Vertex([a], bias: true).Step;
        var v = DeepLinear.Vertex([a, a], bias: true).Step;
        var v6 = DeepLinear.Vertex([a, a, a], bias: true).Step;
        var kl = K(Layer.L, "a", "a");
        var vl = Vx(Layer.L, "a", "a", "a", "a");
        var v6l = V(Symbol.Vertex(Layer.L, [a, a, a]));
        var asLabels = new Dictionary<Symbol, Polynomial>
        {
            [Symbol.Correlator(2, Layer.L)] = kl,
            [Symbol.Correlator(4, Layer.L)] = kl.Pow(2) + vl * Inv(Nlm1),
            [Symbol.Correlator(6, Layer.L)] = kl.Pow(3) + 3 * kl * vl * Inv(Nlm1) + v6l * Inv(Nlm1, 2),
        };
        Assert.That(k.Pow(3) + 3 * k * v * Inv(Nl) + v6 * Inv(Nl, 2), Is.EqualTo(DeepLinear.SingleInput(3, bias: true).Step.Substitute(asLabels)));
    }

    [Test]
    public void First_layer_is_gaussian()
    {
        var pts = Enumerable.Range(1, 4).Select(i => new FieldPoint($"i{i}")).ToList();
        var t = DeepLinear.FirstLayer(pts);
        var g20 = V(Symbol.Correlator(2, Layer.Concrete(0)));
        var expected = TensorPolynomial.FromTerms(PairingEnumerator.Default.Enumerate(4)
            .Select(p => (DeltaProduct.FromPairs(p.Pairs.Select(x => ($"i{x.First + 1}", $"i{x.Second + 1}"))), CW.Pow(2) * g20.Pow(2))));
        Assert.That(t, Is.EqualTo(expected));
        Assert.That(t.ToString(), Is.EqualTo("(delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3}) " + (CW.Pow(2) * g20.Pow(2))));
    }

    [Test]
    public void Solution_agrees_with_iterating_the_recursion_for_random_widths()
    {
        var rng = new Random(1234);
        for (int m = 1; m <= 4; m++)
        {
            var sol = DeepLinear.SolveSingleInput(m);
            var rec = DeepLinear.SingleInput(m);
            var widths = Enumerable.Range(0, 5).Select(_ => (Rational)rng.Next(1, 50)).ToList();
            var cw = Rational.Create(rng.Next(1, 9), rng.Next(1, 9));
            var g21 = Rational.Create(rng.Next(1, 9), rng.Next(1, 9));
            var values = new Dictionary<Symbol, Rational> { [Symbol.CW] = cw, [Symbol.Correlator(2, Layer.Concrete(1))] = g21 };
            Rational g = g21.Pow(m); // first layer is Gaussian
            foreach (var n in widths)
                g = rec.Step.EvaluateRational(new Dictionary<Symbol, Rational> { [Symbol.CW] = cw, [Nl] = n, [DeepLinear.G(2 * m, Layer.L)] = g });
            Assert.That(sol.Evaluate(widths, values), Is.EqualTo(g), $"m={m}");
        }
    }

    [Test]
    public void Metric_with_bias_solution_is_a_geometric_sum()
    {
        var sol = DeepLinear.SolveLinear(DeepLinear.Vertex([("a1", "a2")], bias: true));
        var values = new Dictionary<Symbol, Rational> { [Symbol.CW] = Rational.Create(1, 2), [Symbol.Cb] = 3, [Symbol.Kernel(Layer.Concrete(1), "a1", "a2")] = 5 };
        // ℓ = 4: K = C_W³ K1 + C_b (1 + C_W + C_W²) = 5/8 + 3·7/4
        Assert.That(sol.Evaluate([7, 8, 9], values), Is.EqualTo(Rational.Create(5, 8) + Rational.Create(21, 4)));
    }
}
