using Wick.Algebra;
using Wick.Algebra.Recursions;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Evaluation;

/// <summary>A value evaluated at one layer; <see cref="Exact"/> is set for exact rational evaluation.</summary>
public sealed record EvaluatedValue(string Name, double Value, Rational? Exact = null);

/// <summary>The evaluated quantities of one layer.</summary>
public sealed record EvaluatedLayer(int Layer, int Width, IReadOnlyList<EvaluatedValue> Values)
{
    /// <summary>The value called <paramref name="name"/>.</summary>
    public EvaluatedValue this[string name] => Values.FirstOrDefault(v => v.Name == name)
        ?? throw new KeyNotFoundException($"No value named {name} in layer {Layer}.");
}

/// <summary>
/// Evaluates the engine's derived deep-linear recursions through a concrete network. The recursions come from
/// <see cref="DeepLinear"/> (derived, never written here); this class only supplies initial conditions and runs
/// them. Initial conditions: G^{(0)}_{αβ} = x_α·x_β/n_0 (3.9); the first layer is exactly Gaussian (3.34), so its
/// metric comes from the metric recursion applied once to the inputs, G_{2m}^{(1)} = (G_2^{(1)})^m and
/// V^{(1)} = 0; the full recursions then run from ℓ = 1 (3.45), (3.47).
/// </summary>
public sealed class DeepLinearEvaluator
{
    private readonly LayerRecursion _system, _metric;
    private readonly int _points, _inputs;

    private DeepLinearEvaluator(LayerRecursion system, LayerRecursion metric, int points, int inputs)
    {
        _system = system;
        _metric = metric;
        _points = points;
        _inputs = inputs;
    }

    /// <summary>One input: G_2, G_4, …, G_{points} from <see cref="DeepLinear.SingleInput"/> (with biases when <paramref name="bias"/>).</summary>
    public static DeepLinearEvaluator SingleInput(int points, bool bias)
    {
        if (points < 2 || points % 2 != 0) throw new ArgumentException($"--points must be an even number ≥ 2, got {points}.");
        if (points > 40) throw new ArgumentException($"--points {points}: deriving recursions beyond G_40 is not offered.");
        var recursions = Enumerable.Range(1, points / 2).Select(m => DeepLinear.SingleInput(m, bias)).ToArray();
        return new DeepLinearEvaluator(Compile(recursions), Compile(recursions.Take(1)), points, 1);
    }

    /// <summary>Several inputs: metric K_{αβ} and vertex V_{(αβ)(γδ)} from <see cref="DeepLinear.MultiInput"/>.</summary>
    public static DeepLinearEvaluator MultiInput(int inputs, bool bias)
    {
        if (inputs < 1 || inputs > 6) throw new ArgumentException($"Between 1 and 6 inputs are supported for the multi-input recursions, got {inputs}.");
        var sys = DeepLinear.MultiInput(inputs, bias);
        var metric = sys.Recursions.Where(r => r.Target.Kind == AtomKind.Kernel).ToArray();
        return new DeepLinearEvaluator(Compile(sys.Recursions), Compile(metric), 4, inputs);
    }

    private static LayerRecursion Compile(IEnumerable<Recursion> rs) => new(rs.Select(r => (r.Target, r.Step)).ToArray());

    /// <summary>The compiled recursion system (targets in state order).</summary>
    public LayerRecursion System => _system;

    /// <summary>Evaluates layers 1 … L in floating point.</summary>
    public IReadOnlyList<EvaluatedLayer> Evaluate(DeepLinearNetwork net, NetworkInputs inputs)
    {
        CheckInputs(inputs);
        var widths = AllWidths(net, inputs);
        var first = FirstLayer(net, inputs);
        var states = _system.Run(first, 1, widths, net.CW, net.Cb);
        return states.Select((s, i) => Describe(i + 1, widths, s.Select(v => (v, (Rational?)null)).ToArray())).ToArray();
    }

    /// <summary>Evaluates layers 1 … L exactly (rational C_W, C_b and inputs).</summary>
    public IReadOnlyList<EvaluatedLayer> EvaluateExact(DeepLinearNetwork net, NetworkInputs inputs, Rational cw, Rational cb, Func<int, int, Rational> gram0)
    {
        CheckInputs(inputs);
        var widths = AllWidths(net, inputs);
        var g0 = MetricState(gram0);
        var k1 = _metric.StepExact(g0, widths[0], Rational.Zero, cw, cb);
        var first = new Rational[_system.State.Count];
        FillFirst(first, k1, (x, m) => x.Pow(m), Rational.Zero);
        var states = _system.RunExact(first, 1, widths, cw, cb);
        return states.Select((s, i) => Describe(i + 1, widths, s.Select(v => (v.ToDouble(), (Rational?)v)).ToArray())).ToArray();
    }

