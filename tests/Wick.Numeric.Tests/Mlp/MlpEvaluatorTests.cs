using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Recursions;
using Wick.Numeric.Activations;
using Wick.Numeric.Evaluation;
using Wick.Numeric.Gaussian;
using Wick.Numeric.Mlp;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.Mlp;

/// <summary>
/// The derived mlp recursions evaluated (<see cref="MlpEvaluator"/>) against independent routes: the deep-linear recursions
/// (a different derivation: ForwardStep on the linear structure, not Stein on σ), direct quadrature of the layer-2 statements
/// (exact there), exact finite-width facts of scale-invariant σ, and the two derived forms of (4.115)/(4.119) against each other.
/// </summary>
public class MlpEvaluatorTests
{
    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(1e-300, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Test]
    public void Linear_single_input_equals_the_deep_linear_eval()
    {
        var widths = new WidthProfile([8, 5, 12, 7, 9]);
        var net = new DeepLinearNetwork(widths, 1.3);
        var inputs = NetworkInputs.FromNorm(0.7, 6);
        var deep = DeepLinearEvaluator.SingleInput(4, bias: false).Evaluate(net, inputs);
        var mlp = MlpEvaluator.Create(Activation.Parse("linear"), 1).Evaluate(net, inputs);
        Assert.That(mlp, Has.Count.EqualTo(widths.Depth));
        for (int l = 0; l < mlp.Count; l++)
        {
            double g2 = deep[l]["G2"].Value, g4 = deep[l]["G4"].Value;
            Assert.That(Rel(mlp[l].Kernel(0, 0), g2), Is.LessThan(1e-13), $"K at layer {l + 1}");
            Assert.That(mlp[l].NloMetric(0, 0), Is.EqualTo(0).Within(1e-13), "a linear network's metric is exactly K: G1 = 0");
            // Connected four-point function: V/n_{l-1} exactly at layers 1, 2; deeper the deep-linear G4 keeps O(1/n²) terms.
            double connected = mlp[l].Vertex(0, 0, 0, 0) / mlp[l].PreviousWidth;
            if (l < 2) Assert.That(connected, Is.EqualTo(g4 - g2 * g2).Within(1e-13 * g4), $"layer {l + 1}");
            else Assert.That(Math.Abs(connected - (g4 - g2 * g2)), Is.LessThan(3.0 * l * l * g2 * g2 / 25.0), $"layer {l + 1}: O(1/n²) apart");
        }
    }

    [Test]
    public void Linear_several_inputs_equals_the_deep_linear_recursions_at_the_order_kept()
    {
        var inputs = new NetworkInputs([new[] { 1.0, 0.2, -0.5 }, new[] { 0.3, 1.1, 0.4 }, new[] { -0.6, 0.1, 0.9 }]);
        var widths = new WidthProfile([6, 9, 4, 11]);
        var net = new DeepLinearNetwork(widths, 0.9, 0.2);
        var mlp = MlpEvaluator.Create(Activation.Parse("linear"), 3).Evaluate(net, inputs);
        // The deep-linear system (ForwardStep on the linear structure), truncated to the O(1) coefficients the mlp keeps.
        var sys = DeepLinear.MultiInput(3, bias: true);
        var truncated = new LayerRecursion(sys.Recursions.Select(r => (r.Target, r.Step.TruncateWidthOrder(0))).ToArray());
        var state = truncated.State.Select(s => s.Kind == AtomKind.Kernel
            ? 0.2 + 0.9 * inputs.Gram(int.Parse(s.Indices[0][1..]) - 1, int.Parse(s.Indices[1][1..]) - 1) : 0.0).ToArray();
        var run = truncated.Run(state, 1, [inputs.Dimension, .. widths.Widths], 0.9, 0.2);
        for (int l = 0; l < mlp.Count; l++)
            for (int i = 0; i < truncated.State.Count; i++)
            {
                var s = truncated.State[i];
                int[] x = s.Indices.Select(t => int.Parse(t[1..]) - 1).ToArray();
                double mine = s.Kind == AtomKind.Kernel ? mlp[l].Kernel(x[0], x[1]) : mlp[l].Vertex(x[0], x[1], x[2], x[3]);
                Assert.That(mine, Is.EqualTo(run[l][i]).Within(1e-12 * (1 + Math.Abs(run[l][i]))), $"{s} at layer {l + 1}");
            }
    }

