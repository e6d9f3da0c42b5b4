using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Expansions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Engine;

/// <summary>
/// What <c>wick derive</c> reports for connected correlators, scalar expressions (the fluctuation (3.33)) and
/// expansions (--order, --limit): the value from the engine, the scalar multiplying the pairing tensor, its exact
/// symbolic-depth solution and the requested series or limit (<see cref="CorrelatorExpansion.Expand(Polynomial, ExpansionOptions)"/>).
/// </summary>
public sealed class AsymptoticDerivation : Report
{
    public required string Input { get; init; }
    /// <summary>The expression as parsed (Ec[…] when connected): the left-hand side of the LaTeX output.</summary>
    public required Expr Expression { get; init; }
    /// <summary>True for Ec[…] (or --connected).</summary>
    public required bool Connected { get; init; }
    /// <summary>The correlator's layer; null for a general expression.</summary>
    public Layer? Layer { get; init; }
    /// <summary>The value from the engine, --set applied: Σ δ × coefficient (a scalar for a scalar expression).</summary>
    public required TensorPolynomial Value { get; init; }
    /// <summary>The free neural indices when <see cref="Value"/> = pairing tensor × <see cref="Scalar"/>.</summary>
    public IReadOnlyList<string>? PairingIndices { get; init; }
    /// <summary>The scalar that is solved and expanded (pairing scalar, or the value itself); null when the value has no such form.</summary>
    public Polynomial? Scalar { get; init; }
    public required IReadOnlyDictionary<Symbol, Polynomial> Settings { get; init; }
    public int? Order { get; init; }
    public ExpansionLimit Limit { get; init; }
    /// <summary>The depth symbol (l, L) and the common width (n_l, n).</summary>
    public Symbol? Depth { get; init; }
    public Symbol? Width { get; init; }
    public ExpansionResult? Expansion { get; init; }

    /// <summary>Evaluates <paramref name="expr"/>, then solves and expands the scalar.</summary>
    public static AsymptoticDerivation For(string input, Expr expr, bool bias, IReadOnlyDictionary<Symbol, Polynomial> settings,
        bool connected, int? order, ExpansionLimit limit)
    {
        if (order is < 0) throw new RequestException($"--order {order}: the order must be a non-negative integer.");
        if (order > ExpansionOptions.MaxOrder)
            throw new RequestException($"--order {order}: orders above {ExpansionOptions.MaxOrder} are not offered (the exact series would take minutes).");
        bool expand = order is not null || limit != ExpansionLimit.None;
        if (bias && expand)
            throw new RequestException("--order/--limit solve deep linear networks without biases (3.45); drop --bias.");
        Polynomial S(Polynomial p) => settings.Count > 0 ? p.Substitute(settings) : p;

        TensorPolynomial value;
        IReadOnlyList<string>? pairing = null;
        Polynomial? scalar = null;
        Layer? layer = null;
        if (expr is Expectation x && PlainFields(x.Body) is { } fields)
        {
            connected |= x.Connected;
            var (l, points) = Points(fields);
            layer = l;
            var indices = points.Select(p => p.Neural).ToList();
            // Through the same evaluator as `check`, so derive and check agree at every layer (l+1 is rewritten to l).
            value = new ExpressionEvaluator(bias).Evaluate(x with { Connected = connected }).Map(S);
            if (indices.Distinct().Count() == indices.Count && ConnectedCorrelator.TryFactorPairing(value, indices, out var s))
            {
                pairing = indices;
                scalar = s;
            }
        }
        else
        {
            if (connected) throw new RequestException("--connected takes a correlator E[z ... z] of preactivations at one layer.");
            value = new ExpressionEvaluator(bias).Evaluate(expr).Map(S);
            if (value.TryGetScalar(out var s)) scalar = s;
        }
        if (scalar is null && expand)
            throw new RequestException("This value is not (pairing tensor) × scalar (several inputs or repeated indices): --order/--limit expand single-input scalars only.");

        ExpansionResult? expansion = null;
        Symbol? depth = null, width = null;
        bool symbolicDepth = scalar is not null && scalar.Symbols.Any(s => s.Layer is { IsConcrete: false } && !s.IsWidth);
        if (scalar is not null && !bias && (expand || symbolicDepth))
        {
            depth = CorrelatorExpansion.DepthSymbolOf(scalar);
            width = CorrelatorExpansion.DefaultWidth(depth);
            var options = new ExpansionOptions { Substitutions = settings, Order = order, Limit = limit, Width = width };
            expansion = CorrelatorExpansion.Expand(scalar, options);
        }
        return new AsymptoticDerivation
        {
            Input = input, Expression = expr is Expectation ex ? ex with { Connected = connected } : expr, Connected = connected, Layer = layer, Value = value, PairingIndices = pairing, Scalar = scalar,
            Settings = settings, Order = order, Limit = limit, Depth = depth, Width = width, Expansion = expansion,
        };
    }

    /// <summary>The fields of a plain product of fields (null when the body has sums, coefficients, …).</summary>
    private static List<Field>? PlainFields(Expr body)
    {
        var list = new List<Field>();
        bool Walk(Expr e)
        {
            switch (e)
            {
                case Field f: list.Add(f); return true;
                case Product p: return p.Factors.All(Walk);
                case Power { Exponent: > 0 } pw when pw.Base is Field:
                    for (int i = 0; i < pw.Exponent; i++) list.Add((Field)pw.Base);
                    return true;
                default: return false;
            }
        }
        return Walk(body) && list.Count > 0 ? list : null;
    }

