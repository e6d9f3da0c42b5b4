using System.Globalization;

namespace Wick.Numeric.Gaussian;

/// <summary>Thrown for a kernel that is not a finite symmetric positive semi-definite matrix.</summary>
public sealed class KernelException(string message) : ArgumentException(message);

/// <summary>
/// A kernel K_{αβ} (the covariance of the Gaussian in ⟨f(z_{α1}, …, z_{αk})⟩_K, eq. 4.118) for k = 1…6 inputs:
/// finite, symmetric, positive semi-definite — coincident inputs (singular K) included. It carries a pivoted
/// Cholesky factor K = L Lᵀ with L of size k × r, r = rank K, so z = L u with u ~ N(0, I_r): quadrature runs in
/// r dimensions only.
/// </summary>
public sealed class KernelMatrix
{
    /// <summary>Most inputs a Gaussian expectation may have: six, for the book's raised-index NLO bodies
    /// ⟨σ_α1 σ_α2 (z_β1 z_β2 − K)(z_β3 z_β4 − K)⟩ (4.115), which the exact routes integrate (Stein's lemma removes the z's).</summary>
    public const int MaxInputs = 6;

    /// <summary>Most dimensions (rank K) a quadrature rule is run in (tensor rules grow like nodes^rank).</summary>
    public const int MaxQuadratureRank = 4;

    private readonly double[,] _k;

    public KernelMatrix(double[,] k)
    {
        int n = k.GetLength(0);
        if (n < 1 || n > MaxInputs || k.GetLength(1) != n)
            throw new KernelException($"the kernel must be a square 1×1 … {MaxInputs}×{MaxInputs} matrix, got {k.GetLength(0)}×{k.GetLength(1)}");
        double scale = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (!double.IsFinite(k[a, b])) throw new KernelException($"kernel entry K[{a + 1},{b + 1}] = {Show(k[a, b])} is not a finite number");
                scale = Math.Max(scale, Math.Abs(k[a, b]));
            }
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                if (Math.Abs(k[a, b] - k[b, a]) > 1e-12 * Math.Max(scale, 1e-300))
                    throw new KernelException($"the kernel is not symmetric: K[{a + 1},{b + 1}] = {Show(k[a, b])} but K[{b + 1},{a + 1}] = {Show(k[b, a])}");
        _k = (double[,])k.Clone();
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++) _k[b, a] = _k[a, b];
        Factor = PivotedCholesky(_k, scale, out int rank);
        Rank = rank;
    }

    /// <summary>A 1×1 kernel (one input).</summary>
    public static KernelMatrix Scalar(double k) => new(new[,] { { k } });

    /// <summary>Number of inputs k.</summary>
    public int Size => _k.GetLength(0);

    /// <summary>Rank r of K (coincident inputs lower it).</summary>
    public int Rank { get; }

    /// <summary>L (k × r) with K = L Lᵀ.</summary>
    public double[,] Factor { get; }

    public double this[int a, int b] => _k[a, b];

    /// <summary>A copy of the entries.</summary>
    public double[,] ToArray() => (double[,])_k.Clone();

    /// <summary>
    /// Pivoted (rank-revealing) Cholesky: at each step the largest remaining diagonal pivot; stops when it falls
    /// below a relative 1e-13 (the rest is rounding). A pivot below −1e-10 × scale means K is not PSD.
    /// </summary>
    private static double[,] PivotedCholesky(double[,] k, double scale, out int rank)
    {
        int n = k.GetLength(0);
        var a = (double[,])k.Clone();
        var l = new double[n, n];
        var done = new bool[n];
        rank = 0;
        double tol = 1e-13 * scale;
        for (int step = 0; step < n; step++)
        {
            int p = -1;
            double best = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
                if (!done[i] && a[i, i] > best) { best = a[i, i]; p = i; }
            if (best < -1e-10 * Math.Max(scale, 1e-300))
                throw new KernelException($"the kernel is not positive semi-definite (a Schur complement has diagonal {Show(best)}); a covariance must have K[a,a] K[b,b] ≥ K[a,b]² and no negative eigenvalues");
            if (best <= tol) break;
            done[p] = true;
            double s = Math.Sqrt(best);
            for (int i = 0; i < n; i++) l[i, rank] = done[i] && i != p ? 0 : a[i, p] / s;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) a[i, j] -= l[i, rank] * l[j, rank];
            rank++;
        }
        // A zero remaining diagonal with a non-zero off-diagonal would mean a negative eigenvalue.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (Math.Abs(a[i, j]) > 1e-8 * Math.Max(scale, 1e-300))
                    throw new KernelException($"the kernel is not positive semi-definite (residual {Show(a[i, j])} at [{i + 1},{j + 1}] after factoring)");
        var f = new double[n, rank];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < rank; j++) f[i, j] = l[i, j];
        return f;
    }

    private static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    public override string ToString()
    {
        int n = Size;
        return "[" + string.Join(",", Enumerable.Range(0, n).Select(a =>
            "[" + string.Join(",", Enumerable.Range(0, n).Select(b => _k[a, b].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
    }
}
