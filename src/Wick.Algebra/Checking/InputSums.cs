using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Checking;

/// <summary>
/// Sums over the input index with the inputs written out (3.8), (3.18): Σ_{j1…jk} E[W x W x] ⋯ x x. The inputs are data, so
/// they leave E[...] (E[W_{i1j1} x_{j1} W_{i2j2} x_{j2}] = E[W W] x x); the rest is evaluated with the j's free, and in
/// each term its deltas identify the inputs' indices: every x must meet exactly one other x,
/// Σ_j x_{j;α} x_{j;β} = n_0 G^{(0)}_{αβ} (3.9) (one input: n_0 G_2^{(0)}); the other summed indices are summed as usual.
/// </summary>
internal static class InputSums
{
    /// <summary>True when <paramref name="s"/> sums over the index of inputs x written in its body.</summary>
    public static bool Applies(IndexSum s) =>
        SyntaxTree.Nodes(s.Body).OfType<Field>().Any(f => f.Kind == FieldKind.X && f.Neural.Count == 1 && s.Indices.Any(i => i.Name == f.Neural[0].Name));

    /// <summary>The value of the sum (see the class remarks); <paramref name="evaluate"/> and <paramref name="sumOf"/> are the evaluator's.</summary>
    public static TensorPolynomial Of(IndexSum s, Func<Expr, TensorPolynomial> evaluate, Func<IndexSum, TensorPolynomial, TensorPolynomial> sumOf)
    {
        var inputs = new List<Field>();
        var rest = new List<Expr>();
        foreach (var factor in Factors(s.Body))
        {
            if (factor is Field { Kind: FieldKind.X } x) { inputs.Add(x); continue; }
            if (factor is Expectation { Connected: false } e && SyntaxTree.Nodes(e.Body).OfType<Field>().Any(f => f.Kind == FieldKind.X))
            {
                var inside = Factors(e.Body).ToList();
                if (inside.Any(f => f is not Field))
                    throw new EvaluationException("E[...] with inputs x is read for a product of weights and inputs, as E[W_{i1 j1} x_{j1;a1} W_{i2 j2} x_{j2;a2}] (3.8).");
                inputs.AddRange(inside.OfType<Field>().Where(f => f.Kind == FieldKind.X));
                rest.Add(e with { Body = Product.Of([.. inside.Where(f => f is not Field { Kind: FieldKind.X })]) });
                continue;
            }
            rest.Add(factor);
        }
        var summed = s.Indices.Select(i => i.Name).ToHashSet();
        if (inputs.Any(x => x.Neural.Count != 1 || !summed.Contains(x.Neural[0].Name)))
            throw new EvaluationException("an input x in a sum over the input index carries that index: x_{j;a} summed over j (3.8).");
        if (inputs.Select(x => x.Sample is null).Distinct().Count() > 1)
            throw new EvaluationException("inputs with and without a sample index: write x_{j;a} for several inputs or x_j for one.");
        var value = evaluate(rest.Count == 0 ? new Number(Rational.One) : Product.Of([.. rest]));
        if (value.PairingTerms.Count > 0)
            throw new EvaluationException("a sum over the input index of a pairing tensor: write its deltas out.");
        var total = TensorPolynomial.Zero;
        foreach (var (deltas, coefficient) in value.Terms)
            total += Contract(s, deltas, coefficient, inputs, summed, evaluate, sumOf);
        return total;
    }

    // One term: the inputs paired through the deltas' blocks, the blocks they used removed, the other summed indices summed.
    private static TensorPolynomial Contract(IndexSum s, DeltaProduct deltas, Polynomial coefficient, List<Field> inputs, HashSet<string> summed,
        Func<Expr, TensorPolynomial> evaluate, Func<IndexSum, TensorPolynomial, TensorPolynomial> sumOf)
    {
        var blocks = deltas.Blocks();
        IReadOnlyList<string> BlockOf(string j) => blocks.FirstOrDefault(b => b.Contains(j)) ?? [j];
        var term = TensorPolynomial.Term(DeltaProduct.One, coefficient);
        var used = new HashSet<string>();
        foreach (var group in inputs.GroupBy(x => string.Join(" ", BlockOf(x.Neural[0].Name))))
        {
            var pair = group.ToList();
            var block = BlockOf(pair[0].Neural[0].Name);
            if (pair.Count != 2 || block.Any(j => !summed.Contains(j)))
                throw new EvaluationException($"the input index {pair[0].Neural[0].Name} meets {pair.Count - 1} other input(s): only pairs sum to the input metric, sum_j x_{{j;a}} x_{{j;b}} = n_0 G^(0)_{{a b}} (3.9).");
            used.UnionWith(block);
            var samples = pair.Where(x => x.Sample is not null).Select(x => x.Sample!).ToEquatableList();
            var metric = new Quantity(QuantityKind.G, Layer.Concrete(0), 2, samples);
            term = SampleAlgebra.Multiply(term, evaluate(Product.Of([new SymbolRef(Symbol.Width(Layer.Concrete(0))), metric])));
        }
        var kept = DeltaProduct.FromPairs(deltas.Pairs.Where(p => !used.Contains(p.A) && !used.Contains(p.B)));
        term = SampleAlgebra.Multiply(term, TensorPolynomial.Term(kept, Polynomial.One));
        var others = s.Indices.Where(i => !used.Contains(i.Name)).ToEquatableList();
        return others.Count == 0 ? term : sumOf(s with { Indices = others }, term);
    }

    private static IEnumerable<Expr> Factors(Expr e)
    {
        switch (e)
        {
            case Product p:
                foreach (var f in p.Factors) foreach (var g in Factors(f)) yield return g;
                break;
            case Quotient { Numerator: var n, Denominator: var d }:
                foreach (var g in Factors(n)) yield return g;
                yield return new Quotient(new Number(Rational.One), d);
                break;
            default:
                yield return e;
                break;
        }
    }
}
