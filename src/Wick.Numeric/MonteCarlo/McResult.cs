using System.Globalization;
using System.Text.Json;
using Wick.Numeric.Networks;

namespace Wick.Numeric.MonteCarlo;

/// <summary>A Monte Carlo estimate with its standard error.</summary>
public sealed record McEstimate(string Name, double Value, double StdErr)
{
    /// <summary>(estimate − expected)/stderr.</summary>
    public double ZScore(double expected) => (Value - expected) / StdErr;
}

/// <summary>The estimates of one layer.</summary>
public sealed record McLayer(int Layer, int Width, IReadOnlyList<McEstimate> Estimates)
{
    /// <summary>The estimate called <paramref name="name"/>.</summary>
    public McEstimate this[string name] => Estimates.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"No Monte Carlo estimate named {name} in layer {Layer}.");
}

/// <summary>
/// The outcome of a Monte Carlo job (or of some of its shards): the per-block sufficient statistics and the
/// per-layer estimates derived from them. Standard errors are batch means over blocks: networks are i.i.d., so
/// block means are i.i.d. and Var(mean) ≈ B/(B−1) Σ_b (n_b/N)² (m_b − m)²; derived quantities (G_{2m}/G_2^m,
/// V) use the same formula on their linearisation (delta method). Blocks are always combined in index order,
/// which makes shard + merge bit-equal to a one-shot run.
/// </summary>
public sealed class McResult
{
    public McResult(McJob job, IEnumerable<McBlock> blocks, string? source = null, string? version = null, int? shardCount = null)
    {
        Job = job;
        ShardCount = shardCount;
        Source = source;
        Version = version ?? CurrentVersion;
        Blocks = blocks.OrderBy(b => b.Index).ToArray();
        for (int i = 1; i < Blocks.Count; i++)
            if (Blocks[i].Index == Blocks[i - 1].Index) throw new ArgumentException($"Block {Blocks[i].Index} appears twice: the shards overlap.");
        Layers = Summarise();
    }

    public McJob Job { get; }

    /// <summary>N of the <c>--shard k/N</c> split this result belongs to, when known (for naming missing shards).</summary>
    public int? ShardCount { get; }

    /// <summary>Where this result was read from (a shard file name), for messages; null when computed here.</summary>
    public string? Source { get; }

    /// <summary>The version of wick that sampled the blocks (the random streams and estimators may change between versions).</summary>
    public string Version { get; }

    /// <summary>This build's version, as written into <c>--format json</c> outputs (<c>wickVersion</c>).</summary>
    public static string CurrentVersion { get; } =
        typeof(McResult).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    /// <summary>The block ranges [From, To) of the job that are not present.</summary>
    public IReadOnlyList<(int From, int To)> MissingBlocks
    {
        get
        {
            var gaps = new List<(int, int)>();
            int next = 0;
            foreach (var b in Blocks)
            {
                if (b.Index > next) gaps.Add((next, b.Index));
                next = b.Index + 1;
            }
            if (next < Job.BlockCount) gaps.Add((next, Job.BlockCount));
            return gaps;
        }
    }

    /// <summary>The shards k of <paramref name="shardCount"/> (1-based, as in <c>--shard k/N</c>) that miss at least one block.</summary>
    public IReadOnlyList<int> MissingShards(int shardCount)
    {
        var missing = MissingBlocks;
        return [.. Enumerable.Range(1, shardCount).Where(k =>
        {
            var (from, to) = Job.ShardBlocks(k, shardCount);
            return missing.Any(g => g.From < to && from < g.To);
        })];
    }

    /// <summary>Blocks in index order.</summary>
    public IReadOnlyList<McBlock> Blocks { get; }

    /// <summary>True when every block of the job is present.</summary>
    public bool Complete => Blocks.Count == Job.BlockCount;

    /// <summary>Networks drawn.</summary>
    public long SamplesDone => Blocks.Sum(b => b.Count);

    /// <summary>Per-layer estimates.</summary>
    public IReadOnlyList<McLayer> Layers { get; }

