using System.Globalization;
using Wick.Algebra.Activations;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Correlators;
using Wick.Algebra.Cumulants;
using Wick.Algebra.Expansions;
using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;
using Index = Wick.Algebra.Syntax.Index;

namespace Wick.Algebra.Checking;

/// <summary>Input the engine cannot evaluate (unsupported construct, mixed index families, unknown range).</summary>
public sealed class EvaluationException(string message) : ArgumentException(message);

/// <summary>
/// Evaluates a parsed expression to its canonical form, a <see cref="TensorPolynomial"/> (Σ δ × polynomial):
/// E[…] of preactivations through the derived correlators, named quantities at layers above ℓ through the
/// derived recursions (repeatedly, down to layer ℓ), c_{2m}(n) through the derived coefficient, and explicit
/// index sums of Kronecker deltas by contraction. Deep linear model; biases optional.
/// </summary>
public sealed class ExpressionEvaluator(bool bias)
{
    private readonly Dictionary<Symbol, Polynomial> _rewrites = [];

    /// <summary>Whether the network has biases (the mlp model always has them).</summary>
    public bool Bias { get; } = bias;

    /// <summary>
    /// The general-activation model (<see cref="Mlp"/>) at leading order in 1/n: K^{(ℓ+k)} and E[z^{(ℓ+k)} z^{(ℓ+k)}]
    /// through the derived kernel recursion (4.118), Gaussian expectations ⟨…⟩_{K^{(ℓ)}} as placeholder symbols.
    /// </summary>
    public bool Mlp { get; init; }

    /// <summary>mlp: the activation and width profile (symbolic σ, per-layer widths by default).</summary>
    public MlpModel MlpModel { get; init; } = MlpModel.Symbolic;

    /// <summary>
    /// mlp: k when an evaluation used the 1/n expansion (4.104) so the value holds only up to O(1/n^k); null while every
    /// step was exact (recursions among the expansion coefficients K, V, G^{\{1\}}; anything at layers 1 and 2).
    /// </summary>
    public int? ApproximationOrder { get; private set; }

    /// <summary>True once an mlp evaluation used a truncated 1/n expansion.</summary>
    public bool LeadingOrderUsed => ApproximationOrder is not null;

    private void Approximated(int? remainder)
    {
        if (remainder is { } k) ApproximationOrder = Math.Min(ApproximationOrder ?? k, k);
    }

    /// <summary>The canonical value of an expression.</summary>
    public TensorPolynomial Evaluate(Expr e) => e switch
    {
        Number n => Polynomial.Constant(n.Value),
        SymbolRef s => Polynomial.Var(s.Symbol),
        Sum s => s.Terms.Aggregate(TensorPolynomial.Zero, (acc, t) => acc + Evaluate(t)),
        Product p => p.Factors.Aggregate(TensorPolynomial.Scalar(Polynomial.One), (acc, f) => acc * Evaluate(f)),
        Negate n => -Evaluate(n.Operand),
        Power p => PowerOf(Evaluate(p.Base), p.Exponent),
        Quotient q => Evaluate(q.Numerator) * Inverse(Evaluate(q.Denominator)),
        Delta d => DeltaOf(d),
        IndexSum s when Mlp && IsSampleSum(s) => SampleSumOf(s),
        IndexSum s => SumOf(s, Evaluate(s.Body)),
        Expectation x => Expect(x),
        Quantity q => Mlp ? Rewrite(MlpQuantity(q)) : Rewrite(QuantitySymbol(q)),
        CoefficientC c => CoefficientOf(c),
        BigO => throw new EvaluationException("O(...) may only appear as a trailing remainder of an identity: lhs = rhs + O(1/n^k)."),
        GaussianExpectation g when Mlp => GaussianOf(g),
        GaussianExpectation => throw new EvaluationException("Gaussian expectations <...>_K belong to the mlp model (--model mlp); the deep linear engine has sigma(z) = z."),
        Identity => throw new EvaluationException("An identity cannot be evaluated as an expression; use check."),
        Field f => throw new EvaluationException($"A random field ({f.Kind}) outside E[...] has no canonical value; take its expectation."),
        Index i => throw new EvaluationException($"A bare index '{i.Name}' is not an expression."),
        _ => throw new EvaluationException($"Unsupported expression: {e.GetType().Name}."),
    };

