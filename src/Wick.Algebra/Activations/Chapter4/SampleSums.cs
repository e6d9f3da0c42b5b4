namespace Wick.Algebra.Activations.Chapter4;

/// <summary>
/// The minimum of sample-index algebra the chapter-4 recursions need (issue 9 builds the general one): dummy sums
/// Σ_{β∈D} over a polynomial in typed atoms. Raised vertices are lowered by their definition (4.120),
/// V^{(β1β2)(β3β4)} = Σ K^{β1γ1}⋯K^{β4γ4} V_{(γ1γ2)(γ3γ4)}; Σ_β K^{αβ} K_{βγ} = δ^α_γ is applied (a dummy on either
/// side renamed away, δ^β_β = N_D); what is left summed is named canonically (~1, ~2, …: the smallest renaming over all
/// permutations of the dummies, slot symmetries applied by the atoms), so equal terms merge. A dummy the rules cannot
/// remove stays summed under its canonical name.
/// </summary>
public static class SampleSums
{
    /// <summary>The prefix of canonical dummy names (never produced by the parser).</summary>
    public const string DummyPrefix = "~";

    /// <summary>True for a canonical dummy name.</summary>
    public static bool IsDummy(string index) => index.StartsWith(DummyPrefix, StringComparison.Ordinal);

    /// <summary>Σ_{dummies} body: every monomial contracted and its remaining dummies named canonically.</summary>
    public static Polynomial Sum(Polynomial body, IReadOnlyCollection<string> dummies)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = Polynomial.Zero;
        int fresh = 0;
        foreach (var (monomial, coefficient) in body.Terms)
        {
            // Rename the summed indices apart from anything else (a fresh ~ name each), then lower and contract.
            var map = dummies.ToDictionary(d => d, _ => $"{DummyPrefix}t{fresh++}");
            var term = Polynomial.FromMonomial(monomial, coefficient).RenameSamples(s => map.TryGetValue(s, out var t) ? t : s);
            foreach (var (m, c) in term.Terms)
            {
                if (m.NegativePart.Symbols.Any(a => a.Samples.Any(IsDummy)))
                    throw new InvalidOperationException($"A summed sample index inside a denominator ({m}) is not contracted.");
                result += Canonical(Contract(Lower(m.PositivePart, ref fresh)), c) * m.NegativePart.Pow(-1);
            }
        }
        return result;
    }

    /// <summary>Every raised vertex written through lowered V and inverse kernels (4.120), with fresh dummies.</summary>
    private static List<Symbol> Lower(Monomial m, ref int fresh)
    {
        var atoms = new List<Symbol>();
        foreach (var (s, e) in m.Factors)
        {
            for (int k = 0; k < e; k++)
            {
                if (s.Kind != AtomKind.RaisedVertex) { atoms.Add(s); continue; }
                var lowered = new List<string>();
                foreach (var b in s.Indices)
                {
                    var g = $"{DummyPrefix}t{fresh++}";
                    atoms.Add(Symbol.InverseKernel(s.Layer!.Value, b, g));
                    lowered.Add(g);
                }
                atoms.Add(Symbol.Vertex(s.Layer!.Value, Enumerable.Range(0, lowered.Count / 2).Select(i => (lowered[2 * i], lowered[2 * i + 1])).ToList()));
            }
        }
        return atoms;
    }

    /// <summary>Applies Σ_β K^{αβ} K_{βγ} = δ^α_γ (same layer) until no rule applies; dummy δ's renamed away.</summary>
    private static List<Symbol> Contract(List<Symbol> atoms)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < atoms.Count && !changed; i++)
            {
                if (atoms[i].Kind != AtomKind.InverseKernel) continue;
                for (int j = 0; j < atoms.Count && !changed; j++)
                {
                    if (atoms[j].Kind != AtomKind.Kernel || atoms[j].Layer != atoms[i].Layer) continue;
                    var b = atoms[i].Indices.Intersect(atoms[j].Indices).FirstOrDefault(IsDummy);
                    if (b is null || Occurrences(atoms, b) != 2) continue;
                    string alpha = Other(atoms[i], b), gamma = Other(atoms[j], b);
                    var rest = atoms.Where((_, k) => k != i && k != j).ToList();
                    atoms = Delta(rest, alpha, gamma);
                    changed = true;
                }
            }
        }
        return atoms;
    }

    private static int Occurrences(List<Symbol> atoms, string index) => atoms.Sum(a => a.Samples.Count(s => s == index));

    private static string Other(Symbol pair, string b) => pair.Indices[0] == b ? pair.Indices[1] : pair.Indices[0];

    /// <summary>δ_{αγ} applied: a dummy side renamed to the other; two free sides kept as a δ; δ^β_β = N_D.</summary>
    private static List<Symbol> Delta(List<Symbol> atoms, string alpha, string gamma)
    {
        if (alpha == gamma)
            return IsDummy(alpha) ? [.. atoms, Symbol.DataSetSize] : atoms;
        if (IsDummy(alpha)) return atoms.Select(a => a.RenameSamples(s => s == alpha ? gamma : s)).ToList();
        if (IsDummy(gamma)) return atoms.Select(a => a.RenameSamples(s => s == gamma ? alpha : s)).ToList();
        return [.. atoms, Symbol.SampleDelta(alpha, gamma)];
    }

    /// <summary>The monomial with its dummies renamed ~1, ~2, … by the smallest renaming (all permutations; at most 6 dummies).</summary>
    private static Polynomial Canonical(List<Symbol> atoms, Rational coefficient)
    {
        var dummies = atoms.SelectMany(a => a.Samples).Where(IsDummy).Distinct().ToList();
        if (dummies.Count > 6) throw new InvalidOperationException($"{dummies.Count} summed sample indices are beyond the canonical-naming budget.");
        Monomial? best = null;
        string? bestKey = null;
        foreach (var perm in Permutations(dummies.Count))
        {
            var map = new Dictionary<string, string>();
            for (int k = 0; k < dummies.Count; k++) map[dummies[k]] = $"{DummyPrefix}{perm[k] + 1}";
            var m = Monomial.One;
            foreach (var a in atoms) m *= Monomial.Of(a.RenameSamples(s => map.TryGetValue(s, out var t) ? t : s));
            string key = m.ToString();
            if (bestKey is null || string.CompareOrdinal(key, bestKey) < 0) { best = m; bestKey = key; }
        }
        return Polynomial.FromMonomial(best ?? Monomial.One, coefficient);
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        yield return (int[])p.Clone();
        while (true)
        {
            int i = n - 2;
            while (i >= 0 && p[i] >= p[i + 1]) i--;
            if (i < 0) yield break;
            int j = n - 1;
            while (p[j] <= p[i]) j--;
            (p[i], p[j]) = (p[j], p[i]);
            Array.Reverse(p, i + 1, n - i - 1);
            yield return (int[])p.Clone();
        }
    }
}
