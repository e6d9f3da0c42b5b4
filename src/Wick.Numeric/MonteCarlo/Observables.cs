namespace Wick.Numeric.MonteCarlo;

/// <summary>
/// What one sampled network contributes per layer: unbiased per-network estimates whose expectations are the
/// quantities the engine predicts. One input: G_2, G_4, …, G_{2M} from neural-index-averaged moments,
/// ĝ_{2m} = (1/n) Σ_i z_i^{2m} / (2m−1)!! (3.44). Several inputs: the metric K_{αβ} = (1/n) Σ_i z_{i;α} z_{i;β}
/// (3.13) and the four-point structure F_{(αβ)(γδ)} from distinct neurons,
/// F̂ = [S_{αβ} S_{γδ} − Σ_i z_{i;α}z_{i;β}z_{i;γ}z_{i;δ}] / (n(n−1)), S_{αβ} = Σ_i z_{i;α}z_{i;β}.
/// </summary>
public sealed class Observables
{
    private Observables(int inputs, int points, IReadOnlyList<(int A, int B)> pairs, IReadOnlyList<(int A, int B, int C, int D)> quads)
    {
        Inputs = inputs;
        Points = points;
        Pairs = pairs;
        Quads = quads;
        var names = new List<string>();
        if (inputs == 1)
            for (int m = 1; m <= points / 2; m++) names.Add($"G{2 * m}");
        else
        {
            names.AddRange(pairs.Select(p => KName(p.A, p.B)));
            names.AddRange(quads.Select(q => FName(q.A, q.B, q.C, q.D)));
        }
        Names = names;
    }

    /// <summary>Observables of one input up to G_{points}.</summary>
    public static Observables SingleInput(int points)
    {
        if (points < 2 || points % 2 != 0) throw new ArgumentException($"--points must be an even number ≥ 2, got {points}.");
        if (points > 1000) throw new ArgumentException($"--points {points}: at most 1000 (the estimates z^P/(P−1)!! overflow doubles long before).");
        return new Observables(1, points, [], []);
    }

    /// <summary>Metric and four-point structures of <paramref name="inputs"/> ≥ 2 inputs (all canonical (αβ)(γδ)).</summary>
    public static Observables MultiInput(int inputs)
    {
        if (inputs < 2) throw new ArgumentException("Several-input observables need at least two inputs.");
        var pairs = new List<(int, int)>();
        for (int a = 0; a < inputs; a++)
            for (int b = a; b < inputs; b++) pairs.Add((a, b));
        var quads = new List<(int, int, int, int)>();
        for (int p = 0; p < pairs.Count; p++)
            for (int q = p; q < pairs.Count; q++) quads.Add((pairs[p].Item1, pairs[p].Item2, pairs[q].Item1, pairs[q].Item2));
        return new Observables(inputs, 4, pairs, quads);
    }

    /// <summary>Number of inputs k.</summary>
    public int Inputs { get; }

    /// <summary>Highest correlator order (single input).</summary>
    public int Points { get; }

    /// <summary>Sample-index pairs α ≤ β of the metric.</summary>
    public IReadOnlyList<(int A, int B)> Pairs { get; }

    /// <summary>Canonical quadruples (αβ)(γδ) of the four-point structure.</summary>
    public IReadOnlyList<(int A, int B, int C, int D)> Quads { get; }

    /// <summary>Names of the per-layer quantities, in storage order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Quantities per layer.</summary>
    public int PerLayer => Names.Count;

    /// <summary>Index of K_{αβ} (any order) among the per-layer quantities.</summary>
    public int PairIndex(int a, int b)
    {
        if (a > b) (a, b) = (b, a);
        for (int i = 0; i < Pairs.Count; i++) if (Pairs[i] == (a, b)) return i;
        throw new ArgumentOutOfRangeException(nameof(a));
    }

    /// <summary>Name of the metric entry, 1-based as printed: <c>K[1,2]</c>.</summary>
    public static string KName(int a, int b) => $"K[{a + 1},{b + 1}]";

    /// <summary>Name of the four-point structure, 1-based: <c>F[(1,1)(2,2)]</c>.</summary>
    public static string FName(int a, int b, int c, int d) => $"F[({a + 1},{b + 1})({c + 1},{d + 1})]";

    /// <summary>Name of the four-point vertex: <c>V[(1,1)(2,2)]</c>.</summary>
    public static string VName(int a, int b, int c, int d) => $"V[({a + 1},{b + 1})({c + 1},{d + 1})]";
}
