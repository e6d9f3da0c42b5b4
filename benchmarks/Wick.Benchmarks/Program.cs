using BenchmarkDotNet.Running;
using Wick.Benchmarks;

// Run: dotnet run -c Release --project benchmarks/Wick.Benchmarks -- --filter '*'
// Peer timing of the samplers (benchmarks/peers/c/samplers.sh): ... -- samplers KIND NETWORKS
if (args.Length > 0 && args[0] == "samplers") return SamplerPeer.Run(args[1..]);
// Issue 16 peers (benchmarks/peers/flint/run.sh): ... -- products WORKLOAD RUNS | c2m M RUNS
if (args.Length > 0 && args[0] is "products" or "c2m") return FlintPeer.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
