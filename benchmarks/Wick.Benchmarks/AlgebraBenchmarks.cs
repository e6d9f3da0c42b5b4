using BenchmarkDotNet.Attributes;
using Wick.Algebra;

namespace Wick.Benchmarks;

/// <summary>
/// The exact algebra core (issue 2): products of 1,000-term polynomials in four symbols and the exact
/// expansion of c_{2m}(n) = Π_{k=1}^{m−1}(1 + 2k/n) (3.46) for m = 200.
/// Run: dotnet run -c Release --project benchmarks/Wick.Benchmarks -- --filter '*AlgebraBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AlgebraBenchmarks
{
    private static readonly Symbol N = Symbol.Width(Layer.L);
    private static readonly Symbol Nm = Symbol.Width(Layer.L.Previous);
    private static readonly Symbol Cw = Symbol.CW;
    private static readonly Symbol R = Symbol.R;

    private Polynomial _a = Polynomial.Zero, _b = Polynomial.Zero;
    private Polynomial _la = Polynomial.Zero, _lb = Polynomial.Zero;
    private Polynomial[] _factors = [];
    private Polynomial _rising = Polynomial.Zero;
    private Polynomial _small1 = Polynomial.Zero, _small2 = Polynomial.Zero;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(20261123);
        _a = Random(rng, 1000, 0, 9, rational: false);
        _b = Random(rng, 1000, 0, 9, rational: false);
        _la = Random(rng, 1000, -6, 3, rational: true);
        _lb = Random(rng, 1000, -6, 3, rational: true);
        var inv = Polynomial.FromMonomial(Monomial.Of(N, -1));
        _factors = Enumerable.Range(1, 199).Select(k => 1 + 2 * k * inv).ToArray();
        // Engine-sized operands: (1 + 6/n + 8/n^2)^3 and (C_W^2 (1 + 2/n) + G4/3 + G4/n)^2.
        var g4 = Polynomial.Var(Symbol.Correlator(4, Layer.L));
        _small1 = (1 + 6 * inv + 8 * inv * inv).Pow(3);
        _small2 = (Polynomial.Var(Cw).Pow(2) * (1 + 2 * inv) + g4 * Rational.Create(1, 3) + inv * g4).Pow(2);
        _rising = Polynomial.Product(Enumerable.Range(0, 50).Select(k => Polynomial.Var(N) + 2 * k));
    }

    /// <summary>Exactly <paramref name="count"/> distinct terms, exponents in [lo, hi] for each of 4 symbols.</summary>
    private static Polynomial Random(Random rng, int count, int lo, int hi, bool rational)
    {
        var terms = new Dictionary<Monomial, Rational>();
        while (terms.Count < count)
        {
            var m = Monomial.FromFactors([(N, rng.Next(lo, hi + 1)), (Nm, rng.Next(lo, hi + 1)), (Cw, rng.Next(0, hi + 1)), (R, rng.Next(0, hi + 1))]);
            int p = rng.Next(1, 1000) * (rng.Next(2) == 0 ? -1 : 1);
            terms[m] = rational ? Rational.Create(p, rng.Next(1, 30)) : p;
        }
        return Polynomial.FromTerms(terms.Select(kv => (kv.Key, kv.Value)));
    }

    [Benchmark(Description = "1000 x 1000 terms, 4 symbols, integer coefficients")]
    public Polynomial Product1000() => _a * _b;

    [Benchmark(Description = "1000 x 1000 terms, 4 symbols, Laurent, rational coefficients")]
    public Polynomial Product1000Laurent() => _la * _lb;

    [Benchmark(Description = "7 x 9 terms (engine-sized)")]
    public Polynomial SmallProduct() => _small1 * _small2;

    [Benchmark(Description = "c_2m(n), m = 200, factor by factor")]
    public Polynomial CTwoM200Sequential()
    {
        var p = Polynomial.One;
        foreach (var f in _factors) p *= f;
        return p;
    }

    [Benchmark(Description = "c_2m(n), m = 200, product tree")]
    public Polynomial CTwoM200Tree() => Polynomial.Product(_factors);

    [Benchmark(Description = "factor n(n+2)...(n+98)")]
    public Factorization FactorRising50() => PolynomialFactoring.Factor(_rising, N);
}
