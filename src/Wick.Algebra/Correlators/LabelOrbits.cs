using Wick.Algebra.Pairings;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Correlators;

/// <summary>
/// The relabelling symmetry of a correlator E[z_{i1;α1} ⋯ z_{i2m;α2m}]: the permutations σ of its fields that carry
/// equal sample labels to equal labels. The fields commute, so the correlator is unchanged when σ moves every neural
/// index i_k to i_{σ(k)} and every label value α_k to α_{σ(k)} (a well-defined relabelling λ_σ of the label values).
/// The terms δ(π) F_π of (4.42) therefore come in orbits: F_{σπ} = λ_σ F_π, so F is derived once per orbit.
/// Distinct labels give the whole symmetric group (105 pairings of 8 fields: one orbit).
/// </summary>
public sealed class PointSymmetry
{
    private PointSymmetry(IReadOnlyList<FieldPoint> points, IReadOnlyList<int[]> generators)
    {
        Points = points;
        Generators = generators;
    }

    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<FieldPoint> Points { get; }

    /// <summary>Generators of the group: adjacent transpositions within a label class, and swaps of equal-sized classes.</summary>
    public IReadOnlyList<int[]> Generators { get; }

    /// <summary>
    /// The symmetry of the points, or null when it does not apply: a single input, a field without a label, or a
    /// neural index repeated (then δ's collapse and σ would not be a relabelling of indices).
    /// </summary>
    public static PointSymmetry? Of(IReadOnlyList<FieldPoint> points)
    {
        if (points.Count == 0 || points.Any(p => p.Sample is null)) return null;
        if (points.Select(p => p.Neural).Distinct(StringComparer.Ordinal).Count() != points.Count) return null;
        var classes = points.Select((p, k) => (p.Sample!, k)).GroupBy(x => x.Item1, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.k).ToArray()).ToList();
        int n = points.Count;
        var generators = new List<int[]>();
        foreach (var c in classes)
            for (int j = 0; j + 1 < c.Length; j++) generators.Add(Swap(n, [(c[j], c[j + 1])]));
        var bySize = classes.GroupBy(c => c.Length);
        foreach (var same in bySize)
        {
            var list = same.ToList();
            for (int j = 0; j + 1 < list.Count; j++)
                generators.Add(Swap(n, list[j].Zip(list[j + 1]).ToList()));
        }
        return new PointSymmetry(points, generators);
    }

    private static int[] Swap(int n, IReadOnlyList<(int, int)> pairs)
    {
        var s = Enumerable.Range(0, n).ToArray();
        foreach (var (a, b) in pairs) { s[a] = b; s[b] = a; }
        return s;
    }

    /// <summary>σ ∘ τ (apply τ first).</summary>
    public static int[] Compose(int[] sigma, int[] tau)
    {
        var r = new int[tau.Length];
        for (int k = 0; k < tau.Length; k++) r[k] = sigma[tau[k]];
        return r;
    }

    /// <summary>σπ: the pairs (σa, σb).</summary>
    public static Pairing Apply(int[] sigma, Pairing pi) =>
        Pairing.FromPairs(pi.PointCount, pi.Pairs.Select(p => (sigma[p.First], sigma[p.Second])));

    /// <summary>λ_σ: the label value of point k goes to the label value of point σ(k) (well defined on the group).</summary>
    public Func<string, string> LabelMap(int[] sigma)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 0; k < sigma.Length; k++) map[Points[k].Sample!] = Points[sigma[k]].Sample!;
        return s => map.TryGetValue(s, out var t) ? t : s;
    }

    /// <summary>The δ product of a pairing on the points' neural indices.</summary>
    public DeltaProduct Deltas(Pairing pi) => DeltaProduct.FromPairs(pi.Pairs.Select(pr => (Points[pr.First].Neural, Points[pr.Second].Neural)));

    /// <summary>
    /// The orbits of the pairings of the points, each with a carrier σ for every member (σ · representative = member):
    /// a breadth-first search over the generators.
    /// </summary>
    public IReadOnlyList<PairingOrbit> PairingOrbits(IEnumerable<Pairing> pairings)
    {
        var seen = new HashSet<Pairing>();
        var orbits = new List<PairingOrbit>();
        var identity = Enumerable.Range(0, Points.Count).ToArray();
        foreach (var start in pairings)
        {
            if (!seen.Add(start)) continue;
            var members = new List<(Pairing, int[])> { (start, identity) };
            for (int head = 0; head < members.Count; head++)
            {
                var (p, carrier) = members[head];
                foreach (var g in Generators)
                {
                    var image = Apply(g, p);
                    if (seen.Add(image)) members.Add((image, Compose(g, carrier)));
                }
            }
            orbits.Add(new PairingOrbit(start, members));
        }
        return orbits;
    }
}

