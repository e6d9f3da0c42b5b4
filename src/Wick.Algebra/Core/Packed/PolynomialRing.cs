using System.Numerics;

namespace Wick.Algebra;

/// <summary>
/// The Laurent polynomial ring Q[x_1^±1, …, x_k^±1] over an ordered list of generators (SymPy's <c>PolyRing</c>,
/// FLINT's <c>mpoly_ctx</c>): it owns the generators and their order, and converts between <see cref="Polynomial"/>
/// and the packed representation <see cref="PackedPolynomial"/> in which products are computed.
/// </summary>
public sealed class PolynomialRing : IEquatable<PolynomialRing>
{
    private readonly Symbol[] _generators;
    private readonly Dictionary<Symbol, int> _index;
    private readonly int[] _canonicalOrder; // generator indices sorted by the Symbol order (for the Polynomial term order)

    /// <summary>The ring over these distinct generators, in the given order (field 0 is the first generator).</summary>
    public PolynomialRing(IEnumerable<Symbol> generators)
    {
        ArgumentNullException.ThrowIfNull(generators);
        _generators = generators.ToArray();
        _index = new Dictionary<Symbol, int>(_generators.Length);
        for (int j = 0; j < _generators.Length; j++)
        {
            ArgumentNullException.ThrowIfNull(_generators[j], nameof(generators));
            if (!_index.TryAdd(_generators[j], j))
                throw new ArgumentException($"Generator {_generators[j]} occurs twice.", nameof(generators));
        }
        _canonicalOrder = Enumerable.Range(0, _generators.Length).OrderBy(j => _generators[j]).ToArray();
    }

    /// <summary>
    /// A ring over every symbol that occurs in the polynomials, in the canonical symbol order (a product still in packed
    /// form contributes its ring's generators whose exponent range is not just 0).
    /// </summary>
    public static PolynomialRing Spanning(params ReadOnlySpan<Polynomial> polynomials)
    {
        var set = new HashSet<Symbol>();
        foreach (var p in polynomials)
        {
            ArgumentNullException.ThrowIfNull(p);
            p.AddSymbolsTo(set);
        }
        var symbols = set.ToArray();
        Array.Sort(symbols);
        // Consecutive products mostly span the same symbols: reuse this thread's last ring (rings are equal by generators).
        if (_lastSpanned is { } last && last._generators.AsSpan().SequenceEqual(symbols)) return last;
        return _lastSpanned = new PolynomialRing(symbols);
    }

    [ThreadStatic] private static PolynomialRing? _lastSpanned;

    /// <summary>The generators in field order.</summary>
    public IReadOnlyList<Symbol> Generators => _generators;

    /// <summary>Field index of a generator, −1 when it is not one.</summary>
    public int IndexOf(Symbol symbol) => _index.TryGetValue(symbol, out int j) ? j : -1;

    internal ReadOnlySpan<int> CanonicalOrder => _canonicalOrder;

    /// <summary>The zero of this ring.</summary>
    public PackedPolynomial Zero => PackedPolynomial.ZeroOf(this);

    /// <summary>
    /// The packed form of p (every symbol of p must be a generator). Throws <see cref="ArgumentException"/> when a symbol is
    /// not a generator or the exponent ranges need more than 64 bits together.
    /// </summary>
    public PackedPolynomial Pack(Polynomial p) =>
        TryPack(p) ?? throw new ArgumentException($"The exponents of {p} do not fit one 64-bit word in the ring over {string.Join(", ", _generators.Select(g => g.ToString()))}.", nameof(p));

