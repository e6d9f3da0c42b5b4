namespace Wick.Numeric.Dmft;

/// <summary>
/// The two-layer (L = 1) linear network on whitened data K_x = I, Bordelon–Pehlevan App. F.1.1, in closed form.
/// Everything moves along the target y: the error Δ(t) = ŷ·Δ(t), the kernel H_y(t) = yᵀH(t)y/|y|², and the gradient
/// kernel G(t) = H_y(t) (both obey (75) with equal initial values 1, hence the balance of (76)). With f = |y| − Δ:
/// <list type="bullet">
/// <item>(76) dH_y/dt = 2γ0² Δ f,  dΔ/dt = −2 H_y Δ;</item>
/// <item>(77) the conserved quantity H_y² − γ0² f² = 1, so H_y = √(1 + γ0² f²) and H_y(∞) = √(1 + γ0² |y|²);</item>
/// <item>(78) the prediction ODE df/dt = 2 √(1 + γ0² f²) (|y| − f);</item>
/// <item>(79) the separable time integral 2t = ∫_0^f ds / ((|y| − s)√(1 + γ0² s²)).</item>
/// </list>
/// The evaluation of (79) below is the paper's arctanh form rewritten as one logarithm whose argument has the
/// factor γ0² cancelled (1 − a = γ0²(y − f)²/(cq(cq + 1 + γ0² y f)) with c = √(1+γ0²y²), q = √(1+γ0²f²)), so it is
/// accurate from γ0 = 0 (t = ½ ln(y/(y − f)), (80)) to γ0 → ∞ (t ≈ ln(2γ0 y f/(y − f))/(2γ0 y), the logistic (81)).
/// </summary>
public sealed record WhitenedTwoLayer
{
    public double Gamma0 { get; }
    /// <summary>|y|, the norm of the target vector.</summary>
    public double TargetNorm { get; }

    public WhitenedTwoLayer(double gamma0, double targetNorm)
    {
        if (!double.IsFinite(gamma0) || gamma0 < 0) throw new ArgumentException($"γ0 must be a finite non-negative number, got {gamma0}.");
        if (!double.IsFinite(targetNorm) || targetNorm <= 0) throw new ArgumentException($"|y| must be a finite positive number, got {targetNorm}.");
        Gamma0 = gamma0;
        TargetNorm = targetNorm;
    }

    private double G2 => Gamma0 * Gamma0;

    /// <summary>H_y as a function of the prediction f along y, from the conservation law (77).</summary>
    public double KernelAt(double prediction) => Math.Sqrt(1 + G2 * prediction * prediction);

    /// <summary>H_y(∞) = √(1 + γ0²|y|²), (77) at f = |y|.</summary>
    public double FinalKernel => KernelAt(TargetNorm);

    /// <summary>The final hidden kernel H(∞) = I + (H_y(∞) − 1) ŷŷᵀ (the rank-one spike after (77)).</summary>
    public double[,] FinalHiddenKernel(IReadOnlyList<double> targets)
    {
        int p = targets.Count;
        double y2 = targets.Sum(v => v * v);
        var h = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                h[a, b] = (a == b ? 1 : 0) + (FinalKernel - 1) * targets[a] * targets[b] / y2;
        return h;
    }

    /// <summary>dΔ/dt = −2 √(1 + γ0²(y − Δ)²) Δ, (78).</summary>
    public double ErrorRate(double error) => -2 * KernelAt(TargetNorm - error) * error;

    /// <summary>The time at which the prediction reaches f ∈ [0, |y|), (79).</summary>
    public double TimeToReach(double prediction)
    {
        double y = TargetNorm, f = prediction;
        if (!(f >= 0 && f < y)) throw new ArgumentOutOfRangeException(nameof(prediction), $"the prediction must lie in [0, {y}), got {f}.");
        if (f == 0) return 0;
        double c = KernelAt(y), q = KernelAt(f);
        double a = (1 + G2 * y * f) / (c * q), b = 1 / c;
        // artanh a − artanh b = ½ ln[(1 + a)(1 − b) / ((1 − a)(1 + b))], with (1 − b)/(1 − a) free of γ0².
        double ratio = (1 + a) / (1 + b) * y * y * q * (c * q + 1 + G2 * y * f) / ((c + 1) * (y - f) * (y - f));
        return Math.Log(ratio) / (4 * c);
    }

    /// <summary>The prediction f(t) along y: (79) inverted by bisection (t is increasing in f).</summary>
    public double PredictionAt(double time)
    {
        if (!(time >= 0) || double.IsNaN(time)) throw new ArgumentOutOfRangeException(nameof(time));
        if (time == 0) return 0;
        double lo = 0, hi = TargetNorm;
        for (int i = 0; i < 200 && hi - lo > 1e-15 * TargetNorm; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid >= TargetNorm || TimeToReach(mid) > time) hi = mid; else lo = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>The error norm Δ(t) = |y| − f(t).</summary>
    public double ErrorAt(double time) => TargetNorm - PredictionAt(time);

    /// <summary>The conserved quantity of (77), H_y² − γ0²(y − Δ)², for given H_y and Δ (1 on every trajectory).</summary>
    public double Conserved(double kernel, double error) => kernel * kernel - G2 * (TargetNorm - error) * (TargetNorm - error);
}
