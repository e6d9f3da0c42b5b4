using System.Numerics;
using Wick.Numeric.Activations;

namespace Wick.Numeric.Gaussian;

/// <summary>
/// Exact Gaussian expectations for scale-invariant (piecewise-linear) activations in up to 4 dimensions, where
/// quadrature converges only as O(1/n) on the kinks. With σ = α z + β z sgn z, σ' = α + β sgn z, σ'' = 2β δ(z),
/// every body becomes a sum of terms c · Π z_a^{e_a} · Π_{a∈S} sgn z_a · Π_{a∈D} δ(z_a), evaluated by
/// <list type="bullet">
/// <item>δ(z_b): conditioning, E[δ(z_b) g] = E[g | z_b = 0] / √(2π K_bb) (conditional covariance K − K_{·b}K_{b·}/K_bb);</item>
/// <item>Stein's lemma, E[z_a g(z)] = Σ_b K_ab E[∂_b g] with ∂_b sgn z_b = 2δ(z_b), down to degree 0 (Isserlis for linear σ);</item>
/// <item>sign correlations: E[sgn z_a sgn z_b] = (2/π) arcsin ρ_ab (Sheppard), zero for an odd number of signs,
/// and for four signs Plackett's identity (R. L. Plackett, Biometrika 41 (1954) 351–360): along
/// R(t) = I + t(R − I), dE/dt = Σ_{i&lt;j} R_ij · 4 φ_ij(0, 0) · (2/π) arcsin ρ_{kl|ij}(t), integrated over t by adaptive
/// Gauss–Legendre after t = 1 − s² (which smooths the endpoint singularity of a singular R).</item>
/// </list>
/// Conventions at measure-zero points: sgn 0 = 0 (so σ'(0) = α, the mean slope) and δ(z) sgn z = 0 (symmetric).
/// </summary>
public sealed class OrthantMoments
{
    private readonly double _tiny;
    private double _error;

    private OrthantMoments(double scale) => _tiny = 1e-13 * Math.Max(scale, 1e-300);

    /// <summary>⟨body⟩_K for a scale-invariant activation with the given slopes.</summary>
    public static GaussianValue Evaluate(GaussianBody body, ScaleInvariantSlopes slopes, KernelMatrix k)
    {
        int n = k.Size;
        var cov = k.ToArray();
        var eval = new OrthantMoments(Scale(cov));
        double sum = 0;
        foreach (var term in body.Terms)
            foreach (var (c, t) in Multiply(term.Coefficient, term.Factors.Select(f => ScaleInvariantParts(f, slopes)), n))
                sum += c * eval.Moment(cov, (1 << n) - 1, t.Exponents, t.Signs, t.Deltas);
        return eval.Result(sum, body);
    }

