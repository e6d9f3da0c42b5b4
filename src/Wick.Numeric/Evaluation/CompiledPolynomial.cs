using Wick.Algebra;

namespace Wick.Numeric.Evaluation;

/// <summary>
/// A <see cref="Polynomial"/> compiled once for fast repeated evaluation: its symbols are bound to slots of a value
/// vector, and the terms are flattened into coefficient and (slot, exponent) arrays — no dictionaries, no strings
/// in the inner loop. The exact rational coefficients are kept for <see cref="EvaluateExact"/>.
/// </summary>
public sealed class CompiledPolynomial
{
    private readonly double[] _coefficients;
    private readonly Rational[] _exact;
    private readonly int[] _termStart; // factors of term t are [_termStart[t], _termStart[t+1])
    private readonly int[] _slot;
    private readonly int[] _exponent;

    private CompiledPolynomial(Polynomial source, double[] c, Rational[] exact, int[] start, int[] slot, int[] exponent)
    {
        Source = source;
        _coefficients = c;
        _exact = exact;
        _termStart = start;
        _slot = slot;
        _exponent = exponent;
    }

    /// <summary>The polynomial compiled.</summary>
    public Polynomial Source { get; }

    /// <summary>Compiles <paramref name="p"/>; <paramref name="slotOf"/> maps each symbol to its slot (or throws for an unbound one).</summary>
    public static CompiledPolynomial Compile(Polynomial p, Func<Symbol, int> slotOf)
    {
        int terms = p.Terms.Count;
        var c = new double[terms];
        var exact = new Rational[terms];
        var start = new int[terms + 1];
        var slot = new List<int>();
        var exponent = new List<int>();
        for (int t = 0; t < terms; t++)
        {
            var (m, coeff) = p.Terms[t];
            c[t] = coeff.ToDouble();
            exact[t] = coeff;
            start[t] = slot.Count;
            foreach (var (s, e) in m.Factors)
            {
                slot.Add(slotOf(s));
                exponent.Add(e);
            }
        }
        start[terms] = slot.Count;
        return new CompiledPolynomial(p, c, exact, start, slot.ToArray(), exponent.ToArray());
    }

    /// <summary>Compiles against a fixed symbol list (slot i is <paramref name="symbols"/>[i]).</summary>
    public static CompiledPolynomial Compile(Polynomial p, IReadOnlyList<Symbol> symbols)
    {
        var map = new Dictionary<Symbol, int>();
        for (int i = 0; i < symbols.Count; i++) map[symbols[i]] = i;
        return Compile(p, s => map.TryGetValue(s, out int i) ? i
            : throw new ArgumentException($"Cannot evaluate {p}: symbol {s} has no value."));
    }

    /// <summary>Σ_t c_t Π x_slot^e in floating point.</summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        double sum = 0;
        for (int t = 0; t < _coefficients.Length; t++)
        {
            double v = _coefficients[t];
            for (int f = _termStart[t]; f < _termStart[t + 1]; f++) v *= IntPow(values[_slot[f]], _exponent[f]);
            sum += v;
        }
        return sum;
    }

    /// <summary>The exact rational value.</summary>
    public Rational EvaluateExact(ReadOnlySpan<Rational> values)
    {
        Rational sum = Rational.Zero;
        for (int t = 0; t < _exact.Length; t++)
        {
            Rational v = _exact[t];
            for (int f = _termStart[t]; f < _termStart[t + 1]; f++)
            {
                var x = values[_slot[f]];
                if (x.IsZero && _exponent[f] < 0) throw new DivideByZeroException($"Cannot evaluate {Source}: a symbol with negative exponent is zero.");
                v *= x.Pow(_exponent[f]);
            }
            sum += v;
        }
        return sum;
    }

    private static double IntPow(double x, int e)
    {
        if (e == 1) return x;
        if (e < 0) return 1.0 / IntPow(x, -e);
        double r = 1;
        while (e > 0) { if ((e & 1) != 0) r *= x; x *= x; e >>= 1; }
        return r;
    }
}