    [Test]
    public void Exact_linear_route_agrees_with_the_numeric_one_and_the_quadrature_of_sigma_z()
    {
        var widths = new[] { 3, 4, 5, 6, 7 };
        var exact = MlpEvaluator.CreateExact(PolynomialActivation.Linear, 2)
            .EvaluateExact(widths, Rational.Create(3, 2), Rational.Create(1, 10), (a, b) => a == b ? Rational.One : Rational.Create(1, 3));
        // σ = z typed as an expression: no slopes, so every expectation goes through quadrature.
        var numeric = MlpEvaluator.Create(Activation.Parse("z"), 2).Evaluate(widths, 1.5, 0.1, (a, b) => a == b ? 1.0 : 1.0 / 3);
        Assert.That(numeric[0].QuadratureError, Is.GreaterThanOrEqualTo(0));
        for (int l = 0; l < exact.Count; l++)
            foreach (var ((atom, _, q), (_, v, _)) in exact[l].State.Zip(numeric[l].State))
                Assert.That(v, Is.EqualTo(q!.Value.ToDouble()).Within(1e-9 * (1 + Math.Abs(v))), $"{atom} at layer {l + 1}");
        Assert.That(exact[2].KernelExact(0, 1), Is.EqualTo(Rational.Create(3, 2) * (Rational.Create(3, 2) * (Rational.Create(1, 10) + Rational.Create(3, 2) / 3) + Rational.Create(1, 10)) + Rational.Create(1, 10)));
    }

    [Test]
    public void Tanh_layer_two_is_exact_and_matches_direct_quadrature()
    {
        var tanh = Activation.Parse("tanh");
        double cw = 1.7, cb = 0.3, q = 0.8;
        var layers = MlpEvaluator.Create(tanh, 1).Evaluate([5, 10, 10, 10], cw, cb, (_, _) => q);
        double k1 = cb + cw * q;
        Assert.That(layers[0].Kernel(0, 0), Is.EqualTo(k1).Within(1e-15));
        Assert.That(layers[0].Vertex(0, 0, 0, 0), Is.EqualTo(0));
        // Layer 2 (exact: layer 1 is Gaussian): K = C_b + C_W⟨σ²⟩, V = C_W²(⟨σ⁴⟩ − ⟨σ²⟩²) n_1 (4.119), G1 = 0.
        var k = KernelMatrix.Scalar(k1);
        double s2 = GaussianQuadrature.Expect(z => Math.Pow(Math.Tanh(z[0]), 2), k, 1e-13).Value;
        double s4 = GaussianQuadrature.Expect(z => Math.Pow(Math.Tanh(z[0]), 4), k, 1e-13).Value;
        Assert.That(Rel(layers[1].Kernel(0, 0), cb + cw * s2), Is.LessThan(1e-10));
        Assert.That(Rel(layers[1].Vertex(0, 0, 0, 0), cw * cw * (s4 - s2 * s2)), Is.LessThan(1e-9));
        Assert.That(layers[1].NloMetric(0, 0), Is.EqualTo(0).Within(1e-14));
        // Layer 3: tanh has a non-zero NLO metric (it is not scale-invariant).
        Assert.That(Math.Abs(layers[2].NloMetric(0, 0)), Is.GreaterThan(1e-4));
        // χ_⊥ = C_W⟨σ'σ'⟩ and χ_∥ = C_W⟨σσ(z² − K)⟩/(2K²) at K^(1): independent spellings of (5.48)–(5.50).
        double perp = cw * GaussianQuadrature.Expect(z => Math.Pow(1 - Math.Pow(Math.Tanh(z[0]), 2), 2), k, 1e-13).Value;
        double par = cw * GaussianQuadrature.Expect(z => Math.Pow(Math.Tanh(z[0]), 2) * (z[0] * z[0] - k1), k, 1e-13).Value / (2 * k1 * k1);
        Assert.That(Rel(layers[0].PerpendicularSusceptibility!.Value, perp), Is.LessThan(1e-9));
        Assert.That(Rel(layers[0].ParallelSusceptibility!.Value, par), Is.LessThan(1e-9));
    }

