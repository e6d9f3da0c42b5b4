using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using Wick.Algebra;
using Wick.Algebra.Pairings;

namespace Wick.Benchmarks;

/// <summary>
/// The product workloads of issue 16, with operands identical to the FLINT peer's (benchmarks/peers/flint/operands.h):
/// splitmix64 seeded with the operand number; per attempt one exponent per variable uniform in [low, high], p uniform in
/// [1, 999], a sign bit, q uniform in [1, 29] (rational workloads only); the term is kept when its exponent vector is new.
/// Operand pair i is (seed 2i + 1, seed 2i + 2). <see cref="Checksum"/> is the product's value at (3, 5, 7, 11) mod 2^61 − 1.
/// </summary>
public sealed record ProductWorkload(string Name, Symbol[] Symbols, int[] Low, int[] High, int Terms, int Pairs, bool Rational)
{
    private static readonly Symbol N = Symbol.Width(Layer.L), Nm = Symbol.Width(Layer.L.Previous);

    public static readonly ProductWorkload[] All =
    [
        new("int1000", [N, Nm, Symbol.CW, Symbol.R], [0, 0, 0, 0], [9, 9, 9, 9], 1000, 1, false),
        new("laurent1000", [N, Nm, Symbol.CW, Symbol.R], [-6, -6, 0, 0], [3, 3, 3, 3], 1000, 1, true),
        new("small", [N, Nm, Symbol.CW, Symbol.Correlator(4, Layer.L)], [-3, -3, 0, 0], [0, 0, 2, 2], 8, 1000, true),
        new("dense", [N, Nm], [-29, -29], [0, 0], 900, 1, false),
        // Not in the FLINT driver: the Laurent box with integer coefficients (the row kernel's one-limb case; `kernels` only).
        new("laurent1000int", [N, Nm, Symbol.CW, Symbol.R], [-6, -6, 0, 0], [3, 3, 3, 3], 1000, 1, false),
    ];

    public static ProductWorkload Named(string name) =>
        All.FirstOrDefault(w => w.Name == name) ?? throw new ArgumentException($"unknown workload {name}");

    public (Polynomial A, Polynomial B)[] Operands() =>
        Enumerable.Range(0, Pairs).Select(i => (Operand((ulong)(2 * i + 1)), Operand((ulong)(2 * i + 2)))).ToArray();

    private Polynomial Operand(ulong seed)
    {
        int k = Symbols.Length;
        ulong s = seed;
        var seen = new HashSet<long>();
        var terms = new List<(Monomial, Rational)>();
        var e = new int[k];
        while (terms.Count < Terms)
        {
            long pos = 0;
            for (int j = 0; j < k; j++) e[j] = (int)Uniform(ref s, Low[j], High[j]);
            for (int j = 0; j < k; j++) pos = pos * (High[j] - Low[j] + 1) + (e[j] - Low[j]);
            long p = Uniform(ref s, 1, 999);
            if ((SplitMix64(ref s) & 1) != 0) p = -p;
            long q = Rational ? Uniform(ref s, 1, 29) : 1;
            if (!seen.Add(pos)) continue;
            terms.Add((Monomial.FromFactors(Symbols.Select((x, j) => (x, e[j]))), Wick.Algebra.Rational.Create(p, q)));
        }
        return Polynomial.FromTerms(terms);
    }