/// <summary>One orbit of pairings under a <see cref="PointSymmetry"/>: its representative and every member with a carrier.</summary>
public sealed record PairingOrbit(Pairing Representative, IReadOnlyList<(Pairing Member, int[] Carrier)> Members)
{
    /// <summary>The number of pairings in the orbit.</summary>
    public int Size => Members.Count;
}

/// <summary>
/// One orbit term of a correlator: δ(π) F_π for the representative π, standing for Σ over the orbit of
/// δ(σπ) λ_σ F_π (each distinct δ product once).
/// </summary>
public sealed record OrbitTerm(PairingOrbit Orbit, Polynomial Coefficient)
{
    /// <summary>The representative's pairing.</summary>
    public Pairing Representative => Orbit.Representative;
}

/// <summary>
/// A correlator of several inputs kept as orbits of its terms under the relabelling symmetry (<see cref="PointSymmetry"/>):
/// memory and printed size scale with the number of orbits, not with the (2m−1)!! pairings. <see cref="Expand"/> writes
/// every term out (the cross-check route and the <c>--expand-orbits</c> form).
/// </summary>
public sealed class OrbitTensor(PointSymmetry symmetry, IReadOnlyList<OrbitTerm> terms)
{
    /// <summary>The relabelling symmetry of the points.</summary>
    public PointSymmetry Symmetry { get; } = symmetry;

    /// <summary>One term per orbit of pairings (zero coefficients dropped).</summary>
    public IReadOnlyList<OrbitTerm> Terms { get; } = terms.Where(t => !t.Coefficient.IsZero).ToList();

    /// <summary>The number of δ products the orbits stand for.</summary>
    public int ExpandedCount => Terms.Sum(t => t.Orbit.Size);

    /// <summary>The same orbits with <paramref name="f"/> applied to each coefficient (f must commute with relabelling).</summary>
    public OrbitTensor Map(Func<Polynomial, Polynomial> f) => new(Symmetry, Terms.Select(t => t with { Coefficient = f(t.Coefficient) }).ToList());

    /// <summary>Every term written out: Σ_orbits Σ_members δ(σπ) λ_σ F_π.</summary>
    public TensorPolynomial Expand() => TensorPolynomial.FromTerms(Terms.SelectMany(t => t.Orbit.Members.Select(m =>
        (Symmetry.Deltas(m.Member), t.Coefficient.RenameSamples(Symmetry.LabelMap(m.Carrier))))));

    /// <summary>The δ product of a term's representative.</summary>
    public DeltaProduct Deltas(OrbitTerm term) => Symmetry.Deltas(term.Representative);
}

/// <summary>
/// The relabellings of sample labels that map a multiset of label pairs to itself — for the pairs of a δ product's
/// representative, exactly how its stabiliser acts on the coefficient F_π (swap within a pair, permute pairs: the slot
/// symmetries of V_{(α1α2)(α3α4)} (4.42)). A coefficient invariant under them is printed as orbits of its monomials.
/// </summary>
public sealed class PairSymmetry
{
    private PairSymmetry(IReadOnlyList<(string, string)> pairs, IReadOnlyList<Dictionary<string, string>> elements, IReadOnlyList<Dictionary<string, string>> generators)
    {
        Pairs = pairs;
        Elements = elements;
        Generators = generators;
    }

    /// <summary>The label pairs.</summary>
    public IReadOnlyList<(string A, string B)> Pairs { get; }

    /// <summary>Every relabelling in the group (identity first).</summary>
    public IReadOnlyList<Dictionary<string, string>> Elements { get; }

    /// <summary>A small generating set.</summary>
    public IReadOnlyList<Dictionary<string, string>> Generators { get; }

    /// <summary>The group order.</summary>
    public int Order => Elements.Count;

    /// <summary>At most this many distinct labels (8! relabellings are tried).</summary>
    public const int MaxLabels = 8;

