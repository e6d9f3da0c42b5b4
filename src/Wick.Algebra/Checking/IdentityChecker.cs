using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Expansions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Checking;

/// <summary>The verdict of an identity check.</summary>
/// <param name="Holds">True when lhs = rhs (exactly, or up to the remainder).</param>
/// <param name="Lhs">The canonical left side (Σ δ × Laurent polynomial, --set applied).</param>
/// <param name="Rhs">The canonical right side.</param>
/// <param name="Difference">lhs − rhs at fixed layer quantities, truncated below an O(1/n^k) remainder.</param>
/// <param name="Order">k of a remainder O(1/n^k); null otherwise.</param>
public sealed record CheckResult(bool Holds, TensorPolynomial Lhs, TensorPolynomial Rhs, TensorPolynomial Difference, int? Order)
{
    /// <summary>The remainder as written: O(1/n^k) or O(r^k); null for an exact identity.</summary>
    public AsymptoticOrder? Remainder { get; init; }

    /// <summary>
    /// --model mlp without a stated remainder: lhs − rhs vanishes through the order the expansion (4.104) keeps, so the
    /// identity holds up to that remainder though it is not claimed exact (<see cref="Note"/> says so).
    /// </summary>
    public AsymptoticOrder? HoldsUpTo { get; init; }

    /// <summary>Why the verdict is not the plain comparison (mlp: leading order only, so no exact identity); null otherwise.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Where both sides were compared when it is not the lowest layer written (e.g. "at the inputs (layer 0)": the
    /// quantities left at a concrete layer were related); null otherwise.
    /// </summary>
    public string? ComparedAt { get; init; }

    /// <summary>
    /// When the comparison went through the solved correlators (symbolic depth, equal widths): lhs − rhs per δ-structure
    /// as a depth solution expanded through the compared order (empty entries dropped). Null for a comparison at fixed
    /// layer quantities.
    /// </summary>
    public IReadOnlyList<(DeltaProduct Deltas, DepthSolution Difference)>? SolvedDifference { get; init; }

    /// <summary>The difference as printed: the solved one when the depth solutions were used.</summary>
    public string DifferenceText => SolvedDifference is { } sd ? Join(sd.Select(t => (t.Deltas.ToString(), t.Difference.ToString()))) : Difference.ToString();

    /// <summary>The difference in LaTeX.</summary>
    public string DifferenceLatex => SolvedDifference is { } sd ? Join(sd.Select(t => (t.Deltas.ToLatex(), t.Difference.ToLatex()))) : Difference.ToLatex();

    private static string Join(IEnumerable<(string Deltas, string Value)> terms)
    {
        // δ-structures with equal differences grouped: (δδ + δδ + δδ) (−G2² r).
        var list = terms.GroupBy(t => t.Value).Select(g =>
        {
            var deltas = g.Select(t => t.Deltas).Where(d => !string.IsNullOrEmpty(d) && d != "1").ToList();
            if (deltas.Count < g.Count()) return g.Key;   // a scalar identity
            return deltas.Count == 1 ? $"{deltas[0]} ({g.Key})" : $"({string.Join(" + ", deltas)}) ({g.Key})";
        }).ToList();
        return list.Count == 0 ? "0" : string.Join(" + ", list);
    }
}

