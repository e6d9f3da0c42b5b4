using System.Globalization;
using Wick.Algebra;
using Wick.Algebra.Criticality;

namespace Wick.Numeric.Activations;

public abstract partial record SigmaExpression
{
    /// <summary>
    /// σ as an exact polynomial in z and Φ(z) (<see cref="ErfPolynomial"/>), or null when it is not one: sums,
    /// products, integer powers and short-decimal constants of z and erf(z/√2) = 2Φ(z) − 1 (GELU's
    /// <c>z*(1 + erf(z/sqrt(2)))/2</c>; sqrt(2) is folded to the double nearest √2 when parsed, and that double — or
    /// its reciprocal as a factor — is read back as √2 here). Everything else (exp, tanh, …) is not in the class.
    /// </summary>
    public ErfPolynomial? ToErfPolynomial()
    {
        try { return Erf(this); }
        catch (NotRepresentableException) { return null; }
    }

    private static ErfPolynomial Erf(SigmaExpression e) => e switch
    {
        Variable => ErfPolynomial.Z,
        Constant c => ErfPolynomial.Constant(ShortDecimal(c.Value)),
        Sum s => Erf(s.A) + Erf(s.B),
        Difference d => Erf(d.A) - Erf(d.B),
        Negated n => -Erf(n.Operand),
        Product p => Erf(p.A) * Erf(p.B),
        Quotient { B: Constant c } q => Erf(q.A) * ErfPolynomial.Constant(ShortDecimal(c.Value).Reciprocal()),
        Power { B: Constant { Value: >= 0 and <= 8 } k } w when k.Value == Math.Floor(k.Value) =>
            Enumerable.Repeat(Erf(w.A), (int)k.Value).Aggregate(ErfPolynomial.Constant(Rational.One), (a, b) => a * b),
        // erf(z/√2) = 2Φ(z) − 1.
        Function { F: SigmaFunction.Erf, A: Quotient { A: Variable, B: Constant r } } when r.Value == Math.Sqrt(2) => StandardErf,
        Function { F: SigmaFunction.Erf, A: Product { A: Constant r, B: Variable } } when r.Value == 1 / Math.Sqrt(2) || r.Value == Math.Sqrt(0.5) => StandardErf,
        _ => throw new NotRepresentableException($"{e} is not a polynomial in z and erf(z/sqrt(2))"),
    };

    private static ErfPolynomial StandardErf => ErfPolynomial.Constant(2) * ErfPolynomial.Phi - ErfPolynomial.Constant(Rational.One);

    private static Rational ShortDecimal(double value)
    {
        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (shortest.Contains('E') || shortest.Replace("-", "").Replace(".", "").TrimStart('0').Length > 12)
            throw new NotRepresentableException($"the constant {shortest} is not a short decimal");
        return Rational.Parse(shortest);
    }
}
