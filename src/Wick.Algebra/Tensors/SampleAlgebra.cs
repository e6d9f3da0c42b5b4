namespace Wick.Algebra.Tensors;

/// <summary>
/// The sample-index algebra of chapter 4: free sample indices α, β (the ASCII names a, b, a1, …) and dummy indices
/// summed over the data set, Σ_{β∈D}. A dummy lives inside one monomial and is spelled <c>#1</c>, <c>#2</c>, … (a
/// name no input can write); a monomial is summed over all its dummies. Canonical form of a monomial (FORM-style:
/// sort-and-merge is the simplifier):
/// <list type="number">
/// <item>sample deltas applied: Σ_β δ_{αβ} X_β = X_α; δ_{ββ} summed = N_D; δ_{αα} = 1; δ² = δ;</item>
/// <item>inverse kernels contracted: Σ_β K^{αβ} K_{βγ} = δ^α_γ (4.46), a Kronecker delta like δ_{αγ};</item>
/// <item>free deltas δ_{αβ} (both free) kept, and β renamed to α in every other factor (α the smaller name);</item>
/// <item>dummies renumbered #1, #2, … by the permutation that gives the smallest monomial — the slot symmetries of
/// each atom (K symmetric, V within and between pairs, identical factors in ⟨…⟩) are already in its canonical
/// form, so equal terms become equal monomials and merge.</item>
/// </list>
/// Neural indices never appear here: they live in <see cref="DeltaProduct"/>.
/// </summary>
public static class SampleAlgebra
{
    /// <summary>True for a dummy (summed) sample index.</summary>
    public static bool IsDummy(string index) => index.Length > 1 && index[0] == '#';

    /// <summary>The k-th dummy (k ≥ 1).</summary>
    public static string Dummy(int k) => "#" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="s"/> takes part in the sample algebra (a delta, an inverse kernel, or a dummy index).</summary>
    public static bool IsSampleStructured(Symbol s) =>
        s.Kind is AtomKind.SampleDelta or AtomKind.InverseKernel or AtomKind.DataSetSize || s.Samples.Any(IsDummy);

    /// <summary>True when some atom of <paramref name="p"/> takes part in the sample algebra.</summary>
    public static bool HasSampleStructure(Polynomial p) => p.Symbols.Any(IsSampleStructured);

    /// <summary>True when some coefficient of <paramref name="t"/> takes part in the sample algebra.</summary>
    public static bool HasSampleStructure(TensorPolynomial t) => t.Coefficients.Any(HasSampleStructure);

    /// <summary>δ_{αβ} with both indices free (δ_{αα} = 1).</summary>
    public static Polynomial Delta(string a, string b) => a == b ? Polynomial.One : Canonicalize(Polynomial.Var(Symbol.SampleDelta(a, b)));