    /// <summary>
    /// ⟨body⟩_K exactly for a probit-type σ(z) = z^p (α + β(2Φ(s z) − 1)) (<see cref="ProbitForm"/>: GELU z Φ(z), erf(z)), for bodies
    /// in σ, σ' and z with at most <see cref="MaxProbitFactors"/> σ factors per term. Each σ factor j (on input a) gets its own
    /// ξ_j ~ N(0, 1), independent of z and of the others: 2Φ(s z_a) − 1 = E_ξ[sgn w_j] with w_j = s z_a − ξ_j, so
    /// σ = z^p (α + β sgn w_j) and σ' = p z^{p−1}(α + β sgn w_j) + 2sβ z^p δ(w_j). The term becomes an orthant moment of the
    /// Gaussian (z, w) with Cov(w_j, z_b) = s K_{a_j b}, Cov(w_j, w_k) = s² K_{a_j a_k} + δ_jk, evaluated as above (Stein's
    /// lemma, Sheppard, Plackett for four signs). GELU checks: ⟨σ'⟩ = ½, ⟨zσ⟩ = K/2, ⟨σ⟩ = K/√(2π(1 + K)).
    /// </summary>
    public static GaussianValue EvaluateProbit(GaussianBody body, ProbitForm form, KernelMatrix k)
    {
        if (!IsProbitBody(body)) throw new ArgumentException($"{body}: the exact probit route takes σ and σ' with at most {MaxProbitFactors} σ factors per term");
        int n = k.Size;
        double s = form.Scale;
        var eval = new OrthantMoments(Scale(k.ToArray()) * Math.Max(1, s * s));
        double sum = 0;
        foreach (var term in body.Terms)
        {
            var sigmas = term.Factors.Where(f => f.Kind == BodyFactorKind.Activation).ToArray();
            int dim = n + sigmas.Length;
            var cov = new double[dim, dim];
            int Input(int v) => v < n ? v : sigmas[v - n].Input;
            double Weight(int v) => v < n ? 1 : s;
            for (int i = 0; i < dim; i++)
                for (int j = 0; j < dim; j++) cov[i, j] = Weight(i) * Weight(j) * k[Input(i), Input(j)] + (i == j && i >= n ? 1 : 0);
            int slot = n;
            var parts = term.Factors.Select(f => f.Kind == BodyFactorKind.Preactivation ? [new Part(1, f.Input, 1)] : ProbitParts(f, form, slot++)).ToList();
            foreach (var (c, t) in Multiply(term.Coefficient, parts, dim))
                sum += c * eval.Moment(cov, (1 << dim) - 1, t.Exponents, t.Signs, t.Deltas);
        }
        return eval.Result(sum, body);
    }

    /// <summary>Most σ factors per term on the probit route (sign correlations of up to four signs: Plackett's identity).</summary>
    public const int MaxProbitFactors = 4;

    /// <summary>True when <see cref="EvaluateProbit"/> takes the body: σ and σ' only, at most <see cref="MaxProbitFactors"/> per term.</summary>
    public static bool IsProbitBody(GaussianBody body) => body.Terms.All(t =>
        t.Factors.All(f => f.Kind == BodyFactorKind.Preactivation || f.Order <= 1) &&
        t.Factors.Count(f => f.Kind == BodyFactorKind.Activation) <= MaxProbitFactors);

    /// <summary>σ = z^p (α + β sgn w), σ' = p z^{p−1}(α + β sgn w) + 2sβ z^p δ(w), w at position <paramref name="w"/>.</summary>
    private static Part[] ProbitParts(BodyFactor f, ProbitForm form, int w)
    {
        int a = f.Input, p = form.Power;
        Part[] level = [new(form.Alpha, a, p), new(form.Beta, a, p, w)];
        if (f.Order == 0) return level;
        Part[] lower = p == 0 ? [] : [new(p * form.Alpha, a, p - 1), new(p * form.Beta, a, p - 1, w)];
        return [.. lower, new(2 * form.Scale * form.Beta, a, p, -1, w)];
    }

    private GaussianValue Result(double sum, GaussianBody body) => double.IsFinite(sum)
        ? new GaussianValue(sum, _error, GaussianMethod.OrthantMoments)
        : throw new GaussianEvaluationException($"the orthant moments of {body} are not finite for this kernel");

    private static double Scale(double[,] cov)
    {
        double scale = 0;
        foreach (double x in cov) scale = Math.Max(scale, Math.Abs(x));
        return scale;
    }

    /// <summary>One part of a factor: C × z_{Variable}^{Exponent} × sgn(SignVariable) × δ(DeltaVariable), −1 for none.</summary>
    private readonly record struct Part(double C, int Variable, int Exponent, int SignVariable = -1, int DeltaVariable = -1);