/// <summary>
/// Checks identities: canonical forms of both sides, compared exactly or up to a stated remainder.
/// </summary>
/// <remarks>
/// Remainders. <c>+ O(1/n^k)</c>: first lhs − rhs is truncated at fixed layer quantities (G_{2m}^{(ℓ)} treated as O(1));
/// if that does not vanish and the difference is a polynomial in single-input correlators G_{2m} at one symbolic depth,
/// they are replaced by the engine's solutions (3.45) (all widths equal to one n) and lhs − rhs is expanded in 1/n at
/// fixed depth — this is how (3.28) G_4 − G_2² = 2(ℓ−1)/n G_2² + O(1/n²) is verified. <c>+ O(r^k)</c>: r = L/n with L
/// the correlators' depth symbol and n the common width; the solved difference is taken to the double-scaling limit
/// (3.54) and its r-series compared through r^{k−1}. Explicit depth symbols are rewritten accordingly (L = r n for
/// O(r^k), r = L/n for O(1/n^k)).
/// </remarks>
public static class IdentityChecker
{
    /// <summary>Evaluates both sides, applies the substitutions, and compares (see the remarks on remainders).</summary>
    /// <remarks>
    /// Layers: every quantity is rewritten to the lowest layer of its chain present in the identity
    /// (<see cref="LayerLowering"/>); a non-zero difference is reported only when what is left is algebraically
    /// independent, otherwise <see cref="CannotDecideException"/>.
    /// <paramref name="mlp"/>: the general-activation model (<paramref name="model"/>: activation, equal widths). K, V and
    /// G^{\{1\}} are the coefficients of the 1/n expansion (4.104)–(4.106), so their recursions are exact identities. When
    /// E[…] or the metric G went through the truncated expansion, the comparison is good to O(1/n^k) only: without a
    /// remainder the check does not claim an exact identity (Holds = false, <see cref="CheckResult.Note"/> says why); a
    /// remainder finer than the expansion, or O(r^k), is refused (EvaluationException).
    /// Remainders at symbolic depth use the solution of the model asked for; the engine solves deep linear networks
    /// without biases (3.45), so with <paramref name="bias"/> such a comparison is refused, never made against another model.
    /// </remarks>
    public static CheckResult Check(Identity identity, bool bias, IReadOnlyDictionary<Symbol, Polynomial>? settings = null, bool mlp = false,
        MlpModel? model = null)
    {
        var result = CheckCore(identity, bias, settings, mlp, model, out bool byOrbits);
        return byOrbits ? result with { ComparedAt = OrbitComparison.Note + (result.ComparedAt is { } at ? "; " + at : "") } : result;
    }

