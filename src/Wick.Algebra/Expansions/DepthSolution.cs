using System.Text;

namespace Wick.Algebra.Expansions;

/// <summary>One term a · b^{(ℓ − ℓ0)} of a <see cref="DepthSolution"/>: an amplitude times a base raised to the depth.</summary>
/// <param name="Amplitude">a: a Laurent polynomial (it may contain the depth symbol itself: p(ℓ) b^{ℓ−ℓ0}).</param>
/// <param name="Base">b: a Laurent polynomial free of the depth symbol, e.g. c_{2m}(n) C_W^m = (1 + 2/n)… C_W^m.</param>
public sealed record DepthTerm(Polynomial Amplitude, Polynomial Base);

/// <summary>
/// A solution with symbolic depth: Σ_k a_k · b_k^{(ℓ − ℓ0)}, the shape of every solved linear recursion of a deep
/// linear network. The constant-width solution of (3.45) is G_{2m}^{(ℓ)} = (c_{2m}(n) C_W^m)^{ℓ−1} (G_2^{(1)})^m, and
/// connected combinations (3.28), (3.57) are sums and products of such terms. Exact and immutable; equal bases are
/// merged, zero amplitudes dropped.
/// </summary>
/// <remarks>
/// The exponent is ℓ − ℓ0 with one offset ℓ0 for the whole expression: adding or multiplying solutions with different
/// offsets rewrites the one with the smaller offset using b^{ℓ−s} = b^{t−s} · b^{ℓ−t} (t ≥ s), which keeps every
/// amplitude a Laurent polynomial. Bases must not contain the depth symbol.
/// </remarks>
public sealed class DepthSolution : IEquatable<DepthSolution>
{
    private readonly DepthTerm[] _terms;

    private DepthSolution(Symbol depth, int offset, DepthTerm[] terms)
    {
        Depth = depth;
        Offset = offset;
        _terms = terms;
    }

    /// <summary>The depth symbol ℓ (or L) appearing in the exponent.</summary>
    public Symbol Depth { get; }

    /// <summary>ℓ0, the offset in the exponent ℓ − ℓ0 (1 for "the first layer is Gaussian").</summary>
    public int Offset { get; }

    /// <summary>The terms a_k · b_k^{ℓ−ℓ0}, merged by base, in canonical order.</summary>
    public IReadOnlyList<DepthTerm> Terms => _terms;

    /// <summary>The running depth symbol <c>l</c>.</summary>
    public static Symbol DefaultDepth { get; } = Symbol.Depth("l");

    /// <summary>a · b^{(depth − offset)}.</summary>
    public static DepthSolution Power(Polynomial amplitude, Polynomial @base, Symbol depth, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(amplitude);
        ArgumentNullException.ThrowIfNull(@base);
        ArgumentNullException.ThrowIfNull(depth);
        return Create(depth, offset, [new DepthTerm(amplitude, @base)]);
    }

    /// <summary>A depth-independent value a (base 1).</summary>
    public static DepthSolution Constant(Polynomial value, Symbol depth) => Power(value, Polynomial.One, depth, 0);

    /// <summary>Builds from terms sharing one offset; merges equal bases and drops zeros.</summary>
    public static DepthSolution Create(Symbol depth, int offset, IEnumerable<DepthTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(depth);
        var byBase = new Dictionary<Polynomial, Polynomial>();
        var order = new List<Polynomial>();
        foreach (var t in terms)
        {
            if (t.Base.IsZero) throw new ArgumentException("A depth solution's base must be non-zero.", nameof(terms));
            if (t.Base.Symbols.Contains(depth))
                throw new ArgumentException($"A base must not contain the depth symbol {depth}: {t.Base}.", nameof(terms));
            if (t.Amplitude.IsZero) continue;
            if (byBase.TryGetValue(t.Base, out var a)) byBase[t.Base] = a + t.Amplitude;
            else { byBase[t.Base] = t.Amplitude; order.Add(t.Base); }
        }
        var list = order.Where(b => !byBase[b].IsZero).Select(b => new DepthTerm(byBase[b], b))
            .OrderBy(t => t.Base.ToString(), StringComparer.Ordinal).ToArray();
        bool allConstant = list.All(t => t.Base == Polynomial.One);
        return new DepthSolution(depth, allConstant ? 0 : offset, list);
    }

