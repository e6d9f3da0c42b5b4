using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Algebra.Correlators;
using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Engine;

/// <summary>How <c>wick derive</c> writes a correlator of several inputs (issue 16).</summary>
public enum OrbitForm
{
    /// <summary>Orbit sums from <see cref="TensorPolynomial.CompactFrom"/> (six) fields on; four fields written out, as (4.42).</summary>
    Auto,
    /// <summary>Orbit sums at any number of fields.</summary>
    Orbits,
    /// <summary>Every term and every relabelled recursion written out (<c>--expand-orbits</c>).</summary>
    Expanded,
}

/// <summary>Everything <c>wick derive</c> reports for one correlator: all of it computed by the engine.</summary>
public sealed class Derivation : Report
{
    private TensorPolynomial? _fromBelow;
    private TensorPolynomial? _structure;

    public required string Input { get; init; }
    /// <summary>The correlator as parsed (the left-hand side of the LaTeX output).</summary>
    public required Expr Expression { get; init; }
    /// <summary>The correlator in LaTeX.</summary>
    public string InputLatex => LatexPrinter.Print(Expression);
    public required Layer Layer { get; init; }
    public required bool Bias { get; init; }
    /// <summary>The correlator in terms of the layer below (or the inputs); written out from the orbits on first use.</summary>
    public TensorPolynomial FromBelow { get => _fromBelow ??= FromBelowOrbits!.Expand(); init => _fromBelow = value; }
    /// <summary>The recognised structure at the layer (Σ δ × named quantities); written out from the orbits on first use.</summary>
    public TensorPolynomial Structure { get => _structure ??= StructureOrbits!.Expand(); init => _structure = value; }
    /// <summary>Issue 16: <see cref="FromBelow"/> as orbits under the relabelling symmetry (null: written out).</summary>
    public OrbitTensor? FromBelowOrbits { get; init; }
    /// <summary>Issue 16: <see cref="Structure"/> as orbits (null: written out).</summary>
    public OrbitTensor? StructureOrbits { get; init; }
    /// <summary>True when the correlator and recursions are printed as orbit sums, one recursion per orbit of relabellings.</summary>
    public bool InOrbits => FromBelowOrbits is not null;
    /// <summary>In orbit form: how many relabellings each recursion target stands for (itself included).</summary>
    public IReadOnlyDictionary<Symbol, int> Relabellings { get; init; } = new Dictionary<Symbol, int>();
    public required IReadOnlyList<Recursion> Recursions { get; init; }
    public Solution? Solution { get; init; }
    /// <summary>The --set values applied to every section.</summary>
    public IReadOnlyDictionary<Symbol, Polynomial> Settings { get; init; } = new Dictionary<Symbol, Polynomial>();
    /// <summary>mlp: the correlator at leading order (after the rule E[f(z_j)] = &lt;f&gt;_K + O(1/n)); null for deep linear.</summary>
    public TensorPolynomial? LeadingOrder { get; init; }
    /// <summary>True for --model mlp.</summary>
    public bool Mlp { get; init; }

