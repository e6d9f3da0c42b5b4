using System.CommandLine;
using System.Globalization;
using Wick.Algebra;
using Wick.Algebra.Training;
using Wick.Cli.Numeric;
using Wick.Numeric.Dmft;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick dmft</c>: kernel evolution of infinite-width linear networks trained by gradient flow (Bordelon–Pehlevan
/// DMFT): the whitened two-layer closed form (H_y(∞) = √(1 + γ0²|y|²)), the two-layer ODE for any K_x, the deep
/// saddle-point equations on a time grid, the derived O(γ0²) NTK series (<c>--series</c>), a finite-width check
/// against real networks (<c>--simulate N</c>) and a training plot (<c>--plot</c>).
/// </summary>
internal static class DmftCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var model = new Option<string>("--model") { Description = "Network model: linear (the only one the DMFT solver supports).", DefaultValueFactory = _ => "linear" };
        var depth = new Option<int>("--depth") { Description = "Number of hidden layers L (1: the two-layer network).", DefaultValueFactory = _ => 1 };
        var gamma0 = new Option<double>("--gamma0") { Description = "Feature-learning strength γ0 = γ/√N (0: the static NTK).", DefaultValueFactory = _ => 1.0 };
        var targets = new Option<string?>("--targets") { Description = "Targets y_1..y_P, comma-separated, e.g. \"1,-0.5,0.8\"." };
        var inputs = new Option<FileInfo?>("--inputs") { Description = "Inputs as for eval (CSV vectors, JSON vectors or a JSON Gram matrix); K_x = x·x/n_0.", HelpName = "FILE" };
        var whitened = new Option<bool>("--whitened") { Description = "Whitened data, K_x = I." };
        var series = new Option<bool>("--series") { Description = "The O(γ0²) correction to the NTK, derived as a series in γ0² (exact coefficients)." };
        var time = new Option<double>("--time") { Description = "Final training time.", DefaultValueFactory = _ => 5.0 };
        var steps = new Option<int>("--steps") { Description = "Time steps of the grid (the deep solver's cost grows like steps³).", DefaultValueFactory = _ => 60 };
        var damping = new Option<double>("--damping") { Description = "Damping β of the fixed-point iteration, in (0, 1].", DefaultValueFactory = _ => 1.0 };
        var tolerance = new Option<double>("--tol") { Description = "Convergence tolerance of the fixed-point iteration.", DefaultValueFactory = _ => 1e-10 };
        var maxIter = new Option<int>("--max-iter") { Description = "Sweep budget of the fixed-point iteration.", DefaultValueFactory = _ => 400 };
        var variant = new Option<string>("--variant") { Description = "Response terms: derived (default), gradient-independence (A = B = 0, the printed (146)), printed-68 (extra γ0 in (68)).", DefaultValueFactory = _ => "derived" };
        var grading = new Option<double>("--grading") { Description = "Grid grading q in [1, 8]: t_i = T (i/steps)^q concentrates the steps near t = 0 (large gamma0: the error falls on the time scale 1/(gamma0 |y|)).", DefaultValueFactory = _ => 1.0 };
        var simulate = new Option<int>("--simulate") { Description = "Also train real networks of this width N and compare (0: no).", DefaultValueFactory = _ => 0 };
        var seeds = new Option<int>("--seeds") { Description = "Number of simulated networks (seeds 1..k) for --simulate.", DefaultValueFactory = _ => 4 };
        var plot = new Option<FileInfo?>("--plot") { Description = "Write a plot (F.png or F.svg) of loss and kernel alignment vs time for several γ0.", HelpName = "F.png|F.svg" };
        var plotGammas = new Option<string>("--plot-gammas") { Description = "The γ0 values of --plot.", DefaultValueFactory = _ => "0,0.5,1,2" };
        var cmd = new Command("dmft", "Kernel evolution during training (DMFT of Bordelon–Pehlevan): linear networks, H_y(inf), loss and alignment, the O(gamma0^2) NTK series.");
        foreach (Option o in new Option[] { model, depth, gamma0, targets, inputs, whitened, series, time, steps, damping, tolerance, maxIter, variant, grading, simulate, seeds, plot, plotGammas, format })
            cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            NetworkOptions.CheckModel(r.GetValue(model)!, null);
            int l = r.GetValue(depth);
            if (l < 1 || l > 50) throw new UsageException($"--depth must be from 1 to 50 hidden layers, got {l}.");
            double g = r.GetValue(gamma0);
            if (!double.IsFinite(g) || g < 0) throw new UsageException($"--gamma0 must be a finite non-negative number, got {g}.");
            var options = new SaddlePointOptions
            {
                FinalTime = r.GetValue(time), Steps = r.GetValue(steps), Damping = r.GetValue(damping),
                Tolerance = r.GetValue(tolerance), MaxIterations = r.GetValue(maxIter), Variant = ParseVariant(r.GetValue(variant)!),
                Grading = r.GetValue(grading),
            };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new UsageException("--time/--steps/--damping/--tol/--max-iter/--grading: " + e.Message); }
            var y = r.GetValue(targets) is { } ty ? ParseTargets(ty) : null;
            var file = r.GetValue(inputs);
            bool white = r.GetValue(whitened);
            if (white && file is not null) throw new UsageException("--whitened sets K_x = I: do not combine it with --inputs.");
            var fmt = r.GetValue(format);
            var report = new DmftReport(fmt);
            if (r.GetValue(series)) report.Series(l, g, options.Variant == ResponseVariant.GradientIndependence);
            if (y is null)
            {
                if (!r.GetValue(series)) throw new UsageException("give --targets \"y1,y2,...\" (and --whitened or --inputs FILE) for a training trajectory.");
                report.Flush();
                return ExitCodes.Ok;
            }
            if (!white && file is null) throw new UsageException("give the data: --whitened (K_x = I) or --inputs FILE.");
            var kx = white ? null : KernelFromFile(file!, y.Length);
            LinearDmftProblem problem;
            try
            {
                var ys = y.Select(v => v.ToDouble()).ToArray();
                problem = kx is null ? LinearDmftProblem.Whitened(ys, l, g) : new LinearDmftProblem(kx, ys, l, g);
            }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            if (white && l == 1) report.WhitenedClosedForm(problem, y, Exactly.FromDouble(g));
            SaddlePointSolution solution;
            try { solution = LinearDmft.Solve(problem, options); }
            catch (DmftConvergenceException e) { throw new UsageException(e.Message); }
            if (!solution.Trajectory.IsFinite) { Console.Error.WriteLine("wick dmft: the solution is not finite (internal error)."); return 3; }
            report.Trajectory(problem, solution, options);
            if (r.GetValue(series)) report.SeriesCheck(problem, solution, options);
            int width = r.GetValue(simulate);
            if (width != 0)
            {
                if (width < 2 || width > 5000) throw new UsageException($"--simulate: the width N must be from 2 to 5000, got {width}.");
                int k = r.GetValue(seeds);
                if (k < 2 || k > 64) throw new UsageException($"--seeds must be from 2 to 64, got {k}.");
                report.FiniteWidth(problem, solution, width, k);
            }
            if (r.GetValue(plot) is { } png) report.Plot(png, problem, options, ParseList(r.GetValue(plotGammas)!, "--plot-gammas"));
            report.Flush();
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static ResponseVariant ParseVariant(string v) => v.ToLowerInvariant() switch
    {
        "derived" => ResponseVariant.Derived,
        "gradient-independence" or "gi" or "printed-146" => ResponseVariant.GradientIndependence,
        "printed-68" => ResponseVariant.PrintedGammaIn68,
        _ => throw new UsageException($"--variant: expected derived, gradient-independence or printed-68, got '{v}'."),
    };

    /// <summary>The targets as the rationals typed ("0.8" → 4/5).</summary>
    private static Rational[] ParseTargets(string text)
    {
        var parts = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new UsageException("--targets: no numbers given.");
        if (parts.Length > 64) throw new UsageException($"--targets: at most 64 targets (the grid solver holds P·steps matrices), got {parts.Length}.");
        return [.. parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? Exactly.FromDouble(v)
            : throw new UsageException($"--targets: cannot read '{p}' as a finite number."))];
    }

    private static double[] ParseList(string text, string option)
    {
        var parts = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0
            ? v : throw new UsageException($"{option}: cannot read '{p}' as a non-negative number.")).ToArray();
        if (values.Length is 0 or > 6) throw new UsageException($"{option}: give 1 to 6 values.");
        return values;
    }

    private static double[,] KernelFromFile(FileInfo file, int p)
    {
        var inputs = NetworkOptions.ReadInputs(file);
        if (inputs.Count != p) throw new UsageException($"--inputs {file.Name} has {inputs.Count} inputs but --targets gives {p} targets.");
        var k = new double[p, p];
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) k[a, b] = inputs.Gram(a, b);
        return k;
    }
}
