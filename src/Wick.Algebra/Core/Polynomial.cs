using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Wick.Algebra;

/// <summary>
/// A multivariate Laurent polynomial with exact <see cref="Rational"/> coefficients: Σ c_m m over
/// <see cref="Monomial"/>s, negative exponents allowed (so <c>1 + 2/n_l</c>, the factor c_4(n) of (3.46), is a
/// polynomial). Canonical: terms sorted by <see cref="Monomial.CompareTo"/> (constants, then 1/n, 1/n², …),
/// no zero coefficients, so equal values are structurally equal and hash equal. Immutable.
/// </summary>
public sealed partial class Polynomial : IEquatable<Polynomial>
{
    private static readonly (Monomial Monomial, Rational Coefficient)[] NoTerms = [];
    private (Monomial Monomial, Rational Coefficient)[]? _materialised; // null until the terms of a packed product are read
    private readonly PackedPolynomial? _packed; // set for products: their packed form (kept for further products)
    private int _hash; // 0: not yet computed

    /// <summary>Takes ownership of an array that is already canonical (sorted, distinct, non-zero).</summary>
    private Polynomial((Monomial Monomial, Rational Coefficient)[] canonicalTerms) => _materialised = canonicalTerms;

    /// <summary>A product kept packed: its Monomial/Rational terms are built on first use (<see cref="TermArray"/>).</summary>
    private Polynomial(PackedPolynomial packed) => _packed = packed;

    /// <summary>The canonical terms, built from the packed form on first use (idempotent, so racing threads agree).</summary>
    private (Monomial Monomial, Rational Coefficient)[] TermArray
    {
        get
        {
            var terms = Volatile.Read(ref _materialised);
            if (terms is not null) return terms;
            terms = CanonicalTerms.BuildTerms(_packed!);
            Volatile.Write(ref _materialised, terms);
            return terms;
        }
    }

    public static Polynomial Zero { get; } = new(NoTerms);
    public static Polynomial One { get; } = new([(Monomial.One, Rational.One)]);

    /// <summary>The constant polynomial c.</summary>
    public static Polynomial Constant(Rational c) => c.IsZero ? Zero : new Polynomial([(Monomial.One, c)]);

    /// <summary>The polynomial consisting of the single symbol s.</summary>
    public static Polynomial Var(Symbol s) => new([(Monomial.Of(s), Rational.One)]);

    /// <summary>The single term c·m.</summary>
    public static Polynomial FromMonomial(Monomial monomial, Rational coefficient)
    {
        ArgumentNullException.ThrowIfNull(monomial);
        return coefficient.IsZero ? Zero : new Polynomial([(monomial, coefficient)]);
    }

    /// <summary>The single term m (coefficient 1).</summary>
    public static Polynomial FromMonomial(Monomial monomial) => FromMonomial(monomial, Rational.One);

