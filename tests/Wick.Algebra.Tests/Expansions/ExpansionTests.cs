using CsCheck;
using Wick.Algebra;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Expansions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Tests.Expansions;

public class ExpansionTests
{
    private static readonly Symbol N = Symbol.Width(Layer.L);
    private static readonly Symbol L = Symbol.Plain("l");
    private static readonly Symbol Cw = Symbol.CW;
    private static readonly Symbol R = Symbol.R;
    private static Polynomial P(Symbol s) => Polynomial.Var(s);
    private static Polynomial InvN => P(N).Pow(-1);
    private static Polynomial G2 => P(Symbol.Correlator(2, Layer.L));

    // Test input standing in for the engine's step c_{2m}(n) C_W^m (the product code receives it from the engine;
    // EngineBindingTests checks the engine's own). Closed form (3.46) as the expectation source.
    private static Polynomial StepClosedForm(int m)
    {
        var c = Polynomial.One;
        for (int k = 1; k < m; k++) c *= 1 + 2 * k * InvN;
        return c * P(Cw).Pow(m);
    }

    private static DeepLinearSolutions Solutions(TwoPointNormalization norm = TwoPointNormalization.Running) => new(StepClosedForm, N, N, norm);

    private static TensorPolynomial Moment(IReadOnlyList<string> block) =>
        block.Count % 2 == 1 ? TensorPolynomial.Zero
        : ConnectedCorrelator.PairingTensor(block) * P(PairingConnected.G(block.Count / 2, Layer.L));

    [TestCase(2, "-(G2^(l))^2 + G4^(l)")]
    [TestCase(3, "2 (G2^(l))^3 - 3 G2^(l) G4^(l) + G6^(l)")]
    public void Connected_single_input_is_pairing_tensor_times_scalar(int m, string expected)
    {
        var idx = Enumerable.Range(1, 2 * m).Select(i => $"i{i}").ToList();
        var ec = ConnectedCorrelator.Of(idx, Moment);
        Assert.That(ConnectedCorrelator.TryFactorPairing(ec, idx, out var scalar), Is.True);
        Assert.That(scalar, Is.EqualTo(PairingConnected.Scalar(m, Layer.L)));
        var g = (int k) => P(PairingConnected.G(k, Layer.L));
        var closed = m == 2 ? g(2) - g(1).Pow(2) : g(3) - 3 * g(1) * g(2) + 2 * g(1).Pow(3);   // (3.29), (3.57)
        Assert.That(scalar, Is.EqualTo(closed));
        Assert.That(scalar!.ToString(), Is.EqualTo(expected), "the canonical printing of (3.29), (3.57)");
        Assert.That(ConnectedCorrelator.BySubtraction(idx, Moment), Is.EqualTo(ec), "brute-force subtraction agrees");
    }

    [Test]
    public void Connected_eight_point_tensor_route_equals_fast_scalar()
    {
        var idx = Enumerable.Range(1, 8).Select(i => $"i{i}").ToList();
        var ec = ConnectedCorrelator.Of(idx, Moment);
        Assert.That(ConnectedCorrelator.TryFactorPairing(ec, idx, out var scalar), Is.True);
        Assert.That(scalar, Is.EqualTo(PairingConnected.Scalar(4, Layer.L)));
        Assert.That(ConnectedCorrelator.BySubtraction(idx, Moment), Is.EqualTo(ec));
    }

