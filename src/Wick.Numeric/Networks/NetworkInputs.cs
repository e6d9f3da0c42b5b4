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

    /// <summary>The largest input dimension offered: each input is held as a dense vector of n_0 components.</summary>
    public const int MaxDimension = 10_000_000;

    private static void CheckDimension(int inputDim)
    {
        if (inputDim > MaxDimension)
            throw new ArgumentException($"--input-dim {inputDim} is over the limit of {MaxDimension} (each input is a dense vector of n_0 components).");
    }

    /// <summary>One input of dimension n_0 with G^{(0)} = |x|²/n_0 = <paramref name="norm"/>: x = √Q (1, …, 1).</summary>
    public static NetworkInputs FromNorm(double norm, int inputDim)
    {
        if (!(norm >= 0) || !double.IsFinite(norm)) throw new ArgumentException($"--input-norm must be a finite non-negative number, got {norm}.");
        if (inputDim < 1) throw new ArgumentException($"--input-dim must be a positive integer, got {inputDim}.");
        CheckDimension(inputDim);
        double c = Math.Sqrt(norm);
        return new NetworkInputs([Enumerable.Repeat(c, inputDim).ToArray()]);
    }

    /// <summary>
    /// Inputs with a prescribed Gram matrix G^{(0)}_{αβ} (symmetric, positive semi-definite): x_α = √n_0 L_α with
    /// G = L Lᵀ (Cholesky, rows padded with zeros to n_0 ≥ k), so that (1/n_0) x_α·x_β = G_αβ exactly up to rounding.
    /// </summary>
    public static NetworkInputs FromGram(IReadOnlyList<IReadOnlyList<double>> gram, int inputDim)
    {
        int k = gram.Count;
        if (k == 0) throw new ArgumentException("The Gram matrix is empty.");
        if (gram.Any(r => r.Count != k)) throw new ArgumentException($"The Gram matrix must be square ({k}×{k}).");
        if (inputDim < k) throw new ArgumentException($"--input-dim must be at least the number of inputs ({k}) to realise a Gram matrix, got {inputDim}.");
        CheckDimension(inputDim);
        var l = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                if (Math.Abs(gram[i][j] - gram[j][i]) > 1e-12 * (Math.Abs(gram[i][j]) + Math.Abs(gram[j][i]) + 1e-300))
                    throw new ArgumentException($"The Gram matrix is not symmetric at ({i + 1},{j + 1}).");
                double s = gram[i][j];
                for (int p = 0; p < j; p++) s -= l[i, p] * l[j, p];
                if (i == j)
                {
                    if (s < -1e-12 * Math.Max(1, Math.Abs(gram[i][i]))) throw new ArgumentException("The Gram matrix is not positive semi-definite.");
                    l[i, i] = Math.Sqrt(Math.Max(s, 0));
                }
                else l[i, j] = l[j, j] > 0 ? s / l[j, j] : 0;
            }
        double scale = Math.Sqrt(inputDim);
        var vectors = new double[k][];
        for (int a = 0; a < k; a++)
        {
            vectors[a] = new double[inputDim];
            for (int p = 0; p <= a; p++) vectors[a][p] = scale * l[a, p];
        }
        return new NetworkInputs(vectors);
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