    /// <summary>σ = α z + β z sgn z, σ' = α + β sgn z, σ'' = 2β δ(z).</summary>
    private static Part[] ScaleInvariantParts(BodyFactor f, ScaleInvariantSlopes slopes)
    {
        int a = f.Input;
        double alpha = slopes.Alpha, beta = slopes.Beta;
        return f.Kind == BodyFactorKind.Preactivation
            ? [new(1, a, 1)]
            : f.Order switch
            {
                0 => [new(alpha, a, 1), new(beta, a, 1, a)],
                1 => [new(alpha, a, 0), new(beta, a, 0, a)],
                2 => [new(2 * beta, a, 0, -1, a)],
                // σ''' = 2β δ', σ'''' = 2β δ'': zero for linear σ; for a kink a distribution this route does not evaluate.
                _ when beta == 0 => [],
                _ => throw new GaussianEvaluationException(
                    $"σ{new string('\'', f.Order)} of a kinked activation is a derivative of a Dirac delta: this expectation is evaluated only inside the book's raised-index forms (4.119)-(4.120), not term by term"),
            };
    }

    /// <summary>A monomial Π z^e × Π sgn × Π δ.</summary>
    private sealed record Piece(int[] Exponents, int Signs, int Deltas);

    /// <summary>Multiplies out the factors of a term into pieces (sgn² = 1; δ² refused).</summary>
    private static List<(double C, Piece P)> Multiply(double coefficient, IEnumerable<Part[]> factors, int dim)
    {
        var pieces = new List<(double C, Piece P)> { (coefficient, new Piece(new int[dim], 0, 0)) };
        foreach (var parts in factors)
        {
            var next = new List<(double C, Piece P)>();
            foreach (var (c, p) in pieces)
                foreach (var part in parts)
                {
                    if (part.C == 0) continue;
                    if (part.DeltaVariable >= 0 && (p.Deltas & (1 << part.DeltaVariable)) != 0)
                        throw new GaussianEvaluationException($"the body contains δ(z_{part.DeltaVariable + 1})² (σ''_{part.DeltaVariable + 1} σ''_{part.DeltaVariable + 1} of a kinked activation): the expectation is infinite");
                    var e = (int[])p.Exponents.Clone();
                    e[part.Variable] += part.Exponent;
                    int signs = part.SignVariable >= 0 ? p.Signs ^ (1 << part.SignVariable) : p.Signs;
                    int deltas = part.DeltaVariable >= 0 ? p.Deltas | (1 << part.DeltaVariable) : p.Deltas;
                    next.Add((c * part.C, new Piece(e, signs, deltas)));
                }
            pieces = next;
        }
        return pieces;
    }

