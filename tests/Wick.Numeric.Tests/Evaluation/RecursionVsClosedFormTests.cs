using CsCheck;
using Wick.Algebra;
using Wick.Numeric.ClosedForms;
using Wick.Numeric.Evaluation;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.Evaluation;

/// <summary>The engine's derived recursions, evaluated numerically, against the independent closed forms of chapter 3.</summary>
public class RecursionVsClosedFormTests
{
    private static readonly Lazy<DeepLinearEvaluator> Single = new(() => DeepLinearEvaluator.SingleInput(8, bias: false));
    private static readonly Lazy<DeepLinearEvaluator> Multi2 = new(() => DeepLinearEvaluator.MultiInput(2, bias: false));
    private static readonly Gen<WidthProfile> Profiles = Gen.Int[1, 100].Array[1, 12].Select(w => new WidthProfile(w));

    [Test]
    public void G2_to_G8_agree_with_3_47_on_random_width_profiles() =>
        Gen.Select(Profiles, Gen.Double[0.25, 2.5], Gen.Double[0.1, 4], Gen.Int[1, 50]).Sample((w, cw, q, n0) =>
        {
            var net = new DeepLinearNetwork(w, cw);
            var layers = Single.Value.Evaluate(net, NetworkInputs.FromNorm(q, n0));
            Assert.That(layers, Has.Count.EqualTo(w.Depth));
            foreach (var layer in layers)
            {
                for (int m = 1; m <= 4; m++)
                {
                    double closed = DeepLinearClosedForms.G(m, layer.Layer, w, cw, q);
                    Assert.That(Rel(layer[$"G{2 * m}"].Value, closed), Is.LessThan(1e-12), $"G{2 * m} at layer {layer.Layer}, widths {w}");
                }
                for (int m = 2; m <= 4; m++)
                    Assert.That(Rel(layer[$"G{2 * m}/G2^{m}"].Value, DeepLinearClosedForms.NormalisedG(m, layer.Layer, w)), Is.LessThan(1e-12));
            }
        }, iter: 200);

    [Test]
    public void Multi_input_metric_and_vertex_agree_with_the_diagonalised_closed_form() =>
        Gen.Select(Profiles, Gen.Double[0.25, 2.5], Gen.Double[-1, 1].Array[3]).Sample((w, cw, v) =>
        {
            var x1 = new[] { 1.0, v[0], 0.5 };
            var x2 = new[] { v[1], 1.0, v[2] };
            var inputs = new NetworkInputs([x1, x2]);
            var net = new DeepLinearNetwork(w, cw);
            var layers = Multi2.Value.Evaluate(net, inputs);
            foreach (var layer in layers)
            {
                int l = layer.Layer;
                for (int a = 0; a < 2; a++)
                    for (int b = a; b < 2; b++)
                        Assert.That(Rel(layer[$"K[{a + 1},{b + 1}]"].Value, DeepLinearClosedForms.Metric(l, cw, inputs.Gram(a, b))), Is.LessThan(1e-12));
                // scale of the four-point structures at this layer (Cauchy–Schwarz): the largest diagonal one
                double scale = Math.Max(DeepLinearClosedForms.FourPoint(l, w, cw, inputs.Gram, 0, 0, 0, 0), DeepLinearClosedForms.FourPoint(l, w, cw, inputs.Gram, 1, 1, 1, 1));
                foreach (var (a, b, c, d) in new[] { (0, 0, 0, 0), (0, 0, 0, 1), (0, 0, 1, 1), (0, 1, 0, 1), (0, 1, 1, 1), (1, 1, 1, 1) })
                {
                    string ix = $"({a + 1},{b + 1})({c + 1},{d + 1})";
                    double f = DeepLinearClosedForms.FourPoint(l, w, cw, inputs.Gram, a, b, c, d);
                    double vtx = DeepLinearClosedForms.Vertex(l, w, cw, inputs.Gram, a, b, c, d);
                    Assert.That(Close(layer[$"F[{ix}]"].Value, f, scale), Is.True, $"F{ix} layer {l}: {layer[$"F[{ix}]"].Value} vs {f}");
                    double vs = scale * w[Math.Max(1, l - 1)];
                    Assert.That(Close(layer[$"V[{ix}]"].Value, vtx, scale: vs), Is.True, $"V{ix} layer {l}: {layer[$"V[{ix}]"].Value} vs {vtx}");
                }
            }
        }, iter: 100);

