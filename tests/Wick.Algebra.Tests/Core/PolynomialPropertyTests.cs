using CsCheck;
using Wick.Algebra;
using static Wick.Algebra.Tests.Core.AlgebraGen;

namespace Wick.Algebra.Tests.Core;

/// <summary>Ring laws, canonical form, substitution/evaluation homomorphisms and truncation laws.</summary>
public class PolynomialPropertyTests
{
    private static readonly Gen<(Polynomial, Polynomial)> Two = Gen.Select(GenPolynomial, GenPolynomial, (a, b) => (a, b));
    private static readonly Gen<(Polynomial, Polynomial, Polynomial)> Three =
        Gen.Select(GenPolynomial, GenPolynomial, GenPolynomial, (a, b, c) => (a, b, c));

    [Test]
    public void AdditionIsAssociativeAndCommutative() =>
        Three.Sample((a, b, c) =>
        {
            Assert.That((a + b) + c, Is.EqualTo(a + (b + c)));
            Assert.That(a + b, Is.EqualTo(b + a));
        });

    [Test]
    public void MultiplicationIsAssociativeAndCommutative() =>
        Three.Sample((a, b, c) =>
        {
            Assert.That((a * b) * c, Is.EqualTo(a * (b * c)));
            Assert.That(a * b, Is.EqualTo(b * a));
        });

    [Test]
    public void Distributivity() =>
        Three.Sample((a, b, c) => Assert.That(a * (b + c), Is.EqualTo(a * b + a * c)));

    [Test]
    public void Identities() =>
        GenPolynomial.Sample(a =>
        {
            Assert.That(a + Polynomial.Zero, Is.EqualTo(a));
            Assert.That(a * Polynomial.One, Is.EqualTo(a));
            Assert.That((a * Polynomial.Zero).IsZero, Is.True);
            Assert.That((a - a).IsZero, Is.True);
            Assert.That(-(-a), Is.EqualTo(a));
        });

    [Test]
    public void AddThenSubtractGivesBack() =>
        Two.Sample((a, b) => Assert.That((a + b) - b, Is.EqualTo(a)));

    [Test]
    public void CanonicalFormIsUniqueAcrossConstructions() =>
        Gen.Select(GenMonomial, Coefficient, (m, c) => (m, c)).Array[0, 8].Sample(terms =>
        {
            var forward = Polynomial.FromTerms(terms);
            var backward = terms.Reverse().Aggregate(Polynomial.Zero,
                (acc, t) => acc + Polynomial.FromMonomial(t.m, t.c));
            Assert.That(backward, Is.EqualTo(forward));
            Assert.That(backward.GetHashCode(), Is.EqualTo(forward.GetHashCode()));
            Assert.That(backward.Terms, Is.EqualTo(forward.Terms));
            Assert.That(backward.Terms.All(t => !t.Coefficient.IsZero), Is.True);
        });

    [Test]
    public void DifferenceOfSquaresBuiltTwoWaysHasEqualHash() =>
        Two.Sample((a, b) =>
        {
            var x = (a + b) * (a - b);
            var y = a * a - b * b;
            Assert.That(x, Is.EqualTo(y));
            Assert.That(x.GetHashCode(), Is.EqualTo(y.GetHashCode()));
        });

    [Test]
    public void PackedProductAgreesWithGenericProduct() =>
        Two.Sample((a, b) => Assert.That(Polynomial.MultiplyPacked(a, b), Is.EqualTo(Polynomial.MultiplyGeneric(a, b))));

    [Test]
    public void PowerIsRepeatedProduct() =>
        GenPolynomial.Sample(a =>
        {
            Assert.That(a.Pow(3), Is.EqualTo(a * a * a));
            Assert.That(a.Pow(0), Is.EqualTo(Polynomial.One));
        });

    [Test]
    public void SingleTermInverse() =>
        Gen.Select(SingleTerm, GenPolynomial, (s, a) => (s, a)).Sample((s, a) =>
        {
            Assert.That(s * s.Pow(-1), Is.EqualTo(Polynomial.One));
            Assert.That((a * s).TryDivideExactly(s, out var q) && q == a, Is.True);
        });