    private static ulong SplitMix64(ref ulong s)
    {
        ulong z = s += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static long Uniform(ref ulong s, long lo, long hi) => lo + (long)(SplitMix64(ref s) % (ulong)(hi - lo + 1));

    private const ulong P = (1UL << 61) - 1;
    private static readonly ulong[] Point = [3, 5, 7, 11];

    /// <summary>Σ over the workload's products of the value at x_j = 3, 5, 7, 11 modulo 2^61 − 1.</summary>
    public ulong Checksum(Polynomial p)
    {
        ulong sum = 0;
        foreach (var (m, c) in p.Terms)
        {
            ulong v = MulMod(Mod(c.Numerator), Inverse(Mod(c.Denominator)));
            foreach (var (x, e) in m.Factors) v = MulMod(v, PowSigned(Point[Array.IndexOf(Symbols, x)], e));
            sum = (sum + v) % P;
        }
        return sum;
    }

    private static ulong Mod(BigInteger x) => (ulong)(((x % P) + P) % P);
    private static ulong MulMod(ulong a, ulong b) => (ulong)((UInt128)a * b % P);
    private static ulong Pow(ulong b, ulong e) { ulong r = 1; for (; e > 0; e >>= 1, b = MulMod(b, b)) if ((e & 1) != 0) r = MulMod(r, b); return r; }
    private static ulong Inverse(ulong a) => Pow(a, P - 2);
    private static ulong PowSigned(ulong b, int e) => e >= 0 ? Pow(b, (ulong)e) : Inverse(Pow(b, (ulong)-e));
}

/// <summary>
/// Issue 16, exact core vs FLINT (benchmarks/peers/flint/run.sh): the same operands multiplied (1) in the packed core
/// (<see cref="PolynomialRing"/>/<see cref="PackedPolynomial"/>, operands packed once in setup), (2) through the
/// <see cref="Polynomial"/> API (products stay packed until read), (3) the same with the product's terms built.
/// Run: dotnet run -c Release --project benchmarks/Wick.Benchmarks -- --filter '*FlintComparison*' --job short
/// </summary>
[MemoryDiagnoser]
public class FlintComparisonBenchmarks
{
    [Params("int1000", "laurent1000", "small", "dense")]
    public string Workload { get; set; } = "int1000";

    private (Polynomial A, Polynomial B)[] _operands = [];
    private (PackedPolynomial A, PackedPolynomial B)[] _packed = [];

    [GlobalSetup]
    public void Setup()
    {
        var w = ProductWorkload.Named(Workload);
        _operands = w.Operands();
        var ring = new PolynomialRing(w.Symbols);
        _packed = _operands.Select(o => (ring.Pack(o.A), ring.Pack(o.B))).ToArray();
    }

    [Benchmark(Description = "packed core")]
    public int PackedCore()
    {
        int terms = 0;
        foreach (var (a, b) in _packed) terms += (a * b).Count;
        return terms;
    }

    [Benchmark(Description = "Polynomial a * b")]
    public int PolynomialProduct()
    {
        int terms = 0;
        foreach (var (a, b) in _operands) terms += (a * b).Count;
        return terms;
    }

    [Benchmark(Description = "Polynomial a * b, terms built")]
    public int PolynomialProductWithTerms()
    {
        int terms = 0;
        foreach (var (a, b) in _operands) terms += (a * b).Terms.Count;
        return terms;
    }
}

/// <summary>n^m c_{2m}(n) by the O(m²) transfer recurrence (peer: benchmarks/peers/gmp/c2m.c).</summary>
[MemoryDiagnoser]
public class C2mRecurrenceBenchmarks
{
    [Params(12, 400)]
    public int M { get; set; }

    [Benchmark]
    public BigInteger[] LoopCountsByTransfer() => PairingPatterns.LoopCountsByTransfer(M);
}

/// <summary>
/// Console timing for the interleaved peer runs (benchmarks/peers/flint/run.sh): the same output line as the C drivers.
/// <c>products WORKLOAD RUNS</c> times the packed core, the Polynomial API and the API with terms built;
/// <c>c2m M RUNS</c> times the transfer recurrence. Only the multiplication (recurrence) is timed, in-process, after
/// untimed warm-up (<see cref="WarmUp"/>: at least three calls, 0.5 s and one collection). WICK_PEER_TIMES=1 also prints every
/// run's time, WICK_PEER_ROUTE=packed times one route only (diagnosis).
/// </summary>
public static class FlintPeer
{
    public static int Run(string[] args)
    {
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
        if (args[0] == "c2m") return C2m(int.Parse(args[1], CultureInfo.InvariantCulture), runs);
        if (args[0] == "kernels") return Kernels(ProductWorkload.Named(args[1]), runs);
        var w = ProductWorkload.Named(args[1]);
        var operands = w.Operands();
        var ring = new PolynomialRing(w.Symbols);
        var packed = operands.Select(o => (A: ring.Pack(o.A), B: ring.Pack(o.B))).ToArray();
        Report(w, "packed", runs, i => packed[i].A * packed[i].B, p => ((PackedPolynomial)p).ToPolynomial());
        Report(w, "polynomial", runs, i => operands[i].A * operands[i].B, p => (Polynomial)p);
        Report(w, "polynomial+terms", runs, i => { var p = operands[i].A * operands[i].B; _ = p.Terms; return p; }, p => (Polynomial)p);
        return 0;
    }