    /// <summary>Σ_{index∈D} p: the index becomes a dummy; where it does not occur, the term gets a factor N_D.</summary>
    public static Polynomial SumOver(Polynomial p, string index)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentException.ThrowIfNullOrEmpty(index);
        if (IsDummy(index)) throw new ArgumentException($"'{index}' is already summed.", nameof(index));
        var terms = new List<(Monomial, Rational)>();
        foreach (var (m, c) in p.Terms)
        {
            var symbols = m.Factors.Select(f => f.Symbol).ToList();
            if (!symbols.Any(s => s.Samples.Contains(index)))
            {
                terms.Add((m * Monomial.Of(Symbol.DataSetSize), c));
                continue;
            }
            string fresh = Dummy(MaxDummy(m) + 1);
            var renamed = Monomial.FromFactors(m.Factors.Select(f => (f.Symbol.RenameSamples(x => x == index ? fresh : x), f.Exponent)));
            terms.Add((CanonicalizeMonomial(renamed), c));
        }
        return Polynomial.FromTerms(terms);
    }

    /// <summary>Σ_{index∈D} applied to every coefficient.</summary>
    public static TensorPolynomial SumOver(TensorPolynomial t, string index) => t.Map(c => SumOver(c, index));

    /// <summary>The product with the dummies of <paramref name="b"/> renamed apart from those of <paramref name="a"/>, canonicalised.</summary>
    public static Polynomial Multiply(Polynomial a, Polynomial b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!HasSampleStructure(a) && !HasSampleStructure(b)) return Canonicalize(a * b);
        int shift = a.Terms.Select(t => MaxDummy(t.Monomial)).DefaultIfEmpty(0).Max();
        var apart = shift == 0 ? b : b.RenameSamples(x => IsDummy(x) ? Dummy(DummyNumber(x) + shift) : x);
        return Canonicalize(a * apart);
    }

    /// <summary>The tensor product, sample dummies renamed apart and every coefficient canonicalised.</summary>
    public static TensorPolynomial Multiply(TensorPolynomial a, TensorPolynomial b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!HasSampleStructure(a) && !HasSampleStructure(b)) return Canonicalize(a * b);
        if (a.PairingTerms.Count > 0 || b.PairingTerms.Count > 0)
        {
            // A pairing tensor (neural indices only) multiplies scalars; the tensor product itself refuses the rest.
            if (b.TryGetScalar(out var sb)) return a.Map(x => Multiply(x, sb));
            if (a.TryGetScalar(out var sa)) return b.Map(x => Multiply(sa, x));
            return a * b;
        }
        return TensorPolynomial.FromTerms(from x in a.Terms from y in b.Terms select (x.Deltas.Times(y.Deltas), Multiply(x.Coefficient, y.Coefficient)));
    }

    /// <summary>Integer power ≥ 0 with every copy's dummies renamed apart.</summary>
    public static TensorPolynomial Pow(TensorPolynomial t, int exponent)
    {
        if (exponent < 0) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "Only non-negative powers of a sample tensor.");
        var r = TensorPolynomial.Scalar(Polynomial.One);
        for (int k = 0; k < exponent; k++) r = Multiply(r, t);
        return r;
    }

    /// <summary>Every coefficient in canonical form.</summary>
    public static TensorPolynomial Canonicalize(TensorPolynomial t) => t.Map(Canonicalize);

    /// <summary>Every monomial in canonical form (see the type remarks); terms that become equal merge.</summary>
    public static Polynomial Canonicalize(Polynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!p.Symbols.Any(s => s.Kind is AtomKind.SampleDelta or AtomKind.InverseKernel || s.Samples.Any(IsDummy))) return p;
        return Polynomial.FromTerms(p.Terms.Select(t => (CanonicalizeMonomial(t.Monomial), t.Coefficient)));
    }

    /// <summary>The canonical form of one monomial (deltas applied, K^{-1}K contracted, free deltas propagated, dummies renumbered).</summary>
    public static Monomial CanonicalizeMonomial(Monomial m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var factors = m.Factors.ToList();
        for (int guard = 0; guard < 10_000; guard++)
        {
            if (ApplyDelta(factors) || Contract(factors)) continue;
            PropagateFreeDeltas(factors);
            return RenumberDummies(Monomial.FromFactors(factors));
        }
        throw new InvalidOperationException("Sample-index canonicalisation did not terminate.");
    }

    // δ_{x #k}: #k ↦ x everywhere; δ_{#k #k} = N_D; δ_{aa} = 1; δ^e = δ (e ≥ 1).
    private static bool ApplyDelta(List<(Symbol Symbol, int Exponent)> factors)
    {
        for (int i = 0; i < factors.Count; i++)
        {
            var (s, e) = factors[i];
            if (s.Kind != AtomKind.SampleDelta) continue;
            if (e < 0) throw new ArgumentException($"A Kronecker delta {s} in a denominator has no value.");
            string x = s.Indices[0], y = s.Indices[1];
            if (x == y)
            {
                if (IsDummy(x)) factors[i] = (Symbol.DataSetSize, 1); // Σ_β δ_ββ = N_D (δ^e = δ first)
                else factors.RemoveAt(i);                            // δ_αα = 1
                Merge(factors);
                return true;
            }
            if (!IsDummy(x) && !IsDummy(y))
            {
                if (e == 1) continue;
                factors[i] = (s, 1);
                return true;
            }
            string from = IsDummy(y) ? y : x, to = from == y ? x : y;
            factors.RemoveAt(i);
            if (e > 1) throw new ArgumentException($"{s}^{e}: a summed index occurs more than twice.");
            for (int k = 0; k < factors.Count; k++)
                factors[k] = (factors[k].Symbol.RenameSamples(z => z == from ? to : z), factors[k].Exponent);
            Merge(factors);
            return true;
        }
        return false;
    }

    // Σ_β K_{(ℓ)}^{αβ} K^{(ℓ)}_{βγ} = δ^α_γ (4.46), for a dummy β that occurs in exactly these two slots.
    private static bool Contract(List<(Symbol Symbol, int Exponent)> factors)
    {
        for (int i = 0; i < factors.Count; i++)
        {
            var (inv, ei) = factors[i];
            if (inv.Kind != AtomKind.InverseKernel || ei != 1) continue;
            foreach (var d in inv.Indices.Where(IsDummy).Distinct())
            {
                if (inv.Indices[0] == inv.Indices[1]) continue;
                int j = factors.FindIndex(f => f.Symbol.Kind == AtomKind.Kernel && f.Exponent == 1 && f.Symbol.Layer == inv.Layer
                    && f.Symbol.Indices.Count(x => x == d) == 1);
                if (j < 0 || factors.Where((f, k) => k != i && k != j).Any(f => f.Symbol.Samples.Contains(d))) continue;
                string upper = inv.Indices[0] == d ? inv.Indices[1] : inv.Indices[0];
                var k2 = factors[j].Symbol;
                string lower = k2.Indices[0] == d ? k2.Indices[1] : k2.Indices[0];
                var delta = Symbol.MixedDelta(upper, lower);
                factors.RemoveAt(Math.Max(i, j));
                factors.RemoveAt(Math.Min(i, j));
                factors.Add((delta, 1));
                Merge(factors);
                return true;
            }
        }
        return false;
    }

    // Free deltas: indices joined by δ's form blocks; the smallest name of a block stands for it in every other factor.
    private static void PropagateFreeDeltas(List<(Symbol Symbol, int Exponent)> factors)
    {
        var parent = new Dictionary<string, string>();
        string Find(string x) => parent.TryGetValue(x, out var p) && p != x ? parent[x] = Find(p) : x;
        foreach (var (s, _) in factors)
        {
            if (s.Kind != AtomKind.SampleDelta) continue;
            string a = Find(s.Indices[0]), b = Find(s.Indices[1]);
            if (a == b) continue;
            if (IndexNameComparer.Instance.Compare(a, b) > 0) (a, b) = (b, a);
            parent[a] = a;
            parent[b] = a;
        }
        if (parent.Count == 0) return;
        var members = parent.Keys.ToList();
        var rename = members.ToDictionary(x => x, Find);
        var deltas = new List<(Symbol, int)>();
        for (int k = factors.Count - 1; k >= 0; k--)
        {
            var (s, e) = factors[k];
            if (s.Kind == AtomKind.SampleDelta) { factors.RemoveAt(k); continue; }
            factors[k] = (s.RenameSamples(x => rename.TryGetValue(x, out var r) ? r : x), e);
        }
        // The lowered deltas of each block, canonical: δ_{rep m} for every other member m.
        foreach (var x in members)
            if (rename[x] != x) factors.Add((Symbol.SampleDelta(rename[x], x), 1));
        Merge(factors);
    }

    private static void Merge(List<(Symbol Symbol, int Exponent)> factors)
    {
        var merged = factors.GroupBy(f => f.Symbol).Select(g => (g.Key, g.Sum(f => f.Exponent))).Where(f => f.Item2 != 0).ToList();
        factors.Clear();
        foreach (var (s, e) in merged) factors.Add((s, s.Kind == AtomKind.SampleDelta && e > 1 && !s.Indices.Any(IsDummy) ? 1 : e));
    }

    // FORM-style: the dummies renamed #1..#m by the renaming that gives the smallest monomial. Candidates: dummies
    // ordered by an invariant signature (the factors they sit in, seen from the dummy), every order within ties.
    private static Monomial RenumberDummies(Monomial m)
    {
        var dummies = m.Factors.SelectMany(f => f.Symbol.Samples).Where(IsDummy).Distinct().ToList();
        if (dummies.Count == 0) return m;
        var signatures = dummies.ToDictionary(d => d, d => Signature(m, d));
        var groups = dummies.GroupBy(d => signatures[d], SignatureComparer.Instance)
            .OrderBy(g => g.Key, SignatureComparer.Instance).Select(g => g.ToList()).ToList();
        Monomial Apply(IReadOnlyList<string> order)
        {
            var map = new Dictionary<string, string>();
            for (int i = 0; i < order.Count; i++) map[order[i]] = Dummy(i + 1);
            return Monomial.FromFactors(m.Factors.Select(f => (f.Symbol.RenameSamples(x => map.TryGetValue(x, out var y) ? y : x), f.Exponent)));
        }
        double candidates = groups.Aggregate(1.0, (acc, g) => acc * Factorial(g.Count));
        if (candidates > MaxCandidates)
            throw new ArgumentException(
                $"{dummies.Count} summed sample indices with {candidates:0} equally placed orders: too symmetric to canonicalise here; split the sum.");
        Monomial? best = null;
        foreach (var order in Orders(groups, 0))
        {
            var candidate = Apply(order);
            if (best is null || Monomial.LexCompare(candidate, best) < 0) best = candidate;
        }
        return best!;
    }

    /// <summary>At most this many candidate dummy orders are compared for one monomial.</summary>
    public const int MaxCandidates = 40_320;

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static IEnumerable<List<string>> Orders(IReadOnlyList<List<string>> groups, int g)
    {
        if (g == groups.Count) { yield return []; yield break; }
        foreach (var perm in Permutations(groups[g].Count))
            foreach (var rest in Orders(groups, g + 1))
                yield return [.. perm.Select(i => groups[g][i]), .. rest];
    }

    // How the dummy d sits: every factor holding it, with d spelled "*" and the other dummies "?", sorted.
    private static List<(Symbol, int)> Signature(Monomial m, string d) =>
        m.Factors.Where(f => f.Symbol.Samples.Contains(d))
            .Select(f => (f.Symbol.RenameSamples(x => x == d ? "*" : IsDummy(x) ? "?" : x), f.Exponent))
            .OrderBy(f => f.Item1).ThenBy(f => f.Exponent).ToList();

    private sealed class SignatureComparer : IComparer<List<(Symbol, int)>>, IEqualityComparer<List<(Symbol, int)>>
    {
        public static SignatureComparer Instance { get; } = new();

        public int Compare(List<(Symbol, int)>? x, List<(Symbol, int)>? y)
        {
            for (int i = 0; i < Math.Min(x!.Count, y!.Count); i++)
            {
                int c = x[i].Item1.CompareTo(y[i].Item1);
                if (c == 0) c = x[i].Item2.CompareTo(y[i].Item2);
                if (c != 0) return c;
            }
            return x.Count.CompareTo(y.Count);
        }

        public bool Equals(List<(Symbol, int)>? x, List<(Symbol, int)>? y) => Compare(x, y) == 0;
        public int GetHashCode(List<(Symbol, int)> obj) => obj.Aggregate(obj.Count, (h, f) => HashCode.Combine(h, f.Item1, f.Item2));
    }

    /// <summary>All permutations of 0 … n−1 in lexicographic order (also the relabellings of <see cref="Correlators.PairSymmetry"/>).</summary>
    internal static IEnumerable<int[]> Permutations(int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            yield return (int[])a.Clone();
            int i = n - 2;
            while (i >= 0 && a[i] >= a[i + 1]) i--;
            if (i < 0) yield break;
            int j = n - 1;
            while (a[j] <= a[i]) j--;
            (a[i], a[j]) = (a[j], a[i]);
            Array.Reverse(a, i + 1, n - i - 1);
        }
    }

    private static int MaxDummy(Monomial m) =>
        m.Factors.SelectMany(f => f.Symbol.Samples).Where(IsDummy).Select(DummyNumber).DefaultIfEmpty(0).Max();

    private static int DummyNumber(string dummy) => int.Parse(dummy.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
}
