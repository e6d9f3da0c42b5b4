using System.Numerics;
using Wick.Algebra;
using Wick.Algebra.Training;
using Wick.Numeric.Dmft;

namespace Wick.Cli.Numeric;

/// <summary>
/// What <c>wick dmft</c> prints: text and LaTeX as it goes, JSON as one object at the end (<see cref="Flush"/>).
/// Only finite numbers are printed; solvers that fail to converge have already become exit-2 messages.
/// </summary>
internal sealed class DmftReport(OutputFormat format)
{
    private readonly Dictionary<string, object?> _json = new() { ["command"] = "dmft", ["model"] = "linear" };
    private bool Json => format == OutputFormat.Json;
    private static readonly Symbol DepthSymbol = Symbol.Plain("L");

    private void Heading(string text) { if (!Json) TableOutput.Heading(Console.Out, format, text); }
    private void Line(string text) { if (!Json) Console.Out.WriteLine(format == OutputFormat.Latex ? "% " + text : text); }

    /// <summary>The derived O(γ0²) NTK coefficient (see <see cref="DeepLinearKernelSeries"/>).</summary>
    public void Series(int depth, double gamma0, bool gradientIndependence)
    {
        var s = DeepLinearKernelSeries.Derive(depth, gradientIndependence);
        var structures = Enum.GetValues<KernelStructure>();
        var poly = structures.ToDictionary(k => k, k => DeepLinearKernelSeries.NtkCoefficientInDepth(k, DepthSymbol, gradientIndependence));
        var printed = DeepLinearKernelSeries.NtkCoefficientInDepth(KernelStructure.HiddenCross, DepthSymbol, gradientIndependence: true);
        Rational printedValue = Rational.Create(depth * (depth + 1), 2);
        string Factored(Polynomial p) => format == OutputFormat.Latex ? PolynomialFactoring.Factor(p, DepthSymbol).ToLatex() : PolynomialFactoring.Factor(p, DepthSymbol).ToString();
        _json["series"] = new Dictionary<string, object?>
        {
            ["depth"] = depth,
            ["gamma0"] = gamma0,
            ["responses"] = gradientIndependence ? "gradient-independence (A = B = 0)" : "derived",
            ["forwardResponse"] = s.ForwardOperators.Select(c => c.ToString()).ToArray(),
            ["backwardResponse"] = s.BackwardOperators.Select(c => c.ToString()).ToArray(),
            ["ntkCoefficient"] = structures.ToDictionary(k => Camel(k), k => new Dictionary<string, object>
            {
                ["exact"] = s.NtkCorrection[k].ToString(),
                ["value"] = s.NtkCorrection[k].ToDouble(),
                ["inDepth"] = Factored(poly[k]),
            }),
            ["structures"] = Structures,
            ["relativeCorrectionScale"] = gamma0 * gamma0 * s.NtkCorrection[KernelStructure.HiddenCross].ToDouble() / (depth + 1),
            ["printedEq12Coefficient"] = new Dictionary<string, object> { ["exact"] = printedValue.ToString(), ["inDepth"] = Factored(printed) },
        };
        Heading($"O(γ0²) correction to the NTK of a deep linear network, L = {depth} (saddle point (71) expanded in γ0², exact)");
        Line("responses at γ0 = 0:  C^ℓ = " + string.Join(", ", s.ForwardOperators.Select(c => c.ToString())) + ";  D^ℓ = " + string.Join(", ", s.BackwardOperators.Select(c => c.ToString())));
        Line($"K_NTK(t,s) = {depth + 1} K_x + γ0² [a·S1 + b·S2 + c·K_x S3 + d·K_x S4] + O(γ0⁴)");
        var table = new TableOutput(["structure", "coefficient", "in L", "printed (12)"]);
        foreach (var k in structures) table.Add($"{Camel(k)}: {Structures[Camel(k)]}", s.NtkCorrection[k].ToString(), Factored(poly[k]), printedValue.ToString());
        if (!Json) table.Write(Console.Out, format);
        if (!gradientIndependence && depth > 1)
            Line($"the printed (12)/(146) coefficient L(L+1)/2 = {printedValue} is the gradient-independence (A = B = 0) value; see docs/ERRATA.md");
        Line($"relative size at γ0 = {gamma0}: γ0²·{s.NtkCorrection[KernelStructure.HiddenCross]}/(L+1) = {TableOutput.Short(gamma0 * gamma0 * s.NtkCorrection[KernelStructure.HiddenCross].ToDouble() / (depth + 1), 6)} (times the v-functions)");
    }

