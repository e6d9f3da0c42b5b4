namespace Wick.Algebra.Criticality;

/// <summary>
/// The single-input Gaussian expectations of chapter 5 as power series in the kernel K, from the Taylor coefficients
/// σ_p of σ(z) = Σ σ_p z^p / p! (5.80): each product of σ's is a series in z and ⟨z^{2m}⟩_K = (2m−1)!! K^m, odd
/// moments vanish. Over <see cref="SymbolicNumber"/> with σ_p as symbols this derives (5.81) and (5.83)–(5.88);
/// over exact rationals it gives a concrete activation's coefficients.
/// </summary>
public sealed class KernelExpansion<T> where T : ICoefficient<T>
{
    /// <param name="taylor">σ_0, σ_1, …, σ_{N−1} (derivatives at 0, not divided by p!).</param>
    public KernelExpansion(IReadOnlyList<T> taylor)
    {
        int n = taylor.Count;
        if (n < 2) throw new ArgumentException("at least σ_0 and σ_1 are needed", nameof(taylor));
        Taylor = taylor;
        var z = new T[n];
        T factorial = T.One;
        for (int p = 0; p < n; p++)
        {
            if (p > 0) factorial *= T.FromInteger(p);
            z[p] = taylor[p] / factorial;
        }
        Sigma = new PowerSeries<T>(z, n);
        SigmaPrime = Sigma.Derivative();
    }

    /// <summary>σ_p as given.</summary>
    public IReadOnlyList<T> Taylor { get; }

    /// <summary>σ(z) as a series in z.</summary>
    public PowerSeries<T> Sigma { get; }

    /// <summary>σ'(z) as a series in z (one order shorter).</summary>
    public PowerSeries<T> SigmaPrime { get; }

    /// <summary>⟨f(z)⟩_K as a series in K for f a series in z: Σ_m (2m−1)!! f_{2m} K^m, kept while f_{2m} is known.</summary>
    public static PowerSeries<T> Average(PowerSeries<T> f)
    {
        int m = (f.Order + 1) / 2;
        var c = new T[m];
        T doubleFactorial = T.One; // (2k−1)!!
        for (int k = 0; k < m; k++)
        {
            if (k > 0) doubleFactorial *= T.FromInteger(2 * k - 1);
            c[k] = doubleFactorial * f[2 * k];
        }
        return new PowerSeries<T>(c, m);
    }

    /// <summary>g(K) = ⟨σσ⟩_K (5.5); (5.81) is its first two terms.</summary>
    public PowerSeries<T> G => Average(Sigma * Sigma);

    /// <summary>⟨σ'σ'⟩_K: χ_⊥ = C_W ⟨σ'σ'⟩ (5.51).</summary>
    public PowerSeries<T> SigmaPrimeSquared => Average(SigmaPrime * SigmaPrime);

    /// <summary>⟨σ⁴⟩_K − ⟨σ²⟩_K²: the source of the vertex recursion (5.109), divided by C_W².</summary>
    public PowerSeries<T> FourPointSource
    {
        get
        {
            var s2 = Sigma * Sigma;
            var g = Average(s2);
            var four = Average(s2 * s2);
            return four - Truncate(g * g, four.Order);
        }
    }

    private static PowerSeries<T> Truncate(PowerSeries<T> a, int order) => new(a.Coefficients.Take(order).ToArray(), order);

    /// <summary>
    /// The K* = 0 coefficients (5.83)–(5.88), defined when σ_0 = 0: C_W g = C_W σ_1² (K + a_1 K² + a_2 K³ + …),
    /// χ_⊥ = C_W σ_1² (1 + b_1 K + …); the series are returned normalised by σ_1² (C_W = 1/σ_1² (5.90)).
    /// </summary>
    public ZeroClassCoefficients<T> ZeroClass()
    {
        if (!Taylor[0].IsZero) throw new InvalidOperationException("the K* = 0 expansion needs σ_0 = 0 (5.89)");
        if (Taylor[1].IsZero) throw new InvalidOperationException("the K* = 0 expansion needs σ_1 ≠ 0 (5.89)");
        T s1 = Taylor[1] * Taylor[1];
        var g = (T.One / s1) * G;
        var perp = (T.One / s1) * SigmaPrimeSquared;
        var nu = (T.One / (s1 * s1)) * FourPointSource;
        return new ZeroClassCoefficients<T>(g, perp, nu);
    }
}

/// <summary>
/// The normalised K* = 0 series at C_W = 1/σ_1²: g̃(K) = C_W g = K + a_1 K² + a_2 K³ + … (5.83), χ_∥ = g̃' (5.84),
/// χ_⊥ = 1 + b_1 K + … (5.85), ν(K) = C_W² (⟨σ⁴⟩ − ⟨σ²⟩²) = 2K² + … (5.122), j/(8K²) = g̃''/2 (5.123).
/// </summary>
public sealed record ZeroClassCoefficients<T>(PowerSeries<T> GTilde, PowerSeries<T> ChiPerp, PowerSeries<T> Nu) where T : ICoefficient<T>
{
    public T A1 => GTilde[2];
    public T A2 => GTilde[3];
    public T B1 => ChiPerp[1];

    /// <summary>χ_∥(K) = g̃'(K) (5.84).</summary>
    public PowerSeries<T> ChiParallel => GTilde.Derivative();

    /// <summary>j(K)/(8K²) = g̃''(K)/2 (5.111), (5.123): j = 4K² C_W g''.</summary>
    public PowerSeries<T> JOver8K2
    {
        get
        {
            var d2 = GTilde.Derivative().Derivative();
            return (T.One / T.FromInteger(2)) * d2;
        }
    }
}
