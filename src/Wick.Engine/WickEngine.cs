using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Checking;
using Wick.Algebra.Expansions;
using Wick.Algebra.Syntax;
using Wick.Parser;

namespace Wick.Engine;

/// <summary>
/// A request the engine refuses: bad input it can name, or a blow-up it will not start. The message says what to write
/// instead. <c>wick</c> reports it with exit code 2; so do <see cref="ParseException"/> (a located diagnostic) and
/// every other <see cref="EvaluationException"/> (including <see cref="CannotDecideException"/>). Any other exception
/// out of the engine is an internal error (a bug; <c>wick</c> exit code 3).
/// </summary>
public sealed class RequestException(string message) : EvaluationException(message);

/// <summary>The network model (SPEC.md, chapters 3–4).</summary>
public enum NetworkModel
{
    /// <summary>Deep linear networks, σ(z) = z, exact; biases optional.</summary>
    Linear,
    /// <summary>A general activation σ with biases, at leading order in 1/n (4.118).</summary>
    Mlp,
}

/// <summary>What every request shares: the model and exact values for symbols (<c>--set</c>).</summary>
public abstract record ModelRequest
{
    private static readonly IReadOnlyDictionary<Symbol, Polynomial> NoSettings = new Dictionary<Symbol, Polynomial>();

    /// <summary>Deep linear (the default) or mlp.</summary>
    public NetworkModel Model { get; init; } = NetworkModel.Linear;

    /// <summary>Biases b^{(ℓ)} with E[b b] = δ C_b (always on for mlp).</summary>
    public bool Bias { get; init; }

    /// <summary>Exact values substituted in every result, e.g. C_W = 1 (<see cref="WickEngine.Setting"/> reads "C_W=1").</summary>
    public IReadOnlyDictionary<Symbol, Polynomial> Settings { get; init; } = NoSettings;

    /// <summary>Whose notation the input is written in: the book's (the default) or the Les Houches lectures' (z^l, σ_w²).</summary>
    public Notation Notation { get; init; } = Notation.Book;

    /// <summary>mlp: the activation (symbolic σ by default) and whether all hidden widths are equal (5.107).</summary>
    public MlpModel Activation { get; init; } = MlpModel.Symbolic;
}

/// <summary>
/// <c>wick derive</c>: a correlator E[z … z] (its recursion, structure and solution), or with <see cref="Connected"/>,
/// <see cref="Order"/> or <see cref="Limit"/> (or for Ec[…] and scalar expressions) its value, solution and expansion.
/// </summary>
/// <param name="Expression">The expression as the user writes it (ASCII or LaTeX).</param>
public sealed record DeriveRequest(string Expression) : ModelRequest
{
    /// <summary>The connected correlator E[…]|_c (Ec[…] implies it).</summary>
    public bool Connected { get; init; }

    /// <summary>Expand through 1/n^K (or r^K in the double-scaling limit).</summary>
    public int? Order { get; init; }

    /// <summary>The limit to take (3.48)–(3.55).</summary>
    public ExpansionLimit Limit { get; init; }

    /// <summary>Several inputs: orbit sums under relabelling (from six fields on by default) or every term written out (issue 16).</summary>
    public OrbitForm Orbits { get; init; }
}

/// <summary><c>wick check</c>: an identity lhs = rhs [+ O(1/n^k) | + O(r^k)].</summary>
/// <param name="Identity">The identity as the user writes it (ASCII or LaTeX).</param>
public sealed record CheckRequest(string Identity) : ModelRequest;

/// <summary>A result of the engine, in the three spellings <c>wick</c> prints.</summary>
public abstract class Report
{
    /// <summary>Plain text (what <c>wick … </c> prints by default).</summary>
    public abstract string Text();

    /// <summary>LaTeX.</summary>
    public abstract string Latex();

    /// <summary>A JSON-serialisable object (what <c>--format json</c> prints).</summary>
    public abstract object Json();