    [Test]
    public void Gaussian_multi_input_fields_have_no_connected_four_or_six_point_part()
    {
        // Fields z_{i;a}: Gaussian with E[z_{i;a} z_{j;b}] = δ_ij K_{ab}; moments by Wick's theorem on (index, sample).
        var fields = new[] { ("i1", "a1"), ("i2", "a2"), ("i3", "a1"), ("i4", "a2"), ("i5", "a1"), ("i6", "a2") };
        TensorPolynomial Wick(IReadOnlyList<(string I, string A)> f)
        {
            if (f.Count == 0) return TensorPolynomial.Scalar(Polynomial.One);
            if (f.Count % 2 == 1) return TensorPolynomial.Zero;
            var sum = TensorPolynomial.Zero;
            for (int j = 1; j < f.Count; j++)
            {
                var k = Symbol.Kernel(Layer.L, f[0].A, f[j].A);
                var rest = f.Where((_, i) => i != 0 && i != j).ToList();
                sum += TensorPolynomial.Term(DeltaProduct.Delta(f[0].I, f[j].I), P(k)) * Wick(rest);
            }
            return sum;
        }
        Assert.That(ConnectedCorrelator.Of(fields[..4], Wick).IsZero, Is.True);
        Assert.That(ConnectedCorrelator.Of(fields, Wick).IsZero, Is.True);
        Assert.That(ConnectedCorrelator.BySubtraction(fields[..4], Wick).IsZero, Is.True);
        var two = ConnectedCorrelator.Of(fields[..2], Wick);
        Assert.That(two, Is.EqualTo(TensorPolynomial.Term(DeltaProduct.Delta("i1", "i2"), P(Symbol.Kernel(Layer.L, "a1", "a2")))));
    }

    [Test]
    public void Finite_width_difference_3_28()
    {
        var s = Solutions().Connected(2, Layer.L);   // [(1+2/n)^{l-1} - 1] G2^2
        var first = WidthExpansion.Expand(s, 1);
        Assert.That(first.ToPolynomial(), Is.EqualTo(2 * (P(L) - 1) * InvN * G2.Pow(2)));
        var second = WidthExpansion.Expand(s, 2).ToPolynomial();
        Assert.That(second - first.ToPolynomial(), Is.EqualTo(2 * (P(L) - 1) * (P(L) - 2) * InvN.Pow(2) * G2.Pow(2)));
        Assert.That(AsymptoticCheck.Compare(s, DepthSolution.Constant(2 * (P(L) - 1) * InvN * G2.Pow(2), L), AsymptoticOrder.InverseWidth(2)).Holds, Is.True);
        var wrong = AsymptoticCheck.Compare(s, DepthSolution.Constant(2 * P(L) * InvN * G2.Pow(2), L), AsymptoticOrder.InverseWidth(2));
        Assert.That(wrong.Holds, Is.False);
        Assert.That(wrong.Difference.Terms.Single().Amplitude, Is.EqualTo(-2 * InvN * G2.Pow(2)));
    }

    [Test]
    public void First_layer_normalization_needs_criticality_and_then_agrees()
    {
        var s = Solutions(TwoPointNormalization.FirstLayer).Connected(2, Layer.L);
        var symbolic = WidthExpansion.Expand(s, 1);
        Assert.That(symbolic.IsPolynomial, Is.False, "C_W^{2(l-1)} stays symbolic away from criticality");
        var critical = WidthExpansion.Expand(s.Substitute(Cw, Polynomial.One), 1).ToPolynomial();
        var g21 = P(Symbol.Correlator(2, Layer.Concrete(1)));
        Assert.That(critical, Is.EqualTo(2 * (P(L) - 1) * InvN * g21.Pow(2)));
    }

    [Test]
    public void Fluctuation_3_33()
    {
        var variance = Fluctuations.MeanSquareVariance(Moment, P(N));
        var g4 = P(PairingConnected.G(2, Layer.L));
        Assert.That(variance, Is.EqualTo((1 + 2 * InvN) * g4 - G2.Pow(2)));
        var series = WidthExpansion.Expand(Solutions().Solve(variance), 1).ToPolynomial();
        Assert.That(series, Is.EqualTo(2 * P(L) * InvN * G2.Pow(2)));
    }

