using Wick.Algebra.Correlators;
using Wick.Algebra.Pairings;
using Wick.Algebra.Recursions;
using Wick.Algebra.Tensors;
using Wick.Algebra.Syntax;

namespace Wick.Algebra.Activations.Chapter4;

/// <summary>
/// What <c>wick derive --model mlp</c> reports, computed without a console: for a correlator E[z ⋯ z] of layer ℓ+1, its
/// value from the layer below (exact at layers 1–2, else through 1/n), its structure at the layer in the coefficients of the
/// 1/n expansion (4.77), (4.104), and the recursions of those coefficients — (4.118), (4.115), (4.119) with the vertex in the
/// book's raised-index form (4.120) and in derivative form. The engine verifies that the structure with the recursions
/// substituted is the value from below. For a quantity (K, G1, V at a layer) only its recursion.
/// </summary>
public sealed class MlpDerivation
{
    /// <summary>The input as written.</summary>
    public required string Input { get; init; }

    /// <summary>The layer ℓ+1 of the target.</summary>
    public required Layer Layer { get; init; }

    /// <summary>Two points above layer 1: the exact stage δ(C_b + C_W (1/n_ℓ) Σ_j E[σ_jσ_j]) before any expansion; else null.</summary>
    public TensorPolynomial? NeuronAverageStage { get; init; }

    /// <summary>The correlator in terms of the layer below; null for a quantity.</summary>
    public TensorPolynomial? FromBelow { get; init; }

    /// <summary>Its structure at the layer (Σ δ × K, G1/n, V/n); null for a quantity.</summary>
    public TensorPolynomial? Structure { get; init; }

    /// <summary>+ O(1/n^k) of <see cref="FromBelow"/>/<see cref="Structure"/>; null when exact.</summary>
    public int? Remainder { get; init; }

    /// <summary>The recursions (exact identities among the 1/n coefficients), derivative form.</summary>
    public required IReadOnlyList<Recursion> Recursions { get; init; }

    /// <summary>The book's raised-index forms of the vertex and NLO-metric recursions (4.119), (4.115).</summary>
    public required IReadOnlyList<MlpRecursions.RaisedForm> BookForms { get; init; }

    /// <summary>One input: the recursion in chapter 5's form (5.108)–(5.110) with the helper functions g, χ_∥, j; else null.</summary>
    public Identity? SingleInputForm { get; init; }

    /// <summary>The model (activation, widths) used.</summary>
    public required MlpModel Model { get; init; }

    /// <summary>
    /// Derives for a parsed input: E[z ⋯ z] (a plain product of preactivations at one layer) or one of K, G1, V at a layer
    /// (without indices: the single input). <paramref name="settings"/> (--set) are applied to what is printed.
    /// </summary>
    public static MlpDerivation For(string input, Syntax.Expr expr, MlpModel model, IReadOnlyDictionary<Symbol, Polynomial>? settings = null)
    {
        var d = expr switch
        {
            Syntax.Expectation { Connected: false } x => ForCorrelator(input, CorrelatorPoints(x.Body, out var layer), layer, model),
            Syntax.Quantity q => ForQuantity(input, QuantityTarget(q), model),
            _ => throw new Wick.Algebra.Checking.EvaluationException("derive --model mlp takes E[z^(l+1)_{i1;a1} ... ] (2 or 4 points), G1^(l+1)_{a1 a2}, K^(l+1)_{a1 a2} or V^(l+1)_{(a1 a2)(a3 a4)}."),
        };
        if (settings is not { Count: > 0 }) return d;
        Polynomial S(Polynomial p) => p.Substitute(settings);
        return new MlpDerivation
        {
            NeuronAverageStage = d.NeuronAverageStage?.Map(S), Input = d.Input, Layer = d.Layer, FromBelow = d.FromBelow?.Map(S), Structure = d.Structure?.Map(S), Remainder = d.Remainder,
            Recursions = d.Recursions.Select(r => new Recursion(r.Target, S(r.Step), r.Description)).ToList(), BookForms = [], Model = d.Model,
        };
    }