    /// <summary><see cref="Json"/> serialised as <c>wick --format json</c> writes it (indented, camelCase).</summary>
    public string JsonText() => Serialize(Json());

    /// <summary>The serializer settings of every <c>--format json</c> output.</summary>
    public static System.Text.Json.JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // l+1, not l\u002B1
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Any value written as <c>--format json</c> writes it (<see cref="Wick.Algebra.Syntax.JsonOutput"/>: the
    /// output of System.Text.Json with <see cref="JsonOptions"/>, without reflection-emitted code, so it works in the
    /// Native AOT build).</summary>
    public static string Serialize(object value) => Wick.Algebra.Syntax.JsonOutput.Write(value);
}

/// <summary>
/// The engine as a library: <see cref="Derive"/>, <see cref="Expand"/> and <see cref="Check"/> take a request and
/// return a report; nothing is printed. This is what the <c>wick</c> command calls (docs/LIBRARY.md).
/// </summary>
public static class WickEngine
{
    /// <summary>Parses a correlator or expression (a bad one throws <see cref="ParseException"/> with its located diagnostic).</summary>
    public static Expr ParseExpression(string text) => WickParser.ParseExpression(text);

    /// <summary>
    /// Derives: a plain correlator E[z … z] gives its <see cref="Derivation"/>; Ec[…], a scalar expression, or a request
    /// with Connected/Order/Limit gives an <see cref="AsymptoticDerivation"/> (see <see cref="Expand"/>).
    /// </summary>
    public static Report Derive(DeriveRequest request, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = WickParser.ParseExpression(request.Expression);
        bool plain = parsed is Expectation { Connected: false } && !request.Connected && request.Order is null && request.Limit == ExpansionLimit.None;
        bool mlp = request.Model == NetworkModel.Mlp;
        if (mlp && (request.Connected || request.Order is not null || request.Limit != ExpansionLimit.None))
            throw new RequestException("--model mlp derives plain correlators E[z z], E[z z z z] and the recursions of K, G1, V; --connected, --order and --limit are deep linear only.");
        if (parsed is Quantity { Kind: QuantityKind.Theta } theta) return NtkReport.For(request, theta);
        if (mlp) return new MlpReport(MlpDerivation.For(request.Expression, parsed, request.Activation, request.Settings)) { Expression = parsed };
        return plain
            ? Derivation.For(request.Expression, parsed, request.Bias, request.Settings, mlp, progress, request.Orbits)
            : AsymptoticDerivation.For(request.Expression, parsed, request.Bias, request.Settings, request.Connected, request.Order, request.Limit);
    }

    /// <summary>The value, exact symbolic-depth solution and requested expansion of a correlator or scalar expression.</summary>
    public static AsymptoticDerivation Expand(DeriveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Model == NetworkModel.Mlp) throw new RequestException("Expansions (--connected, --order, --limit) are deep linear only.");
        var parsed = WickParser.ParseExpression(request.Expression);
        return AsymptoticDerivation.For(request.Expression, parsed, request.Bias, request.Settings, request.Connected, request.Order, request.Limit);
    }

