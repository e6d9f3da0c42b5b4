using Wick.Algebra.Correlators;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Activations.Chapter4;

/// <summary>A correlator of the mlp model and how far it is exact: <see cref="Remainder"/> = k means + O(1/n^k); null: exact.</summary>
public sealed record MlpCorrelator(TensorPolynomial Value, int? Remainder);

/// <summary>
/// The chapter-4 recursions of the mlp model z^{(ℓ+1)}_{i;α} = b_i + Σ_j W_{ij} σ(z^{(ℓ)}_{j;α}), derived, for several inputs:
/// biases and weights paired by <see cref="ForwardStep"/>; the activations of layer ℓ averaged through order 1/n by
/// <see cref="NeuronExpansion"/> (same/different neuron split (4.87)–(4.89)); the results read off as the coefficients of
/// the 1/n expansion (4.104)–(4.106): K = G^{\{0\}} (4.118), G^{\{1\}} (4.115), V (4.77), (4.119). Layer 1 is exactly
/// Gaussian, so every layer-2 statement is exact.
/// </summary>
public static class MlpRecursions
{
    private static Polynomial Inverse(Symbol s) => Polynomial.FromMonomial(Monomial.Of(s).Pow(-1));

    /// <summary>
    /// E[Π_k z^{(ℓ+1)}_{i_k;α_k}] in terms of layer ℓ: exact for ℓ+1 ≤ 2, otherwise through order 1/n (remainder O(1/n²)).
    /// </summary>
    public static MlpCorrelator CorrelatorFromBelow(IReadOnlyList<FieldPoint> points, Layer above, IGaussianActivation? activation = null)
    {
        if (above == Layer.Concrete(0)) throw new Wick.Algebra.Checking.EvaluationException("Layer 0 is the input layer: its fields are fixed data, not random.");
        if (points.Any(p => p.Sample is null)) throw new Wick.Algebra.Checking.EvaluationException("The mlp model needs a sample label on every field (z_{i;a}).");
        if (above == Layer.Concrete(1)) return new(ForwardStep.CorrelatorAbove(points, new InputLayer(), bias: true), null);
        var expansion = new NeuronExpansion(above.Previous, new GaussianReducer(above.Previous, activation));
        var value = ForwardStep.CorrelatorAbove(points, new ExpandedActivationLayer(expansion), bias: true);
        return expansion.ExactlyGaussian ? new(value, null) : new(value.TruncateWidthOrder(1), 2);
    }

    /// <summary>The metric G^{(ℓ+1)}_{α1α2}: the δ_{i1i2} coefficient of E[z z] (exact at layers 1, 2; else through 1/n).</summary>
    public static Polynomial Metric(string a1, string a2, Layer above, IGaussianActivation? activation = null)
    {
        var two = CorrelatorFromBelow([new FieldPoint("i1", a1), new FieldPoint("i2", a2)], above, activation);
        return two.Value.CoefficientOf(DeltaProduct.Delta("i1", "i2"));
    }

    /// <summary>(4.118) K^{(ℓ+1)}_{α1α2} = C_b + C_W ⟨σ_{α1}σ_{α2}⟩_{K^{(ℓ)}}: the O(1) part of the metric (4.104).</summary>
    public static Recursion Kernel(string a1, string a2, Layer above, IGaussianActivation? activation = null) =>
        new(Symbol.Kernel(above, a1, a2), Metric(a1, a2, above, activation).TruncateWidthOrder(0), "kernel (4.118): the O(1) coefficient of the metric (4.104)");

    /// <summary>
    /// (4.115) G^{\{1\}(ℓ+1)}_{α1α2} = n_ℓ × the 1/n part of the metric (4.104); in derivative form
    /// C_W (n_ℓ/n_{ℓ−1}) [½ Σ G^{\{1\}}_{xy} ⟨∂_x∂_y(σσ)⟩ + ⅛ Σ V_{(xy)(uv)} ⟨∂_x∂_y∂_u∂_v(σσ)⟩]. Layer 1: zero.
    /// </summary>
    public static Recursion NloMetric(string a1, string a2, Layer above, IGaussianActivation? activation = null)
    {
        if (IsSingleInputConcrete([a1, a2], above, activation))
            return Centred(RaisedNloMetricForm(NloMetric(a1, a2, above)), a1, activation!);
        var metric = Metric(a1, a2, above, activation);
        var n = Polynomial.Var(Symbol.Width(above.Previous));
        var step = above == Layer.Concrete(1) ? Polynomial.Zero : (n * (metric - metric.TruncateWidthOrder(0))).TruncateWidthOrder(0);
        return new(Symbol.NloMetric(above, a1, a2), step, "NLO metric (4.115): n_l times the 1/n coefficient of the metric (4.104)");
    }

