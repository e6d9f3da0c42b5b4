using System.Numerics;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Tensors;

/// <summary>
/// Refuses to write out a tensor as an explicit Σ of δ products when that sum is huge (16 points: 2,027,025 terms).
/// Single-input correlators never need it: they are the <see cref="PairingTensor"/> times G_{2m} (3.44), kept as
/// one value; what is refused is an operation that would have to expand such a tensor (e.g. multiplying it by δ's
/// on other free indices).
/// </summary>
public sealed class ExplicitTensorTooLargeException : RefusedException
{
    /// <summary>Writing out the explicit pairing sum of <paramref name="points"/> fields ((2m−1)!! = <paramref name="terms"/>).</summary>
    public ExplicitTensorTooLargeException(int points, BigInteger terms)
        : base($"Writing out the {points}-point pairing sum would take (2m-1)!! = {terms} delta products, over the limit of " +
               $"{MaxTerms} ({MaxPoints} points). A single-input correlator is the pairing tensor times G{points} (3.44), " +
               $"pairings_{{i1 ... i{points}}} G{points}^(l+1): use that form, or the named quantity G{points}^(l+1).")
    {
    }

    /// <summary>An operation on a pairing tensor beyond the explicit size that would have to expand it.</summary>
    public ExplicitTensorTooLargeException(string message) : base(message)
    {
    }

    /// <summary>The largest pairing sum written out explicitly: 12 points, 10,395 pairings.</summary>
    public const int MaxPoints = 12;

    /// <summary>(2·6−1)!! = 10,395.</summary>
    public static readonly BigInteger MaxTerms = PairingEnumerator.Count(MaxPoints);

    /// <summary>
    /// The largest correlator of several inputs (sample indices) derived: 8 points (by label orbits, issue 16, well under a
    /// second; 10 points would need 945-pairing contractions per F and Bell(5) vertex pieces, not measured).
    /// </summary>
    public const int MaxSeveralInputPoints = 8;

    /// <summary>Throws when a correlator of several inputs has more than <see cref="MaxSeveralInputPoints"/> fields.</summary>
    public static void GuardSeveralInputs(int points)
    {
        if (points <= MaxSeveralInputPoints) return;
        throw new ExplicitTensorTooLargeException(
            $"A {points}-point correlator of several inputs (sample indices) is beyond the {MaxSeveralInputPoints}-point limit: " +
            $"its pairings carry sample-index structure and the derivation would take minutes. Use at most {MaxSeveralInputPoints} fields, or one input (no sample indices).");
    }

    /// <summary>Throws when an explicit pairing sum over <paramref name="points"/> fields would exceed the limit.</summary>
    public static void Guard(int points)
    {
        if (points <= MaxPoints) return;
        throw new ExplicitTensorTooLargeException(points, PairingEnumerator.Count(points));
    }
}