    private static void Report(ProductWorkload w, string route, int runs, Func<int, object> multiply, Func<object, Polynomial> value)
    {
        // WICK_PEER_ROUTE=packed (diagnosis, e.g. under perf) times only that route.
        if (Environment.GetEnvironmentVariable("WICK_PEER_ROUTE") is { } only && only != route) return;
        WarmUp(() => { for (int i = 0; i < w.Pairs; i++) multiply(i); });
        var times = new double[runs];
        ulong check = 0;
        long terms = 0;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        for (int r = 0; r < runs; r++)
        {
            double spent = 0;
            for (int i = 0; i < w.Pairs; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                var product = multiply(i);
                spent += Stopwatch.GetElapsedTime(t0).TotalSeconds;
                if (r > 0) continue;
                var p = value(product); // the first run also checks the result (outside the timer)
                terms += p.Count;
                check = (check + w.Checksum(p)) % ((1UL << 61) - 1);
            }
            times[r] = spent;
        }
        // Collections during the timed runs (the first run's checksum, built outside the timer, allocates too).
        string gcs = FormattableString.Invariant(
            $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
        if (Environment.GetEnvironmentVariable("WICK_PEER_TIMES") is not null)
            Console.WriteLine(string.Join(' ', times.Select(t => (1e6 * t).ToString("F0", CultureInfo.InvariantCulture))));
        Array.Sort(times);
        Console.WriteLine(FormattableString.Invariant(
            $"{w.Name} wick={route} products={w.Pairs} terms={terms} checksum={check} median_us={1e6 * times[runs / 2]:F2} min_us={1e6 * times[0]:F2} per_product_us={1e6 * times[runs / 2] / w.Pairs:F3} gc0/1/2={gcs}"));
    }

    /// <summary>
    /// Untimed warm-up shared by both timings: JIT, heap growth, at least three calls and half a second, and past the
    /// first gen-0 collection. Until that collection every call allocates into never-touched heap pages, and a first
    /// touch costs ~13 µs per 4 KiB page on this VM — more than a whole m = 12 recurrence (25 µs per call before it,
    /// 2.5 µs after); FLINT and GMP reuse their freed blocks from the start.
    /// </summary>
    private static void WarmUp(Action call)
    {
        long start = Stopwatch.GetTimestamp();
        int collections = GC.CollectionCount(0);
        for (int n = 0; n < 3 || Stopwatch.GetElapsedTime(start).TotalSeconds < 0.5 || GC.CollectionCount(0) == collections; n++)
            call();
    }

    /// <summary>
    /// <c>kernels WORKLOAD RUNS</c> (diagnosis of the kernel choice in PackedMultiplication): the median time of every
    /// kernel forced on the workload's packed operands, and which one the automatic choice takes.
    /// </summary>
    private static int Kernels(ProductWorkload w, int runs)
    {
        var ring = new PolynomialRing(w.Symbols);
        var packed = w.Operands().Select(o => (A: ring.Pack(o.A), B: ring.Pack(o.B))).ToArray();
        Console.WriteLine($"{w.Name}: automatic choice {PackedMultiplication.KernelFor(packed[0].A, packed[0].B)}");
        foreach (var kernel in Enum.GetValues<ProductKernel>())
        {
            var times = SortedTimes(() => { foreach (var (a, b) in packed) PackedMultiplication.TryMultiply(a, b, kernel); }, runs);
            Console.WriteLine(FormattableString.Invariant($"  {kernel,-10} median_us={1e6 * times[runs / 2]:F1} min_us={1e6 * times[0]:F1}"));
        }
        return 0;
    }

    /// <summary>Seconds of each of <paramref name="runs"/> calls after <see cref="WarmUp"/>, sorted.</summary>
    private static double[] SortedTimes(Action call, int runs)
    {
        WarmUp(call);
        var times = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            call();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return times;
    }

    private static int C2m(int m, int runs)
    {
        BigInteger[] a = [];
        var times = SortedTimes(() => a = PairingPatterns.LoopCountsByTransfer(m), runs);
        ulong check = 0, p = (1UL << 61) - 1;
        foreach (var x in a) check = (check + (ulong)(x % p)) % p;
        Console.WriteLine(FormattableString.Invariant(
            $"c2m m={m} wick=transfer checksum={check} bits_a1={(m > 0 ? a[1] : a[0]).GetBitLength()} median_us={1e6 * times[runs / 2]:F3} min_us={1e6 * times[0]:F3}"));
        return 0;
    }
}
