using Wick.Algebra.Correlators;

namespace Wick.Algebra.Syntax;

/// <summary>
/// Correlators of several inputs as orbit sums (issue 16): one <c>orbit_{i1;a1 …}[δ(π) F_π]</c> per orbit of pairings
/// under the relabelling symmetry, and inside F_π one <c>c orbit_{(a1 a2)(a3 a4)…}[monomial]</c> per orbit of its
/// monomials under the relabellings that fix the δ product. Printed size scales with the number of orbits; everything
/// reads back (<see cref="OrbitSum"/>) and <c>wick check</c> expands it.
/// </summary>
public static class OrbitSyntax
{
    /// <summary>The correlator: Σ over orbits; an orbit of one pairing is written as its term.</summary>
    public static Expr ToExpr(OrbitTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Terms.Count == 0) return new Number(Rational.Zero);
        var points = tensor.Symmetry.Points;
        var neural = points.Select(p => Neural(p.Neural)).ToEquatableList();
        var samples = points.Select(p => Sample(p.Sample!)).ToEquatableList();
        var terms = new List<Expr>();
        foreach (var term in tensor.Terms)
        {
            var pairs = term.Representative.Pairs;
            var deltas = tensor.Deltas(term).Pairs.Select(d => (Expr)new Delta(Neural(d.A), Neural(d.B)));
            var labelPairs = pairs.Select(p => (points[p.First].Sample!, points[p.Second].Sample!)).ToList();
            var body = PolynomialSyntax.Times([.. deltas, Coefficient(term.Coefficient, labelPairs)]);
            terms.Add(term.Orbit.Size == 1 ? body : new OrbitSum(neural, samples, body));
        }
        return terms.Count == 1 ? terms[0] : new Sum(terms.ToEquatableList());
    }

    /// <summary>
    /// A coefficient with its monomials grouped into orbits under the relabellings preserving <paramref name="labelPairs"/>
    /// (<see cref="PairSymmetry"/>): <c>C_W^4 orbit_{(a1 a2)(a3 a4)…}[K_{a1 a3} V6_{…}]/n^3</c>; written out when it is not
    /// invariant or no orbit has more than one monomial.
    /// </summary>
    public static Expr Coefficient(Polynomial p, IReadOnlyList<(string, string)> labelPairs)
    {
        ArgumentNullException.ThrowIfNull(p);
        var symmetry = PairSymmetry.Of(labelPairs);
        var orbits = symmetry.Order > 1 ? symmetry.Orbits(p) : null;
        if (orbits is null || orbits.All(o => o.Size == 1) || p.Terms.Any(t => t.Monomial.Factors.Any(f => IsLabelled(f.Symbol) && f.Exponent < 0)))
            return PolynomialSyntax.ToExpr(p);
        var group = labelPairs.SelectMany(l => new[] { Sample(l.Item1), Sample(l.Item2) }).ToEquatableList();
        var neural = EquatableList<Index>.Empty;
        var terms = new List<Expr>();
        foreach (var (c, m, size) in orbits)
        {
            Expr body;
            if (size == 1) body = PolynomialSyntax.TermBody(c, m);
            else
            {
                var labelled = Monomial.FromFactors(m.Factors.Where(f => IsLabelled(f.Symbol)));
                var rest = Monomial.FromFactors(m.Factors.Where(f => !IsLabelled(f.Symbol)));
                var orbit = new OrbitSum(neural, group, PolynomialSyntax.ToExpr(Polynomial.FromMonomial(labelled)));
                body = PolynomialSyntax.TermBody(c, rest, orbit);
            }
            terms.Add(c.Sign < 0 ? new Negate(body) : body);
        }
        return terms.Count == 1 ? terms[0] : new Sum(terms.ToEquatableList());
    }

    private static bool IsLabelled(Symbol s) => s.Indices.Count > 0;

    private static Index Neural(string name) => new(name, IndexKind.Neural, null);

    private static Index Sample(string name) => new(name, IndexKind.Sample, null);
}
