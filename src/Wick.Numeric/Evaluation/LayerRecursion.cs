using Wick.Algebra;

namespace Wick.Numeric.Evaluation;

/// <summary>
/// A system of layer-to-layer recursions Q_t^{(ℓ+1)} = Step_t(Q^{(ℓ)}, n_ℓ, n_{ℓ−1}, C_W, C_b), compiled once and
/// run numerically (or exactly) through a network of given widths. The steps are the engine's derived
/// polynomials; nothing about their coefficients is known here. Symbols the steps may contain: the state
/// families at layer ℓ (the targets moved down one layer: <c>G4^(l)</c>, <c>K^(l)_{a1 a2}</c>), the widths
/// <c>n_l</c> and <c>n_{l-1}</c>, and <c>C_W</c>, <c>C_b</c>.
/// </summary>
public sealed class LayerRecursion
{
    private readonly CompiledPolynomial[] _steps;

    /// <summary>Slots: state 0…S−1, then n_ℓ, n_{ℓ−1}, C_W, C_b.</summary>
    public LayerRecursion(IReadOnlyList<(Symbol Target, Polynomial Step)> recursions)
    {
        if (recursions.Count == 0) throw new ArgumentException("No recursion to evaluate.");
        var l = Layer.L;
        State = recursions.Select(r => r.Target.AtLayer(l)).ToArray();
        var slots = new List<Symbol>(State) { Symbol.Width(l), Symbol.Width(l.Previous), Symbol.CW, Symbol.Cb };
        if (slots.Distinct().Count() != slots.Count) throw new ArgumentException("Two recursions have the same target.");
        _steps = recursions.Select(r => CompiledPolynomial.Compile(r.Step, slots)).ToArray();
        Targets = recursions.Select(r => r.Target).ToArray();
    }

    /// <summary>The targets (at layer ℓ+1) in state order.</summary>
    public IReadOnlyList<Symbol> Targets { get; }

    /// <summary>The state symbols at layer ℓ, in order.</summary>
    public IReadOnlyList<Symbol> State { get; }

    /// <summary>Index of the state <paramref name="atom"/> (taken at layer ℓ).</summary>
    public int IndexOf(Symbol atom)
    {
        ArgumentNullException.ThrowIfNull(atom);
        var at = atom.AtLayer(Layer.L);
        for (int i = 0; i < State.Count; i++)
            if (State[i] == at) return i;
        throw new KeyNotFoundException($"The recursion has no state {at}.");
    }

    /// <summary>One step from layer ℓ (state, n_ℓ, n_{ℓ−1}) to ℓ+1.</summary>
    public void Step(ReadOnlySpan<double> state, double nl, double nlMinus1, double cw, double cb, Span<double> next)
    {
        int s = State.Count;
        Span<double> slots = s + 4 <= 64 ? stackalloc double[s + 4] : new double[s + 4];
        state.CopyTo(slots);
        slots[s] = nl;
        slots[s + 1] = nlMinus1;
        slots[s + 2] = cw;
        slots[s + 3] = cb;
        for (int t = 0; t < _steps.Length; t++) next[t] = _steps[t].Evaluate(slots);
    }

    /// <summary>One exact step.</summary>
    public Rational[] StepExact(IReadOnlyList<Rational> state, Rational nl, Rational nlMinus1, Rational cw, Rational cb)
    {
        var slots = state.Concat([nl, nlMinus1, cw, cb]).ToArray();
        return _steps.Select(p => p.EvaluateExact(slots)).ToArray();
    }

    /// <summary>
    /// Runs from the state at layer <paramref name="from"/> to layer L = widths.Length − 1, where widths[ℓ] = n_ℓ
    /// (widths[0] = n_0). Returns the states of layers from … L (index 0 is the initial state).
    /// </summary>
    public double[][] Run(double[] initial, int from, IReadOnlyList<int> widths, double cw, double cb)
    {
        var states = new double[widths.Count - from][];
        states[0] = initial;
        for (int l = from; l < widths.Count - 1; l++)
        {
            var next = new double[State.Count];
            Step(states[l - from], widths[l], l >= 1 ? widths[l - 1] : double.NaN, cw, cb, next);
            states[l - from + 1] = next;
        }
        return states;
    }

    /// <summary>Exact version of <see cref="Run"/>.</summary>
    /// <summary>An exact run projected to take longer than this is stopped with a message.</summary>
    public const double MaxExactSeconds = 10;

    public Rational[][] RunExact(Rational[] initial, int from, IReadOnlyList<int> widths, Rational cw, Rational cb)
    {
        var states = new Rational[widths.Count - from][];
        states[0] = initial;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int total = widths.Count - 1 - from;
        for (int l = from; l < widths.Count - 1; l++)
        {
            states[l - from + 1] = StepExact(states[l - from], widths[l], l >= 1 ? widths[l - 1] : Rational.Zero, cw, cb);
            // The exact numbers gain digits every layer, so a layer costs more the deeper it is: project the whole run
            // (quadratic in depth) and refuse one that would take minutes rather than appear to hang.
            int done = l - from + 1;
            double seconds = clock.Elapsed.TotalSeconds;
            if (seconds > 0.5 && seconds * ((double)total / done) * ((double)total / done) > MaxExactSeconds)
                throw new RefusedException(
                    $"--exact: the exact rationals grow with depth; at this pace the {total} layers would take about " +
                    $"{seconds * total / done * total / done:0} s or more. Drop --exact (floating point), or use fewer layers or --points.");
        }
        return states;
    }
}
