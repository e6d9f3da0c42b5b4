using Wick.Algebra;
using Wick.Algebra.Training.Ntk;
using Wick.Numeric.Activations;
using Wick.Numeric.Evaluation;
using Wick.Numeric.Gaussian;
using AlgebraBody = Wick.Algebra.GaussianBody;
using NumericBody = Wick.Numeric.Gaussian.GaussianBody;

namespace Wick.Numeric.Ntk;

/// <summary>The hyperparameters of the NTK: initialization variances C_W, C_b and learning rates λ_W, λ_b (PDLT ch. 7–8).</summary>
public sealed record NtkHyperparameters(double CW, double Cb, double LambdaW, double LambdaB)
{
    /// <summary>NTK parameterization (lectures (76)): λ_W = C_W, λ_b = C_b, so Θ^{(ℓ+1)} = K^{(ℓ+1)} + C_W⟨σ'σ'⟩Θ^{(ℓ)} (83).</summary>
    public static NtkHyperparameters NtkParameterization(double cw, double cb) => new(cw, cb, cw, cb);
}

/// <summary>K^{(ℓ)}_{αβ} and Θ^{(ℓ)}_{αβ} of one layer (symmetric matrices over the inputs).</summary>
public sealed record NtkLayer(int Layer, double[,] Kernel, double[,] TangentKernel);

/// <summary>
/// The infinite-width kernels K^{(ℓ)} and Θ^{(ℓ)} layer by layer for concrete inputs: the engine derives the recursions once
/// (<see cref="NtkDerivation"/>: the first layer from G^{(0)}, then Θ^{(ℓ+1)}, K^{(ℓ+1)} from layer ℓ with symbolic σ), they
/// are compiled, and for every pair of inputs (α, β) the Gaussian atoms ⟨σ_{a1}σ_{a2}⟩, ⟨σ'_{a1}σ'_{a2}⟩ of the 2×2 kernel
/// block are evaluated by <see cref="GaussianExpectations"/> (closed forms for scale-invariant σ and erf, quadrature
/// otherwise). Nothing about the recursions is known here.
/// </summary>
public sealed class NtkEvaluator
{
    private const string A1 = "a1", A2 = "a2";
    private readonly PairStep _first, _step;

    /// <summary>Derives and compiles the first-layer and layer-to-layer recursions.</summary>
    public NtkEvaluator()
    {
        _first = new PairStep(Layer.Concrete(1));
        _step = new PairStep(Layer.L.Next);
    }

    /// <summary>The derived recursions used (first layer, then general), for reports.</summary>
    public IReadOnlyList<Algebra.Recursions.Recursion> Recursions => [.. _first.Recursions, .. _step.Recursions];

    /// <summary>Layers 1…<paramref name="depth"/> for the Gram matrix G^{(0)}_{αβ} of the inputs.</summary>
    public IReadOnlyList<NtkLayer> Evaluate(double[,] gram, int depth, Activation sigma, NtkHyperparameters h)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(h);
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), "at least one layer");
        int n = gram.GetLength(0);
        var layers = new List<NtkLayer>();
        double[,] k = gram, theta = new double[n, n];
        for (int l = 1; l <= depth; l++)
        {
            var step = l == 1 ? _first : _step;
            var nextK = new double[n, n];
            var nextTheta = new double[n, n];
            for (int a = 0; a < n; a++)
                for (int b = a; b < n; b++)
                {
                    var (kk, tt) = step.Apply(k, theta, gram, a, b, sigma, h);
                    nextK[a, b] = nextK[b, a] = kk;
                    nextTheta[a, b] = nextTheta[b, a] = tt;
                }
            (k, theta) = (nextK, nextTheta);
            layers.Add(new NtkLayer(l, k, theta));
        }
        return layers;
    }

    /// <summary>The derived Θ and K steps of one layer, compiled over their atoms for the labels a1, a2.</summary>
    private sealed class PairStep
    {
        private readonly Symbol[] _atoms;
        private readonly CompiledPolynomial _theta, _kernel;

        public PairStep(Layer above)
        {
            var d = NtkDerivation.For("", Symbol.TangentKernel(above, A1, A2));
            Recursions = d.Recursions;
            _atoms = d.Recursions.SelectMany(r => r.Step.Symbols).Distinct().ToArray();
            _theta = CompiledPolynomial.Compile(d.Recursions[0].Step, _atoms);
            _kernel = CompiledPolynomial.Compile(d.Recursions[1].Step, _atoms);
        }

        public IReadOnlyList<Algebra.Recursions.Recursion> Recursions { get; }

        public (double Kernel, double Theta) Apply(double[,] k, double[,] theta, double[,] gram, int a, int b, Activation sigma, NtkHyperparameters h)
        {
            int Input(string label) => label == A1 ? a : label == A2 ? b : throw new InvalidOperationException($"internal: sample label {label}.");
            var block = new KernelMatrix(new[,] { { k[a, a], k[a, b] }, { k[a, b], k[b, b] } });
            var values = new double[_atoms.Length];
            for (int i = 0; i < _atoms.Length; i++)
            {
                var s = _atoms[i];
                values[i] = s.Kind switch
                {
                    AtomKind.WeightVariance => h.CW,
                    AtomKind.BiasVariance => h.Cb,
                    AtomKind.WeightLearningRate => h.LambdaW,
                    AtomKind.BiasLearningRate => h.LambdaB,
                    AtomKind.InputMetric => gram[Input(s.Indices[0]), Input(s.Indices[1])],
                    AtomKind.Kernel => k[Input(s.Indices[0]), Input(s.Indices[1])],
                    AtomKind.TangentKernel => theta[Input(s.Indices[0]), Input(s.Indices[1])],
                    AtomKind.GaussianExpectation => GaussianExpectations.Evaluate(ToNumeric(s.Body!), sigma, block).Value,
                    _ => throw new InvalidOperationException($"internal: the derived NTK step has an atom {s} without a numeric value."),
                };
            }
            return (_kernel.Evaluate(values), _theta.Evaluate(values));
        }

        /// <summary>⟨Π σ^{(k)}_{a}⟩ with a1 ↦ input 0, a2 ↦ input 1 of the 2×2 block.</summary>
        private static NumericBody ToNumeric(AlgebraBody body) => NumericBody.Of(body.Factors.Select(f =>
        {
            int input = f.Sample == A1 ? 0 : f.Sample == A2 ? 1 : throw new InvalidOperationException($"internal: sample label {f.Sample}.");
            return f.Kind switch
            {
                GaussianFactorKind.Sigma => BodyFactor.Sigma(input, 0),
                GaussianFactorKind.SigmaPrime => BodyFactor.Sigma(input, 1),
                GaussianFactorKind.SigmaDoublePrime => BodyFactor.Sigma(input, 2),
                GaussianFactorKind.Z => BodyFactor.Z(input),
                _ => throw new InvalidOperationException($"internal: factor {f.Kind} is not evaluated numerically."),
            };
        }).ToArray());
    }
}
