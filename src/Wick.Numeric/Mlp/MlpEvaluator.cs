using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Numeric.Activations;
using Wick.Numeric.Evaluation;
using Wick.Numeric.Gaussian;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Mlp;

/// <summary>Which derived form of (4.115) and (4.119) is evaluated.</summary>
public enum MlpForm
{
    /// <summary>The raised-index form for kinked activations, the derivative normal form otherwise.</summary>
    Auto,
    /// <summary>Every z integrated by parts: ⟨σ^{(j)}σ^{(k)}⟩ atoms, no inverse kernel (coincident inputs allowed; σ smooth).</summary>
    DerivativeNormalForm,
    /// <summary>The book's form with the inverse kernel (4.120): ⟨σσ(zz − K)…⟩ atoms (K invertible; any σ).</summary>
    RaisedIndex,
}

/// <summary>
/// Evaluates the engine's derived mlp recursions (<see cref="MlpRecursionSet"/>: (4.118), (4.115), (4.119)) through a network
/// of concrete widths: K^{(ℓ)}, G^{\{1\}(ℓ)}, V^{(ℓ)} for N_D inputs, and χ_∥, χ_⊥ for one input. The recursions are instantiated
/// once for the inputs' labels and compiled (<see cref="CompiledPolynomial"/>); each layer then only evaluates the Gaussian
/// expectations ⟨…⟩_{K^{(ℓ)}} the steps contain (<see cref="GaussianExpectations"/>: closed forms, orthant moments, adaptive
/// Gauss–Hermite) and the compiled polynomials. The first layer is exact: K^{(1)} = C_b + C_W G^{(0)} (derived), G^{\{1\}(1)} = 0,
/// V^{(1)} = 0. Routes:
/// <list type="bullet">
/// <item>a polynomial σ (linear, poly:…) known to the engine: its expectations are applied symbolically (Isserlis), the steps
/// are polynomials in K, G1, V — exact rationals possible (<see cref="EvaluateExact"/>);</item>
/// <item>a smooth σ: the derivative normal form, expectations ⟨σ^{(j)}_α σ^{(k)}_β⟩ and ⟨σσσσ⟩ by quadrature or closed forms;</item>
/// <item>a kinked σ (ReLU, leaky ReLU, abs): σ''' and σ'''' are derivatives of δ, so the derivative form cannot be evaluated
/// term by term (⟨σ''σ''⟩ = ⟨δ²⟩ diverges while the sum is finite); the book's raised-index forms (4.119)–(4.120), derived
/// and checked by the engine, carry only ⟨σσ(zz − K)…⟩, evaluated exactly by orthant moments. They need K^{(ℓ)} invertible.</item>
/// </list>
/// Honest numerics: a non-finite value, a kernel that is not positive semi-definite, or a quadrature that misses its
/// tolerance throws <see cref="RefusedException"/> naming the layer and the reason.
/// </summary>
public sealed class MlpEvaluator
{
    /// <summary>Most inputs evaluated (the vertex has N_D⁴ components).</summary>
    public const int MaxInputs = 16;

    /// <summary>Most inputs for a kinked activation: its raised-index sums have N_D⁴ terms per component, instantiated symbolically (≈ N_D⁸/8 terms in all; 5 inputs take seconds).</summary>
    public const int MaxKinkedInputs = 5;

    private readonly MlpStateLayout _layout;
    private readonly Activation? _sigma;
    private readonly double _tolerance;
    private readonly CompiledPolynomial[] _first;     // K^{(1)} per kernel slot
    private readonly CompiledPolynomial[] _steps;     // per state slot
    private readonly CompiledPolynomial? _parallel, _perpendicular;
    private readonly Symbol[] _slots;                 // all symbols the compiled polynomials read
    private readonly int _fixedSlots;                 // state, n_l, n_{l-1}, C_W, C_b, G^(0) entries
    private readonly Symbol[] _atoms;                 // Gaussian expectations, inverse kernels, raised vertices (per layer)

