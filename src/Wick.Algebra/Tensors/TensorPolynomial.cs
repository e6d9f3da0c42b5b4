using System.Text;

namespace Wick.Algebra.Tensors;

/// <summary>
/// A tensor in the basis of Kronecker-delta products on free neural indices: Σ δ(π) × coefficient, the
/// coefficient an exact <see cref="Polynomial"/> in widths, hyperparameters and layer quantities. Canonical:
/// one entry per <see cref="DeltaProduct"/>, zero coefficients dropped, so equal tensors are equal values.
/// This is the shape of (3.44) and (4.42): Σ_{pairings} δ_{i_{k1} i_{k2}} ⋯ × G_{2m} (or × K K + V/n).
/// </summary>
/// <remarks>
/// A pairing sum beyond the explicit limit (more than <see cref="ExplicitTensorTooLargeException.MaxPoints"/> slots:
/// 24 fields are 3·10^11 δ products) is kept as one <see cref="PairingTensor"/> term instead; smaller ones are always
/// written out, so the form stays canonical where explicit δ sums can occur. Sums over an index in two slots of a
/// pairing tensor contract it by the strand transfer step; operations that would need its explicit form are refused
/// (<see cref="ExplicitTensorTooLargeException"/>).
/// </remarks>
public sealed class TensorPolynomial : IEquatable<TensorPolynomial>
{
    private readonly Dictionary<DeltaProduct, Polynomial> _terms;
    private readonly Dictionary<PairingTensor, Polynomial> _pairings;

    private TensorPolynomial(Dictionary<DeltaProduct, Polynomial> terms, Dictionary<PairingTensor, Polynomial>? pairings = null)
    {
        _terms = terms;
        _pairings = pairings ?? [];
    }

    /// <summary>The zero tensor.</summary>
    public static TensorPolynomial Zero { get; } = new([]);

