using BenchmarkDotNet.Attributes;
using Wick.Engine;

namespace Wick.Benchmarks;

/// <summary>
/// Issue 16: <c>wick derive</c> of the 8-field correlator of 8 distinct inputs in-process (derivation and text output),
/// by label orbits (the default; target &lt; 0.5 s, &lt; 100 MiB end to end) and written out (<c>--expand-orbits</c>: 105
/// δ products, 763 recursions, 24 MB of text).
/// </summary>
[MemoryDiagnoser]
public class OrbitBenchmarks
{
    private const string EightInputs =
        "E[z^(l)_{i1;a1} z^(l)_{i2;a2} z^(l)_{i3;a3} z^(l)_{i4;a4} z^(l)_{i5;a5} z^(l)_{i6;a6} z^(l)_{i7;a7} z^(l)_{i8;a8}]";

    /// <summary>The default: one orbit of 105 pairings, five recursions standing for 763; about 8 kB of text.</summary>
    [Benchmark(Baseline = true)]
    public int DeriveEightInputsByOrbits() => WickEngine.Derive(new DeriveRequest(EightInputs)).Text().Length;

    /// <summary>Every term and recursion written out (the form before issue 16, still F derived once per orbit).</summary>
    [Benchmark]
    public int DeriveEightInputsWrittenOut() => WickEngine.Derive(new DeriveRequest(EightInputs) { Orbits = OrbitForm.Expanded }).Text().Length;
}