    /// <summary>
    /// (4.119) V^{(ℓ+1)}_{(α1α2)(α3α4)} = n_ℓ × the δ_{i1i2}δ_{i3i4} coefficient of the connected four-point function (4.77),
    /// E[zzzz] − Σ E[zz]E[zz], at O(1); derivative form (lowered V, no K^{-1}). Layer 1: zero.
    /// </summary>
    public static Recursion Vertex(string a1, string a2, string a3, string a4, Layer above, IGaussianActivation? activation = null)
    {
        if (IsSingleInputConcrete([a1, a2, a3, a4], above, activation))
            return Centred(RaisedVertexForm(Vertex(a1, a2, a3, a4, above)), a1, activation!);
        var target = Symbol.Vertex(above, [(a1, a2), (a3, a4)]);
        var four = CorrelatorFromBelow([new("i1", a1), new("i2", a2), new("i3", a3), new("i4", a4)], above, activation).Value;
        var connected = four.CoefficientOf(DeltaProduct.FromPairs([("i1", "i2"), ("i3", "i4")]))
            - Metric(a1, a2, above, activation) * Metric(a3, a4, above, activation);
        var step = (Polynomial.Var(Symbol.Width(above.Previous)) * connected).TruncateWidthOrder(0);
        return new(target, step, "four-point vertex (4.119): n_l times the connected four-point function (4.77) at O(1/n)");
    }

    /// <summary>
    /// The connected four-point function (4.77) of layer ℓ+1 through O(1/n): Σ over the three pairings of δδ V^{(ℓ+1)}/n_ℓ
    /// with V^{(ℓ+1)} written through its recursion — the engine's own E[zzzz] − Σ E[zz]E[zz], truncated.
    /// </summary>
    public static TensorPolynomial ConnectedFourPoint(IReadOnlyList<FieldPoint> points, Layer above, IGaussianActivation? activation = null)
    {
        if (points.Count != 4) throw new ArgumentException("Four points.", nameof(points));
        var four = CorrelatorFromBelow(points, above, activation).Value;
        var terms = new List<(DeltaProduct, Polynomial)>();
        foreach (var (d, c) in four.Terms)
        {
            var pairs = d.Pairs.ToList();
            var (p, q) = (pairs[0], pairs[1]);
            int P(string neural) => points.ToList().FindIndex(x => x.Neural == neural);
            var left = Metric(points[P(p.Item1)].Sample!, points[P(p.Item2)].Sample!, above, activation);
            var right = Metric(points[P(q.Item1)].Sample!, points[P(q.Item2)].Sample!, above, activation);
            terms.Add((d, (c - left * right).TruncateWidthOrder(1)));
        }
        return TensorPolynomial.FromTerms(terms);
    }

    // One input and a concrete σ above layer 1: the derivative form would hold ⟨σ''σ''⟩ = ⟨δδ⟩ for a kinked σ (ReLU), not
    // a function; the book's centred form (4.115), (4.119) is integrated by the activation directly instead.
    private static bool IsSingleInputConcrete(string[] samples, Layer above, IGaussianActivation? activation) =>
        activation is not null and not SymbolicActivation && samples.Distinct().Count() == 1 && above != Layer.Concrete(1);

    private static Recursion Centred(RaisedForm form, string x, IGaussianActivation activation) =>
        new(form.Target, GaussianReducer.NormalizeAll(form.SingleInput(x, activation), activation),
            "one input, the book's centred form (4.115), (4.119) integrated by the activation");

    // ----- the book's raised-index form (4.119) with (4.120) -------------------------------------------------------

