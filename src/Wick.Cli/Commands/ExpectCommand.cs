using Wick.Algebra.Syntax;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;
using Wick.Parser;
using SyntaxExpectation = Wick.Algebra.Syntax.GaussianExpectation;

namespace Wick.Cli.Commands;

/// <summary>
/// <c>wick expect "&lt;sigma_a1 sigma_a2&gt;_K" --activation tanh --kernel "[[1,0.5],[0.5,1]]"</c>: a Gaussian
/// expectation ⟨f(z_{α1}, …, z_{αk})⟩_K (4.118) evaluated numerically with its error estimate — exactly for
/// scale-invariant activations, in closed form for erf's two-point kernels, by adaptive quadrature otherwise (Gauss–Hermite or the trapezoidal rule).
/// </summary>
internal static class ExpectCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var expr = new Argument<string>("EXPECTATION") { Description = "A Gaussian expectation such as \"<sigma_a1 sigma_a2>_K\", \"<sigma'_a sigma'_b>_K\" or \"<sigma sigma>_K\" (one input)." };
        var activation = new Option<string>("--activation") { Description = "σ: linear, relu, leaky_relu:A, abs, tanh, sin, erf, gelu, swish, sigmoid, softplus, or an expression in z such as \"z/(1+exp(-z))\".", Required = true };
        var kernel = new Option<string>("--kernel") { Description = "The kernel K: a number (one input) or a symmetric PSD matrix \"[[1,0.5],[0.5,1]]\" (rows in the order the sample indices first appear).", Required = true };
        var tolerance = new Option<double>("--tolerance") { Description = "Quadrature tolerance: |Q_2n − Q_n| ≤ tol·max(1, |Q|).", DefaultValueFactory = _ => GaussianExpectations.DefaultTolerance };
        var cmd = new Command("expect", "Evaluate a Gaussian expectation <f(z_a1, …, z_ak)>_K (k ≤ 4) for an activation and a kernel, with its error estimate.") { expr, activation, kernel, tolerance, format };
        cmd.SetAction(r =>
        {
            string text = r.GetValue(expr)!;
            double tol = r.GetValue(tolerance);
            if (!(tol > 0) || !double.IsFinite(tol) || tol >= 1) throw new UsageException($"--tolerance must be a number in (0, 1), got {tol}.");
            Activation sigma;
            try { sigma = Activation.Parse(r.GetValue(activation)!); }
            catch (ActivationFormatException e) { throw new UsageException($"--activation: {e.Message}"); }
            var k = ParseKernel(r.GetValue(kernel)!);
            var parsed = WickParser.ParseExpression(text); // a ParseException is a located diagnostic, exit 2 (Cli.Run)
            if (parsed is not SyntaxExpectation g)
                throw new UsageException($"expect: expected a Gaussian expectation <...>_K such as \"<sigma_a1 sigma_a2>_K\", got '{TextPrinter.Print(parsed)}'.");
            GaussianBody body;
            IReadOnlyList<string> inputs;
            try { (body, inputs) = BodyFromSyntax.Convert(g, k); }
            catch (UnsupportedBodyException e)
            {
                string piece = TextPrinter.Print(e.Node);
                // Locate the node by its head (the printer may space indices differently from the input).
                int cut = piece.IndexOfAny(['_', '^', '(', '{', ' ']);
                string head = cut > 0 ? piece[..cut] : piece;
                int at = text.IndexOf(piece, StringComparison.Ordinal) is var whole and >= 0 ? whole : text.IndexOf(head, 1, StringComparison.Ordinal);
                Console.Error.WriteLine(Diagnostic.At(text, Math.Max(at, 1), $"'{piece}' {e.Message}").Render());
                return ExitCodes.BadInput;
            }
            catch (ArgumentException e) { throw new UsageException($"expect {text}: {e.Message}."); }
            GaussianValue v;
            try { v = GaussianExpectations.Evaluate(body, sigma, k, tol); }
            catch (GaussianEvaluationException e) { throw new UsageException($"expect {text} with σ = {sigma.Name}: {e.Message}"); }
            if (!double.IsFinite(v.Value) || !double.IsFinite(v.ErrorEstimate))
                throw new InvalidOperationException("internal: a non-finite Gaussian expectation escaped the checks");
            Write(text, g, sigma, k, inputs, v, tol, r.GetValue(format));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>A number (1×1) or a JSON matrix; shape, symmetry, finiteness and PSD are checked (exit 2).</summary>
    internal static KernelMatrix ParseKernel(string text)
    {
        double[,] m;
        string t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) m = new[,] { { x } };
        else
        {
            double[][] rows;
            try { rows = JsonSerializer.Deserialize<double[][]>(t) ?? throw new JsonException("null"); }
            catch (JsonException e) { throw new UsageException($"--kernel: expected a number or a matrix such as [[1,0.5],[0.5,1]], got '{text}' ({e.Message})"); }
            int n = rows.Length;
            if (n == 0 || rows.Any(row => row is null || row.Length != n))
                throw new UsageException($"--kernel: the matrix must be square (n rows of n numbers), got {n} row(s) of lengths {string.Join(", ", rows.Select(row => row?.Length ?? 0))}");
            m = new double[n, n];
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++) m[a, b] = rows[a][b];
        }
        try { return new KernelMatrix(m); }
        catch (KernelException e) { throw new UsageException($"--kernel: {e.Message}."); }
    }

    /// <summary>
    /// The value to the decimals its accuracy supports: quadrature results are rounded at the tolerance reached
    /// (max of the error estimate and tol·max(1, |value|)); exact routes print every digit.
    /// </summary>
    internal static string Rounded(GaussianValue v, double tol)
    {
        if (v.Method is not (GaussianMethod.GaussHermite or GaussianMethod.Trapezoid)) return v.Value.ToString("R", CultureInfo.InvariantCulture);
        double bound = Math.Max(v.ErrorEstimate, tol * Math.Max(1, Math.Abs(v.Value)));
        int decimals = Math.Clamp((int)Math.Floor(-Math.Log10(bound)), 0, 15);
        return Math.Round(v.Value, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static string MethodText(GaussianValue v) => v.Method switch
    {
        GaussianMethod.ClosedForm => "closed form",
        GaussianMethod.OrthantMoments => "exact orthant moments (Stein's lemma, Plackett's identity)",
        GaussianMethod.Trapezoid => $"trapezoidal rule, {v.Degree} nodes per dimension",
        _ => $"Gauss–Hermite, {v.Degree} nodes per dimension",
    };

    private static void Write(string text, SyntaxExpectation g, Activation sigma, KernelMatrix k, IReadOnlyList<string> inputs, GaussianValue v, double tol, OutputFormat format)
    {
        string value = v.Value.ToString("R", CultureInfo.InvariantCulture);
        string err = v.ErrorEstimate.ToString("G2", CultureInfo.InvariantCulture);
        switch (format)
        {
            case OutputFormat.Json:
                Cli.WriteJson(new
                {
                    command = "expect",
                    expression = text,
                    text = TextPrinter.Print(g),
                    activation = sigma.Name,
                    sigma = sigma.Expression.ToString(),
                    kernel = k.ToArray().Cast<double>().Chunk(k.Size).ToArray(),
                    inputs = inputs.Select(n => n.Length == 0 ? "(single input)" : n).ToArray(),
                    value = v.Value,
                    errorEstimate = v.ErrorEstimate,
                    method = v.Method.ToString(),
                    degree = v.Degree,
                    tolerance = tol,
                });
                break;
            case OutputFormat.Latex:
                Console.WriteLine($"{LatexPrinter.Print(g)} = {value} \\pm {err}");
                break;
            default:
                Console.WriteLine(Rounded(v, tol));
                Console.WriteLine($"  {TextPrinter.Print(g)} = {value} with sigma = {sigma.Name}, K = {k}; error estimate {err} ({MethodText(v)})");
                break;
        }
    }
}
