using System.Globalization;
using Wick.Algebra.Syntax;
using Wick.Numeric.CrossChecks;
using Wick.Numeric.Networks;

namespace Wick.Engine;

/// <summary>
/// A Monte Carlo study of real deep linear networks for one input (what <c>wick crosscheck</c> does for G_2 … G_2m):
/// the engine's derived recursions evaluated, the closed form (3.47) where there is one, and every weight of
/// <see cref="Samples"/> networks drawn, each moment ± its batch-means error and the z-score.
/// </summary>
public sealed record MonteCarloRequest
{
    /// <summary>Widths n_1 … n_L as the command reads them: "8,8,16" or "8x10" (ten layers of width 8).</summary>
    public string Widths { get; init; } = "8x6";
    /// <summary>Weight variance C_W (critical: 1).</summary>
    public double CW { get; init; } = 1;
    /// <summary>Bias variance C_b (0: no biases).</summary>
    public double Cb { get; init; }
    /// <summary>G_2^{(0)} = |x|²/n_0 of the single input.</summary>
    public double InputNorm { get; init; } = 1;
    /// <summary>Highest correlator order 2m (even, 2 … 16).</summary>
    public int Points { get; init; } = 6;
    /// <summary>Sampled networks (at least 2).</summary>
    public long Samples { get; init; } = 100_000;
    /// <summary>Random seed: the same seed gives the same numbers whatever the thread count.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Worker threads (null: all cores); results do not depend on it.</summary>
    public int? Threads { get; init; }
}

/// <summary>The rows of a <see cref="MonteCarloRequest"/> and the verdict, in text, LaTeX and JSON.</summary>
public sealed class MonteCarloStudy : Report
{
    /// <summary>The request as run.</summary>
    public required MonteCarloRequest Request { get; init; }
    /// <summary>The network sampled.</summary>
    public required DeepLinearNetwork Network { get; init; }
    /// <summary>Recursion vs closed form vs Monte Carlo, per quantity and layer.</summary>
    public required CrossCheckReport CrossCheck { get; init; }

    /// <summary>One row per G_{2k} and layer.</summary>
    public IReadOnlyList<CrossCheckRow> Rows => CrossCheck.Rows;

    /// <summary>True when every z-tested row is within |z| ≤ 4 and recursion = closed form.</summary>
    public bool Agrees => CrossCheck.Agrees;

    /// <summary>Runs the study (a bad request throws <see cref="RequestException"/>).</summary>
    public static MonteCarloStudy Run(MonteCarloRequest request, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Points < 2 || request.Points % 2 != 0 || request.Points > 16)
            throw new RequestException($"Points must be an even number from 2 to 16, got {request.Points}.");
        if (request.Samples < 2) throw new RequestException($"Samples must be at least 2, got {request.Samples}.");
        DeepLinearNetwork network;
        try { network = new DeepLinearNetwork(WidthProfile.Parse(request.Widths), request.CW, request.Cb).Validated(); }
        catch (Exception e) when (e is ArgumentException or FormatException) { throw new RequestException(e.Message); }
        if (!(request.InputNorm > 0) || !double.IsFinite(request.InputNorm))
            throw new RequestException($"InputNorm must be a positive finite number, got {request.InputNorm}.");
        var input = NetworkInputs.FromNorm(request.InputNorm, network.Widths[1]);
        var report = DeepLinearCrossCheck.Run(network, input, null, request.Points, request.Samples, 0, request.Seed, request.Threads, progress);
        return new MonteCarloStudy { Request = request, Network = network, CrossCheck = report };
    }

    private string Heading =>
        $"Monte Carlo of {Request.Samples} deep linear networks, widths {Network.Widths}, C_W = {Num(Network.CW)}, C_b = {Num(Network.Cb)}, " +
        $"G2^(0) = {Num(Request.InputNorm)}, seed {Request.Seed}: derived recursion, closed form (3.47), Monte Carlo ± error, z";

    private static string Num(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static string PlusMinus(CrossCheckRow r) => $"{Num(r.MonteCarlo.Value)} ± {r.MonteCarlo.StdErr.ToString("G2", CultureInfo.InvariantCulture)}";

    private string Verdict => Agrees
        ? $"agree: every z-tested |z| ≤ {Num(CrossCheck.ZLimit)} ({Rows.Count(r => r.ZTested)} of {Rows.Count} rows z-tested)"
        : $"DISAGREE: {string.Join(", ", CrossCheck.Failures.Select(f => $"{f.Quantity} at layer {f.Layer}"))}";

    private IEnumerable<string[]> Cells => Rows.Select(r => new[]
    {
        r.Quantity, r.Layer.ToString(CultureInfo.InvariantCulture), Num(r.Recursion), r.ClosedForm is { } c ? Num(c) : "—",
        PlusMinus(r), r.ZTested ? r.Z.ToString("F2", CultureInfo.InvariantCulture) : "—", r.ZTested ? "" : "not z-tested: " + r.Note,
    });

    private static readonly string[] Headers = ["quantity", "layer", "recursion", "closed form", "Monte Carlo", "z", "note"];

    public override string Text()
    {
        var w = new StringWriter();
        w.WriteLine(Heading);
        var rows = Cells.Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var r in rows) w.WriteLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))).TrimEnd());
        w.WriteLine(Verdict);
        return w.ToString();
    }

    /// <summary>The heading and verdict as <c>%</c> lines around a display-math table (<see cref="LatexTable"/>).</summary>
    public override string Latex() =>
        $"% {Heading}{Environment.NewLine}" +
        LatexTable.Array(Headers, Cells) +
        $"% {Verdict}{Environment.NewLine}";

    public override object Json() => new
    {
        widths = Network.Widths.ToString(),
        cw = Network.CW,
        cb = Network.Cb,
        inputNorm = Request.InputNorm,
        samples = Request.Samples,
        seed = Request.Seed,
        agrees = Agrees,
        rows = Rows.Select(r => new
        {
            quantity = r.Quantity, layer = r.Layer, recursion = r.Recursion, closedForm = r.ClosedForm,
            monteCarlo = r.MonteCarlo.Value, stderr = r.MonteCarlo.StdErr, z = r.Z, zTested = r.ZTested, note = r.Note,
        }).ToList(),
    };
}
