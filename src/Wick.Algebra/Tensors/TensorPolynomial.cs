using System.Text;

namespace Wick.Algebra.Tensors;

/// <summary>
/// A tensor in the basis of Kronecker-delta products on free neural indices: Σ δ(π) × coefficient, the
/// coefficient an exact <see cref="Polynomial"/> in widths, hyperparameters and layer quantities. Canonical:
/// one entry per <see cref="DeltaProduct"/>, zero coefficients dropped, so equal tensors are equal values.
/// This is the shape of (3.44) and (4.42): Σ_{pairings} δ_{i_{k1} i_{k2}} ⋯ × G_{2m} (or × K K + V/n).
/// </summary>
public sealed class TensorPolynomial : IEquatable<TensorPolynomial>
{
    private readonly Dictionary<DeltaProduct, Polynomial> _terms;

    private TensorPolynomial(Dictionary<DeltaProduct, Polynomial> terms) => _terms = terms;

    /// <summary>The zero tensor.</summary>
    public static TensorPolynomial Zero { get; } = new([]);

    /// <summary>A scalar (no free neural indices).</summary>
    public static TensorPolynomial Scalar(Polynomial value) => Term(DeltaProduct.One, value);

    /// <summary>One term δ × coefficient.</summary>
    public static TensorPolynomial Term(DeltaProduct deltas, Polynomial coefficient) =>
        coefficient.IsZero ? Zero : new(new() { [deltas] = coefficient });

    /// <summary>Sums terms, merging equal delta products.</summary>
    public static TensorPolynomial FromTerms(IEnumerable<(DeltaProduct Deltas, Polynomial Coefficient)> terms)
    {
        var d = new Dictionary<DeltaProduct, Polynomial>();
        foreach (var (k, c) in terms) d[k] = d.TryGetValue(k, out var old) ? old + c : c;
        foreach (var k in d.Where(kv => kv.Value.IsZero).Select(kv => kv.Key).ToList()) d.Remove(k);
        return new(d);
    }

    public static implicit operator TensorPolynomial(Polynomial p) => Scalar(p);

    /// <summary>The terms, sorted by delta product.</summary>
    public IReadOnlyList<(DeltaProduct Deltas, Polynomial Coefficient)> Terms =>
        _terms.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();

    /// <summary>Number of distinct delta structures.</summary>
    public int Count => _terms.Count;

    public bool IsZero => _terms.Count == 0;

    /// <summary>The coefficient of a delta structure (zero if absent).</summary>
    public Polynomial CoefficientOf(DeltaProduct deltas) => _terms.TryGetValue(deltas, out var c) ? c : Polynomial.Zero;

    /// <summary>True (with the value) when the tensor has no free neural index.</summary>
    public bool TryGetScalar(out Polynomial value)
    {
        value = CoefficientOf(DeltaProduct.One);
        return _terms.Count == 0 || (_terms.Count == 1 && _terms.ContainsKey(DeltaProduct.One));
    }

    public static TensorPolynomial operator +(TensorPolynomial a, TensorPolynomial b) =>
        FromTerms(a._terms.Select(kv => (kv.Key, kv.Value)).Concat(b._terms.Select(kv => (kv.Key, kv.Value))));

    public static TensorPolynomial operator -(TensorPolynomial a) => a.Map(c => -c);
    public static TensorPolynomial operator -(TensorPolynomial a, TensorPolynomial b) => a + -b;

    public static TensorPolynomial operator *(TensorPolynomial a, Polynomial c) => a.Map(x => x * c);
    public static TensorPolynomial operator *(Polynomial c, TensorPolynomial a) => a.Map(x => c * x);

    /// <summary>The tensor product (delta products multiply: δ² = δ).</summary>
    public static TensorPolynomial operator *(TensorPolynomial a, TensorPolynomial b) =>
        FromTerms(from x in a._terms from y in b._terms select (x.Key.Times(y.Key), x.Value * y.Value));

    /// <summary>Applies <paramref name="f"/> to every coefficient (e.g. substitution, truncation).</summary>
    public TensorPolynomial Map(Func<Polynomial, Polynomial> f) => FromTerms(_terms.Select(kv => (kv.Key, f(kv.Value))));

    /// <summary>Integer power (≥ 0).</summary>
    public TensorPolynomial Pow(int exponent)
    {
        if (exponent < 0) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "A tensor has no inverse; only non-negative powers.");
        TensorPolynomial r = Scalar(Polynomial.One);
        for (int k = 0; k < exponent; k++) r *= this;
        return r;
    }

    /// <summary>
    /// Σ_{index=1}^{range}: the index disappears from its delta block (chains collapse), or, where it does not
    /// occur, the term is multiplied by the range (a closed loop δ_jj gives the width).
    /// </summary>
    public TensorPolynomial SumOver(string index, Polynomial range) =>
        FromTerms(_terms.Select(kv =>
        {
            var d = kv.Key.SumOver(index, out bool occurred);
            return (d, occurred ? kv.Value : kv.Value * range);
        }));

    /// <summary>Keeps, in every coefficient, only terms up to 1/n^order.</summary>
    public TensorPolynomial TruncateWidthOrder(int order) => Map(c => c.TruncateWidthOrder(order));

    public bool Equals(TensorPolynomial? other)
    {
        if (other is null || other._terms.Count != _terms.Count) return false;
        foreach (var (k, v) in _terms)
            if (!other._terms.TryGetValue(k, out var w) || !w.Equals(v)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TensorPolynomial);
    public override int GetHashCode() => _terms.Aggregate(0, (h, kv) => h ^ HashCode.Combine(kv.Key, kv.Value));

    /// <summary>Terms grouped by coefficient: <c>(delta_{i1 i2} delta_{i3 i4} + …) G4^(l)</c>.</summary>
    public override string ToString() => Print(d => d.ToString(), c => c.ToString(), " + ", "(", ")");

    /// <summary>LaTeX, grouped like <see cref="ToString"/>.</summary>
    public string ToLatex() => Print(d => d.ToLatex(), c => c.ToLatex(), " + ", "\\left(", "\\right)");

    private string Print(Func<DeltaProduct, string> delta, Func<Polynomial, string> coef, string plus, string open, string close)
    {
        if (_terms.Count == 0) return "0";
        var groups = _terms.GroupBy(kv => kv.Value).Select(g => (Coefficient: g.Key, Deltas: g.Select(kv => kv.Key).OrderBy(x => x).ToList()))
            .OrderBy(g => g.Deltas[0]).ToList();
        var sb = new StringBuilder();
        foreach (var (c, ds) in groups)
        {
            if (sb.Length > 0) sb.Append(plus);
            string deltas = string.Join(plus, ds.Select(delta));
            bool scalarOnly = ds.Count == 1 && ds[0].IsOne;
            string cs = coef(c);
            if (scalarOnly) { sb.Append(c.Count > 1 ? open + cs + close : cs); continue; }
            if (c.Equals(Polynomial.One)) { sb.Append(ds.Count > 1 ? open + deltas + close : deltas); continue; }
            sb.Append(ds.Count > 1 ? open + deltas + close : deltas).Append(' ');
            sb.Append(c.Count > 1 ? open + cs + close : cs);
        }
        return sb.ToString();
    }
}
