namespace Wick.Algebra.Expansions;

/// <summary>
/// The double-scaling limit n, L → ∞ with r = L/n fixed (3.52)–(3.55). For a term a · b^{L−ℓ0} whose base tends to 1,
/// b = 1 + β_1/n + β_2/n² + …,
/// <code>b^{L−ℓ0} = exp((r n − ℓ0) log b) = e^{β_1 r} · exp(E),   E = [r(β_2 − β_1²/2) − ℓ0 β_1]/n + O(1/n²)</code>
/// so the limit is e^{β_1 r} (3.54) and exp(E), expanded in 1/n at fixed r, gives the finite-size corrections —
/// each a polynomial in r — exactly, to any requested order.
/// </summary>
public static class DoubleScaling
{
    /// <summary>
    /// The double-scaling form of a depth solution in the single width <paramref name="width"/> (all hidden widths
    /// equal), with L ↦ r n. <paramref name="widthOrder"/> = 0 gives the limit itself (3.55); K &gt; 0 keeps the 1/n
    /// corrections at fixed r through 1/n^K.
    /// </summary>
    /// <exception cref="ArgumentException">A base does not tend to 1 (not at criticality: substitute C_W = 1 first),
    /// involves another width symbol, or an amplitude depends on the depth.</exception>
    public static ExponentialPolynomial Limit(DepthSolution solution, Symbol width, int widthOrder = 0, Symbol? r = null)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(width);
        ArgumentOutOfRangeException.ThrowIfNegative(widthOrder);
        var rSym = r ?? ExponentialPolynomial.R;
        var rn = Polynomial.Var(rSym) * Polynomial.Var(width);
        var terms = new List<ExponentialTerm>();
        foreach (var t in solution.Terms)
        {
            if (t.Amplitude.Symbols.Contains(solution.Depth))
                throw new ArgumentException($"The amplitude {t.Amplitude} depends on the depth {solution.Depth}; the double-scaling form needs depth only in exponents.", nameof(solution));
            foreach (var s in t.Base.Symbols.Concat(t.Amplitude.Symbols))
                if (s.IsWidth && s != width)
                    throw new ArgumentException($"The double-scaling limit needs equal widths: found {s} besides {width}; substitute it first.", nameof(solution));
            var x = t.Base - 1;
            if (!x.IsZero && x.MaxWidthDegree > -1)
                throw new ArgumentException($"The base {t.Base} does not tend to 1 as {width} → ∞, so its power diverges or vanishes exponentially in L (not at criticality — substitute e.g. C_W = 1 first).", nameof(solution));
            var beta1 = x.CoefficientsIn(width).GetValueOrDefault(-1, Polynomial.Zero);
            // log(1 + x) through order K+1: r n · O(1/n^{K+2}) = O(1/n^{K+1}) is dropped.
            var log = Log1p(x, widthOrder + 1);
            var e = ((rn - solution.Offset) * log - Polynomial.Var(rSym) * beta1).TruncateWidthOrder(widthOrder);
            var exp = Exp(e, widthOrder);
            terms.Add(new ExponentialTerm((t.Amplitude * exp).TruncateWidthOrder(widthOrder), beta1));
        }
        return ExponentialPolynomial.Create(rSym, terms, widthOrder);
    }

    /// <summary>log(1 + x) = Σ_{i≥1} (−1)^{i+1} x^i / i through total width order <paramref name="order"/> (x = O(1/n)).</summary>
    public static Polynomial Log1p(Polynomial x, int order)
    {
        var sum = Polynomial.Zero;
        var power = Polynomial.One;
        for (int i = 1; i <= order; i++)
        {
            power = (power * x).TruncateWidthOrder(order);
            if (power.IsZero) break;
            sum += power * ((i % 2 == 1 ? Rational.One : Rational.MinusOne) / i);
        }
        return sum;
    }

    /// <summary>exp(e) = Σ_i e^i / i! through total width order <paramref name="order"/> (e = O(1/n)).</summary>
    public static Polynomial Exp(Polynomial e, int order)
    {
        if (!e.IsZero && e.MaxWidthDegree > -1)
            throw new ArgumentException($"exp needs an argument of order 1/n: {e}.", nameof(e));
        var sum = Polynomial.One;
        var power = Polynomial.One;
        Rational factorial = Rational.One;
        for (int i = 1; i <= order; i++)
        {
            power = (power * e).TruncateWidthOrder(order);
            if (power.IsZero) break;
            factorial *= i;
            sum += power / factorial;
        }
        return sum;
    }
}
