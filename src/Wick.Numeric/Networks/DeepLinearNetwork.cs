namespace Wick.Numeric.Networks;

/// <summary>
/// A deep linear network z^{(ℓ+1)} = b^{(ℓ+1)} + W^{(ℓ+1)} z^{(ℓ)}, z^{(0)} = x (3.1–3.2), with
/// E[W W] = C_W / n_{ℓ−1} and E[b b] = C_b (zero C_b: no biases, the book's default).
/// </summary>
/// <param name="Widths">n_1 … n_L.</param>
/// <param name="CW">Weight variance C_W.</param>
/// <param name="Cb">Bias variance C_b.</param>
public sealed record DeepLinearNetwork(WidthProfile Widths, double CW = 1, double Cb = 0)
{
    /// <summary>Checks the hyperparameters (C_W &gt; 0, C_b ≥ 0, both finite).</summary>
    public DeepLinearNetwork Validated()
    {
        if (!(CW > 0) || !double.IsFinite(CW)) throw new ArgumentException($"--cw must be a positive finite number, got {CW}.");
        if (!(Cb >= 0) || !double.IsFinite(Cb)) throw new ArgumentException($"--cb must be a non-negative finite number, got {Cb}.");
        return this;
    }

    /// <summary>Number of layers L.</summary>
    public int Depth => Widths.Depth;

    /// <summary>True when biases are present.</summary>
    public bool HasBias => Cb != 0;
}
