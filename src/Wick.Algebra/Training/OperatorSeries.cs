using System.Collections.Immutable;
using System.Text;

namespace Wick.Algebra.Training;

/// <summary>
/// The zeroth-order (lazy, γ0 = 0) operators of the deep linear DMFT, App. P.1.1: C⁽⁰⁾ (feature response to the
/// gradient field, (C⁽⁰⁾g)_µ(t) = Σ_β K_xµβ ∫_0^t Δ_β g), D⁽⁰⁾ ((D⁽⁰⁾h)(t) = Σ_α ∫_0^t Δ_α h_α), their transposes, and
/// the lazy kernels H⁽⁰⁾ = K_x ⊗ 11ᵀ and G⁽⁰⁾ = 11ᵀ (symmetric).
/// </summary>
public enum LazyOperator { C, D, H, G, CT, DT }

/// <summary>A product of lazy operators, left to right (a "word").</summary>
public sealed record OperatorWord(ImmutableArray<LazyOperator> Letters)
{
    public static OperatorWord Empty { get; } = new(ImmutableArray<LazyOperator>.Empty);
    public static OperatorWord Of(params LazyOperator[] letters) => new([.. letters]);

    public OperatorWord Then(OperatorWord right) => new(Letters.AddRange(right.Letters));

    /// <summary>(XY)ᵀ = YᵀXᵀ; H, G are symmetric.</summary>
    public OperatorWord Transpose() => new([.. Letters.Reverse().Select(Transpose)]);

    private static LazyOperator Transpose(LazyOperator o) => o switch
    {
        LazyOperator.C => LazyOperator.CT,
        LazyOperator.CT => LazyOperator.C,
        LazyOperator.D => LazyOperator.DT,
        LazyOperator.DT => LazyOperator.D,
        _ => o,
    };

    public bool Equals(OperatorWord? other) => other is not null && Letters.SequenceEqual(other.Letters);
    public override int GetHashCode() => Letters.Aggregate(17, (h, l) => h * 31 + (int)l);

    public override string ToString() => Letters.Length == 0 ? "I" : string.Concat(Letters.Select(Name));

    public static string Name(LazyOperator o) => o switch
    {
        LazyOperator.C => "C", LazyOperator.D => "D", LazyOperator.H => "H", LazyOperator.G => "G",
        LazyOperator.CT => "Cᵀ", _ => "Dᵀ",
    };
}

/// <summary>
/// A power series in γ0² whose coefficients are exact-rational combinations of <see cref="OperatorWord"/>s,
/// truncated after order γ0^{2·MaxOrder}. The saddle-point equations (71) are expanded in this algebra:
/// (I − γ0² X)^{-1} = Σ_k γ0^{2k} X^k, products and transposes are exact.
/// </summary>
public sealed class OperatorSeries
{
    private readonly Dictionary<OperatorWord, Rational>[] _orders;

    public int MaxOrder => _orders.Length - 1;

    private OperatorSeries(int maxOrder)
    {
        _orders = new Dictionary<OperatorWord, Rational>[maxOrder + 1];
        for (int k = 0; k <= maxOrder; k++) _orders[k] = [];
    }

    public static OperatorSeries Zero(int maxOrder) => new(maxOrder);

    /// <summary>A single word at order γ0^{2k}.</summary>
    public static OperatorSeries Word(int maxOrder, OperatorWord word, int order = 0, Rational? coefficient = null)
    {
        var s = new OperatorSeries(maxOrder);
        if (order <= maxOrder) s.Add(order, word, coefficient ?? Rational.One);
        return s;
    }

    public static OperatorSeries Identity(int maxOrder) => Word(maxOrder, OperatorWord.Empty);

    private void Add(int order, OperatorWord w, Rational c)
    {
        var d = _orders[order];
        var sum = d.TryGetValue(w, out var old) ? old + c : c;
        if (sum.IsZero) d.Remove(w); else d[w] = sum;
    }

    /// <summary>The coefficient words at order γ0^{2k}.</summary>
    public IReadOnlyDictionary<OperatorWord, Rational> At(int order) => _orders[order];

    public static OperatorSeries operator +(OperatorSeries a, OperatorSeries b)
    {
        var r = new OperatorSeries(Math.Min(a.MaxOrder, b.MaxOrder));
        foreach (var s in new[] { a, b })
            for (int k = 0; k <= r.MaxOrder; k++)
                foreach (var (w, c) in s._orders[k]) r.Add(k, w, c);
        return r;
    }

    public static OperatorSeries operator *(OperatorSeries a, OperatorSeries b)
    {
        var r = new OperatorSeries(Math.Min(a.MaxOrder, b.MaxOrder));
        for (int i = 0; i <= r.MaxOrder; i++)
            for (int j = 0; i + j <= r.MaxOrder; j++)
                foreach (var (wa, ca) in a._orders[i])
                    foreach (var (wb, cb) in b._orders[j])
                        r.Add(i + j, wa.Then(wb), ca * cb);
        return r;
    }

    /// <summary>Multiplication by γ0²: shifts every order up by one (and drops what falls off the end).</summary>
    public OperatorSeries TimesGammaSquared()
    {
        var r = new OperatorSeries(MaxOrder);
        for (int k = 0; k < MaxOrder; k++)
            foreach (var (w, c) in _orders[k]) r.Add(k + 1, w, c);
        return r;
    }

    public OperatorSeries Transpose()
    {
        var r = new OperatorSeries(MaxOrder);
        for (int k = 0; k <= MaxOrder; k++)
            foreach (var (w, c) in _orders[k]) r.Add(k, w.Transpose(), c);
        return r;
    }

    /// <summary>(I − γ0² X)^{-1} = Σ_k (γ0² X)^k, exact to the truncation order.</summary>
    public static OperatorSeries InverseOfOneMinusGammaSquared(OperatorSeries x)
    {
        var term = Identity(x.MaxOrder);
        var sum = Identity(x.MaxOrder);
        var gx = x.TimesGammaSquared();
        for (int k = 1; k <= x.MaxOrder; k++)
        {
            term *= gx;
            sum += term;
        }
        return sum;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int k = 0; k <= MaxOrder; k++)
        {
            if (_orders[k].Count == 0) continue;
            string body = string.Join(" + ", _orders[k].OrderBy(e => e.Key.ToString(), StringComparer.Ordinal)
                .Select(e => (e.Value.IsOne ? "" : e.Value + "·") + e.Key));
            sb.Append(sb.Length == 0 ? "" : " + ").Append(k == 0 ? $"({body})" : $"γ0^{2 * k}·({body})");
        }
        return sb.Length == 0 ? "0" : sb.ToString();
    }
}