    private IReadOnlyList<McLayer> Summarise()
    {
        var obs = Job.Observables;
        int per = obs.PerLayer, width = Job.Network.Depth * per;
        long total = SamplesDone;
        var mean = new double[width];
        foreach (var b in Blocks)
            for (int q = 0; q < width; q++) mean[q] += b.Sums[q];
        for (int q = 0; q < width; q++) mean[q] /= total;

        double Err(Func<double[], int, double> linear)
        {
            if (Blocks.Count < 2) return double.NaN;
            double u0 = linear(mean, -1), s = 0;
            var dev = new double[Blocks.Count];
            double scale = 0;
            for (int i = 0; i < Blocks.Count; i++)
            {
                var b = Blocks[i];
                dev[i] = (double)b.Count / total * (linear(b.Sums, (int)b.Count) - u0);
                scale = Math.Max(scale, Math.Abs(dev[i]));
            }
            if (!(scale > 0) || !double.IsFinite(scale)) return scale;
            // Scaled sum of squares: deviations of 1e-200 (tiny C_W, deep) must not underflow to a zero error bar.
            foreach (double d in dev) s += d / scale * (d / scale);
            return scale * Math.Sqrt(s * Blocks.Count / (Blocks.Count - 1));
        }
        // v[q] of a block is Sums[q]/count; of the overall mean (count = -1) it is mean[q].
        static double At(double[] v, int count, int q) => count < 0 ? v[q] : v[q] / count;

        var layers = new List<McLayer>();
        for (int l = 1; l <= Job.Network.Depth; l++)
        {
            int o = (l - 1) * per;
            var list = new List<McEstimate>();
            for (int q = 0; q < per; q++)
                list.Add(new McEstimate(obs.Names[q], mean[o + q], Err((v, c) => At(v, c, o + q))));
            if (obs.Inputs == 1)
            {
                double g2 = mean[o];
                for (int m = 2; m <= obs.Points / 2; m++)
                {
                    int qm = o + m - 1, mm = m;
                    double a = mean[qm], r = a / Math.Pow(g2, m);
                    double ca = 1 / Math.Pow(g2, mm), cc = -mm * a / Math.Pow(g2, mm + 1);
                    list.Add(new McEstimate($"G{2 * m}/G2^{m}", r, Err((v, c) => ca * At(v, c, qm) + cc * At(v, c, o))));
                }
            }
            else if (l > 1)
            {
                double n = Job.Network.Widths[l - 1];
                for (int i = 0; i < obs.Quads.Count; i++)
                {
                    var (a, b, c, d) = obs.Quads[i];
                    int qf = o + obs.Pairs.Count + i, q1 = o + obs.PairIndex(a, b), q2 = o + obs.PairIndex(c, d);
                    double k1 = mean[q1], k2 = mean[q2];
                    double v = n * (mean[qf] - k1 * k2);
                    list.Add(new McEstimate(Observables.VName(a, b, c, d), v,
                        Err((vv, cnt) => n * (At(vv, cnt, qf) - k2 * At(vv, cnt, q1) - k1 * At(vv, cnt, q2)))));
                }
            }
            layers.Add(new McLayer(l, Job.Network.Widths[l], list));
        }
        return layers;
    }

    /// <summary>
    /// Combines results of the same job (any order, any grouping: blocks are kept in index order, so merges of merges
    /// are bit-equal to one merge). Refuses, naming the inputs and the reason, results of different jobs (network,
    /// inputs, samples, seed, sampler, block size) or versions, a result given twice, and overlapping shards.
    /// </summary>
    public static McResult Merge(IReadOnlyList<McResult> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("Nothing to merge.");
        string Name(int i) => parts[i].Source ?? $"input {i + 1}";
        var first = ConfigModel(parts[0].Job);
        for (int i = 1; i < parts.Count; i++)
        {
            if (parts[i].Version != parts[0].Version)
                throw new ArgumentException($"Cannot merge {Name(i)} with {Name(0)}: written by different versions of wick ({parts[i].Version} vs {parts[0].Version}); " +
                                            "re-run every shard with one version.");
            var other = ConfigModel(parts[i].Job);
            foreach (var key in first.Keys)
            {
                string a = JsonSerializer.Serialize(first[key]), b = JsonSerializer.Serialize(other[key]);
                if (a != b)
                    throw new ArgumentException($"Cannot merge {Name(i)} with {Name(0)}: different {key} ({Short(b)} vs {Short(a)}), so they are not shards of one run.");
            }
        }
        var owner = new Dictionary<int, int>();
        for (int i = 0; i < parts.Count; i++)
            foreach (var b in parts[i].Blocks)
            {
                if (!owner.TryAdd(b.Index, i))
                {
                    int j = owner[b.Index];
                    bool same = parts[i].Blocks.Select(x => x.Index).SequenceEqual(parts[j].Blocks.Select(x => x.Index));
                    throw new ArgumentException(same
                        ? $"{Name(i)} repeats {Name(j)} (the same {parts[i].Blocks.Count} blocks): a shard given twice, so the shards overlap."
                        : $"{Name(j)} and {Name(i)} overlap (both hold block {b.Index}): shards of different splits (--shard k/N with different N) or a merged file together with one of its shards.");
                }
            }
        int?[] counts = [.. parts.Select(p => p.ShardCount).Distinct()];
        return new McResult(parts[0].Job, parts.SelectMany(p => p.Blocks), version: parts[0].Version, shardCount: counts is [{ } n] ? n : null);
    }

    private static string Short(string json) => json.Length <= 60 ? json : json[..57] + "...";

    /// <summary>The sampler's name in JSON and on the command line: full, chi2, metric.</summary>
    public static string SamplerName(SamplerKind kind) => kind switch
    {
        SamplerKind.ChiSquaredChain => "chi2",
        SamplerKind.StochasticMetric => "metric",
        _ => "full",
    };