    /// <summary>True when the expression is identically zero.</summary>
    public bool IsZero => _terms.Length == 0;

    /// <summary>True when no term depends on depth (all bases 1 and the depth symbol absent from the amplitudes).</summary>
    public bool IsDepthIndependent => _terms.All(t => t.Base == Polynomial.One && !t.Amplitude.Symbols.Contains(Depth));

    /// <summary>The same value written with exponent ℓ − <paramref name="newOffset"/> (needs newOffset ≥ <see cref="Offset"/>).</summary>
    public DepthSolution WithOffset(int newOffset)
    {
        if (newOffset == Offset) return this;
        if (newOffset < Offset)
            throw new ArgumentOutOfRangeException(nameof(newOffset), newOffset, $"An offset can only be raised (from {Offset}): b^(l-s) = b^(t-s) b^(l-t) needs t >= s.");
        return new DepthSolution(Depth, newOffset,
            _terms.Select(t => new DepthTerm(t.Amplitude * t.Base.Pow(newOffset - Offset), t.Base)).ToArray());
    }

    private static (DepthSolution, DepthSolution) Align(DepthSolution a, DepthSolution b)
    {
        if (a.Depth != b.Depth) throw new ArgumentException($"Depth symbols differ: {a.Depth} and {b.Depth}.");
        int t = Math.Max(a.IsDepthIndependentBases ? b.Offset : a.Offset, b.IsDepthIndependentBases ? a.Offset : b.Offset);
        return (a.WithOffsetLoose(t), b.WithOffsetLoose(t));
    }

    private bool IsDepthIndependentBases => _terms.All(t => t.Base == Polynomial.One);

    // Constants (all bases 1) can take any offset without change.
    private DepthSolution WithOffsetLoose(int t) => IsDepthIndependentBases ? new DepthSolution(Depth, t, _terms) : WithOffset(t);

    public static DepthSolution operator +(DepthSolution a, DepthSolution b)
    {
        var (x, y) = Align(a, b);
        return Create(x.Depth, x.Offset, x._terms.Concat(y._terms));
    }

    public static DepthSolution operator -(DepthSolution a) =>
        new(a.Depth, a.Offset, a._terms.Select(t => t with { Amplitude = -t.Amplitude }).ToArray());

    public static DepthSolution operator -(DepthSolution a, DepthSolution b) => a + -b;

    /// <summary>(Σ a_i b_i^{ℓ−ℓ0})(Σ a'_j b'_j^{ℓ−ℓ0}) = Σ a_i a'_j (b_i b'_j)^{ℓ−ℓ0}: bases multiply.</summary>
    public static DepthSolution operator *(DepthSolution a, DepthSolution b)
    {
        var (x, y) = Align(a, b);
        return Create(x.Depth, x.Offset,
            from s in x._terms from t in y._terms select new DepthTerm(s.Amplitude * t.Amplitude, s.Base * t.Base));
    }

    public static DepthSolution operator *(DepthSolution a, Polynomial c) =>
        Create(a.Depth, a.Offset, a._terms.Select(t => t with { Amplitude = t.Amplitude * c }));

    public static DepthSolution operator *(Polynomial c, DepthSolution a) => a * c;

    /// <summary>Non-negative integer power.</summary>
    public DepthSolution Pow(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        var result = Constant(Polynomial.One, Depth);
        for (int i = 0; i < exponent; i++) result *= this;
        return result;
    }

    /// <summary>
    /// Substitutes a symbol in every amplitude and base — e.g. <c>C_W = 1</c> for criticality, or all layer widths by
    /// one n — before expanding. Bases that become equal are merged (at criticality G_2² (1)^{ℓ−1} and the constant
    /// G_2² combine).
    /// </summary>
    public DepthSolution Substitute(Symbol symbol, Polynomial value)
    {
        if (symbol == Depth) throw new ArgumentException($"Use {nameof(AtDepth)} to fix the depth {Depth}.", nameof(symbol));
        return Create(Depth, Offset, _terms.Select(t => new DepthTerm(t.Amplitude.Substitute(symbol, value), t.Base.Substitute(symbol, value))));
    }

