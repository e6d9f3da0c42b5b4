using Wick.Numeric.Activations;
using Wick.Numeric.MonteCarlo;

namespace Wick.Numeric.Ntk;

/// <summary>
/// One finite mlp z^{(ℓ)} = b^{(ℓ)} + W^{(ℓ)} σ(z^{(ℓ−1)}) (σ(z^{(0)}) = x) drawn at initialization, W^{(ℓ)}_{ij} ~ N(0, C_W/n_{ℓ−1}),
/// b^{(ℓ)}_i ~ N(0, C_b), and its empirical NTK Ĥ_{ii;αβ} = Σ_θ λ_θ ∂z^{(L)}_{i;α}/∂θ ∂z^{(L)}_{i;β}/∂θ (lectures (74)) with the
/// book's rates λ_b for biases and λ_W/n_{ℓ−1} for the weights of layer ℓ. The parameter gradients are computed by
/// back-propagation (<see cref="Gradient"/>), checked in the tests against finite differences of <see cref="Output"/>.
/// </summary>
public sealed class EmpiricalNtk
{
    private readonly int[] _widths; // n_0, n_1, …, n_L
    private readonly double[][,] _w; // _w[ℓ−1] is W^{(ℓ)}: n_ℓ × n_{ℓ−1}
    private readonly double[][] _b;
    private readonly Activation _sigma;
    private readonly Func<double, double> _s, _ds;

