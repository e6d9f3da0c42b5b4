using Wick.Numeric.Activations;
using Wick.Numeric.Ntk;

namespace Wick.Numeric.Tests.Ntk;

/// <summary>The infinite-width NTK evaluated from the derived recursions, against closed forms and finite networks.</summary>
public class NtkEvaluatorTests
{
    private static readonly double[][] TwoInputs = [[1.0, 0.5, -0.3], [0.2, -1.0, 0.6]];

    private static double[,] Gram(IReadOnlyList<double[]> xs)
    {
        int n = xs.Count;
        var g = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) g[a, b] = xs[a].Zip(xs[b], (u, v) => u * v).Sum() / xs[a].Length;
        return g;
    }

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(12)]
    public void Deep_linear_at_criticality_grows_linearly_in_depth(int depth)
    {
        var g = Gram(TwoInputs);
        var layers = new NtkEvaluator().Evaluate(g, depth, Activation.Parse("linear"), new NtkHyperparameters(1, 0, 1, 0));
        Assert.That(layers, Has.Count.EqualTo(depth));
        for (int l = 1; l <= depth; l++)
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                {
                    Assert.That(layers[l - 1].TangentKernel[a, b], Is.EqualTo(l * g[a, b]).Within(1e-12), $"Theta^({l})_{a}{b}");
                    Assert.That(layers[l - 1].Kernel[a, b], Is.EqualTo(g[a, b]).Within(1e-12));
                }
    }

    [Test]
    public void Deep_linear_with_biases_matches_the_geometric_closed_form()
    {
        // C_W = c, C_b = s: K^(l) = s (1 + c + … + c^{l-1}) + c^l G; Θ^(l+1) = λ_b + λ_W K^(l) + c Θ^(l), Θ^(1) = λ_b + λ_W G, summed in closed form:
        // Θ^(L) = Σ_{l=0}^{L-1} c^{L-1-l} (λ_b + λ_W K^(l)) with K^(0) = G.
        double c = 0.8, s = 0.3, lw = 1.7, lb = 0.4;
        var g = Gram(TwoInputs);
        var layers = new NtkEvaluator().Evaluate(g, 6, Activation.Parse("linear"), new NtkHyperparameters(c, s, lw, lb));
        double K(int l, int a, int b) => s * (1 - Math.Pow(c, l)) / (1 - c) + Math.Pow(c, l) * g[a, b];
        for (int L = 1; L <= 6; L++)
        {
            double expected = 0;
            for (int l = 0; l < L; l++) expected += Math.Pow(c, L - 1 - l) * (lb + lw * K(l, 0, 1));
            Assert.That(layers[L - 1].TangentKernel[0, 1], Is.EqualTo(expected).Within(1e-12));
            Assert.That(layers[L - 1].Kernel[0, 1], Is.EqualTo(K(L, 0, 1)).Within(1e-12));
        }
    }

    [Test]
    public void Relu_matches_the_arc_cosine_closed_forms()
    {
        // Cho–Saul: <σσ> = √(K11 K22)/(2π) (sin θ + (π − θ) cos θ), <σ'σ'> = (π − θ)/(2π), cos θ = K12/√(K11 K22).
        double cw = 2, cb = 0.1, lw = 0.7, lb = 0.2;
        var g = Gram(TwoInputs);
        var layers = new NtkEvaluator().Evaluate(g, 5, Activation.Parse("relu"), new NtkHyperparameters(cw, cb, lw, lb));
        var k = (double[,])g.Clone();
        var th = new double[2, 2];
        for (int l = 1; l <= 5; l++)
        {
            var nk = new double[2, 2];
            var nt = new double[2, 2];
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                {
                    double ss, dd;
                    if (l == 1) { ss = g[a, b]; dd = 0; }
                    else
                    {
                        double norm = Math.Sqrt(k[a, a] * k[b, b]), theta = Math.Acos(Math.Clamp(k[a, b] / norm, -1, 1));
                        ss = norm / (2 * Math.PI) * (Math.Sin(theta) + (Math.PI - theta) * Math.Cos(theta));
                        dd = (Math.PI - theta) / (2 * Math.PI);
                    }
                    nk[a, b] = cb + cw * ss;
                    nt[a, b] = lb + lw * ss + cw * dd * th[a, b];
                }
            (k, th) = (nk, nt);
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                {
                    Assert.That(layers[l - 1].Kernel[a, b], Is.EqualTo(k[a, b]).Within(1e-10), $"K^({l})");
                    Assert.That(layers[l - 1].TangentKernel[a, b], Is.EqualTo(th[a, b]).Within(1e-10), $"Theta^({l})");
                }
        }
    }

    [Test]
    public void Smooth_activations_go_through_quadrature_and_stay_symmetric_positive()
    {
        var g = Gram(TwoInputs);
        var layers = new NtkEvaluator().Evaluate(g, 3, Activation.Parse("tanh"), NtkHyperparameters.NtkParameterization(1, 0.05));
        var last = layers[^1].TangentKernel;
        Assert.That(last[0, 1], Is.EqualTo(last[1, 0]));
        Assert.That(last[0, 0] * last[1, 1] - last[0, 1] * last[0, 1], Is.GreaterThan(0)); // a Gram matrix of gradients
        // NTK parameterization: Θ^(1) = K^(1).
        Assert.That(layers[0].TangentKernel[0, 1], Is.EqualTo(layers[0].Kernel[0, 1]).Within(1e-14));
    }

    [Test]
    public void Backpropagation_matches_finite_differences()
    {
        var net = new EmpiricalNtk([3, 4, 5, 2], Activation.Parse("tanh"), 1.5, 0.2, seed: 11, stream: 0);
        var x = TwoInputs[0];
        var grad = net.Gradient(x, 1, lambdaW: 1, lambdaB: 1);
        var widths = new[] { 3, 4, 5, 2 };
        int p = 0;
        const double h = 1e-5;
        foreach (var param in net.Parameters().ToList())
        {
            net.Perturb(param, h);
            double up = net.Output(x, 1);
            net.Perturb(param, -2 * h);
            double down = net.Output(x, 1);
            net.Perturb(param, h);
            double scale = param.Column < 0 ? 1 : Math.Sqrt(1.0 / widths[param.Layer - 1]);
            Assert.That(grad[p], Is.EqualTo(scale * (up - down) / (2 * h)).Within(1e-7), $"parameter {param}");
            p++;
        }
        Assert.That(p, Is.EqualTo(net.ParameterCount));
    }

    private static (double[,] Mean, double[,] StdErr) Empirical(int[] widths, string sigma, NtkHyperparameters h, int seeds, ulong seed) =>
        EmpiricalNtk.Average(widths, Activation.Parse(sigma), h, TwoInputs, seeds, seed);

    [Test]
    public void Deep_linear_finite_networks_have_the_infinite_width_ntk_as_their_mean()
    {
        // Linear σ: E[Ĥ] is exactly Θ at any width (W^{(ℓ+1)} is independent of Ĥ^{(ℓ)}), so only sampling error remains.
        var h = new NtkHyperparameters(1.2, 0.1, 0.9, 0.5);
        var theory = new NtkEvaluator().Evaluate(Gram(TwoInputs), 3, Activation.Parse("linear"), h)[^1].TangentKernel;
        var (mean, se) = Empirical([3, 8, 8, 8], "linear", h, seeds: 400, seed: 2024);
        TestContext.Out.WriteLine($"linear n=8: mc {mean[0, 0]:G5}±{se[0, 0]:G2} {mean[0, 1]:G5}±{se[0, 1]:G2} {mean[1, 1]:G5}±{se[1, 1]:G2}; theory {theory[0, 0]:G5} {theory[0, 1]:G5} {theory[1, 1]:G5}");
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                Assert.That(Math.Abs(mean[a, b] - theory[a, b]) / se[a, b], Is.LessThan(4.5), $"Theta_{a}{b}: mc {mean[a, b]} ± {se[a, b]}, theory {theory[a, b]}");
    }

    [Test]
    public void Relu_finite_networks_approach_the_infinite_width_ntk()
    {
        // ReLU at criticality: the mean NTK differs from Θ by O(L/n); allow sampling error (4.5 σ) plus 2 L/n relative.
        var h = new NtkHyperparameters(2, 0, 1, 0);
        int depth = 3, width = 48;
        var theory = new NtkEvaluator().Evaluate(Gram(TwoInputs), depth, Activation.Parse("relu"), h)[^1].TangentKernel;
        var (mean, se) = Empirical([3, width, width, width], "relu", h, seeds: 30, seed: 7);
        TestContext.Out.WriteLine($"relu n={width}: mc {mean[0, 0]:G5}±{se[0, 0]:G2} {mean[0, 1]:G5}±{se[0, 1]:G2} {mean[1, 1]:G5}±{se[1, 1]:G2}; theory {theory[0, 0]:G5} {theory[0, 1]:G5} {theory[1, 1]:G5}");
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                Assert.That(Math.Abs(mean[a, b] - theory[a, b]), Is.LessThan(4.5 * se[a, b] + 2.0 * depth / width * Math.Abs(theory[a, b])),
                    $"Theta_{a}{b}: mc {mean[a, b]} ± {se[a, b]}, theory {theory[a, b]}");
    }

    [Test]
    public void A_wrong_recursion_would_be_caught_by_the_finite_network()
    {
        // Both ways: dropping the chain-rule term C_W<σ'σ'>Θ (keeping only the last layer) is far outside the sampling error.
        var h = new NtkHyperparameters(1.2, 0.1, 0.9, 0.5);
        var layers = new NtkEvaluator().Evaluate(Gram(TwoInputs), 3, Activation.Parse("linear"), h);
        double lastLayerOnly = h.LambdaB + h.LambdaW * layers[1].Kernel[0, 1];
        var (mean, se) = Empirical([3, 8, 8, 8], "linear", h, seeds: 400, seed: 2024);
        Assert.That(Math.Abs(mean[0, 1] - lastLayerOnly) / se[0, 1], Is.GreaterThan(6));
    }
}