    /// <summary>
    /// (4.119) as the book prints it: <see cref="Local"/> + <see cref="Coefficient"/> Σ_{β1…β4} <see cref="Summand"/>, the
    /// summand V_{(ℓ)}^{(β1β2)(β3β4)} ⟨σ_{α1}σ_{α2}(z_{β1}z_{β2} − K_{β1β2})⟩ ⟨σ_{α3}σ_{α4}(z_{β3}z_{β4} − K_{β3β4})⟩ with the
    /// vertex raised (4.120). Recognised from the derivative form: the coefficient is the exact quotient of the vertex part
    /// of the derived step by the summed term's normal form, and the whole is checked to equal the derived step.
    /// </summary>
    public sealed record RaisedForm(Symbol Target, Polynomial Local, Polynomial Coefficient, IReadOnlyList<string> Dummies, Polynomial Summand)
    {
        /// <summary>The value of the raised form, contracted (σ symbolic): must equal the derived step.</summary>
        public Polynomial Contracted(IGaussianActivation? activation = null) =>
            Local + Coefficient * SampleSums.Sum(GaussianReducer.NormalizeAll(Summand, activation), Dummies);

        /// <summary>
        /// The value for a single input x (the data set D = {x}): every dummy is x, K^{xx} = 1/K_{xx}, V^{(xx)(xx)} =
        /// V_{(xx)(xx)}/K_{xx}⁴, and the centred expectations are integrated by <paramref name="activation"/> directly — no
        /// integration by parts, so a kinked σ (ReLU: σ'' = δ) is evaluated where the derivative form is not a function.
        /// </summary>
        public Polynomial SingleInput(string x, IGaussianActivation? activation)
        {
            var one = Summand.MapSymbols(s => s.RenameSamples(_ => x));
            var layer = Target.Layer!.Value.Previous;
            var kxx = Symbol.Kernel(layer, x, x);
            var lowered = one.Substitute(new Dictionary<Symbol, Polynomial>
            {
                [Symbol.InverseKernel(layer, x, x)] = Inverse(kxx),
                [Symbol.Vertex(layer, [(x, x), (x, x)], raised: true)] = Polynomial.Var(Symbol.Vertex(layer, [(x, x), (x, x)])) * Inverse(kxx).Pow(4),
            });
            return Local + Coefficient * GaussianReducer.NormalizeAll(lowered, activation);
        }

        /// <summary><c>V^(l+1)_{(a1 a2)(a3 a4)} = … + c sum_{b1,b2,b3,b4} V_(l)^{(b1 b2)(b3 b4)} &lt;…&gt;_{K^(l)} &lt;…&gt;_{K^(l)}</c>.</summary>
        public override string ToString() =>
            $"{Target} = {(Local.IsZero ? "" : $"{Local} + ")}{Parenthesised(Coefficient, Coefficient.ToString())} sum_{{{string.Join(",", Dummies)}}} {Parenthesised(Summand, Summand.ToString())}";

        /// <summary>LaTeX with \sum_{\beta_1, \dots, \beta_4 \in \mathcal{D}}.</summary>
        public string ToLatex() => $"{Target.ToLatex()} = {RhsLatex()}";

        /// <summary>The right-hand side of <see cref="ToLatex"/>.</summary>
        public string RhsLatex() =>
            $"{(Local.IsZero ? "" : $"{Local.ToLatex()} + ")}{Parenthesised(Coefficient, Coefficient.ToLatex(), latex: true)} \\sum_{{{string.Join(", ", Dummies.Select(Syntax.IndexSpelling.ToLatex))} \\in \\mathcal{{D}}}} {Parenthesised(Summand, Summand.ToLatex(), latex: true)}";

        private static string Parenthesised(Polynomial p, string s, bool latex = false) =>
            p.Count > 1 ? (latex ? $"\\left({s}\\right)" : $"({s})") : s;
    }

    /// <summary>The derived (4.119) recognised in the book's raised-index form (see <see cref="RaisedForm"/>).</summary>
    public static RaisedForm RaisedVertexForm(Recursion derived)
    {
        ArgumentNullException.ThrowIfNull(derived);
        var target = derived.Target;
        var below = target.Layer!.Value.Previous;
        var (p, q) = (target.IndexPairs[0], target.IndexPairs[1]);
        var free = target.Indices.ToHashSet();
        var dummies = FreshDummies(free, 4);
        var summand = Polynomial.Var(Symbol.Vertex(below, [(dummies[0], dummies[1]), (dummies[2], dummies[3])], raised: true))
            * Polynomial.Var(CentredSigmaSigma(p.Item1, p.Item2, dummies[0], dummies[1], below))
            * Polynomial.Var(CentredSigmaSigma(q.Item1, q.Item2, dummies[2], dummies[3], below));
        var vertexPart = derived.Step.Where(m => m.Symbols.Any(s => s.Kind == AtomKind.Vertex));
        var local = derived.Step - vertexPart;
        var summed = SampleSums.Sum(GaussianReducer.NormalizeAll(summand), dummies);
        if (!vertexPart.TryDivideExactly(summed, out var coefficient))
            throw new InvalidOperationException($"The derived vertex part of (4.119) is not a multiple of the raised-index sum: {vertexPart}.");
        var form = new RaisedForm(target, local, coefficient, dummies, summand);
        if (!(form.Contracted() - derived.Step).IsZero)
            throw new InvalidOperationException("The raised-index form of (4.119) does not contract to the derived step.");
        return form;
    }

