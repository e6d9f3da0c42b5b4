using System.CommandLine;
using Wick.Algebra;
using Wick.Cli.Numeric;
using Wick.Numeric.Evaluation;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick eval</c>: evaluates the engine's derived deep-linear recursions layer by layer for concrete widths,
/// hyperparameters and inputs — G_2 … G_2m and G_2m/G_2^m for one input, metric K and vertex V (and the full
/// four-point F) for several; <c>--exact</c> in rational arithmetic.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var net = new NetworkOptions("8x10");
        var points = new Option<int>("--points") { Description = "Highest correlator order 2m for one input (8: G_2, G_4, G_6, G_8).", DefaultValueFactory = _ => 8 };
        var exact = new Option<bool>("--exact") { Description = "Exact rational evaluation (C_W, C_b and inputs read as the decimals typed)." };
        var cmd = new Command("eval", "Evaluate the derived recursions per layer: G_2..G_2m and G_2m/G_2^m (one input), K, V and F (several inputs).");
        net.AddTo(cmd);
        var ntk = new NtkOptions();
        ntk.AddTo(cmd);
        cmd.Options.Add(points);
        cmd.Options.Add(exact);
        cmd.Options.Add(format);
        var tolerance = new Option<double>("--tolerance") { Description = "--model mlp: quadrature tolerance of the Gaussian expectations, |Q_2n − Q_n| ≤ tol·max(1, |Q|).", DefaultValueFactory = _ => Wick.Numeric.Gaussian.GaussianExpectations.DefaultTolerance };
        cmd.Options.Add(tolerance);
        cmd.SetAction(r =>
        {
            if (r.GetValue(ntk.Enabled)) return NtkEval.Run(r, net, ntk, r.GetValue(format));
            var fmt = r.GetValue(format);
            var result = string.Equals(r.GetValue(net.Model), "mlp", StringComparison.OrdinalIgnoreCase)
                ? MlpEval.Evaluate(r, net, r.GetResult(points) is { Implicit: false } ? r.GetValue(points) : null, r.GetValue(exact), r.GetValue(tolerance))
                : DeepLinear(r, net, r.GetValue(points), r.GetValue(exact));
            // Exact values are printed as rationals; their floating-point companion may overflow (printed null then).
            FiniteResults.Require("eval", result.Layers.SelectMany(l => l.Values.Where(v => v.Exact is null).Select(v => (v.Name, l.Layer, v.Value))));
            Write(result, fmt);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>What <c>eval</c> prints: a heading, the JSON header fields, and the values per layer.</summary>
    internal sealed record EvalResult(string Heading, Dictionary<string, object?> Header, IReadOnlyList<EvaluatedLayer> Layers);

    private static EvalResult DeepLinear(ParseResult r, NetworkOptions net, int points, bool isExact)
    {
        var (network, inputs) = net.Read(r);
        DeepLinearEvaluator evaluator;
        try
        {
            evaluator = inputs.Count == 1
                ? DeepLinearEvaluator.SingleInput(points, network.HasBias)
                : DeepLinearEvaluator.MultiInput(inputs.Count, network.HasBias);
        }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        var layers = isExact
            ? evaluator.EvaluateExact(network, inputs, Exactly.FromDouble(network.CW), Exactly.FromDouble(network.Cb),
                r.GetValue(net.InputsFile) is null ? (_, _) => Exactly.FromDouble(r.GetValue(net.InputNorm) ?? 1.0) : (a, b) => Gram(inputs, a, b))
            : evaluator.Evaluate(network, inputs);
        return new EvalResult(
            $"Deep linear recursions (derived by the engine), widths {network.Widths}, n_0 = {inputs.Dimension}, C_W = {network.CW}, C_b = {network.Cb}{(isExact ? ", exact" : "")}",
            new Dictionary<string, object?>
            {
                ["command"] = "eval",
                ["model"] = "linear",
                ["widths"] = network.Widths.ToString(),
                ["inputDim"] = inputs.Dimension,
                ["cw"] = network.CW,
                ["cb"] = network.Cb,
                ["inputs"] = inputs.Count,
                ["points"] = inputs.Count == 1 ? points : 4,
                ["exact"] = isExact,
            },
            layers);
    }

    /// <summary>Text/LaTeX table or JSON of the evaluated layers (shared by every model).</summary>
    internal static void Write(EvalResult result, OutputFormat fmt)
    {
        var layers = result.Layers;
        if (fmt == OutputFormat.Json)
        {
            var json = new Dictionary<string, object?>(result.Header)
            {
                ["layers"] = layers.Select(l =>
                {
                    var rec = new Dictionary<string, object?> { ["layer"] = l.Layer, ["width"] = l.Width };
                    foreach (var v in l.Values)
                        rec[v.Name] = v.Exact is { } q ? new Dictionary<string, object?> { ["exact"] = q.ToString(), ["value"] = double.IsFinite(v.Value) ? v.Value : null } : v.Value;
                    return rec;
                }).ToArray(),
            };
            Cli.WriteJson(json);
            return;
        }
        TableOutput.Heading(Console.Out, fmt, result.Heading);
        var names = layers[^1].Values.Select(v => v.Name).ToArray();
        var table = new TableOutput(["layer", "n", .. names]);
        foreach (var l in layers)
            table.Add([l.Layer.ToString(), l.Width.ToString(), .. l.Values.Select(v => v.Exact is { } q ? (fmt == OutputFormat.Latex ? q.ToLatex() : q.ToString()) : TableOutput.Short(v.Value, 10))]);
        table.Write(Console.Out, fmt);
    }

    /// <summary>The exact Gram matrix (1/n_0) Σ x x of the inputs as typed.</summary>
    internal static Rational Gram(Wick.Numeric.Networks.NetworkInputs inputs, int a, int b)
    {
        Rational s = Rational.Zero;
        var x = inputs.Vector(a);
        var y = inputs.Vector(b);
        for (int i = 0; i < x.Length; i++) s += Exactly.FromDouble(x[i]) * Exactly.FromDouble(y[i]);
        return s / inputs.Dimension;
    }
}
