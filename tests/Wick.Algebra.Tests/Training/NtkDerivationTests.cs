using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Tensors;
using Wick.Algebra.Training.Ntk;

namespace Wick.Algebra.Tests.Training;

/// <summary>The infinite-width NTK recursion derived from the forward equation (lectures (74)–(83)).</summary>
public class NtkDerivationTests
{
    private static readonly Layer L = Layer.L;
    private static Polynomial P(Symbol s) => Polynomial.Var(s);
    private static readonly Polynomial CW = P(Symbol.CW), Cb = P(Symbol.Cb), LW = P(Symbol.LambdaW), Lb = P(Symbol.LambdaB);
    private static Polynomial Theta(Layer l, string a, string b) => P(Symbol.TangentKernel(l, a, b));
    private static Polynomial K(Layer l, string a, string b) => P(Symbol.Kernel(l, a, b));
    private static Polynomial G(Layer l, params (int Order, string Sample)[] factors) =>
        P(Symbol.Gaussian(new GaussianBody(factors.Select(f => new NeuronFactor(0, f.Sample, f.Order).ToBodyFactor())), l));

    [Test]
    public void Symbolic_sigma_gives_lectures_83_in_the_book_learning_rate_convention()
    {
        var r = NtkDerivation.Recursion("a1", "a2", L.Next);
        Assert.That(r.Target, Is.EqualTo(Symbol.TangentKernel(L.Next, "a1", "a2")));
        Assert.That(r.Step, Is.EqualTo(Lb + LW * G(L, (0, "a1"), (0, "a2")) + CW * G(L, (1, "a1"), (1, "a2")) * Theta(L, "a1", "a2")));
    }

    [Test]
    public void First_layer_is_the_input_metric_exactly()
    {
        var r = NtkDerivation.Recursion("a1", "a2", Layer.Concrete(1));
        Assert.That(r.Step, Is.EqualTo(Lb + LW * P(Symbol.InputMetric("a1", "a2"))));
    }

    [Test]
    public void Every_parameter_group_contributes_one_term_and_the_earlier_group_carries_sigma_prime()
    {
        var terms = TangentStep.TangentKernel("i1", "a1", "i2", "a2", L.Next);
        Assert.That(terms.GroupBy(t => t.Group).ToDictionary(g => g.Key, g => g.Count()),
            Is.EquivalentTo(new Dictionary<ParameterGroup, int> { [ParameterGroup.Bias] = 1, [ParameterGroup.Weight] = 1, [ParameterGroup.Earlier] = 1 }));
        var earlier = terms.Single(t => t.Group == ParameterGroup.Earlier).Term;
        Assert.That(earlier.Factors.OfType<ActivationFactor>().Select(a => a.Order), Is.EqualTo(new[] { 1, 1 }));
        Assert.That(earlier.Factors.OfType<TangentKernelFactor>().Count(), Is.EqualTo(1));
        Assert.That(earlier.Factors.OfType<WeightFactor>().Count(), Is.EqualTo(2));
        // Layer 1 has no parameters below it.
        Assert.That(TangentStep.TangentKernel("i1", "a1", "i2", "a2", Layer.Concrete(1)).Any(t => t.Group == ParameterGroup.Earlier), Is.False);
    }

    [Test]
    public void Linear_activation_reduces_to_the_deep_linear_recursion()
    {
        var r = NtkDerivation.Recursion("a1", "a2", L.Next, PolynomialActivation.Linear);
        Assert.That(r.Step, Is.EqualTo(Lb + LW * K(L, "a1", "a2") + CW * Theta(L, "a1", "a2")));
    }

    [Test]
    public void Relu_single_input_halves_both_terms()
    {
        var r = NtkDerivation.Recursion("a", "a", L.Next, ReluActivation.Instance);
        Assert.That(r.Step, Is.EqualTo(Lb + Rational.One / 2 * LW * K(L, "a", "a") + Rational.One / 2 * CW * Theta(L, "a", "a")));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    [TestCase(9)]
    public void Deep_linear_at_criticality_grows_linearly_in_depth(int depth)
    {
        // Iterate the derived recursions through concrete layers 1..depth: C_W = 1, C_b = 0, λ_b = 0 ⇒ Θ^{(L)} = L λ_W G^{(0)} (closed form, the oracle).
        var settings = new Dictionary<Symbol, Polynomial> { [Symbol.CW] = 1, [Symbol.Cb] = 0, [Symbol.LambdaB] = 0 };
        Polynomial theta = Polynomial.Zero, k = Polynomial.Zero;
        for (int l = 1; l <= depth; l++)
        {
            var d = NtkDerivation.For("", Symbol.TangentKernel(Layer.Concrete(l), "a1", "a2"), PolynomialActivation.Linear, settings);
            var below = new Dictionary<Symbol, Polynomial>
            {
                [Symbol.TangentKernel(Layer.Concrete(l - 1), "a1", "a2")] = theta,
                [Symbol.Kernel(Layer.Concrete(l - 1), "a1", "a2")] = k,
            };
            theta = d.Recursions[0].Step.Substitute(below);
            k = d.Recursions[1].Step.Substitute(below);
        }
        var g0 = P(Symbol.InputMetric("a1", "a2"));
        Assert.That(theta, Is.EqualTo(depth * LW * g0));
        Assert.That(k, Is.EqualTo(g0));
    }

    [Test]
    public void A_structure_other_than_delta_i1_i2_is_refused()
    {
        var bad = TensorPolynomial.Term(DeltaProduct.One, LW);
        Assert.Throws<InvalidOperationException>(() => NtkDerivation.Recognise(bad, Symbol.TangentKernel(L, "a", "b")));
    }

    [Test]
    public void Atoms_print_in_both_spellings_and_order_symmetric()
    {
        Assert.That(Symbol.TangentKernel(L, "a2", "a1"), Is.EqualTo(Symbol.TangentKernel(L, "a1", "a2")));
        Assert.That(Symbol.TangentKernel(L.Next, "a1", "a2").ToString(), Is.EqualTo("Theta^(l+1)_{a1 a2}"));
        Assert.That(Symbol.TangentKernel(L, "a1", "a2").ToLatex(), Is.EqualTo("\\Theta^{(\\ell)}_{\\alpha_{1} \\alpha_{2}}"));
        Assert.That(Symbol.LambdaW.ToString(), Is.EqualTo("lambda_W"));
        Assert.That(Symbol.FromName("lambda_b"), Is.EqualTo(Symbol.LambdaB));
        Assert.That(Symbol.LambdaB.ToLatex(), Is.EqualTo("\\lambda_{b}"));
    }
}
