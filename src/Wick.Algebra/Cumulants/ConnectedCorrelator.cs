using System.Numerics;
using Wick.Algebra.Tensors;

namespace Wick.Algebra.Cumulants;

/// <summary>
/// Neural-index tensors as a moment algebra: a block's moment is a <see cref="TensorPolynomial"/> on that block's
/// indices, and the product of blocks multiplies Kronecker deltas on disjoint index sets.
/// </summary>
public sealed class TensorMomentAlgebra : IMomentAlgebra<TensorPolynomial>
{
    /// <summary>The shared instance.</summary>
    public static TensorMomentAlgebra Instance { get; } = new();

    public TensorPolynomial Zero => TensorPolynomial.Zero;
    public TensorPolynomial Add(TensorPolynomial a, TensorPolynomial b) => a + b;
    public TensorPolynomial Multiply(TensorPolynomial a, TensorPolynomial b) => a * b;
    public TensorPolynomial Scale(TensorPolynomial a, BigInteger c) => a * Polynomial.Constant(c);
    public bool IsZero(TensorPolynomial a) => a.IsZero;
}

/// <summary>
/// Connected correlators E[X_1 ⋯ X_N]|_c of fields with tensor-valued moments — the <c>Ec[…]</c> of the input language.
/// The fields are opaque to this class (the engine's <c>FieldPoint</c>s: a neural index and optionally a sample label,
/// so several inputs are fine); the engine supplies each block's moment as a tensor on the block's indices.
/// </summary>
/// <example>
/// <code>
/// var fields = new[] { "i1", "i2", "i3", "i4" };
/// var ec = ConnectedCorrelator.Of(fields, block => ConnectedCorrelator.PairingTensor(block)
///              * Polynomial.Var(PairingConnected.G(block.Count / 2, Layer.L)));
/// ConnectedCorrelator.TryFactorPairing(ec, fields, out var s);   // s = G4^(l) − (G2^(l))^2   (3.29)
/// </code>
/// </example>
public static class ConnectedCorrelator
{
    /// <summary>
    /// The connected correlator by the Möbius formula Σ_π μ(π, 1̂) Π_{B∈π} E[B] (only even blocks when
    /// <paramref name="oddMomentsVanish"/>, the zero-mean case of every deep linear network at initialization).
    /// </summary>
    public static TensorPolynomial Of<TField>(IReadOnlyList<TField> fields, Func<IReadOnlyList<TField>, TensorPolynomial> moment, bool oddMomentsVanish = true)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(moment);
        return MomentCumulant.Connected(fields.Count, block => moment(Pick(fields, block)), TensorMomentAlgebra.Instance, oddMomentsVanish);
    }

    /// <summary>The same by brute-force recursive subtraction (independent algorithm, for cross-checks on small cases).</summary>
    public static TensorPolynomial BySubtraction<TField>(IReadOnlyList<TField> fields, Func<IReadOnlyList<TField>, TensorPolynomial> moment)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(moment);
        return MomentCumulant.ConnectedBySubtraction(fields.Count, block => moment(Pick(fields, block)), TensorMomentAlgebra.Instance);
    }

    private static TField[] Pick<TField>(IReadOnlyList<TField> fields, IReadOnlyList<int> block)
    {
        var picked = new TField[block.Count];
        for (int i = 0; i < block.Count; i++) picked[i] = fields[block[i]];
        return picked;
    }

    /// <summary>The pairing tensor Σ_{pairings} δ⋯δ on the given indices ((2m−1)!! terms; 0 for an odd count, 1 for none).</summary>
    public static TensorPolynomial PairingTensor(IReadOnlyList<string> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count % 2 == 1) return TensorPolynomial.Zero;
        return TensorPolynomial.Pairings(Tensors.PairingTensor.Of(indices), Polynomial.One);
    }

    /// <summary>
    /// Recognises "pairing tensor × scalar": true with the scalar s when <paramref name="tensor"/> = s · Σ_{pairings} δ⋯δ
    /// on exactly <paramref name="indices"/> (every term a perfect matching of the indices, all (2m−1)!! of them, one
    /// common coefficient). The zero tensor factors with s = 0.
    /// </summary>
    public static bool TryFactorPairing(TensorPolynomial tensor, IReadOnlyList<string> indices, out Polynomial scalar)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(indices);
        scalar = Polynomial.Zero;
        if (tensor.IsZero) return true;
        if (indices.Count % 2 == 1 || indices.Distinct().Count() != indices.Count) return false;
        if (tensor.PairingTerms.Count > 0)
        {
            // Beyond the explicit limit the pairing tensor is one term: it must be the only one, on these indices.
            if (!tensor.ZeroTestIsExact || !tensor.PairingTerms[0].Tensor.Equals(Tensors.PairingTensor.Of(indices))) return false;
            scalar = tensor.PairingTerms[0].Coefficient;
            return true;
        }
        long expected = 1;
        for (int k = indices.Count - 1; k > 1; k -= 2) expected *= k;
        if (tensor.Count != expected) return false;
        var set = indices.ToHashSet();
        Polynomial? common = null;
        foreach (var (deltas, coefficient) in tensor.Terms)
        {
            if (deltas.Pairs.Count != indices.Count / 2) return false;
            var seen = new HashSet<string>();
            foreach (var (a, b) in deltas.Pairs)
                if (!set.Contains(a) || !set.Contains(b) || !seen.Add(a) || !seen.Add(b)) return false;
            if (common is null) common = coefficient;
            else if (common != coefficient) return false;
        }
        scalar = common!;
        return true;
    }
}
