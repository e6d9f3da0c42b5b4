using BenchmarkDotNet.Running;
using Wick.Benchmarks;

// Run: dotnet run -c Release --project benchmarks/Wick.Benchmarks -- --filter '*'
// Peer timing of the samplers (benchmarks/peers/c/samplers.sh): ... -- samplers KIND NETWORKS
if (args.Length > 0 && args[0] == "samplers") return SamplerPeer.Run(args[1..]);
// Issue 16 peers (benchmarks/peers/flint/run.sh): ... -- products WORKLOAD RUNS | c2m M RUNS
if (args.Length > 0 && args[0] is "products" or "c2m" or "kernels") return FlintPeer.Run(args);
// BenchmarkDotNet's generated child projects do not carry this project's runtime options; the child processes inherit
// the environment, so they get the executables' large-object-heap threshold (Directory.Build.props) from here.
Environment.SetEnvironmentVariable("DOTNET_GCLOHThreshold", "0x800000");
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