    private static CheckResult CheckCore(Identity identity, bool bias, IReadOnlyDictionary<Symbol, Polynomial>? settings, bool mlp,
        MlpModel? model, out bool byOrbits)
    {
        ArgumentNullException.ThrowIfNull(identity);
        byOrbits = false;
        identity = DepthPowersAsSeries(ExponentialsAsSeries(identity), bias || mlp);
        bool perLayer = LayerHyperparameters.PerLayer(identity);
        if (!mlp && InductionCheck.Applies(identity))
        {
            if (perLayer)
                throw new CannotDecideException("a closed form over layers with per-layer C_W^(l), C_b^(l): the engine solves the recursions with layer-independent C_W, C_b (3.45); write C_W, C_b.");
            return InductionCheck.Check(identity, bias, settings); // closed forms over layers
        }
        model ??= MlpModel.Symbolic;
        settings = ScaleInvariantConstants.With(identity, mlp ? model.Activation : null, settings);
        var ev = new ExpressionEvaluator(bias || mlp, perLayer) { Mlp = mlp, MlpFloors = mlp ? LayerLowering.Floors(identity) : null, MlpModel = model };
        // Settings may give a sample δ a new partner: the canonical form (SampleAlgebra) is taken last.
        TensorPolynomial Set(TensorPolynomial t) => Distinct(SampleAlgebra.Canonicalize(settings is { Count: > 0 } ? t.Map(c => c.Substitute(settings)) : t), identity.Unequal);
        TensorPolynomial Model(TensorPolynomial t) => t.Map(c => model.ApplyWidths(GaussianReducer.NormalizeAll(c, model.Activation)));
        var lhs0 = ev.Evaluate(identity.Lhs);
        var rhs0 = ev.Evaluate(identity.Rhs);
        if (!mlp && OrbitComparison.Representatives(identity) is { } representatives)
        {
            // Issue 16: E[fields] = Σ orbit_{fields}[…]: both sides are symmetric under relabelling the fields, so one δ
            // product per orbit decides (lowering the rest would only repeat relabelled copies).
            (lhs0, rhs0) = (OrbitComparison.Restrict(lhs0, representatives), OrbitComparison.Restrict(rhs0, representatives));
            byOrbits = true;
        }
        if (mlp)
        {
            var result = CheckMlp(identity, ev, Set(Model(lhs0)), Set(Model(rhs0)));
            // A concrete activation that leaves Gaussian expectations unevaluated (ReLU's ⟨σ''σ''⟩ = ⟨δδ⟩ from integration by
            // parts, arc-cosine kernels of distinct inputs) has not shown them independent: no verdict.
            if (!result.Holds && model.Activation is not SymbolicActivation
                && result.Difference.Coefficients.SelectMany(c => c.Symbols).FirstOrDefault(x => x.Kind == AtomKind.GaussianExpectation) is { } left)
                throw new CannotDecideException(
                    $"lhs - rhs = {result.Difference} keeps {left}, which --activation {model.Activation.Name} does not evaluate exactly " +
                    "(for a kinked activation a derivative such as sigma'' is a distribution); the engine cannot tell whether it cancels. " +
                    "Compare numerically (wick expect), or check the identity with the symbolic activation.");
            return result;
        }

        var lowering = new LayerLowering(bias, perLayer);
        var lowered = lowering.ToLowestLayers(lhs0, rhs0);
        if ((HasInverse(lhs0) || HasInverse(rhs0)) && !(lowered[0].Equals(lhs0) && lowered[1].Equals(rhs0)))
            throw new CannotDecideException(
                "the identity holds inverse kernels or raised vertices, which stay at their layer while K and V are rewritten to a lower one, " +
                "so K^{-1}K could no longer contract; write every quantity at one layer (e.g. K^(l)^{a b} K^(l)_{b c}).");
        var (lhs, rhs) = (Set(lowered[0]), Set(lowered[1]));
        var diff = lhs - rhs;
        if (!diff.ZeroTestIsExact)
            throw new CannotDecideException(
                $"lhs - rhs mixes the pairing tensor {diff.PairingTerms[0].Tensor} (kept whole, {diff.PairingTerms[0].Tensor.TermCount} terms) " +
                "with other terms, which could cancel only in its explicit form. Write both sides as pairing tensor x scalar, or contract the indices.");
        if (identity.Remainder is not { } big)
            return diff.IsZero ? new CheckResult(true, lhs, rhs, diff, null) : Decide(lowering, lowered, settings, d => d, null);

        var order = RemainderOrder(ev, big);
        // A series in r written out (e^{2r} read as 1 + 2r, 3.56) that agrees exactly: holds up to the stated O(r^k).
        if (diff.IsZero && order is SeriesOrder && SyntaxTree.Nodes(identity.Lhs).Concat(SyntaxTree.Nodes(identity.Rhs)).Any(x => x is SymbolRef { Symbol: var r } && r == Symbol.R))
            return new CheckResult(true, lhs, rhs, diff, null) { Remainder = order };
        if (order is InverseWidthOrder w)
        {
            var truncated = diff.TruncateWidthOrder(w.K - 1);
            if (truncated.IsZero) return new CheckResult(true, lhs, rhs, truncated, w.K) { Remainder = order };
            if (!IsSolvable(diff)) return Decide(lowering, lowered, settings, d => d.TruncateWidthOrder(w.K - 1), order);
        }
        else if (!IsSolvable(diff) && order is SeriesOrder series && diff.Coefficients.SelectMany(c => c.Symbols).Contains(ExponentialPolynomial.R))
        {
            // Nothing at a symbolic depth, but r written out ((e^{2r} − 1) G2² = 2r G2² + O(r²), 3.56): a series in r
            // already, compared through r^{k−1}.
            var kept = diff.Map(c => c.CoefficientsIn(ExponentialPolynomial.R).Where(kv => kv.Key < series.K)
                .Aggregate(Polynomial.Zero, (acc, kv) => acc + kv.Value * Polynomial.Var(ExponentialPolynomial.R).Pow(kv.Key)));
            return new CheckResult(kept.IsZero, lhs, rhs, kept, null) { Remainder = order };
        }
        else if (!IsSolvable(diff))
            throw new EvaluationException("O(r^k) needs correlators G_{2m} at a symbolic depth such as L (r = L/n): nothing depth-dependent to take to the double-scaling limit.");
        if (perLayer)
            throw new CannotDecideException(
                $"lhs - rhs = {diff} does not vanish at fixed layer quantities, and comparing up to {order} at symbolic depth needs the solution " +
                "with per-layer C_W^(l), C_b^(l), which the engine does not derive (it solves with layer-independent C_W, 3.45).");
        if (bias)
            throw new CannotDecideException(
                $"lhs - rhs = {diff} does not vanish at fixed layer quantities, and comparing up to {order} at symbolic depth needs the solution " +
                "of the model with biases, which the engine does not derive (it solves G_{2m} without biases, 3.45); it will not compare against the model without biases.");
        var solved = new List<(DeltaProduct, DepthSolution)>();
        var solvedSettings = CriticalIdentification(diff, settings);
        foreach (var (deltas, coefficient) in diff.Terms)
        {
            var result = CompareSolved(coefficient, order, solvedSettings);
            if (!result.Holds) solved.Add((deltas, result.Difference));
        }
        return new CheckResult(solved.Count == 0, lhs, rhs, diff, (order as InverseWidthOrder)?.K) { Remainder = order, SolvedDifference = solved };
    }

