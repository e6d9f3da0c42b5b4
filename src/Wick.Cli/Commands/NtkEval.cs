using System.CommandLine;
using Wick.Cli.Numeric;
using Wick.Numeric.Gaussian;
using Wick.Numeric.Ntk;

namespace Wick.Cli.Commands;

/// <summary>The options of <c>wick eval --ntk</c>: the switch and the learning rates λ_W, λ_b (PDLT ch. 7–8).</summary>
internal sealed class NtkOptions
{
    public Option<bool> Enabled { get; } = new("--ntk") { Description = "Evaluate the infinite-width neural tangent kernel Theta and the kernel K per layer (derived recursions, lectures (83))." };
    public Option<double?> LambdaW { get; } = DecimalOption.CreateOptional("--lambda-w", "With --ntk: weight learning rate lambda_W (weights of layer l move with lambda_W/n_{l-1}); default C_W (NTK parameterization).");
    public Option<double?> LambdaB { get; } = DecimalOption.CreateOptional("--lambda-b", "With --ntk: bias learning rate lambda_b; default C_b (NTK parameterization).");

    public void AddTo(Command cmd)
    {
        foreach (Option o in new Option[] { Enabled, LambdaW, LambdaB }) cmd.Options.Add(o);
    }
}

/// <summary>
/// <c>wick eval --ntk</c>: K^{(ℓ)}_{αβ} and Θ^{(ℓ)}_{αβ} for ℓ = 1…L at infinite width, from the engine's derived recursions
/// (<see cref="NtkEvaluator"/>) with the numeric Gaussian expectations of the activation.
/// </summary>
internal static class NtkEval
{
    public static int Run(ParseResult r, NetworkOptions net, NtkOptions options, OutputFormat fmt)
    {
        var sigma = net.ReadActivation(r) ?? Wick.Numeric.Activations.Activation.Parse("linear");
        var (network, inputs) = net.Read(r, allowMlp: true);
        var h = new NtkHyperparameters(network.CW, network.Cb, r.GetValue(options.LambdaW) ?? network.CW, r.GetValue(options.LambdaB) ?? network.Cb);
        if (!double.IsFinite(h.LambdaW) || !double.IsFinite(h.LambdaB) || h.LambdaW < 0 || h.LambdaB < 0)
            throw new UsageException($"--lambda-w and --lambda-b must be finite and non-negative, got {h.LambdaW} and {h.LambdaB}.");
        int count = inputs.Count;
        if (count > MaxInputs) throw new UsageException($"--ntk evaluates all {count * (count + 1) / 2} pairs of inputs; at most {MaxInputs} inputs are accepted.");
        var gram = new double[count, count];
        for (int a = 0; a < count; a++)
            for (int b = 0; b < count; b++) gram[a, b] = inputs.Gram(a, b);
        var evaluator = new NtkEvaluator();
        IReadOnlyList<NtkLayer> layers;
        try { layers = evaluator.Evaluate(gram, network.Depth, sigma, h); }
        catch (GaussianEvaluationException e) { throw new UsageException($"eval --ntk with sigma = {sigma.Name}: {e.Message}"); }
        catch (KernelException e) { throw new UsageException($"eval --ntk with sigma = {sigma.Name}: the kernel left the positive semi-definite cone ({e.Message})."); }
        FiniteResults.Require("eval --ntk", layers.SelectMany(l => Pairs(count).SelectMany(p => new[]
            { ($"K_{p.A + 1}{p.B + 1}", l.Layer, l.Kernel[p.A, p.B]), ($"Theta_{p.A + 1}{p.B + 1}", l.Layer, l.TangentKernel[p.A, p.B]) })));
        if (fmt == OutputFormat.Json)
        {
            Cli.WriteJson(new Dictionary<string, object?>
            {
                ["command"] = "eval",
                ["quantity"] = "ntk",
                ["model"] = r.GetValue(net.Model),
                ["activation"] = sigma.Name,
                ["widths"] = network.Widths.ToString(),
                ["inputDim"] = inputs.Dimension,
                ["cw"] = h.CW,
                ["cb"] = h.Cb,
                ["lambdaW"] = h.LambdaW,
                ["lambdaB"] = h.LambdaB,
                ["inputs"] = count,
                ["limit"] = "infinite width",
                ["recursions"] = evaluator.Recursions.Select(x => x.ToString()).ToArray(),
                ["layers"] = layers.Select(l => new Dictionary<string, object?>
                {
                    ["layer"] = l.Layer,
                    ["width"] = network.Widths[l.Layer],
                    ["K"] = Rows(l.Kernel),
                    ["Theta"] = Rows(l.TangentKernel),
                }).ToArray(),
            });
            return ExitCodes.Ok;
        }
        TableOutput.Heading(Console.Out, fmt, $"Infinite-width NTK (recursions derived by the engine), sigma = {sigma.Name}, depth {network.Depth}, n_0 = {inputs.Dimension}, C_W = {h.CW}, C_b = {h.Cb}, lambda_W = {h.LambdaW}, lambda_b = {h.LambdaB}");
        foreach (var rec in evaluator.Recursions) TableOutput.Heading(Console.Out, fmt, "  " + (fmt == OutputFormat.Latex ? $"{rec.Target.ToLatex()} = {rec.Step.ToLatex()}" : rec.ToString()));
        var table = new TableOutput(["layer", "inputs", "K", "Theta"]);
        foreach (var l in layers)
            foreach (var (a, b) in Pairs(count))
                table.Add([l.Layer.ToString(), $"{a + 1},{b + 1}", TableOutput.Short(l.Kernel[a, b], 10), TableOutput.Short(l.TangentKernel[a, b], 10)]);
        table.Write(Console.Out, fmt);
        return ExitCodes.Ok;
    }

    /// <summary>Most inputs evaluated at once (the pairs grow quadratically, each needs Gaussian expectations per layer).</summary>
    public const int MaxInputs = 32;

    private static IEnumerable<(int A, int B)> Pairs(int n)
    {
        for (int a = 0; a < n; a++)
            for (int b = a; b < n; b++) yield return (a, b);
    }

    private static double[][] Rows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(a => Enumerable.Range(0, m.GetLength(1)).Select(b => m[a, b]).ToArray()).ToArray();
}
