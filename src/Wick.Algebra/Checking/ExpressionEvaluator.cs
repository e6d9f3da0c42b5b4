using System.Globalization;
using Wick.Algebra.Correlators;
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

    /// <summary>Whether the network has biases.</summary>
    public bool Bias { get; } = bias;

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
        IndexSum s => SumOf(s, Evaluate(s.Body)),
        Expectation x => Expect(x),
        Quantity q => Rewrite(QuantitySymbol(q)),
        CoefficientC c => CoefficientOf(c),
        BigO => throw new EvaluationException("O(...) may only appear as a trailing remainder of an identity: lhs = rhs + O(1/n^k)."),
        GaussianExpectation => throw new EvaluationException("Gaussian expectations <...>_K belong to the mlp model; the deep linear engine has sigma(z) = z."),
        Identity => throw new EvaluationException("An identity cannot be evaluated as an expression; use check."),
        Field f => throw new EvaluationException($"A random field ({f.Kind}) outside E[...] has no canonical value; take its expectation."),
        Index i => throw new EvaluationException($"A bare index '{i.Name}' is not an expression."),
        _ => throw new EvaluationException($"Unsupported expression: {e.GetType().Name}."),
    };

    /// <summary>The canonical value of a polynomial-valued quantity with layer-(ℓ+k) quantities rewritten down to ℓ.</summary>
    public Polynomial Rewrite(Polynomial p)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            var above = p.Symbols.Where(IsRewritable).ToList();
            if (above.Count == 0) return p;
            p = p.Substitute(above.ToDictionary(s => s, StepFor));
        }
        throw new EvaluationException("Layer rewriting did not terminate.");
    }

    private Polynomial Rewrite(Symbol s) => Rewrite(Polynomial.Var(s));

    private static bool IsRewritable(Symbol s) =>
        s.Layer is { IsConcrete: false, Offset: > 0 } && !s.IsWidth && (IsG(s.Name) || s.Name is "K" || s.Name.StartsWith('V'));

    private static bool IsG(string name) => name.Length > 1 && name[0] == 'G' && name[1..].All(char.IsDigit);

    /// <summary>The derived recursion step of a quantity at layer base+k (k ≥ 1), in terms of base+k−1.</summary>
    private Polynomial StepFor(Symbol s)
    {
        if (_rewrites.TryGetValue(s, out var cached)) return cached;
        var layer = s.Layer!.Value;
        Recursion r;
        if (IsG(s.Name))
        {
            int points = int.Parse(s.Name[1..], CultureInfo.InvariantCulture);
            if (points % 2 != 0) return Polynomial.Zero;
            r = DeepLinear.SingleInput(points / 2, Bias);
        }
        else
        {
            var pairs = Enumerable.Range(0, s.Indices.Count / 2).Select(i => (s.Indices[2 * i], s.Indices[2 * i + 1])).ToList();
            r = DeepLinear.Vertex(pairs, Bias);
        }
        // The recursion is derived at l → l+1; move it to (base+k−1) → (base+k).
        var step = ShiftLayers(r.Step, layer.Base!, layer.Offset - 1);
        _rewrites[s] = step;
        return step;
    }

    /// <summary>Moves every symbol of symbolic layer l+o to <paramref name="baseName"/>+o+shift.</summary>
    public static Polynomial ShiftLayers(Polynomial p, string baseName, int shift)
    {
        if (shift == 0 && baseName == "l") return p;
        var map = p.Symbols.Where(s => s.Layer is { IsConcrete: false, Base: "l" })
            .ToDictionary(s => s, s => Polynomial.Var(s.AtLayer(Layer.Symbolic(baseName, s.Layer!.Value.Offset + shift))));
        return map.Count == 0 ? p : p.Substitute(map);
    }

    private static Symbol QuantitySymbol(Quantity q)
    {
        var labels = q.Indices.Select(i => i.Kind == IndexKind.Sample ? i.Name
            : throw new EvaluationException($"{q.Kind}^({q.Layer}) takes sample indices; '{i.Name}' is a neural index.")).ToList();
        switch (q.Kind)
        {
            case QuantityKind.G when labels.Count == 0:
                return DeepLinear.G(q.Points, q.Layer);
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

    private static TensorPolynomial PowerOf(TensorPolynomial b, int exponent)
    {
        if (exponent >= 0) return b.Pow(exponent);
        return Inverse(b).Pow(-exponent);
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

    private TensorPolynomial Expect(Expectation x)
    {
        if (x.Connected) throw new EvaluationException("Connected correlators Ec[...] are not part of the deep-linear check yet; write the moments explicitly.");
        return ExpectOf(x.Body);
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
            case Power pw when ContainsField(pw.Base):
                throw new EvaluationException("Only non-negative integer powers of single fields may appear inside E[...].");
            default:
                yield return e;
                break;
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
        if (layer.IsConcrete ? layer.Offset == 1 : layer.Offset > 0)
            return DeepLinear.CorrelatorFromBelow(points, layer, Bias).Map(Rewrite);
        return DeepLinear.Correlator(points, layer);
    }
}

/// <summary>The verdict of an identity check.</summary>
public sealed record CheckResult(bool Holds, TensorPolynomial Lhs, TensorPolynomial Rhs, TensorPolynomial Difference, int? Order);

/// <summary>Checks identities: canonical forms of both sides, compared exactly or up to a stated width order.</summary>
public static class IdentityChecker
{
    /// <summary>
    /// Evaluates both sides, applies the substitutions, and compares. A remainder O(1/n^k) keeps terms up to
    /// 1/n^{k−1} (TruncateWidthOrder).
    /// </summary>
    public static CheckResult Check(Identity identity, bool bias, IReadOnlyDictionary<Symbol, Polynomial>? settings = null)
    {
        var ev = new ExpressionEvaluator(bias);
        TensorPolynomial Canon(Expr e)
        {
            var t = ev.Evaluate(e);
            return settings is { Count: > 0 } ? t.Map(c => c.Substitute(settings)) : t;
        }
        var lhs = Canon(identity.Lhs);
        var rhs = Canon(identity.Rhs);
        var diff = lhs - rhs;
        int? order = null;
        if (identity.Remainder is { } big)
        {
            if (!ev.Evaluate(big.Scale).TryGetScalar(out var scale) || !scale.IsSingleTerm)
                throw new EvaluationException("O(...) takes a monomial scale such as 1/n, 1/n_l^2.");
            int degree = scale.Terms[0].Monomial.WidthDegree;
            if (degree >= 0) throw new EvaluationException("O(...) must be an inverse power of a width, e.g. O(1/n^2).");
            order = -degree;
            diff = diff.TruncateWidthOrder(order.Value - 1);
        }
        return new CheckResult(diff.IsZero, lhs, rhs, diff, order);
    }
}
