using System.Globalization;
using Wick.Numeric.Activations;

namespace Wick.Numeric.Gaussian;

/// <summary>What one factor of a Gaussian-expectation body is: σ^{(order)}(z_α) or the preactivation z_α itself.</summary>
public enum BodyFactorKind { Activation, Preactivation }

/// <summary>One factor: σ_α, σ'_α, …, σ''''_α (<see cref="BodyFactorKind.Activation"/> with Order 0 … 4) or z_α; Input is
/// the sample index α as a 0-based input position.</summary>
public readonly record struct BodyFactor(BodyFactorKind Kind, int Input, int Order = 0)
{
    public static BodyFactor Sigma(int input, int order = 0) => new(BodyFactorKind.Activation, input, order);
    public static BodyFactor Z(int input) => new(BodyFactorKind.Preactivation, input);

    public override string ToString() => Kind == BodyFactorKind.Preactivation
        ? $"z_{Input + 1}"
        : $"sigma{new string('\'', Order)}_{Input + 1}";
}

/// <summary>A coefficient times a product of factors.</summary>
public sealed record BodyTerm(double Coefficient, IReadOnlyList<BodyFactor> Factors)
{
    public override string ToString() => Factors.Count == 0
        ? Coefficient.ToString("R", CultureInfo.InvariantCulture)
        : (Coefficient == 1 ? "" : Coefficient.ToString("R", CultureInfo.InvariantCulture) + " ") + string.Join(" ", Factors);
}

/// <summary>
/// The body f(z_{α1}, …, z_{αk}) of a Gaussian expectation ⟨f⟩_K: a polynomial in σ^{(d)}(z_α) and z_α with real
/// coefficients — the shape of every body the engine prints (σ, σ', σ'', z and (z_α z_β − K_{αβ}) factors,
/// (4.118)–(4.120)). Closed under + and ×.
/// </summary>
public sealed class GaussianBody
{
    public GaussianBody(IEnumerable<BodyTerm> terms)
    {
        Terms = terms.Where(t => t.Coefficient != 0).ToArray();
        foreach (var t in Terms)
        {
            if (!double.IsFinite(t.Coefficient)) throw new ArgumentException($"body coefficient {t.Coefficient} is not finite");
            foreach (var f in t.Factors)
            {
                if (f.Input < 0 || f.Input >= KernelMatrix.MaxInputs) throw new ArgumentException($"input {f.Input + 1} out of range 1..{KernelMatrix.MaxInputs}");
                if (f.Kind == BodyFactorKind.Activation && f.Order is < 0 or > Activation.MaxOrder) throw new ArgumentException("derivatives of σ up to σ'''' are supported");
            }
        }
        Inputs = Terms.SelectMany(t => t.Factors).Select(f => f.Input + 1).DefaultIfEmpty(0).Max();
    }

    public IReadOnlyList<BodyTerm> Terms { get; }

    /// <summary>1 + the largest input position used (0 for a constant body).</summary>
    public int Inputs { get; }

    public static GaussianBody Constant(double c) => new([new BodyTerm(c, [])]);

    public static GaussianBody Of(params BodyFactor[] factors) => new([new BodyTerm(1, factors)]);

    public static GaussianBody operator +(GaussianBody a, GaussianBody b) => new(a.Terms.Concat(b.Terms));

    public static GaussianBody operator -(GaussianBody a) => new(a.Terms.Select(t => t with { Coefficient = -t.Coefficient }));

    public static GaussianBody operator -(GaussianBody a, GaussianBody b) => a + -b;

    public static GaussianBody operator *(GaussianBody a, GaussianBody b) =>
        new(a.Terms.SelectMany(x => b.Terms.Select(y => new BodyTerm(x.Coefficient * y.Coefficient, [.. x.Factors, .. y.Factors]))));

    public static GaussianBody operator *(double c, GaussianBody a) => new(a.Terms.Select(t => t with { Coefficient = c * t.Coefficient }));

    /// <summary>The factor (z_α z_β − K_{αβ}) of the NLO bodies (4.119)–(4.120).</summary>
    public static GaussianBody Centered(int a, int b, KernelMatrix k) => Of(BodyFactor.Z(a), BodyFactor.Z(b)) - Constant(k[a, b]);

    /// <summary>True when a term is σ^{(d)}(z_α) σ^{(d)}(z_β) alone (coefficient c): the two-point kernels with closed forms.</summary>
    internal bool IsTwoPoint(out double c, out int a, out int b, out int order)
    {
        c = 0; a = b = order = 0;
        if (Terms.Count != 1 || Terms[0].Factors.Count != 2) return false;
        var (f, g) = (Terms[0].Factors[0], Terms[0].Factors[1]);
        if (f.Kind != BodyFactorKind.Activation || g.Kind != BodyFactorKind.Activation || f.Order != g.Order) return false;
        (c, a, b, order) = (Terms[0].Coefficient, f.Input, g.Input, f.Order);
        return true;
    }

    /// <summary>f(z) for quadrature: the compiled σ^{(d)} per factor.</summary>
    internal Func<double[], double> Compile(Activation sigma)
    {
        var terms = Terms.Select(t => (t.Coefficient, Factors: t.Factors.Select(f => (f.Input,
            Fn: f.Kind == BodyFactorKind.Preactivation ? null : sigma.Compiled(f.Order))).ToArray())).ToArray();
        return z =>
        {
            double sum = 0;
            foreach (var (c, factors) in terms)
            {
                double p = c;
                foreach (var (input, fn) in factors) p *= fn is null ? z[input] : fn(z[input]);
                sum += p;
            }
            return sum;
        };
    }

    public override string ToString() => Terms.Count == 0 ? "0" : string.Join(" + ", Terms);
}