    [Test]
    public void ExactDivisionRecoversTheFactor() =>
        Gen.Select(GenPolynomial, NonZeroPolynomial, (a, b) => (a, b)).Sample((a, b) =>
        {
            Assert.That((a * b).TryDivideExactly(b, out var q), Is.True);
            Assert.That(q, Is.EqualTo(a));
        }, iter: 60);

    [Test]
    public void SubstitutionIsARingHomomorphism()
    {
        // r ↦ any polynomial (r only has non-negative powers); n_l ↦ a single term (it has negative powers).
        Gen.Select(GenPolynomial, GenPolynomial, GenPolynomial, SingleTerm, (a, b, v, w) => (a, b, v, w)).Sample((a, b, v, w) =>
        {
            var map = new Dictionary<Symbol, Polynomial> { [R] = v, [N] = w };
            Polynomial S(Polynomial p) => p.Substitute(map);
            Assert.That(S(a + b), Is.EqualTo(S(a) + S(b)));
            Assert.That(S(a * b), Is.EqualTo(S(a) * S(b)));
        }, iter: 60);
    }

    [Test]
    public void SimultaneousSwapTwiceIsIdentity() =>
        GenPolynomial.Sample(a =>
        {
            var swap = new Dictionary<Symbol, Polynomial> { [N] = Nm, [Nm] = N };
            var once = a.Substitute(swap);
            Assert.That(once.Substitute(swap), Is.EqualTo(a));
            Assert.That(once.CoefficientOf(Monomial.Of(Nm, -1)), Is.EqualTo(a.CoefficientOf(Monomial.Of(N, -1))));
        });

    [Test]
    public void SequentialSubstitutionEqualsComposition() =>
        Gen.Select(GenPolynomial, GenPolynomial, (a, v) => (a, v)).Sample((a, v) =>
        {
            // Substituting r ↦ v then evaluating equals evaluating v first.
            var values = new Dictionary<Symbol, Rational> { [N] = 3, [Nm] = Rational.Create(5, 2), [Cw] = Rational.Create(-4, 3), [R] = 7 };
            var direct = a.Substitute(R, v).EvaluateRational(values);
            var vr = v.EvaluateRational(values);
            var viaValue = a.EvaluateRational(new Dictionary<Symbol, Rational>(values) { [R] = vr });
            Assert.That(direct, Is.EqualTo(viaValue));
        });

    [Test]
    public void ExactEvaluationIsARingHomomorphism()
    {
        var values = new Dictionary<Symbol, Rational> { [N] = 3, [Nm] = Rational.Create(-5, 2), [Cw] = Rational.Create(4, 3) };
        Two.Sample((a, b) =>
        {
            Assert.That((a + b).EvaluateExact(values), Is.EqualTo(a.EvaluateExact(values) + b.EvaluateExact(values)));
            Assert.That((a * b).EvaluateExact(values), Is.EqualTo(a.EvaluateExact(values) * b.EvaluateExact(values)));
            Assert.That((a * b).EvaluateExact(values).Symbols.All(s => s == R), Is.True);
        });
    }

    [Test]
    public void FloatingEvaluationCommutesWithArithmetic()
    {
        var values = new Dictionary<Symbol, double> { [N] = 3.5, [Nm] = 7, [Cw] = 1.25, [R] = 0.4 };
        Two.Sample((a, b) =>
        {
            double ea = a.Evaluate(values), eb = b.Evaluate(values);
            double tol(double x) => 1e-9 * (1 + Math.Abs(x));
            Assert.That((a + b).Evaluate(values), Is.EqualTo(ea + eb).Within(tol(ea) + tol(eb)));
            Assert.That((a * b).Evaluate(values), Is.EqualTo(ea * eb).Within(1e-9 * (1 + Math.Abs(ea)) * (1 + Math.Abs(eb)) * 10));
        });
    }

