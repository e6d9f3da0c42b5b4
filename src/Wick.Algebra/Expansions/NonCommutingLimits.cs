namespace Wick.Algebra.Expansions;

/// <summary>How a quantity behaves as the depth grows without bound at fixed width.</summary>
public enum DepthBehaviour
{
    /// <summary>Decays exponentially to 0 (dominant base below 1).</summary>
    Vanishes,
    /// <summary>Tends to a finite limit (dominant base exactly 1 with a depth-independent amplitude).</summary>
    Finite,
    /// <summary>Grows without bound (dominant base above 1, or base 1 with an amplitude growing polynomially in depth).</summary>
    Diverges,
}

/// <summary>
/// The depth-first limit L → ∞ at fixed width (3.50): the term with the largest base dominates.
/// </summary>
/// <param name="Behaviour">Diverges / Finite / Vanishes.</param>
/// <param name="DominantBase">The base b* of the dominant term (e.g. c_{2m}(n) = 1 + m(m−1)/n + …).</param>
/// <param name="DominantAmplitude">Its amplitude a*: the quantity behaves as a* (b*)^{L−ℓ0}.</param>
/// <param name="ForAllWidths">True when the classification holds for every width n &gt; 0 (the coefficients of b* − 1 in
/// 1/n all share one sign); otherwise it is established for sufficiently large n.</param>
/// <param name="Description">A sentence the CLI can print.</param>
public sealed record DepthFirstLimit(DepthBehaviour Behaviour, Polynomial DominantBase, Polynomial DominantAmplitude, bool ForAllWidths, string Description);

/// <summary>
/// The two limits of (3.51) that do not commute. Width first (n → ∞ at fixed L, (3.48)–(3.49)): every base tends to its
/// width-order-0 part, so at criticality G_{2m}/G_2^m → 1 and the statistics are Gaussian. Depth first (L → ∞ at fixed
/// n, (3.50)): the largest base dominates, and c_{2m}(n) &gt; 1 makes G_{2m}/G_2^m → ∞ for m ≥ 2.
/// </summary>
public static class NonCommutingLimits
{
    /// <summary>n → ∞ at fixed depth: each base replaced by its leading monomial, each amplitude by its order-0 part.</summary>
    public static DepthSolution WidthFirst(DepthSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return DepthSolution.Create(solution.Depth, solution.Offset, solution.Terms.Select(t =>
        {
            if (t.Amplitude.MaxWidthDegree > 0) throw new ArgumentException($"The amplitude {t.Amplitude} grows with the width: no finite width-first limit.", nameof(solution));
            return new DepthTerm(t.Amplitude.Where(m => m.WidthDegree == 0), WidthExpansion.SplitBase(t.Base).Leading);
        }));
    }

    /// <summary>
    /// L → ∞ at fixed (large) width: the dominant term and whether the quantity diverges, stays finite or vanishes.
    /// Bases must be Laurent polynomials in the widths with rational coefficients (substitute C_W first).
    /// </summary>
    public static DepthFirstLimit DepthFirst(DepthSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        if (solution.IsZero) return new DepthFirstLimit(DepthBehaviour.Finite, Polynomial.One, Polynomial.Zero, true, "identically 0");
        foreach (var t in solution.Terms)
            foreach (var s in t.Base.Symbols)
                if (!s.IsWidth) throw new ArgumentException($"The base {t.Base} contains {s}; substitute hyperparameters (e.g. C_W = 1) before the depth-first limit.", nameof(solution));
        var dominant = solution.Terms[0];
        foreach (var t in solution.Terms.Skip(1))
            if (LargeWidthSign(t.Base - dominant.Base) > 0) dominant = t;
        var excess = dominant.Base - 1;
        int sign = LargeWidthSign(excess);
        bool uniform = excess.Terms.All(x => x.Coefficient.Sign == sign);
        bool growingAmplitude = dominant.Amplitude.MaxDegree(solution.Depth) > 0;
        var behaviour = sign > 0 || growingAmplitude ? DepthBehaviour.Diverges : sign < 0 ? DepthBehaviour.Vanishes : DepthBehaviour.Finite;
        string L = solution.Depth.ToString();
        string description = behaviour switch
        {
            DepthBehaviour.Diverges when sign > 0 => $"diverges as {dominant.Amplitude} ({dominant.Base})^({L}-{solution.Offset}) for {L} → ∞ at fixed width ({(uniform ? "every width n > 0" : "large n")})",
            DepthBehaviour.Diverges => $"grows polynomially in {L} as {dominant.Amplitude}",
            DepthBehaviour.Vanishes => $"vanishes as ({dominant.Base})^({L}-{solution.Offset}) for {L} → ∞",
            _ => $"tends to {dominant.Amplitude}",
        };
        return new DepthFirstLimit(behaviour, dominant.Base, dominant.Amplitude, uniform, description);
    }

    /// <summary>The sign of p for large widths: the sign of its lowest-1/n-order term (0 for p = 0).</summary>
    public static int LargeWidthSign(Polynomial p)
    {
        if (p.IsZero) return 0;
        int top = p.MaxWidthDegree;
        var lead = p.Where(m => m.WidthDegree == top);
        if (lead.Symbols.Any(s => !s.IsWidth) || !lead.IsSingleTerm && lead.Terms.Select(t => t.Coefficient.Sign).Distinct().Count() > 1)
            throw new ArgumentException($"Cannot decide the sign of {p} for large widths.", nameof(p));
        return lead.Terms[0].Coefficient.Sign;
    }
}
