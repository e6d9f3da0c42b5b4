using Wick.Numeric.Activations;
using Wick.Numeric.Mlp;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.CrossChecks;

/// <summary>
/// One row of the mlp cross-check: a Monte Carlo estimate against the leading-order (infinite-width) prediction and the
/// NLO one (the 1/n expansion (4.104)–(4.106) through O(1/n)), with the stated budget for the O(1/n²) remainder.
/// </summary>
public sealed record MlpCrossCheckRow(string Quantity, int Layer, double LeadingOrder, double NextToLeading, double Budget, McEstimate MonteCarlo, bool ZTested, string? Note)
{
    /// <summary>(MC − LO)/stderr: how visible the 1/n correction is.</summary>
    public double ZLeading => MonteCarlo.ZScore(LeadingOrder);

    /// <summary>(MC − NLO)/stderr.</summary>
    public double ZNextToLeading => MonteCarlo.ZScore(NextToLeading);

    /// <summary>|MC − NLO| beyond z_max·stderr + budget: the prediction and the samples disagree.</summary>
    public bool Fails(double zLimit) => ZTested && !(Math.Abs(MonteCarlo.Value - NextToLeading) <= zLimit * MonteCarlo.StdErr + Budget);
}

/// <summary>The rows and the verdict of an mlp cross-check.</summary>
public sealed record MlpCrossCheckReport(IReadOnlyList<MlpCrossCheckRow> Rows, double ZLimit, long Samples, long MultiSamples, ulong Seed, SamplerKind Sampler)
{
    public IEnumerable<MlpCrossCheckRow> Failures => Rows.Where(r => r.Fails(ZLimit));
    public bool Agrees => !Failures.Any();
}

/// <summary>
/// The engine's derived mlp recursions (<see cref="MlpEvaluator"/>) against Monte Carlo of real nonlinear networks. Predictions
/// through O(1/n), n = n_{ℓ−1}: one input, G2 = E[z_i z_i] = K + G1/n and G4 = E[z_i z_i z_j z_j] = K² + (2K G1 + V)/n; several
/// inputs, K̂_{αβ} → K + G1/n and F_{(αβ)(γδ)} → K K + (K G1 + G1 K + V)/n (leading order: drop the 1/n terms). The remainder is
/// O(1/n²); the stated budget is 2 (r² + 1/n²) |LO| with r = |NLO − LO|/|LO| the relative size of the 1/n term (the square of
/// the first correction, which is how the deep-linear O(1/n²) terms (1 + 2/n)^ℓ − (1 + 2ℓ/n) scale). A row fails when
/// |MC − NLO| &gt; z_max·stderr + budget. Rows whose estimator has heavy tails (the deep-linear prediction of the skewness of the
/// mean, an upper bound for bounded σ, and the empirical one) are shown but not tested.
/// </summary>
public static class MlpCrossCheck
{
    public static MlpCrossCheckReport Run(DeepLinearNetwork net, Activation sigma, NetworkInputs single, NetworkInputs? several, long samples, long multiSamples,
        ulong seed, SamplerKind sampler = SamplerKind.StochasticMetric, int? threads = null, Action<long>? progress = null, double zLimit = 4)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sigma);
        var rows = new List<MlpCrossCheckRow>();
        var theory = MlpEvaluator.Create(sigma, 1).Evaluate(net, single);
        var job = new McJob(net, single, 4, samples, seed, sampler, activation: sigma);
        var mc = new McResult(job, McRunner.Run(job, null, threads, progress));
        foreach (var t in theory)
        {
            double n = t.PreviousWidth, k = t.Kernel(0, 0), g1 = t.NloMetric(0, 0), v = t.Vertex(0, 0, 0, 0);
            rows.Add(Row("G2", t.Layer, k, k + g1 / n, n, mc, 1, samples));
            rows.Add(Row("G4", t.Layer, k * k, k * k + (2 * k * g1 + v) / n, n, mc, 2, samples));
        }
        if (several is not null)
        {
            var multi = MlpEvaluator.Create(sigma, several.Count).Evaluate(net, several);
            var job2 = new McJob(net, several, 4, multiSamples, seed, sampler, activation: sigma);
            var mc2 = new McResult(job2, McRunner.Run(job2, null, threads, progress));
            foreach (var t in multi)
            {
                double n = t.PreviousWidth;
                foreach (var (a, b) in job2.Observables.Pairs)
                    rows.Add(Row(Observables.KName(a, b), t.Layer, t.Kernel(a, b), t.Kernel(a, b) + t.NloMetric(a, b) / n, n, mc2, 1, multiSamples));
                foreach (var (a, b, c, d) in job2.Observables.Quads)
                {
                    double lo = t.Kernel(a, b) * t.Kernel(c, d);
                    double nlo = lo + (t.Kernel(a, b) * t.NloMetric(c, d) + t.NloMetric(a, b) * t.Kernel(c, d) + t.Vertex(a, b, c, d)) / n;
                    rows.Add(Row(Observables.FName(a, b, c, d), t.Layer, lo, nlo, n, mc2, 2, multiSamples));
                }
            }
        }
        return new MlpCrossCheckReport(rows, zLimit, samples, several is null ? 0 : multiSamples, seed, sampler);
    }

    private static MlpCrossCheckRow Row(string name, int layer, double lo, double nlo, double n, McResult mc, int m, long samples)
    {
        double r = Math.Abs(nlo - lo) / Math.Max(Math.Abs(lo), double.Epsilon);
        double budget = 2 * (r * r + 1 / (n * n)) * Math.Abs(lo);
        var (tested, note) = DeepLinearCrossCheck.Gate(mc, layer, name, m, samples);
        return new MlpCrossCheckRow(name, layer, lo, nlo, budget, mc.Layers[layer - 1][name], tested, note);
    }
}
