using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Expansions;

/// <summary>Which limit <see cref="CorrelatorExpansion.Expand(Polynomial, ExpansionOptions)"/> takes.</summary>
public enum ExpansionLimit
{
    /// <summary>No limit: the exact symbolic-depth solution, and its 1/n expansion when an order is given.</summary>
    None,
    /// <summary>n, L → ∞ with r = L/n fixed (3.52)–(3.57); the order is the power of r kept.</summary>
    DoubleScaling,
    /// <summary>n → ∞ at fixed depth (3.48)–(3.49); the result also carries the depth-first limit for contrast.</summary>
    WidthFirst,
    /// <summary>L → ∞ at fixed width (3.50); the result also carries the width-first limit for contrast.</summary>
    DepthFirst,
}

/// <summary>How <see cref="CorrelatorExpansion.Connected"/> computes a connected correlator.</summary>
public enum ConnectedMethod
{
    /// <summary>Tensor route up to <see cref="CorrelatorExpansion.TensorRouteLimit"/> points, pairing route beyond (single input).</summary>
    Auto,
    /// <summary>Möbius sum over all even set partitions of tensor-valued block moments (any fields, several inputs).</summary>
    Tensor,
    /// <summary>
    /// Single input, distinct indices: every block moment is the pairing tensor × G_{|B|} (checked on the engine's
    /// correlators), so the connected part is pairing tensor × Σ_{σ∈Π(m)} μ(σ) Π G_{2|B|} (<see cref="PairingConnected"/>).
    /// </summary>
    Pairing,
}

/// <summary>Options of an expansion (the CLI's <c>--set</c>, <c>--order</c>, <c>--limit</c>).</summary>
public sealed record ExpansionOptions
{
    /// <summary>The highest order offered (1/n^K, r^K, O(…^k)): beyond it the exact series algebra could run for minutes.</summary>
    public const int MaxOrder = 100;

    /// <summary>Hyperparameter values substituted before expanding (<c>C_W = 1</c> for criticality).</summary>
    public IReadOnlyDictionary<Symbol, Polynomial> Substitutions { get; init; } = new Dictionary<Symbol, Polynomial>();

    /// <summary>The order K: through 1/n^K (no limit) or through r^K (double scaling). Null: exact / leading term.</summary>
    public int? Order { get; init; }

    /// <summary>The limit to take.</summary>
    public ExpansionLimit Limit { get; init; } = ExpansionLimit.None;

    /// <summary>The common hidden width; default n_l for the depth l, the plain n for any other depth symbol (L).</summary>
    public Symbol? Width { get; init; }

    /// <summary>Which two-point function the results are written in (default: the running G_2^{(ℓ)} of the book).</summary>
    public TwoPointNormalization Normalization { get; init; } = TwoPointNormalization.Running;
}

/// <summary>A connected correlator from the engine: the tensor and, when it has that form, the scalar multiplying the pairing tensor.</summary>
/// <param name="Tensor">E[…]|_c as Σ δ⋯δ × coefficient.</param>
/// <param name="PairingScalar">s when Tensor = (Σ_{pairings} δ⋯δ) · s, e.g. G4 − G2² (3.29); null otherwise (several inputs).</param>
/// <param name="Indices">The free neural indices, in field order.</param>
public sealed record ConnectedResult(TensorPolynomial Tensor, Polynomial? PairingScalar, IReadOnlyList<string> Indices)
{
    /// <summary><c>(pairings of i1 i2 i3 i4) (G4^(l) - (G2^(l))^2)</c> or the tensor.</summary>
    public override string ToString() => PairingScalar is { } s
        ? $"(sum over the {Wick.Algebra.Pairings.PairingEnumerator.Count(Indices.Count)} pairings of {string.Join(' ', Indices)}) ({s})"
        : Tensor.ToString();
}

/// <summary>The outcome of an expansion: the exact solution and whichever of series / limits was asked for.</summary>
public sealed class ExpansionResult
{
    internal ExpansionResult(DepthSolution exact) => Exact = exact;

    /// <summary>The exact symbolic-depth value after substitution (e.g. [(1 + 2/n)^{ℓ−1} − 1] G_2²).</summary>
    public DepthSolution Exact { get; }

    /// <summary>The 1/n series (limit None with an order).</summary>
    public WidthSeries? WidthSeries { get; internal init; }

    /// <summary>The double-scaling form with its first 1/n correction kept (WidthOrder 1).</summary>
    public ExponentialPolynomial? DoubleScaling { get; internal init; }

    /// <summary>The r-series of the double-scaling limit through r^<see cref="RSeriesOrder"/>.</summary>
    public Polynomial? RSeries { get; internal init; }

