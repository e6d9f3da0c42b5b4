using Wick.Numeric.Networks;

namespace Wick.Numeric.ClosedForms;

/// <summary>
/// Closed-form solutions for deep linear networks without biases (chapter 3), used as an independent oracle for
/// the recursions the engine derives: the metric (3.15), G_4 (3.25), G_6 (3.43), G_{2m} (3.47) with c_{2m}
/// (3.46), the double-scaling limit (3.55), and the multi-input four-point structure (diagonalised below).
/// Layers run ℓ = 1 … L; the widths n_1 … n_{ℓ−1} below layer ℓ enter.
/// </summary>
public static class DeepLinearClosedForms
{
    /// <summary>G^{(ℓ)}_{αβ} = C_W^ℓ G^{(0)}_{αβ} (3.15).</summary>
    public static double Metric(int layer, double cw, double gram0)
    {
        CheckLayer(layer, allowZero: true);
        return Math.Pow(cw, layer) * gram0;
    }

    /// <summary>ln G_{2m}^{(ℓ)} = Σ_{ℓ'=1}^{ℓ−1} ln c_{2m}(n_ℓ') + m ln G_2^{(ℓ)} (3.47), for G_2^{(0)} &gt; 0.</summary>
    public static double LogG(int m, int layer, WidthProfile widths, double cw, double g0)
    {
        CheckLayer(layer, allowZero: false);
        if (layer > widths.Depth) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The network has {widths.Depth} layers.");
        double s = m * (layer * Math.Log(cw) + Math.Log(g0));
        for (int l = 1; l < layer; l++) s += CombinatorialFactor.Log(m, widths[l]);
        return s;
    }

    /// <summary>G_{2m}^{(ℓ)} = [Π_{ℓ'=1}^{ℓ−1} c_{2m}(n_ℓ')] (G_2^{(ℓ)})^m (3.47); m = 2 is (3.25), m = 3 is (3.43).</summary>
    public static double G(int m, int layer, WidthProfile widths, double cw, double g0) =>
        g0 == 0 ? 0 : Math.Exp(LogG(m, layer, widths, cw, g0));

    /// <summary>G_4^{(ℓ)} = Π(1 + 2/n_ℓ') (G_2^{(ℓ)})² written out as in (3.25) (no c_{2m} machinery: a second route).</summary>
    public static double G4(int layer, WidthProfile widths, double cw, double g0)
    {
        double g2 = Metric(layer, cw, g0), p = 1;
        for (int l = 1; l < layer; l++) p *= 1 + 2.0 / widths[l];
        return p * g2 * g2;
    }

    /// <summary>G_6^{(ℓ)} = Π(1 + 6/n + 8/n²) (G_2^{(ℓ)})³ written out as in (3.43).</summary>
    public static double G6(int layer, WidthProfile widths, double cw, double g0)
    {
        double g2 = Metric(layer, cw, g0), p = 1;
        for (int l = 1; l < layer; l++)
        {
            double n = widths[l];
            p *= 1 + 6 / n + 8 / (n * n);
        }
        return p * g2 * g2 * g2;
    }

    /// <summary>The normalised G_{2m}^{(ℓ)} / (G_2^{(ℓ)})^m = Π_{ℓ'&lt;ℓ} c_{2m}(n_ℓ') (3.47).</summary>
    public static double NormalisedG(int m, int layer, WidthProfile widths)
    {
        double s = 0;
        for (int l = 1; l < layer; l++) s += CombinatorialFactor.Log(m, widths[l]);
        return Math.Exp(s);
    }

    /// <summary>The double-scaling limit (3.55): G_{2m}/G_2^m → e^{m(m−1) r}, r = L/n.</summary>
    public static double DoubleScaling(int m, double r) => Math.Exp(m * (m - 1.0) * r);

    /// <summary>
    /// The four-point structure F^{(ℓ)}_{(αβ)(γδ)} of several inputs without biases, defined by
    /// E[z_{i1;α}z_{i2;β}z_{i3;γ}z_{i4;δ}] = δ_{i1i2}δ_{i3i4} F_{(αβ)(γδ)} + δ_{i1i3}δ_{i2i4} F_{(αγ)(βδ)} + δ_{i1i4}δ_{i2i3} F_{(αδ)(βγ)}.
    /// Its recursion F' = C_W² [F_{(αβ)(γδ)} + (F_{(αγ)(βδ)} + F_{(αδ)(βγ)})/n_ℓ] mixes the three pairings of one
    /// quadruple through the matrix 1 + (J − 1)/n, with eigenvalues 1 + 2/n (on the sum) and 1 − 1/n (on the
    /// differences); starting from the Gaussian first layer F^{(1)} = K^{(1)}K^{(1)} this gives the closed form
    /// F^{(ℓ)} = C_W^{2(ℓ−1)} [S^{(1)} P_+/3 + (F^{(1)} − S^{(1)}/3) P_−], P_± = Π_{ℓ'&lt;ℓ}(1 + 2/n, 1 − 1/n).
    /// For one input it reduces to (3.25).
    /// </summary>
    public static double FourPoint(int layer, WidthProfile widths, double cw, Func<int, int, double> gram0, int a, int b, int c, int d)
    {
        CheckLayer(layer, allowZero: false);
        double k1 = cw; // K^{(1)} = C_W G^{(0)}
        double fab = k1 * gram0(a, b) * k1 * gram0(c, d);
        double fac = k1 * gram0(a, c) * k1 * gram0(b, d);
        double fad = k1 * gram0(a, d) * k1 * gram0(b, c);
        double s = fab + fac + fad;
        double plus = 1, minus = 1;
        for (int l = 1; l < layer; l++)
        {
            plus *= 1 + 2.0 / widths[l];
            minus *= 1 - 1.0 / widths[l];
        }
        return Math.Pow(cw, 2 * (layer - 1)) * (s * plus / 3 + (fab - s / 3) * minus);
    }

    /// <summary>
    /// The four-point vertex V^{(ℓ)}_{(αβ)(γδ)} = n_{ℓ−1} (F^{(ℓ)}_{(αβ)(γδ)} − K_{αβ} K_{γδ}) (book convention:
    /// the connected four-point function is V/n_{ℓ−1} times the pairing deltas); zero in the first layer.
    /// </summary>
    public static double Vertex(int layer, WidthProfile widths, double cw, Func<int, int, double> gram0, int a, int b, int c, int d)
    {
        if (layer == 1) return 0;
        double f = FourPoint(layer, widths, cw, gram0, a, b, c, d);
        double kk = Metric(layer, cw, gram0(a, b)) * Metric(layer, cw, gram0(c, d));
        return widths[layer - 1] * (f - kk);
    }

    private static void CheckLayer(int layer, bool allowZero)
    {
        if (layer < (allowZero ? 0 : 1)) throw new ArgumentOutOfRangeException(nameof(layer), layer, "Layers run from 1 (0 is the input).");
    }
}