    private MlpEvaluator(int inputs, Activation? sigma, IGaussianActivation symbolic, double tolerance, MlpForm form = MlpForm.Auto)
    {
        if (inputs < 1 || inputs > MaxInputs) throw new ArgumentException($"Between 1 and {MaxInputs} inputs are supported by the mlp evaluator, got {inputs}.");
        _layout = new MlpStateLayout(inputs);
        _sigma = sigma;
        _tolerance = tolerance;
        var set = MlpRecursionSet.For(symbolic);
        bool raised = symbolic is SymbolicActivation && (form == MlpForm.RaisedIndex || (form == MlpForm.Auto && sigma?.Slopes is { Beta: not 0 }));
        Form = raised ? MlpForm.RaisedIndex : MlpForm.DerivativeNormalForm;
        if (raised && inputs > MaxKinkedInputs)
            throw new RefusedException($"A kinked activation ({sigma!.Name}) is evaluated through the raised-index forms (4.119)–(4.120), whose sums have N_D⁴ terms per component: at most {MaxKinkedInputs} inputs, got {inputs}.");
        Exact = symbolic is PolynomialActivation;

        var steps = new Polynomial[_layout.State.Count];
        for (int s = 0; s < steps.Length; s++)
        {
            var (kind, labels) = _layout.Target(s);
            steps[s] = kind switch
            {
                AtomKind.Kernel => Rename(set.Kernel.Step, labels),
                AtomKind.NloMetric => raised ? Instantiate(set.RaisedNloMetric, labels) : Rename(set.NloMetric.Step, labels),
                _ => raised ? Instantiate(set.RaisedVertex, labels) : Rename(set.Vertex.Step, labels),
            };
        }
        var first = new Polynomial[inputs * inputs];
        for (int a = 0; a < inputs; a++)
            for (int b = 0; b < inputs; b++)
                first[a * inputs + b] = Rename(set.FirstKernel.Step, new() { ["a1"] = MlpStateLayout.Label(a), ["a2"] = MlpStateLayout.Label(b) });
        Polynomial? parallel = inputs == 1 ? set.ParallelSusceptibility : null, perpendicular = inputs == 1 ? set.PerpendicularSusceptibility : null;

        // Slots: state | n_l, n_{l-1}, C_W, C_b | G^(0) | per-layer atoms.
        var fixedSlots = new List<Symbol>(_layout.State) { Symbol.Width(Layer.L), Symbol.Width(Layer.L.Previous), Symbol.CW, Symbol.Cb };
        for (int a = 0; a < inputs; a++)
            for (int b = a; b < inputs; b++) fixedSlots.Add(Symbol.InputMetric(MlpStateLayout.Label(a), MlpStateLayout.Label(b)));
        var all = steps.Concat(first).Concat(new[] { parallel, perpendicular }.OfType<Polynomial>());
        var known = fixedSlots.ToHashSet();
        _atoms = all.SelectMany(p => p.Symbols).Where(s => !known.Contains(s)).Distinct().ToArray();
        foreach (var atom in _atoms)
            if (atom.Kind is not (AtomKind.GaussianExpectation or AtomKind.InverseKernel or AtomKind.RaisedVertex) || atom.Layer != Layer.L)
                throw new InvalidOperationException($"The derived mlp recursions contain {atom}, which the evaluator has no value for.");
        if (Exact && _atoms.Length > 0) throw new InvalidOperationException("A polynomial activation left Gaussian expectations unevaluated.");
        _fixedSlots = fixedSlots.Count;
        _slots = [.. fixedSlots, .. _atoms];
        _steps = steps.Select(p => CompiledPolynomial.Compile(p, _slots)).ToArray();
        _first = first.Select(p => CompiledPolynomial.Compile(p, _slots)).ToArray();
        _parallel = parallel is null ? null : CompiledPolynomial.Compile(parallel, _slots);
        _perpendicular = perpendicular is null ? null : CompiledPolynomial.Compile(perpendicular, _slots);
    }