    [Test]
    public void Derivative_and_raised_index_forms_agree_for_a_smooth_activation()
    {
        var tanh = Activation.Parse("tanh");
        int[] widths = [4, 7, 9, 6, 8];
        Func<int, int, double> gram = (a, b) => a == b ? 0.9 + 0.3 * a : 0.25;
        foreach (int inputs in new[] { 1, 2 })
        {
            var d = MlpEvaluator.Create(tanh, inputs, 1e-12, MlpForm.DerivativeNormalForm).Evaluate(widths, 1.4, 0.1, gram);
            var r = MlpEvaluator.Create(tanh, inputs, 1e-12, MlpForm.RaisedIndex).Evaluate(widths, 1.4, 0.1, gram);
            for (int l = 0; l < d.Count; l++)
                foreach (var ((atom, x, _), (_, y, _)) in d[l].State.Zip(r[l].State))
                    Assert.That(x, Is.EqualTo(y).Within(1e-8 * (1 + Math.Abs(x))), $"{inputs} input(s): {atom} at layer {l + 1}");
        }
    }

    [Test]
    public void Relu_follows_the_exact_scale_invariant_facts()
    {
        // No biases, one input: E[σ(z)²] = A_2 E[z²] for every symmetric z, so the metric is exactly C_W A_2 times the one below:
        // K^(l+1) = C_W K^(l)/2 and G1 = 0 at every layer; and V^(l+1) = C_W²/4 (5 K² + V n_l/n_{l-1}) (engine's own check).
        var layers = MlpEvaluator.Create(Activation.Parse("relu"), 1).Evaluate([3, 6, 8, 5, 9, 7], 2.0, 0, (_, _) => 1.5);
        for (int l = 0; l < layers.Count; l++)
        {
            Assert.That(layers[l].Kernel(0, 0), Is.EqualTo(3.0).Within(1e-13));
            Assert.That(layers[l].NloMetric(0, 0), Is.EqualTo(0).Within(1e-12));
            Assert.That(layers[l].ParallelSusceptibility, Is.EqualTo(1.0).Within(1e-13));
            Assert.That(layers[l].PerpendicularSusceptibility, Is.EqualTo(1.0).Within(1e-13));
            if (l == 0) continue;
            double expected = 4.0 / 4 * (5 * 9 + layers[l - 1].Vertex(0, 0, 0, 0) * layers[l - 1].Width / layers[l - 1].PreviousWidth);
            Assert.That(layers[l].Vertex(0, 0, 0, 0), Is.EqualTo(expected).Within(1e-11 * expected), $"layer {l + 1}");
        }
    }

    [Test]
    public void Honest_numerics_refuse_instead_of_printing()
    {
        // A kernel that overflows: exp(exp(z)) at a huge K.
        Assert.Throws<RefusedException>(() => MlpEvaluator.Create(Activation.Parse("exp(z)"), 1).Evaluate([2, 4, 4, 4, 4, 4, 4, 4, 4], 50, 0, (_, _) => 30));
        // Coincident inputs with a kinked σ: the raised-index form needs K invertible.
        var e = Assert.Throws<RefusedException>(() => MlpEvaluator.Create(Activation.Parse("relu"), 2).Evaluate([2, 4, 4, 4], 2, 0, (_, _) => 1));
        Assert.That(e!.Message, Does.Contain("singular"));
    }
}