    /// <summary>
    /// The pairing tensor times a coefficient (3.44): written out as Σ δ⋯δ up to the explicit limit, one
    /// <see cref="PairingTensor"/> term beyond it.
    /// </summary>
    public static TensorPolynomial Pairings(PairingTensor tensor, Polynomial coefficient)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(coefficient);
        if (coefficient.IsZero) return Zero;
        if (tensor.IsSmall) return tensor.Expand() * coefficient;
        return new([], new() { [tensor] = coefficient });
    }

    /// <summary>A scalar (no free neural indices).</summary>
    public static TensorPolynomial Scalar(Polynomial value) => Term(DeltaProduct.One, value);

    /// <summary>One term δ × coefficient.</summary>
    public static TensorPolynomial Term(DeltaProduct deltas, Polynomial coefficient) =>
        coefficient.IsZero ? Zero : new(new() { [deltas] = coefficient });

    /// <summary>Sums terms, merging equal delta products.</summary>
    public static TensorPolynomial FromTerms(IEnumerable<(DeltaProduct Deltas, Polynomial Coefficient)> terms)
    {
        var d = new Dictionary<DeltaProduct, Polynomial>();
        foreach (var (k, c) in terms)
        {
            var sum = d.TryGetValue(k, out var old) ? old + c : c;
            if (sum.IsZero) d.Remove(k); else d[k] = sum;
        }
        return new(d);
    }

    public static implicit operator TensorPolynomial(Polynomial p) => Scalar(p);

    /// <summary>The terms, sorted by delta product; refused when a pairing tensor beyond the explicit limit is present.</summary>
    public IReadOnlyList<(DeltaProduct Deltas, Polynomial Coefficient)> Terms
    {
        get
        {
            if (_pairings.Count > 0)
            {
                var big = _pairings.Keys.Max()!;
                throw new ExplicitTensorTooLargeException(
                    $"This step needs the explicit δ products of {big} ({big.TermCount} terms, over the limit of {ExplicitTensorTooLargeException.MaxTerms}); " +
                    "it is kept as the pairing tensor (3.44). Contract its indices in pairs (sum_{j} ... z_j z_j ...) or use the named quantity G" +
                    big.PointCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
            }
            return _terms.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        }
    }

    /// <summary>
    /// True when the whole tensor is one pairing tensor times a coefficient (3.44): a kept pairing-tensor term alone,
    /// or δ products that are exactly all pairings of one set of distinct indices with one common coefficient.
    /// </summary>
    public bool TryGetPairingTensor(out PairingTensor tensor, out Polynomial coefficient)
    {
        tensor = null!;
        coefficient = Polynomial.Zero;
        if (_pairings.Count == 1 && _terms.Count == 0)
        {
            (tensor, coefficient) = (_pairings.Keys.Single(), _pairings.Values.Single());
            return true;
        }
        if (_pairings.Count > 0 || _terms.Count == 0 || _terms.Values.Distinct().Count() != 1) return false;
        if (PairingTensor.Recognise(_terms.Keys.ToList()) is not { } found) return false;
        (tensor, coefficient) = (found, _terms.Values.First());
        return true;
    }

    /// <summary>Every coefficient, of δ products and of pairing tensors alike (unordered).</summary>
    public IEnumerable<Polynomial> Coefficients => _terms.Values.Concat(_pairings.Values);

    /// <summary>The pairing-tensor terms beyond the explicit limit, sorted.</summary>
    public IReadOnlyList<(PairingTensor Tensor, Polynomial Coefficient)> PairingTerms =>
        _pairings.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();

    /// <summary>Number of distinct delta structures (pairing tensors counted as one each).</summary>
    public int Count => _terms.Count + _pairings.Count;

    public bool IsZero => _terms.Count == 0 && _pairings.Count == 0;

    /// <summary>
    /// True when <see cref="IsZero"/> decides whether the tensor vanishes: always for explicit δ sums (canonical), and
    /// for a single pairing-tensor term (a nonzero coefficient times a nonzero tensor). A mix of a pairing tensor with
    /// other terms could cancel only through its explicit form, which is not built: then the answer is unknown.
    /// </summary>
    public bool ZeroTestIsExact => _pairings.Count == 0 || (_pairings.Count == 1 && _terms.Count == 0);

    /// <summary>The coefficient of a delta structure (zero if absent).</summary>
    public Polynomial CoefficientOf(DeltaProduct deltas) => _terms.TryGetValue(deltas, out var c) ? c : Polynomial.Zero;

    /// <summary>True (with the value) when the tensor has no free neural index.</summary>
    public bool TryGetScalar(out Polynomial value)
    {
        value = CoefficientOf(DeltaProduct.One);
        return _pairings.Count == 0 && (_terms.Count == 0 || (_terms.Count == 1 && _terms.ContainsKey(DeltaProduct.One)));
    }

    public static TensorPolynomial operator +(TensorPolynomial a, TensorPolynomial b)
    {
        var sum = FromTerms(a._terms.Select(kv => (kv.Key, kv.Value)).Concat(b._terms.Select(kv => (kv.Key, kv.Value))));
        return a._pairings.Count + b._pairings.Count == 0 ? sum : sum.WithPairings(a._pairings.Concat(b._pairings).Select(kv => (kv.Key, kv.Value)));
    }

    /// <summary>This tensor plus the given pairing-tensor terms (all beyond the explicit limit), merged.</summary>
    private TensorPolynomial WithPairings(IEnumerable<(PairingTensor Tensor, Polynomial Coefficient)> pairings)
    {
        var d = new Dictionary<PairingTensor, Polynomial>(_pairings);
        foreach (var (k, c) in pairings) d[k] = d.TryGetValue(k, out var old) ? old + c : c;
        foreach (var k in d.Where(kv => kv.Value.IsZero).Select(kv => kv.Key).ToList()) d.Remove(k);
        return new(_terms, d);
    }

    public static TensorPolynomial operator -(TensorPolynomial a) => a.Map(c => -c);
    public static TensorPolynomial operator -(TensorPolynomial a, TensorPolynomial b) => a + -b;

    public static TensorPolynomial operator *(TensorPolynomial a, Polynomial c) => a.Map(x => x * c);
    public static TensorPolynomial operator *(Polynomial c, TensorPolynomial a) => a.Map(x => c * x);

    /// <summary>The tensor product (delta products multiply: δ² = δ); a pairing tensor beyond the explicit limit only by scalars.</summary>
    public static TensorPolynomial operator *(TensorPolynomial a, TensorPolynomial b)
    {
        if (a._pairings.Count > 0 || b._pairings.Count > 0)
        {
            if (b.TryGetScalar(out var sb)) return a * sb;
            if (a.TryGetScalar(out var sa)) return sa * b;
            throw new ExplicitTensorTooLargeException(
                $"Multiplying {(a._pairings.Count > 0 ? a : b).PairingTerms[0].Tensor} by a tensor with free indices would need its explicit form; " +
                "contract the indices first (sums over pairs of slots) or multiply scalars only.");
        }
        return FromTerms(from x in a._terms from y in b._terms select (x.Key.Times(y.Key), x.Value * y.Value));
    }

    /// <summary>Applies <paramref name="f"/> to every coefficient (e.g. substitution, truncation).</summary>
    public TensorPolynomial Map(Func<Polynomial, Polynomial> f)
    {
        var mapped = FromTerms(_terms.Select(kv => (kv.Key, f(kv.Value))));
        return _pairings.Count == 0 ? mapped : mapped.WithPairings(_pairings.Select(kv => (kv.Key, f(kv.Value))));
    }

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
    /// <remarks>
    /// A pairing tensor term: an index in two of its slots is contracted by the strand transfer step
    /// (<see cref="PairingTensor.SumOverTwice"/>), an absent one gives the range; any other occurrence count would
    /// need the explicit form and is refused beyond the explicit limit.
    /// </remarks>
    public TensorPolynomial SumOver(string index, Polynomial range)
    {
        var result = FromTerms(_terms.Select(kv =>
        {
            var d = kv.Key.SumOver(index, out bool occurred);
            return (d, occurred ? kv.Value : kv.Value * range);
        }));
        foreach (var (p, c) in _pairings)
        {
            int occurs = p.Occurrences(index);
            if (occurs == 0) { result += Pairings(p, c * range); continue; }
            if (p.SumOverTwice(index, range) is not { } contracted)
                throw new ExplicitTensorTooLargeException(
                    $"sum over {index}, which occupies {occurs} slot(s) of {p}: only an index in two slots contracts without writing out the {p.TermCount} terms.");
            result += Pairings(contracted.Remaining, c * contracted.Factor);
        }
        return result;
    }

    /// <summary>Keeps, in every coefficient, only terms up to 1/n^order.</summary>
    public TensorPolynomial TruncateWidthOrder(int order) => Map(c => c.TruncateWidthOrder(order));

    public bool Equals(TensorPolynomial? other)
    {
        if (other is null || other._terms.Count != _terms.Count || other._pairings.Count != _pairings.Count) return false;
        foreach (var (k, v) in _terms)
            if (!other._terms.TryGetValue(k, out var w) || !w.Equals(v)) return false;
        foreach (var (k, v) in _pairings)
            if (!other._pairings.TryGetValue(k, out var w) || !w.Equals(v)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TensorPolynomial);
    public override int GetHashCode() =>
        _terms.Aggregate(0, (h, kv) => h ^ HashCode.Combine(kv.Key, kv.Value)) ^ _pairings.Aggregate(0, (h, kv) => h ^ HashCode.Combine(kv.Key, kv.Value, 1));

    /// <summary>
    /// Terms grouped by coefficient: <c>(delta_{i1 i2} delta_{i3 i4} + …) G4^(l)</c>; a group that is a whole pairing
    /// sum on <see cref="CompactFrom"/> or more distinct indices prints as the pairing tensor, <c>pairings_{i1 … i6} G6^(l)</c>.
    /// </summary>
    public override string ToString() => Print(d => d.ToString(), p => p.ToString(), c => c.ToString(), " + ", "(", ")");

    /// <summary>LaTeX, grouped like <see cref="ToString"/>.</summary>
    public string ToLatex() => Print(d => d.ToLatex(), p => p.ToLatex(), c => c.ToLatex(), " + ", "\\left(", "\\right)");

    /// <summary>Pairing sums on this many indices or more (15 δ products and up) print as <c>pairings_{…}</c>.</summary>
    public const int CompactFrom = 6;

    private string Print(Func<DeltaProduct, string> delta, Func<PairingTensor, string> pairing, Func<Polynomial, string> coef, string plus, string open, string close)
    {
        if (IsZero) return "0";
        var groups = _terms.GroupBy(kv => kv.Value).Select(g => (Coefficient: g.Key, Deltas: g.Select(kv => kv.Key).OrderBy(x => x).ToList()))
            .OrderBy(g => g.Deltas[0]).ToList();
        var sb = new StringBuilder();
        foreach (var (c, ds) in groups)
        {
            if (sb.Length > 0) sb.Append(plus);
            if (ds.Count >= 15 && PairingTensor.Recognise(ds) is { PointCount: >= CompactFrom } whole)
            {
                AppendPairing(whole, c);
                continue;
            }
            string deltas = string.Join(plus, ds.Select(delta));
            bool scalarOnly = ds.Count == 1 && ds[0].IsOne;
            string cs = coef(c);
            if (scalarOnly) { sb.Append(c.Count > 1 ? open + cs + close : cs); continue; }
            if (c.Equals(Polynomial.One)) { sb.Append(ds.Count > 1 ? open + deltas + close : deltas); continue; }
            sb.Append(ds.Count > 1 ? open + deltas + close : deltas).Append(' ');
            sb.Append(c.Count > 1 ? open + cs + close : cs);
        }
        foreach (var (p, c) in PairingTerms)
        {
            if (sb.Length > 0) sb.Append(plus);
            AppendPairing(p, c);
        }
        return sb.ToString();

        void AppendPairing(PairingTensor p, Polynomial c)
        {
            sb.Append(pairing(p));
            if (c.Equals(Polynomial.One)) return;
            string cs = coef(c);
            sb.Append(' ').Append(c.Count > 1 ? open + cs + close : cs);
        }
    }
}