    /// <summary>The packed form of p, null when its exponent ranges do not fit one 64-bit word.</summary>
    public PackedPolynomial? TryPack(Polynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        int k = _generators.Length, count = p.Count;
        if (count == 0) return Zero;
        if (p.Packed is { } packed && packed.Ring.Equals(this)) return packed;
        var terms = p.TermSpan;
        var exps = new int[count * k];
        var min = new int[k];
        var max = new int[k];
        for (int t = 0; t < count; t++)
            foreach (var (s, e) in terms[t].Monomial.FactorSpan)
            {
                int j = IndexOf(s);
                if (j < 0) throw new ArgumentException($"{s} in {p} is not a generator of this ring.", nameof(p));
                exps[t * k + j] = e;
            }
        Array.Copy(exps, min, k);
        Array.Copy(exps, max, k);
        for (int t = 1; t < count; t++)
            for (int j = 0; j < k; j++)
            {
                int e = exps[t * k + j];
                if (e < min[j]) min[j] = e; else if (e > max[j]) max[j] = e;
            }
        var high = new long[k];
        for (int j = 0; j < k; j++) high[j] = (long)max[j] - min[j];
        var packing = ExponentPacking.Create(min, high);
        if (packing is null) return null;
        var keys = new ulong[count];
        for (int t = 0; t < count; t++) keys[t] = packing.Encode(exps.AsSpan(t * k, k));

        // Integer numerators over the lcm of the denominators, then content × primitive part (FLINT's fmpq_mpoly).
        if (TryWordNumerators(terms) is { } word)
        {
            var small = PackedCoefficients.From(word.Numerators, count);
            small.SortBy(keys);
            return new PackedPolynomial(this, packing, keys, small, Rational.Create(1, word.Denominator), primitive: false);
        }
        var den = BigInteger.One;
        foreach (var (_, c) in terms)
            if (!c.Denominator.IsOne) den = den / BigInteger.GreatestCommonDivisor(den, c.Denominator) * c.Denominator;
        var numerators = new BigInteger[count];
        for (int t = 0; t < count; t++)
        {
            var c = terms[t].Coefficient;
            numerators[t] = den.IsOne ? c.Numerator : c.Numerator * (den / c.Denominator);
        }
        var coefficients = PackedCoefficients.From(numerators);
        coefficients.SortBy(keys);
        return new PackedPolynomial(this, packing, keys, coefficients, Rational.Create(1, den), primitive: false);
    }

    /// <summary>
    /// The numerators over the lcm of the denominators in long arithmetic, null when a numerator, a denominator, the lcm
    /// or a scaled numerator does not fit a long (then the BigInteger route runs).
    /// </summary>
    private static (long[] Numerators, long Denominator)? TryWordNumerators(ReadOnlySpan<(Monomial Monomial, Rational Coefficient)> terms)
    {
        long den = 1;
        foreach (var (_, c) in terms)
        {
            if (c.Denominator.IsOne) continue;
            if (c.Denominator > long.MaxValue) return null;
            long d = (long)c.Denominator;
            long g = den, r = d;
            while (r != 0) (g, r) = (r, g % r); // gcd(den, d)
            long scale = d / g;
            if (Math.BigMul(den, scale, out long lcm) != 0 || lcm < 0) return null;
            den = lcm;
        }
        var numerators = new long[terms.Length];
        for (int t = 0; t < terms.Length; t++)
        {
            var c = terms[t].Coefficient;
            if (c.Numerator < long.MinValue + 1 || c.Numerator > long.MaxValue) return null;
            long n = (long)c.Numerator, factor = den / (long)c.Denominator;
            long high = Math.BigMul(n, factor, out long low);
            if (high != (low >> 63)) return null; // the product does not fit a long
            numerators[t] = low;
        }
        return (numerators, den);
    }

    /// <summary>
    /// The polynomial of a packed value. Its terms are decoded and put in the canonical <see cref="Monomial"/> order (width
    /// degree, then factor lists) by one integer sort when first read.
    /// </summary>
    public Polynomial Unpack(PackedPolynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!Equals(p.Ring)) throw new ArgumentException("The polynomial belongs to another ring.", nameof(p));
        return Polynomial.FromPacked(p);
    }

    public bool Equals(PolynomialRing? other) =>
        other is not null && (ReferenceEquals(this, other) || _generators.AsSpan().SequenceEqual(other._generators));

    public override bool Equals(object? obj) => Equals(obj as PolynomialRing);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var g in _generators) h.Add(g);
        return h.ToHashCode();
    }

    /// <summary><c>Q[n_l^±1, C_W^±1]</c>.</summary>
    public override string ToString() => $"Q[{string.Join(", ", _generators.Select(g => $"{g}^±1"))}]";
}