    /// <summary>The relabellings preserving the multiset of <paramref name="pairs"/> (all label permutations tried, as integers).</summary>
    public static PairSymmetry Of(IReadOnlyList<(string, string)> pairs)
    {
        var labels = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length > MaxLabels) throw new ArgumentException($"At most {MaxLabels} distinct labels.", nameof(pairs));
        var index = labels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k, StringComparer.Ordinal);
        var coded = pairs.Select(p => (index[p.Item1], index[p.Item2])).ToArray();
        var key = Codes(coded, Enumerable.Range(0, labels.Length).ToArray());
        var elements = SampleAlgebra.Permutations(labels.Length).Where(perm => Codes(coded, perm).AsSpan().SequenceEqual(key)).ToList();
        Dictionary<string, string> Map(int[] perm) => labels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => labels[perm[x.k]], StringComparer.Ordinal);
        return new PairSymmetry(pairs, elements.Select(Map).ToList(), GeneratingSet(elements).Select(Map).ToList());
    }

    // The sorted codes min·16 + max of the mapped pairs: equal for relabellings preserving the multiset.
    private static int[] Codes((int, int)[] pairs, int[] perm)
    {
        var codes = new int[pairs.Length];
        for (int k = 0; k < pairs.Length; k++)
        {
            int a = perm[pairs[k].Item1], b = perm[pairs[k].Item2];
            codes[k] = Math.Min(a, b) * 16 + Math.Max(a, b);
        }
        Array.Sort(codes);
        return codes;
    }

    // Adds an element whenever the generators so far do not reach it, and closes the group again (BFS from the identity).
    private static List<int[]> GeneratingSet(List<int[]> elements)
    {
        var gens = new List<int[]>();
        var generated = new HashSet<string> { string.Join(",", elements[0]) };
        foreach (var e in elements)
        {
            if (generated.Contains(string.Join(",", e))) continue;
            gens.Add(e);
            var closure = new List<int[]> { elements[0] };
            generated = [string.Join(",", elements[0])];
            for (int head = 0; head < closure.Count; head++)
                foreach (var g in gens)
                {
                    var c = closure[head];
                    var product = c.Select(x => g[x]).ToArray();
                    if (generated.Add(string.Join(",", product))) closure.Add(product);
                }
        }
        return gens;
    }

    /// <summary>
    /// The polynomial as orbits of its monomials: (coefficient, representative monomial, orbit size) — or null when the
    /// polynomial is not invariant (an image is missing or carries another coefficient).
    /// </summary>
    public IReadOnlyList<(Rational Coefficient, Monomial Representative, int Size)>? Orbits(Polynomial p)
    {
        var coefficients = p.Terms.ToDictionary(t => t.Monomial, t => t.Coefficient);
        var seen = new HashSet<Monomial>();
        var result = new List<(Rational, Monomial, int)>();
        foreach (var (m, c) in p.Terms)
        {
            if (seen.Contains(m)) continue;
            var orbit = OrbitOf(m);
            foreach (var image in orbit)
            {
                if (!coefficients.TryGetValue(image, out var ci) || ci != c) return null;
                seen.Add(image);
            }
            result.Add((c, m, orbit.Count));
        }
        return result;
    }

    /// <summary>The distinct images of a monomial (breadth-first over the generators).</summary>
    public List<Monomial> OrbitOf(Monomial m)
    {
        var list = new List<Monomial> { m };
        var seen = new HashSet<Monomial> { m };
        for (int head = 0; head < list.Count; head++)
            foreach (var g in Generators)
            {
                var image = Rename(list[head], g);
                if (seen.Add(image)) list.Add(image);
            }
        return list;
    }

    /// <summary>The distinct images of a polynomial under the group, summed.</summary>
    public Polynomial OrbitSum(Polynomial p)
    {
        var list = new List<Polynomial> { p };
        var seen = new HashSet<Polynomial> { p };
        for (int head = 0; head < list.Count; head++)
            foreach (var g in Generators)
            {
                var image = list[head].RenameSamples(s => g.TryGetValue(s, out var t) ? t : s);
                if (seen.Add(image)) list.Add(image);
            }
        return Polynomial.Sum(list);
    }

    private static Monomial Rename(Monomial m, Dictionary<string, string> g) =>
        Monomial.FromFactors(m.Factors.Select(f => (f.Symbol.RenameSamples(s => g.TryGetValue(s, out var t) ? t : s), f.Exponent)));
}
