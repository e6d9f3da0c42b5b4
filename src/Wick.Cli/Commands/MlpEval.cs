using System.CommandLine;
using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Cli.Numeric;
using Wick.Numeric.Activations;
using Wick.Numeric.Evaluation;
using Wick.Numeric.Mlp;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick eval --model mlp --activation NAME</c>: the engine's derived (4.118), (4.115), (4.119) evaluated by
/// <see cref="MlpEvaluator"/>. One input: K, V, V/(n K²), G1, G1/K, χ_∥, χ_⊥ per layer (n = n_{ℓ−1}, the width whose 1/n the
/// corrections of layer ℓ carry); with <c>--points 4</c> also G2 = K + G1/n and G4 = G2² + V/n (the expansion (4.104)–(4.106)
/// through O(1/n)), the columns of the deep-linear eval. Several inputs: K_{αβ}, G1_{αβ}, V_{(αβ)(γδ)}.
/// </summary>
internal static class MlpEval
{
    public static EvalCommand.EvalResult Evaluate(ParseResult r, NetworkOptions net, int? points, bool exact, double tolerance)
    {
        string name = r.GetValue(net.Activation) ?? throw new UsageException("--model mlp needs --activation NAME (e.g. relu, tanh, leaky_relu:0.1, or an expression in z).");
        var (network, inputs) = net.Read(r, allowMlp: true);
        if (!(tolerance > 0) || !double.IsFinite(tolerance) || tolerance >= 1) throw new UsageException($"--tolerance must be a number in (0, 1), got {tolerance}.");
        var polynomial = MlpModel.ActivationNamed(name) as PolynomialActivation;
        bool identity = polynomial is not null && IsIdentity(polynomial);
        if (points is { } p && (inputs.Count != 1 || p is < 2 || p % 2 != 0 || (p > 4 && !identity)))
            throw new UsageException(inputs.Count != 1
                ? "--points applies to one input (several inputs print K, G1 and V)."
                : $"--points {p}: the mlp recursions (4.115), (4.118), (4.119) reach the four-point function; use --points 2 or 4 (any even order for --activation linear, whose G_2m recursions are exact).");
        if (exact && polynomial is null)
            throw new UsageException($"--exact: the Gaussian expectations of {name} are not exact rationals; --exact needs linear or poly:c0,c1,... (drop --exact for floating point).");
        MlpEvaluator evaluator;
        try
        {
            evaluator = polynomial is not null ? MlpEvaluator.CreateExact(polynomial, inputs.Count) : MlpEvaluator.Create(Activation.Parse(name), inputs.Count, tolerance);
        }
        catch (ActivationFormatException e) { throw new UsageException($"--activation: {e.Message}"); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        int[] widths = [inputs.Dimension, .. network.Widths.Widths];
        var layers = exact
            ? evaluator.EvaluateExact(widths, Exactly.FromDouble(network.CW), Exactly.FromDouble(network.Cb),
                r.GetValue(net.InputsFile) is null ? (_, _) => Exactly.FromDouble(r.GetValue(net.InputNorm) ?? 1.0) : (a, b) => EvalCommand.Gram(inputs, a, b))
            : evaluator.Evaluate(network, inputs);
        // σ = z: the network is deep linear, whose finite-width recursions close exactly (chapter 3, derived by the engine).
        var deepLinear = identity ? ExactDeepLinear(r, net, network, inputs, points, exact) : null;
        string form = polynomial is not null ? "polynomial (Isserlis)" : evaluator.Form == MlpForm.RaisedIndex ? "raised-index (4.119)-(4.120)" : "derivative normal form";
        return new EvalCommand.EvalResult(
            $"mlp recursions (4.118), (4.115), (4.119) derived by the engine, sigma = {name} ({form}), widths {network.Widths}, n_0 = {inputs.Dimension}, C_W = {network.CW}, C_b = {network.Cb}{(exact ? ", exact" : "")}" +
            (deepLinear is null ? "" : inputs.Count == 1
                ? $"; G2 ... G{points}: exact finite-width deep-linear recursions (chapter 3), [1/n]: through O(1/n)"
                : "; F: exact finite-width deep-linear four-point function (chapter 3); K, G1, V: through O(1/n)"),
            new Dictionary<string, object?>
            {
                ["command"] = "eval",
                ["model"] = "mlp",
                ["activation"] = name,
                ["form"] = polynomial is not null ? "polynomial" : evaluator.Form == MlpForm.RaisedIndex ? "raised" : "derivative",
                ["widths"] = network.Widths.ToString(),
                ["inputDim"] = inputs.Dimension,
                ["cw"] = network.CW,
                ["cb"] = network.Cb,
                ["inputs"] = inputs.Count,
                ["exact"] = exact,
                ["tolerance"] = polynomial is null ? tolerance : null,
                ["remainder"] = "O(1/n^2)",
                ["exactDeepLinear"] = deepLinear is not null,
            },
            layers.Select((l, i) => Describe(l, points ?? 0, deepLinear?[i])).ToArray());
    }

    /// <summary>σ(z) = z: c_0 = 0, c_1 = 1 and nothing else.</summary>
    private static bool IsIdentity(PolynomialActivation p) =>
        p.Coefficients.Select((c, i) => c == (i == 1 ? Rational.One : Rational.Zero)).All(x => x) && p.Coefficients.Count >= 2;

    /// <summary>
    /// The deep-linear evaluation of the same network (<see cref="DeepLinearEvaluator"/>: the engine's chapter-3 recursions, exact at
    /// finite width): G_2 … G_P for one input (only with --points), F for several.
    /// </summary>
    private static IReadOnlyList<EvaluatedLayer>? ExactDeepLinear(ParseResult r, NetworkOptions net, DeepLinearNetwork network, NetworkInputs inputs, int? points, bool exact)
    {
        if (inputs.Count == 1 && points is null) return null;
        DeepLinearEvaluator deep;
        try
        {
            deep = inputs.Count == 1 ? DeepLinearEvaluator.SingleInput(points!.Value, network.HasBias) : DeepLinearEvaluator.MultiInput(inputs.Count, network.HasBias);
        }
        catch (ArgumentException) when (inputs.Count > 1) { return null; } // more inputs than the chapter-3 system offers: NLO columns only
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        return exact
            ? deep.EvaluateExact(network, inputs, Exactly.FromDouble(network.CW), Exactly.FromDouble(network.Cb),
                r.GetValue(net.InputsFile) is null ? (_, _) => Exactly.FromDouble(r.GetValue(net.InputNorm) ?? 1.0) : (a, b) => EvalCommand.Gram(inputs, a, b))
            : deep.Evaluate(network, inputs);
    }

    /// <summary>The columns of one layer; <paramref name="deepLinear"/> (σ = z only) adds the exact finite-width G_2m (one input) or F (several).</summary>
    private static EvaluatedLayer Describe(MlpLayer l, int points, EvaluatedLayer? deepLinear)
    {
        var values = new List<EvaluatedValue>();
        int n = l.PreviousWidth;
        if (l.Inputs == 1)
        {
            double k = l.Kernel(0, 0), v = l.Vertex(0, 0, 0, 0), g1 = l.NloMetric(0, 0);
            Rational? ke = l.KernelExact(0, 0), ve = l.VertexExact(0, 0, 0, 0), ge = l.NloMetricExact(0, 0);
            values.Add(new("K", k, ke));
            values.Add(new("V", v, ve));
            values.Add(new("V/(nK^2)", v / (n * k * k), ke is { IsZero: false } k2 && ve is { } v2 ? v2 / (n * k2 * k2) : null));
            values.Add(new("G1", g1, ge));
            values.Add(new("G1/K", g1 / k, ke is { IsZero: false } k3 && ge is { } g3 ? g3 / k3 : null));
            values.Add(new("chi_par", l.ParallelSusceptibility!.Value, l.ParallelSusceptibilityExact));
            values.Add(new("chi_perp", l.PerpendicularSusceptibility!.Value, l.PerpendicularSusceptibilityExact));
            if (points >= 2)
            {
                // E[zz] = K + G1/n and E[z_i z_i z_j z_j] = E[zz]² + V/n through O(1/n) (4.104)–(4.106).
                double g2 = k + g1 / n;
                Rational? g2e = ke is { } a && ge is { } b ? a + b / n : null;
                values.Add(new(Truncated("G2"), g2, g2e));
                if (points >= 4)
                {
                    double g4 = g2 * g2 + v / n;
                    Rational? g4e = g2e is { } c && ve is { } d ? c * c + d / n : null;
                    values.Add(new(Truncated("G4"), g4, g4e));
                    values.Add(new(Truncated("G4/G2^2"), g4 / (g2 * g2), g4e is { } e && g2e is { IsZero: false } f ? e / (f * f) : null));
                }
            }
            // Exact finite-width G_2m of the deep linear network, under the deep-linear eval's names.
            if (deepLinear is not null) values.AddRange(deepLinear.Values);
        }
        else
        {
            foreach (var (atom, value, q) in l.State)
            {
                int[] ix = atom.Indices.Select(s => int.Parse(s.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1).ToArray();
                string name = atom.Kind switch
                {
                    AtomKind.Kernel => Observables.KName(ix[0], ix[1]),
                    AtomKind.NloMetric => $"G1[{ix[0] + 1},{ix[1] + 1}]",
                    _ => Observables.VName(ix[0], ix[1], ix[2], ix[3]),
                };
                values.Add(new(name, value, q));
            }
            // Exact four-point structure F = KK + V/n of the deep linear network (its V is the exact one, not the NLO V above).
            if (deepLinear is not null) values.AddRange(deepLinear.Values.Where(v => v.Name.StartsWith("F[", StringComparison.Ordinal)));
        }
        if (!l.IsExact) values.Add(new("quadratureError", l.QuadratureError));
        return new EvaluatedLayer(l.Layer, l.Width, values);
    }

    /// <summary>The name of a correlator through O(1/n) (4.104)–(4.106), distinct from the exact deep-linear column of the same quantity.</summary>
    internal static string Truncated(string name) => name + "[1/n]";
}
