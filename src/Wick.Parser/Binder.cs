using Superpower.Model;
using Wick.Algebra;
using Wick.Algebra.Syntax;

namespace Wick.Parser;

/// <summary>
/// Settles what the grammar could not decide locally and checks the expression's index structure:
/// <list type="bullet">
/// <item>each index name is one variable per scope (free indices: the whole input; bound: the body of its sum);</item>
/// <item>its family comes from the slot it sits in (before/after ';', W, b, K, V), else from its letter (a–e, α β γ ε: sample);</item>
/// <item>a neural index takes its layer from the fields it indexes (j in W^(l+1)_{ij} is in layer l) or from its sum's range n_l;</item>
/// <item>errors: one index in two families or two layers, a delta mixing families, a sum over an index its body
/// never uses, terms of a sum (or sides of an identity) with different free indices.</item>
/// </list>
/// </summary>
internal sealed class Binder
{
    private sealed class Binding(string name)
    {
        public string Name { get; } = name;
        public List<(Index Occurrence, Position At)> Uses { get; } = [];
        public List<(Layer Layer, Position At, string What)> Layers { get; } = [];
        public IndexKind Kind { get; set; }
        public Layer? Layer { get; set; }
    }

    private sealed class Scope(Scope? parent)
    {
        public Scope? Parent { get; } = parent;
        public Dictionary<string, Binding> Names { get; } = new(StringComparer.Ordinal);

        public Binding Find(string name)
        {
            for (var s = this; s is not null; s = s.Parent)
                if (s.Names.TryGetValue(name, out var b)) return b;
            var root = this;
            while (root.Parent is not null) root = root.Parent;
            var fresh = new Binding(name);
            root.Names[name] = fresh;
            return fresh;
        }
    }

    private readonly string _source;
    private readonly SourceMap _map;
    private readonly Dictionary<object, Binding> _bindingOf = new(ReferenceEqualityComparer.Instance);

    private Binder(string source, SourceMap map)
    {
        _source = source;
        _map = map;
    }

    public static Expr Bind(string source, Expr parsed, SourceMap map)
    {
        var binder = new Binder(source, map);
        binder.Collect(parsed, new Scope(null));
        foreach (var b in binder._bindingOf.Values.Distinct()) binder.Resolve(b);
        return binder.Rebuild(parsed, null);
    }


    private ParseException Error(Position at, string message, string? expected) =>
        new(Diagnostic.At(_source, at.Absolute, message, expected));

    private Position PositionOf(object node) => _map.Positions.TryGetValue(node, out var p) ? p : new Position(0, 1, 1);

    // ----- pass 1: collect uses per scope ---------------------------------------------------------------

    private void Use(Index index, Scope scope)
    {
        var b = scope.Find(index.Name);
        b.Uses.Add((index, PositionOf(index)));
        if (_map.LayerEvidence.TryGetValue(index, out var layer)) b.Layers.Add((layer, PositionOf(index), "here"));
        _bindingOf[index] = b;
    }

