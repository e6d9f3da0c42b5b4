namespace Wick.Numeric.Networks;

/// <summary>
/// The inputs x_{i;α} (i = 1…n_0, α = 1…k) fed to a network, with their normalised Gram matrix
/// G^{(0)}_{αβ} = (1/n_0) Σ_i x_{i;α} x_{i;β} (3.9), which is all the deep linear statistics depend on.
/// </summary>
public sealed class NetworkInputs
{
    private readonly double[][] _vectors;

    public NetworkInputs(IReadOnlyList<IReadOnlyList<double>> vectors)
    {
        if (vectors.Count == 0) throw new ArgumentException("At least one input vector is needed.");
        int dim = vectors[0].Count;
        if (dim == 0) throw new ArgumentException("Input vectors must not be empty.");
        for (int a = 0; a < vectors.Count; a++)
        {
            if (vectors[a].Count != dim) throw new ArgumentException($"Input {a + 1} has {vectors[a].Count} components, input 1 has {dim}.");
            foreach (double v in vectors[a])
                if (!double.IsFinite(v)) throw new ArgumentException($"Input {a + 1} has a non-finite component.");
        }
        _vectors = vectors.Select(v => v.ToArray()).ToArray();
    }

    /// <summary>One input of dimension n_0 with G^{(0)} = |x|²/n_0 = <paramref name="norm"/>: x = √Q (1, …, 1).</summary>
    public static NetworkInputs FromNorm(double norm, int inputDim)
    {
        if (!(norm >= 0) || !double.IsFinite(norm)) throw new ArgumentException($"--input-norm must be a finite non-negative number, got {norm}.");
        if (inputDim < 1) throw new ArgumentException($"--input-dim must be a positive integer, got {inputDim}.");
        double c = Math.Sqrt(norm);
        return new NetworkInputs([Enumerable.Repeat(c, inputDim).ToArray()]);
    }

    /// <summary>Input dimension n_0.</summary>
    public int Dimension => _vectors[0].Length;

    /// <summary>Number of inputs k.</summary>
    public int Count => _vectors.Length;

    /// <summary>x_{·;α}.</summary>
    public ReadOnlySpan<double> Vector(int alpha) => _vectors[alpha];

    /// <summary>G^{(0)}_{αβ} = (1/n_0) x_α · x_β (3.9).</summary>
    public double Gram(int alpha, int beta)
    {
        double s = 0;
        var x = _vectors[alpha];
        var y = _vectors[beta];
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s / x.Length;
    }
}
