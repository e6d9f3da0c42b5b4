using BenchmarkDotNet.Attributes;
using Wick.Numeric.Activations;
using Wick.Numeric.Gaussian;

namespace Wick.Benchmarks;

/// <summary>
/// Gaussian expectations (Wick.Numeric.Gaussian): ⟨tanh tanh⟩_K in 2-D to 1e-12 by the automatic route (the nested trapezoidal
/// rule) and by adaptive Gauss–Hermite (the degree it settles on; neural-tangents' fixed degree-25 tensor rule), a 4-D tanh
/// expectation to 1e-6 by both, and an exact 4-D ReLU orthant moment. Peer: benchmarks/peers/scipy/gauss_hermite.py (the
/// same rules with scipy.special.roots_hermite / NumPy), same session.
/// </summary>
[MemoryDiagnoser]
public class GaussianBenchmarks
{
    private static readonly KernelMatrix K2 = new(new[,] { { 1.0, 0.5 }, { 0.5, 1.0 } });
    private static readonly KernelMatrix K4 = new(new[,]
    {
        { 1.0, 0.5, 0.3, -0.2 }, { 0.5, 2.0, 0.4, 0.1 }, { 0.3, 0.4, 0.7, 0.25 }, { -0.2, 0.1, 0.25, 1.5 },
    });
    private Activation _tanh = null!, _relu = null!;
    private GaussianBody _two = null!, _four = null!;
    private Func<double[], double> _twoCompiled = null!;
    private int _degree;

    [GlobalSetup]
    public void Setup()
    {
        _tanh = Activation.Parse("tanh");
        _relu = Activation.Parse("relu");
        _two = GaussianBody.Of(BodyFactor.Sigma(0), BodyFactor.Sigma(1));
        _four = GaussianBody.Of(BodyFactor.Sigma(0), BodyFactor.Sigma(1), BodyFactor.Sigma(2), BodyFactor.Sigma(3));
        _twoCompiled = _two.Compile(_tanh);
        _degree = GaussianExpectations.Evaluate(_two, _tanh, K2, 1e-12, QuadratureRoute.GaussHermite).Degree;
    }

    [Benchmark]
    public double Tanh2D_trapezoid_to_1e12() => GaussianExpectations.Evaluate(_two, _tanh, K2, 1e-12).Value;

    [Benchmark]
    public double Tanh2D_gauss_hermite_to_1e12() => GaussianExpectations.Evaluate(_two, _tanh, K2, 1e-12, QuadratureRoute.GaussHermite).Value;

    [Benchmark]
    public double Tanh2D_fixed_degree_of_adaptive() => GaussianQuadrature.Fixed(_twoCompiled, K2, _degree);

    [Benchmark]
    public double Tanh2D_fixed_degree_25() => GaussianQuadrature.Fixed(_twoCompiled, K2, 25);

    [Benchmark]
    public double Tanh4D_trapezoid_to_1e6() => GaussianExpectations.Evaluate(_four, _tanh, K4, 1e-6).Value;

    [Benchmark]
    public double Tanh4D_gauss_hermite_to_1e6() => GaussianExpectations.Evaluate(_four, _tanh, K4, 1e-6, QuadratureRoute.GaussHermite).Value;

    [Benchmark]
    public double Relu4D_exact_orthant_moment() => GaussianExpectations.Evaluate(_four, _relu, K4).Value;
}
