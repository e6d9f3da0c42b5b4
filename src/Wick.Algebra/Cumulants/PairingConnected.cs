namespace Wick.Algebra.Cumulants;

/// <summary>
/// The fast route for pairing-structured fields (single-input deep linear networks, (3.44)): when every block moment
/// is E[Π_{i∈B} z_i] = P_B · G_{|B|} with P_B the sum over all pairings of the block's indices, the connected
/// 2m-point correlator is the full pairing tensor times one scalar,
/// <code>E[z_1⋯z_{2m}]|_c = P_{2m} · Σ_{σ ∈ Π(m)} μ(σ, 1̂) Π_{B∈σ} G_{2|B|}.</code>
/// Proof: Π_{B∈π} P_B is the sum of the pairings p that refine π; exchanging the sums, the coefficient of each p is
/// Σ_{π ≥ p} μ(π, 1̂) Π_B G_{|B|}, and the partitions π coarser than p are the set partitions σ of p's m pairs —
/// the same for every p. So m = 2 gives G_4 − G_2² (3.29), m = 3 gives G_6 − 3 G_2 G_4 + 2 G_2³ (3.57), and the
/// sum has only Bell(m) terms (203 for 2m = 12) instead of the even set partitions of 2m points (150 349).
/// The general tensor route (<see cref="MomentCumulant.Connected{T}"/> with <c>TensorMomentAlgebra</c>) cross-checks it.
/// </summary>
public static class PairingConnected
{
    /// <summary>The scalar Σ_{σ∈Π(m)} μ(σ, 1̂) Π_{B∈σ} g(|B|) with g(k) = G_{2k} (in any moment algebra).</summary>
    public static T Scalar<T>(int m, Func<int, T> g2k, IMomentAlgebra<T> algebra)
    {
        ArgumentNullException.ThrowIfNull(g2k);
        ArgumentNullException.ThrowIfNull(algebra);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        return MomentCumulant.Connected(m, block => g2k(block.Count), algebra, oddMomentsVanish: false);
    }

    /// <summary>The scalar for polynomial G_{2k}, e.g. G_{2k} = <see cref="G"/>(k, layer).</summary>
    public static Polynomial Scalar(int m, Func<int, Polynomial> g2k) => Scalar(m, g2k, PolynomialMomentAlgebra.Instance);

    /// <summary>The connected 2m-point scalar in the engine's symbols G2^(layer), G4^(layer), …: G4 − G2² for m = 2.</summary>
    public static Polynomial Scalar(int m, Layer layer) => Scalar(m, k => Polynomial.Var(G(k, layer)));

    /// <summary>The symbol G_{2k}^{(layer)} (family name <c>G{2k}</c>, as the parser spells <c>G4^(l)</c>).</summary>
    public static Symbol G(int k, Layer layer) => Symbol.Correlator(2 * k, layer);
}

/// <summary>Polynomials as a moment algebra (scalar moments with symbolic entries).</summary>
public sealed class PolynomialMomentAlgebra : IMomentAlgebra<Polynomial>
{
    /// <summary>The shared instance.</summary>
    public static PolynomialMomentAlgebra Instance { get; } = new();

    public Polynomial Zero => Polynomial.Zero;
    public Polynomial Add(Polynomial a, Polynomial b) => a + b;
    public Polynomial Multiply(Polynomial a, Polynomial b) => a * b;
    public Polynomial Scale(Polynomial a, System.Numerics.BigInteger c) => a * (Rational)c;
    public bool IsZero(Polynomial a) => a.IsZero;
}