    /// <summary>
    /// A non-zero (truncated) difference at the lowest layers: a verdict when the quantities left are independent,
    /// decided again at the inputs when they are related at a concrete layer, otherwise no verdict.
    /// </summary>
    private static CheckResult Decide(LayerLowering lowering, TensorPolynomial[] lowered, IReadOnlyDictionary<Symbol, Polynomial>? settings,
        Func<TensorPolynomial, TensorPolynomial> compare, AsymptoticOrder? order)
    {
        TensorPolynomial Set(TensorPolynomial t) => SampleAlgebra.Canonicalize(settings is { Count: > 0 } ? t.Map(c => c.Substitute(settings)) : t);
        var (lhs, rhs) = (Set(lowered[0]), Set(lowered[1]));
        var diff = compare(lhs - rhs);
        int? k = (order as InverseWidthOrder)?.K;
        switch (LayerLowering.Classify(LayerLowering.Quantities(diff), out string why))
        {
            case Independence.Independent:
                return new CheckResult(diff.IsZero, lhs, rhs, diff, k) { Remainder = order };
            case Independence.DecideAtInputs:
                if (settings is not null && settings.Keys.Any(LayerLowering.IsQuantity))
                    throw new CannotDecideException($"lhs - rhs = {diff}: its quantities are related through the layers below, and --set fixes a quantity ({string.Join(", ", settings.Keys.Where(LayerLowering.IsQuantity))}), so the engine cannot rewrite them to the inputs.");
                var (inLhs, inRhs) = (Set(lowering.ToInputs(lowered[0])), Set(lowering.ToInputs(lowered[1])));
                var inDiff = compare(inLhs - inRhs);
                if (LayerLowering.Classify(LayerLowering.Quantities(inDiff), out why) != Independence.Independent)
                    throw new CannotDecideException(why);
                return new CheckResult(inDiff.IsZero, inLhs, inRhs, inDiff, k)
                {
                    Remainder = order,
                    ComparedAt = "compared at the inputs (layer 0): the quantities left at the lowest layer are related through the first layer (3.18)",
                };
            default:
                throw new CannotDecideException($"lhs - rhs = {diff} does not vanish, but {why}.");
        }
    }

    /// <summary>
    /// Under the conditions j ≠ k of the identity (3.30), every term whose deltas set j = k vanishes.
    /// </summary>
    private static TensorPolynomial Distinct(TensorPolynomial t, EquatableList<Delta>? unequal)
    {
        if (unequal is not { Count: > 0 }) return t;
        if (t.PairingTerms.Count > 0)
            throw new CannotDecideException("a condition j != k on a side kept as a pairing tensor: write the deltas out.");
        return TensorPolynomial.FromTerms(t.Terms.Where(term =>
            !term.Deltas.Blocks().Any(b => unequal.Any(d => b.Contains(d.A.Name) && b.Contains(d.B.Name)))));
    }

