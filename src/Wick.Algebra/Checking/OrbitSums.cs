using Wick.Algebra.Correlators;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Checking;

/// <summary>
/// The value of <c>orbit_{…}[body]</c> (issue 16): the sum of the distinct images of the evaluated body under the
/// group of the subscript (<see cref="OrbitSum"/>). A body δ(π) F over points whose F is invariant under the
/// relabellings fixing π takes one image per pairing of the orbit; anything else is searched image by image.
/// </summary>
public static class OrbitSums
{
    /// <summary>Images are searched breadth first up to this many (8 fields: at most 105 pairings; 8 labels: 384 relabellings).</summary>
    public const int MaxImages = 50_000;

    /// <summary>Σ of the distinct images of <paramref name="body"/> under the group of <paramref name="orbit"/>.</summary>
    public static TensorPolynomial Of(OrbitSum orbit, TensorPolynomial body)
    {
        ArgumentNullException.ThrowIfNull(orbit);
        ArgumentNullException.ThrowIfNull(body);
        if (body.PairingTerms.Count > 0)
            throw new EvaluationException("orbit_{...}[...] of a kept pairing tensor: write the body with explicit deltas.");
        if (!orbit.OverPoints) return OverLabelPairs(orbit, body);
        if (orbit.Neural.Count != orbit.Samples.Count)
            throw new EvaluationException("orbit_{i1;a1 i2;a2 ...}: every point is a neural index and its sample label.");
        var points = orbit.Neural.Zip(orbit.Samples, (i, a) => new FieldPoint(i.Name, a.Name)).ToList();
        var symmetry = PointSymmetry.Of(points)
            ?? throw new EvaluationException("orbit_{i1;a1 i2;a2 ...} needs distinct neural indices (one per field).");
        if (body.Terms.Count == 1 && PairingOf(points, body.Terms[0].Deltas) is { } pi && Invariant(body.Terms[0].Coefficient, symmetry, pi))
        {
            var f = body.Terms[0].Coefficient;
            var orbitOfPi = symmetry.PairingOrbits([pi]).Single();
            return TensorPolynomial.FromTerms(orbitOfPi.Members.Select(m => (symmetry.Deltas(m.Member), f.RenameSamples(symmetry.LabelMap(m.Carrier)))));
        }
        return Images(body, symmetry.Generators.Select(g =>
        {
            var labels = symmetry.LabelMap(g);
            var neural = points.Select((p, k) => (p.Neural, points[g[k]].Neural)).ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
            return (Func<TensorPolynomial, TensorPolynomial>)(t => Rename(t, s => neural.TryGetValue(s, out var r) ? r : s, labels));
        }).ToList());
    }

    private static TensorPolynomial OverLabelPairs(OrbitSum orbit, TensorPolynomial body)
    {
        var pairs = orbit.LabelPairs;
        if (pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct(StringComparer.Ordinal).Count() > PairSymmetry.MaxLabels)
            throw new EvaluationException($"orbit_{{(a1 a2)...}} over more than {PairSymmetry.MaxLabels} distinct labels is not expanded.");
        var symmetry = PairSymmetry.Of(pairs);
        return Images(body, symmetry.Generators.Select(g =>
            (Func<TensorPolynomial, TensorPolynomial>)(t => Rename(t, s => s, s => g.TryGetValue(s, out var r) ? r : s))).ToList());
    }

    /// <summary>The pairing of the points whose δ product is <paramref name="deltas"/>, or null.</summary>
    private static Wick.Algebra.Pairings.Pairing? PairingOf(IReadOnlyList<FieldPoint> points, DeltaProduct deltas)
    {
        var at = points.Select((p, k) => (p.Neural, k)).ToDictionary(x => x.Neural, x => x.k, StringComparer.Ordinal);
        var pairs = new List<(int, int)>();
        foreach (var (a, b) in deltas.Pairs)
        {
            if (!at.TryGetValue(a, out int x) || !at.TryGetValue(b, out int y)) return null;
            pairs.Add((x, y));
        }
        if (pairs.Count * 2 != points.Count || pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().Count() != points.Count) return null;
        return Wick.Algebra.Pairings.Pairing.FromPairs(points.Count, pairs);
    }

