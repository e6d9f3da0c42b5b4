using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Correlators;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Engine;

/// <summary>Chapter 4 of the mlp model derived by Gaussian integration by parts: (4.115), (4.118)–(4.120), (4.77).</summary>
public class Chapter4Tests
{
    private static readonly Layer L = Layer.L;
    private static Polynomial P(Symbol s) => Polynomial.Var(s);
    private static readonly Polynomial CW = P(Symbol.CW);
    private static readonly Polynomial Cb = P(Symbol.Cb);
    private static Polynomial K(string a, string b, Layer? l = null) => P(Symbol.Kernel(l ?? L, a, b));
    private static Polynomial V(string a, string b, string c, string d, Layer? l = null) => P(Symbol.Vertex(l ?? L, [(a, b), (c, d)]));
    private static Polynomial N(Layer l) => P(Symbol.Width(l));
    private static Polynomial Over(Layer l) => Polynomial.FromMonomial(Monomial.Of(Symbol.Width(l)).Pow(-1));
    private static Polynomial G(Layer l, params (int Order, string Sample)[] factors) =>
        P(Symbol.Gaussian(new GaussianBody(factors.Select(f => new NeuronFactor(0, f.Sample, f.Order).ToBodyFactor())), l));

    [Test]
    public void Kernel_is_the_order_one_part_of_the_metric_4_118()
    {
        var r = MlpRecursions.Kernel("a1", "a2", L.Next);
        Assert.That(r.Step, Is.EqualTo(Cb + CW * G(L, (0, "a1"), (0, "a2"))));
    }

    [Test]
    public void Vertex_derivative_form_is_4_119_with_lowered_V_and_second_derivatives()
    {
        var r = MlpRecursions.Vertex("a1", "a2", "a3", "a4", L.Next);
        // ⟨∂_x∂_y(σ_1σ_2)⟩ summed with V over ordered factor pairs: σ''σ, σ'σ' (twice), σσ''.
        var expectedV = Polynomial.Zero;
        foreach (var (x, y, cxy) in Slots("a1", "a2"))
        foreach (var (u, v, cuv) in Slots("a3", "a4"))
            expectedV += cxy * cuv * V(x, y, u, v);
        var local = CW.Pow(2) * (G(L, (0, "a1"), (0, "a2"), (0, "a3"), (0, "a4")) - G(L, (0, "a1"), (0, "a2")) * G(L, (0, "a3"), (0, "a4")));
        var expected = local + Rational.One / 4 * CW.Pow(2) * N(L) * Over(L.Previous) * expectedV;
        Assert.That(r.Step, Is.EqualTo(expected));
    }

    /// <summary>(x, y, ⟨∂_x∂_y σ_aσ_b⟩) over ordered factor pairs.</summary>
    private static IEnumerable<(string, string, Polynomial)> Slots(string a, string b)
    {
        yield return (a, a, G(L, (2, a), (0, b)));
        yield return (a, b, G(L, (1, a), (1, b)));
        yield return (b, a, G(L, (1, a), (1, b)));
        yield return (b, b, G(L, (0, a), (2, b)));
    }

    [Test]
    public void Raised_form_is_recognised_with_coefficient_one_quarter_and_contracts_back()
    {
        var r = MlpRecursions.Vertex("a1", "a2", "a3", "a4", L.Next);
        var form = MlpRecursions.RaisedVertexForm(r);
        Assert.That(form.Coefficient, Is.EqualTo(Rational.One / 4 * CW.Pow(2) * N(L) * Over(L.Previous)));
        Assert.That(form.Contracted(), Is.EqualTo(r.Step));
        Assert.That(form.ToString(), Does.Contain("sum_{b1,b2,b3,b4}").And.Contain("(z_b1 z_b2 - K^(l)_{b1 b2})"));
        // The transcription's lowered vertex inside the sum (README misprint) contracts to something else.
        var lowered = form with { Summand = form.Summand.MapSymbols(s => s.Kind == AtomKind.RaisedVertex ? Symbol.Vertex(s.Layer!.Value, s.IndexPairs) : s) };
        Assert.That(lowered.Contracted() - r.Step, Is.Not.EqualTo(Polynomial.Zero));
    }

