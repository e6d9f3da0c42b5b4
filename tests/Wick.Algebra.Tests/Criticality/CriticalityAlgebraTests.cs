using Wick.Algebra;
using Wick.Algebra.Criticality;

namespace Wick.Algebra.Tests.Criticality;

/// <summary>The exact core of chapter 5: series arithmetic, the derived K-expansions (5.81)–(5.88), (5.122), and the
/// log-power matching of the depth asymptotics against the book's printed coefficients (and the misprints).</summary>
public class CriticalityAlgebraTests
{
    private static PowerSeries<ExactNumber> Z(int n) => PowerSeries<ExactNumber>.Variable(n);
    private static ExactNumber Q(long p, long q = 1) => new(Rational.Create(p, q));
    private static Rational R(long p, long q = 1) => Rational.Create(p, q);

    [Test]
    public void Tanh_from_its_ode_equals_the_exponential_quotient()
    {
        // Two routes: t' = 1 − t² against (e^{2z} − 1)/(e^{2z} + 1).
        var z = Z(12);
        var viaOde = z.Tanh();
        var e = (Q(2) * z).Exp();
        var one = PowerSeries<ExactNumber>.Constant(ExactNumber.One, 12);
        var viaExp = (e - one) / (e + one);
        for (int k = 0; k < 12; k++) Assert.That(viaOde[k], Is.EqualTo(viaExp[k]), $"z^{k}");
        Assert.That(viaOde[7].Value, Is.EqualTo(R(-17, 315)));
    }

    [Test]
    public void Log_inverts_exp_and_sin_cos_satisfy_pythagoras()
    {
        var z = Z(10);
        var f = z + Q(1, 3) * z * z - Q(2) * z * z * z;
        var back = f.Exp().Log();
        for (int k = 0; k < 10; k++) Assert.That(back[k], Is.EqualTo(f[k]));
        var (s, c) = f.SinCos();
        var one = s * s + c * c;
        Assert.That(one[0].Value, Is.EqualTo(Rational.One));
        for (int k = 1; k < 10; k++) Assert.That(one[k].IsZero, $"z^{k}");
        var sq = (PowerSeries<ExactNumber>.Constant(ExactNumber.One, 10) + f).Sqrt();
        var sq2 = sq * sq;
        for (int k = 1; k < 10; k++) Assert.That(sq2[k], Is.EqualTo(f[k]));
    }