    /// <summary>The order of <see cref="RSeries"/> (error O(r^{order+1})).</summary>
    public int? RSeriesOrder { get; internal init; }

    /// <summary>The width-first limit.</summary>
    public DepthSolution? WidthFirst { get; internal init; }

    /// <summary>The depth-first limit.</summary>
    public DepthFirstLimit? DepthFirst { get; internal init; }

    /// <summary>Labelled lines (label, text, LaTeX) ready to print, most important last.</summary>
    public IReadOnlyList<(string Label, string Text, string Latex)> Lines
    {
        get
        {
            var lines = new List<(string, string, string)> { ("exact", Exact.ToString(), Exact.ToLatex()) };
            if (WidthFirst is { } wf) lines.Add(("width first (n -> inf, fixed depth)", wf.ToString(), wf.ToLatex()));
            if (DepthFirst is { } df) lines.Add(("depth first (depth -> inf, fixed n)", df.Description, df.Description));
            if (DoubleScaling is { } ds)
            {
                lines.Add(("double-scaling limit (r = L/n fixed)", ds.Leading.ToString(), ds.Leading.ToLatex()));
                var c1 = ds.CorrectionAt(1);
                lines.Add(("1/n correction at fixed r (coefficient of 1/n)", c1.ToString(), c1.ToLatex()));
            }
            if (RSeries is { } rs)
            {
                var r = DoubleScaling!.Variable;
                lines.Add(("series in r", ExponentialPolynomial.FormatSeries(rs, r, RSeriesOrder!.Value), ExponentialPolynomial.FormatSeries(rs, r, RSeriesOrder.Value, latex: true)));
            }
            if (WidthSeries is { } ws) lines.Add(($"1/n expansion through order {ws.Order}", ws.ToString(), ws.ToLatex()));
            return lines;
        }
    }

    /// <summary>One line per result.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Lines.Select(l => $"{l.Label}: {l.Text}"));
}

/// <summary>
/// The library entry points behind <c>wick derive --connected --set … --order K --limit …</c>: connected correlators
/// from the engine's correlators, their solutions with symbolic depth, 1/n expansions, the double-scaling limit and
/// the two non-commuting limits. Everything exact; the recursions and their solutions come from
/// <see cref="DeepLinear"/>.
/// </summary>
/// <example>
/// <code>
/// var pts = Enumerable.Range(1, 6).Select(i => new FieldPoint($"i{i}")).ToList();
/// var ec = CorrelatorExpansion.Connected(pts, Layer.Symbolic("L"));            // pairing tensor × (G6 − 3 G2 G4 + 2 G2³)
/// var res = CorrelatorExpansion.Expand(ec.PairingScalar!, new ExpansionOptions
///     { Limit = ExpansionLimit.DoubleScaling, Order = 3,
///       Substitutions = new Dictionary&lt;Symbol, Polynomial&gt; { [DeepLinear.CW] = 1 } });
/// Console.WriteLine(res.RSeries);                                              // 12 r^2 (G2^(L))^3 + 32 r^3 (G2^(L))^3
/// </code>
/// </example>
public static class CorrelatorExpansion
{
    /// <summary>
    /// E[z_{i1;α1} ⋯ z_{iN;αN}]|_c at <paramref name="layer"/>: the Möbius sum over set partitions of the engine's block
    /// correlators <see cref="DeepLinear.Correlator"/>; recognised as pairing tensor × scalar when it has that form.
    /// </summary>
    /// <param name="points">The fields (neural index, optional sample label).</param>
    /// <param name="layer">Their layer.</param>
    /// <param name="method">Auto: the full tensor route up to <see cref="TensorRouteLimit"/> points, beyond that the
    /// pairing route when the fields are single-input with distinct indices (see <see cref="ConnectedMethod"/>).</param>
    public static ConnectedResult Connected(IReadOnlyList<FieldPoint> points, Layer layer, ConnectedMethod method = ConnectedMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("A correlator needs at least one field.", nameof(points));
        var indices = points.Select(p => p.Neural).ToList();
        bool distinct = indices.Distinct().Count() == indices.Count;
        bool exchangeable = distinct && points.All(p => p.Sample is null);
        if (method == ConnectedMethod.Pairing && !exchangeable)
            throw new ArgumentException("The pairing route needs single-input fields with distinct neural indices.", nameof(method));
        if (method == ConnectedMethod.Pairing || (method == ConnectedMethod.Auto && exchangeable && points.Count > TensorRouteLimit))
        {
            if (points.Count % 2 == 1) return new ConnectedResult(TensorPolynomial.Zero, Polynomial.Zero, indices);
            // Each block moment must be pairing tensor × G_{|B|}; the fields are exchangeable, so checking the first
            // k fields for every even k fixes G_k for all blocks of that size.
            var g = new Dictionary<int, Polynomial>();
            for (int k = 2; k <= points.Count; k += 2)
            {
                var block = points.Take(k).ToList();
                if (!ConnectedCorrelator.TryFactorPairing(DeepLinear.Correlator(block, layer), indices.Take(k).ToList(), out var gk))
                    throw new InvalidOperationException($"The engine's {k}-point correlator is not pairing tensor × scalar.");
                g[k / 2] = gk;
            }
            var scalar = PairingConnected.Scalar(points.Count / 2, k => g[k]);
            return new ConnectedResult(ConnectedCorrelator.PairingTensor(indices) * scalar, scalar, indices);
        }
        var tensor = ConnectedCorrelator.Of(points, block => DeepLinear.Correlator(block, layer));
        Polynomial? found = distinct && ConnectedCorrelator.TryFactorPairing(tensor, indices, out var s) ? s : null;
        return new ConnectedResult(tensor, found, indices);
    }

