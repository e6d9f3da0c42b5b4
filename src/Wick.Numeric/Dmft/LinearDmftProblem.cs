namespace Wick.Numeric.Dmft;

/// <summary>
/// A deep linear network trained by gradient flow on P examples (Bordelon–Pehlevan (1), φ(h) = h): the input Gram
/// matrix K_x = x_µ·x_α/D, the targets y, the depth L (number of hidden layers; L = 1 is the two-layer network) and
/// the feature-learning strength γ0 = γ/√N (4).
/// </summary>
public sealed record LinearDmftProblem
{
    public double[,] InputKernel { get; }
    public double[] Targets { get; }
    public int Depth { get; }
    public double Gamma0 { get; }

    public LinearDmftProblem(double[,] inputKernel, IReadOnlyList<double> targets, int depth, double gamma0)
    {
        int p = targets.Count;
        if (p == 0) throw new ArgumentException("at least one target is needed.");
        if (inputKernel.GetLength(0) != p || inputKernel.GetLength(1) != p)
            throw new ArgumentException($"the input kernel is {inputKernel.GetLength(0)}×{inputKernel.GetLength(1)} but there are {p} targets.");
        if (depth < 1) throw new ArgumentException($"the depth L (hidden layers) must be at least 1, got {depth}.");
        if (!double.IsFinite(gamma0) || gamma0 < 0) throw new ArgumentException($"γ0 must be a finite non-negative number, got {gamma0}.");
        foreach (double v in targets) if (!double.IsFinite(v)) throw new ArgumentException("the targets must be finite numbers.");
        if (targets.All(v => v == 0)) throw new ArgumentException("the targets are all zero: there is nothing to learn.");
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                if (!double.IsFinite(inputKernel[a, b])) throw new ArgumentException("the input kernel must be finite.");
                if (Math.Abs(inputKernel[a, b] - inputKernel[b, a]) > 1e-12 * (1 + Math.Abs(inputKernel[a, b])))
                    throw new ArgumentException("the input kernel must be symmetric.");
            }
        InputKernel = (double[,])inputKernel.Clone();
        Targets = [.. targets];
        Depth = depth;
        Gamma0 = gamma0;
    }

    /// <summary>P, the number of training examples.</summary>
    public int Count => Targets.Length;

    /// <summary>|y|.</summary>
    public double TargetNorm => Math.Sqrt(Targets.Sum(v => v * v));

    /// <summary>Whitened data: K_x = I.</summary>
    public static LinearDmftProblem Whitened(IReadOnlyList<double> targets, int depth, double gamma0)
    {
        var k = new double[targets.Count, targets.Count];
        for (int a = 0; a < targets.Count; a++) k[a, a] = 1;
        return new LinearDmftProblem(k, targets, depth, gamma0);
    }

    public bool IsWhitened
    {
        get
        {
            for (int a = 0; a < Count; a++)
                for (int b = 0; b < Count; b++)
                    if (InputKernel[a, b] != (a == b ? 1 : 0)) return false;
            return true;
        }
    }

    public LinearDmftProblem WithGamma0(double gamma0) => new(InputKernel, Targets, Depth, gamma0);
}

/// <summary>One time point of a training trajectory: the error Δ(t) = y − f(t) and the NTK K(t, t) on the training set (3).</summary>
public sealed record DmftPoint(double Time, double[] Error, double[,] Ntk)
{
    /// <summary>H^ℓ(t, t) for ℓ = 1…L (P×P each), when the solver tracks them.</summary>
    public IReadOnlyList<double[,]>? HiddenKernels { get; init; }

    /// <summary>G^ℓ(t, t) for ℓ = 1…L, when the solver tracks them.</summary>
    public IReadOnlyList<double>? GradientKernels { get; init; }

    /// <summary>The training loss ½|Δ|².</summary>
    public double Loss => 0.5 * Error.Sum(e => e * e);

    /// <summary>Kernel–target alignment yᵀKy / (|K|_F |y|²), the cosine similarity of K with yyᵀ.</summary>
    public double Alignment(IReadOnlyList<double> targets)
    {
        int p = targets.Count;
        double num = 0, fro = 0, y2 = 0;
        for (int a = 0; a < p; a++)
        {
            y2 += targets[a] * targets[a];
            for (int b = 0; b < p; b++) { num += targets[a] * Ntk[a, b] * targets[b]; fro += Ntk[a, b] * Ntk[a, b]; }
        }
        return num / (Math.Sqrt(fro) * y2);
    }
}

/// <summary>A training trajectory (from the DMFT or from a simulated network).</summary>
public sealed record DmftTrajectory(LinearDmftProblem Problem, IReadOnlyList<DmftPoint> Points)
{
    public DmftPoint Final => Points[^1];

    /// <summary>True when every number in the trajectory is finite (results that are not are never printed).</summary>
    public bool IsFinite => Points.All(p => p.Error.All(double.IsFinite) && p.Ntk.Cast<double>().All(double.IsFinite));
}
