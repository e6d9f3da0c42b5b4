using Wick.Numeric.Activations;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// σ applied to a whole layer, s_i = σ(z_i), for the samplers. σ = tanh(z) and σ = max(z, 0) run in a plain loop (no
/// delegate call per neuron); any other σ calls its compiled delegate per element. The values are the delegate's (the
/// same Math calls), so the samplers' numbers do not depend on the route.
/// </summary>
internal sealed class LayerActivation
{
    private static readonly SigmaExpression TanhOfZ = SigmaExpression.Call(SigmaFunction.Tanh, SigmaExpression.Z);
    private static readonly SigmaExpression ReluOfZ = SigmaExpression.Max(SigmaExpression.Z, SigmaExpression.Const(0));

    private readonly Func<double, double> _sigma;
    private readonly bool _tanh, _relu;

    public LayerActivation(Activation activation)
    {
        _sigma = activation.Compiled(0);
        _tanh = activation.Expression == TanhOfZ;
        _relu = activation.Expression == ReluOfZ;
    }

    /// <summary>s_i = σ(z_i) for every i (s.Length ≥ z.Length).</summary>
    public void Apply(ReadOnlySpan<double> z, Span<double> s)
    {
        s = s[..z.Length];
        if (_tanh)
            for (int i = 0; i < z.Length; i++) s[i] = Math.Tanh(z[i]);
        else if (_relu)
            for (int i = 0; i < z.Length; i++) s[i] = Math.Max(z[i], 0);
        else
        {
            var sigma = _sigma;
            for (int i = 0; i < z.Length; i++) s[i] = sigma(z[i]);
        }
    }
}
