using System.Numerics;
using Wick.Algebra.Pairings;

namespace Wick.Algebra.Tensors;

/// <summary>
/// Refuses to write out a correlator as an explicit Σ over all (2m−1)!! pairings of δ's when that sum is huge
/// (16 points: 2,027,025 terms). Single-input correlators are the pairing tensor times G_{2m} (3.44), so the
/// recursion is derived on the named quantity instead, in pattern mode.
/// </summary>
public sealed class ExplicitTensorTooLargeException(int points, BigInteger terms)
    : InvalidOperationException(
        $"Writing out the {points}-point correlator would take (2m-1)!! = {terms} pairing terms, over the limit of " +
        $"{MaxTerms} ({MaxPoints} points). A single-input correlator is the pairing tensor times G{points} (3.44): " +
        $"derive the named quantity instead, e.g. wick derive \"G{points}^(l+1)\" (pattern mode, no enumeration).")
{
    /// <summary>The largest correlator written out explicitly: 12 points, 10,395 pairings.</summary>
    public const int MaxPoints = 12;

    /// <summary>(2·6−1)!! = 10,395.</summary>
    public static readonly BigInteger MaxTerms = PairingEnumerator.Count(MaxPoints);

    /// <summary>The largest correlator of several inputs (sample indices) derived: 8 points (≈ 7 s); 10 would take minutes.</summary>
    public const int MaxSeveralInputPoints = 8;

    /// <summary>Throws when a correlator of several inputs has more than <see cref="MaxSeveralInputPoints"/> fields.</summary>
    public static void GuardSeveralInputs(int points)
    {
        if (points <= MaxSeveralInputPoints) return;
        throw new InvalidOperationException(
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