    [Test]
    public void Linear_activation_reproduces_the_deep_linear_vertex_at_leading_order()
    {
        var act = PolynomialActivation.Linear;
        var r = MlpRecursions.Vertex("a1", "a2", "a3", "a4", L.Next, act);
        var expected = CW.Pow(2) * (K("a1", "a3") * K("a2", "a4") + K("a1", "a4") * K("a2", "a3")) + CW.Pow(2) * N(L) * Over(L.Previous) * V("a1", "a2", "a3", "a4");
        Assert.That(r.Step, Is.EqualTo(expected));
        var deep = DeepLinear.Vertex([("a1", "a2"), ("a3", "a4")], bias: true).Step.TruncateWidthOrder(0);
        Assert.That(r.Step, Is.EqualTo(deep));
        Assert.That(MlpRecursions.Kernel("a1", "a2", L.Next, act).Step, Is.EqualTo(DeepLinear.Vertex([("a1", "a2")], bias: true).Step));
    }

    [Test]
    public void Linear_activation_has_no_nlo_metric_but_a_symbolic_one_does()
    {
        // σ = z: the V terms vanish (σ'' = 0), the recursion is homogeneous, G1^(1) = 0 (Gaussian layer) so G1 = 0 throughout.
        var linear = MlpRecursions.NloMetric("a1", "a2", L.Next, PolynomialActivation.Linear);
        Assert.That(linear.Step, Is.EqualTo(CW * N(L) * Over(L.Previous) * P(Symbol.NloMetric(L, "a1", "a2"))));
        Assert.That(MlpRecursions.NloMetric("a1", "a2", Layer.Concrete(2), PolynomialActivation.Linear).Step, Is.EqualTo(Polynomial.Zero));
        var sym = MlpRecursions.NloMetric("a1", "a2", L.Next);
        Assert.That(sym.Step.Symbols.Any(s => s.Kind == AtomKind.NloMetric), Is.True);
        Assert.That(sym.Step.Symbols.Any(s => s.Kind == AtomKind.Vertex), Is.True);
        Assert.That(sym.Step.Symbols.Contains(Symbol.Width(L)) && sym.Step.Symbols.Contains(Symbol.Width(L.Previous)), Is.True);
    }

    [Test]
    public void Relu_single_input_vertex_is_5_117()
    {
        var r = MlpRecursions.Vertex("a", "a", "a", "a", L.Next, ReluActivation.Instance);
        var expected = Rational.Create(5, 4) * CW.Pow(2) * K("a", "a").Pow(2) + Rational.One / 4 * CW.Pow(2) * N(L) * Over(L.Previous) * V("a", "a", "a", "a");
        Assert.That(r.Step, Is.EqualTo(expected));
        Assert.That(MlpRecursions.Kernel("a", "a", L.Next, ReluActivation.Instance).Step, Is.EqualTo(Cb + Rational.One / 2 * CW * K("a", "a")));
    }

    [Test]
    public void Layer_two_is_exact_and_layer_one_has_no_vertex()
    {
        var two = Layer.Concrete(2);
        var c = MlpRecursions.CorrelatorFromBelow([new("i1", "a1"), new("i2", "a2")], two);
        Assert.That(c.Remainder, Is.Null);
        Assert.That(MlpRecursions.CorrelatorFromBelow([new("i1", "a1"), new("i2", "a2")], L.Next).Remainder, Is.EqualTo(2));
        Assert.That(MlpRecursions.Vertex("a1", "a2", "a3", "a4", Layer.Concrete(1)).Step, Is.EqualTo(Polynomial.Zero));
        var v2 = MlpRecursions.Vertex("a1", "a2", "a3", "a4", two).Step;
        var one = Layer.Concrete(1);
        Assert.That(v2, Is.EqualTo(CW.Pow(2) * (G(one, (0, "a1"), (0, "a2"), (0, "a3"), (0, "a4")) - G(one, (0, "a1"), (0, "a2")) * G(one, (0, "a3"), (0, "a4")))));
        Assert.That(MlpRecursions.NloMetric("a1", "a2", two).Step, Is.EqualTo(Polynomial.Zero));
    }

    [Test]
    public void Connected_four_point_is_V_over_n_on_each_pairing_4_77()
    {
        var pts = new List<FieldPoint> { new("i1", "a1"), new("i2", "a2"), new("i3", "a3"), new("i4", "a4") };
        var c = MlpRecursions.ConnectedFourPoint(pts, L.Next);
        foreach (var (p, q) in new[] { ((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2)) })
        {
            var d = DeltaProduct.FromPairs([(pts[p.Item1].Neural, pts[p.Item2].Neural), (pts[q.Item1].Neural, pts[q.Item2].Neural)]);
            var v = MlpRecursions.Vertex(pts[p.Item1].Sample!, pts[p.Item2].Sample!, pts[q.Item1].Sample!, pts[q.Item2].Sample!, L.Next).Step;
            Assert.That(c.CoefficientOf(d), Is.EqualTo(v * Over(L)), d.ToString());
        }
    }