    /// <summary>Checks an identity (see <see cref="IdentityChecker"/> for the layer convention and remainders).</summary>
    public static CheckReport Check(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!WickParser.StatesGeneralM(request.Identity)) return CheckChain(request, WickParser.ParseChain(request.Identity, request.Notation));
        // A statement for general m (3.45)–(3.55) is decided for m = 1 … GeneralMBound, one m at a time, and says so.
        CheckReport? report = null;
        for (int m = 1; m <= GeneralMBound; m++)
        {
            try { report = CheckChain(request, WickParser.ParseChain(request.Identity, request.Notation, m)); }
            catch (EvaluationException e) when (e is not RequestException)
            {
                throw new CannotDecideException($"the statement for general m, at m = {m}: {e.Message}");
            }
            if (!report.Holds) return report.ForM(m, m);
        }
        return report!.ForM(GeneralMBound, null);
    }

    /// <summary>How far a statement for general m is decided: m = 1 … 12 (G_24 and c_24 are still quick).</summary>
    public const int GeneralMBound = 12;

    private static CheckReport CheckChain(CheckRequest request, EquationChain chain)
    {
        if (chain.Links.Count == 1) return new CheckReport(request.Identity, CheckLink(request, chain.Links[0])) { Tag = chain.Tag, Parsed = chain.Links[0] };
        // The book's a = b = c: every link is checked; one false link makes the chain false, an undecided one (and no
        // false one) leaves it undecided (exit 2), naming the link.
        // The book's a = b = c + O(1/n): the remainder written on one link is the accuracy of the whole chain, so a link
        // without one that is not exact (or that the model expands) is compared up to it, and says so.
        var stated = chain.Links.Select(l => l.Remainder).Where(o => o is not null).Distinct().ToList();
        var chainRemainder = stated.Count == 1 ? stated[0] : null;
        var links = new List<ChainLink>();
        foreach (var link in chain.Links)
        {
            try
            {
                var result = CheckLink(request, link);
                if (!result.Holds && link.Remainder is null && chainRemainder is not null)
                {
                    var loose = CheckLink(request, link with { Remainder = chainRemainder });
                    if (loose.Holds) result = loose with { Note = $"holds up to the chain's {TextPrinter.Print(chainRemainder)} (not exactly)" };
                }
                links.Add(new ChainLink(link, result, null));
            }
            catch (EvaluationException) when (link.Remainder is null && chainRemainder is not null && Loose(request, link, chainRemainder) is { } loose)
            {
                links.Add(new ChainLink(link, loose, null));
            }
            catch (EvaluationException e) when (Transitive(request, chain, links) is { } first)
            {
                // a = b proven exactly, b = c undecided: b = c holds exactly when a = c does (3.25: the closed form's two spellings).
                try
                {
                    var through = CheckLink(request, link with { Lhs = first });
                    links.Add(new ChainLink(link, through with { Note = (through.Holds ? "holds" : "does not hold") + $": decided as {TextPrinter.Print(first)} = {TextPrinter.Print(link.Rhs)}, the links before holding exactly" }, null));
                }
                catch (EvaluationException) { links.Add(new ChainLink(link, null, e.Message)); }
            }
            catch (EvaluationException e) { links.Add(new ChainLink(link, null, e.Message)); }
        }
        var failed = links.FirstOrDefault(l => l.Result is { Holds: false });
        if (failed is null && links.FirstOrDefault(l => l.Result is null) is { } open)
        {
            int k = links.IndexOf(open) + 1;
            throw new CannotDecideException($"link {k} of {links.Count} of the chain ({TextPrinter.Print(open.Identity)}): {open.Undecided}");
        }
        return new CheckReport(request.Identity, (failed ?? links[^1]).Result!) { Tag = chain.Tag, Links = links };
    }

    // A link compared up to the chain's remainder (e^{2r} needs the order, 3.56), or null when that does not decide it either.
    private static CheckResult? Loose(CheckRequest request, Identity link, BigO remainder)
    {
        try
        {
            var result = CheckLink(request, link with { Remainder = remainder });
            return result with { Note = $"{(result.Holds ? "holds" : "does not hold")} up to the chain's {TextPrinter.Print(remainder)}" };
        }
        catch (EvaluationException) { return null; }
    }

    // The chain's first member when every link so far holds exactly (no remainder, no note), else null.
    private static Expr? Transitive(CheckRequest request, EquationChain chain, List<ChainLink> done) =>
        done.Count > 0 && done.All(l => l.Result is { Holds: true, Remainder: null }) && chain.Links.Take(done.Count).All(l => l.Remainder is null)
            ? chain.Links[0].Lhs : null;

    private static CheckResult CheckLink(CheckRequest request, Identity identity)
    {
        identity = HoistRemainder(identity);
        return IdentityChecker.Check(identity, request.Bias, NotationSettings(request, identity), request.Model == NetworkModel.Mlp, request.Activation);
    }

    /// <summary>
    /// δ_{i1 i2} [C_b + C_W ⟨σσ⟩ + O(1/n)] (4.94): a remainder inside the bracket of a right side that multiplies it
    /// by deltas and numbers only is the identity's remainder.
    /// </summary>
    private static Identity HoistRemainder(Identity identity)
    {
        if (identity.Remainder is not null || identity.Rhs is not Product p) return identity;
        var brackets = p.Factors.Where(f => f is Sum { Terms.Count: >= 2 } s && s.Terms[^1] is BigO).ToList();
        if (brackets.Count != 1 || !p.Factors.All(f => brackets.Contains(f) || f is Delta or Number)) return identity;
        var bracket = (Sum)brackets[0];
        var o = (BigO)bracket.Terms[^1];
        Expr inner = bracket.Terms.Count == 2 ? bracket.Terms[0] : new Sum(bracket.Terms.Take(bracket.Terms.Count - 1).ToEquatableList());
        var factors = p.Factors.Select(f => ReferenceEquals(f, bracket) ? inner : f).ToEquatableList();
        return identity with { Rhs = new Product(factors), Remainder = o };
    }

    /// <summary>
    /// The lectures take every hidden layer n wide (their n; n_0 is the input dimension): with --notation lectures the
    /// widths of the layers an identity can reach (its layers and three below and above) are set to n.
    /// </summary>
    private static IReadOnlyDictionary<Symbol, Polynomial> NotationSettings(CheckRequest request, Identity identity)
    {
        if (request.Notation != Notation.Lectures) return request.Settings;
        var settings = new Dictionary<Symbol, Polynomial>(request.Settings);
        var n = Polynomial.Var(Symbol.N);
        foreach (var layer in SyntaxTree.Layers(identity).Distinct())
            for (int shift = -3; shift <= 3; shift++)
            {
                if (layer.IsConcrete && layer.Offset + shift < 1) continue;
                var width = Symbol.Width(layer.IsConcrete ? Layer.Concrete(layer.Offset + shift) : Layer.Symbolic(layer.Base!, layer.Offset + shift));
                settings.TryAdd(width, n);
            }
        return settings;
    }

    /// <summary>
    /// <c>wick criticality</c>: fixed points, critical (C_b, C_W), universality class with its reason, and for the K* = 0
    /// class the derived depth asymptotics with a numeric check (chapter 5).
    /// </summary>
    public static CriticalityReport Criticality(CriticalityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CriticalityReport.For(request);
    }

    /// <summary>The data of <c>wick plot --kind criticality</c>: four panels, the depth panel iterated to <paramref name="depth"/> layers.</summary>
    public static Numeric.Plotting.CriticalityPlotData CriticalityPlot(CriticalityRequest request, long depth = 100_000) =>
        CriticalityFigure.For(Criticality(request), depth);

    /// <summary>A Monte Carlo study of real deep linear networks against the derived recursions (<c>wick crosscheck</c>, one input).</summary>
    public static MonteCarloStudy MonteCarlo(MonteCarloRequest request, Action<long>? progress = null) => MonteCarloStudy.Run(request, progress);

    /// <summary>Reads <c>SYMBOL=VALUE</c> (<c>C_W=1</c>, <c>n_l=100</c>, <c>G2^(1)=3/2</c>) as an exact setting.</summary>
    public static KeyValuePair<Symbol, Polynomial> Setting(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new RequestException($"--set {text}: expected SYMBOL=VALUE, e.g. C_W=1.");
        Expr lhs;
        try { lhs = WickParser.ParseExpression(text[..eq].Trim()); }
        catch (ParseException e) { throw new RequestException($"--set {text}: {e.Diagnostic.Render()}"); }
        Symbol symbol = lhs switch
        {
            SymbolRef sr => sr.Symbol,
            Quantity { Indices.Count: 0, Kind: QuantityKind.G } q => Symbol.Correlator(q.Points, q.Layer),
            _ => throw new RequestException($"--set {text}: '{text[..eq]}' is not a symbol."),
        };
        Rational value;
        try { value = Rational.Parse(text[(eq + 1)..]); }
        catch (FormatException) { throw new RequestException($"--set {text}: '{text[(eq + 1)..]}' is not an exact number (3, -7, 22/7, 2.5)."); }
        catch (DivideByZeroException) { throw new RequestException($"--set {text}: division by zero."); }
        return new(symbol, Polynomial.Constant(value));
    }

    /// <summary>Reads a --notation value: book (PDLT, the default) or lectures (the Les Houches lectures).</summary>
    public static Notation NotationNamed(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "book" or "pdlt" => Notation.Book,
        "lectures" or "lecture" or "les-houches" => Notation.Lectures,
        _ => throw new RequestException($"--notation {text}: expected book (PDLT, the default) or lectures (the Les Houches lectures)."),
    };

    /// <summary>Reads a --limit value: double-scaling, width-first or depth-first (none: no limit).</summary>
    public static ExpansionLimit Limit(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "none" => ExpansionLimit.None,
        "double-scaling" or "doublescaling" or "ds" => ExpansionLimit.DoubleScaling,
        "width-first" => ExpansionLimit.WidthFirst,
        "depth-first" => ExpansionLimit.DepthFirst,
        _ => throw new RequestException($"--limit {text}: expected double-scaling, width-first or depth-first."),
    };
}

