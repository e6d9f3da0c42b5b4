using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wick.Numeric.Networks;

namespace Wick.Cli.Numeric;

/// <summary>
/// The network options shared by <c>eval</c>, <c>mc</c>, <c>crosscheck</c> and <c>plot</c>: model, widths,
/// hyperparameters and inputs. Bad values become <see cref="UsageException"/>s (exit 2).
/// </summary>
internal sealed class NetworkOptions
{
    public Option<string> Model { get; } = new("--model")
    {
        Description = "Network model: linear (deep linear) or mlp (general activation, --activation).",
        DefaultValueFactory = _ => "linear",
    };
    public Option<string?> Activation { get; } = new("--activation") { Description = "Activation for --model mlp: linear, relu, leaky_relu:A, abs, tanh, sin, erf, gelu, swish, sigmoid, softplus, an expression in z, or (eval) poly:c0,c1,..." };
    public Option<string> Widths { get; }
    public Option<double> CW { get; } = DecimalOption.Create("--cw", "Weight variance C_W (critical: 1).", 1.0);
    public Option<double> Cb { get; } = DecimalOption.Create("--cb", "Bias variance C_b (0: no biases).", 0.0);
    public Option<int?> InputDim { get; } = new("--input-dim") { Description = "Input dimension n_0 (default: the width of the first layer)." };
    public Option<double?> InputNorm { get; } = DecimalOption.CreateOptional("--input-norm", "One input with G2^(0) = |x|^2/n_0 = Q (default 1).");
    public Option<FileInfo?> InputsFile { get; } = new("--inputs") { Description = "Inputs: CSV (one vector per line), JSON vectors ([[...],[...]]) or a JSON Gram matrix ({\"gram\": [[...]], \"inputDim\": n0}).", HelpName = "FILE" };

    public NetworkOptions(string defaultWidths)
    {
        Widths = new Option<string>("--widths")
        {
            Description = "Widths n_1..n_L: 8,8,16 (one per layer) or 8x10 (ten layers of width 8); forms combine.",
            DefaultValueFactory = _ => defaultWidths,
        };
    }

    public void AddTo(Command cmd)
    {
        foreach (Option o in new Option[] { Model, Activation, Widths, CW, Cb, InputDim, InputNorm, InputsFile }) cmd.Options.Add(o);
    }

    /// <summary>
    /// The activation of <c>--model mlp --activation NAME</c> (null for <c>--model linear</c>), for commands that
    /// simulate nonlinear networks; unknown or malformed activations are usage errors.
    /// </summary>
    public Wick.Numeric.Activations.Activation? ReadActivation(ParseResult r)
    {
        string model = r.GetValue(Model)!, activation = r.GetValue(Activation) ?? "";
        if (!string.Equals(model, "mlp", StringComparison.OrdinalIgnoreCase))
        {
            CheckModel(model, r.GetValue(Activation));
            return null;
        }
        if (activation.Length == 0) throw new UsageException("--model mlp needs --activation NAME (e.g. relu, tanh, leaky_relu:0.1, or an expression in z).");
        try { return Wick.Numeric.Activations.Activation.Parse(activation); }
        catch (Wick.Numeric.Activations.ActivationFormatException e) { throw new UsageException($"--activation: {e.Message}"); }
    }