    [Test]
    public void Expansion_error_is_next_order_at_large_width()
    {
        // Property: (exact − series_K) n^{K+1} → coefficient of 1/n^{K+1}, at n = 10^6 for random depth and m.
        Gen.Select(Gen.Int[2, 4], Gen.Int[2, 30], Gen.Int[0, 2]).Sample((m, depth, k) =>
        {
            var s = Solutions().Connected(m, Layer.L).Substitute(G2.Terms[0].Monomial.Symbols[0], Polynomial.One);
            var n = new Dictionary<Symbol, Rational> { [N] = 1_000_000, [L] = depth };
            var exact = s.AtDepth(depth).EvaluateRational(n);
            Rational Series(int order) => WidthExpansion.Expand(s, order).ToPolynomial().EvaluateRational(n);
            var error = exact - Series(k);
            var next = Series(k + 1) - Series(k);
            double scale = m * m * depth * 1e-6;
            Assert.That((error - next).Abs().ToDouble(), Is.LessThan(Math.Pow(scale, k + 2)), $"m={m} depth={depth} K={k}: error − next term is O(1/n^(K+2))");
            Assert.That(error.Abs().ToDouble(), Is.LessThan(Math.Pow(m * m * depth * 1e-6, k + 1)));
        }, iter: 40);
    }

    [Test]
    public void Double_scaling_3_55_to_3_57()
    {
        var sol = Solutions();
        var g4 = DoubleScaling.Limit(sol.G(2, Layer.Symbolic("L")), N);
        var gL = P(Symbol.Correlator(2, Layer.Symbolic("L")));
        Assert.That(g4.Terms.Single(), Is.EqualTo(new ExponentialTerm(gL.Pow(2), 2)));                   // e^{2r} G2^2 (3.55)
        var four = DoubleScaling.Limit(sol.Connected(2, Layer.Symbolic("L")), N);
        Assert.That(four.SeriesInR(1), Is.EqualTo(2 * P(R) * gL.Pow(2)));                               // (3.56)
        var six = DoubleScaling.Limit(sol.Connected(3, Layer.Symbolic("L")), N);
        Assert.That(six.Terms.Select(t => (t.Rate, t.Coefficient)), Is.EquivalentTo(new[]
        { ((Polynomial)6, gL.Pow(3)), ((Polynomial)2, -3 * gL.Pow(3)), (Polynomial.Zero, 2 * gL.Pow(3)) }));
        Assert.That(six.SeriesInR(3), Is.EqualTo(12 * P(R).Pow(2) * gL.Pow(3) + 32 * P(R).Pow(3) * gL.Pow(3)));   // (3.57)
        Assert.That(AsymptoticCheck.Compare(six, 12 * P(R).Pow(2) * gL.Pow(3), new SeriesOrder(R, 3)).Holds, Is.True);
        var miss = AsymptoticCheck.Compare(six, 12 * P(R).Pow(2) * gL.Pow(3), new SeriesOrder(R, 4));
        Assert.That(miss.Holds, Is.False);
        Assert.That(miss.Difference.Terms.Single().Amplitude, Is.EqualTo(32 * P(R).Pow(3) * gL.Pow(3)));
    }