    private void CheckInputs(NetworkInputs inputs)
    {
        if (inputs.Count != _inputs) throw new ArgumentException($"This evaluator is for {_inputs} input(s), got {inputs.Count}.");
    }

    private static int[] AllWidths(DeepLinearNetwork net, NetworkInputs inputs) => [inputs.Dimension, .. net.Widths.Widths];

    private double[] FirstLayer(DeepLinearNetwork net, NetworkInputs inputs)
    {
        var g0 = MetricState((a, b) => inputs.Gram(a, b));
        var k1 = new double[_metric.State.Count];
        _metric.Step(g0, inputs.Dimension, double.NaN, net.CW, net.Cb, k1);
        var first = new double[_system.State.Count];
        FillFirst(first, k1, (x, m) => Math.Pow(x, m), 0.0);
        return first;
    }

    /// <summary>Layer-0 metric state G^{(0)}_{αβ} in the metric recursion's state order.</summary>
    private T[] MetricState<T>(Func<int, int, T> gram0) => _metric.State.Select(s => _inputs == 1 && s.Indices.Count == 0
        ? gram0(0, 0)
        : gram0(Label(s.Indices[0]), Label(s.Indices[1]))).ToArray();

    /// <summary>First layer (3.34): Gaussian. One input: G_{2m} = (G_2)^m. Several: K from the metric step, V = 0.</summary>
    private void FillFirst<T>(T[] first, T[] metric1, Func<T, int, T> pow, T zero)
    {
        for (int i = 0; i < _system.State.Count; i++)
        {
            var s = _system.State[i];
            if (_inputs == 1 && s.Kind == AtomKind.Correlator) first[i] = pow(metric1[0], s.Points / 2);
            else if (s.Kind == AtomKind.Kernel) first[i] = metric1[_metric.IndexOf(s)];
            else if (s.Kind == AtomKind.Vertex) first[i] = zero;
            else throw new InvalidOperationException($"No initial condition for {s}.");
        }
    }

    private static int Label(string label) => int.Parse(label.AsSpan(1)) - 1; // a1 -> 0

    private EvaluatedLayer Describe(int layer, int[] widths, (double V, Rational? E)[] state)
    {
        var values = new List<EvaluatedValue>();
        if (_inputs == 1 && _system.State[0] is { Kind: AtomKind.Correlator, Points: 2 })
        {
            for (int i = 0; i < state.Length; i++) values.Add(new($"G{_system.State[i].Points}", state[i].V, state[i].E));
            for (int m = 2; m <= _points / 2; m++)
                values.Add(new($"G{2 * m}/G2^{m}", state[m - 1].V / Math.Pow(state[0].V, m),
                    state[0].E is { } g2 && state[m - 1].E is { } g && !g2.IsZero ? g / g2.Pow(m) : null));
        }
        else
        {
            for (int i = 0; i < state.Length; i++)
            {
                var s = _system.State[i];
                int[] ix = s.Indices.Select(Label).ToArray();
                string name = s.Kind == AtomKind.Kernel ? Observables.KName(ix[0], ix[1]) : Observables.VName(ix[0], ix[1], ix[2], ix[3]);
                values.Add(new(name, state[i].V, state[i].E));
            }
            // F = K K + V / n_{ℓ−1}: the full four-point structure the Monte Carlo estimates.
            for (int i = 0; i < state.Length; i++)
            {
                var s = _system.State[i];
                if (s.Kind != AtomKind.Vertex) continue;
                int[] ix = s.Indices.Select(Label).ToArray();
                var ((a1, a2), (a3, a4)) = (s.IndexPairs[0], s.IndexPairs[1]);
                int kab = _system.IndexOf(Symbol.Kernel(Layer.L, a1, a2)), kcd = _system.IndexOf(Symbol.Kernel(Layer.L, a3, a4));
                double f = state[kab].V * state[kcd].V + state[i].V / widths[layer - 1];
                Rational? fe = state[kab].E is { } a && state[kcd].E is { } c && state[i].E is { } v ? a * c + v / widths[layer - 1] : null;
                values.Add(new(Observables.FName(ix[0], ix[1], ix[2], ix[3]), f, fe));
            }
        }
        return new EvaluatedLayer(layer, widths[layer], values);
    }
}
