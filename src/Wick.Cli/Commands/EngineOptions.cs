using System.CommandLine;
using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Engine;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Cli.Commands;

/// <summary>The model options shared by <c>derive</c> and <c>check</c>: --model, --bias, --set.</summary>
internal sealed class EngineOptions
{
    public Option<string> Model { get; } = new("--model", "-m")
    {
        Description = "Network model: 'linear' (deep linear, sigma(z) = z; the default) or 'mlp' (general activation sigma, with biases; K, V, G1 and their recursions (4.115), (4.118), (4.119)).",
        DefaultValueFactory = _ => "linear",
        HelpName = "linear|mlp",
    };

    public Option<bool> Bias { get; } = new("--bias")
    {
        Description = "Add biases b^(l)_i with E[b_i b_j] = delta_ij C_b.",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Substitute an exact value for a symbol, e.g. --set C_W=1 --set n_l=100 (repeatable).",
        HelpName = "SYMBOL=VALUE",
        DefaultValueFactory = _ => [], // else System.CommandLine makes the empty array by reflection (~0.5 ms native start-up)
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string> Activation { get; } = new("--activation")
    {
        Description = "--model mlp: the activation, " + MlpModel.KnownNames + "; Gaussian expectations are exact where the activation allows.",
        HelpName = "NAME",
    };

    public Option<bool> EqualWidths { get; } = new("--equal-widths")
    {
        Description = "--model mlp: all hidden widths equal, n_1 = ... = n_{L-1} = n (5.107).",
    };

    public Option<string> Notation { get; } = new("--notation")
    {
        Description = "Whose notation the input is written in: book (PDLT, the default) or lectures (Les Houches: z^l, G_4^{l-1}, sigma_w^2; their layer l is the book's l+1).",
        HelpName = "book|lectures",
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Notation);
        cmd.Options.Add(Model);
        cmd.Options.Add(Bias);
        cmd.Options.Add(Set);
        cmd.Options.Add(Activation);
        cmd.Options.Add(EqualWidths);
    }

    /// <summary>The mlp model asked for (--activation, --equal-widths); refused without --model mlp.</summary>
    private MlpModel ReadMlp(ParseResult r, bool mlp)
    {
        string? name = r.GetValue(Activation);
        bool equal = r.GetValue(EqualWidths);
        if (!mlp)
        {
            if (name is not null || equal) throw new UsageException("--activation and --equal-widths belong to --model mlp.");
            return MlpModel.Symbolic;
        }
        var act = name is null ? SymbolicActivation.Instance
            : MlpModel.ActivationNamed(name) ?? throw new UsageException($"--activation {name}: known are {MlpModel.KnownNames}.");
        return new MlpModel(act, equal);
    }

    /// <summary>The request with the model, --bias and --set of the command line (bad values: exit 2).</summary>
    public T Apply<T>(ParseResult r, T request) where T : ModelRequest
    {
        string model = r.GetValue(Model) ?? "linear";
        var kind = model.ToLowerInvariant() switch
        {
            "linear" => NetworkModel.Linear,
            "mlp" => NetworkModel.Mlp,
            _ => throw new UsageException($"--model {model}: derive and check know 'linear' (deep linear) and 'mlp' (general activation, leading order)."),
        };
        var settings = new Dictionary<Symbol, Polynomial>();
        foreach (var s in r.GetValue(Set) ?? [])
        {
            var (symbol, value) = WickEngine.Setting(s);
            settings[symbol] = value;
        }
        return request with
        {
            Model = kind, Bias = r.GetValue(Bias), Settings = settings, Activation = ReadMlp(r, kind == NetworkModel.Mlp),
            Notation = WickEngine.NotationNamed(r.GetValue(Notation)),
        };
    }

    /// <summary>Progress of long derivations on stderr when it is a terminal (null otherwise).</summary>
    public static IProgress<string>? Progress => Console.IsErrorRedirected ? null : new StderrProgress();

    private sealed class StderrProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine($"wick: {value}");
    }
}
