using Wick.Algebra;
using Wick.Algebra.Criticality;

namespace Wick.Algebra.Tests.Criticality;

/// <summary>
/// Exact Gaussian integrals of polynomials in z and Φ (<see cref="ErfGaussianIntegrals"/>): closed forms known by hand
/// (E[Φ] = 1/2, E[zΦ] = K/√(2π(1 + K)), E[Φ²] = A(K)), the GELU condition K² − 3K − 2 of (5.73) and its root
/// (3 + √17)/2, and refusals (Φ³; conditions that stay transcendental).
/// </summary>
public class ErfGaussianIntegralsTests
{
    private static readonly RationalFunction K = ErfGaussianIntegrals.K;

    [Test]
    public void Simple_expectations_in_closed_form()
    {
        var phi = ErfGaussianIntegrals.Expectation(ErfPolynomial.Phi);
        Assert.That(phi.Parts, Has.Count.EqualTo(1));
        Assert.That(phi.Parts[(0, false)], Is.EqualTo((RationalFunction)Rational.Create(1, 2)));
        // E[zΦ] = K E[φ] = K u_1(K): level 1, R = K.
        var zPhi = ErfGaussianIntegrals.Expectation(ErfPolynomial.Z * ErfPolynomial.Phi);
        Assert.That(zPhi.Parts.Keys, Is.EquivalentTo(new[] { (1, false) }));
        Assert.That(zPhi.Parts[(1, false)], Is.EqualTo(K));
        // E[z²] = K, E[Φ²] is the transcendental A(K) itself.
        Assert.That(ErfGaussianIntegrals.Expectation(ErfPolynomial.Z * ErfPolynomial.Z).Parts[(0, false)], Is.EqualTo(K));
        var phi2 = ErfGaussianIntegrals.Expectation(ErfPolynomial.Phi * ErfPolynomial.Phi);
        Assert.That(phi2.Parts.Keys, Is.EquivalentTo(new[] { (0, true) }));
        // E[z²Φ²] = K E[Φ²] + 2K E[zΦφ] (Stein), E[zΦφ] = K/(1+K) u_2: arcsin part K, level-2 part 2K·K/(1+K)·…
        var z2phi2 = ErfGaussianIntegrals.Expectation(ErfPolynomial.Z * ErfPolynomial.Z * ErfPolynomial.Phi * ErfPolynomial.Phi);
        Assert.That(z2phi2.Parts[(0, true)], Is.EqualTo(K));
        Assert.That(z2phi2.Parts[(2, false)], Is.EqualTo(2 * K * K / (1 + K)));
    }

    [Test]
    public void Derivative_rules()
    {
        // (zΦ)' = Φ + zφ; (φ)' = −zφ through (Φ²)'' = 2φ² − 2zΦφ.
        var gelu = ErfPolynomial.Z * ErfPolynomial.Phi;
        Assert.That(gelu.Derivative().Terms, Is.EquivalentTo(new Dictionary<ErfMonomial, Rational> { [new(0, 1, 0)] = 1, [new(1, 0, 1)] = 1 }));
        var second = (ErfPolynomial.Phi * ErfPolynomial.Phi).Derivative().Derivative();
        Assert.That(second.Terms, Is.EquivalentTo(new Dictionary<ErfMonomial, Rational> { [new(0, 0, 2)] = 2, [new(1, 1, 1)] = -2 }));
    }

    [Test]
    public void Gelu_fixed_point_is_three_plus_root_17_over_two()
    {
        var gelu = ErfPolynomial.Z * ErfPolynomial.Phi;
        var (condition, reason) = ErfGaussianIntegrals.CriticalityCondition(gelu);
        Assert.That(condition, Is.Not.Null, reason);
        var roots = ExactRoots.Of(condition!, ErfGaussianIntegrals.K)!;
        var k = Polynomial.Var(ErfGaussianIntegrals.K);
        Assert.That(roots.Monic, Is.EqualTo(k * k - 3 * k - 2));
        var root = roots.Positive.Single();
        Assert.That(root, Is.EqualTo(new QuadraticSurd(Rational.Create(3, 2), Rational.Create(1, 2), 17)));
        Assert.That(root.ToString(), Is.EqualTo("(3 + √17)/2"));
        Assert.That(root.ToLatex(), Is.EqualTo("\\frac{3 + \\sqrt{17}}{2}"));
        // A multiple of GELU has the same condition (5.73) is homogeneous in σ).
        var (twice, _) = ErfGaussianIntegrals.CriticalityCondition(ErfPolynomial.Constant(3) * gelu);
        Assert.That(ExactRoots.Of(twice!, ErfGaussianIntegrals.K)!.Monic, Is.EqualTo(roots.Monic));
    }

    [Test]
    public void Conditions_without_a_closed_form_are_refused()
    {
        // σ = Φ: K⟨φ²⟩ vs ⟨zΦφ⟩, a different unit mix; σ = Φ² z: Φ³ never appears but arcsin terms stay.
        var (phi, why) = ErfGaussianIntegrals.CriticalityCondition(ErfPolynomial.Phi * ErfPolynomial.Phi * ErfPolynomial.Phi * ErfPolynomial.Z);
        Assert.That(phi, Is.Null);
        Assert.That(why, Does.Contain("Phi^"));
        // σ = z: (5.73) holds for every K (the scale-invariant line).
        var (linear, reason) = ErfGaussianIntegrals.CriticalityCondition(ErfPolynomial.Z);
        Assert.That(linear, Is.Null);
        Assert.That(reason, Does.Contain("every K"));
    }

    [TestCase(1, -3, -2, "(3 - √17)/2", "(3 + √17)/2")]
    [TestCase(1, 0, -8, "-2√2", "2√2")]
    [TestCase(4, -4, -3, "-1/2", "3/2")]
    [TestCase(2, 0, -1, "-√2/2", "√2/2")]
    public void Quadratic_roots_are_exact(int a, int b, int c, string low, string high)
    {
        var roots = QuadraticSurd.Roots(a, b, c);
        Assert.That(roots.Select(r => r.ToString()), Is.EqualTo(new[] { low, high }));
        foreach (var r in roots)
        {
            double x = r.ToDouble();
            Assert.That(a * x * x + b * x + c, Is.EqualTo(0).Within(1e-12));
        }
    }
}
