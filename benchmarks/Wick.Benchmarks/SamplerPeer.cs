using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wick.Numeric.Activations;
using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Benchmarks;

/// <summary>
/// The Wick side of benchmarks/peers/c/samplers.sh: <c>dotnet run -c Release --project benchmarks/Wick.Benchmarks -- samplers KIND NETWORKS</c>
/// draws NETWORKS networks from stream (seed 1, stream 0) with <see cref="INetworkSampler.SampleAndAddMany"/> (McRunner's path)
/// and prints one JSON line shaped like the C reference's: networks per CPU-second of the process (after a warm-up run on
/// another stream, so tiered JIT is done) and the per-layer sums, which the script compares with the C program's.
/// KIND: full (deep linear, n = 100, 10 layers, G2–G6), tanh (σ = tanh, G2, G4), chi2 (χ² chain, 10 layers, G2–G6),
/// metric1 / metric4 (stochastic-metric tanh sampler, 1 or 4 inputs of unit norm and overlap ½).
/// </summary>
public static class SamplerPeer
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || !long.TryParse(args[1], out long networks))
        {
            Console.Error.WriteLine("usage: samplers full|tanh|chi2|metric1|metric4 NETWORKS");
            return 2;
        }
        var job = Job(args[0], networks);
        if (job is null) { Console.Error.WriteLine($"unknown sampler {args[0]}"); return 2; }
        var sampler = job.CreateSampler();
        int width = job.Network.Depth * job.Observables.PerLayer;
        // Warm-up on another stream: at least a second of CPU and 200 calls (as McRunner makes one call per block), so
        // the timed run is fully optimised tier-1 code, not the on-stack-replacement code of a method entered only a
        // few times.
        var warm = Xoshiro.ForStream(2, 0);
        var w0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (int calls = 0; calls < 200 || (Process.GetCurrentProcess().TotalProcessorTime - w0).TotalSeconds < 1; calls++)
            sampler.SampleAndAddMany(ref warm, Math.Max(2, networks / 200), new double[width]);
        Thread.Sleep(200);   // let the background tier-1 compilation finish
        var sums = new double[width];
        var rng = Xoshiro.ForStream(1, 0);
        var t0 = Process.GetCurrentProcess().TotalProcessorTime;
        sampler.SampleAndAddMany(ref rng, networks, sums);
        double dt = (Process.GetCurrentProcess().TotalProcessorTime - t0).TotalSeconds;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{{\"peer\": \"wick\", \"sampler\": \"{args[0]}\", \"networks\": {networks}, \"cpu_seconds\": {dt:F6}, ");
        line.Append(CultureInfo.InvariantCulture, $"\"networks_per_second\": {networks / dt:G6}, \"sums\": [");
        line.Append(string.Join(", ", sums.Select(s => s.ToString("G17", CultureInfo.InvariantCulture))));
        line.Append("]}");
        Console.WriteLine(line);
        return 0;
    }

    /// <summary>The job of each KIND (the same networks as NumericBenchmarks / MlpBenchmarks).</summary>
    private static McJob? Job(string kind, long networks)
    {
        var net = new DeepLinearNetwork(WidthProfile.Uniform(100, 10));
        var one = NetworkInputs.FromNorm(1, 100);
        var tanh = Activation.Parse("tanh");
        networks = Math.Max(2, networks);
        return kind switch
        {
            "full" => new McJob(net, one, 6, networks, 1),
            "tanh" => new McJob(net, one, 4, networks, 1, SamplerKind.FullMatrix, activation: tanh),
            "chi2" => new McJob(net, one, 6, networks, 1, SamplerKind.ChiSquaredChain),
            "metric1" => new McJob(net, one, 4, networks, 1, SamplerKind.StochasticMetric, activation: tanh),
            "metric4" => new McJob(net, MlpBenchmarks.Gram(4, 100), 4, networks, 1, SamplerKind.StochasticMetric, activation: tanh),
            _ => null,
        };
    }
}
