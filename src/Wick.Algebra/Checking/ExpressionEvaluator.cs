using System.Globalization;
using Wick.Algebra.Activations;
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
public sealed class ExpressionEvaluator(bool bias)
{
    private readonly Dictionary<Symbol, Polynomial> _rewrites = [];
    private readonly LayerLowering _lowering = new(bias);

    /// <summary>Whether the network has biases (the mlp model always has them).</summary>
    public bool Bias { get; } = bias;

    /// <summary>
    /// The general-activation model (<see cref="Mlp"/>) at leading order in 1/n: K^{(ℓ+k)} and E[z^{(ℓ+k)} z^{(ℓ+k)}]
    /// through the derived kernel recursion (4.118), Gaussian expectations ⟨…⟩_{K^{(ℓ)}} as placeholder symbols.
    /// </summary>
    public bool Mlp { get; init; }

    /// <summary>True once an mlp evaluation used a leading-order rule (the value then holds only up to O(1/n)).</summary>
    public bool LeadingOrderUsed { get; private set; }

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
        PairingSum p => PairingsOf(p),
        IndexSum s => SumOf(s, Evaluate(s.Body)),
        Expectation x => Expect(x),
        Quantity q => Rewrite(Mlp ? MlpQuantitySymbol(q) : QuantitySymbol(q)),
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
            p = LayerLowering.SubstituteSteps(p, above.ToDictionary(s => s, StepFor));
        }
        throw new EvaluationException("Layer rewriting did not terminate.");
    }

    private Polynomial Rewrite(Symbol s) => Rewrite(Polynomial.Var(s));

    private static bool IsRewritable(Symbol s) =>
        s.Layer is { IsConcrete: false, Offset: > 0 } && s.Kind is AtomKind.Correlator or AtomKind.Kernel or AtomKind.Vertex;

    /// <summary>
    /// mlp: the lowest layer offset written per symbolic base (see <see cref="LayerLowering.Floors"/>); a kernel above it
    /// is rewritten, so an identity at l/l−1 reads like one at l+1/l. Without it, the floor of every base is 0.
    /// </summary>
    public IReadOnlyDictionary<string, int>? MlpFloors { get; init; }

    /// <summary>mlp: the kernel K at a layer above the floor of its symbolic base or at a concrete layer ≥ 1 (its step is the derived 4.118).</summary>
    private bool IsMlpRewritable(Symbol s) => s.Kind == AtomKind.Kernel && s.Layer is { } l && MlpAboveFloor(l);

    private bool MlpAboveFloor(Layer l) => l.IsConcrete ? l.Offset >= 1 : l.Offset > Math.Min(0, MlpFloors?.GetValueOrDefault(l.Base!) ?? 0);

    /// <summary>The derived recursion step of a quantity at layer base+k (k ≥ 1), in terms of base+k−1.</summary>
    private Polynomial StepFor(Symbol s)
    {
        if (_rewrites.TryGetValue(s, out var cached)) return cached;
        var layer = s.Layer!.Value;
        if (Mlp)
        {
            // Built at the layer itself: the placeholders <...>_{K^(l)} carry their layer in their text.
            // The first layer is Gaussian, K^(1) = C_b + C_W G^(0) exactly; above it the leading-order rule is used.
            if (layer != Layer.Concrete(1)) LeadingOrderUsed = true;
            return _rewrites[s] = Activations.Mlp.Kernel(s.Indices[0], s.Indices[1], layer).Step;
        }
        return _rewrites[s] = _lowering.Step(s);
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

    /// <summary>mlp: the metric G^{(ℓ)}_{αβ} and the kernel K^{(ℓ)}_{αβ} (equal at leading order, 4.104); nothing else yet.</summary>
    private Symbol MlpQuantitySymbol(Quantity q)
    {
        if (q.Kind is QuantityKind.G or QuantityKind.K && q.Indices.Count == 2 && q.Indices.All(i => i.Kind == IndexKind.Sample))
        {
            if (q.Kind == QuantityKind.G && q.Layer == Layer.Concrete(0)) return InputLayer.InputMetric(q.Indices[0].Name, q.Indices[1].Name);
            if (q.Kind == QuantityKind.G && q.Layer != Layer.Concrete(1)) LeadingOrderUsed = true; // G = K + O(1/n) (4.104); exact in layer 1
            return MultiInputLayer.Vertex(q.Layer, [(q.Indices[0].Name, q.Indices[1].Name)]);
        }
        throw new EvaluationException($"--model mlp knows the kernel K^(l)_{{a b}} (and the metric G^(l)_{{a b}} at leading order); " +
            $"{q.Kind}^({q.Layer}) with {q.Indices.Count} indices (four-point vertex, single-input G_2m, NLO metric) is not built for general activations yet.");
    }

    /// <summary>⟨f_1 ⋯ f_k⟩_{K^{(ℓ)}} of fields sigma_a / z_a as a placeholder; ⟨z_a z_b⟩_K is K_ab itself (the kernel's definition).</summary>
    private static Polynomial GaussianOf(GaussianExpectation g)
    {
        var factors = new List<GaussianFactor>();
        foreach (var f in Flatten(g.Body))
        {
            if (f is not Field { Kind: FieldKind.Sigma or FieldKind.Z, Sample: { } a } field || field.Neural.Count != 0 || (field.Layer is { } l && l != g.KernelLayer))
                throw new EvaluationException($"<...>_{{K^({g.KernelLayer})}} takes a product of sigma_a and z_a with sample indices, e.g. <sigma_a1 sigma_a2>_{{K^(l)}}.");
            factors.Add(field.Kind == FieldKind.Sigma ? GaussianFactor.Sigma(a.Name) : GaussianFactor.Z(a.Name));
        }
        if (factors is [{ Kind: GaussianFactorKind.Z } z1, { Kind: GaussianFactorKind.Z } z2])
            return Polynomial.Var(Symbol.Kernel(g.KernelLayer, z1.Sample, z2.Sample));
        return Polynomial.Var(GaussianExpectations.Of(factors, g.KernelLayer));
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
            if (MlpAboveFloor(layer))
            {
                var stages = Activations.Mlp.CorrelatorFromBelow(points, layer);
                LeadingOrderUsed |= stages.Approximated;
                return stages.LeadingOrder.Map(Rewrite);
            }
            LeadingOrderUsed = true;
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

