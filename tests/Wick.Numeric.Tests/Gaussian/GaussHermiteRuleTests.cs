using Wick.Numeric.Gaussian;

namespace Wick.Numeric.Tests.Gaussian;

public class GaussHermiteRuleTests
{
    [Test]
    public void Small_rules_match_the_known_nodes_and_weights()
    {
        // He_2 = u² − 1: nodes ±1, weights ½. He_3 = u³ − 3u: nodes 0, ±√3, weights 2/3, 1/6.
        var r2 = GaussHermite.Rule(2);
        Assert.That(r2.Nodes, Is.EqualTo(new[] { -1.0, 1.0 }).Within(1e-15));
        Assert.That(r2.Weights, Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-15));
        var r3 = GaussHermite.Rule(3);
        Assert.That(r3.Nodes, Is.EqualTo(new[] { -Math.Sqrt(3), 0, Math.Sqrt(3) }).Within(1e-14));
        Assert.That(r3.Weights, Is.EqualTo(new[] { 1 / 6.0, 2 / 3.0, 1 / 6.0 }).Within(1e-15));
    }

    [TestCase(5)]
    [TestCase(20)]
    [TestCase(64)]
    [TestCase(300)]
    [TestCase(1024)]
    public void Rule_integrates_normal_moments_exactly_up_to_degree_2n_minus_1(int n)
    {
        var r = GaussHermite.Rule(n);
        Assert.That(r.Weights.All(w => w >= 0), Is.True);
        Assert.That(r.Weights.Sum(), Is.EqualTo(1).Within(1e-13));
        // E[u^{2m}] = (2m − 1)!! for 2m ≤ 2n − 1 (checked up to 2m = 16: larger moments are dominated by rounding in the sum).
        double df = 1;
        for (int m = 1; 2 * m <= Math.Min(2 * n - 1, 16); m++)
        {
            df *= 2 * m - 1;
            double q = 0;
            for (int i = 0; i < n; i++) q += r.Weights[i] * Math.Pow(r.Nodes[i], 2 * m);
            Assert.That(q / df, Is.EqualTo(1).Within(1e-11), $"E[u^{2 * m}] with n = {n}");
        }
    }

    [Test]
    public void Tail_weights_keep_relative_accuracy()
    {
        // The outermost node of the 2-point… compare the last weight of rule n with the analytic value from an
        // independent route: w_i = 1/Σ_{k<n} p_k(x_i)² (Christoffel function) evaluated at the same node.
        int n = 200;
        var r = GaussHermite.Rule(n);
        for (int i = n - 3; i < n; i++)
        {
            double x = r.Nodes[i] / Math.Sqrt(2);
            double prev = 0, cur = Math.Pow(Math.PI, -0.25), s = cur * cur;
            for (int k = 0; k < n - 1; k++)
            {
                double next = Math.Sqrt(2.0 / (k + 1)) * x * cur - Math.Sqrt((double)k / (k + 1)) * prev;
                prev = cur; cur = next; s += cur * cur;
            }
            double w = 1 / s / Math.Sqrt(Math.PI);
            Assert.That(r.Weights[i] / w, Is.EqualTo(1).Within(1e-9), $"weight {i} ({r.Weights[i]:G3})");
            Assert.That(r.Weights[i], Is.GreaterThan(0).And.LessThan(1e-50));
        }
    }

    [Test]
    public void Legendre_rule_integrates_polynomials_exactly()
    {
        var r = GaussLegendre.Rule(12);
        for (int m = 0; m <= 22; m += 2)
        {
            double q = 0;
            for (int i = 0; i < 12; i++) q += r.Weights[i] * Math.Pow(r.Nodes[i], m);
            Assert.That(q, Is.EqualTo(2.0 / (m + 1)).Within(1e-14));
        }
    }
}