    /// <summary>Derives for E[z … z] at one layer (the fields as parsed).</summary>
    public static Derivation For(string input, Expr expr, bool bias, IReadOnlyDictionary<Symbol, Polynomial> settings, bool mlp = false,
        IProgress<string>? progress = null, OrbitForm orbits = OrbitForm.Auto)
    {
        if (expr is not Expectation { Connected: false } x)
            throw new RequestException("derive takes a correlator E[z^(l+1)_{i1} ... z^(l+1)_{i2m}] (use 'wick check' for identities).");
        var fields = Fields(x.Body);
        var layer = fields[0].Layer ?? throw new RequestException("Every z needs a layer, e.g. z^(l+1)_{i1}.");
        if (fields.Any(f => f.Kind != FieldKind.Z || f.Layer != layer || f.Neural.Count != 1))
            throw new RequestException("derive takes a product of preactivations z at one layer, each with one neural index.");
        if (layer == Layer.Concrete(0)) throw new RequestException("Layer 0 is the input layer: z^(0) is fixed data.");
        var points = fields.Select(f => new FieldPoint(f.Neural[0].Name, f.Sample?.Name)).ToList();
        if (points.Count % 2 != 0) throw new RequestException("An odd number of preactivations has zero expectation (no pairing).");
        bool single = points.All(p => p.Sample is null);
        if (!single && points.Any(p => p.Sample is null))
            throw new RequestException("Either every z carries a sample index (z_{i;a}) or none does.");

        Polynomial S(Polynomial p) => settings.Count > 0 ? p.Substitute(settings) : p;
        if (mlp) return ForMlp(input, expr, layer, points, S);
        if (!single && UsesOrbits(points, settings, orbits)) return ForOrbits(input, expr, layer, points, bias, settings, S);
        var fromBelow = DeepLinear.CorrelatorFromBelow(points, layer, bias).Map(S);
        var structure = DeepLinear.Correlator(points, layer).Map(S);

        var recursions = new List<Recursion>();
        Solution? solution = null;
        if (layer != Layer.Concrete(1))
        {
            int m = points.Count / 2;
            if (single)
            {
                if (m >= 10) progress?.Report($"deriving the {2 * m}-point recursion in pattern mode ...");
                var r = DeepLinear.SingleInput(m, bias);
                recursions.Add(Shift(r, layer, S));
                if (!bias) solution = SetSolution(DeepLinear.SolveSingleInput(m), settings);
            }
            else
            {
                var targets = DeepLinear.Correlator(points, Layer.L.Next).Terms.SelectMany(t => t.Coefficient.Symbols)
                    .Where(s => s.Layer == Layer.L.Next && !s.IsWidth).Distinct().OrderBy(s => s.Indices.Count).ThenBy(s => s).ToList();
                foreach (var t in targets)
                {
                    recursions.Add(Shift(DeepLinear.Vertex(t.IndexPairs, bias), layer, S));
                }
                if (bias && targets.Count > 0 && targets[0].Kind == AtomKind.Kernel)
                    solution = SetSolution(DeepLinear.SolveLinear(DeepLinear.Vertex(targets[0].IndexPairs, bias)), settings);
            }
        }
        return new Derivation
        {
            Input = input, Expression = expr, Layer = layer, Bias = bias, FromBelow = fromBelow, Structure = structure,
            Recursions = recursions, Solution = solution, Settings = settings,
        };
    }

    // Orbits need the relabelling symmetry (distinct neural indices) and settings that do not name a labelled quantity.
    private static bool UsesOrbits(List<FieldPoint> points, IReadOnlyDictionary<Symbol, Polynomial> settings, OrbitForm orbits) =>
        orbits != OrbitForm.Expanded && (orbits == OrbitForm.Orbits || points.Count >= TensorPolynomial.CompactFrom)
        && PointSymmetry.Of(points) is not null
        && settings.All(kv => kv.Key.Indices.Count == 0 && kv.Value.Symbols.All(s => s.Indices.Count == 0));