    /// <summary>
    /// The derived (4.115) recognised in the book's raised-index form: c Σ_{β1…β4} [½ K^{β1β3}K^{β2β4}G^{\{1\}}_{β3β4}⟨σσ(z_β1z_β2 − K)⟩
    /// + ⅛ V^{(β1β2)(β3β4)}⟨σσ(zz − K)(zz − K)⟩ + ¼ V^{(β1β3)(β2β4)}K_{β3β4}⟨σσ(−2z_β1z_β2 + K_β1β2)⟩], the last body written
    /// −2⟨σσ(zz − K)⟩ − K⟨σσ⟩; c the exact quotient, the whole checked to contract to the derived step.
    /// </summary>
    public static RaisedForm RaisedNloMetricForm(Recursion derived)
    {
        ArgumentNullException.ThrowIfNull(derived);
        var target = derived.Target;
        var l = target.Layer!.Value.Previous;
        var (a1, a2) = (target.Indices[0], target.Indices[1]);
        var b = FreshDummies(target.Indices.ToHashSet(), 4);
        Polynomial P(Symbol s) => Polynomial.Var(s);
        var twice = P(Symbol.Gaussian(new GaussianBody([GaussianFactor.Sigma(a1), GaussianFactor.Sigma(a2),
            new GaussianFactor(GaussianFactorKind.Fluctuation, b[0], b[1]), new GaussianFactor(GaussianFactorKind.Fluctuation, b[2], b[3])]), l));
        var centred = P(CentredSigmaSigma(a1, a2, b[0], b[1], l));
        var ss = P(Symbol.Gaussian(new GaussianBody([GaussianFactor.Sigma(a1), GaussianFactor.Sigma(a2)]), l));
        var crossed = P(Symbol.Vertex(l, [(b[0], b[2]), (b[1], b[3])], raised: true)) * P(Symbol.Kernel(l, b[2], b[3]));
        var summand = Rational.One / 2 * P(Symbol.InverseKernel(l, b[0], b[2])) * P(Symbol.InverseKernel(l, b[1], b[3])) * P(Symbol.NloMetric(l, b[2], b[3])) * centred
            + Rational.One / 8 * P(Symbol.Vertex(l, [(b[0], b[1]), (b[2], b[3])], raised: true)) * twice
            + Rational.One / 4 * crossed * (-2 * centred - P(Symbol.Kernel(l, b[0], b[1])) * ss);
        var summed = SampleSums.Sum(GaussianReducer.NormalizeAll(summand), b);
        if (!derived.Step.TryDivideExactly(summed, out var coefficient))
            throw new InvalidOperationException($"The derived (4.115) is not a multiple of the book's bracket: {derived.Step}.");
        var form = new RaisedForm(target, Polynomial.Zero, coefficient, b, summand);
        if (!(form.Contracted() - derived.Step).IsZero) throw new InvalidOperationException("The raised-index form of (4.115) does not contract to the derived step.");
        return form;
    }

    /// <summary>⟨σ_α σ_α' (z_β z_β' − K^{(ℓ)}_{ββ'})⟩_{K^{(ℓ)}}.</summary>
    public static Symbol CentredSigmaSigma(string a, string a2, string b, string b2, Layer layer) =>
        Symbol.Gaussian(new GaussianBody([GaussianFactor.Sigma(a), GaussianFactor.Sigma(a2), new GaussianFactor(GaussianFactorKind.Fluctuation, b, b2)]), layer);

    /// <summary>b1, b2, … (or c1, … when a b-label is free).</summary>
    private static List<string> FreshDummies(ISet<string> free, int count)
    {
        foreach (var letter in new[] { "b", "c", "d", "e" })
        {
            var names = Enumerable.Range(1, count).Select(k => $"{letter}{k}").ToList();
            if (!names.Any(free.Contains)) return names;
        }
        return Enumerable.Range(1, count).Select(k => $"b{k}x").ToList();
    }
}