    /// <summary>
    /// The evaluator for <paramref name="sigma"/> and <paramref name="inputs"/> inputs: the expectations stay atoms of the
    /// derived steps and are evaluated numerically to <paramref name="tolerance"/> at every layer (exact routes where
    /// <see cref="GaussianExpectations"/> has them). For σ the engine evaluates exactly see <see cref="CreateExact"/>.
    /// </summary>
    public static MlpEvaluator Create(Activation sigma, int inputs, double tolerance = GaussianExpectations.DefaultTolerance, MlpForm form = MlpForm.Auto)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        return new MlpEvaluator(inputs, sigma, SymbolicActivation.Instance, tolerance, form);
    }

    /// <summary>Which form of (4.115), (4.119) the steps use.</summary>
    public MlpForm Form { get; }

    /// <summary>The evaluator for an activation whose expectations the engine applies exactly (e.g. <see cref="PolynomialActivation"/>).</summary>
    public static MlpEvaluator CreateExact(IGaussianActivation activation, int inputs)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (activation is not PolynomialActivation) throw new ArgumentException($"{activation.Name}: exact evaluation needs a polynomial activation (linear, poly:c0,c1,...).");
        return new MlpEvaluator(inputs, null, activation, GaussianExpectations.DefaultTolerance);
    }

    /// <summary>True when the steps are exact polynomials (<see cref="EvaluateExact"/> is available).</summary>
    public bool Exact { get; }

    /// <summary>Number of inputs.</summary>
    public int Inputs => _layout.Inputs;

    /// <summary>The Gaussian expectations (and raised-index atoms) evaluated at every layer.</summary>
    public IReadOnlyList<Symbol> Expectations => _atoms;

    private static Polynomial Rename(Polynomial p, Dictionary<string, string> labels) =>
        p.RenameSamples(s => labels.TryGetValue(s, out var t) ? t : throw new InvalidOperationException($"Unexpected sample label {s} in a derived recursion."));

    /// <summary>Local + Coefficient Σ_{dummies ∈ D} Summand, with the free labels renamed and the sum written out over the inputs.</summary>
    private Polynomial Instantiate(MlpRecursions.RaisedForm form, Dictionary<string, string> labels)
    {
        int n = _layout.Inputs, d = form.Dummies.Count, total = 1;
        for (int i = 0; i < d; i++) total *= n;
        var sum = new List<Polynomial>(total);
        for (int assignment = 0; assignment < total; assignment++)
        {
            var map = new Dictionary<string, string>(labels);
            for (int i = 0, rest = assignment; i < d; i++, rest /= n) map[form.Dummies[i]] = MlpStateLayout.Label(rest % n);
            sum.Add(Rename(form.Summand, map));
        }
        return Rename(form.Local, labels) + Rename(form.Coefficient, labels) * Polynomial.Sum(sum);
    }

    /// <summary>Layers 1 … L in floating point; <paramref name="widths"/> = n_0, n_1, …, n_L; <paramref name="gram0"/> G^{(0)}_{αβ}.</summary>
    public IReadOnlyList<MlpLayer> Evaluate(IReadOnlyList<int> widths, double cw, double cb, Func<int, int, double> gram0)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(gram0);
        if (widths.Count < 2) throw new ArgumentException("At least one hidden layer.");
        int n = Inputs;
        var slots = new double[_slots.Length];
        slots[_layout.State.Count + 2] = cw;
        slots[_layout.State.Count + 3] = cb;
        int g = _layout.State.Count + 4;
        for (int a = 0; a < n; a++)
            for (int b = a; b < n; b++) slots[g++] = gram0(a, b);
        var state = new double[_layout.State.Count];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) state[_layout.KernelSlot(a, b)] = _first[a * n + b].Evaluate(slots);
        var layers = new List<MlpLayer>();
        double error = 0;
        for (int l = 1; ; l++)
        {
            Check(state, l);
            bool last = l == widths.Count - 1;
            // Per-layer atoms: needed for the next step, and for χ at this layer.
            if (!last || _parallel is not null)
            {
                state.CopyTo(slots, 0);
                slots[state.Length] = widths[l];
                slots[state.Length + 1] = widths[l - 1];
                error = Math.Max(error, FillAtoms(state, slots, l));
            }
            double? parallel = _parallel is null ? null : Finite(_parallel.Evaluate(slots), "χ_∥", l);
            double? perpendicular = _perpendicular is null ? null : Finite(_perpendicular.Evaluate(slots), "χ_⊥", l);
            layers.Add(new MlpLayer(l, widths[l], widths[l - 1], _layout, (double[])state.Clone(), null, parallel, perpendicular, null, null, error));
            if (last) return layers;
            var next = new double[state.Length];
            for (int s = 0; s < next.Length; s++) next[s] = _steps[s].Evaluate(slots);
            state = next;
        }
    }

    /// <summary>Layers 1 … L exactly (polynomial activations only).</summary>
    public IReadOnlyList<MlpLayer> EvaluateExact(IReadOnlyList<int> widths, Rational cw, Rational cb, Func<int, int, Rational> gram0)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(gram0);
        if (!Exact) throw new InvalidOperationException("Exact evaluation needs a polynomial activation.");
        int n = Inputs;
        var slots = new Rational[_slots.Length];
        Array.Fill(slots, Rational.Zero);
        slots[_layout.State.Count + 2] = cw;
        slots[_layout.State.Count + 3] = cb;
        int g = _layout.State.Count + 4;
        for (int a = 0; a < n; a++)
            for (int b = a; b < n; b++) slots[g++] = gram0(a, b);
        var state = new Rational[_layout.State.Count];
        Array.Fill(state, Rational.Zero);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) state[_layout.KernelSlot(a, b)] = _first[a * n + b].EvaluateExact(slots);
        var layers = new List<MlpLayer>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int l = 1; ; l++)
        {
            state.CopyTo(slots, 0);
            slots[state.Length] = widths[l];
            slots[state.Length + 1] = widths[l - 1];
            var values = state.Select(x => x.ToDouble()).ToArray();
            Rational? parallel = _parallel?.EvaluateExact(slots), perpendicular = _perpendicular?.EvaluateExact(slots);
            layers.Add(new MlpLayer(l, widths[l], widths[l - 1], _layout, values, (Rational[])state.Clone(),
                parallel?.ToDouble(), perpendicular?.ToDouble(), parallel, perpendicular, 0));
            if (l == widths.Count - 1) return layers;
            state = _steps.Select(p => p.EvaluateExact(slots)).ToArray();
            if (clock.Elapsed.TotalSeconds > LayerRecursion.MaxExactSeconds)
                throw new RefusedException($"--exact: the exact rationals grow with depth; {l} of {widths.Count - 1} layers took {clock.Elapsed.TotalSeconds:0} s. Drop --exact, or use fewer layers.");
        }
    }

    /// <summary>Floating-point evaluation for a network and its inputs.</summary>
    public IReadOnlyList<MlpLayer> Evaluate(DeepLinearNetwork net, NetworkInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != Inputs) throw new ArgumentException($"This evaluator is for {Inputs} input(s), got {inputs.Count}.");
        return Evaluate([inputs.Dimension, .. net.Widths.Widths], net.CW, net.Cb, inputs.Gram);
    }

    /// <summary>Evaluates the per-layer atoms at K^{(ℓ)} into their slots; returns the largest error estimate.</summary>
    private double FillAtoms(double[] state, double[] slots, int layer)
    {
        if (_atoms.Length == 0) return 0;
        int n = Inputs;
        var k = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) k[a, b] = state[_layout.KernelSlot(a, b)];
        double[,]? inverse = null;
        double[]? raised = null;
        double error = 0;
        for (int i = 0; i < _atoms.Length; i++)
        {
            var atom = _atoms[i];
            double value;
            switch (atom.Kind)
            {
                case AtomKind.InverseKernel:
                    inverse ??= Invert(k, layer);
                    value = inverse[Index(atom.Indices[0]), Index(atom.Indices[1])];
                    break;
                case AtomKind.RaisedVertex:
                    inverse ??= Invert(k, layer);
                    raised ??= RaiseVertex(state, inverse);
                    var ix = atom.Indices.Select(Index).ToArray();
                    value = raised[((ix[0] * n + ix[1]) * n + ix[2]) * n + ix[3]];
                    break;
                default:
                    var g = Expect(atom, k, layer);
                    value = g.Value;
                    error = Math.Max(error, g.ErrorEstimate);
                    break;
            }
            slots[_fixedSlots + i] = Finite(value, atom.ToString(), layer);
        }
        return error;
    }

    private static int Index(string label) => int.Parse(label.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1;

    /// <summary>⟨body⟩_{K^{(ℓ)}} of a derived atom: its sample labels become the positions of a kernel restricted to them.</summary>
    private GaussianValue Expect(Symbol atom, double[,] k, int layer)
    {
        var body = atom.Body!;
        var labels = body.Samples.Distinct().ToList();
        var sub = new double[labels.Count, labels.Count];
        for (int a = 0; a < labels.Count; a++)
            for (int b = 0; b < labels.Count; b++) sub[a, b] = k[Index(labels[a]), Index(labels[b])];
        try
        {
            var kernel = new KernelMatrix(sub);
            var numeric = Gaussian.GaussianBody.Constant(1);
            foreach (var f in body.Factors)
            {
                int a = labels.IndexOf(f.Sample);
                numeric *= f.Kind switch
                {
                    GaussianFactorKind.Z => Gaussian.GaussianBody.Of(BodyFactor.Z(a)),
                    GaussianFactorKind.Fluctuation => Gaussian.GaussianBody.Centered(a, labels.IndexOf(f.Second!), kernel),
                    _ => Gaussian.GaussianBody.Of(BodyFactor.Sigma(a, NeuronFactor.OrderOf(f.Kind))),
                };
            }
            return GaussianExpectations.Evaluate(numeric, _sigma!, kernel, _tolerance);
        }
        catch (Exception e) when (e is GaussianEvaluationException or KernelException or InvalidOperationException)
        {
            throw new RefusedException($"layer {layer}: {atom} with σ = {_sigma!.Name}: {e.Message}");
        }
    }

    private static double[,] Invert(double[,] k, int layer)
    {
        int n = k.GetLength(0);
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(k);
        double cond = m.ConditionNumber();
        if (!(cond < 1e10))
            throw new RefusedException($"layer {layer}: K^({layer}) is singular or nearly so (condition number {cond:G3}); a kinked activation is evaluated through the raised-index forms (4.119)–(4.120), which need K invertible. Use distinct, linearly independent inputs.");
        return m.Inverse().ToArray();
    }

    /// <summary>V^{(β1β2)(β3β4)} = Σ K^{β1γ1}K^{β2γ2}K^{β3γ3}K^{β4γ4} V_{(γ1γ2)(γ3γ4)} (4.120), one index at a time.</summary>
    private double[] RaiseVertex(double[] state, double[,] inverse)
    {
        int n = Inputs, size = n * n * n * n;
        var t = new double[size];
        for (int i = 0; i < size; i++) t[i] = state[_layout.VertexSlot(i / (n * n * n), i / (n * n) % n, i / n % n, i % n)];
        for (int axis = 0; axis < 4; axis++)
        {
            var u = new double[size];
            int stride = axis switch { 0 => n * n * n, 1 => n * n, 2 => n, _ => 1 };
            for (int i = 0; i < size; i++)
            {
                int own = i / stride % n, rest = i - own * stride;
                double s = 0;
                for (int c = 0; c < n; c++) s += inverse[own, c] * t[rest + c * stride];
                u[i] = s;
            }
            t = u;
        }
        return t;
    }

    private void Check(double[] state, int layer)
    {
        for (int i = 0; i < state.Length; i++) Finite(state[i], _layout.State[i].AtLayer(Layer.Concrete(layer)).ToString(), layer);
        int n = Inputs;
        var k = new double[n, n];
        double scale = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) { k[a, b] = state[_layout.KernelSlot(a, b)]; scale = Math.Max(scale, Math.Abs(k[a, b])); }
        // Positive semi-definite up to rounding: Cholesky with a relative floor.
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double d = k[j, j];
            for (int p = 0; p < j; p++) d -= l[j, p] * l[j, p];
            if (d < -1e-10 * Math.Max(scale, 1e-300))
                throw new RefusedException($"layer {layer}: the kernel K^({layer}) is not positive semi-definite (pivot {d:G3}); nothing printed. The recursion left the set of covariances (rounding or a too large step).");
            l[j, j] = Math.Sqrt(Math.Max(d, 0));
            for (int i = j + 1; i < n; i++)
            {
                double s = k[i, j];
                for (int p = 0; p < j; p++) s -= l[i, p] * l[j, p];
                l[i, j] = l[j, j] > 1e-150 ? s / l[j, j] : 0;
            }
        }
    }

    private static double Finite(double value, string what, int layer) => double.IsFinite(value) ? value
        : throw new RefusedException($"layer {layer}: {what} is {(double.IsNaN(value) ? "undefined (NaN)" : "infinite")}; nothing printed. Use smaller --cw, --cb or --input-norm, or fewer layers.");
}