    /// <summary>
    /// Several inputs by label orbits (issue 16): F derived once per orbit of pairings, and one recursion per orbit of
    /// the named quantities under relabelling (K_{a1 a2} stands for every K_{ab}), each with its number of relabellings.
    /// </summary>
    private static Derivation ForOrbits(string input, Expr expr, Layer layer, List<FieldPoint> points, bool bias,
        IReadOnlyDictionary<Symbol, Polynomial> settings, Func<Polynomial, Polynomial> set)
    {
        var fromBelow = DeepLinear.CorrelatorFromBelowOrbits(points, layer, bias)!.Map(set);
        var structure = DeepLinear.CorrelatorOrbits(points, layer)!.Map(set);
        var recursions = new List<Recursion>();
        var relabellings = new Dictionary<Symbol, int>();
        Solution? solution = null;
        if (layer != Layer.Concrete(1))
        {
            var above = DeepLinear.CorrelatorOrbits(points, Layer.L.Next)!;
            var targets = TargetOrbits(above);
            foreach (var (t, count) in targets)
            {
                var r = Shift(DeepLinear.Vertex(t.IndexPairs, bias), layer, set);
                recursions.Add(r);
                relabellings[r.Target] = count;
            }
            if (bias && targets.Count > 0 && targets[0].Target.Kind == AtomKind.Kernel)
                solution = SetSolution(DeepLinear.SolveLinear(DeepLinear.Vertex(targets[0].Target.IndexPairs, bias)), settings);
        }
        return new Derivation
        {
            Input = input, Expression = expr, Layer = layer, Bias = bias, FromBelowOrbits = fromBelow, StructureOrbits = structure,
            Recursions = recursions, Relabellings = relabellings, Solution = solution, Settings = settings,
        };
    }

    /// <summary>The named quantities of the orbit representatives, one per orbit under relabelling, with the orbit size.</summary>
    private static List<(Symbol Target, int Count)> TargetOrbits(OrbitTensor above)
    {
        var symbols = above.Terms.SelectMany(t => t.Coefficient.Symbols)
            .Where(s => s.Layer == Layer.L.Next && !s.IsWidth).Distinct().OrderBy(s => s.Indices.Count).ThenBy(s => s).ToList();
        var maps = above.Symmetry.Generators.Select(above.Symmetry.LabelMap).ToList();
        var seen = new HashSet<Symbol>();
        var result = new List<(Symbol, int)>();
        foreach (var s in symbols)
        {
            if (seen.Contains(s)) continue;
            var orbit = new List<Symbol> { s };
            seen.Add(s);
            for (int head = 0; head < orbit.Count; head++)
                foreach (var map in maps)
                {
                    var image = orbit[head].RenameSamples(map);
                    if (seen.Add(image)) orbit.Add(image);
                }
            result.Add((s, orbit.Count));
        }
        return result;
    }

    /// <summary>
    /// --model mlp: biases and weights paired (ForwardStep), the activation sums contracted to the neuron average, then
    /// the leading-order rule; the recursion is the δ coefficient of the two-point function (4.118).
    /// </summary>
    private static Derivation ForMlp(string input, Expr expr, Layer layer, List<FieldPoint> points, Func<Polynomial, Polynomial> set)
    {
        if (points.Any(p => p.Sample is null))
            throw new RequestException("--model mlp needs a sample index on every z: E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}].");
        if (points.Count != 2)
            throw new RequestException("--model mlp derives the two-point function (the kernel recursion 4.118) so far; the four-point vertex (4.119) is not built yet.");
        var stages = Wick.Algebra.Activations.Mlp.CorrelatorFromBelow(points, layer);
        var recursions = new List<Recursion>();
        if (layer != Layer.Concrete(1))
        {
            var r = Wick.Algebra.Activations.Mlp.Kernel(points[0].Sample!, points[1].Sample!, layer);
            recursions.Add(new Recursion(r.Target, set(r.Step), r.Description));
        }
        return new Derivation
        {
            Input = input, Expression = expr, Layer = layer, Bias = true, Mlp = true, FromBelow = stages.Exact.Map(set), LeadingOrder = stages.LeadingOrder.Map(set),
            Structure = Wick.Algebra.Activations.Mlp.CorrelatorAt(points, layer).Map(set), Recursions = recursions,
        };
    }