    /// <summary>Simultaneous substitution of several symbols (see <see cref="Substitute(Symbol, Polynomial)"/>).</summary>
    public DepthSolution Substitute(IReadOnlyDictionary<Symbol, Polynomial> values)
    {
        if (values.ContainsKey(Depth)) throw new ArgumentException($"Use {nameof(AtDepth)} to fix the depth {Depth}.", nameof(values));
        return Create(Depth, Offset, _terms.Select(t => new DepthTerm(t.Amplitude.Substitute(values), t.Base.Substitute(values))));
    }

    /// <summary>The exact value at a concrete depth (needs depth ≥ ℓ0 unless every base is a single term).</summary>
    public Polynomial AtDepth(int depth)
    {
        var d = Polynomial.Constant(depth);
        return Polynomial.Sum(_terms.Select(t => t.Amplitude.Substitute(Depth, d) * t.Base.Pow(depth - Offset)));
    }

    /// <summary>
    /// Composes a polynomial in symbols (e.g. the connected combination G_6 − 3 G_2 G_4 + 2 G_2³ in G_{2k}^{(ℓ)}) with
    /// depth solutions for those symbols; symbols without a solution stay as they are.
    /// </summary>
    public static DepthSolution Compose(Polynomial expression, IReadOnlyDictionary<Symbol, DepthSolution> solutions, Symbol depth)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(solutions);
        var result = Constant(Polynomial.Zero, depth);
        foreach (var (monomial, coefficient) in expression.Terms)
        {
            var term = Constant(Polynomial.Constant(coefficient), depth);
            foreach (var (s, e) in monomial.Factors)
            {
                if (solutions.TryGetValue(s, out var sol))
                {
                    if (e < 0) throw new ArgumentException($"Cannot compose a negative power of {s} with its depth solution.", nameof(expression));
                    term *= sol.Pow(e);
                }
                else term *= Polynomial.FromMonomial(Monomial.Of(s, e));
            }
            result += term;
        }
        return result;
    }

    public bool Equals(DepthSolution? other)
    {
        if (other is null) return false;
        if (Depth != other.Depth) return false;
        var d = this - other;
        return d.IsZero;
    }

    public override bool Equals(object? obj) => Equals(obj as DepthSolution);
    public override int GetHashCode() => Depth.GetHashCode();

    /// <summary><c>(G2^(1))^2 (1 + 2/n)^(l-1) - (G2^(1))^2</c>.</summary>
    public override string ToString() => Format(p => p.ToString(), Exponent(false), latex: false);

    /// <summary>LaTeX: <c>\left(1 + \frac{2}{n}\right)^{\ell-1} …</c>.</summary>
    public string ToLatex() => Format(p => p.ToLatex(), Exponent(true), latex: true);

    private string Exponent(bool latex)
    {
        string l = latex && Depth.PlainName == "l" ? "\\ell" : latex ? Depth.ToLatex() : Depth.ToString();
        return Offset switch { 0 => l, > 0 => $"{l}-{Offset}", _ => $"{l}+{-Offset}" };
    }

    private string Format(Func<Polynomial, string> print, string exponent, bool latex)
    {
        if (_terms.Length == 0) return "0";
        var sb = new StringBuilder();
        const string sep = " ";
        foreach (var t in _terms)
        {
            string amp = print(t.Amplitude);
            string power;
            if (t.Base == Polynomial.One) power = "";
            else
            {
                string b = print(t.Base);
                bool simple = t.Base.IsSingleTerm && t.Base.Terms[0].Coefficient.IsOne
                              && t.Base.Terms[0].Monomial.Factors is [{ Exponent: 1, Symbol.Layer: null }];
                string wrapped = simple ? b : latex ? $"\\left({b}\\right)" : $"({b})";
                power = latex ? $"{wrapped}^{{{exponent}}}" : $"{wrapped}^({exponent})";
            }
            string ampWrapped = t.Amplitude.Count > 1 && power.Length > 0 ? (latex ? $"\\left({amp}\\right)" : $"({amp})") : amp;
            string body = power.Length == 0 ? ampWrapped : t.Amplitude == Polynomial.One ? power : ampWrapped + sep + power;
            if (sb.Length > 0)
            {
                if (body.StartsWith('-')) sb.Append(" - ").Append(body[1..]);
                else sb.Append(" + ").Append(body);
            }
            else sb.Append(body);
        }
        return sb.ToString();
    }
}