    /// <summary>
    /// e^{c r} in an identity compared up to O(r^k) (3.56), (3.57): the comparison keeps r^0 … r^{k−1} only, so the
    /// exponential is replaced by its Taylor polynomial Σ_{j&lt;k} (c r)^j / j!, exact at that order. Without an O(r^k)
    /// remainder e^{c r} is left alone (and refused further on).
    /// </summary>
    private static Identity ExponentialsAsSeries(Identity identity)
    {
        static bool IsExp(Expr e) => e is DepthPower { Base: SymbolRef { Symbol: { Kind: AtomKind.Plain } b }, Depth: { Base: "r", Offset: 0 } }
            && b.ToString() == "e";
        if (!SyntaxTree.Nodes(identity).Any(IsExp)) return identity;
        if (identity.Remainder is not { Scale: var scale } || !IsPowerOfR(scale, out int k))
            throw new EvaluationException("e^{c r} is compared as a series in the aspect ratio r: state the order, e.g. + O(r^2) (3.56).");
        return (Identity)SyntaxTree.Rewrite(identity, e =>
        {
            if (!IsExp(e)) return null;
            var c = ((DepthPower)e).Multiplier;
            var terms = new List<Expr>();
            Rational factorial = Rational.One;
            for (int j = 0; j < k; j++)
            {
                if (j > 0) factorial *= j;
                var coefficient = new Number(((Rational)c).Pow(j) / factorial);
                terms.Add(j == 0 ? coefficient : new Product(EquatableList.Of<Expr>(coefficient, new Power(new SymbolRef(Symbol.R), j))));
            }
            return terms.Count == 1 ? terms[0] : new Sum(terms.ToEquatableList());
        });
    }

    /// <summary>
    /// (1 + 2/n)^{ℓ−1} in an identity compared up to O(1/n^k) (3.28), at fixed depth: with x = base − 1 = O(1/n), the binomial
    /// series Σ_{j&lt;k} C(e, j) x^j of (1 + x)^e is exact at that order (every further term is O(1/n^k)); its coefficients
    /// C(e, j) = e(e−1)⋯(e−j+1)/j! are polynomials in the depth. Other depth powers, and identities without such a
    /// remainder, are left alone.
    /// </summary>
    private static Identity DepthPowersAsSeries(Identity identity, bool bias)
    {
        if (identity.Remainder is not { } o || !SyntaxTree.Nodes(identity).Any(x => x is DepthPower)) return identity;
        var ev = new ExpressionEvaluator(bias);
        Polynomial? Scalar(Expr e)
        {
            try { return ev.Evaluate(e).TryGetScalar(out var p) ? p : null; }
            catch (EvaluationException) { return null; }
        }
        if (Scalar(o.Scale) is not { } scale || scale.Terms.Count != 1 || scale.MaxWidthDegree >= 0) return identity;
        int k = -scale.MaxWidthDegree;
        return (Identity)SyntaxTree.Rewrite(identity, e =>
        {
            if (e is not DepthPower { Depth.IsConcrete: false } power || Scalar(power.Base) is not { } b || (b - Polynomial.One).MaxWidthDegree > -1) return null;
            Expr exponent = Product.Of([new Number(power.Multiplier), Sum.Of(new SymbolRef(Symbol.Depth(power.Depth.Base!)), new Number(power.Depth.Offset))]);
            Expr x = Sum.Of(power.Base, new Number(Rational.MinusOne));
            var terms = new List<Expr> { new Number(Rational.One) };
            Expr binomial = new Number(Rational.One);
            for (int j = 1; j < k; j++)
            {
                binomial = Product.Of([binomial, Sum.Of(exponent, new Number(-(j - 1))), new Number(Rational.One / j)]);
                terms.Add(Product.Of([binomial, new Power(x, j)]));
            }
            return new Sum(terms.ToEquatableList());
        });
    }