    private static List<FieldPoint> CorrelatorPoints(Syntax.Expr body, out Layer layer)
    {
        var fields = new List<Syntax.Field>();
        void Walk(Syntax.Expr e)
        {
            switch (e)
            {
                case Syntax.Field f: fields.Add(f); break;
                case Syntax.Product p: foreach (var f in p.Factors) Walk(f); break;
                case Syntax.Power { Exponent: > 0 } pw when pw.Base is Syntax.Field:
                    for (int i = 0; i < pw.Exponent; i++) Walk(pw.Base);
                    break;
                default: throw new Wick.Algebra.Checking.EvaluationException("derive takes a plain product of z fields inside E[...]; use 'wick check' for sums and coefficients.");
            }
        }
        Walk(body);
        if (fields.Count == 0 || fields.Any(f => f.Kind != Syntax.FieldKind.Z || f.Neural.Count != 1 || f.Layer is null || f.Layer != fields[0].Layer))
            throw new Wick.Algebra.Checking.EvaluationException("derive takes a product of preactivations z at one layer, each with one neural index, e.g. E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}].");
        layer = fields[0].Layer!.Value;
        return fields.Select(f => new FieldPoint(f.Neural[0].Name, f.Sample?.Name)).ToList();
    }

    private static Symbol QuantityTarget(Syntax.Quantity q)
    {
        var ix = q.Indices.Select(i => i.Name).ToList();
        if (ix.Count == 0) ix = Enumerable.Repeat(Checking.ExpressionEvaluator.SingleInput, q.Kind == Syntax.QuantityKind.V ? 4 : 2).ToList();
        return (q.Kind, ix.Count) switch
        {
            (Syntax.QuantityKind.K, 2) => Symbol.Kernel(q.Layer, ix[0], ix[1]),
            (Syntax.QuantityKind.G1, 2) => Symbol.NloMetric(q.Layer, ix[0], ix[1]),
            (Syntax.QuantityKind.V, 4) => Symbol.Vertex(q.Layer, [(ix[0], ix[1]), (ix[2], ix[3])]),
            _ => throw new Wick.Algebra.Checking.EvaluationException($"derive --model mlp takes K^(l+1)_{{a b}}, G1^(l+1)_{{a b}} or V^(l+1)_{{(a1 a2)(a3 a4)}}; not {q.Kind}^({q.Layer}) with {q.Indices.Count} indices."),
        };
    }

    /// <summary>Derives for E[Π z^{(ℓ)}_{i_k;α_k}] (2 or 4 points, several inputs).</summary>
    public static MlpDerivation ForCorrelator(string input, IReadOnlyList<FieldPoint> points, Layer layer, MlpModel model)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(model);
        if (points.Any(p => p.Sample is null))
            throw new Wick.Algebra.Checking.EvaluationException("--model mlp needs a sample index on every z: E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] (the single input: write the same label, a, on each).");
        if (points.Count is not (2 or 4))
            throw new Wick.Algebra.Checking.EvaluationException("--model mlp derives the two- and four-point functions (4.104), (4.77); six points and more are not built.");
        if (layer == Layer.Concrete(0)) throw new Wick.Algebra.Checking.EvaluationException("Layer 0 is the input layer: z^(0) is fixed data.");
        var act = model.Activation;
        var below = MlpRecursions.CorrelatorFromBelow(points, layer, act);
        var fromBelow = below.Value.Map(model.ApplyWidths);
        var structure = StructureAt(points, layer).Map(model.ApplyWidths);

