namespace Wick.Algebra.Criticality;

/// <summary>
/// The scaling ansatz (5.93) as a value: ℓ^{−P} Σ_{s,q} c_{s,q} ℓ^{−s} L^q with L = log(ℓ/ℓ_0), exact coefficients
/// (rational functions of a_1, a_2, b_1, …), a leading exponent P that may itself be symbolic (p_⊥ = b_1/a_1), and
/// the relative order <see cref="Known"/> through which the coefficients are exact (truncation is tracked, so a
/// product or a shift never reports terms it cannot know).
/// </summary>
public sealed class LogPowerSeries
{
    /// <summary>"Known to all orders" (an exact finite expression such as a constant).</summary>
    public const int Exact = int.MaxValue / 4;

    private readonly SortedDictionary<(int S, int Q), RationalFunction> _terms;

    public LogPowerSeries(RationalFunction exponent, IEnumerable<KeyValuePair<(int S, int Q), RationalFunction>> terms, int known)
    {
        Exponent = exponent;
        Known = known;
        _terms = new();
        foreach (var (k, c) in terms)
        {
            if (k.S > known || c.IsZero) continue;
            if (k.S < 0 || k.Q < 0) throw new ArgumentException("relative orders and log powers are non-negative");
            _terms[k] = _terms.TryGetValue(k, out var old) ? old + c : c;
            if (_terms[k].IsZero) _terms.Remove(k);
        }
    }

    /// <summary>P: the series is ℓ^{−P} times a series in 1/ℓ and L.</summary>
    public RationalFunction Exponent { get; }

    /// <summary>Coefficients c_{s,q} are exact for s ≤ Known.</summary>
    public int Known { get; }

    public IReadOnlyDictionary<(int S, int Q), RationalFunction> Terms => _terms;

    public RationalFunction this[int s, int q] => _terms.TryGetValue((s, q), out var c) ? c : RationalFunction.Zero;

    /// <summary>The lowest relative order with a non-zero coefficient (Known + 1 when none).</summary>
    public int Lowest => _terms.Count == 0 ? Known + 1 : _terms.Keys.Min(k => k.S);

    public static LogPowerSeries Constant(RationalFunction c) => new(RationalFunction.Zero, [new((0, 0), c)], Exact);

    public static LogPowerSeries Zero(RationalFunction exponent, int known) => new(exponent, [], known);

    /// <summary>ℓ^{−k} exactly.</summary>
    public static LogPowerSeries InversePower(int k) => new(Rational.Create(k, 1), [new((0, 0), RationalFunction.One)], Exact);

    /// <summary>The same value written with a lower leading exponent P − d (d a non-negative integer).</summary>
    public LogPowerSeries Rebase(RationalFunction exponent)
    {
        int d = IntegerDifference(Exponent, exponent);
        if (d < 0) throw new ArgumentException("rebase only lowers the leading exponent");
        return new(exponent, _terms.Select(t => new KeyValuePair<(int, int), RationalFunction>((t.Key.S + d, t.Key.Q), t.Value)), Known == Exact ? Exact : Known + d);
    }

    /// <summary>a − b as an integer, or an exception when the exponents do not differ by an integer.</summary>
    public static int IntegerDifference(RationalFunction a, RationalFunction b)
    {
        var d = a - b;
        if (d.TryToPolynomial(out var p) && p.IsConstant && p.ConstantTerm.IsInteger) return (int)p.ConstantTerm.Numerator;
        throw new InvalidOperationException($"exponents {a} and {b} do not differ by an integer");
    }

    private static RationalFunction Lower(RationalFunction a, RationalFunction b) => IntegerDifference(a, b) <= 0 ? a : b;

    public static LogPowerSeries operator +(LogPowerSeries a, LogPowerSeries b)
    {
        if (a._terms.Count == 0 && a.Known == Exact) return b;
        if (b._terms.Count == 0 && b.Known == Exact) return a;
        var p = Lower(a.Exponent, b.Exponent);
        var (x, y) = (a.Rebase(p), b.Rebase(p));
        return new(p, x._terms.Concat(y._terms), Math.Min(x.Known, y.Known));
    }

    public static LogPowerSeries operator -(LogPowerSeries a) => a.Scale(RationalFunction.One * -1);
    public static LogPowerSeries operator -(LogPowerSeries a, LogPowerSeries b) => a + -b;

    public LogPowerSeries Scale(RationalFunction c) => c.IsZero
        ? Zero(Exponent, Known)
        : new(Exponent, _terms.Select(t => new KeyValuePair<(int, int), RationalFunction>(t.Key, t.Value * c)), Known);

