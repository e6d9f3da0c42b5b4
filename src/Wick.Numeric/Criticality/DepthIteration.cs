namespace Wick.Numeric.Criticality;

/// <summary>One sampled layer of the single-input recursions (5.108)–(5.110), (5.140).</summary>
public readonly record struct DepthSample(long Layer, double K, double V, double NloBare, double NloRenormalised);

/// <summary>
/// Iterates the single-input recursions at fixed (C_b, C_W) for many layers with the Gaussian expectations of
/// <see cref="SingleInputExpectations"/> evaluated at each layer: K^{(ℓ+1)} = C_b + C_W g(K) (5.108),
/// V^{(ℓ+1)} = χ_∥² V + C_W²(⟨σ⁴⟩ − g²) (5.109), G^{\{1\}(ℓ+1)} = χ_∥ G + (j/8) V/K² (5.110) (bare), and the same
/// plus c_b^{1} + c_W^{1} g(K) (5.140) (renormalised). First layer: K^{(1)} given, V^{(1)} = G^{(1)} = 0 (5.118).
/// </summary>
public static class DepthIteration
{
    /// <summary>Runs to the last sampled layer; <paramref name="samples"/> (ascending) are the layers recorded, K^{(1)} = <paramref name="k1"/>, tunings c_b^{1} = <paramref name="cb1"/>, c_W^{1} = <paramref name="cw1"/>.</summary>
    public static IReadOnlyList<DepthSample> Run(SingleInputExpectations exp, double cb, double cw, double k1, double cb1, double cw1, IReadOnlyList<long> samples)
    {
        var result = new List<DepthSample>();
        double k = k1, v = 0, gBare = 0, gRen = 0;
        int next = 0;
        long last = samples.Count == 0 ? 0 : samples[^1];
        for (long layer = 1; layer <= last; layer++)
        {
            if (next < samples.Count && samples[next] == layer)
            {
                result.Add(new DepthSample(layer, k, v, gBare, gRen));
                next++;
            }
            var p = exp.At(k);
            double chi = cw * p.GPrime;
            double j8 = cw * p.GSecond / 2; // j/(8K²) = C_W g''/2
            double nu = cw * cw * (p.SigmaFourth - p.G * p.G);
            double vNext = chi * chi * v + nu;
            gBare = chi * gBare + j8 * v;
            gRen = cb1 + cw1 * p.G + chi * gRen + j8 * v;
            v = vNext;
            k = cb + cw * p.G;
            if (!double.IsFinite(k) || !double.IsFinite(v) || !double.IsFinite(gRen))
                throw new InvalidOperationException($"the recursions left the finite range at layer {layer}");
        }
        return result;
    }
}