    private void Collect(Expr e, Scope scope)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Index i: Use(i, scope); break;
            case Field f:
                foreach (var i in f.Neural) Use(i, scope);
                if (f.Sample is { } fs) Use(fs, scope);
                break;
            case Delta d: Use(d.A, scope); Use(d.B, scope); break;
            case PairingSum ps: foreach (var i in ps.Indices) Use(i, scope); break;
            case OrbitSum os:
                foreach (var i in os.Neural.Concat(os.Samples)) Use(i, scope);
                Collect(os.Body, scope);
                break;
            case Quantity q: foreach (var i in q.Indices) Use(i, scope); break;
            case Sum s: foreach (var t in s.Terms) Collect(t, scope); break;
            case Product p: foreach (var f in p.Factors) Collect(f, scope); break;
            case Power p: Collect(p.Base, scope); break;
            case Quotient q: Collect(q.Numerator, scope); Collect(q.Denominator, scope); break;
            case Negate n: Collect(n.Operand, scope); break;
            case Expectation x: Collect(x.Body, scope); break;
            case GaussianExpectation g: Collect(g.Body, scope); break;
            case BigO o: Collect(o.Scale, scope); break;
            case CoefficientC c: Collect(c.Argument, scope); break;
            case LayerRange lr: Collect(lr.Body, scope); break;
            case DepthPower dp: Collect(dp.Base, scope); break;
            case Identity id: Collect(id.Lhs, scope); Collect(id.Rhs, scope); if (id.Remainder is { } r) Collect(r, scope); break;
            case IndexSum sum:
                {
                    if (sum.Lower is { } lo) Collect(lo, scope);
                    if (sum.Upper is { } up) Collect(up, scope);
                    var inner = new Scope(scope);
                    var bound = new List<Binding>();
                    foreach (var i in sum.Indices)
                    {
                        var b = new Binding(i.Name);
                        inner.Names[i.Name] = b;
                        _bindingOf[i] = b;
                        bound.Add(b);
                        if (sum.Upper is SymbolRef { Symbol: { IsWidth: true, Layer: { } width } })
                            b.Layers.Add((width, PositionOf(sum.Upper), "range"));
                    }
                    Collect(sum.Body, inner);
                    for (int k = 0; k < bound.Count; k++)
                        if (bound[k].Uses.Count == 0)
                            throw Error(PositionOf(sum.Indices[k]), $"sum over index '{bound[k].Name}', which does not occur in the summand", "an index used in the summand");
                    // The binder occurrence decides the family only when the body does not.
                    for (int k = 0; k < bound.Count; k++)
                        bound[k].Uses.Add((sum.Indices[k], PositionOf(sum.Indices[k])));
                    break;
                }
        }
    }

    // ----- resolve family and layer of each name ------------------------------------------------------

    private void Resolve(Binding b)
    {
        (Index Occurrence, Position At)? strong = null;
        foreach (var use in b.Uses)
        {
            if (_map.Weak.Contains(use.Occurrence)) continue;
            if (strong is { } s && s.Occurrence.Kind != use.Occurrence.Kind)
                throw Error(use.At,
                    $"index '{b.Name}' is used as a {Family(use.Occurrence.Kind)} index here but as a {Family(s.Occurrence.Kind)} index at {s.At.Line}:{s.At.Column}",
                    $"a {Family(s.Occurrence.Kind)} index");
            strong ??= use;
        }
        b.Kind = strong?.Occurrence.Kind ?? Grammar.LetterKind(b.Name);
        if (b.Kind != IndexKind.Neural) return;
        foreach (var (layer, at, _) in b.Layers)
        {
            if (b.Layer is null) { b.Layer = layer; continue; }
            if (b.Layer != layer)
            {
                var first = b.Layers.First(l => l.Layer == b.Layer);
                string there = first.What == "range" ? $"its sum's range n_{first.Layer} at" : "layer " + first.Layer + " at";
                throw Error(at,
                    $"layer contradiction: neural index '{b.Name}' belongs to layer {layer} here but to {(first.What == "range" ? "layer " + first.Layer + " by " + there : there)} {first.At.Line}:{first.At.Column}",
                    $"an index of layer {first.Layer}");
            }
        }
    }

    private static string Family(IndexKind k) => k == IndexKind.Neural ? "neural" : "sample";

    // ----- pass 2: rebuild with settled indices, check free indices ----------------------------------

    private Index Settle(Index i)
    {
        var b = _bindingOf[i];
        return new Index(i.Name, b.Kind, b.Kind == IndexKind.Neural ? b.Layer : null);
    }

    private Expr Rebuild(Expr e, Layer? kernel)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Field f:
                {
                    var all = f.Neural.Select(Settle).ToList();
                    Index? sample = f.Sample is { } s ? Settle(s) : null;
                    if (f.Neural.Count == 1 && f.Sample is null && _map.Weak.Contains(f.Neural[0]) && all[0].Kind == IndexKind.Sample)
                        return f with { Neural = EquatableList<Index>.Empty, Sample = all[0] };
                    return f with { Neural = all.ToEquatableList(), Sample = sample };
                }
            case Delta d:
                {
                    var a = Settle(d.A);
                    var b = Settle(d.B);
                    if (a.Kind != b.Kind)
                        throw Error(PositionOf(d.B),
                            $"a Kronecker delta pairs two indices of one family; '{a.Name}' is {Family(a.Kind)} but '{b.Name}' is {Family(b.Kind)}",
                            $"a {Family(a.Kind)} index");
                    return d with { A = a, B = b };
                }
            case PairingSum ps: return new PairingSum(ps.Indices.Select(Settle).ToEquatableList());
            case OrbitSum os: return new OrbitSum(os.Neural.Select(Settle).ToEquatableList(), os.Samples.Select(Settle).ToEquatableList(), Rebuild(os.Body, kernel));
            case Quantity q:
                {
                    var layer = _map.DefaultLayer.Contains(q) && kernel is { } k ? k : q.Layer;
                    return q with { Layer = layer, Indices = q.Indices.Select(Settle).ToEquatableList() };
                }
            case Sum s:
                {
                    var terms = s.Terms.Select(t => Rebuild(t, kernel)).ToList();
                    CheckSameFree(s, terms);
                    return new Sum(terms.ToEquatableList());
                }
            case Product p: return new Product(p.Factors.Select(f => Rebuild(f, kernel)).ToEquatableList());
            case Power p: return new Power(Rebuild(p.Base, kernel), p.Exponent);
            case Quotient q: return new Quotient(Rebuild(q.Numerator, kernel), Rebuild(q.Denominator, kernel));
            case Negate n: return new Negate(Rebuild(n.Operand, kernel));
            case Expectation x: return new Expectation(Rebuild(x.Body, kernel), x.Connected);
            case GaussianExpectation g: return g with { Body = Rebuild(g.Body, g.KernelLayer) };
            case BigO o: return new BigO(Rebuild(o.Scale, kernel));
            case CoefficientC c: return new CoefficientC(c.Points, Rebuild(c.Argument, kernel));
            case LayerRange lr: return lr with { Body = Rebuild(lr.Body, kernel) };
            case DepthPower dp: return dp with { Base = Rebuild(dp.Base, kernel) };
            case IndexSum sum:
                return new IndexSum(sum.Indices.Select(Settle).ToEquatableList(),
                    sum.Lower is { } lo ? Rebuild(lo, kernel) : null,
                    sum.Upper is { } up ? Rebuild(up, kernel) : null,
                    Rebuild(sum.Body, kernel));
            case Identity id:
                {
                    var lhs = Rebuild(id.Lhs, kernel);
                    var rhs = Rebuild(id.Rhs, kernel);
                    var (ln, ls) = FreeIndices.Of(lhs);
                    var (rn, rs) = FreeIndices.Of(rhs);
                    // 0 is the zero of every index structure: E[W_{ij}] = 0 (eq. 3.5).
                    bool zero = lhs is Number { Value.IsZero: true } || rhs is Number { Value.IsZero: true };
                    // A neuron index on one side only names a fixed neuron the other side does not depend on (4.27:
                    // E[σ(z_{i1;α1}) σ(z_{i1;α2})] = ⟨σσ⟩); the identity is claimed for all of its values, so the
                    // checker compares the sides with that index free. Two sides each with an index the other lacks are refused.
                    bool nested = ln.IsSupersetOf(rn) || rn.IsSupersetOf(ln);
                    if (!zero && (!nested || !ls.SetEquals(rs)))
                        throw Error(PositionOf(id),
                            $"the two sides have different free indices: left {FreeIndices.Show(ln, ls)}, right {FreeIndices.Show(rn, rs)}",
                            $"right-hand side with free indices {FreeIndices.Show(ln, ls)}");
                    return new Identity(lhs, rhs, id.Remainder is { } r ? (BigO)Rebuild(r, kernel) : null);
                }
            default: return e;
        }
    }

    /// <summary>
    /// Every term of a sum needs the same free neural indices (sample indices may broadcast: C_b + C_W K_{a b}), except
    /// that a term may lack the fixed neurons of another (3.30: z_j z_j − G_2, constant in j); indices that are not
    /// nested (z_i + z_j) are refused.
    /// </summary>
    private void CheckSameFree(Sum original, List<Expr> terms)
    {
        var sets = terms.Select(t => t is BigO ? null : FreeIndices.Of(t).Neural).ToList();
        var widest = sets.Where(x => x is not null).MaxBy(x => x!.Count);
        HashSet<string>? first = null;
        for (int k = 0; k < terms.Count; k++)
        {
            if (sets[k] is not { } neural) continue;
            if (first is null) { first = neural; continue; }
            if (!(neural.IsSubsetOf(widest!) && first.IsSubsetOf(widest!)))
                throw Error(PositionOf(original.Terms[k]),
                    $"this term has free neural indices {FreeIndices.Show(neural, [])} but the first term has {FreeIndices.Show(first, [])}; all terms of a sum need the same",
                    $"a term with free indices {FreeIndices.Show(first, [])}");
        }
    }
}