    private static readonly Dictionary<string, string> Structures = new()
    {
        ["hiddenCross"] = "Σ K_xµα K_xνβ [v_αβ(t) + v_βα(s)]",
        ["hiddenProduct"] = "Σ K_xµα K_xνβ v_α(t) v_β(s)",
        ["gradientCross"] = "Σ K_xαβ [v_αβ(t) + v_βα(s)]",
        ["gradientProduct"] = "Σ K_xαβ v_α(t) v_β(s)",
    };

    private static string Camel(KernelStructure k) => char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..];

    /// <summary>The whitened two-layer closed form (77)–(79), exactly when 1 + γ0²|y|² is a rational square.</summary>
    public void WhitenedClosedForm(LinearDmftProblem problem, IReadOnlyList<Rational> y, Rational gamma0)
    {
        var w = new WhitenedTwoLayer(problem.Gamma0, problem.TargetNorm);
        Rational y2 = y.Aggregate(Rational.Zero, (acc, v) => acc + v * v);
        Rational radicand = Rational.One + gamma0 * gamma0 * y2;
        string? exact = ExactSqrt(radicand) is { } root ? root.ToString() : null;
        _json["whitenedTwoLayer"] = new Dictionary<string, object?>
        {
            ["targetNormSquared"] = y2.ToString(),
            ["finalKernel"] = new Dictionary<string, object?> { ["formula"] = "sqrt(1 + gamma0^2 |y|^2)", ["radicand"] = radicand.ToString(), ["exact"] = exact, ["value"] = w.FinalKernel },
            ["conservedQuantity"] = "H_y^2 - gamma0^2 (|y| - Delta)^2 = 1",
            ["halfTime"] = w.TimeToReach(problem.TargetNorm / 2),
        };
        Heading($"Two-layer linear network, whitened data (K_x = I), γ0 = {problem.Gamma0}, P = {problem.Count}: closed form (76)–(79)");
        Line($"|y|² = {y2}");
        Line($"conserved (77): H_y² − γ0²(|y| − Δ)² = 1  ⇒  H_y(∞) = √(1 + γ0²|y|²) = √({radicand}) = {exact ?? TableOutput.Short(w.FinalKernel, 12)}" +
             (exact is null ? "" : $" = {TableOutput.Short(w.FinalKernel, 12)}"));
        Line($"prediction (78): df/dt = 2√(1 + γ0²f²)(|y| − f); half the target is reached at t = {TableOutput.Short(w.TimeToReach(problem.TargetNorm / 2), 10)} (79)");
    }

    private static Rational? ExactSqrt(Rational q)
    {
        if (q.Sign < 0) return null;
        static BigInteger? Root(BigInteger n)
        {
            if (n.IsZero) return n;
            var x = (BigInteger)Math.Sqrt((double)n);
            for (int i = 0; i < 100; i++)
            {
                var next = (x + n / x) / 2;
                if (BigInteger.Abs(next - x) <= 1) { x = next; break; }
                x = next;
            }
            for (var c = BigInteger.Max(x - 2, BigInteger.Zero); c <= x + 2; c++) if (c * c == n) return c;
            return null;
        }
        var num = Root(q.Numerator);
        var den = Root(q.Denominator);
        return num is { } a && den is { } b ? Rational.Create(a, b) : null;
    }

    /// <summary>Loss and alignment along the trajectory (eleven evenly spaced rows) and how the solver converged.</summary>
    public void Trajectory(LinearDmftProblem problem, SaddlePointSolution solution, SaddlePointOptions options)
    {
        var pts = solution.Trajectory.Points;
        double y2 = problem.Targets.Sum(v => v * v);
        var rows = Enumerable.Range(0, 11).Select(i => (int)Math.Round(i * (pts.Count - 1) / 10.0)).Distinct().ToArray();
        string solver = problem.Depth == 1 && options.Variant == ResponseVariant.Derived
            ? "two-layer ODE (74), adaptive Dormand–Prince"
            : $"saddle point (71) on {options.Steps + 1} times{(options.Grading == 1 ? "" : $" (graded, t_i = T (i/{options.Steps})^{options.Grading})")} × {problem.Count} samples, damped fixed-point iteration (β = {options.Damping})";
        double KYy(DmftPoint p) { double s = 0; for (int a = 0; a < problem.Count; a++) for (int b = 0; b < problem.Count; b++) s += problem.Targets[a] * p.Ntk[a, b] * problem.Targets[b]; return s / y2; }
        _json["depth"] = problem.Depth;
        _json["gamma0"] = problem.Gamma0;
        _json["targets"] = problem.Targets;
        _json["whitened"] = problem.IsWhitened;
        _json["solver"] = new Dictionary<string, object?>
        {
            ["method"] = solver, ["variant"] = options.Variant.ToString(), ["iterations"] = solution.Iterations, ["residual"] = solution.Residual,
            ["seconds"] = solution.Elapsed.TotalSeconds, ["gridPoints"] = solution.GridSize, ["finalTime"] = options.FinalTime, ["grading"] = options.Grading,
        };
        _json["trajectory"] = rows.Select(i => new Dictionary<string, object?>
        {
            ["t"] = pts[i].Time, ["loss"] = pts[i].Loss, ["alignment"] = pts[i].Alignment(problem.Targets), ["ntkAlongY"] = KYy(pts[i]),
            ["hiddenAlongY"] = pts[i].HiddenKernels?.Select(h => AlongY(h, problem.Targets)).ToArray(),
            ["gradient"] = pts[i].GradientKernels,
        }).ToArray();
        _json["finalNtk"] = ToJagged(solution.Trajectory.Final.Ntk);
        Heading($"Deep linear DMFT, L = {problem.Depth}, γ0 = {problem.Gamma0}, P = {problem.Count}{(problem.IsWhitened ? ", whitened" : "")}: {solver}");
        if (solution.Iterations > 0)
            Line($"converged in {solution.Iterations} sweeps (last change {solution.Residual:G3}), {solution.Elapsed.TotalSeconds:F2} s");
        var table = new TableOutput(["t", "loss ½|Δ|²", "|Δ|/|y|", "alignment", "yᵀKy/|y|²", "H^L_y", "G^1"]);
        foreach (int i in rows)
        {
            var p = pts[i];
            table.Add(TableOutput.Short(p.Time, 4), TableOutput.Short(p.Loss, 6), TableOutput.Short(Math.Sqrt(2 * p.Loss / y2), 6),
                TableOutput.Short(p.Alignment(problem.Targets), 6), TableOutput.Short(KYy(p), 6),
                p.HiddenKernels is { } h ? TableOutput.Short(AlongY(h[^1], problem.Targets), 6) : "",
                p.GradientKernels is { } g ? TableOutput.Short(g[0], 6) : "");
        }
        if (!Json) table.Write(Console.Out, format);
    }

    private static double AlongY(double[,] h, IReadOnlyList<double> y)
    {
        double s = 0, y2 = 0;
        for (int a = 0; a < y.Count; a++) { y2 += y[a] * y[a]; for (int b = 0; b < y.Count; b++) s += y[a] * h[a, b] * y[b]; }
        return s / y2;
    }

    private static double[][] ToJagged(double[,] m) =>
        [.. Enumerable.Range(0, m.GetLength(0)).Select(a => Enumerable.Range(0, m.GetLength(1)).Select(b => m[a, b]).ToArray())];

    /// <summary>The full solution at the final time against K_0 + γ0² K_2 from the derived series.</summary>
    public void SeriesCheck(LinearDmftProblem problem, SaddlePointSolution solution, SaddlePointOptions options)
    {
        var coefficients = DeepLinearKernelSeries.Derive(problem.Depth, options.Variant == ResponseVariant.GradientIndependence).NtkCorrection;
        double t = solution.Trajectory.Final.Time;
        var k2 = KernelSeriesEvaluator.NtkCorrection(problem, coefficients, [t])[0];
        double g2 = problem.Gamma0 * problem.Gamma0, worst = 0, scale = 0;
        for (int a = 0; a < problem.Count; a++)
            for (int b = 0; b < problem.Count; b++)
            {
                double predicted = (problem.Depth + 1) * problem.InputKernel[a, b] + g2 * k2[a, b];
                worst = Math.Max(worst, Math.Abs(predicted - solution.Trajectory.Final.Ntk[a, b]));
                scale = Math.Max(scale, Math.Abs(g2 * k2[a, b]));
            }
        if (_json["series"] is Dictionary<string, object?> s)
        {
            s["ntkCorrectionAtFinalTime"] = ToJagged(k2);
            s["finalTime"] = t;
            s["maxDeviationFromFullSolution"] = worst;
            s["sizeOfCorrection"] = scale;
        }
        Line($"series vs full solution at t = {TableOutput.Short(t, 4)}: γ0²K_2 has size {TableOutput.Short(scale, 4)}, K_0 + γ0²K_2 differs from the solution by {TableOutput.Short(worst, 3)} (O(γ0⁴) plus grid error)");
    }

    /// <summary>Real width-N networks (k seeds) against the DMFT: loss and yᵀKy/|y|², mean ± standard error.</summary>
    public void FiniteWidth(LinearDmftProblem problem, SaddlePointSolution solution, int width, int seeds)
    {
        var pts = solution.Trajectory.Points;
        var rows = Enumerable.Range(0, 6).Select(i => (int)Math.Round(i * (pts.Count - 1) / 5.0)).Distinct().ToArray();
        double[] times = [.. rows.Select(i => pts[i].Time)];
        var net = new FiniteWidthLinearNetwork(problem, width);
        var runs = Enumerable.Range(1, seeds).AsParallel().AsOrdered().Select(s => net.Train((ulong)s, times)).ToArray();
        double y2 = problem.Targets.Sum(v => v * v);
        double KYy(DmftPoint p) => AlongY(p.Ntk, problem.Targets);
        var records = new List<Dictionary<string, object?>>();
        var table = new TableOutput(["t", "loss DMFT", $"loss N={width}", "z", "yᵀKy/|y|² DMFT", $"N={width}", "z"]);
        double maxZ = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            var dm = pts[rows[r]];
            var (lm, ls) = MeanErr(runs.Select(x => x.Points[r].Loss));
            var (km, ks) = MeanErr(runs.Select(x => KYy(x.Points[r])));
            double zl = ls > 0 ? (lm - dm.Loss) / ls : 0, zk = ks > 0 ? (km - KYy(dm)) / ks : 0;
            maxZ = Math.Max(maxZ, Math.Max(Math.Abs(zl), Math.Abs(zk)));
            table.Add(TableOutput.Short(dm.Time, 4), TableOutput.Short(dm.Loss, 5), TableOutput.PlusMinus(lm, ls), TableOutput.Short(zl, 2),
                TableOutput.Short(KYy(dm), 5), TableOutput.PlusMinus(km, ks), TableOutput.Short(zk, 2));
            records.Add(new() { ["t"] = dm.Time, ["lossDmft"] = dm.Loss, ["lossMean"] = lm, ["lossStdErr"] = ls, ["ntkDmft"] = KYy(dm), ["ntkMean"] = km, ["ntkStdErr"] = ks });
        }
        _json["finiteWidth"] = new Dictionary<string, object?> { ["width"] = width, ["seeds"] = seeds, ["rows"] = records, ["maxAbsZ"] = maxZ };
        Heading($"Finite-width check: {seeds} real networks of width N = {width} trained by gradient flow (RK4), mean ± standard error; fluctuations are O(1/√N) = {TableOutput.Short(1 / Math.Sqrt(width), 3)}");
        if (!Json) table.Write(Console.Out, format);
    }

    private static (double Mean, double StdErr) MeanErr(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double m = a.Average();
        double v = a.Sum(x => (x - m) * (x - m)) / (a.Length - 1);
        return (m, Math.Sqrt(v / a.Length));
    }

    /// <summary>Loss and alignment vs time for several γ0 (same data, depth and grid).</summary>
    public void Plot(FileInfo png, LinearDmftProblem problem, SaddlePointOptions options, IReadOnlyList<double> gammas)
    {
        if (!Wick.Numeric.Plotting.PlotFile.IsSupported(png.Name)) throw new UsageException(Wick.Numeric.Plotting.PlotFile.Expected("--plot", png.Name));
        if (png.Directory is { Exists: false } dir) throw new UsageException($"--plot: directory does not exist: {dir.FullName}");
        var trajectories = new List<DmftTrajectory>();
        foreach (double g in gammas)
        {
            try { trajectories.Add(LinearDmft.Solve(problem.WithGamma0(g), options).Trajectory); }
            catch (DmftConvergenceException e) { throw new UsageException($"--plot-gammas {g}: {e.Message}"); }
        }
        DmftPlots.SaveTrainingPlot(png.FullName, trajectories, $"Deep linear DMFT, L = {problem.Depth}, P = {problem.Count}: loss (solid) and kernel alignment (dashed)");
        _json["plot"] = png.FullName;
        Line($"wrote {png.FullName}");
    }

    public void Flush() { if (Json) Cli.WriteJson(_json); }
}