    private double Moment(double[,] cov, int alive, int[] e, int signs, int deltas)
    {
        int n = e.Length;
        if (deltas != 0)
        {
            int b = BitOperations.TrailingZeroCount(deltas);
            if (e[b] > 0 || (signs & (1 << b)) != 0) return 0;
            double v = cov[b, b];
            if (v <= _tiny)
                throw new GaussianEvaluationException($"δ(z_{b + 1}) at an input whose variance is zero: the expectation is infinite");
            var c = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) c[i, j] = i == b || j == b ? 0 : cov[i, j] - cov[i, b] * cov[j, b] / v;
            return Moment(c, alive & ~(1 << b), e, signs, deltas & ~(1 << b)) / Math.Sqrt(2 * Math.PI * v);
        }
        for (int a = 0; a < n; a++)
        {
            if (e[a] == 0) continue;
            // Stein: E[z_a g] = Σ_b K_ab (E[∂_b z^e'] S + z^e' ∂_b S), e' = e − 1_a.
            e[a]--;
            double sum = 0;
            for (int b = 0; b < n; b++)
            {
                double k = cov[a, b];
                if ((alive & (1 << b)) == 0 || k == 0) continue;
                if (e[b] > 0)
                {
                    int eb = e[b];
                    e[b]--;
                    sum += k * eb * Moment(cov, alive, e, signs, deltas);
                    e[b]++;
                }
                if ((signs & (1 << b)) != 0) sum += 2 * k * Moment(cov, alive, e, signs & ~(1 << b), 1 << b);
            }
            e[a]++;
            return sum;
        }
        return SignCorrelation(cov, signs);
    }

    /// <summary>E[Π_{a∈S} sgn z_a] for z ~ N(0, cov).</summary>
    private double SignCorrelation(double[,] cov, int signs)
    {
        var s = new List<int>();
        for (int a = 0; a < cov.GetLength(0); a++)
            if ((signs & (1 << a)) != 0)
            {
                if (cov[a, a] <= _tiny) return 0; // sgn 0 = 0
                s.Add(a);
            }
        if (s.Count % 2 == 1) return 0;
        if (s.Count == 0) return 1;
        var r = new double[s.Count, s.Count];
        for (int i = 0; i < s.Count; i++)
            for (int j = 0; j < s.Count; j++)
                r[i, j] = i == j ? 1 : Math.Clamp(cov[s[i], s[j]] / Math.Sqrt(cov[s[i], s[i]] * cov[s[j], s[j]]), -1, 1);
        if (s.Count == 2) return Sheppard(r[0, 1]);
        var (value, error) = FourSigns(r);
        _error += error;
        return value;
    }

    /// <summary>Sheppard's formula E[sgn z₁ sgn z₂] = (2/π) arcsin ρ.</summary>
    public static double Sheppard(double rho) => 2 / Math.PI * Math.Asin(Math.Clamp(rho, -1, 1));

    /// <summary>E[sgn z₁ sgn z₂ sgn z₃ sgn z₄] for a 4×4 correlation matrix, by Plackett's identity.</summary>
    public static (double Value, double Error) FourSigns(double[,] r)
    {
        // Perfectly (anti-)correlated pair: sgn z_i sgn z_j = ±1, leaving two signs.
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++)
                if (Math.Abs(r[i, j]) >= 1 - 1e-13)
                {
                    var (k, l) = Others(i, j);
                    return (Math.Sign(r[i, j]) * Sheppard(r[k, l]), 0);
                }
        double G(double t)
        {
            double sum = 0;
            for (int i = 0; i < 4; i++)
                for (int j = i + 1; j < 4; j++)
                {
                    double rij = r[i, j];
                    if (rij == 0) continue;
                    var (k, l) = Others(i, j);
                    double a = t * rij, det = 1 - a * a;
                    // Conditional covariance of (z_k, z_l) given z_i = z_j = 0 under R(t).
                    double Cond(int p, int q)
                    {
                        double pi = p == q ? 1 : t * r[p, q];
                        double xi = t * r[p, i], xj = t * r[p, j], yi = t * r[q, i], yj = t * r[q, j];
                        return pi - (xi * yi - a * (xi * yj + xj * yi) + xj * yj) / det;
                    }
                    double ckk = Cond(k, k), cll = Cond(l, l), ckl = Cond(k, l);
                    double denom = Math.Sqrt(Math.Max(ckk, 0) * Math.Max(cll, 0));
                    double rho = denom > 0 ? Math.Clamp(ckl / denom, -1, 1) : 0;
                    sum += rij * 4 / (2 * Math.PI * Math.Sqrt(det)) * Sheppard(rho);
                }
            return sum;
        }
        // ∫_0^1 G(t) dt with t = 1 − s², dt = 2s ds, s ∈ [0, 1]; Gauss–Legendre degrees 16, 32, … compared.
        double Integral(int n)
        {
            var rule = GaussLegendre.Rule(n);
            double acc = 0;
            for (int q = 0; q < n; q++)
            {
                double sv = (rule.Nodes[q] + 1) / 2;
                acc += rule.Weights[q] / 2 * 2 * sv * G(1 - sv * sv);
            }
            return acc;
        }
        double prev = Integral(16);
        for (int n = 32; n <= 2048; n *= 2)
        {
            double cur = Integral(n);
            if (Math.Abs(cur - prev) <= 1e-14) return (cur, Math.Abs(cur - prev));
            prev = cur;
        }
        throw new GaussianEvaluationException("Plackett's integral for a four-dimensional orthant moment did not converge (nearly singular correlation matrix)");
    }

    private static (int, int) Others(int i, int j)
    {
        var rest = Enumerable.Range(0, 4).Where(x => x != i && x != j).ToArray();
        return (rest[0], rest[1]);
    }
}