    /// <summary>
    /// A recursion derived at l → l+1, moved to (layer−1) → layer (heading included) and with the --set values applied;
    /// the width factor c_{2m}(n_{layer−1}) is moved, set and factored too, so Step = c × the rest at every layer.
    /// </summary>
    private static Recursion Shift(Recursion r, Layer layer, Func<Polynomial, Polynomial> set)
    {
        Polynomial Move(Polynomial p) => LayerMove.FromRunningLayer(p, layer.Previous);
        Symbol MoveSymbol(Symbol s) => Move(Polynomial.Var(s)).Symbols.Single();
        string heading = layer == Layer.L.Next ? r.Description : r.Description.Replace("(l+1)", $"({layer})", StringComparison.Ordinal);
        var c = r.WidthFactor is null ? null : set(Move(r.WidthFactor));
        var width = Symbol.Width(layer.Previous);
        return new Recursion(MoveSymbol(r.Target), set(Move(r.Step)), heading)
        {
            WidthFactor = c,
            WidthFactorProduct = c is null || !c.Symbols.Contains(width) ? null : PolynomialFactoring.FactorInInverse(c, width),
        };
    }

    /// <summary>The solution with the --set values of layer-independent symbols (C_W, C_b, first-layer quantities) applied.</summary>
    private static Solution SetSolution(Solution s, IReadOnlyDictionary<Symbol, Polynomial> settings)
    {
        var keep = settings.Where(kv => !(kv.Key.IsWidth && kv.Key.Layer is { IsConcrete: false })).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (keep.Count == 0) return s;
        Polynomial S(Polynomial p) => p.Substitute(keep);
        var initial = S(s.Initial);
        return new Solution(s.Family, S(s.Multiplier), S(s.Inhomogeneous), initial, initial == s.Initial ? s.InitialText : initial.ToString())
        {
            WidthFactor = s.WidthFactor is null ? null : S(s.WidthFactor),
            Constant = s.Constant is null ? null : S(s.Constant),
            WidthFactorPoints = s.WidthFactorPoints,
        };
    }

    /// <summary>
    /// The solution at a concrete layer k ≥ 2: X^{(k)} = Π_{j=1}^{k−1} A(n_j) X^{(1)} + Σ B Π A, written as a product of
    /// the width factors c(n_1) ⋯ c(n_{k−1}) when the solution has one (3.47), else multiplied out.
    /// </summary>
    public static string? ConcreteSolution(Solution s, Layer layer)
    {
        if (!layer.IsConcrete || layer.Offset < 2) return null;
        int k = layer.Offset;
        var target = s.Family.AtLayer(layer);
        if (s.WidthFactor is { } c && s.Constant is { } constant && s.Inhomogeneous.IsZero)
        {
            var factors = Enumerable.Range(1, k - 1).Select(j => $"({LayerMove.FromRunningLayer(c, Layer.Concrete(j))})");
            var scale = constant.Pow(k - 1);
            return $"{target} = {(scale == Polynomial.One ? "" : $"{(scale.IsSingleTerm ? scale.ToString() : $"({scale})")} ")}{string.Join(" ", factors)} {s.InitialText}";
        }
        var x = s.Initial;
        for (int j = 1; j < k; j++) x = LayerMove.FromRunningLayer(s.Multiplier, Layer.Concrete(j)) * x + s.Inhomogeneous;
        return $"{target} = {x}";
    }

    private static List<Field> Fields(Expr body)
    {
        var list = new List<Field>();
        void Walk(Expr e)
        {
            switch (e)
            {
                case Field f: list.Add(f); break;
                case Product p: foreach (var f in p.Factors) Walk(f); break;
                case Power { Exponent: > 0 } pw when pw.Base is Field:
                    for (int i = 0; i < pw.Exponent; i++) Walk(pw.Base);
                    break;
                default: throw new RequestException("derive takes a plain product of z fields inside E[...]; use 'wick check' for sums and coefficients.");
            }
        }
        Walk(body);
        if (list.Count == 0) throw new RequestException("E[...] contains no field.");
        return list;
    }

    public override string Text() => DerivationOutput.Text(this);
    public override string Latex() => DerivationOutput.Latex(this);
    public override object Json() => DerivationOutput.Json(this);
}
