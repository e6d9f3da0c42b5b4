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

    public Option<int> Simulate { get; } = new("--simulate") { Description = "With --ntk: also draw this many finite networks of the given --widths (seeds 1..K) and compare their mean empirical NTK at the last layer (0: no).", DefaultValueFactory = _ => 0 };
    public Option<ulong> Seed { get; } = new("--seed") { Description = "With --ntk --simulate: the random seed.", DefaultValueFactory = _ => 1UL };

    public void AddTo(Command cmd)
    {
        foreach (Option o in new Option[] { Enabled, LambdaW, LambdaB, Simulate, Seed }) cmd.Options.Add(o);
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
        var simulation = Simulation(r, options, network, inputs, sigma, h, layers[^1].TangentKernel);
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
                ["simulation"] = simulation is null ? null : new Dictionary<string, object?>
                {
                    ["networks"] = r.GetValue(options.Simulate),
                    ["seed"] = r.GetValue(options.Seed),
                    ["rows"] = simulation.Select(s => new Dictionary<string, object?>
                    {
                        ["inputs"] = new[] { s.A + 1, s.B + 1 }, ["theta"] = s.Theory, ["mean"] = s.Mean, ["stderr"] = s.StdErr, ["z"] = s.Z,
                    }).ToArray(),
                },
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
        if (simulation is not null)
        {
            TableOutput.Heading(Console.Out, fmt, $"Finite networks ({r.GetValue(options.Simulate)} of widths {inputs.Dimension},{string.Join(",", network.Widths.Widths)}, seed {r.GetValue(options.Seed)}): " +
                $"mean empirical NTK at layer {network.Depth} (back-propagation, averaged over output neurons); nonlinear sigma: finite-width corrections O(L/n) not subtracted");
            var sim = new TableOutput(["inputs", "Theta (infinite width)", "networks", "z"]);
            foreach (var s in simulation)
                sim.Add([$"{s.A + 1},{s.B + 1}", TableOutput.Short(s.Theory, 10), TableOutput.PlusMinus(s.Mean, s.StdErr), TableOutput.Short(s.Z, 3)]);
            sim.Write(Console.Out, fmt);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Most multiply–adds a <c>--simulate</c> run may take (about a minute on one core).</summary>
    public const double MaxSimulationCost = 2e10;

    /// <summary>The <c>--simulate K</c> comparison of the last layer, or null without it.</summary>
    private static List<(int A, int B, double Theory, double Mean, double StdErr, double Z)>? Simulation(ParseResult r, NtkOptions options,
        Wick.Numeric.Networks.DeepLinearNetwork network, Wick.Numeric.Networks.NetworkInputs inputs, Wick.Numeric.Activations.Activation sigma, NtkHyperparameters h, double[,] theory)
    {
        int k = r.GetValue(options.Simulate);
        if (k == 0) return null;
        if (k < 2 || k > 10000) throw new UsageException($"--simulate: the number of networks must be from 2 to 10000, got {k}.");
        int[] widths = [inputs.Dimension, .. network.Widths.Widths];
        double cost = EmpiricalNtk.Cost(widths, inputs.Count, k);
        if (cost > MaxSimulationCost)
            throw new UsageException($"--simulate {k} with widths {string.Join(",", widths)} and {inputs.Count} inputs needs about {cost:G2} multiply-adds (limit {MaxSimulationCost:G2}); use fewer networks, smaller widths or fewer layers.");
        var xs = Enumerable.Range(0, inputs.Count).Select(a => inputs.Vector(a).ToArray()).ToList();
        var (mean, se) = EmpiricalNtk.Average(widths, sigma, h, xs, k, r.GetValue(options.Seed));
        return Pairs(inputs.Count).Select(p => (p.A, p.B, theory[p.A, p.B], mean[p.A, p.B], se[p.A, p.B],
            se[p.A, p.B] > 0 ? (mean[p.A, p.B] - theory[p.A, p.B]) / se[p.A, p.B] : double.NaN)).ToList();
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
