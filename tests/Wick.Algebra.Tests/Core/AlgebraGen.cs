using CsCheck;
using Wick.Algebra;

namespace Wick.Algebra.Tests.Core;

/// <summary>CsCheck generators for the algebra core: small Laurent polynomials in four symbols.</summary>
internal static class AlgebraGen
{
    public static readonly Symbol N = Symbol.Width(Layer.L);
    public static readonly Symbol Nm = Symbol.Width(Layer.L.Previous);
    public static readonly Symbol Cw = Symbol.CW;
    public static readonly Symbol R = Symbol.R;

    public static readonly Gen<Rational> Coefficient =
        Gen.Select(Gen.Int[-6, 6], Gen.Int[1, 4], (p, q) => Rational.Create(p, q));

    public static readonly Gen<Rational> NonZeroCoefficient =
        Gen.Select(Gen.Int[1, 6], Gen.Bool, Gen.Int[1, 4], (p, neg, q) => Rational.Create(neg ? -p : p, q));

    /// <summary>Exponent ranges: widths [−3, 1], C_W [−1, 2], r [0, 3] (r is a series variable).</summary>
    public static readonly Gen<Monomial> GenMonomial =
        Gen.Select(Gen.Int[-3, 1], Gen.Int[-3, 1], Gen.Int[-1, 2], Gen.Int[0, 3], (a, b, c, d) =>
            Wick.Algebra.Monomial.FromFactors([(N, a), (Nm, b), (Cw, c), (R, d)]));

    public static readonly Gen<Polynomial> GenPolynomial =
        Gen.Select(GenMonomial, Coefficient, (m, c) => (m, c)).Array[0, 6]
           .Select(terms => Wick.Algebra.Polynomial.FromTerms(terms));

    public static readonly Gen<Polynomial> NonZeroPolynomial = GenPolynomial.Where(p => !p.IsZero);

    /// <summary>A single term c·m with c ≠ 0 (invertible in the Laurent ring).</summary>
    public static readonly Gen<Polynomial> SingleTerm =
        Gen.Select(GenMonomial, NonZeroCoefficient, (m, c) => Wick.Algebra.Polynomial.FromMonomial(m, c));

    /// <summary>Ordinary polynomials in n_l of degree ≤ 3.</summary>
    public static readonly Gen<Polynomial> Univariate =
        Coefficient.Array[1, 4].Select(cs =>
            Wick.Algebra.Polynomial.FromTerms(cs.Select((c, i) => (Wick.Algebra.Monomial.Of(N, i), c))));

    public static readonly Gen<Polynomial> NonZeroUnivariate = Univariate.Where(p => !p.IsZero);
}