    [Test]
    public void Exact_evaluation_gives_the_rational_product_of_3_47()
    {
        var w = WidthProfile.Parse("4,6,3,8");
        var net = new DeepLinearNetwork(w, 0.5);
        var layers = Single.Value.EvaluateExact(net, NetworkInputs.FromNorm(2, 5), Rational.Create(1, 2), Rational.Zero, (_, _) => Rational.Create(2, 1));
        foreach (var layer in layers)
            for (int m = 1; m <= 4; m++)
            {
                Rational expected = Rational.Create(1, 2).Pow(m * layer.Layer) * Rational.Create(2, 1).Pow(m);
                for (int l = 1; l < layer.Layer; l++) expected *= CombinatorialFactor.Exact(m, w[l]);
                Assert.That(layer[$"G{2 * m}"].Exact, Is.EqualTo(expected), $"G{2 * m} layer {layer.Layer}");
            }
    }

    [Test]
    public void Biased_recursion_runs_and_reduces_to_the_unbiased_one_at_zero_bias()
    {
        var biased = DeepLinearEvaluator.SingleInput(6, bias: true);
        var w = WidthProfile.Parse("5x6");
        var a = biased.Evaluate(new DeepLinearNetwork(w, 1.1, 0), NetworkInputs.FromNorm(1.3, 5));
        var b = Single.Value.Evaluate(new DeepLinearNetwork(w, 1.1, 0), NetworkInputs.FromNorm(1.3, 5));
        for (int l = 0; l < w.Depth; l++)
            foreach (var name in new[] { "G2", "G4", "G6" })
                Assert.That(Rel(a[l][name].Value, b[l][name].Value), Is.LessThan(1e-13));
        // with bias the metric follows K' = C_b + C_W K from the inputs
        var c = biased.Evaluate(new DeepLinearNetwork(w, 1.1, 0.2), NetworkInputs.FromNorm(1.3, 5));
        double k = 1.3;
        for (int l = 0; l < w.Depth; l++)
        {
            k = 0.2 + 1.1 * k;
            Assert.That(Rel(c[l]["G2"].Value, k), Is.LessThan(1e-13));
            Assert.That(c[l]["G4"].Value, Is.GreaterThanOrEqualTo(k * k * (1 - 1e-12)));
        }
    }

    [Test]
    public void Compiled_polynomial_matches_the_algebra_s_own_evaluation() =>
        Gen.Double[-3, 3].Array[3].Sample(v =>
        {
            var x = Symbol.Plain("x");
            var y = Symbol.Plain("y");
            var n = Symbol.Width(Layer.L);
            Polynomial p = Polynomial.Var(x).Pow(3) * Rational.Create(2, 3) + Polynomial.Var(y) * Polynomial.Var(n).Pow(-2) * Rational.Create(-5, 1) + Rational.Create(7, 4);
            double nv = Math.Abs(v[2]) + 0.5;
            var compiled = CompiledPolynomial.Compile(p, [x, y, n]);
            double expected = p.Evaluate(s => s == x ? v[0] : s == y ? v[1] : nv);
            Assert.That(compiled.Evaluate([v[0], v[1], nv]), Is.EqualTo(expected).Within(1e-12 * (1 + Math.Abs(expected))));
        });

    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-300);

    private static bool Close(double a, double b, double scale) => Math.Abs(a - b) <= 1e-12 * Math.Max(scale, Math.Abs(b));
}