    /// <summary>Sums arbitrary terms (repeated monomials are combined, zeros dropped).</summary>
    public static Polynomial FromTerms(IEnumerable<(Monomial Monomial, Rational Coefficient)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var acc = new Dictionary<Monomial, Rational>();
        foreach (var (m, c) in terms)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(acc, m, out _);
            slot += c;
        }
        return FromAccumulator(acc);
    }

    public static implicit operator Polynomial(Rational c) => Constant(c);
    public static implicit operator Polynomial(int c) => Constant(c);
    public static implicit operator Polynomial(Symbol s) => Var(s);

    /// <summary>The terms (monomial, coefficient) in canonical order.</summary>
    public IReadOnlyList<(Monomial Monomial, Rational Coefficient)> Terms => TermArray;

    internal ReadOnlySpan<(Monomial Monomial, Rational Coefficient)> TermSpan => TermArray;

    /// <summary>Number of terms.</summary>
    public int Count => _materialised?.Length ?? _packed!.Count;

    public bool IsZero => Count == 0;

    /// <summary>True for 0 and for constants.</summary>
    public bool IsConstant => TermArray.Length == 0 || (TermArray.Length == 1 && TermArray[0].Monomial.IsOne);

    /// <summary>True for a single term c·m (invertible in the Laurent ring).</summary>
    public bool IsSingleTerm => TermArray.Length == 1;

    /// <summary>The constant value when <see cref="IsConstant"/>.</summary>
    public bool TryGetConstant(out Rational value)
    {
        if (TermArray.Length == 0) { value = Rational.Zero; return true; }
        if (TermArray.Length == 1 && TermArray[0].Monomial.IsOne) { value = TermArray[0].Coefficient; return true; }
        value = default;
        return false;
    }

    /// <summary>The symbols that occur, sorted and distinct.</summary>
    public IReadOnlyList<Symbol> Symbols
    {
        get
        {
            var set = new SortedSet<Symbol>();
            foreach (var (m, _) in TermArray)
                foreach (var (s, _) in m.FactorSpan) set.Add(s);
            return set.ToArray();
        }
    }

    /// <summary>The coefficient of monomial m (zero when absent).</summary>
    public Rational CoefficientOf(Monomial monomial)
    {
        int i = Array.BinarySearch(TermArray, (monomial, Rational.Zero), TermComparer.Instance);
        return i >= 0 ? TermArray[i].Coefficient : Rational.Zero;
    }

    /// <summary>The coefficient of the constant monomial 1.</summary>
    public Rational ConstantTerm => CoefficientOf(Monomial.One);

    // ----- arithmetic -------------------------------------------------------------------------------------------

    public static Polynomial operator +(Polynomial a, Polynomial b) => Merge(a, b, negateB: false);
    public static Polynomial operator -(Polynomial a, Polynomial b) => Merge(a, b, negateB: true);

    public static Polynomial operator -(Polynomial a)
    {
        if (a.IsZero) return a;
        var r = new (Monomial, Rational)[a.TermArray.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (a.TermArray[i].Monomial, -a.TermArray[i].Coefficient);
        return new Polynomial(r);
    }

    public static Polynomial operator +(Polynomial a, Rational c) => a + Constant(c);
    public static Polynomial operator +(Rational c, Polynomial a) => Constant(c) + a;
    public static Polynomial operator -(Polynomial a, Rational c) => a - Constant(c);
    public static Polynomial operator -(Rational c, Polynomial a) => Constant(c) - a;
    public static Polynomial operator *(Polynomial a, Rational c) => a.Scale(c);
    public static Polynomial operator *(Rational c, Polynomial a) => a.Scale(c);
    public static Polynomial operator *(Polynomial a, Monomial m) => a.ShiftBy(m);
    public static Polynomial operator *(Monomial m, Polynomial a) => a.ShiftBy(m);

    /// <summary>Exact division by a non-zero rational.</summary>
    public static Polynomial operator /(Polynomial a, Rational c) =>
        c.IsZero ? throw new DivideByZeroException("Polynomial divided by zero.") : a.Scale(c.Reciprocal());

    /// <summary>Exact division by a monomial (always possible in the Laurent ring).</summary>
    public static Polynomial operator /(Polynomial a, Monomial m) => a.ShiftBy(m.Pow(-1));

    /// <summary>Integer power. A negative exponent is allowed only for a single-term polynomial c·m.</summary>
    public Polynomial Pow(int exponent)
    {
        if (exponent == 0) return One;
        if (exponent < 0)
        {
            if (TermArray.Length != 1)
                throw new ArgumentException(
                    IsZero ? "Zero cannot be raised to a negative power."
                           : $"Only a single-term polynomial can be raised to a negative power; ({this})^{exponent} is a rational function (use RationalFunction).",
                    nameof(exponent));
            var (m, c) = TermArray[0];
            return FromMonomial(m.Pow(exponent), c.Pow(exponent));
        }
        if (TermArray.Length == 1) return FromMonomial(TermArray[0].Monomial.Pow(exponent), TermArray[0].Coefficient.Pow(exponent));
        // Binary powering; the fast multiplication dominates.
        Polynomial result = One, b = this;
        for (int e = exponent; ; )
        {
            if ((e & 1) != 0) result = result * b;
            e >>= 1;
            if (e == 0) break;
            b = b * b;
        }
        return result;
    }

    /// <summary>Multiplies every coefficient by c.</summary>
    public Polynomial Scale(Rational c)
    {
        if (c.IsZero || IsZero) return Zero;
        if (c.IsOne) return this;
        var r = new (Monomial, Rational)[TermArray.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (TermArray[i].Monomial, TermArray[i].Coefficient * c);
        return new Polynomial(r);
    }

    /// <summary>Multiplies every monomial by m (order may change only through the width degree, so re-sort).</summary>
    private Polynomial ShiftBy(Monomial m)
    {
        if (m.IsOne || IsZero) return this;
        var r = new (Monomial, Rational)[TermArray.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (TermArray[i].Monomial * m, TermArray[i].Coefficient);
        Array.Sort(r, TermComparer.Instance);
        return new Polynomial(r);
    }

    /// <summary>Exact division: true with q when this = q·divisor for a Laurent polynomial q.</summary>
    public bool TryDivideExactly(Polynomial divisor, [NotNullWhen(true)] out Polynomial? quotient)
    {
        ArgumentNullException.ThrowIfNull(divisor);
        if (divisor.IsZero) throw new DivideByZeroException("Polynomial divided by the zero polynomial.");
        quotient = ExactDivision.TryDivide(this, divisor);
        return quotient is not null;
    }

    /// <summary>Exact division; throws when the divisor does not divide this.</summary>
    public Polynomial DivideExactly(Polynomial divisor) =>
        TryDivideExactly(divisor, out var q) ? q : throw new ArgumentException($"({divisor}) does not divide ({this}) exactly.", nameof(divisor));

    public static Polynomial Sum(IEnumerable<Polynomial> items) => FromTerms(items.SelectMany(p => p.TermArray));

    public static Polynomial Product(IEnumerable<Polynomial> items)
    {
        // Balanced product tree keeps intermediate sizes (and big coefficients) small.
        var list = items.ToList();
        if (list.Count == 0) return One;
        while (list.Count > 1)
        {
            var next = new List<Polynomial>((list.Count + 1) / 2);
            for (int i = 0; i + 1 < list.Count; i += 2) next.Add(list[i] * list[i + 1]);
            if (list.Count % 2 == 1) next.Add(list[^1]);
            list = next;
        }
        return list[0];
    }

    // ----- degrees, coefficients, truncation -------------------------------------------------------------------

    /// <summary>Lowest exponent of s over all terms (0 for the zero polynomial).</summary>
    public int MinDegree(Symbol s) => IsZero ? 0 : TermArray.Min(t => t.Monomial.Exponent(s));

    /// <summary>Highest exponent of s over all terms (0 for the zero polynomial).</summary>
    public int MaxDegree(Symbol s) => IsZero ? 0 : TermArray.Max(t => t.Monomial.Exponent(s));

    /// <summary>Lowest width degree over all terms: −k when the deepest term is 1/n^k (0 for zero).</summary>
    public int MinWidthDegree => IsZero ? 0 : TermArray.Min(t => t.Monomial.WidthDegree);

    /// <summary>Highest width degree over all terms (0 for zero).</summary>
    public int MaxWidthDegree => IsZero ? 0 : TermArray.Max(t => t.Monomial.WidthDegree);

    /// <summary>p = Σ_e s^e · P_e: the coefficient polynomials P_e (free of s), keyed by exponent e.</summary>
    public SortedDictionary<int, Polynomial> CoefficientsIn(Symbol s)
    {
        var groups = new SortedDictionary<int, List<(Monomial, Rational)>>();
        foreach (var (m, c) in TermArray)
        {
            int e = m.Exponent(s);
            if (!groups.TryGetValue(e, out var list)) groups[e] = list = [];
            list.Add((e == 0 ? m : m / Monomial.Of(s, e), c));
        }
        var result = new SortedDictionary<int, Polynomial>();
        foreach (var (e, list) in groups) result[e] = FromTerms(list);
        return result;
    }

    /// <summary>Keeps terms up to O(1/s^order): drops every term whose exponent of s is below −order.</summary>
    public Polynomial TruncateInverse(Symbol s, int order) => Where(m => m.Exponent(s) >= -order);

    /// <summary>
    /// Keeps terms up to total 1/n order <paramref name="order"/> counted over all width symbols together:
    /// drops terms whose <see cref="Monomial.WidthDegree"/> is below −order (1/(n_l n_{l-1}) has order 2).
    /// </summary>
    public Polynomial TruncateWidthOrder(int order) => Where(m => m.WidthDegree >= -order);

    /// <summary>Series truncation in s (e.g. r = L/n): drops terms whose exponent of s exceeds maxPower.</summary>
    public Polynomial Truncate(Symbol s, int maxPower) => Where(m => m.Exponent(s) <= maxPower);

    /// <summary>The terms whose monomial satisfies the predicate (order is preserved, so no re-sort).</summary>
    public Polynomial Where(Func<Monomial, bool> keep)
    {
        var r = TermArray.Where(t => keep(t.Monomial)).ToArray();
        return r.Length == TermArray.Length ? this : r.Length == 0 ? Zero : new Polynomial(r);
    }

    /// <summary>Partial derivative ∂/∂s (exponents may be negative).</summary>
    public Polynomial Derivative(Symbol s) =>
        FromTerms(TermArray.Select(t => (t.Monomial, t.Coefficient, e: t.Monomial.Exponent(s)))
                        .Where(t => t.e != 0)
                        .Select(t => (t.Monomial / Monomial.Of(s), t.Coefficient * t.e)));

    // ----- substitution and evaluation --------------------------------------------------------------------------

    /// <summary>
    /// Maps every atom through <paramref name="map"/> (atom ↦ atom), merging terms that become equal — the one generic
    /// operation behind layer shifts and sample renamings.
    /// </summary>
    public Polynomial MapSymbols(Func<Symbol, Symbol> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsZero) return this;
        var images = new Dictionary<Symbol, Symbol>();
        bool changed = false;
        foreach (var s in Symbols)
        {
            var t = map(s);
            images[s] = t;
            changed |= t != s;
        }
        if (!changed) return this;
        return FromTerms(TermArray.Select(t => (Monomial.FromFactors(t.Monomial.Factors.Select(f => (images[f.Symbol], f.Exponent))), t.Coefficient)));
    }

    /// <summary>Every layer mapped: <c>p.MapLayers(l =&gt; l.Shift(1))</c> moves all quantities one layer up; base substitution likewise.</summary>
    public Polynomial MapLayers(Func<Layer, Layer> map) => MapSymbols(s => s.MapLayer(map));

    /// <summary>Every sample index renamed (slot symmetries re-applied, equal terms merged).</summary>
    public Polynomial RenameSamples(Func<string, string> rename) => MapSymbols(s => s.RenameSamples(rename));

    /// <summary>Replaces symbol s by the polynomial v (negative powers of s need v to be a single term).</summary>
    public Polynomial Substitute(Symbol s, Polynomial value) =>
        Substitute(new Dictionary<Symbol, Polynomial> { [s] = value });

    /// <summary>Simultaneous substitution (x ↦ y, y ↦ x swaps). Negative powers need single-term values.</summary>
    public Polynomial Substitute(IReadOnlyDictionary<Symbol, Polynomial> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || IsZero) return this;
        var powers = new Dictionary<(Symbol, int), Polynomial>();
        var pieces = new List<Polynomial>();
        var untouched = new List<(Monomial, Rational)>();
        foreach (var (m, c) in TermArray)
        {
            Polynomial? factor = null;
            var rest = new List<(Symbol, int)>();
            foreach (var (s, e) in m.FactorSpan)
            {
                if (!values.TryGetValue(s, out var v)) { rest.Add((s, e)); continue; }
                if (!powers.TryGetValue((s, e), out var pw))
                {
                    if (e < 0 && !v.IsSingleTerm)
                        throw new ArgumentException(
                            $"Substituting {s} = {v} into a negative power {s}^{e} gives a rational function, not a Laurent polynomial (use RationalFunction.Substitute).");
                    powers[(s, e)] = pw = v.Pow(e);
                }
                factor = factor is null ? pw : factor * pw;
            }
            if (factor is null) untouched.Add((m, c));
            else pieces.Add(factor * FromMonomial(SubMonomial(rest), c));
        }
        pieces.Add(FromTerms(untouched));
        return Sum(pieces);
    }

    /// <summary>Numeric value with symbol values from a function (floating point: for evaluation only).</summary>
    public double Evaluate(Func<Symbol, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        double sum = 0;
        foreach (var (m, c) in TermArray)
        {
            double t = c.ToDouble();
            foreach (var (s, e) in m.FactorSpan) t *= IntPow(value(s), e);
            sum += t;
        }
        return sum;
    }

    /// <summary>Numeric value; throws <see cref="ArgumentException"/> naming any unbound symbol.</summary>
    public double Evaluate(IReadOnlyDictionary<Symbol, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Evaluate(s => values.TryGetValue(s, out var v) ? v
            : throw new ArgumentException($"Cannot evaluate {this}: symbol {s} has no value."));
    }

    /// <summary>Exact partial evaluation: bound symbols become rationals; the result is constant when all are bound.</summary>
    public Polynomial EvaluateExact(IReadOnlyDictionary<Symbol, Rational> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var terms = new List<(Monomial, Rational)>(TermArray.Length);
        foreach (var (m, c) in TermArray)
        {
            var coeff = c;
            var rest = new List<(Symbol, int)>();
            foreach (var (s, e) in m.FactorSpan)
            {
                if (!values.TryGetValue(s, out var v)) { rest.Add((s, e)); continue; }
                if (v.IsZero && e < 0) throw new DivideByZeroException($"Cannot evaluate {this} at {s} = 0: {s} occurs with exponent {e}.");
                coeff *= v.Pow(e);
            }
            terms.Add((rest.Count == m.FactorSpan.Length ? m : SubMonomial(rest), coeff));
        }
        return FromTerms(terms);
    }

    /// <summary>Exact value when every symbol is bound; throws naming an unbound symbol otherwise.</summary>
    public Rational EvaluateRational(IReadOnlyDictionary<Symbol, Rational> values)
    {
        var p = EvaluateExact(values);
        return p.TryGetConstant(out var r) ? r
            : throw new ArgumentException($"Cannot evaluate {this} exactly: symbol {p.Symbols[0]} has no value.");
    }

    /// <summary>A monomial from a sorted sub-list of another monomial's factors (already canonical).</summary>
    private static Monomial SubMonomial(List<(Symbol, int)> sortedFactors) =>
        sortedFactors.Count == 0 ? Monomial.One : new Monomial(sortedFactors.ToArray());

    private static double IntPow(double x, int e)
    {
        if (e < 0) return 1.0 / IntPow(x, -e);
        double r = 1;
        while (e > 0) { if ((e & 1) != 0) r *= x; x *= x; e >>= 1; }
        return r;
    }

    // ----- equality, printing -----------------------------------------------------------------------------------

    public bool Equals(Polynomial? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (TermArray.Length != other.TermArray.Length || GetHashCode() != other.GetHashCode()) return false;
        for (int i = 0; i < TermArray.Length; i++)
            if (TermArray[i].Coefficient != other.TermArray[i].Coefficient || !TermArray[i].Monomial.Equals(other.TermArray[i].Monomial)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Polynomial);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = new HashCode();
        foreach (var (m, c) in TermArray) { h.Add(m); h.Add(c); }
        int v = h.ToHashCode();
        _hash = v == 0 ? 1 : v;
        return _hash;
    }

    public static bool operator ==(Polynomial? a, Polynomial? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Polynomial? a, Polynomial? b) => !(a == b);

    /// <summary>
    /// Text that the Wick parser reads back: <c>1 + 6/n_l + 8/n_l^2</c>, <c>C_W^2 G4^(l)</c>, <c>2 C_W/n_l</c>,
    /// <c>1/(n_l n_{l-1})</c>, <c>3 C_W/(2 n_l)</c>. Juxtaposition is multiplication; a symbol whose spelling
    /// contains <c>^</c> is parenthesised before a power: <c>(G4^(l))^2</c>.
    /// </summary>
    public override string ToString() => PolynomialPrinter.Text(this);

    /// <summary>LaTeX: <c>1 + \frac{6}{n_{\ell}} + \frac{8}{n_{\ell}^{2}}</c>.</summary>
    public string ToLatex() => PolynomialPrinter.Latex(this);

    // ----- internals ----------------------------------------------------------------------------------------------

    internal static Polynomial FromCanonical((Monomial, Rational)[] terms) => terms.Length == 0 ? Zero : new Polynomial(terms);

    /// <summary>The value of a packed polynomial; its terms are built when first read.</summary>
    internal static Polynomial FromPacked(PackedPolynomial packed) => packed.IsZero ? Zero : new Polynomial(packed);

    /// <summary>The packed form when this polynomial came from one (a product), else null.</summary>
    internal PackedPolynomial? Packed => _packed;

    internal static Polynomial FromAccumulator(Dictionary<Monomial, Rational> acc)
    {
        var r = new (Monomial, Rational)[acc.Count];
        int k = 0;
        foreach (var (m, c) in acc)
            if (!c.IsZero) r[k++] = (m, c);
        if (k == 0) return Zero;
        Array.Resize(ref r, k);
        Array.Sort(r, TermComparer.Instance);
        return new Polynomial(r);
    }

    private static Polynomial Merge(Polynomial a, Polynomial b, bool negateB)
    {
        if (b.IsZero) return a;
        if (a.IsZero) return negateB ? -b : b;
        var ta = a.TermArray; var tb = b.TermArray;
        var r = new (Monomial, Rational)[ta.Length + tb.Length];
        int i = 0, j = 0, k = 0;
        while (i < ta.Length && j < tb.Length)
        {
            int c = ta[i].Monomial.CompareTo(tb[j].Monomial);
            if (c < 0) r[k++] = ta[i++];
            else if (c > 0) { var t = tb[j++]; r[k++] = negateB ? (t.Monomial, -t.Coefficient) : t; }
            else
            {
                var s = negateB ? ta[i].Coefficient - tb[j].Coefficient : ta[i].Coefficient + tb[j].Coefficient;
                if (!s.IsZero) r[k++] = (ta[i].Monomial, s);
                i++; j++;
            }
        }
        while (i < ta.Length) r[k++] = ta[i++];
        while (j < tb.Length) { var t = tb[j++]; r[k++] = negateB ? (t.Monomial, -t.Coefficient) : t; }
        if (k == 0) return Zero;
        if (k < r.Length) Array.Resize(ref r, k);
        return new Polynomial(r);
    }

    internal sealed class TermComparer : IComparer<(Monomial Monomial, Rational Coefficient)>
    {
        public static readonly TermComparer Instance = new();
        public int Compare((Monomial Monomial, Rational Coefficient) x, (Monomial Monomial, Rational Coefficient) y) =>
            x.Monomial.CompareTo(y.Monomial);
    }
}