    // F invariant under the relabellings that fix π: those act on F exactly as the label-pair symmetry of π.
    private static bool Invariant(Polynomial f, PointSymmetry symmetry, Wick.Algebra.Pairings.Pairing pi)
    {
        var pairs = pi.Pairs.Select(p => (symmetry.Points[p.First].Sample!, symmetry.Points[p.Second].Sample!)).ToList();
        return PairSymmetry.Of(pairs).Generators.All(g => f.RenameSamples(s => g.TryGetValue(s, out var r) ? r : s).Equals(f));
    }

    private static TensorPolynomial Images(TensorPolynomial body, IReadOnlyList<Func<TensorPolynomial, TensorPolynomial>> generators)
    {
        var list = new List<TensorPolynomial> { body };
        var seen = new HashSet<TensorPolynomial> { body };
        for (int head = 0; head < list.Count; head++)
            foreach (var g in generators)
            {
                var image = g(list[head]);
                if (!seen.Add(image)) continue;
                if (list.Count >= MaxImages) throw new EvaluationException($"orbit_{{...}}[...] has more than {MaxImages} distinct images: not expanded.");
                list.Add(image);
            }
        return list.Aggregate(TensorPolynomial.Zero, (acc, t) => acc + t);
    }

    private static TensorPolynomial Rename(TensorPolynomial t, Func<string, string> neural, Func<string, string> labels) =>
        TensorPolynomial.FromTerms(t.Terms.Select(x => (x.Deltas.Rename(neural), x.Coefficient.RenameSamples(labels))));
}

/// <summary>
/// Issue 16: an identity E[z_{i1;a1} ⋯ z_{i2m;a2m}] = Σ orbit_{i1;a1 …}[…] over the same fields has both sides invariant
/// under the relabellings of the fields (<see cref="PointSymmetry"/>): the correlator because its fields commute, each
/// orbit sum by construction. Two invariant tensors agree iff their coefficients agree at one δ product per orbit of
/// pairings, so <c>check</c> lowers and compares only those (the rest are relabelled copies).
/// </summary>
public static class OrbitComparison
{
    /// <summary>What the check report says about the restricted comparison.</summary>
    public const string Note = "compared at one delta product per orbit of relabellings of the fields (both sides are sums over such orbits)";

    /// <summary>The representatives' δ products when the identity has that form; null otherwise.</summary>
    public static IReadOnlySet<DeltaProduct>? Representatives(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.Lhs is not Expectation { Connected: false } x) return null;
        var fields = x.Body switch { Field f => [f], Product p when p.Factors.All(f => f is Field) => p.Factors.Cast<Field>().ToList(), _ => null };
        if (fields is null || fields.Any(f => f.Kind != FieldKind.Z || f.Neural.Count != 1 || f.Sample is null)) return null;
        var points = fields.Select(f => new FieldPoint(f.Neural[0].Name, f.Sample!.Name)).ToList();
        if (PointSymmetry.Of(points) is not { } symmetry) return null;
        IReadOnlyList<Expr> terms = identity.Rhs is Sum s ? s.Terms : [identity.Rhs];
        var set = points.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        foreach (var t in terms)
        {
            if (t is not OrbitSum { OverPoints: true } o || o.Neural.Count != o.Samples.Count) return null;
            var own = o.Neural.Zip(o.Samples, (i, a) => new FieldPoint(i.Name, a.Name).ToString()).Order(StringComparer.Ordinal).ToList();
            if (!own.SequenceEqual(set, StringComparer.Ordinal)) return null;
        }
        return symmetry.PairingOrbits(Pairings.PairingEnumerator.Default.Enumerate(points.Count))
            .Select(o => symmetry.Deltas(o.Representative)).ToHashSet();
    }

    /// <summary>The terms of <paramref name="t"/> on the given δ products.</summary>
    public static TensorPolynomial Restrict(TensorPolynomial t, IReadOnlySet<DeltaProduct> deltas)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.PairingTerms.Count > 0) throw new EvaluationException("orbit comparison of a kept pairing tensor: write the deltas out.");
        return TensorPolynomial.FromTerms(t.Terms.Where(term => deltas.Contains(term.Deltas)));
    }
}