/// <summary>Free (unsummed) indices of an expression, split by family.</summary>
public static class FreeIndices
{
    /// <summary>The names of the free neural and sample indices of <paramref name="e"/>.</summary>
    public static (HashSet<string> Neural, HashSet<string> Sample) Of(Expr e)
    {
        var neural = new HashSet<string>(StringComparer.Ordinal);
        var sample = new HashSet<string>(StringComparer.Ordinal);
        Walk(e, neural, sample);
        return (neural, sample);
    }

    private static void Walk(Expr e, HashSet<string> neural, HashSet<string> sample)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        void Add(Index i) => (i.Kind == IndexKind.Neural ? neural : sample).Add(i.Name);
        switch (e)
        {
            case Index i: Add(i); break;
            case Field f: foreach (var i in f.Neural) Add(i); if (f.Sample is { } fs) Add(fs); break;
            case Delta d: Add(d.A); Add(d.B); break;
            case PairingSum ps: foreach (var i in ps.Indices) Add(i); break;
            case OrbitSum os: foreach (var i in os.Neural.Concat(os.Samples)) Add(i); Walk(os.Body, neural, sample); break;
            case Quantity q: foreach (var i in q.Indices) Add(i); break;
            case Sum s: foreach (var t in s.Terms) Walk(t, neural, sample); break;
            case Product p: foreach (var f in p.Factors) Walk(f, neural, sample); break;
            case Power p: Walk(p.Base, neural, sample); break;
            case Quotient q: Walk(q.Numerator, neural, sample); Walk(q.Denominator, neural, sample); break;
            case Negate n: Walk(n.Operand, neural, sample); break;
            case Expectation x: Walk(x.Body, neural, sample); break;
            case GaussianExpectation g: Walk(g.Body, neural, sample); break;
            case CoefficientC c: Walk(c.Argument, neural, sample); break;
            case LayerRange lr: Walk(lr.Body, neural, sample); break;
            case DepthPower dp: Walk(dp.Base, neural, sample); break;
            case Identity id: Walk(id.Lhs, neural, sample); Walk(id.Rhs, neural, sample); break;
            case IndexSum sum:
                {
                    var (n, sm) = Of(sum.Body);
                    foreach (var i in sum.Indices) { n.Remove(i.Name); sm.Remove(i.Name); }
                    neural.UnionWith(n);
                    sample.UnionWith(sm);
                    break;
                }
        }
    }

    /// <summary><c>{i1, i2; a1}</c>.</summary>
    public static string Show(IEnumerable<string> neural, IEnumerable<string> sample)
    {
        string n = string.Join(", ", neural.Order(StringComparer.Ordinal));
        string s = string.Join(", ", sample.Order(StringComparer.Ordinal));
        return s.Length == 0 ? "{" + n + "}" : "{" + n + "; " + s + "}";
    }
}
