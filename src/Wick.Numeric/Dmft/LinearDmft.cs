namespace Wick.Numeric.Dmft;

/// <summary>
/// The entry point for linear DMFT solves: depth 1 by the two-layer ODE (74) with the adaptive integrator (exact up to
/// the integrator's tolerance), deeper networks by the saddle-point iteration on the time grid.
/// </summary>
public static class LinearDmft
{
    public static SaddlePointSolution Solve(LinearDmftProblem problem, SaddlePointOptions options)
    {
        options.Validate();
        if (problem.Depth > 1 || options.Variant != ResponseVariant.Derived) return DeepLinearSaddlePoint.Solve(problem, options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double[] times = options.Times();
        var trajectory = TwoLayerLinearDmft.Solve(problem, times);
        return new SaddlePointSolution(trajectory, 0, 0, [], clock.Elapsed, (long)problem.Count * times.Length);
    }
}
