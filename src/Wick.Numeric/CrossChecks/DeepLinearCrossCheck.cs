using Wick.Numeric.ClosedForms;
using Wick.Numeric.Evaluation;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.CrossChecks;

/// <summary>
/// One line of a cross-check: a quantity at a layer, three ways — the engine's derived recursion evaluated, the
/// independent closed form (null where none exists, e.g. with biases), and a Monte Carlo estimate of real networks.
/// </summary>
public sealed record CrossCheckRow(string Quantity, int Layer, double Recursion, double? ClosedForm, McEstimate MonteCarlo, bool ZTested, string? Note)
{
    /// <summary>(MC − recursion)/stderr.</summary>
    public double Z => MonteCarlo.ZScore(Recursion);

    /// <summary>|recursion − closed form| / |closed form| (0 when there is no closed form).</summary>
    public double RelativeDifference => ClosedForm is { } c ? Math.Abs(Recursion - c) / Math.Max(Math.Abs(c), double.Epsilon) : 0;
}

/// <summary>The rows and the verdict.</summary>
public sealed record CrossCheckReport(IReadOnlyList<CrossCheckRow> Rows, double ZLimit, double RelativeLimit, long Samples, long MultiSamples, ulong Seed)
{
    /// <summary>Rows that disagree: |z| over the limit (where the z-test applies) or recursion ≠ closed form.</summary>
    public IEnumerable<CrossCheckRow> Failures => Rows.Where(r => (r.ZTested && !(Math.Abs(r.Z) <= ZLimit)) || !(r.RelativeDifference <= RelativeLimit));

    /// <summary>True when nothing disagrees.</summary>
    public bool Agrees => !Failures.Any();
}

/// <summary>
/// Symbolic vs closed form vs Monte Carlo for deep linear networks: G_2 … G_{2m} for one input and the metric and
/// four-point structure F_{(αβ)(γδ)} for two inputs. The z-test is applied only where it is honest: the exact
/// skewness of the estimator of the same degree (<see cref="EstimatorTails"/>: degree 2m for G_{2m}, 2 for K_{αβ},
/// 4 for F) must give a sample mean with skewness ≤ 0.3; otherwise the row is shown, marked "heavy tail", and not
/// tested. The prediction is made without biases (a bias adds a constant to the multiplicative χ² chain and only
/// lightens the tails) and is always required: the empirical skewness of the block means (also required) looks
/// tame exactly when the rare heavy networks were never drawn. A row whose error bar is not a positive finite
/// number (e.g. underflow at --cw 1e-20) is not z-tested either.
/// </summary>
public static class DeepLinearCrossCheck
{
    /// <summary>Largest skewness of the sample mean for which the z-test is applied.</summary>
    public const double MaxSkewnessOfMean = 0.3;

    /// <summary>
    /// Below this magnitude (e.g. --cw 1e-20 over a dozen layers) doubles lose relative precision (products reach the
    /// subnormal range): such values are shown but neither z-tested nor compared with the closed form.
    /// </summary>
    public const double MinComparableMagnitude = 1e-280;

    /// <summary>The closed form when it is comparable (both values above <see cref="MinComparableMagnitude"/>), else null.</summary>
    private static double? Comparable(double? closed, double recursion) =>
        closed is { } c && Math.Min(Math.Abs(c), Math.Abs(recursion)) < MinComparableMagnitude && c != recursion ? null : closed;

    /// <summary>Runs the cross-check. <paramref name="twoInputs"/>: null to skip the multi-input part.</summary>
    public static CrossCheckReport Run(DeepLinearNetwork net, NetworkInputs single, NetworkInputs? twoInputs, int points, long samples, long multiSamples,
        ulong seed, int? threads = null, Action<long>? progress = null, double zLimit = 4, double relativeLimit = 1e-10)
    {
        var rows = new List<CrossCheckRow>();
        // one input
        var evaluator = DeepLinearEvaluator.SingleInput(points, net.HasBias);
        var theory = evaluator.Evaluate(net, single);
        RefuseBelowDoubleRange(net, theory, points, twoInputs is not null);
        var job = new McJob(net, single, points, samples, seed);
        var mc = new McResult(job, McRunner.Run(job, null, threads, progress));
        double g0 = single.Gram(0, 0);
        foreach (var layer in theory)
            for (int m = 1; m <= points / 2; m++)
            {
                string name = $"G{2 * m}";
                double? closed = net.HasBias ? null : DeepLinearClosedForms.G(m, layer.Layer, net.Widths, net.CW, g0);
                var (tested, note) = Gate(mc, layer.Layer, name, m, samples);
                rows.Add(new CrossCheckRow(name, layer.Layer, layer[name].Value, Comparable(closed, layer[name].Value), mc.Layers[layer.Layer - 1][name], tested, note));
            }
        // two inputs: metric and four-point structure
        if (twoInputs is not null)
        {
            var multi = DeepLinearEvaluator.MultiInput(twoInputs.Count, net.HasBias).Evaluate(net, twoInputs);
            var job2 = new McJob(net, twoInputs, 4, multiSamples, seed);
            var mc2 = new McResult(job2, McRunner.Run(job2, null, threads, progress));
            foreach (var layer in multi)
            {
                foreach (var (a, b) in job2.Observables.Pairs)
                {
                    string name = Observables.KName(a, b);
                    double? closed = net.HasBias ? null : DeepLinearClosedForms.Metric(layer.Layer, net.CW, twoInputs.Gram(a, b));
                    var (tested, note) = Gate(mc2, layer.Layer, name, 1, multiSamples);
                    rows.Add(new CrossCheckRow(name, layer.Layer, layer[name].Value, Comparable(closed, layer[name].Value), mc2.Layers[layer.Layer - 1][name], tested, note));
                }
                foreach (var (a, b, c, d) in job2.Observables.Quads)
                {
                    string name = Observables.FName(a, b, c, d);
                    double? closed = net.HasBias ? null : DeepLinearClosedForms.FourPoint(layer.Layer, net.Widths, net.CW, twoInputs.Gram, a, b, c, d);
                    var (tested, note) = Gate(mc2, layer.Layer, name, 2, multiSamples);
                    rows.Add(new CrossCheckRow(name, layer.Layer, layer[name].Value, Comparable(closed, layer[name].Value), mc2.Layers[layer.Layer - 1][name], tested, note));
                }
            }
        }
        return new CrossCheckReport(rows, zLimit, relativeLimit, samples, twoInputs is null ? 0 : multiSamples, seed);
    }

