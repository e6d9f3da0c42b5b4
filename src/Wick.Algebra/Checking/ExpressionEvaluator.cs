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
public class EvaluationException(string message) : ArgumentException(message);

/// <summary>
/// Evaluates a parsed expression to its canonical form, a <see cref="TensorPolynomial"/> (Σ δ × polynomial):
/// E[…] of preactivations through the derived correlators, named quantities at layers above ℓ through the
/// derived recursions (repeatedly, down to layer ℓ), c_{2m}(n) through the derived coefficient, and explicit
/// index sums of Kronecker deltas by contraction. Deep linear model; biases optional.
/// </summary>
public sealed class ExpressionEvaluator(bool bias, bool perLayerHyperparameters = false)
{
    private readonly Dictionary<Symbol, Polynomial> _rewrites = [];
    private readonly LayerLowering _lowering = new(bias, perLayerHyperparameters);

    /// <summary>Whether C_W, C_b carry their layer: every derived step binds them to the layer it produces (<see cref="LayerHyperparameters"/>).</summary>
    public bool PerLayerHyperparameters { get; } = perLayerHyperparameters;

    private Polynomial Bind(Polynomial step, Layer above) => PerLayerHyperparameters ? LayerHyperparameters.BindTo(step, above) : step;

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
        Product p => p.Factors.Aggregate(TensorPolynomial.Scalar(Polynomial.One), (acc, f) => SampleAlgebra.Multiply(acc, Evaluate(f))),
        Negate n => -Evaluate(n.Operand),
        Power p => PowerOf(Evaluate(p.Base), p.Exponent),
        Quotient q => Evaluate(q.Numerator) * Inverse(Evaluate(q.Denominator)),
        Delta d => DeltaOf(d),
        IndexSum s when InputMetricOf(s) is { } metric => Evaluate(metric),
        IndexSum s when InputSums.Applies(s) => InputSums.Of(s, Evaluate, SumOf),
        IndexSum s when Mlp && IsSampleSum(s) => SampleSumOf(s),
        PairingSum p => PairingsOf(p),
        OrbitSum o => OrbitSums.Of(o, Evaluate(o.Body)),
        IndexSum s => SumOf(s, Evaluate(s.Body)),
        Expectation x => Expect(x),
        Quantity q => Mlp ? Rewrite(MlpQuantity(q)) : Rewrite(QuantitySymbol(q)),
        CoefficientC c => CoefficientOf(c),
        HelperFunction h => Evaluate(KernelFunctions.Definition(h.Function, h.Layer)),
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
            p = LayerLowering.SubstituteSteps(p, above.ToDictionary(s => s, StepFor));
        }
        throw new EvaluationException("Layer rewriting did not terminate.");
    }

    private Polynomial Rewrite(Symbol s) => Rewrite(Polynomial.Var(s));

    private static bool IsRewritable(Symbol s) =>
        s.Layer is { IsConcrete: false, Offset: > 0 } && s.Kind is AtomKind.Correlator or AtomKind.Kernel or AtomKind.Vertex;

    /// <summary>
    /// mlp: the lowest layer offset written per symbolic base (see <see cref="LayerLowering.Floors"/>); a quantity above it
    /// is rewritten, so an identity at l/l−1 reads like one at l+1/l. Without it, the floor of every base is 0.
    /// </summary>
    public IReadOnlyDictionary<string, int>? MlpFloors { get; init; }

    /// <summary>mlp: K, V or G^{\{1\}} above the floor of its symbolic base or at a concrete layer ≥ 1 (steps: the derived 4.118, 4.119, 4.115).</summary>
    private bool IsMlpRewritable(Symbol s) =>
        s.Kind is AtomKind.Kernel or AtomKind.Vertex or AtomKind.NloMetric or AtomKind.TangentKernel && s.IndexPairs.Count <= 2 && s.Layer is { } l && MlpAboveFloor(l);

    private bool MlpAboveFloor(Layer l) => l.IsConcrete ? l.Offset >= 1 : l.Offset > Math.Min(0, MlpFloors?.GetValueOrDefault(l.Base!) ?? 0);

    /// <summary>The derived recursion step of a quantity at layer base+k (k ≥ 1), in terms of base+k−1.</summary>
    private Polynomial StepFor(Symbol s)
    {
        if (_rewrites.TryGetValue(s, out var cached)) return cached;
        var layer = s.Layer!.Value;
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
                AtomKind.TangentKernel => Training.Ntk.NtkDerivation.Recursion(ix[0], ix[1], layer, act).Step, // lectures (83), infinite width
                _ => MlpRecursions.Vertex(ix[0], ix[1], ix[2], ix[3], layer, act).Step,
            };
            return _rewrites[s] = Bind(MlpModel.ApplyWidths(derived), layer);
        }
        return _rewrites[s] = _lowering.Step(s);
    }

    /// <summary>
    /// The inverse kernel K^{αβ} or the raised vertex V^{(α1α2)(α3α4)} (4.120). <paramref name="rewritten"/>: the layer's K and V
    /// are rewritten to the layer below, while an inverse stays, so K^{-1}K could not contract: refused.
    /// </summary>
    private static Symbol RaisedSymbol(Quantity q, IReadOnlyList<string> labels, bool rewritten)
    {
        if (rewritten)
            throw new EvaluationException(
                $"{q.Kind}^({q.Layer}) with raised indices: an inverse is not rewritten to the layer below while {q.Kind}^({q.Layer}) is, " +
                $"so K^{{-1}}K would not contract; write the identity at one layer, the lowest (e.g. {q.Kind}^(l)^{{...}} with K^(l)_{{...}}).");
        return q.Kind == QuantityKind.K && labels.Count == 2 ? Symbol.InverseKernel(q.Layer, labels[0], labels[1])
            : q.Kind == QuantityKind.V && labels.Count == 4 ? Symbol.Vertex(q.Layer, [(labels[0], labels[1]), (labels[2], labels[3])], raised: true)
            : throw new EvaluationException($"{q.Kind}^({q.Layer}) with raised indices is not a quantity the engine knows (raised: K^(l)^{{a b}}, V^(l)^{{(a b)(c d)}}).");
    }

    private static Symbol QuantitySymbol(Quantity q)
    {
        var labels = q.Indices.Select(i => i.Kind == IndexKind.Sample ? i.Name
            : throw new EvaluationException($"{q.Kind}^({q.Layer}) takes sample indices; '{i.Name}' is a neural index.")).ToList();
        if (q.Raised) return RaisedSymbol(q, labels, q.Layer is { IsConcrete: true } or { Offset: > 0 });
        switch (q.Kind)
        {
            case QuantityKind.G when labels.Count == 0:
                return DeepLinear.G(q.Points, q.Layer);
            case QuantityKind.G when labels.Count == 2 && q.Layer == Layer.Concrete(0):
                return InputLayer.InputMetric(labels[0], labels[1]); // the input metric G^(0) = x·x/n_0 (3.18)
            case QuantityKind.G or QuantityKind.K when labels.Count == 2:
                return MultiInputLayer.Vertex(q.Layer, [(labels[0], labels[1])]); // deep linear: metric G = K exactly
            case QuantityKind.V when labels.Count >= 4 && labels.Count % 2 == 0:
                // V, V6, V8, …: the connected pieces of (4.42) and beyond, deep linear.
                return MultiInputLayer.Vertex(q.Layer, Enumerable.Range(0, labels.Count / 2).Select(k => (labels[2 * k], labels[2 * k + 1])).ToList());
            case QuantityKind.Theta:
                throw new EvaluationException("Theta (the infinite-width NTK) is derived in the mlp model: use --model mlp (with --activation linear for deep linear networks).");
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
        if (q.Raised) return Polynomial.Var(RaisedSymbol(q, ix, MlpAboveFloor(q.Layer)));
        switch (q.Kind)
        {
            case QuantityKind.K when ix.Count == 2:
                return Polynomial.Var(Symbol.Kernel(q.Layer, ix[0], ix[1]));
            case QuantityKind.G1 when ix.Count == 2:
                return Polynomial.Var(Symbol.NloMetric(q.Layer, ix[0], ix[1]));
            case QuantityKind.Theta when ix.Count == 2 && q.Layer != Layer.Concrete(0):
                return Polynomial.Var(Symbol.TangentKernel(q.Layer, ix[0], ix[1]));
            case QuantityKind.V when ix.Count == 4:
                return Polynomial.Var(Symbol.Vertex(q.Layer, [(ix[0], ix[1]), (ix[2], ix[3])]));
            case QuantityKind.G when ix.Count == 2:
                if (q.Layer == Layer.Concrete(0)) return Polynomial.Var(InputLayer.InputMetric(ix[0], ix[1]));
                var k = Polynomial.Var(Symbol.Kernel(q.Layer, ix[0], ix[1]));
                // Layers 1 and 2 are exact: layer 1 is Gaussian, so G^(2) = C_b + C_W <σσ>_{G^(1)} = K^(2) (4.37), G^{1}(2) = 0.
                if (q.Layer == Layer.Concrete(1) || q.Layer == Layer.Concrete(2)) return k;
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
        // ⟨…⟩_{G^(ℓ)} is read as ⟨…⟩_{K^(ℓ)}: exact where the metric is the kernel (layers 1 and 2, (4.37)), otherwise
        // it drops the G^{1}/n shift of the Gaussian — known only up to O(1/n), so no exact claim is decided from it.
        if (g.WrittenWithMetric && !(g.KernelLayer == Layer.Concrete(1) || g.KernelLayer == Layer.Concrete(2))) Approximated(1);
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
                return [(Polynomial.One, [new NeuronFactor(0, sample, f.Kind == FieldKind.Z ? NeuronFactor.ZOrder : f.Derivative)])];
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
        if (SampleAlgebra.HasSampleStructure(b)) return SampleAlgebra.Pow(b, exponent); // copies' dummies renamed apart
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
        if (d.A.Kind == IndexKind.Sample)
            return SampleAlgebra.Delta(d.A.Name, d.B.Name); // δ^α_β and δ_{αβ} have the same values
        return TensorPolynomial.Term(DeltaProduct.Delta(d.A.Name, d.B.Name), Polynomial.One);
    }

    /// <summary>pairings_{i1 … i2m}: the pairing tensor (3.44) on neural indices of one layer.</summary>
    private static TensorPolynomial PairingsOf(PairingSum p)
    {
        if (p.Indices.Any(i => i.Kind != IndexKind.Neural))
            throw new EvaluationException("pairings_{...} pairs neural indices (i, j, ...); sample indices never pair with them.");
        if (p.Indices.Select(i => i.Layer).OfType<Layer>().Distinct().Count() > 1)
            throw new EvaluationException("pairings_{...} mixes indices of different layers (different ranges).");
        return TensorPolynomial.Pairings(PairingTensor.Of(p.Indices.Select(i => i.Name)), Polynomial.One);
    }

    private TensorPolynomial SumOf(IndexSum s, TensorPolynomial body)
    {
        foreach (var index in s.Indices)
        {
            if (index.Kind == IndexKind.Sample)
            {
                // Σ_{β∈D}: sample indices run over the data set D (§4.1); the summed index becomes a dummy.
                if (s.Upper is not null || s.Lower is not null)
                    throw new EvaluationException($"A sample index runs over the data set: write sum_{{{index.Name}}} (\\sum_{{\\beta \\in \\mathcal{{D}}}}) without bounds.");
                body = SampleAlgebra.SumOver(body, index.Name);
                continue;
            }
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
            case PairingSum ps: return new PairingSum(new EquatableList<Index>(ps.Indices.Select(I)));
            case OrbitSum os: return new OrbitSum(new EquatableList<Index>(os.Neural.Select(I)), new EquatableList<Index>(os.Samples.Select(I)), R(os.Body));
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
        if (fields.Any(f => f.Kind is FieldKind.W or FieldKind.B)) return WeightsAndBiases(fields);
        if (Mlp && fields.All(f => f.Kind == FieldKind.Sigma)) return ActivationsOf(fields);
        var (layer, points) = PointsOf(fields);
        if (Mlp)
        {
            // One input throughout (5.118: E[z_i z_j] = δ_ij K): every z on the single input, as K^(l), V^(l) without indices.
            if (points.All(p => p.Sample is null)) points = points.Select(p => p with { Sample = SingleInput }).ToList();
            if (points.Any(p => p.Sample is null)) throw new EvaluationException("--model mlp needs a sample index on every z: z^(l)_{i;a} (or none on any z, for a single input).");
            if (MlpAboveFloor(layer))
            {
                // In terms of the layer below: exact up to layer 2, else through 1/n (4.104)–(4.106).
                var below = MlpRecursions.CorrelatorFromBelow(points, layer, MlpModel.Activation);
                Approximated(below.Remainder);
                return below.Value.Map(c => Rewrite(Bind(MlpModel.ApplyWidths(c), layer)));
            }
            Approximated(1); // at the layer itself: Gaussian with kernel K^(l), up to O(1/n)
            return Activations.Mlp.CorrelatorAt(points, layer);
        }
        if (layer.IsConcrete ? layer.Offset == 1 : layer.Offset > 0)
            return DeepLinear.CorrelatorFromBelow(points, layer, Bias).Map(c => Rewrite(Bind(c, layer)));
        return DeepLinear.Correlator(points, layer);
    }

    /// <summary>
    /// The inputs are data (3.9), (3.19): Σ_j x_{j;α} x_{j;β} = n_0 G^{(0)}_{αβ} (single input: n_0 G_2^{(0)}), the sum
    /// over the input index of two inputs times constants. Null when the sum is not of that form.
    /// </summary>
    private static Expr? InputMetricOf(IndexSum s)
    {
        if (s.Indices.Count != 1) return null;
        var j = s.Indices[0];
        var factors = new List<Expr>();
        void Add(Expr e)
        {
            switch (e)
            {
                case Product p: foreach (var f in p.Factors) Add(f); break;
                case Quotient q when !ContainsField(q.Denominator): Add(q.Numerator); factors.Add(new Quotient(new Number(Rational.One), q.Denominator)); break;
                default: factors.Add(e); break;
            }
        }
        Add(s.Body);
        var inputs = factors.OfType<Field>().Where(f => f.Kind == FieldKind.X).ToList();
        if (inputs.Count != 2 || inputs.Any(x => x.Neural.Count != 1 || x.Neural[0].Name != j.Name)) return null;
        var others = factors.Where(f => f is not Field { Kind: FieldKind.X }).ToList();
        if (others.Any(f => ContainsField(f) || SyntaxTree.Nodes(f).OfType<Index>().Any(i => i.Name == j.Name))) return null;
        if (inputs.Count(x => x.Sample is not null) == 1) return null;
        var samples = inputs.Where(x => x.Sample is not null).Select(x => x.Sample!).ToEquatableList();
        var metric = new Quantity(QuantityKind.G, Layer.Concrete(0), 2, samples);
        return Product.Of([new SymbolRef(Symbol.Width(Layer.Concrete(0))), metric, .. others]);
    }

    /// <summary>
    /// E[W ⋯ W b ⋯ b z ⋯ z] with the weights and biases of one layer L and preactivations below it (3.11), (3.20): the
    /// parameters of layer L are independent of z^{(ℓ &lt; L)} and Gaussian with E[W_{i1 j1} W_{i2 j2}] = δ_{i1 i2} δ_{j1 j2}
    /// C_W/n_{L−1} and E[b_{i1} b_{i2}] = δ_{i1 i2} C_b (3.4), (4.3), so the expectation is their Wick pairings times E[z ⋯ z].
    /// </summary>
    private TensorPolynomial WeightsAndBiases(IReadOnlyList<Field> fields)
    {
        var parameters = fields.Where(f => f.Kind is FieldKind.W or FieldKind.B).ToList();
        var layers = parameters.Select(f => f.Layer ?? throw new EvaluationException("Every W and b inside E[...] needs a layer, e.g. W^(l+1)_{ij}.")).Distinct().ToList();
        if (layers.Count != 1)
            throw new EvaluationException($"E[...] of weights or biases of several layers ({string.Join(", ", layers)}): write one layer's parameters per expectation.");
        var top = layers[0];
        if (parameters.Any(f => f.Kind == FieldKind.B) && !Bias && !Mlp)
            throw new EvaluationException("E[...] of biases b: the deep linear model has none unless --bias is given.");
        var rest = fields.Where(f => f.Kind is not (FieldKind.W or FieldKind.B)).ToList();
        if (rest.Any(f => f.Kind == FieldKind.X))
            throw new EvaluationException("E[...] with inputs x: the inputs are data, not random; the engine reads them only as G^(0) (write E[W W] x x as E[W W] times the input metric).");
        if (rest.Any(f => f.Layer is not { } l || !Below(l, top)))
            throw new EvaluationException($"E[...] of the parameters of layer {top} with preactivations not below it: they are independent only of z^(l) for l < {top}.");
        var weights = parameters.Where(f => f.Kind == FieldKind.W).ToList();
        var biases = parameters.Where(f => f.Kind == FieldKind.B).ToList();
        // The book writes C_W (chapter 3) or C_W^{(ℓ)} (chapter 4, 4.118): per-layer when the identity writes them so.
        var (cwSymbol, cbSymbol) = PerLayerHyperparameters ? (Symbol.WeightVariance(top), Symbol.BiasVariance(top)) : (Symbol.CW, Symbol.Cb);
        var cw = new Quotient(new SymbolRef(cwSymbol), new SymbolRef(Symbol.Width(top.Previous)));
        var value = Pairings(weights, (a, b) => Product.Of([new Delta(a.Neural[0], b.Neural[0]), new Delta(a.Neural[1], b.Neural[1]), cw]))
            * Pairings(biases, (a, b) => Product.Of([new Delta(a.Neural[0], b.Neural[0]), new SymbolRef(cbSymbol)]));
        return rest.Count == 0 ? value : SampleAlgebra.Multiply(value, CorrelatorOf(rest));
    }

    private static bool Below(Layer l, Layer top) =>
        l.IsConcrete && top.IsConcrete ? l.Offset < top.Offset : l.Base == top.Base && l.Offset < top.Offset;

    /// <summary>Σ over the perfect matchings of the fields of Π over pairs of the pair's covariance (Wick, 1.45).</summary>
    private TensorPolynomial Pairings(List<Field> fields, Func<Field, Field, Expr> covariance)
    {
        if (fields.Count == 0) return Polynomial.One;
        if (fields.Count % 2 == 1) return TensorPolynomial.Zero;
        if (fields.Count > 12) throw new EvaluationException($"E[...] of {fields.Count} weights: more than 12 are not paired out.");
        var first = fields[0];
        var total = TensorPolynomial.Zero;
        for (int k = 1; k < fields.Count; k++)
        {
            var rest = fields.Where((_, i) => i != 0 && i != k).ToList();
            total += SampleAlgebra.Multiply(Evaluate(covariance(first, fields[k])), Pairings(rest, covariance));
        }
        return total;
    }

    /// <summary>
    /// --model mlp: E[σ_{j;α1} ⋯ σ_{j;αk}] of one neuron of layer ℓ (4.27), (4.37), (4.85): exactly ⟨σ⋯σ⟩_{K^{(1)}} at
    /// layer 1, above it through order 1/n by <see cref="NeuronExpansion"/> (remainder O(1/n²)).
    /// </summary>
    private TensorPolynomial ActivationsOf(IReadOnlyList<Field> fields)
    {
        var layers = fields.Select(f => f.Layer ?? throw new EvaluationException("Every sigma inside E[...] needs a layer, e.g. sigma(z^(l)_{j;a1}).")).Distinct().ToList();
        if (layers.Count != 1) throw new EvaluationException($"E[...] of activations at different layers ({string.Join(", ", layers)}) is not supported.");
        var layer = layers[0];
        if (layer == Layer.Concrete(0)) throw new EvaluationException("Layer 0 is the input: its activations are fixed data.");
        if (fields.Any(f => f.Neural.Count != 1 || f.Sample is null))
            throw new EvaluationException("--model mlp reads E[sigma ... sigma] with a neuron and a sample index on every activation: sigma(z^(l)_{j;a1}).");
        if (fields.Select(f => f.Neural[0].Name).Distinct().Count() != 1)
            throw new EvaluationException("E[sigma ... sigma] is read for the activations of one neuron (sigma_{j;a1} sigma_{j;a2}, 4.85); activations of several neurons are not.");
        var expansion = new NeuronExpansion(layer, new GaussianReducer(layer, MlpModel.Activation));
        Approximated(expansion.ExactlyGaussian ? null : 2);
        var value = expansion.Expect(fields.Select(f => new NeuronFactor(0, f.Sample!.Name, f.Derivative)).ToList());
        return Rewrite(MlpModel.ApplyWidths(value));
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
