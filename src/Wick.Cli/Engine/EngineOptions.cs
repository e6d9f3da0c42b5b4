using System.CommandLine;
using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Syntax;
using Wick.Parser;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Cli.Engine;

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

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Model);
        cmd.Options.Add(Bias);
        cmd.Options.Add(Set);
        cmd.Options.Add(Activation);
        cmd.Options.Add(EqualWidths);
    }

    /// <summary>The mlp model asked for (--activation, --equal-widths); refused without --model mlp.</summary>
    public MlpModel ReadMlp(ParseResult r)
    {
        string? name = r.GetValue(Activation);
        bool equal = r.GetValue(EqualWidths);
        if (!IsMlp(r))
        {
            if (name is not null || equal) throw new UsageException("--activation and --equal-widths belong to --model mlp.");
            return MlpModel.Symbolic;
        }
        var act = name is null ? SymbolicActivation.Instance
            : MlpModel.ActivationNamed(name) ?? throw new UsageException($"--activation {name}: known are {MlpModel.KnownNames}.");
        return new MlpModel(act, equal);
    }

    /// <summary>Validates the model and reads the substitutions (bad input: UsageException, exit 2).</summary>
    public (bool Bias, IReadOnlyDictionary<Symbol, Polynomial> Settings) Read(ParseResult r)
    {
        string model = r.GetValue(Model) ?? "linear";
        if (!string.Equals(model, "linear", StringComparison.OrdinalIgnoreCase) && !string.Equals(model, "mlp", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--model {model}: derive and check know 'linear' (deep linear) and 'mlp' (general activation, leading order).");
        var settings = new Dictionary<Symbol, Polynomial>();
        foreach (var s in r.GetValue(Set) ?? [])
        {
            int eq = s.IndexOf('=');
            if (eq <= 0 || eq == s.Length - 1) throw new UsageException($"--set {s}: expected SYMBOL=VALUE, e.g. C_W=1.");
            Expr lhs;
            try { lhs = WickParser.ParseExpression(s[..eq].Trim()); }
            catch (ParseException e) { throw new UsageException($"--set {s}: {e.Diagnostic.Render()}"); }
            Symbol symbol = lhs switch
            {
                SymbolRef sr => sr.Symbol,
                Quantity { Indices.Count: 0, Kind: QuantityKind.G } q => Symbol.Correlator(q.Points, q.Layer),
                _ => throw new UsageException($"--set {s}: '{s[..eq]}' is not a symbol."),
            };
            Rational value;
            try { value = Rational.Parse(s[(eq + 1)..]); }
            catch (FormatException) { throw new UsageException($"--set {s}: '{s[(eq + 1)..]}' is not an exact number (3, -7, 22/7, 2.5)."); }
            catch (DivideByZeroException) { throw new UsageException($"--set {s}: division by zero."); }
            settings[symbol] = Polynomial.Constant(value);
        }
        return (r.GetValue(Bias), settings);
    }

    /// <summary>True for --model mlp (the general activation at leading order; biases always on).</summary>
    public bool IsMlp(ParseResult r) => string.Equals(r.GetValue(Model), "mlp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses with the project parser; a parse error prints its located diagnostic and exits 2.</summary>
    public static bool TryParse<T>(Func<string, T> parse, string text, out T result)
    {
        try
        {
            result = parse(text);
            return true;
        }
        catch (ParseException e)
        {
            Console.Error.WriteLine(e.Diagnostic.Render());
            result = default!;
            return false;
        }
    }

    /// <summary>True when long derivations should report progress (stderr is a terminal).</summary>
    public static bool ShowProgress => !Console.IsErrorRedirected;
}