    /// <summary>Validated network and inputs from the parse result (<paramref name="allowMlp"/>: the model was read by <see cref="ReadActivation"/>).</summary>
    public (DeepLinearNetwork Network, NetworkInputs Inputs) Read(ParseResult r, bool allowMlp = false)
    {
        if (!allowMlp) CheckModel(r.GetValue(Model)!, r.GetValue(Activation));
        WidthProfile widths;
        try { widths = WidthProfile.Parse(r.GetValue(Widths)!); }
        catch (Exception e) when (e is FormatException or ArgumentException) { throw new UsageException(e.Message); }
        DeepLinearNetwork net;
        try { net = new DeepLinearNetwork(widths, r.GetValue(CW), r.GetValue(Cb)).Validated(); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        var file = r.GetValue(InputsFile);
        var norm = r.GetValue(InputNorm);
        int? dim = r.GetValue(InputDim);
        if (file is not null && norm is not null)
            throw new UsageException("--inputs gives the inputs: do not combine it with --input-norm.");
        try
        {
            var inputs = file is not null ? ReadInputs(file, dim) : NetworkInputs.FromNorm(norm ?? 1.0, dim ?? widths[1]);
            if (file is not null && dim is not null && inputs.Dimension != dim)
                throw new UsageException($"--input-dim {dim} does not match the {inputs.Dimension}-dimensional vectors in {file.Name}.");
            return (net, inputs);
        }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    /// <summary><c>linear</c> is supported; <c>mlp</c> and activations are not yet: exit 2 with a clear message.</summary>
    public static void CheckModel(string model, string? activation)
    {
        switch (model.ToLowerInvariant())
        {
            case "linear":
                if (activation is not null)
                    throw new UsageException($"--activation applies to --model mlp only (deep linear networks have σ(z) = z); got --activation {activation}.");
                return;
            case "mlp":
                throw new UsageException(activation is null
                    ? "--model mlp is not supported by the numeric backend yet; use --model linear."
                    : $"--model mlp --activation {activation}: general activations are not supported by the numeric backend yet; use --model linear.");
            default:
                throw new UsageException($"--model: unknown model '{model}'; expected linear or mlp.");
        }
    }

    /// <summary>The largest <c>--inputs</c> file read (a larger one is refused before it fills memory).</summary>
    public const long MaxInputsBytes = 16L << 20;

    /// <summary>Reads input vectors from CSV (one input per line, comma/space separated) or JSON (array of arrays, or {"inputs": ...}).</summary>
    public static NetworkInputs ReadInputs(FileInfo file, int? inputDim = null)
    {
        string text = BoundedFile.ReadText(file.FullName, "--inputs", MaxInputsBytes);
        var vectors = new List<IReadOnlyList<double>>();
        string trimmed = text.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("gram", out var gram))
                {
                    var g = gram.EnumerateArray().Select(r => (IReadOnlyList<double>)r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
                    int dim = inputDim ?? (root.TryGetProperty("inputDim", out var d) ? d.GetInt32() : g.Length);
                    try { return NetworkInputs.FromGram(g, dim); }
                    catch (ArgumentException e) { throw new UsageException($"--inputs {file.Name}: {e.Message}"); }
                }
                if (root.ValueKind == JsonValueKind.Object) root = root.GetProperty("inputs");
                foreach (var v in root.EnumerateArray()) vectors.Add(v.EnumerateArray().Select(x => x.GetDouble()).ToArray());
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new UsageException($"--inputs {file.Name}: expected a JSON array of input vectors, e.g. [[1,0],[0,1]] ({e.Message}).");
            }
        }
        else
        {
            int line = 0;
            foreach (string raw in text.Split('\n'))
            {
                line++;
                string s = raw.Trim();
                if (s.Length == 0 || s.StartsWith('#')) continue;
                var parts = s.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
                var row = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                        throw new UsageException($"--inputs {file.Name}:{line}: cannot read '{parts[i]}' as a number.");
                vectors.Add(row);
            }
        }
        if (vectors.Count == 0) throw new UsageException($"--inputs {file.Name}: no input vectors found.");
        try { return new NetworkInputs(vectors); }
        catch (ArgumentException e) { throw new UsageException($"--inputs {file.Name}: {e.Message}"); }
    }

    /// <summary>Parses <c>k/N</c>.</summary>
    public static (int K, int N) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || k < 1 || n < 1 || k > n)
            throw new UsageException($"--shard: expected k/N with 1 ≤ k ≤ N (e.g. 2/4), got '{text}'.");
        return (k, n);
    }
}