/// <summary>--model mlp: the chapter-4 derivation (4.115), (4.118), (4.119) as a report.</summary>
public sealed class MlpReport(MlpDerivation derivation) : Report
{
    /// <summary>The derivation itself.</summary>
    public MlpDerivation Derivation { get; } = derivation;

    /// <summary>The input as parsed: the left-hand side of the LaTeX output.</summary>
    public Expr? Expression { get; init; }

    public override string Text() => Derivation.ToText();
    public override string Latex() => Derivation.ToLatex(Expression is null ? null : LatexPrinter.Print(Expression));
    public override object Json() => Derivation.ToJson();
}

/// <summary>Theta^(l)_{a b}: the infinite-width NTK recursion derived from the forward equation (lectures (74)–(83)).</summary>
public sealed class NtkReport(Wick.Algebra.Training.Ntk.NtkDerivation derivation) : Report
{
    /// <summary>The derivation itself.</summary>
    public Wick.Algebra.Training.Ntk.NtkDerivation Derivation { get; } = derivation;

    /// <summary>Derives the NTK recursion at the quantity's layer (mlp only; without indices: the single input).</summary>
    public static NtkReport For(DeriveRequest request, Quantity theta)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(theta);
        if (request.Model != NetworkModel.Mlp)
            throw new RequestException("Theta (the NTK) is derived in the mlp model: add --model mlp (with --activation linear for deep linear networks).");
        if (request.Connected || request.Order is not null || request.Limit != ExpansionLimit.None)
            throw new RequestException("Theta is derived at infinite width; --connected, --order and --limit do not apply.");
        if (theta.Layer == Layer.Concrete(0)) throw new RequestException("Theta^(0): layer 0 is the input layer and has no parameters.");
        var ix = theta.Indices.Select(i => i.Name).ToList();
        if (ix.Count == 0) ix = [ExpressionEvaluator.SingleInput, ExpressionEvaluator.SingleInput];
        var target = Symbol.TangentKernel(theta.Layer, ix[0], ix[1]);
        return new(Wick.Algebra.Training.Ntk.NtkDerivation.For(request.Expression, target, request.Activation.Activation, request.Settings));
    }

    public override string Text() => Derivation.ToText();
    public override string Latex() => Derivation.ToLatex();
    public override object Json() => Derivation.ToJson();
}