    public static LogPowerSeries operator *(LogPowerSeries a, LogPowerSeries b)
    {
        int known = Math.Min(Plus(a.Known, b.Lowest), Plus(b.Known, a.Lowest));
        var terms = new List<KeyValuePair<(int, int), RationalFunction>>();
        foreach (var (ka, ca) in a._terms)
            foreach (var (kb, cb) in b._terms)
                if (ka.S + kb.S <= known) terms.Add(new((ka.S + kb.S, ka.Q + kb.Q), ca * cb));
        return new(a.Exponent + b.Exponent, terms, known);
    }

    private static int Plus(int known, int lowest) => known == Exact ? Exact : Math.Min(Exact, known + lowest);

    /// <summary>Cut at relative order <paramref name="known"/>.</summary>
    public LogPowerSeries Truncate(int known) => new(Exponent, _terms, Math.Min(known, Known));

    /// <summary>
    /// The value at ℓ + 1: (ℓ+1)^{−(P+s)} = ℓ^{−(P+s)} Σ_k binom(−(P+s), k) ℓ^{−k} and
    /// log((ℓ+1)/ℓ_0) = L + Σ_{j≥1} (−1)^{j+1} ℓ^{−j}/j, expanded through <see cref="Known"/>.
    /// </summary>
    public LogPowerSeries Shift() => Shift(Known);

    /// <summary>
    /// u(ℓ+1) − u(ℓ), known one order further than u itself: the unknown next term of u changes by O(ℓ^{−1}) relative
    /// to itself, so it drops out at the first order it could enter.
    /// </summary>
    public LogPowerSeries Difference() => Shift(Known + 1) - new LogPowerSeries(Exponent, _terms, Known + 1);

    private LogPowerSeries Shift(int n)
    {
        if (n >= Exact) throw new InvalidOperationException("shift of an exact series needs a truncation order");
        // λ = log(1 + 1/ℓ) and (L + λ)^q.
        var lambda = new LogPowerSeries(RationalFunction.Zero,
            Enumerable.Range(1, Math.Max(1, n)).Select(j => new KeyValuePair<(int, int), RationalFunction>((j, 0), Rational.Create(j % 2 == 1 ? 1 : -1, j))), n);
        var log = new LogPowerSeries(RationalFunction.Zero, [new((0, 1), RationalFunction.One)], Exact) + lambda;
        int maxQ = _terms.Count == 0 ? 0 : _terms.Keys.Max(k => k.Q);
        var logPowers = new List<LogPowerSeries> { Constant(RationalFunction.One).Truncate(n) };
        for (int q = 1; q <= maxQ; q++) logPowers.Add((logPowers[q - 1] * log).Truncate(n));
        var result = Zero(Exponent, n);
        foreach (var ((s, q), c) in _terms)
        {
            // binom(−x, k) for x = P + s.
            var x = Exponent + Rational.Create(s, 1);
            var binomial = new List<KeyValuePair<(int, int), RationalFunction>>();
            RationalFunction b = RationalFunction.One;
            for (int k = 0; k + s <= n; k++)
            {
                if (k > 0) b = b * (-x - Rational.Create(k - 1, 1)) / Rational.Create(k, 1);
                binomial.Add(new((s + k, 0), b));
            }
            var factor = new LogPowerSeries(Exponent, binomial, n);
            result += (factor * logPowers[q]).Truncate(n).Scale(c);
        }
        return result.Truncate(n);
    }

    /// <summary>Σ_k f_k u^k for a power series f (coefficients f_0, f_1, …) and u with a positive leading exponent.</summary>
    public static LogPowerSeries Compose(IReadOnlyList<RationalFunction> f, LogPowerSeries u, int known)
    {
        var result = Constant(f.Count > 0 ? f[0] : RationalFunction.Zero).Truncate(known);
        var power = Constant(RationalFunction.One);
        for (int k = 1; k < f.Count; k++)
        {
            power = (power * u).Truncate(known + 8);
            if (f[k].IsZero) continue;
            var term = power.Scale(f[k]);
            // keep only what lies within the requested absolute window
            result = (result + term.Rebase(Lower(term.Exponent, RationalFunction.Zero))).Truncate(known);
        }
        return result;
    }

    /// <summary>Substitutes values for symbols in every coefficient and the exponent.</summary>
    public LogPowerSeries Substitute(IReadOnlyDictionary<Symbol, RationalFunction> values) =>
        new(Exponent.Substitute(values), _terms.Select(t => new KeyValuePair<(int, int), RationalFunction>(t.Key, t.Value.Substitute(values))), Known);

    public override string ToString() => $"l^-({Exponent}) [" + string.Join(" + ", _terms.Select(t => $"({t.Value}) L^{t.Key.Q}/l^{t.Key.S}")) + $" + O(l^-{Known + 1})]";
}
