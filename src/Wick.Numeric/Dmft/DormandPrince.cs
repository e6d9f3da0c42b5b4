namespace Wick.Numeric.Dmft;

/// <summary>Thrown when a DMFT solve does not converge within its budget; the message names the way out.</summary>
public sealed class DmftConvergenceException(string message) : Exception(message);

/// <summary>
/// The Dormand–Prince 5(4) embedded Runge–Kutta pair with adaptive step size (error per step below
/// atol + rtol·|y|, standard PI-free controller with safety 0.9), stepping exactly onto the requested output times.
/// </summary>
public static class DormandPrince
{
    private static readonly double[] C = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1];
    private static readonly double[][] A =
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ];
    private static readonly double[] B5 = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0];
    private static readonly double[] B4 = [5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40];

    /// <summary>
    /// Integrates dy/dt = f(t, y) from (t0, y0) and returns y at each of <paramref name="outputTimes"/> (increasing, ≥ t0).
    /// Throws <see cref="DmftConvergenceException"/> when the step size underflows, the budget of steps is spent, or
    /// the state stops being finite.
    /// </summary>
    public static double[][] Integrate(Func<double, double[], double[]> f, double t0, double[] y0, IReadOnlyList<double> outputTimes,
        double rtol = 1e-10, double atol = 1e-12, int maxSteps = 1_000_000)
    {
        int n = y0.Length;
        var y = (double[])y0.Clone();
        double t = t0, h = 1e-3;
        var result = new double[outputTimes.Count][];
        var k = new double[7][];
        var tmp = new double[n];
        int steps = 0;
        for (int o = 0; o < outputTimes.Count; o++)
        {
            double target = outputTimes[o];
            if (target < t) throw new ArgumentException("output times must be increasing and not before t0.");
            while (t < target)
            {
                if (++steps > maxSteps) throw new DmftConvergenceException($"ODE integration took more than {maxSteps} steps before t = {target}.");
                double step = Math.Min(h, target - t);
                bool last = step == target - t;
                k[0] = f(t, y);
                for (int s = 1; s < 7; s++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        double acc = y[i];
                        for (int j = 0; j < s; j++) acc += step * A[s][j] * k[j][i];
                        tmp[i] = acc;
                    }
                    k[s] = f(t + C[s] * step, (double[])tmp.Clone());
                }
                double err = 0;
                var y5 = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double s5 = 0, s4 = 0;
                    for (int j = 0; j < 7; j++) { s5 += B5[j] * k[j][i]; s4 += B4[j] * k[j][i]; }
                    y5[i] = y[i] + step * s5;
                    double scale = atol + rtol * Math.Max(Math.Abs(y[i]), Math.Abs(y5[i]));
                    double e = step * (s5 - s4) / scale;
                    err = Math.Max(err, Math.Abs(e));
                }
                if (double.IsNaN(err) || !y5.All(double.IsFinite))
                    throw new DmftConvergenceException($"ODE state stopped being finite at t = {t}.");
                if (err <= 1)
                {
                    t = last ? target : t + step;
                    y = y5;
                }
                double factor = err == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(err, -0.2), 0.2, 5);
                h = last && err <= 1 ? Math.Max(h, step * factor) : step * factor;
                if (h < 1e-14 * Math.Max(1, Math.Abs(t))) throw new DmftConvergenceException($"ODE step size underflow at t = {t}.");
            }
            result[o] = (double[])y.Clone();
        }
        return result;
    }
}
