using Wick.Numeric.Activations;
using Wick.Numeric.Mlp;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.Mlp;

/// <summary>
/// Kinked σ with more than three inputs: the raised-index forms (4.115), (4.119)–(4.120) sum over every input of the data
/// set, but the inverse kernels make each component independent of which other inputs are present — so the 4- and 5-input
/// evaluations restricted to a pair or a triple must equal the 2- and 3-input evaluations of that subset to rounding. The NLO
/// bodies ⟨σσ(zz − K)(zz − K)⟩ then carry six sample indices, integrated exactly (Stein's lemma, Sheppard).
/// </summary>
public class KinkedManyInputsTests
{
    private static readonly double[][] Points =
    [
        [1.0, 0.2, -0.5, 0.3, 0.0],
        [0.3, 1.1, 0.4, -0.2, 0.5],
        [-0.6, 0.1, 0.9, 0.4, -0.3],
        [0.2, -0.4, 0.3, 1.2, 0.1],
        [0.5, 0.3, -0.2, 0.1, 0.9],
    ];

    private static IReadOnlyList<MlpLayer> Run(string sigma, int[] subset, double cw, double cb)
    {
        var inputs = new NetworkInputs(subset.Select(i => Points[i]).ToArray());
        var net = new DeepLinearNetwork(new WidthProfile([7, 9, 6, 8]), cw, cb);
        return MlpEvaluator.Create(Activation.Parse(sigma), subset.Length).Evaluate(net, inputs);
    }

    [TestCase("relu", 4, 2.0, 0.0)]
    [TestCase("leaky_relu:0.2", 4, 1.5, 0.1)]
    [TestCase("abs", 5, 1.0, 0.05)]
    public void Restricted_to_a_subset_the_many_input_evaluation_equals_the_subset_evaluation(string sigma, int count, double cw, double cb)
    {
        var all = Run(sigma, Enumerable.Range(0, count).ToArray(), cw, cb);
        foreach (var subset in new[] { new[] { 0, 2 }, new[] { 1, 2, count - 1 } })
        {
            var part = Run(sigma, subset, cw, cb);
            for (int l = 0; l < all.Count; l++)
            {
                var (a, p) = (all[l], part[l]);
                int n = subset.Length;
                for (int x = 0; x < n; x++)
                    for (int y = 0; y < n; y++)
                    {
                        Assert.That(a.Kernel(subset[x], subset[y]), Is.EqualTo(p.Kernel(x, y)).Within(1e-12), $"K layer {l + 1}");
                        Assert.That(a.NloMetric(subset[x], subset[y]), Is.EqualTo(p.NloMetric(x, y)).Within(1e-10 * Math.Max(1, Math.Abs(p.NloMetric(x, y)))), $"G1 layer {l + 1}");
                        for (int z = 0; z < n; z++)
                            for (int w = 0; w < n; w++)
                            {
                                double expected = p.Vertex(x, y, z, w);
                                Assert.That(a.Vertex(subset[x], subset[y], subset[z], subset[w]), Is.EqualTo(expected).Within(1e-10 * Math.Max(1, Math.Abs(expected))),
                                    $"V layer {l + 1}");
                            }
                    }
            }
        }
        // Something non-trivial was evaluated: the vertex has grown at the last layer.
        Assert.That(all[^1].Vertex(0, 0, 0, 0), Is.GreaterThan(0));
    }
}