    [TestCase(2, 1)]
    [TestCase(3, 2)]
    [TestCase(4, 3)]
    [TestCase(6, 5)]
    public void Connected_2m_point_starts_at_r_to_the_m_minus_1(int m, int power)
    {
        var ec = DoubleScaling.Limit(Solutions().Connected(m, Layer.Symbolic("L")), N);
        var lead = ec.LeadingInR();
        Assert.That(lead, Is.Not.Null);
        Assert.That(lead!.Value.Power, Is.EqualTo(power));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void Leading_connected_coefficient_is_tree_count(int m)
    {
        // Known closed result (expectation only): the r^{m-1} coefficient is 2^{m-1} m^{m-2} (Cayley trees × 2 per edge).
        var ec = DoubleScaling.Limit(Solutions().Connected(m, Layer.Symbolic("L")).Substitute(Symbol.Correlator(2, Layer.Symbolic("L")), Polynomial.One), N);
        var (power, coefficient) = ec.LeadingInR()!.Value;
        Assert.That(power, Is.EqualTo(m - 1));
        Assert.That(coefficient, Is.EqualTo(Polynomial.Constant(((Rational)2).Pow(m - 1) * ((Rational)m).Pow(m - 2))));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Connected_double_scaling_with_correction_matches_exact_solution_at_large_n(int m)
    {
        var exact = Solutions().Connected(m, Layer.Symbolic("L")).Substitute(Symbol.Correlator(2, Layer.Symbolic("L")), Polynomial.One);
        var ds = DoubleScaling.Limit(exact, N, widthOrder: 1);
        foreach (var n in new[] { 1e4, 1e5 })
            foreach (var r in new[] { 0.1, 0.5 })
            {
                double L = r * n;
                double value = exact.Terms.Sum(t => t.Amplitude.Evaluate(_ => n) * Math.Exp((L - exact.Offset) * Math.Log(t.Base.Evaluate(_ => n))));
                double limit = ds.Leading.Evaluate(s => s == R ? r : n);
                double corrected = ds.Evaluate(s => s == R ? r : n);
                double scale = Math.Exp(m * (m - 1) * r);
                Assert.That(Math.Abs(value - limit), Is.LessThan(100.0 * m * m * scale / n));
                Assert.That(Math.Abs(value - corrected), Is.LessThan(0.05 * Math.Abs(value - limit)),
                    $"n={n} r={r}: exact {value}, limit {limit}, with 1/n correction {corrected}");
            }
    }

    [Test]
    public void Double_scaling_correction_matches_exact_powers_numerically()
    {
        // c_4^{L-1} with L = r n: e^{2r}[1 + ((r(β2 − β1²/2) − β1)/n] = e^{2r}(1 − (2r + 2)/n) + O(1/n²).
        var sol = Solutions().G(2, Layer.Symbolic("L")).Substitute(Symbol.Correlator(2, Layer.Symbolic("L")), Polynomial.One);
        var ds = DoubleScaling.Limit(sol, N, widthOrder: 2);
        Assert.That(ds.CorrectionAt(1).Terms.Single().Coefficient, Is.EqualTo(-2 * P(R) - 2));
        foreach (var n in new[] { 1000.0, 4000.0 })
            foreach (var r in new[] { 0.25, 1.0, 2.0 })
            {
                double exact = Math.Exp((r * n - 1) * Math.Log(1 + 2 / n));
                double leading = ds.Leading.Evaluate(s => s == R ? r : n);
                double corrected = ds.Evaluate(s => s == R ? r : n);
                Assert.That(Math.Abs(exact - leading), Is.LessThan(20 * (1 + r) * Math.Exp(2 * r) / n));
                Assert.That(Math.Abs(exact - corrected), Is.LessThan(50 * (1 + r) * (1 + r) * (1 + r) * Math.Exp(2 * r) / (n * n * n)));
            }
    }

    [Test]
    public void Non_commuting_limits_3_48_to_3_51()
    {
        var g6 = Solutions().G(3, Layer.Symbolic("L"));
        var gL = P(Symbol.Correlator(2, Layer.Symbolic("L")));
        var widthFirst = NonCommutingLimits.WidthFirst(g6);
        Assert.That(widthFirst.IsDepthIndependent, Is.True);
        Assert.That(widthFirst.Terms.Single().Amplitude, Is.EqualTo(gL.Pow(3)));                             // (3.49)
        var depthFirst = NonCommutingLimits.DepthFirst(g6);
        Assert.That(depthFirst.Behaviour, Is.EqualTo(DepthBehaviour.Diverges));                             // (3.50)
        Assert.That(depthFirst.DominantBase, Is.EqualTo(1 + 6 * InvN + 8 * InvN.Pow(2)));
        Assert.That(depthFirst.ForAllWidths, Is.True);
        Assert.That(NonCommutingLimits.DepthFirst(Solutions().G(1, Layer.Symbolic("L"))).Behaviour, Is.EqualTo(DepthBehaviour.Finite));
    }

    [Test]
    public void Depth_solution_algebra_is_exact_at_concrete_depths()
    {
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 3], Gen.Int[1, 12]).Sample((a, b, depth) =>
        {
            var sa = Solutions(TwoPointNormalization.FirstLayer).G(a, Layer.L);
            var sb = Solutions(TwoPointNormalization.FirstLayer).Connected(b, Layer.L);
            Assert.That((sa * sb).AtDepth(depth), Is.EqualTo(sa.AtDepth(depth) * sb.AtDepth(depth)));
            Assert.That((sa - sb).AtDepth(depth), Is.EqualTo(sa.AtDepth(depth) - sb.AtDepth(depth)));
        }, iter: 30);
    }
}