    private static (Layer, List<FieldPoint>) Points(List<Field> fields)
    {
        var layer = fields[0].Layer ?? throw new RequestException("Every z needs a layer, e.g. z^(L)_{i1}.");
        if (fields.Any(f => f.Kind != FieldKind.Z || f.Layer != layer || f.Neural.Count != 1))
            throw new RequestException("A correlator here is a product of preactivations z at one layer, each with one neural index.");
        if (layer == Wick.Algebra.Layer.Concrete(0)) throw new RequestException("Layer 0 is the input layer: z^(0) is fixed data.");
        return (layer, fields.Select(f => new FieldPoint(f.Neural[0].Name, f.Sample?.Name)).ToList());
    }

    /// <summary>The value line: (sum over the 15 pairings of i1 … i6) (scalar), or the tensor.</summary>
    public string ValueText => Value.IsZero ? "0" : PairingIndices is { } ix
        ? $"(sum over the {Wick.Algebra.Pairings.PairingEnumerator.Count(ix.Count)} pairings of {string.Join(' ', ix)}) ({Scalar})"
        : Value.TryGetScalar(out var s) ? s.ToString() : Value.ToString();

    /// <summary>The value in LaTeX.</summary>
    public string ValueLatex => Value.IsZero ? "0" : PairingIndices is { } ix
        ? $"\\sum_{{\\text{{pairings of }} {string.Join(' ', ix.Select(IndexSpelling.ToLatex))}}} \\delta\\cdots\\delta \\left({Scalar!.ToLatex()}\\right)"
        : Value.TryGetScalar(out var s) ? s.ToLatex() : Value.ToLatex();

    public override string Text()
    {
        var w = new StringWriter();
        w.WriteLine(Input);
        if (Connected) w.WriteLine($"  connected correlator at layer {Layer} (Moebius sum over set partitions of the engine's correlators):");
        else w.WriteLine(Layer is { } l ? $"  correlator at layer {l}:" : "  evaluated by the engine:");
        w.WriteLine($"    = {ValueText}");
        if (PairingIndices is not null && !Value.IsZero) w.WriteLine($"    expanded: {Value}");
        if (Settings.Count > 0) w.WriteLine($"  with {string.Join(", ", Settings.Select(kv => $"{kv.Key} = {kv.Value}"))}");
        if (Expansion is { } e)
        {
            w.WriteLine();
            w.WriteLine($"Solved at symbolic depth {Depth}, all hidden widths {Width}{(Limit == ExpansionLimit.DoubleScaling ? $", r = {Depth}/{Width}" : "")}:");
            foreach (var (label, text, _) in e.Lines) w.WriteLine($"  {label}:{Environment.NewLine}    {text}");
            if (Leading is { } lead) w.WriteLine($"  leading term: {lead}");
        }
        return w.ToString();
    }

    /// <summary>One align block: the expression = its value, then each requested expansion with its label beside it.</summary>
    public override string Latex()
    {
        var display = new LatexDisplay().Equation(LatexPrinter.Print(Expression), ValueLatex);
        if (Expansion is { } e)
            foreach (var (label, _, latex) in e.Lines) display.Continue(latex, label);
        return display.ToString();
    }

    /// <summary>The leading term of the requested result: the lowest power of r (double scaling) or the first non-zero 1/n order.</summary>
    public string? Leading
    {
        get
        {
            if (Expansion is not { } e) return null;
            if (e.DoubleScaling is { } ds && ds.Leading.LeadingInR() is { } lr)
                return (lr.Coefficient * Polynomial.Var(ds.Variable).Pow(lr.Power)).ToString();
            if (e.WidthSeries is { } ws)
                for (int j = 0; j <= ws.Order; j++)
                    if (!ws.Coefficient(j).IsZero)
                    {
                        var c = ws.Coefficient(j);   // the whole 1/n^j term
                        return c.Terms.All(t => t.Base == Polynomial.One)
                            ? Polynomial.Sum(c.Terms.Select(t => t.Amplitude)).ToString()
                            : c.ToString();
                    }
            return null;
        }
    }

    public override object Json() => new
    {
        input = Input,
        connected = Connected,
        layer = Layer?.ToString(),
        value = Value.ToString(),
        valueLatex = Value.ToLatex(),
        pairingIndices = PairingIndices,
        scalar = Scalar?.ToString(),
        scalarLatex = Scalar?.ToLatex(),
        settings = Settings.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString()),
        order = Order,
        limit = Limit switch
        {
            ExpansionLimit.DoubleScaling => "double-scaling",
            ExpansionLimit.WidthFirst => "width-first",
            ExpansionLimit.DepthFirst => "depth-first",
            _ => null,
        },
        depth = Depth?.ToString(),
        width = Width?.ToString(),
        exact = Expansion?.Exact.ToString(),
        widthSeries = Expansion?.WidthSeries?.ToString(),
        doubleScaling = Expansion?.DoubleScaling?.Leading.ToString(),
        doubleScalingCorrection = Expansion?.DoubleScaling?.CorrectionAt(1).ToString(),
        rSeries = Expansion?.RSeries is { } rs ? ExponentialPolynomial.FormatSeries(rs, Expansion.DoubleScaling!.Variable, Expansion.RSeriesOrder!.Value) : null,
        widthFirst = Expansion?.WidthFirst?.ToString(),
        depthFirst = Expansion?.DepthFirst?.Description,
        leading = Leading,
        lines = Expansion?.Lines.Select(l => new { label = l.Label, text = l.Text, latex = l.Latex }).ToList(),
    };
}
