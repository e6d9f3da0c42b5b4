using Wick.Numeric.Activations;

namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// σ applied to a whole layer, s_i = σ(z_i), for the samplers. σ = tanh(z) runs <see cref="SamplerTanh"/> (vectorised,
/// within <see cref="SamplerTanh.MaxUlpError"/> ulp of Math.Tanh, the same bits whatever the layer's length) and
/// σ = max(z, 0) a plain loop (no delegate call per neuron); any other σ calls its compiled delegate per element, and
/// max(z, 0) gives the delegate's values.
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
            SamplerTanh.Apply(z, s);
        else if (_relu)
            for (int i = 0; i < z.Length; i++) s[i] = Math.Max(z[i], 0);
        else
        {
            var sigma = _sigma;
            for (int i = 0; i < z.Length; i++) s[i] = sigma(z[i]);
        }
    }
}
