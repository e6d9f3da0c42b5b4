using CsCheck;
using Wick.Numeric.Activations;

namespace Wick.Numeric.Tests.Gaussian;

public class ActivationTests
{
    [TestCase("tanh")]
    [TestCase("sin")]
    [TestCase("erf")]
    [TestCase("gelu")]
    [TestCase("swish")]
    [TestCase("sigmoid")]
    [TestCase("softplus")]
    [TestCase("z/(1+exp(-z))")]
    [TestCase("z^3 - 2*z + cos(z)^2")]
    [TestCase("log(2 + tanh(z)) * exp(-z^2/4)")]
    [TestCase("sqrt(1 + z^2)^(1/3)")]
    public void Symbolic_derivatives_match_finite_differences(string name)
    {
        var sigma = Activation.Parse(name);
        foreach (double z in new[] { -2.3, -0.7, 0.1, 0.9, 1.7 })
            for (int d = 0; d < 2; d++)
            {
                double h = 1e-5;
                double fd = (sigma.Compiled(d)(z + h) - sigma.Compiled(d)(z - h)) / (2 * h);
                Assert.That(sigma.Compiled(d + 1)(z), Is.EqualTo(fd).Within(1e-6 * Math.Max(1, Math.Abs(fd))), $"σ^({d + 1})({z}) of {name}: {sigma.Derivative(d + 1)}");
            }
    }

    // The Native AOT build of the CLI evaluates σ through closures instead of an expression tree compiled to IL:
    // both routes must give the same double, bit for bit, for σ and its derivatives.
    [TestCase("tanh")]
    [TestCase("relu")]
    [TestCase("leaky_relu:0.1")]
    [TestCase("erf")]
    [TestCase("gelu")]
    [TestCase("swish")]
    [TestCase("softplus")]
    [TestCase("z^3 - 2*z + cos(z)^2")]
    [TestCase("log(2 + tanh(z)) * exp(-z^2/4)")]
    [TestCase("sqrt(1 + z^2)^(1/3)")]
    [TestCase("max(z, 0.2*z) - sin(z)/(1+z^2)")]
    public void Closures_and_compiled_IL_agree_bit_for_bit(string name)
    {
        var sigma = Activation.Parse(name);
        for (int d = 0; d <= 2; d++)
        {
            SigmaExpression e;
            try { e = sigma.Derivative(d); }
            catch (InvalidOperationException) { continue; } // a kinked σ has no ordinary σ''
            var compiled = e.Compile();
            var closure = e.ToClosure();
            Gen.Double[-40, 40].Sample(z =>
                BitConverter.DoubleToInt64Bits(compiled(z)) == BitConverter.DoubleToInt64Bits(closure(z))
                || (double.IsNaN(compiled(z)) && double.IsNaN(closure(z))), iter: 2000);
            Assert.That(closure(0.37), Is.EqualTo(compiled(0.37)), $"σ^({d}) of {name}: {e}");
        }
    }

    [Test]
    public void Built_ins_have_their_textbook_values()
    {
        Assert.That(Activation.Parse("gelu").Compiled(0)(1.0), Is.EqualTo(0.8413447460685429).Within(1e-15));
        Assert.That(Activation.Parse("swish").Compiled(0)(2.0), Is.EqualTo(2 / (1 + Math.Exp(-2))).Within(1e-15));
        Assert.That(Activation.Parse("softplus").Compiled(1)(0.3), Is.EqualTo(1 / (1 + Math.Exp(-0.3))).Within(1e-15));
        Assert.That(Activation.Parse("leaky_relu:0.1").Compiled(0)(-2.0), Is.EqualTo(-0.2).Within(1e-15));
        Assert.That(Activation.Parse("leaky_relu:0.1").Slopes, Is.EqualTo(new ScaleInvariantSlopes(1, 0.1)));
        Assert.That(Activation.Parse("abs").Compiled(0)(-3.0), Is.EqualTo(3.0));
        Assert.That(Activation.Parse("erf").IsErf, Is.True);
        Assert.That(Activation.Parse("erf(z)").IsErf, Is.True);
        Assert.That(Activation.Parse("tanh").Derivative(1).ToString(), Is.EqualTo("1 - tanh(z)^2"));
    }

    [TestCase("tanh(", 6)]
    [TestCase("z + foo(z)", 5)]
    [TestCase("z * * 2", 5)]
    [TestCase("leaky_relu:x", 11)]
    [TestCase("max(z)", 6)]
    public void Bad_activations_are_located(string text, int column)
    {
        var e = Assert.Throws<ActivationFormatException>(() => Activation.Parse(text));
        Assert.That(e!.Column, Is.EqualTo(column), e.Message);
    }

    [Test]
    public void Unknown_name_lists_the_builtins()
    {
        var e = Assert.Throws<ActivationFormatException>(() => Activation.Parse("selu"));
        Assert.That(e!.Message, Does.Contain("tanh").And.Contain("leaky_relu:A"));
    }
}