    /// <summary>
    /// Refuses up front (before any sampling) when a correlator to be compared lies below the normal double range:
    /// G_{2m} scales as (C_W^ℓ G_2^(0))^m with the depth, so e.g. C_W = 1e-20 over 20 layers gives 1e-400, which
    /// underflows to 0 in the recursion, the closed form and every sample alike — nothing could be checked, and a z
    /// of 0/0 is no answer. The four-point rows of two inputs scale as G_2², checked through the same layers.
    /// </summary>
    private static void RefuseBelowDoubleRange(DeepLinearNetwork net, IReadOnlyList<EvaluatedLayer> theory, int points, bool twoInputs)
    {
        int degree = Math.Max(points / 2, twoInputs ? 2 : 1);
        foreach (var layer in theory)
        {
            double g2 = layer["G2"].Value;
            double smallest = Math.Pow(g2, degree);
            if (smallest >= MinComparableMagnitude && double.IsFinite(smallest)) continue;
            int deepest = theory.TakeWhile(l => Math.Pow(l["G2"].Value, degree) is var v && v >= MinComparableMagnitude && double.IsFinite(v)).Count();
            throw new ArgumentException(
                $"At C_W = {net.CW:G3} the correlators leave the double range: G2^{degree} at layer {layer.Layer} is {smallest:G3} " +
                $"(G_{{2m}} scales as (C_W^l G2^(0))^m), so neither the recursion nor Monte Carlo can be compared there. " +
                (deepest > 0 ? $"Use at most {deepest} layers (--widths), " : "Use ") +
                "fewer points (--points), or C_W nearer 1: deep-linear correlators are homogeneous in C_W, so a check at C_W = 1 " +
                "holds at every C_W up to the factor C_W^(m l).");
        }
    }

    /// <summary>Two unit-norm inputs at 60° in n_0 dimensions: x_1 = √n_0 e_1, x_2 = √n_0 (e_1/2 + (√3/2) e_2).</summary>
    public static NetworkInputs DefaultPair(int inputDim)
    {
        if (inputDim < 2) throw new ArgumentException("Two distinct inputs need n_0 ≥ 2.");
        double s = Math.Sqrt(inputDim);
        var x1 = new double[inputDim];
        var x2 = new double[inputDim];
        x1[0] = s;
        x2[0] = s / 2;
        x2[1] = s * Math.Sqrt(3) / 2;
        return new NetworkInputs([x1, x2]);
    }

    /// <summary>
    /// Whether the row of a degree-2m estimator may be z-tested: predicted skewness of the mean (no-bias law, exact),
    /// then a usable error bar, then the empirical skewness of the block means.
    /// </summary>
    internal static (bool Tested, string? Note) Gate(McResult mc, int layer, string name, int m, long samples)
    {
        double predicted = EstimatorTails.SkewnessOfMean(m, layer, mc.Job.Network.Widths, samples);
        if (!(predicted <= MaxSkewnessOfMean))
            return (false, $"heavy tail: predicted skewness of mean {predicted:G2} > {MaxSkewnessOfMean}");
        double err = mc.Layers[layer - 1][name].StdErr;
        if (!(err > MinComparableMagnitude) || !double.IsFinite(err))
            return (false, $"no usable error bar ({err:G3}): values below the normal floating-point range at this scale");
        return EmpiricalTest(mc, layer, name);
    }

    /// <summary>The empirical criterion: skewness of the block means / √B ≤ the limit.</summary>
    private static (bool Tested, string? Note) EmpiricalTest(McResult mc, int layer, string name)
    {
        int q = (layer - 1) * mc.Job.Observables.PerLayer + mc.Job.Observables.Names.ToList().IndexOf(name);
        if (q < (layer - 1) * mc.Job.Observables.PerLayer) return (true, null);
        var means = mc.Blocks.Select(b => b.Sums[q] / b.Count).ToArray();
        double mu = means.Average(), m2 = means.Average(x => (x - mu) * (x - mu)), m3 = means.Average(x => (x - mu) * (x - mu) * (x - mu));
        double skew = m2 > 0 ? m3 / Math.Pow(m2, 1.5) / Math.Sqrt(means.Length) : 0;
        return Math.Abs(skew) <= MaxSkewnessOfMean ? (true, null) : (false, $"heavy tail: empirical skewness of mean {skew:G2}");
    }
}