    /// <summary>Above this many points, <see cref="ConnectedMethod.Auto"/> takes the pairing route for single-input fields (8: the tensor route takes ~0.5 s at 8 points, ~7 s at 10).</summary>
    public const int TensorRouteLimit = 8;

    /// <summary>The depth symbol of the correlators in <paramref name="quantity"/> (l for G4^(l), L for G6^(L)); l if none.</summary>
    public static Symbol DepthSymbolOf(Polynomial quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var bases = quantity.Symbols.Where(s => s.Layer is { IsConcrete: false } && !s.IsWidth).Select(s => s.Layer!.Value.Base!).Distinct().ToList();
        return bases.Count switch
        {
            0 => DepthSolution.DefaultDepth,
            1 => Symbol.Depth(bases[0]),
            _ => throw new ArgumentException($"Quantities at several symbolic depths ({string.Join(", ", bases)}) in one expression.", nameof(quantity)),
        };
    }

    /// <summary>The default common width for a depth symbol: n_l for l, n otherwise.</summary>
    public static Symbol DefaultWidth(Symbol depth) => depth.PlainName == "l" ? Symbol.Width(Layer.L) : Symbol.N;

    /// <summary>
    /// Solves a polynomial in single-input correlators G_{2m}^{(ℓ)} (e.g. a connected scalar, or (1 + 2/n_l) G4 − G2²
    /// for the fluctuation (3.33)) with the engine's deep-linear solutions, substitutes, and expands / takes the limit.
    /// </summary>
    public static ExpansionResult Expand(Polynomial quantity, ExpansionOptions options)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        ArgumentNullException.ThrowIfNull(options);
        var depth = DepthSymbolOf(quantity);
        var width = options.Width ?? DefaultWidth(depth);
        var engineWidth = Symbol.Width(Layer.L);
        // The quantity's own widths (1/n_l or 1/n_L of the observable) are the common width too.
        var own = quantity.Symbols.Where(s => s.IsWidth && s != width && (s == engineWidth || s.Layer is { IsConcrete: false } l && l.Base == depth.PlainName))
            .ToDictionary(s => s, _ => Polynomial.Var(width));
        var q = own.Count == 0 ? quantity : quantity.Substitute(own);
        var solutions = DeepLinearSolutions.FromEngine(width, options.Normalization);
        return Expand(solutions.Solve(q), options with { Width = width });
    }

    /// <summary>Substitutes, then expands or takes the requested limit of a depth solution.</summary>
    public static ExpansionResult Expand(DepthSolution solution, ExpansionOptions options)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(options);
        var exact = options.Substitutions.Count == 0 ? solution : solution.Substitute(options.Substitutions);
        var width = options.Width ?? DefaultWidth(solution.Depth);
        if (options.Order is < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Order, "The order must be non-negative.");
        switch (options.Limit)
        {
            case ExpansionLimit.None:
                return new ExpansionResult(exact) { WidthSeries = options.Order is { } k ? WidthExpansion.Expand(exact, k) : null };
            case ExpansionLimit.WidthFirst or ExpansionLimit.DepthFirst:
                // The two limits do not commute (3.48)–(3.51): whichever is asked for, both are shown side by side.
                return new ExpansionResult(exact) { WidthFirst = NonCommutingLimits.WidthFirst(exact), DepthFirst = NonCommutingLimits.DepthFirst(exact) };
            case ExpansionLimit.DoubleScaling:
                var ds = DoubleScaling.Limit(exact, width, widthOrder: 1);
                int order = options.Order ?? ds.Leading.LeadingInR()?.Power ?? 0;
                return new ExpansionResult(exact) { DoubleScaling = ds, RSeries = ds.Leading.SeriesInR(order), RSeriesOrder = order };
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Limit, "Unknown limit.");
        }
    }
}