    /// <summary>The job description as written in JSON (and compared by <see cref="Merge"/>).</summary>
    public static Dictionary<string, object?> ConfigModel(McJob job) => new()
    {
        ["model"] = job.Activation is null ? "linear" : "mlp",
        ["activation"] = job.Activation?.Name,
        ["sampler"] = SamplerName(job.Sampler),
        ["widths"] = job.Network.Widths.ToString(),
        ["inputDim"] = job.Inputs.Dimension,
        ["cw"] = job.Network.CW,
        ["cb"] = job.Network.Cb,
        ["inputs"] = Enumerable.Range(0, job.Inputs.Count).Select(a => job.Inputs.Vector(a).ToArray()).ToArray(),
        ["points"] = job.Observables.Points,
        ["samples"] = job.Samples,
        ["seed"] = job.Seed,
        ["blockSize"] = job.BlockSize,
        ["blockCount"] = job.BlockCount,
    };

    /// <summary>The JSON model of <c>wick mc --format json</c> (see docs/CLI.md): job, per-layer records, blocks.</summary>
    public Dictionary<string, object?> ToJsonModel(string shard)
    {
        var d = new Dictionary<string, object?> { ["command"] = "mc", ["wickVersion"] = Version };
        foreach (var kv in ConfigModel(Job)) d[kv.Key] = kv.Value;
        d["shard"] = Complete ? "1/1" : shard;
        d["complete"] = Complete;
        if (!Complete && shard == "partial")
        {
            d["missingBlocks"] = MissingBlocks.Select(g => new[] { g.From, g.To - 1 }).ToArray();
            if (ShardCount is { } n) d["shardCount"] = n;
        }
        d["samplesDone"] = SamplesDone;
        d["stderrMethod"] = $"batch means over {Blocks.Count} blocks of {Job.BlockSize} networks (delta method for ratios and V)";
        d["layers"] = Layers.Select(l =>
        {
            var rec = new Dictionary<string, object?> { ["layer"] = l.Layer, ["width"] = l.Width };
            // A shard of one block has no batch-means error: null, never NaN.
            foreach (var e in l.Estimates) rec[e.Name] = new Dictionary<string, double?> { ["value"] = e.Value, ["stderr"] = double.IsFinite(e.StdErr) ? e.StdErr : null };
            return rec;
        }).ToArray();
        d["blocks"] = Blocks.Select(b => new Dictionary<string, object> { ["index"] = b.Index, ["count"] = b.Count, ["sums"] = b.Sums }).ToArray();
        return d;
    }

    /// <summary>Reads the output of <c>wick mc --format json</c> back (for <c>wick mc merge</c>).</summary>
    public static McResult FromJson(JsonElement root, string source)
    {
        try
        {
            if (root.ValueKind != JsonValueKind.Object || root.GetProperty("command").GetString() != "mc") throw new FormatException("not the output of 'wick mc'");
            string version = root.TryGetProperty("wickVersion", out var v) ? v.GetString() ?? "unknown" : "unknown (written before versions were recorded)";
            var widths = WidthProfile.Parse(root.GetProperty("widths").GetString()!);
            var net = new DeepLinearNetwork(widths, root.GetProperty("cw").GetDouble(), root.GetProperty("cb").GetDouble());
            var vectors = root.GetProperty("inputs").EnumerateArray()
                .Select(v => (IReadOnlyList<double>)v.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
            var sampler = root.GetProperty("sampler").GetString() switch
            {
                "chi2" => SamplerKind.ChiSquaredChain,
                "full" => SamplerKind.FullMatrix,
                "metric" => SamplerKind.StochasticMetric,
                var s => throw new FormatException($"unknown sampler '{s}'"),
            };
            var activation = root.TryGetProperty("activation", out var act) && act.ValueKind == JsonValueKind.String
                ? Activations.Activation.Parse(act.GetString()!) : null;
            var job = McJob.Described(net, new NetworkInputs(vectors), root.GetProperty("points").GetInt32(),
                root.GetProperty("samples").GetInt64(), root.GetProperty("seed").GetUInt64(), sampler, activation);
            if (job.BlockSize != root.GetProperty("blockSize").GetInt64())
                throw new FormatException("block size does not match this version of wick");
            int width = net.Depth * job.Observables.PerLayer;
            var blocks = root.GetProperty("blocks").EnumerateArray().Select(b =>
            {
                int index = b.GetProperty("index").GetInt32();
                long count = b.GetProperty("count").GetInt64();
                var sums = b.GetProperty("sums").EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String
                    ? double.Parse(x.GetString()!, CultureInfo.InvariantCulture) : x.GetDouble()).ToArray();
                if (index < 0 || index >= job.BlockCount || count != job.BlockLength(index) || sums.Length != width)
                    throw new FormatException($"block {index} is inconsistent with the job");
                return new McBlock(index, count, sums);
            }).ToArray();
            int? shardCount = root.TryGetProperty("shardCount", out var sc) ? sc.GetInt32()
                : root.TryGetProperty("shard", out var sh) && sh.GetString() is { } label && label.Split('/') is [_, var nText]
                  && int.TryParse(nText, NumberStyles.None, CultureInfo.InvariantCulture, out int nn) && nn > 1 ? nn : null;
            return new McResult(job, blocks, source, version, shardCount);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new FormatException($"{source}: not a 'wick mc --format json' output ({e.Message}).", e);
        }
    }
}