    private static bool IsPowerOfR(Expr scale, out int k)
    {
        (bool ok, k) = scale switch
        {
            SymbolRef { Symbol: var s } when s == Symbol.R => (true, 1),
            Power { Base: SymbolRef { Symbol: var s }, Exponent: var e } when s == Symbol.R && e >= 1 => (true, e),
            _ => (false, 0),
        };
        return ok;
    }

    /// <summary>--model mlp: the leading-order comparison (see the remarks of <see cref="Check"/>).</summary>
    private static CheckResult CheckMlp(Identity identity, ExpressionEvaluator ev, TensorPolynomial lhs, TensorPolynomial rhs)
    {
        var diff = lhs - rhs;
        if (!ev.LeadingOrderUsed)
        {
            if (identity.Remainder is null) return new CheckResult(diff.IsZero, lhs, rhs, diff, null);
            var o = RemainderOrder(ev, identity.Remainder);
            if (o is not InverseWidthOrder w0)
                throw new EvaluationException("O(r^k) needs correlators G_{2m} at a symbolic depth such as L (r = L/n): --model mlp has none.");
            var t = diff.TruncateWidthOrder(w0.K - 1);
            return new CheckResult(t.IsZero, lhs, rhs, t, w0.K) { Remainder = o };
        }
        int k = ev.ApproximationOrder!.Value;
        string through = k == 1 ? "the leading order" : k == 2 ? "order 1/n" : $"order 1/n^{k - 1}";
        string why = $"--model mlp expands E[...] and the metric G in 1/n (4.104) through {through} only: the value carries + O(1/n^{k})";
        if (identity.Remainder is not { } r)
        {
            var kept = diff.TruncateWidthOrder(k - 1);
            return new CheckResult(false, lhs, rhs, diff, null)
            {
                HoldsUpTo = kept.IsZero ? AsymptoticOrder.InverseWidth(k) : null,
                Note = kept.IsZero
                    ? $"not an exact identity: {why}; it holds through {through} (write + O(1/n^{k}), or + O(1/n))"
                    : $"not an exact identity ({why}); through {through}, lhs - rhs = {kept} (write + O(1/n) to compare at leading order)",
            };
        }
        if (RemainderOrder(ev, r) is not InverseWidthOrder { K: var j } || j > k)
            throw new EvaluationException($"{why}: state the remainder as + O(1/n^j) with j <= {k}, e.g. + O(1/n).");
        var truncated = diff.TruncateWidthOrder(j - 1);
        return new CheckResult(truncated.IsZero, lhs, rhs, truncated, j) { Remainder = AsymptoticOrder.InverseWidth(j) };
    }

    private static bool HasInverse(TensorPolynomial t) =>
        t.Coefficients.Any(c => c.Symbols.Any(s => s.Kind is AtomKind.InverseKernel or AtomKind.RaisedVertex));

    /// <summary>O(1/n^k) or O(r^k) from the written scale.</summary>
    private static AsymptoticOrder RemainderOrder(ExpressionEvaluator ev, BigO big)
    {
        if (!ev.Evaluate(big.Scale).TryGetScalar(out var scale) || !scale.IsSingleTerm || scale.Terms[0].Coefficient != Rational.One)
            throw new EvaluationException("O(...) takes a monomial scale such as 1/n, 1/n_l^2 or r^3.");
        var symbols = scale.Symbols.ToList();
        if (symbols.Count == 1 && symbols[0] == ExponentialPolynomial.R)
        {
            int k = scale.CoefficientsIn(ExponentialPolynomial.R).Keys.Single();
            if (k < 1) throw new EvaluationException("O(r^k) needs k ≥ 1, e.g. O(r^2).");
            if (k > ExpansionOptions.MaxOrder) throw new EvaluationException($"O(r^{k}): orders above {ExpansionOptions.MaxOrder} are not offered (the exact series would take minutes).");
            return AsymptoticOrder.PowerOf(ExponentialPolynomial.R, k);
        }
        int degree = scale.Terms[0].Monomial.WidthDegree;
        if (degree >= 0 || symbols.Any(s => !s.IsWidth))
            throw new EvaluationException("O(...) must be an inverse power of a width, e.g. O(1/n^2), or a power of the aspect ratio r = L/n, e.g. O(r^3).");
        if (-degree > ExpansionOptions.MaxOrder)
            throw new EvaluationException($"O(1/n^{-degree}): orders above {ExpansionOptions.MaxOrder} are not offered (the exact series would take minutes).");
        return AsymptoticOrder.InverseWidth(-degree);
    }

