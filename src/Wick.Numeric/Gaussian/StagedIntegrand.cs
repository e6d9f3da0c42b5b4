using Wick.Numeric.Activations;

namespace Wick.Numeric.Gaussian;

/// <summary>
/// A body Σ_t c_t Π_i g_{ti}(z_{a_ti}) arranged for nested quadrature over z = L u: with L (pivoted Cholesky) triangular up to a
/// permutation, z_a is fixed once u_0 … u_{j(a)} are (j(a) = the last non-zero column of row a), so each factor is evaluated at
/// the level where its input completes and carried as a partial product per term — σ(z_1) σ(z_2) costs one σ call per node
/// of the inner dimension, not two. An arbitrary integrand f(z) is one term evaluated at the innermost level.
/// </summary>
internal sealed class StagedIntegrand
{
    private readonly record struct Factor(int Input, Func<double, double>? Fn);

    private readonly Factor[][][] _byLevel;         // [level][term] factors completing at that level
    private readonly Func<double[], double>? _whole;
    private readonly double[][] _buffers;            // partial products after each level
    private readonly int _size;

    private StagedIntegrand(double[] start, Factor[][][] byLevel, Func<double[], double>? whole, int size)
    {
        _size = size;
        Start = start;
        _byLevel = byLevel;
        _whole = whole;
        _buffers = byLevel.Select(_ => new double[start.Length]).ToArray();
    }

    /// <summary>Partial products before any level: coefficients times factors on inputs with z ≡ 0.</summary>
    public double[] Start { get; }

    public static StagedIntegrand Of(GaussianBody body, Activation sigma, KernelMatrix k)
    {
        int r = k.Rank, terms = body.Terms.Count;
        var l = k.Factor;
        var byLevel = new List<Factor>[Math.Max(r, 1)][];
        for (int j = 0; j < byLevel.Length; j++) byLevel[j] = Enumerable.Range(0, terms).Select(_ => new List<Factor>()).ToArray();
        var start = new double[terms];
        for (int t = 0; t < terms; t++)
        {
            var term = body.Terms[t];
            start[t] = term.Coefficient;
            foreach (var f in term.Factors)
            {
                var fn = f.Kind == BodyFactorKind.Preactivation ? null : sigma.Compiled(f.Order);
                int level = -1;
                for (int j = 0; j < r; j++) if (l[f.Input, j] != 0) level = j;
                if (level < 0) start[t] *= fn is null ? 0 : Finite(fn(0), "σ at z = 0");
                else byLevel[level][t].Add(new Factor(f.Input, fn));
            }
        }
        return new StagedIntegrand(start, byLevel.Select(level => level.Select(t => t.ToArray()).ToArray()).ToArray(), null, k.Size);
    }

    public static StagedIntegrand Whole(Func<double[], double> f, KernelMatrix k)
    {
        var empty = Enumerable.Range(0, Math.Max(k.Rank, 1)).Select(_ => new[] { Array.Empty<Factor>() }).ToArray();
        return new StagedIntegrand([1.0], empty, f, k.Size);
    }

    /// <summary>The partial products after level <paramref name="level"/> (not the innermost) at z.</summary>
    public double[] Stage(int level, double[] z, double[] partial)
    {
        var next = _buffers[level];
        var factors = _byLevel[level];
        for (int t = 0; t < next.Length; t++)
        {
            double p = partial[t];
            foreach (var f in factors[t]) p *= f.Fn is null ? z[f.Input] : f.Fn(z[f.Input]);
            next[t] = p;
        }
        return next;
    }

    /// <summary>f(z) at an innermost node, from the partial products of the outer levels.</summary>
    public double Finish(double[] z, double[] partial)
    {
        if (_whole is not null) return partial[0] * _whole(z);
        var factors = _byLevel[^1];
        double sum = 0;
        for (int t = 0; t < partial.Length; t++)
        {
            double p = partial[t];
            foreach (var f in factors[t]) p *= f.Fn is null ? z[f.Input] : f.Fn(z[f.Input]);
            sum += p;
        }
        return sum;
    }

    /// <summary>The value for a zero kernel (every z = 0).</summary>
    public double AtZero() => Finite(_whole is not null ? _whole(new double[_size]) : Start.Sum(), "at z = 0");

    public static void NotFinite(double v, double[] z) =>
        throw new GaussianEvaluationException($"the integrand is not finite ({v}) at z = ({string.Join(", ", z.Select(x => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}): the activation overflows for this kernel");

    private static double Finite(double v, string where) => double.IsFinite(v)
        ? v
        : throw new GaussianEvaluationException($"the integrand is not finite ({v}) {where}");
}