    [Test]
    public void TruncationIsLinearAndIdempotent() =>
        Gen.Select(GenPolynomial, GenPolynomial, Gen.Int[0, 4], Gen.Int[0, 4], (a, b, j, k) => (a, b, j, k)).Sample((a, b, j, k) =>
        {
            Assert.That((a + b).TruncateWidthOrder(j), Is.EqualTo(a.TruncateWidthOrder(j) + b.TruncateWidthOrder(j)));
            Assert.That((a - b).TruncateInverse(N, j), Is.EqualTo(a.TruncateInverse(N, j) - b.TruncateInverse(N, j)));
            Assert.That((a + b).Truncate(R, j), Is.EqualTo(a.Truncate(R, j) + b.Truncate(R, j)));
            Assert.That(a.TruncateWidthOrder(j).TruncateWidthOrder(k), Is.EqualTo(a.TruncateWidthOrder(Math.Min(j, k))));
            Assert.That(a.TruncateInverse(N, j).TruncateInverse(N, k), Is.EqualTo(a.TruncateInverse(N, Math.Min(j, k))));
            Assert.That(a.Truncate(R, j).Truncate(R, k), Is.EqualTo(a.Truncate(R, Math.Min(j, k))));
        });

    [Test]
    public void TruncationOfProductsWithoutPositiveWidthPowers() =>
        Gen.Select(GenPolynomial, GenPolynomial, Gen.Int[0, 4], (a, b, k) => (a, b, k)).Sample((a0, b0, k) =>
        {
            // Keep only terms with no positive width power: then the truncated product only needs truncated factors.
            var a = a0.Where(m => m.Exponent(N) <= 0 && m.Exponent(Nm) <= 0);
            var b = b0.Where(m => m.Exponent(N) <= 0 && m.Exponent(Nm) <= 0);
            Assert.That((a * b).TruncateWidthOrder(k), Is.EqualTo((a.TruncateWidthOrder(k) * b.TruncateWidthOrder(k)).TruncateWidthOrder(k)));
            Assert.That((a * b).TruncateInverse(N, k), Is.EqualTo((a.TruncateInverse(N, k) * b.TruncateInverse(N, k)).TruncateInverse(N, k)));
            Assert.That((a * b).Truncate(R, k), Is.EqualTo((a.Truncate(R, k) * b.Truncate(R, k)).Truncate(R, k)));
        });

    [Test]
    public void CoefficientsInReassemble() =>
        GenPolynomial.Sample(a =>
        {
            var parts = a.CoefficientsIn(N);
            var back = parts.Aggregate(Polynomial.Zero, (acc, kv) => acc + kv.Value * Monomial.Of(N, kv.Key));
            Assert.That(back, Is.EqualTo(a));
            Assert.That(parts.Values.All(p => p.MinDegree(N) == 0 && p.MaxDegree(N) == 0), Is.True);
            if (!a.IsZero)
            {
                Assert.That(parts.Keys.First(), Is.EqualTo(a.MinDegree(N)));
                Assert.That(parts.Keys.Last(), Is.EqualTo(a.MaxDegree(N)));
            }
        });

    [Test]
    public void PackedProductAgreesWithGenericProductOnWideExponentsAndLargerOperands()
    {
        // Wide exponents: the exponent box still fits 64 bits but the canonical sort keys do not (comparator path).
        var wide = Gen.Select(Gen.Int[-1_000_000, 1_000_000], Gen.Int[-1_000_000, 1_000_000], Gen.Int[0, 3], NonZeroCoefficient,
                (a, b, c, k) => (Monomial.FromFactors([(N, a), (Nm, b), (R, c)]), k))
            .Array[1, 8].Select(t => Polynomial.FromTerms(t));
        Gen.Select(wide, wide, (a, b) => (a, b)).Sample((a, b) =>
            Assert.That(Polynomial.MultiplyPacked(a, b), Is.EqualTo(Polynomial.MultiplyGeneric(a, b))), iter: 50);
        // Larger operands with small exponent boxes: the dense-array accumulator.
        var dense = Gen.Select(GenMonomial, Coefficient, (m, c) => (m, c)).Array[20, 60].Select(t => Polynomial.FromTerms(t));
        Gen.Select(dense, dense, (a, b) => (a, b)).Sample((a, b) =>
            Assert.That(Polynomial.MultiplyPacked(a, b), Is.EqualTo(Polynomial.MultiplyGeneric(a, b))), iter: 30);
    }
}