    [Test]
    public void Stein_normal_form_agrees_with_direct_isserlis_for_polynomial_activations()
    {
        // σ(z) = 1 + z + z²/2 − z³: ⟨σ_a σ_b (z_c z_d − K_cd)⟩ through Stein then Isserlis, against Isserlis on the expanded integrand.
        var act = new PolynomialActivation("poly", [1, 1, Rational.One / 2, -1]);
        var atom = MlpRecursions.CentredSigmaSigma("a", "b", "c", "d", L);
        var viaStein = new GaussianReducer(L, act).Normalize(atom);
        var direct = Polynomial.Zero;
        var cs = act.Coefficients;
        for (int i = 0; i < cs.Count; i++)
        for (int j = 0; j < cs.Count; j++)
        {
            var zs = Enumerable.Repeat("a", i).Concat(Enumerable.Repeat("b", j)).ToList();
            direct += cs[i] * cs[j] * (PolynomialActivation.Isserlis([.. zs, "c", "d"], L) - K("c", "d") * PolynomialActivation.Isserlis(zs, L));
        }
        Assert.That(viaStein, Is.EqualTo(direct));
        Assert.That(viaStein.IsZero, Is.False);
    }

    [Test]
    public void Price_identity_5_50_single_input()
    {
        // ⟨σσ(z² − K)⟩ = 2K² ⟨(σσ)''⟩/2 = K² (2⟨σ'σ'⟩ + 2⟨σσ''⟩) by two integrations by parts.
        var atom = MlpRecursions.CentredSigmaSigma("a", "a", "a", "a", L);
        var nf = new GaussianReducer(L).Normalize(atom);
        Assert.That(nf, Is.EqualTo(K("a", "a").Pow(2) * (2 * G(L, (1, "a"), (1, "a")) + 2 * G(L, (0, "a"), (2, "a")))));
    }

    [Test]
    public void Book_form_of_4_115_contracts_to_the_derived_nlo_metric()
    {
        // C_W n_l/n_{l-1} Σ_β [½ K^{b1b3}K^{b2b4}G1_{b3b4}⟨σσ(z_b1 z_b2 − K)⟩ + ⅛ V^{(b1b2)(b3b4)}⟨σσ(zz−K)(zz−K)⟩
        //                      + ¼ V^{(b1b3)(b2b4)} K_{b3b4} ⟨σσ(−2 z_b1 z_b2 + K_b1b2)⟩]   (4.115)
        Polynomial Inv(string a, string b) => P(Symbol.InverseKernel(L, a, b));
        Polynomial Raised(string a, string b, string c, string d) => P(Symbol.Vertex(L, [(a, b), (c, d)], raised: true));
        Polynomial Centred(string b1, string b2) => P(MlpRecursions.CentredSigmaSigma("a1", "a2", b1, b2, L));
        var twice = P(Symbol.Gaussian(new GaussianBody([GaussianFactor.Sigma("a1"), GaussianFactor.Sigma("a2"),
            new GaussianFactor(GaussianFactorKind.Fluctuation, "b1", "b2"), new GaussianFactor(GaussianFactorKind.Fluctuation, "b3", "b4")]), L));
        var ss = P(Symbol.Gaussian(new GaussianBody([GaussianFactor.Sigma("a1"), GaussianFactor.Sigma("a2")]), L));
        var bracket = Rational.One / 2 * Inv("b1", "b3") * Inv("b2", "b4") * P(Symbol.NloMetric(L, "b3", "b4")) * Centred("b1", "b2")
            + Rational.One / 8 * Raised("b1", "b2", "b3", "b4") * twice
            + Rational.One / 4 * Raised("b1", "b3", "b2", "b4") * K("b3", "b4") * (-2 * Centred("b1", "b2") - K("b1", "b2") * ss);
        var book = CW * N(L) * Over(L.Previous) * SampleSums.Sum(GaussianReducer.NormalizeAll(bracket), ["b1", "b2", "b3", "b4"]);
        Assert.That(book, Is.EqualTo(MlpRecursions.NloMetric("a1", "a2", L.Next).Step));
        // One coefficient changed (⅛ → ¼) no longer matches.
        var wrong = book + CW * N(L) * Over(L.Previous) * SampleSums.Sum(GaussianReducer.NormalizeAll(Rational.One / 8 * Raised("b1", "b2", "b3", "b4") * twice), ["b1", "b2", "b3", "b4"]);
        Assert.That(wrong, Is.Not.EqualTo(MlpRecursions.NloMetric("a1", "a2", L.Next).Step));
    }
}