        var recursions = new List<Recursion>();
        var book = new List<MlpRecursions.RaisedForm>();
        var pairs = PairingEnumerator.Default.Enumerate(points.Count).Select(q => q.Pairs.Select(pr => (points[pr.First].Sample!, points[pr.Second].Sample!)).ToList()).ToList();
        foreach (var (a, b) in pairs.SelectMany(p => p).Distinct())
        {
            recursions.Add(Widths(MlpRecursions.Kernel(a, b, layer, act), model));
            if (layer != Layer.Concrete(1)) recursions.Add(Widths(MlpRecursions.NloMetric(a, b, layer, act), model));
        }
        if (points.Count == 4)
            foreach (var p in pairs)
            {
                var v = MlpRecursions.Vertex(p[0].Item1, p[0].Item2, p[1].Item1, p[1].Item2, layer, act);
                recursions.Add(Widths(v, model));
                if (layer != Layer.Concrete(1) && act is SymbolicActivation && !model.EqualWidths) book.Add(MlpRecursions.RaisedVertexForm(v));
            }
        recursions = recursions.DistinctBy(r => r.Target).ToList();
        // Self-check: the structure with K, G1, V replaced by their recursions is the correlator from below.
        var steps = recursions.ToDictionary(r => r.Target, r => r.Step);
        var substituted = structure.Map(c => c.Substitute(steps));
        var diff = below.Remainder is { } k ? (substituted - fromBelow).TruncateWidthOrder(k - 1) : substituted - fromBelow;
        if (!diff.IsZero) throw new InvalidOperationException($"internal: the structure at layer {layer} with the derived recursions differs from the correlator from below by {diff}.");
        return new MlpDerivation
        {
            NeuronAverageStage = points.Count == 2 && layer != Layer.Concrete(1) ? Mlp.CorrelatorFromBelow(points, layer).Exact : null,
            Input = input, Layer = layer, FromBelow = fromBelow, Structure = structure, Remainder = below.Remainder,
            Recursions = recursions, BookForms = book, Model = model,
        };
    }

    /// <summary>Derives the recursion of K, G1 or V at a layer (4.118), (4.115), (4.119).</summary>
    public static MlpDerivation ForQuantity(string input, Symbol target, MlpModel model)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(model);
        var layer = target.Layer ?? throw new Wick.Algebra.Checking.EvaluationException("The quantity needs a layer.");
        if (layer == Layer.Concrete(0)) throw new Wick.Algebra.Checking.EvaluationException("Layer 0 is the input layer; its metric G^(0) is data.");
        var ix = target.Indices;
        var act = model.Activation;
        var book = new List<MlpRecursions.RaisedForm>();
        Recursion r;
        switch (target.Kind)
        {
            case AtomKind.Kernel: r = MlpRecursions.Kernel(ix[0], ix[1], layer, act); break;
            case AtomKind.NloMetric:
                r = MlpRecursions.NloMetric(ix[0], ix[1], layer, act);
                if (!IsExactLayer(layer) && act is SymbolicActivation && !model.EqualWidths) book.Add(MlpRecursions.RaisedNloMetricForm(r));
                break;
            case AtomKind.Vertex when ix.Count == 4:
                r = MlpRecursions.Vertex(ix[0], ix[1], ix[2], ix[3], layer, act);
                if (layer != Layer.Concrete(1) && act is SymbolicActivation && !model.EqualWidths) book.Add(MlpRecursions.RaisedVertexForm(r));
                break;
            default: throw new Wick.Algebra.Checking.EvaluationException($"--model mlp derives K^(l+1)_{{a b}}, G1^(l+1)_{{a b}} and V^(l+1)_{{(a1 a2)(a3 a4)}}; not {target}.");
        }
        var derived = Widths(r, model);
        return new MlpDerivation
        {
            Input = input, Layer = layer, Recursions = [derived], BookForms = book, Model = model,
            SingleInputForm = Chapter5.SingleInputForms.Recognise(derived, model),
        };
    }

    private static bool IsExactLayer(Layer layer) => layer == Layer.Concrete(1) || layer == Layer.Concrete(2);

    private static Recursion Widths(Recursion r, MlpModel model) => new(r.Target, model.ApplyWidths(r.Step), r.Description);

    /// <summary>
    /// E[Π z^{(ℓ)}] at the layer itself in the coefficients of the 1/n expansion: Σ_pairings δ Π (K + G1/n_{ℓ−1}) plus, for four
    /// points, (1/n_{ℓ−1}) Σ_pairings δδ V (4.77), through 1/n; exactly Gaussian (K only) at layer 1.
    /// </summary>
    public static TensorPolynomial StructureAt(IReadOnlyList<FieldPoint> points, Layer layer)
    {
        var inv = Polynomial.FromMonomial(Monomial.Of(Symbol.Width(layer.Previous)).Pow(-1));
        bool gaussian = layer == Layer.Concrete(1);
        Polynomial G(string a, string b) => gaussian ? Polynomial.Var(Symbol.Kernel(layer, a, b))
            : Polynomial.Var(Symbol.Kernel(layer, a, b)) + Polynomial.Var(Symbol.NloMetric(layer, a, b)) * inv;
        var terms = PairingEnumerator.Default.Enumerate(points.Count).Select(q =>
        {
            var deltas = DeltaProduct.FromPairs(q.Pairs.Select(pr => (points[pr.First].Neural, points[pr.Second].Neural)));
            var labels = q.Pairs.Select(pr => (points[pr.First].Sample!, points[pr.Second].Sample!)).ToList();
            var value = Polynomial.Product(labels.Select(l => G(l.Item1, l.Item2)));
            if (labels.Count == 2 && !gaussian) value += Polynomial.Var(Symbol.Vertex(layer, labels)) * inv;
            return (deltas, gaussian ? value : value.TruncateWidthOrder(1));
        });
        return TensorPolynomial.FromTerms(terms);
    }

    // ----- presentation -------------------------------------------------------------------------------------------

    /// <summary>Longer values from below are summarised in text (JSON and LaTeX print them whole).</summary>
    public const int MaxInlineLength = 2000;

    private string RemainderText => Remainder is { } k ? $" + O(1/n^{k})" : "";

    /// <summary>The report in the input spelling (every recursion line parses back and checks).</summary>
    public string ToText()
    {
        var w = new StringWriter();
        w.WriteLine(Input);
        if (Model.Activation is not SymbolicActivation || Model.EqualWidths)
            w.WriteLine($"  (activation {Model.Activation.Name}{(Model.EqualWidths ? ", all hidden widths equal to n" : "")})");
        if (NeuronAverageStage is not null)
        {
            w.WriteLine($"  in terms of layer {Layer.Previous}, biases and weights paired, activations sigma (exact):");
            w.WriteLine($"    = {NeuronAverageStage}");
        }
        if (FromBelow is not null)
        {
            w.WriteLine(Layer == Layer.Concrete(1)
                ? "  in terms of the inputs (layer 0), with biases (exact; the first layer is Gaussian):"
                : IsExactLayer(Layer)
                    ? "  in terms of layer 1, biases and weights paired (exact: layer 1 is Gaussian, its neurons independent):"
                    : $"  in terms of layer {Layer.Previous}: biases and weights paired, neurons split same/different (4.87)-(4.89), averaged through 1/n by Gaussian integration by parts:");
            string below = FromBelow.ToString();
            w.WriteLine(below.Length <= MaxInlineLength
                ? $"    = {below}{RemainderText}"
                : $"    = ({FromBelow.Terms.Sum(t => t.Coefficient.Count)} terms in {FromBelow.Count} neural structures; --format json prints them){RemainderText}");
            w.WriteLine($"  at layer {Layer}, in the coefficients of the 1/n expansion (4.77), (4.104) (verified against the line above):");
            w.WriteLine($"    = {Structure}{RemainderText}");
        }
        w.WriteLine();
        w.WriteLine("Recursions (exact identities among the coefficients K = G{0}, G1, V of the 1/n expansion (4.104)-(4.106)):");
        foreach (var r in Recursions) w.WriteLine($"  {r}");
        if (BookForms.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("In the book's form, indices raised with the inverse kernel (4.120) (the engine contracts it back to the line above):");
            foreach (var f in BookForms) w.WriteLine($"  {f}");
        }
        if (SingleInputForm is { } chapter5)
        {
            w.WriteLine();
            w.WriteLine("In chapter 5's single-input form, with the helper functions g (5.49), chi_par (5.50), j (5.111) (evaluated back to the line above):");
            w.WriteLine($"  {TextPrinter.Print(chapter5)}");
        }
        return w.ToString();
    }

    /// <summary>The report in LaTeX: one align block, <paramref name="lhs"/> (the input in LaTeX) heading the correlator's rows.</summary>
    public string ToLatex(string? lhs = null)
    {
        var display = new Syntax.LatexDisplay();
        if (FromBelow is not null)
        {
            string rem = Remainder is { } k ? $" + O\\left(\\frac{{1}}{{n^{{{k}}}}}\\right)" : "";
            display.Equation(lhs ?? "", FromBelow.ToLatex() + rem).Continue(Structure!.ToLatex() + rem);
        }
        foreach (var r in Recursions) display.Equation(r.Target.ToLatex(), r.Step.ToLatex());
        foreach (var f in BookForms) display.Equation(f.Target.ToLatex(), f.RhsLatex());
        if (SingleInputForm is { } chapter5) display.Equation(LatexPrinter.Print(chapter5.Lhs), LatexPrinter.Print(chapter5.Rhs));
        return display.ToString();
    }

    /// <summary>The report as a JSON-ready object.</summary>
    public object ToJson() => new
    {
        input = Input,
        model = "mlp",
        activation = Model.Activation.Name,
        equalWidths = Model.EqualWidths,
        layer = Layer.ToString(),
        remainder = Remainder is { } k ? $"O(1/n^{k})" : null,
        fromBelow = FromBelow?.ToString(),
        structure = Structure?.ToString(),
        structureLatex = Structure?.ToLatex(),
        recursions = Recursions.Select(r => new { target = r.Target.ToString(), step = r.Step.ToString(), latex = r.ToLatex(), description = r.Description }).ToList(),
        bookForms = BookForms.Select(f => new { text = f.ToString(), latex = f.ToLatex() }).ToList(),
        singleInputForm = SingleInputForm is { } c5 ? new { text = TextPrinter.Print(c5), latex = LatexPrinter.Print(c5), tag = c5.Tag } : null,
    };
}