    /// <summary>
    /// Correlators of several layers in one solved comparison ((3.56): G_2^{(L)} and G_2^{(0)}) are related through
    /// G_2^{(L)} = C_W^L G_2^{(0)} (3.15), which the solutions do not carry. At criticality, <c>--set C_W=1</c> without
    /// biases, that is G_2^{(ℓ)} = G_2^{(0)} at every layer, and the identification is made; otherwise no verdict.
    /// </summary>
    private static IReadOnlyDictionary<Symbol, Polynomial>? CriticalIdentification(TensorPolynomial diff, IReadOnlyDictionary<Symbol, Polynomial>? settings)
    {
        var correlators = diff.Coefficients.SelectMany(c => c.Symbols).Where(x => x.Kind == AtomKind.Correlator).ToList();
        var layers = correlators.Select(x => x.Layer).Distinct().ToList();
        if (layers.Count <= 1) return settings;
        bool critical = settings is not null && settings.TryGetValue(Symbol.CW, out var cw) && cw == Polynomial.One;
        if (!critical)
            throw new CannotDecideException(
                $"lhs - rhs relates correlators of layers {string.Join(", ", layers)}, which the solutions relate only through C_W^depth (3.15); " +
                "write them at one layer, or set C_W=1 (criticality: G2 is the same at every layer)");
        var identified = new Dictionary<Symbol, Polynomial>(settings!);
        var g0 = Polynomial.Var(Symbol.Correlator(2, Layer.Concrete(0)));
        foreach (var layer in layers.Where(l => l is { } x && x != Layer.Concrete(0)))
            identified.TryAdd(Symbol.Correlator(2, layer!.Value), g0);
        return identified;
    }

    /// <summary>True when the difference contains single-input correlators at a symbolic depth (so the solutions apply).</summary>
    private static bool IsSolvable(TensorPolynomial diff) =>
        diff.Coefficients.SelectMany(c => c.Symbols).Any(s => s.Layer is { IsConcrete: false } && s.Kind == AtomKind.Correlator);

    /// <summary>One δ-coefficient of lhs − rhs compared through the solutions, widths unified to the depth's common width.</summary>
    private static AsymptoticCheckResult CompareSolved(Polynomial coefficient, AsymptoticOrder order, IReadOnlyDictionary<Symbol, Polynomial>? settings)
    {
        var depth = CorrelatorExpansion.DepthSymbolOf(coefficient);
        var width = CorrelatorExpansion.DefaultWidth(depth);
        var w = Polynomial.Var(width);
        var map = coefficient.Symbols.Where(s => s.IsWidth && s != width).ToDictionary(s => s, _ => w);
        if (order is SeriesOrder) map[depth] = Polynomial.Var(ExponentialPolynomial.R) * w;                   // L = r n
        else if (coefficient.Symbols.Contains(ExponentialPolynomial.R)) map[ExponentialPolynomial.R] = Polynomial.Var(depth) * w.Pow(-1); // r = L/n
        var c = map.Count == 0 ? coefficient : coefficient.Substitute(map);
        var options = new ExpansionOptions { Width = width, Substitutions = settings ?? new Dictionary<Symbol, Polynomial>() };
        return AsymptoticCheck.CompareCorrelators(c, Polynomial.Zero, order, options);
    }
}