    /// <summary>Refuse a layer rewrite that would expand into more terms than this (it could run for minutes).</summary>
    internal const double MaxRewriteTerms = 100_000;

    /// <summary>The canonical value of a polynomial-valued quantity with layer-(ℓ+k) quantities rewritten down to ℓ.</summary>
    public Polynomial Rewrite(Polynomial p)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            var above = p.Symbols.Where(s => Mlp ? IsMlpRewritable(s) : IsRewritable(s)).ToList();
            if (above.Count == 0) return p;
            // mlp: one step leaves only placeholders <...>_K (not rewritten), so nothing multiplies out.
            if (!Mlp) foreach (var s in above)
            {
                // Every layer brings its own width n_{l+j}: the rewritten value has up to (terms of one step)^depth terms.
                int depth = s.Layer!.Value.Offset;
                if (depth > 1 && Math.Pow(Math.Max(2, StepFor(s).Count), depth) > MaxRewriteTerms)
                    throw new EvaluationException(
                        $"Rewriting {s} down to layer {s.Layer.Value.Base} multiplies out {depth} layers of distinct widths (too many terms to expand); " +
                        $"write it at a symbolic depth instead (e.g. {s.AtLayer(Layer.Symbolic("L"))}, solved with all widths equal), or use wick eval for concrete widths.");
            }
            p = p.Substitute(above.ToDictionary(s => s, StepFor));
        }
        throw new EvaluationException("Layer rewriting did not terminate.");
    }

    private Polynomial Rewrite(Symbol s) => Rewrite(Polynomial.Var(s));

    private static bool IsRewritable(Symbol s) =>
        s.Layer is { IsConcrete: false, Offset: > 0 } && s.Kind is AtomKind.Correlator or AtomKind.Kernel or AtomKind.Vertex;

    /// <summary>mlp: K, V or G^{\{1\}} at a layer above ℓ or at a concrete layer ≥ 1 (steps: the derived 4.118, 4.119, 4.115).</summary>
    private static bool IsMlpRewritable(Symbol s) =>
        s.Kind is AtomKind.Kernel or AtomKind.Vertex or AtomKind.NloMetric && s.IndexPairs.Count <= 2
        && s.Layer is { } l && (l.IsConcrete ? l.Offset >= 1 : l.Offset > 0);

    /// <summary>The derived recursion step of a quantity at layer base+k (k ≥ 1), in terms of base+k−1.</summary>
    private Polynomial StepFor(Symbol s)
    {
        if (_rewrites.TryGetValue(s, out var cached)) return cached;
        var layer = s.Layer!.Value;
        Recursion r;
        if (Mlp)
        {
            // Built at the layer itself. K, V, G1 are the coefficients of the 1/n expansion (4.104)–(4.106): their
            // recursions (4.118), (4.119), (4.115) are exact identities among them, so no approximation is recorded.
            var act = MlpModel.Activation;
            var ix = s.Indices;
            var derived = s.Kind switch
            {
                AtomKind.Kernel => MlpRecursions.Kernel(ix[0], ix[1], layer, act).Step,
                AtomKind.NloMetric => MlpRecursions.NloMetric(ix[0], ix[1], layer, act).Step,
                _ => MlpRecursions.Vertex(ix[0], ix[1], ix[2], ix[3], layer, act).Step,
            };
            return _rewrites[s] = MlpModel.ApplyWidths(derived);
        }
        else if (s.Kind == AtomKind.Correlator)
        {
            if (s.Points % 2 != 0) return Polynomial.Zero;
            r = DeepLinear.SingleInput(s.Points / 2, Bias);
        }
        else r = DeepLinear.Vertex(s.IndexPairs, Bias);
        // The recursion is derived at l → l+1; move it to (base+k−1) → (base+k).
        var step = ShiftLayers(r.Step, layer.Base!, layer.Offset - 1);
        _rewrites[s] = step;
        return step;
    }

    /// <summary>Moves every symbol of symbolic layer l+o to <paramref name="baseName"/>+o+shift.</summary>
    public static Polynomial ShiftLayers(Polynomial p, string baseName, int shift)
    {
        if (shift == 0 && baseName == "l") return p;
        return p.MapLayers(l => l.Rebase("l", Layer.Symbolic(baseName, shift)));
    }

    private static Symbol QuantitySymbol(Quantity q)
    {
        var labels = q.Indices.Select(i => i.Kind == IndexKind.Sample ? i.Name
            : throw new EvaluationException($"{q.Kind}^({q.Layer}) takes sample indices; '{i.Name}' is a neural index.")).ToList();
        switch (q.Kind)
        {
            case QuantityKind.G when labels.Count == 0:
                return DeepLinear.G(q.Points, q.Layer);
            case QuantityKind.G when labels.Count == 2 && q.Layer == Layer.Concrete(0):
                return InputLayer.InputMetric(labels[0], labels[1]); // the input metric G^(0) = x·x/n_0 (3.18)
            case QuantityKind.G or QuantityKind.K when labels.Count == 2:
                return MultiInputLayer.Vertex(q.Layer, [(labels[0], labels[1])]); // deep linear: metric G = K exactly
            case QuantityKind.V when labels.Count == 4:
                return MultiInputLayer.Vertex(q.Layer, [(labels[0], labels[1]), (labels[2], labels[3])]);
            case QuantityKind.G1:
                throw new EvaluationException("G1 (the NLO metric) belongs to the mlp model; for deep linear networks the metric is exactly K.");
            default:
                throw new EvaluationException($"{q.Kind}^({q.Layer}) with {labels.Count} sample indices is not a quantity the engine knows.");
        }
    }

    /// <summary>
    /// mlp: the kernel K^{(ℓ)}_{αβ}, the vertex V^{(ℓ)}_{(α1α2)(α3α4)}, the NLO metric G^{\{1\}(ℓ)}_{αβ} — without indices, of the
    /// single input (<see cref="SingleInput"/>) — and the metric G^{(ℓ)}_{αβ} = K + G^{\{1\}}/n_{ℓ−1} + O(1/n²) (4.104), exact
    /// at layers 0 (the input metric) and 1.
    /// </summary>
    private Polynomial MlpQuantity(Quantity q)
    {
        if (q.Indices.Any(i => i.Kind != IndexKind.Sample))
            throw new EvaluationException($"{q.Kind}^({q.Layer}) takes sample indices; '{q.Indices.First(i => i.Kind != IndexKind.Sample).Name}' is a neural index.");
        var ix = q.Indices.Select(i => i.Name).ToList();
        bool single = ix.Count == 0 && !(q.Kind == QuantityKind.G && q.Points != 2);
        if (single) ix = Enumerable.Repeat(SingleInput, q.Kind == QuantityKind.V ? 4 : 2).ToList();
        switch (q.Kind)
        {
            case QuantityKind.K when ix.Count == 2:
                return Polynomial.Var(Symbol.Kernel(q.Layer, ix[0], ix[1]));
            case QuantityKind.G1 when ix.Count == 2:
                return Polynomial.Var(Symbol.NloMetric(q.Layer, ix[0], ix[1]));
            case QuantityKind.V when ix.Count == 4:
                return Polynomial.Var(Symbol.Vertex(q.Layer, [(ix[0], ix[1]), (ix[2], ix[3])]));
            case QuantityKind.G when ix.Count == 2:
                if (q.Layer == Layer.Concrete(0)) return Polynomial.Var(InputLayer.InputMetric(ix[0], ix[1]));
                var k = Polynomial.Var(Symbol.Kernel(q.Layer, ix[0], ix[1]));
                if (q.Layer == Layer.Concrete(1)) return k;
                Approximated(2);
                return k + Polynomial.Var(Symbol.NloMetric(q.Layer, ix[0], ix[1])) * Polynomial.FromMonomial(Monomial.Of(Symbol.Width(q.Layer.Previous)).Pow(-1));
        }
        throw new EvaluationException($"--model mlp knows K^(l)_{{a b}}, V^(l)_{{(a1 a2)(a3 a4)}}, G1^(l)_{{a b}} and the metric G^(l)_{{a b}} (without indices: the single input); " +
            $"{q.Kind}^({q.Layer}) with {q.Indices.Count} indices is not one of them.");
    }

    /// <summary>The sample label of the single input (quantities written without indices, <c>&lt;sigma sigma&gt;_K</c>).</summary>
    public const string SingleInput = "x";

    private static bool IsSampleSum(IndexSum s) => s.Lower is null && s.Upper is null && s.Indices.All(i => i.Kind == IndexKind.Sample);

    /// <summary>mlp: Σ_{β∈D} of a scalar body — Gaussian expectations in normal form, raised indices lowered, K^{-1}K contracted (4.120).</summary>
    private TensorPolynomial SampleSumOf(IndexSum s)
    {
        if (!Evaluate(s.Body).TryGetScalar(out var body))
            throw new EvaluationException("A sum over sample indices takes a body without free neural indices.");
        return SampleSums.Sum(GaussianReducer.NormalizeAll(body, MlpModel.Activation), s.Indices.Select(i => i.Name).ToList());
    }

    /// <summary>
    /// ⟨body⟩_{K^{(ℓ)}}: the body expanded by linearity into products of σ_α, z_α (centred products such as
    /// (z_β1 z_β2 − K_β1β2) included) times constants, each product put in normal form by Gaussian integration by parts
    /// (<see cref="GaussianReducer"/>: ⟨z_a z_b⟩_K = K_ab, ⟨σσ(zz − K)⟩ = K K ⟨∂∂(σσ)⟩) and evaluated by the activation.
    /// </summary>
    private Polynomial GaussianOf(GaussianExpectation g)
    {
        var reducer = new GaussianReducer(g.KernelLayer, MlpModel.Activation);
        return Polynomial.Sum(GaussianTerms(g.Body, g).Select(t => t.Coefficient * reducer.Expect(t.Factors)));
    }

    private List<(Polynomial Coefficient, List<NeuronFactor> Factors)> GaussianTerms(Expr e, GaussianExpectation g)
    {
        switch (e)
        {
            case Field f:
                if (f.Kind is not (FieldKind.Sigma or FieldKind.Z) || f.Neural.Count != 0 || (f.Layer is { } l && l != g.KernelLayer))
                    throw new EvaluationException($"<...>_{{K^({g.KernelLayer})}} takes products of sigma_a and z_a with sample indices, e.g. <sigma_a1 sigma_a2 (z_b1 z_b2 - K^({g.KernelLayer})_{{b1 b2}})>_{{K^({g.KernelLayer})}}.");
                var sample = f.Sample?.Name ?? SingleInput;
                return [(Polynomial.One, [new NeuronFactor(0, sample, f.Kind == FieldKind.Z ? NeuronFactor.ZOrder : 0)])];
            case Sum s:
                return s.Terms.SelectMany(t => GaussianTerms(t, g)).ToList();
            case Negate n:
                return GaussianTerms(n.Operand, g).Select(t => (-t.Coefficient, t.Factors)).ToList();
            case Product p:
                var acc = new List<(Polynomial, List<NeuronFactor>)> { (Polynomial.One, []) };
                foreach (var factor in p.Factors)
                {
                    var terms = GaussianTerms(factor, g);
                    acc = acc.SelectMany(a => terms.Select(t => (a.Item1 * t.Coefficient, a.Item2.Concat(t.Factors).ToList()))).ToList();
                }
                return acc;
            case Power { Exponent: >= 0 } pw when ContainsField(pw.Base):
                return GaussianTerms(Product.Of([.. Enumerable.Repeat(pw.Base, pw.Exponent)]), g);
            default:
                if (ContainsField(e)) throw new EvaluationException($"<...>_{{K^({g.KernelLayer})}}: a random factor in an unsupported position.");
                if (!Evaluate(e).TryGetScalar(out var c)) throw new EvaluationException("A constant inside <...>_K must be a scalar.");
                return [(c, [])];
        }
    }

    private static Polynomial CoefficientOf(CoefficientC c)
    {
        if (c.Points % 2 != 0 || c.Points < 2) throw new EvaluationException($"c_{{{c.Points}}}: the index must be an even number ≥ 2.");
        var arg = c.Argument switch
        {
            SymbolRef s => s.Symbol,
            _ => throw new EvaluationException("c_{2m}(...) takes a width symbol as its argument, e.g. c_{8}(n) or c_{4}(n_l)."),
        };
        return DeepLinear.C2m(c.Points / 2, arg);
    }

    /// <summary>Refuse a power whose expansion would have more terms than this (it could run for minutes).</summary>
    internal const int MaxExpandedPowerTerms = 2_500;

    /// <summary>Beyond this power even a single term is refused unless its coefficient is ±1 (the digits grow with the power).</summary>
    internal const int MaxPower = 10_000;

    private static TensorPolynomial PowerOf(TensorPolynomial b, int exponent)
    {
        if (exponent < 0) { b = Inverse(b); exponent = -exponent; }
        int terms = b.Terms.Sum(t => t.Coefficient.Count);
        if (terms > 1 && exponent > 1)
        {
            // (x_1 + … + x_t)^e has up to C(e + t − 1, t − 1) monomials.
            double bound = 1;
            for (int k = 1; k < terms && bound <= MaxExpandedPowerTerms; k++) bound = bound * (exponent + k) / k;
            if (bound > MaxExpandedPowerTerms)
                throw new EvaluationException(
                    $"Raising a sum of {terms} terms to the power {exponent} would expand into more than {MaxExpandedPowerTerms} terms; " +
                    "use a smaller power, or a truncated expansion (--order K, + O(1/n^k)) of a named quantity instead.");
        }
        if (exponent > MaxPower && !b.Terms.All(t => t.Coefficient.Terms.All(c => c.Coefficient.Abs().IsOne)))
            throw new EvaluationException($"The power {exponent} is over the limit of {MaxPower} (the exact coefficients would have too many digits).");
        if (b.TryGetScalar(out var scalar)) return scalar.Pow(exponent);
        return b.Pow(exponent);
    }

    private static TensorPolynomial Inverse(TensorPolynomial t)
    {
        if (!t.TryGetScalar(out var p)) throw new EvaluationException("Division by a tensor with free neural indices.");
        if (p.IsZero) throw new EvaluationException("Division by zero.");
        if (!p.IsSingleTerm)
            throw new EvaluationException($"Division by the sum '{p}': the exact algebra keeps Laurent polynomials; divide by monomials such as n_l^2 or C_W.");
        var (m, c) = p.Terms[0];
        return Polynomial.FromMonomial(m.Pow(-1), c.Reciprocal());
    }

    private static TensorPolynomial DeltaOf(Delta d)
    {
        if (d.A.Kind != d.B.Kind)
            throw new EvaluationException($"delta_{{{d.A.Name} {d.B.Name}}} mixes a neural and a sample index; the two families never mix.");
        if (d.A.Kind == IndexKind.Neural && d.A.Layer is { } la && d.B.Layer is { } lb && la != lb)
            throw new EvaluationException($"delta_{{{d.A.Name} {d.B.Name}}} mixes indices of layers {la} and {lb} (different ranges).");
        return TensorPolynomial.Term(DeltaProduct.Delta(d.A.Name, d.B.Name), Polynomial.One);
    }

    private TensorPolynomial SumOf(IndexSum s, TensorPolynomial body)
    {
        foreach (var index in s.Indices)
        {
            Polynomial range;
            if (s.Upper is not null)
            {
                if (!Evaluate(s.Upper).TryGetScalar(out var upper)) throw new EvaluationException("A sum's upper bound must be a scalar.");
                var lower = Polynomial.One;
                if (s.Lower is not null && !Evaluate(s.Lower).TryGetScalar(out lower)) throw new EvaluationException("A sum's lower bound must be a scalar.");
                range = upper - lower + 1;
            }
            else if (index.Kind == IndexKind.Neural && index.Layer is { } layer) range = Polynomial.Var(Symbol.Width(layer));
            else throw new EvaluationException($"The range of '{index.Name}' is unknown: write sum_{{{index.Name}=1}}^{{n_l}} or bind it to a layer through a field.");
            body = body.SumOver(index.Name, range);
        }
        return body;
    }

    private TensorPolynomial Expect(Expectation x) => x.Connected ? ConnectedOf(x.Body) : ExpectOf(x.Body);

    /// <summary>
    /// Ec[z ⋯ z]: the Möbius sum over even set partitions of the same block correlators E[…] uses (so Ec and E agree
    /// at every layer); beyond <see cref="CorrelatorExpansion.TensorRouteLimit"/> exchangeable single-input points at
    /// a symbolic layer, the pairing route of <see cref="CorrelatorExpansion.Connected"/>.
    /// </summary>
    private TensorPolynomial ConnectedOf(Expr body)
    {
        var factors = Flatten(body).ToList();
        if (factors.Any(f => f is not Field))
            throw new EvaluationException("Ec[...] takes a plain product of preactivations z (cumulants are not linear in products); write sums and coefficients outside.");
        var fields = factors.Cast<Field>().ToList();
        if (fields.Count % 2 == 1) return TensorPolynomial.Zero;
        var (layer, points) = PointsOf(fields);
        bool exchangeable = points.All(p => p.Sample is null) && points.Select(p => p.Neural).Distinct().Count() == points.Count;
        if (exchangeable && points.Count > CorrelatorExpansion.TensorRouteLimit && !layer.IsConcrete)
            return CorrelatorExpansion.Connected(points, layer, ConnectedMethod.Pairing).Tensor.Map(Rewrite);
        return ConnectedCorrelator.Of(fields, CorrelatorOf);
    }

    // Linearity: E[a + b] = E[a] + E[b], E[c X] = c E[X], E[Σ_j X] = Σ_j E[X]; then products of z fields.
    private TensorPolynomial ExpectOf(Expr body)
    {
        switch (body)
        {
            case Sum s: return s.Terms.Aggregate(TensorPolynomial.Zero, (acc, t) => acc + ExpectOf(t));
            case Negate n: return -ExpectOf(n.Operand);
            case IndexSum s: return SumOf(s, ExpectOf(s.Body));
            case Quotient q when !ContainsField(q.Denominator): return ExpectOf(q.Numerator) * Inverse(Evaluate(q.Denominator));
        }
        var factors = Flatten(body).ToList();
        var constants = factors.Where(f => !ContainsField(f)).ToList();
        var random = factors.Where(ContainsField).ToList();
        var c = constants.Aggregate(TensorPolynomial.Scalar(Polynomial.One), (acc, f) => acc * Evaluate(f));
        // Distribute a random factor that is itself a sum or an index sum.
        int k = random.FindIndex(f => f is Sum or IndexSum or Negate);
        if (k >= 0)
        {
            var rest = random.Where((_, i) => i != k).ToList();
            Expr Rebuild(Expr t) => Product.Of([.. rest, t]);
            var inner = random[k] switch
            {
                Sum s => s.Terms.Aggregate(TensorPolynomial.Zero, (acc, t) => acc + ExpectOf(Rebuild(t))),
                Negate n => -ExpectOf(Rebuild(n.Operand)),
                IndexSum s => SumOf(s, ExpectOf(Rebuild(s.Body))),
                _ => throw new InvalidOperationException(),
            };
            return c * inner;
        }
        var fields = random.Cast<Field>().ToList();
        return c * CorrelatorOf(fields);
    }

    private static IEnumerable<Expr> Flatten(Expr e)
    {
        switch (e)
        {
            case Product p:
                foreach (var f in p.Factors) foreach (var g in Flatten(f)) yield return g;
                break;
            case Power { Exponent: >= 0 } pw when pw.Base is Field:
                for (int i = 0; i < pw.Exponent; i++) yield return pw.Base;
                break;
            case Power { Exponent: >= 0 } pw when ContainsField(pw.Base):
                // X^k = X X ⋯ X with the summed indices of each copy renamed apart: (Σ_j z_j z_j)² = Σ_j Σ_j' z_j z_j z_j' z_j'.
                for (int i = 0; i < pw.Exponent; i++)
                    foreach (var g in Flatten(i == 0 ? pw.Base : RenameBound(pw.Base, $"'{i}", new Dictionary<string, string>()))) yield return g;
                break;
            case Power pw when ContainsField(pw.Base):
                throw new EvaluationException("Only non-negative integer powers of random factors may appear inside E[...].");
            case Quotient q when ContainsField(q.Numerator) && !ContainsField(q.Denominator):
                foreach (var g in Flatten(q.Numerator)) yield return g;
                yield return new Quotient(new Number(Rational.One), q.Denominator);
                break;
            default:
                yield return e;
                break;
        }
    }

    /// <summary>A copy of <paramref name="e"/> with every summed index renamed to name+suffix (free indices unchanged).</summary>
    private static Expr RenameBound(Expr e, string suffix, IReadOnlyDictionary<string, string> map)
    {
        Index I(Index i) => map.TryGetValue(i.Name, out var to) ? i with { Name = to } : i;
        Expr R(Expr x) => RenameBound(x, suffix, map);
        switch (e)
        {
            case IndexSum s:
                var inner = new Dictionary<string, string>(map);
                foreach (var i in s.Indices) inner[i.Name] = i.Name + suffix;
                return new IndexSum(new EquatableList<Index>(s.Indices.Select(i => i with { Name = i.Name + suffix })), s.Lower, s.Upper,
                    RenameBound(s.Body, suffix, inner));
            case Field f: return f with { Neural = new EquatableList<Index>(f.Neural.Select(I)), Sample = f.Sample is null ? null : I(f.Sample) };
            case Delta d: return new Delta(I(d.A), I(d.B));
            case Sum s: return new Sum(new EquatableList<Expr>(s.Terms.Select(R)));
            case Product p: return new Product(new EquatableList<Expr>(p.Factors.Select(R)));
            case Power p: return p with { Base = R(p.Base) };
            case Quotient q: return new Quotient(R(q.Numerator), R(q.Denominator));
            case Negate n: return new Negate(R(n.Operand));
            default: return e;
        }
    }

    private static bool ContainsField(Expr e) => e switch
    {
        Field => true,
        Sum s => s.Terms.Any(ContainsField),
        Product p => p.Factors.Any(ContainsField),
        Power p => ContainsField(p.Base),
        Quotient q => ContainsField(q.Numerator) || ContainsField(q.Denominator),
        Negate n => ContainsField(n.Operand),
        IndexSum s => ContainsField(s.Body),
        Expectation => false,
        _ => false,
    };

    private TensorPolynomial CorrelatorOf(IReadOnlyList<Field> fields)
    {
        if (fields.Count == 0) return Polynomial.One;
        var (layer, points) = PointsOf(fields);
        if (Mlp)
        {
            if (points.Any(p => p.Sample is null)) throw new EvaluationException("--model mlp needs a sample index on every z: z^(l)_{i;a}.");
            if (layer.IsConcrete ? layer.Offset >= 1 : layer.Offset > 0)
            {
                // In terms of the layer below: exact up to layer 2, else through 1/n (4.104)–(4.106).
                var below = MlpRecursions.CorrelatorFromBelow(points, layer, MlpModel.Activation);
                Approximated(below.Remainder);
                return below.Value.Map(c => Rewrite(MlpModel.ApplyWidths(c)));
            }
            Approximated(1); // at the layer itself: Gaussian with kernel K^(l), up to O(1/n)
            return Activations.Mlp.CorrelatorAt(points, layer);
        }
        if (layer.IsConcrete ? layer.Offset == 1 : layer.Offset > 0)
            return DeepLinear.CorrelatorFromBelow(points, layer, Bias).Map(Rewrite);
        return DeepLinear.Correlator(points, layer);
    }

    private static (Layer Layer, List<FieldPoint> Points) PointsOf(IReadOnlyList<Field> fields)
    {
        foreach (var f in fields)
            if (f.Kind != FieldKind.Z)
                throw new EvaluationException($"E[...] of {f.Kind} fields: the deep linear engine correlates preactivations z (write the network through z).");
        var layers = fields.Select(f => f.Layer ?? throw new EvaluationException("Every z inside E[...] needs a layer, e.g. z^(l)_{i1}.")).Distinct().ToList();
        if (layers.Count != 1) throw new EvaluationException($"E[...] of fields at different layers ({string.Join(", ", layers)}) is not supported yet.");
        var points = fields.Select(f => new FieldPoint(
            f.Neural.Count == 1 ? f.Neural[0].Name : throw new EvaluationException("A preactivation z carries exactly one neural index."),
            f.Sample?.Name)).ToList();
        var layer = layers[0];
        if (layer == Layer.Concrete(0)) throw new EvaluationException("Layer 0 is the input: z^(0) is fixed data.");
        return (layer, points);
    }
}

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

    /// <summary>Why the verdict is not the plain comparison (mlp: leading order only, so no exact identity); null otherwise.</summary>
    public string? Note { get; init; }

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
    /// <paramref name="mlp"/>: the general-activation model (<paramref name="model"/>: activation, equal widths). K, V and
    /// G^{\{1\}} are the coefficients of the 1/n expansion (4.104)–(4.106), so their recursions are exact identities. When
    /// E[…] or the metric G went through the truncated expansion, the comparison is good to O(1/n^k) only: without a
    /// remainder the check does not claim an exact identity (Holds = false, <see cref="CheckResult.Note"/> says why); a
    /// remainder finer than the expansion, or O(r^k), is refused (EvaluationException).
    /// </remarks>
    public static CheckResult Check(Identity identity, bool bias, IReadOnlyDictionary<Symbol, Polynomial>? settings = null, bool mlp = false, MlpModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        model ??= MlpModel.Symbolic;
        var ev = new ExpressionEvaluator(bias || mlp) { Mlp = mlp, MlpModel = model };
        TensorPolynomial Canon(Expr e)
        {
            var t = ev.Evaluate(e);
            if (mlp) t = t.Map(c => model.ApplyWidths(GaussianReducer.NormalizeAll(c, model.Activation)));
            return settings is { Count: > 0 } ? t.Map(c => c.Substitute(settings)) : t;
        }
        var lhs = Canon(identity.Lhs);
        var rhs = Canon(identity.Rhs);
        var diff = lhs - rhs;
        if (ev.ApproximationOrder is { } k)
        {
            string through = k == 1 ? "the leading order" : k == 2 ? "order 1/n" : $"order 1/n^{k - 1}";
            string why = $"--model mlp expands E[...] and the metric G in 1/n (4.104) through {through} only: the value carries + O(1/n^{k})";
            if (identity.Remainder is not { } r)
            {
                var kept = diff.TruncateWidthOrder(k - 1);
                return new CheckResult(false, lhs, rhs, diff, null)
                {
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
        if (identity.Remainder is not { } big) return new CheckResult(diff.IsZero, lhs, rhs, diff, null);

        var order = RemainderOrder(ev, big);
        if (order is InverseWidthOrder w)
        {
            var truncated = diff.TruncateWidthOrder(w.K - 1);
            if (truncated.IsZero || !IsSolvable(diff)) return new CheckResult(truncated.IsZero, lhs, rhs, truncated, w.K) { Remainder = order };
        }
        else if (!IsSolvable(diff))
            throw new EvaluationException("O(r^k) needs correlators G_{2m} at a symbolic depth such as L (r = L/n): nothing depth-dependent to take to the double-scaling limit.");
        var solved = new List<(DeltaProduct, DepthSolution)>();
        foreach (var (deltas, coefficient) in diff.Terms)
        {
            var result = CompareSolved(coefficient, order, settings);
            if (!result.Holds) solved.Add((deltas, result.Difference));
        }
        return new CheckResult(solved.Count == 0, lhs, rhs, diff, (order as InverseWidthOrder)?.K) { Remainder = order, SolvedDifference = solved };
    }

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

    /// <summary>True when the difference contains single-input correlators at a symbolic depth (so the solutions apply).</summary>
    private static bool IsSolvable(TensorPolynomial diff) =>
        diff.Terms.SelectMany(t => t.Coefficient.Symbols).Any(s => s.Layer is { IsConcrete: false } && s.Kind == AtomKind.Correlator);

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