    /// <summary>Draws the parameters from the stream (<paramref name="seed"/>, <paramref name="stream"/>).</summary>
    public EmpiricalNtk(IReadOnlyList<int> widths, Activation sigma, double cw, double cb, ulong seed, ulong stream)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2 || widths.Any(n => n < 1)) throw new ArgumentException("Widths n_0, n_1, …, n_L, all positive.", nameof(widths));
        _widths = widths.ToArray();
        _sigma = sigma;
        _s = sigma.Compiled(0);
        _ds = sigma.Compiled(1);
        var rng = Xoshiro.ForStream(seed, stream);
        int depth = _widths.Length - 1;
        _w = new double[depth][,];
        _b = new double[depth][];
        for (int l = 0; l < depth; l++)
        {
            int rows = _widths[l + 1], cols = _widths[l];
            double sw = Math.Sqrt(cw / cols), sb = Math.Sqrt(cb);
            _w[l] = new double[rows, cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) _w[l][i, j] = sw * rng.NextNormal();
            _b[l] = new double[rows];
            for (int i = 0; i < rows; i++) _b[l][i] = sb * rng.NextNormal();
        }
    }

    /// <summary>The depth L.</summary>
    public int Depth => _widths.Length - 1;

    /// <summary>Number of parameters (weights and biases).</summary>
    public int ParameterCount => Enumerable.Range(0, Depth).Sum(l => _widths[l + 1] * (_widths[l] + 1));

    /// <summary>Preactivations z^{(1)}, …, z^{(L)} of input x (index 0: the input itself).</summary>
    private double[][] Forward(ReadOnlySpan<double> x)
    {
        var z = new double[Depth + 1][];
        z[0] = x.ToArray();
        for (int l = 1; l <= Depth; l++)
        {
            var w = _w[l - 1];
            var prev = l == 1 ? z[0] : z[l - 1].Select(_s).ToArray();
            var next = new double[_widths[l]];
            for (int i = 0; i < next.Length; i++)
            {
                double s = _b[l - 1][i];
                for (int j = 0; j < prev.Length; j++) s += w[i, j] * prev[j];
                next[i] = s;
            }
            z[l] = next;
        }
        return z;
    }

    /// <summary>z^{(L)}_i(x).</summary>
    public double Output(ReadOnlySpan<double> x, int i) => Forward(x)[Depth][i];

    /// <summary>
    /// ∂z^{(L)}_i/∂θ for every parameter, in the order of <see cref="Parameters"/>, each scaled by √λ_θ (so Σ of products is
    /// the NTK): back-propagation δ^{(L)}_k = δ_{ik}, δ^{(ℓ)}_j = σ'(z^{(ℓ)}_j) Σ_k W^{(ℓ+1)}_{kj} δ^{(ℓ+1)}_k;
    /// ∂z_i/∂b^{(ℓ)}_k = δ^{(ℓ)}_k, ∂z_i/∂W^{(ℓ)}_{kj} = δ^{(ℓ)}_k σ(z^{(ℓ−1)}_j).
    /// </summary>
    public double[] Gradient(ReadOnlySpan<double> x, int i, double lambdaW, double lambdaB)
    {
        var z = Forward(x);
        var grad = new double[ParameterCount];
        var delta = new double[_widths[Depth]];
        delta[i] = 1;
        int offset = ParameterCount;
        for (int l = Depth; l >= 1; l--)
        {
            int rows = _widths[l], cols = _widths[l - 1];
            var input = l == 1 ? z[0] : z[l - 1].Select(_s).ToArray();
            offset -= rows * (cols + 1);
            double rw = Math.Sqrt(lambdaW / cols), rb = Math.Sqrt(lambdaB);
            for (int k = 0; k < rows; k++)
            {
                for (int j = 0; j < cols; j++) grad[offset + k * cols + j] = rw * delta[k] * input[j];
                grad[offset + rows * cols + k] = rb * delta[k];
            }
            if (l == 1) break;
            var below = new double[cols];
            for (int j = 0; j < cols; j++)
            {
                double s = 0;
                for (int k = 0; k < rows; k++) s += _w[l - 1][k, j] * delta[k];
                below[j] = _ds(z[l - 1][j]) * s;
            }
            delta = below;
        }
        return grad;
    }

    /// <summary>The parameters in gradient order (layer 1 first; per layer W row-major, then b), for finite differences.</summary>
    public IEnumerable<(int Layer, int Row, int Column)> Parameters()
    {
        for (int l = 1; l <= Depth; l++)
        {
            for (int k = 0; k < _widths[l]; k++)
                for (int j = 0; j < _widths[l - 1]; j++) yield return (l, k, j);
            for (int k = 0; k < _widths[l]; k++) yield return (l, k, -1);
        }
    }

    /// <summary>Adds <paramref name="h"/> to one parameter (column −1: the bias), for finite differences.</summary>
    public void Perturb((int Layer, int Row, int Column) p, double h)
    {
        if (p.Column < 0) _b[p.Layer - 1][p.Row] += h;
        else _w[p.Layer - 1][p.Row, p.Column] += h;
    }

    /// <summary>Ĥ_{αβ} averaged over the output neurons i (each Ĥ_{ii;αβ}; the infinite-width limit is δ_{ij}Θ).</summary>
    public double[,] Kernel(IReadOnlyList<double[]> inputs, double lambdaW, double lambdaB)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int n = inputs.Count, outputs = _widths[Depth];
        var h = new double[n, n];
        for (int i = 0; i < outputs; i++)
        {
            var g = inputs.Select(x => Gradient(x, i, lambdaW, lambdaB)).ToArray();
            for (int a = 0; a < n; a++)
                for (int b = a; b < n; b++)
                {
                    double s = 0;
                    for (int p = 0; p < g[a].Length; p++) s += g[a][p] * g[b][p];
                    h[a, b] += s / outputs;
                    if (a != b) h[b, a] = h[a, b];
                }
        }
        return h;
    }

    /// <summary>
    /// The mean and standard error of Ĥ_{αβ} over <paramref name="networks"/> independent networks (streams 0 … networks−1 of
    /// <paramref name="seed"/>); <paramref name="widths"/> = n_0, n_1, …, n_L.
    /// </summary>
    public static (double[,] Mean, double[,] StdErr) Average(IReadOnlyList<int> widths, Activation sigma, NtkHyperparameters h,
        IReadOnlyList<double[]> inputs, int networks, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(inputs);
        if (networks < 2) throw new ArgumentOutOfRangeException(nameof(networks), "at least two networks for an error bar");
        int n = inputs.Count;
        var sum = new double[n, n];
        var sq = new double[n, n];
        for (int s = 0; s < networks; s++)
        {
            var k = new EmpiricalNtk(widths, sigma, h.CW, h.Cb, seed, (ulong)s).Kernel(inputs, h.LambdaW, h.LambdaB);
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++) { sum[a, b] += k[a, b]; sq[a, b] += k[a, b] * k[a, b]; }
        }
        var mean = new double[n, n];
        var se = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                mean[a, b] = sum[a, b] / networks;
                se[a, b] = Math.Sqrt(Math.Max(sq[a, b] / networks - mean[a, b] * mean[a, b], 0) / (networks - 1));
            }
        return (mean, se);
    }

    /// <summary>Multiply–adds of one <see cref="Average"/> (back-propagations of every output and input, per network), for budgets.</summary>
    public static double Cost(IReadOnlyList<int> widths, int inputs, int networks)
    {
        ArgumentNullException.ThrowIfNull(widths);
        double perPass = 0;
        for (int l = 1; l < widths.Count; l++) perPass += 3.0 * widths[l] * (widths[l - 1] + 1);
        return perPass * widths[^1] * inputs * networks;
    }

    public override string ToString() => $"mlp {string.Join("x", _widths)} ({_sigma.Name})";
}