    [Test]
    public void Exact_field_refuses_irrational_values()
    {
        var z = Z(6);
        var one = PowerSeries<ExactNumber>.Constant(ExactNumber.One, 6);
        Assert.Throws<NotRepresentableException>(() => (one + z.Exp()).Log()); // log 2
        Assert.Throws<NotRepresentableException>(() => z.Erf());               // 2/√π
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = z[6]);             // beyond the truncation: unknown, not 0
    }

    [Test]
    public void Kernel_expansion_of_a_polynomial_activation_matches_isserlis_by_hand()
    {
        // σ = z + z² (σ_1 = 1, σ_2 = 2): ⟨σσ⟩ = K + 3K², ⟨σ'σ'⟩ = ⟨1 + 4z + 4z²⟩ = 1 + 4K, ⟨σ⁴⟩ − ⟨σ²⟩² = 2K² + 40K³ + …
        var e = new KernelExpansion<ExactNumber>([Q(0), Q(1), Q(2), Q(0), Q(0), Q(0), Q(0), Q(0), Q(0)]);
        Assert.That(e.G[1].Value, Is.EqualTo(R(1)));
        Assert.That(e.G[2].Value, Is.EqualTo(R(3)));
        Assert.That(e.SigmaPrimeSquared[1].Value, Is.EqualTo(R(4)));
        // ⟨(z+z²)⁴⟩ = ⟨z⁴ + 4z⁵ + 6z⁶ + 4z⁷ + z⁸⟩ = 3K² + 90K³ + 105K⁴; minus (K + 3K²)²: 2K² + 84K³ + 96K⁴.
        Assert.That(e.FourPointSource[2].Value, Is.EqualTo(R(2)));
        Assert.That(e.FourPointSource[3].Value, Is.EqualTo(R(84)));
        var z = e.ZeroClass();
        Assert.That(z.A1.Value, Is.EqualTo(R(3)));
        Assert.That(z.B1.Value, Is.EqualTo(R(4)));
        // (5.122) as derived in a_1, b_1 gives the same K³ coefficient: −52·3 + 60·4 = 84.
        Assert.That(Derived.Value.Nu3InA.Substitute(new Dictionary<Symbol, RationalFunction> { [ZeroClassAsymptotics.A1] = 3, [ZeroClassAsymptotics.B1] = 4 }),
            Is.EqualTo((RationalFunction)84));
    }

    [Test]
    public void Tanh_coefficients_come_out_of_the_derivation()
    {
        var taylor = Z(10).Tanh();
        var sigma = new ExactNumber[10];
        long fact = 1;
        for (int p = 0; p < 10; p++) { if (p > 0) fact *= p; sigma[p] = new(taylor[p].Value * fact); }
        var z = new KernelExpansion<ExactNumber>(sigma).ZeroClass();
        Assert.That(z.A1.Value, Is.EqualTo(R(-2)));
        Assert.That(z.A2.Value, Is.EqualTo(R(17, 3)));
        Assert.That(z.B1.Value, Is.EqualTo(R(-2)));
    }

    private static readonly Lazy<ZeroClassAsymptotics> Derived = new(() => ZeroClassAsymptotics.Derive(3));
    private static RationalFunction A1 => ZeroClassAsymptotics.A1;
    private static RationalFunction A2 => ZeroClassAsymptotics.A2;
    private static RationalFunction B1 => ZeroClassAsymptotics.B1;
    private static RationalFunction S(int p) => ZeroClassAsymptotics.SigmaSymbol(p);

    [Test]
    public void Equation_5_81_is_derived_and_the_printed_coefficient_is_a_misprint()
    {
        var d = Derived.Value;
        Assert.That(d.G0, Is.EqualTo(S(0) * S(0)));
        Assert.That(d.G1, Is.EqualTo(S(1) * S(1) + S(0) * S(2)));
        Assert.That(d.G1, Is.Not.EqualTo(S(1) * S(1) + 2 * S(0) * S(2)));
    }

    [Test]
    public void Definitions_5_86_to_5_88_and_5_122_are_derived()
    {
        var d = Derived.Value;
        RationalFunction r2 = S(2) / S(1), r3 = S(3) / S(1), r4 = S(4) / S(1), r5 = S(5) / S(1);
        Assert.That(d.A1Definition, Is.EqualTo(r3 + R(3, 4) * r2 * r2));
        Assert.That(d.A2Definition, Is.EqualTo(R(1, 4) * r5 + R(5, 8) * r4 * r2 + R(5, 12) * r3 * r3));
        Assert.That(d.B1Definition, Is.EqualTo(r3 + r2 * r2));
        Assert.That(d.Nu2, Is.EqualTo((RationalFunction)2));
        Assert.That(d.Nu3InA, Is.EqualTo(-52 * A1 + 60 * B1));
    }

    [Test]
    public void Delta_K_matches_5_94()
    {
        var k = Derived.Value["Delta K"];
        Assert.That(k.Exponent, Is.EqualTo((RationalFunction)1));
        var s = k.Solution.Series;
        var m = A2 - A1 * A1;
        Assert.That(s[0, 0], Is.EqualTo(-1 / A1));
        Assert.That(s[1, 1], Is.EqualTo(-m / A1.Pow(3)));
        Assert.That(s[1, 0], Is.EqualTo(RationalFunction.Zero), "ℓ_0 absorbs the 1/ℓ² term");
        Assert.That(s[2, 2], Is.EqualTo(-m * m / A1.Pow(5)));
        Assert.That(s[2, 1], Is.EqualTo(m * m / A1.Pow(5)));
        Assert.That(k.Solution.FreeConstants, Does.Contain((1, 0)));
    }

    [Test]
    public void Perturbations_match_5_97_and_5_99()
    {
        var d = Derived.Value;
        var par = d["delta K_[1]"];
        Assert.That(par.Exponent, Is.EqualTo((RationalFunction)2));
        var m = A2 - A1 * A1;
        Assert.That(par.Solution.Series[1, 1] / ZeroClassAsymptotics.DeltaParallel, Is.EqualTo(2 * A1 * m / A1.Pow(3)));
        var perp = d["delta delta K_[2]"];
        Assert.That(perp.Exponent, Is.EqualTo(B1 / A1));
        Assert.That(perp.Solution.Series[1, 1] / ZeroClassAsymptotics.DeltaSquared, Is.EqualTo(B1 * m / A1.Pow(3)));
    }

    [Test]
    public void Vertex_matches_5_127_and_the_ratio_5_131()
    {
        var d = Derived.Value;
        var v = d["V"].Solution.Series;
        Assert.That(d["V"].Exponent, Is.EqualTo((RationalFunction)1));
        Assert.That(v[0, 0], Is.EqualTo(R(2, 3) / A1.Pow(2)));
        Assert.That(v[1, 1], Is.EqualTo(R(2, 3) * (A2 - A1 * A1) / A1.Pow(4)));
        Assert.That(v[1, 0], Is.EqualTo((5 * A2 + A1 * (82 * A1 - 90 * B1)) / (3 * A1.Pow(4))));
        Assert.That(v[0, 0] / d["Delta K"].Solution.Series[0, 0].Pow(2), Is.EqualTo((RationalFunction)R(2, 3)));
    }

    [Test]
    public void Nlo_metric_bare_matches_5_134_and_renormalised_contradicts_5_143()
    {
        var d = Derived.Value;
        Assert.That(d["G1 bare"].Exponent, Is.EqualTo(RationalFunction.Zero));
        Assert.That(d["G1 bare"].Solution.Series[0, 0], Is.EqualTo(-1 / (3 * -A1)));
        var ren = d["G1 renormalised"].Solution;
        Assert.That(ren.Tunings[ZeroClassAsymptotics.Cb1], Is.EqualTo(RationalFunction.Zero));            // (5.142)
        Assert.That(ren.Tunings[ZeroClassAsymptotics.CW1Ratio], Is.EqualTo((RationalFunction)R(2, 3)));  // (5.142)
        var derived = ren.Series[0, 0];
        var printed = R(2, 3) * (3 * A2 - A1 * A1) / (-A1).Pow(3);
        Assert.That(derived, Is.EqualTo((84 * A1 * A1 - 90 * A1 * B1 - A2) / (3 * A1.Pow(3))));
        Assert.That(derived, Is.Not.EqualTo(printed));
        var tanh = new Dictionary<Symbol, RationalFunction> { [ZeroClassAsymptotics.A1] = -2, [ZeroClassAsymptotics.A2] = R(17, 3), [ZeroClassAsymptotics.B1] = -2 };
        Assert.That(derived.Substitute(tanh), Is.EqualTo((RationalFunction)R(89, 72)));
        Assert.That(printed.Substitute(tanh), Is.EqualTo((RationalFunction)R(13, 12)));
    }

    [Test]
    public void A_wrong_exponent_is_refused_rather_than_matched()
    {
        // u(ℓ+1) − u(ℓ) = −u²: u = 1/ℓ; an ansatz with p = 2 leaves the ℓ^{-3} term −2c unmatched against −c² ℓ^{-4}… and
        // the leading order 0 = −2c has only c = 0: the solver reports that instead of returning a wrong series.
        Assert.Throws<AnsatzMismatchException>(() => AsymptoticSolver.Solve(2, u => -(u * u), 1));
        var ok = AsymptoticSolver.Solve(1, u => -(u * u), 2);
        Assert.That(ok.Series[0, 0], Is.EqualTo(RationalFunction.One));
    }
}
