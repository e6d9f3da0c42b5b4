using Wick.Algebra.Syntax;
using SyntaxExpectation = Wick.Algebra.Syntax.GaussianExpectation;

namespace Wick.Numeric.Gaussian;

/// <summary>A node that has no numeric meaning inside ⟨…⟩_K (a weight, a neural index, another layer's kernel, …).</summary>
public sealed class UnsupportedBodyException(Expr node) : ArgumentException(
    "cannot appear in a Gaussian expectation evaluated numerically: use sigma_a, sigma'_a, sigma''_a, z_a, K_{ab} (the same kernel), numbers, +, -, *, integer powers and division by numbers")
{
    public Expr Node { get; } = node;
}

/// <summary>
/// The parsed ⟨…⟩_K of the input language (<see cref="SyntaxExpectation"/>) as a numeric <see cref="GaussianBody"/>:
/// σ_α, σ'_α, σ''_α and z_α fields, K_{αβ} entries (constants of the given kernel), numbers, +, −, ×, integer
/// powers and division by numbers. Sample indices become input positions in order of first appearance; a body
/// written without indices (<c>&lt;sigma sigma&gt;_K</c>) has one input.
/// </summary>
public static class BodyFromSyntax
{
    /// <summary>The body and the sample-index names in input order ("" for the index-free single input).</summary>
    public static (GaussianBody Body, IReadOnlyList<string> Inputs) Convert(SyntaxExpectation g, KernelMatrix k)
    {
        var names = new List<string>();
        var body = Walk(g.Body);
        if (names.Count != k.Size)
            throw new ArgumentException(names.Count == 0
                ? $"the body has no sigma or z factor, but the kernel is {k.Size}×{k.Size}"
                : $"the body has {names.Count} sample index(es) ({string.Join(", ", names.Select(n => n.Length == 0 ? "none" : n))}) but the kernel is {k.Size}×{k.Size}: give one kernel row per input");
        return (body, names);

        int Input(Wick.Algebra.Syntax.Index? sample)
        {
            string name = sample?.Name ?? "";
            if (names.Count > 0 && (names[0].Length == 0) != (name.Length == 0))
                throw new ArgumentException("write every sigma and z with a sample index (sigma_a1 sigma_a2) or none of them (sigma sigma, one input)");
            int i = names.IndexOf(name);
            if (i >= 0) return i;
            if (names.Count == KernelMatrix.MaxInputs)
                throw new ArgumentException($"at most {KernelMatrix.MaxInputs} distinct sample indices in a Gaussian expectation");
            names.Add(name);
            return names.Count - 1;
        }

        GaussianBody Walk(Expr e) => e switch
        {
            Sum s => s.Terms.Select(Walk).Aggregate((a, b) => a + b),
            Product p => p.Factors.Select(Walk).Aggregate((a, b) => a * b),
            Negate n => -Walk(n.Operand),
            Number num => GaussianBody.Constant(num.Value.ToDouble()),
            Power { Exponent: >= 0 } pw => Enumerable.Repeat(pw.Base, pw.Exponent).Select(Walk).Aggregate(GaussianBody.Constant(1), (a, b) => a * b),
            Quotient { Denominator: Number d } q when !d.Value.IsZero => (1 / d.Value.ToDouble()) * Walk(q.Numerator),
            Field { Kind: FieldKind.Sigma or FieldKind.Z, Neural.Count: 0 } f when f.Layer is null || f.Layer == g.KernelLayer =>
                GaussianBody.Of(f.Kind == FieldKind.Sigma ? BodyFactor.Sigma(Input(f.Sample), f.Derivative) : BodyFactor.Z(Input(f.Sample))),
            Quantity { Kind: QuantityKind.K, Indices.Count: 2 } q when q.Layer == g.KernelLayer =>
                GaussianBody.Constant(k[Input(q.Indices[0]), Input(q.Indices[1])]),
            _ => throw new UnsupportedBodyException(e),
        };
    }
}
