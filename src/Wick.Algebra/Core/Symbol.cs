using System.Globalization;
using System.Text;
using Wick.Algebra.Syntax;
using Wick.Algebra.Tensors;

namespace Wick.Algebra;

/// <summary>
/// The closed set of atom kinds of the exact algebra. The declaration order is the first key of the atom order
/// (<see cref="Symbol.CompareTo"/>), chosen so that printed products read as the book writes them (C_W G_4 / n_ℓ).
/// </summary>
public enum AtomKind
{
    /// <summary>The neuron-averaged two-point function (1/n_ℓ) Σ_j E[σ(z_{j;α}) σ(z_{j;β})] (exact mlp stage).</summary>
    NeuronAverage,
    /// <summary>A Gaussian expectation ⟨body⟩_{K^{(ℓ)}} (4.118–4.120) with a structured <see cref="GaussianBody"/>.</summary>
    GaussianExpectation,
    /// <summary>The weight variance C_W, or C_W^{(ℓ)} per layer.</summary>
    WeightVariance,
    /// <summary>The bias variance C_b, or C_b^{(ℓ)} per layer.</summary>
    BiasVariance,
    /// <summary>The weight learning rate λ_W (PDLT ch. 7–8: the weights of layer ℓ move with λ_W/n_{ℓ−1}), or λ_W^{(ℓ)} per layer.</summary>
    WeightLearningRate,
    /// <summary>The bias learning rate λ_b, or λ_b^{(ℓ)} per layer.</summary>
    BiasLearningRate,
    /// <summary>The input metric G^{(0)}_{αβ} = x_α·x_β / n_0 (3.18).</summary>
    InputMetric,
    /// <summary>The single-input 2m-point correlator G_{2m}^{(ℓ)} (3.44).</summary>
    Correlator,
    /// <summary>The NLO metric G^{\{1\}(ℓ)}_{αβ} (4.115).</summary>
    NloMetric,
    /// <summary>The kernel K^{(ℓ)}_{αβ} (4.118), symmetric.</summary>
    Kernel,
    /// <summary>The infinite-width neural tangent kernel Θ^{(ℓ)}_{αβ} (lectures (73), (83)), symmetric.</summary>
    TangentKernel,
    /// <summary>The inverse kernel K_{(ℓ)}^{αβ}: Σ_β K^{αβ} K_{βγ} = δ^α_γ (4.46).</summary>
    InverseKernel,
    /// <summary>A connected vertex with lowered index pairs: V^{(ℓ)}_{(α1α2)(α3α4)} (4.42), the six-point V6, ….</summary>
    Vertex,
    /// <summary>A vertex with raised index pairs V_{(ℓ)}^{(α1α2)(α3α4)} (indices raised with the inverse kernel, 4.83).</summary>
    RaisedVertex,
    /// <summary>A Kronecker delta between sample indices δ_{αβ} (= δ^α_β: the same values, <see cref="Symbol.MixedDelta"/>).</summary>
    SampleDelta,
    /// <summary>The size N_D of the data set (Σ_{α∈D} δ_{αα}).</summary>
    DataSetSize,
    /// <summary>A user symbol or a depth symbol (l, L): just a name, optionally at a layer.</summary>
    Plain,
    /// <summary>A width n_ℓ, or the plain common width n.</summary>
    Width,
    /// <summary>The aspect ratio r = L/n of the double-scaling limit (3.54).</summary>
    AspectRatio,
}

/// <summary>
/// An atom of the exact algebra: a typed value (<see cref="Kind"/>, optional <see cref="Layer"/>, sample indices,
/// the number of points of G_{2m}, the body of a Gaussian expectation, the name of a user symbol). Atoms are immutable
/// values with structural equality and a total order by kind, then fields — never by a spelling — which fixes the
/// canonical order of monomials. Slot symmetries are applied when an atom is built: K_{βα} is K_{αβ}; a vertex is
/// symmetric within each pair and under exchange of pairs; the factors of a Gaussian body commute.
/// </summary>
public sealed class Symbol : IEquatable<Symbol>, IComparable<Symbol>
{
    private static readonly string[] NoIndices = [];
    private readonly string[] _indices;
    private readonly int _hash;

    private Symbol(AtomKind kind, Layer? layer, string[] indices, int points = 0, string? name = null, GaussianBody? body = null)
    {
        Kind = kind;
        Layer = layer;
        _indices = indices;
        Points = points;
        PlainName = name;
        Body = body;
        var h = new HashCode();
        h.Add(kind);
        h.Add(layer);
        h.Add(points);
        h.Add(name, StringComparer.Ordinal);
        h.Add(body);
        foreach (var i in indices) h.Add(i, StringComparer.Ordinal);
        _hash = h.ToHashCode();
    }

    /// <summary>What the atom is.</summary>
    public AtomKind Kind { get; }

    /// <summary>The layer the atom belongs to (for a Gaussian expectation: the kernel's layer), if any.</summary>
    public Layer? Layer { get; }

    /// <summary>
    /// Sample indices (<c>a1</c>, <c>a2</c>) in slot order: two for K, K^{-1}, G^{(0)}, G^{\{1\}}, δ and the neuron
    /// average, 2k for a vertex (pairs consecutive), empty for scalars.
    /// </summary>
    public IReadOnlyList<string> Indices => _indices;

    /// <summary>2m of G_{2m}; 0 for other kinds.</summary>
    public int Points { get; }

    /// <summary>The name of a <see cref="AtomKind.Plain"/> symbol (user or depth symbol); null for every typed atom.</summary>
    public string? PlainName { get; }

    /// <summary>The body of a Gaussian expectation; null otherwise.</summary>
    public GaussianBody? Body { get; }

    /// <summary>True for a width n or n_ℓ: the symbols in which "1/n order" is counted.</summary>
    public bool IsWidth => Kind == AtomKind.Width;

    /// <summary>True for a layer-indexed quantity of the network (G_{2m}, K, K^{-1}, V, the metrics) — not widths or hyperparameters.</summary>
    public bool IsQuantity => Kind is AtomKind.Correlator or AtomKind.Kernel or AtomKind.TangentKernel or AtomKind.InverseKernel or AtomKind.Vertex
        or AtomKind.RaisedVertex or AtomKind.NloMetric or AtomKind.InputMetric;

    // ----- factories with the book's names -------------------------------------------------------------------

    /// <summary>The layer-independent weight variance C_W.</summary>
    public static Symbol CW { get; } = new(AtomKind.WeightVariance, null, NoIndices);

    /// <summary>The layer-independent bias variance C_b.</summary>
    public static Symbol Cb { get; } = new(AtomKind.BiasVariance, null, NoIndices);

    /// <summary>C_W^{(ℓ)}, the weight variance of layer ℓ.</summary>
    public static Symbol WeightVariance(Layer? layer = null) => layer is null ? CW : new(AtomKind.WeightVariance, layer, NoIndices);

    /// <summary>C_b^{(ℓ)}, the bias variance of layer ℓ.</summary>
    public static Symbol BiasVariance(Layer? layer = null) => layer is null ? Cb : new(AtomKind.BiasVariance, layer, NoIndices);

    /// <summary>The layer-independent weight learning rate λ_W.</summary>
    public static Symbol LambdaW { get; } = new(AtomKind.WeightLearningRate, null, NoIndices);

    /// <summary>The layer-independent bias learning rate λ_b.</summary>
    public static Symbol LambdaB { get; } = new(AtomKind.BiasLearningRate, null, NoIndices);

    /// <summary>λ_W^{(ℓ)}, the weight learning rate of layer ℓ (null: the layer-independent λ_W).</summary>
    public static Symbol WeightLearningRate(Layer? layer = null) => layer is null ? LambdaW : new(AtomKind.WeightLearningRate, layer, NoIndices);

    /// <summary>λ_b^{(ℓ)}, the bias learning rate of layer ℓ (null: the layer-independent λ_b).</summary>
    public static Symbol BiasLearningRate(Layer? layer = null) => layer is null ? LambdaB : new(AtomKind.BiasLearningRate, layer, NoIndices);

    /// <summary>The aspect ratio r = L/n (3.54).</summary>
    public static Symbol R { get; } = new(AtomKind.AspectRatio, null, NoIndices);

    /// <summary>The common width n (no layer).</summary>
    public static Symbol N { get; } = new(AtomKind.Width, null, NoIndices);

    /// <summary>The width n_ℓ of layer <paramref name="layer"/>.</summary>
    public static Symbol Width(Layer layer) => new(AtomKind.Width, layer, NoIndices);

    /// <summary>The size N_D of the data set.</summary>
    public static Symbol DataSetSize { get; } = new(AtomKind.DataSetSize, null, NoIndices);

    /// <summary>A user symbol (x, O, c_4, …) or a depth symbol (l, L), optionally at a layer. Book names are refused: use the typed factories.</summary>
    public static Symbol Plain(string name, Layer? layer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (IsBookName(name))
            throw new ArgumentException($"'{name}' is a typed atom of the book; build it with Symbol.FromName or its factory (Symbol.CW, Symbol.Width, …).", nameof(name));
        return new(AtomKind.Plain, layer, NoIndices, name: name);
    }

    /// <summary>The depth symbol of a symbolic layer base (l for layers l+k, L for L−1): the plain symbol of that name.</summary>
    public static Symbol Depth(string layerBase) => Plain(layerBase);

    /// <summary>The atom a written name denotes (the parser's reading): C_W, C_b (at a layer or not), n, r; anything else is a plain symbol.</summary>
    public static Symbol FromName(string name, Layer? layer = null) => name switch
    {
        "C_W" => WeightVariance(layer),
        "C_b" => BiasVariance(layer),
        "lambda_W" => WeightLearningRate(layer),
        "lambda_b" => BiasLearningRate(layer),
        "n" when layer is null => N,
        "r" when layer is null => R,
        "N_D" when layer is null => DataSetSize,
        _ => Plain(name, layer),
    };

    private static bool IsBookName(string name) => name is "C_W" or "C_b" or "lambda_W" or "lambda_b" or "n" or "r" or "N_D";

    /// <summary>G_{2m}^{(ℓ)} with <paramref name="points"/> = 2m.</summary>
    public static Symbol Correlator(int points, Layer layer)
    {
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), points, "A correlator has at least one point.");
        return new(AtomKind.Correlator, layer, NoIndices, points);
    }

    /// <summary>K^{(ℓ)}_{αβ} (symmetric: indices stored sorted).</summary>
    public static Symbol Kernel(Layer layer, string a, string b) => new(AtomKind.Kernel, layer, SortedPair(a, b));

    /// <summary>The infinite-width NTK Θ^{(ℓ)}_{αβ} (symmetric: indices stored sorted).</summary>
    public static Symbol TangentKernel(Layer layer, string a, string b) => new(AtomKind.TangentKernel, layer, SortedPair(a, b));

    /// <summary>The inverse kernel K_{(ℓ)}^{αβ} (symmetric).</summary>
    public static Symbol InverseKernel(Layer layer, string a, string b) => new(AtomKind.InverseKernel, layer, SortedPair(a, b));

    /// <summary>The input metric G^{(0)}_{αβ} (symmetric).</summary>
    public static Symbol InputMetric(string a, string b) => new(AtomKind.InputMetric, global::Wick.Algebra.Layer.Concrete(0), SortedPair(a, b));

    /// <summary>The NLO metric G^{\{1\}(ℓ)}_{αβ} (symmetric).</summary>
    public static Symbol NloMetric(Layer layer, string a, string b) => new(AtomKind.NloMetric, layer, SortedPair(a, b));

    /// <summary>The neuron-averaged E[σσ] of layer ℓ (symmetric).</summary>
    public static Symbol NeuronAverage(Layer layer, string a, string b) => new(AtomKind.NeuronAverage, layer, SortedPair(a, b));

    /// <summary>
    /// The connected 2k-point vertex with the given index pairs (k ≥ 2: V, V6, …), lowered or raised, canonical under its
    /// symmetries: each pair sorted, the pairs sorted.
    /// </summary>
    public static Symbol Vertex(Layer layer, IReadOnlyList<(string, string)> pairs, bool raised = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < 2) throw new ArgumentException("A vertex has at least two index pairs (one pair is the kernel).", nameof(pairs));
        return new(raised ? AtomKind.RaisedVertex : AtomKind.Vertex, layer, CanonicalPairs(pairs));
    }

    /// <summary>⟨body⟩_{K^{(ℓ)}}.</summary>
    public static Symbol Gaussian(GaussianBody body, Layer kernelLayer)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new(AtomKind.GaussianExpectation, kernelLayer, NoIndices, body: body);
    }

    /// <summary>The sample Kronecker delta δ_{αβ} (both lowered, symmetric).</summary>
    public static Symbol SampleDelta(string a, string b) => new(AtomKind.SampleDelta, null, SortedPair(a, b));

    /// <summary>
    /// The mixed delta δ^α_β of Σ_β K^{αβ}K_{βγ} = δ^α_γ (4.46). A Kronecker delta has the same values whichever
    /// position its indices take, so it is the same atom as δ_{αβ}.
    /// </summary>
    public static Symbol MixedDelta(string upper, string lower) => SampleDelta(upper, lower);

    private static string[] SortedPair(string a, string b)
    {
        ArgumentException.ThrowIfNullOrEmpty(a);
        ArgumentException.ThrowIfNullOrEmpty(b);
        return IndexNameComparer.Instance.Compare(a, b) <= 0 ? [a, b] : [b, a];
    }

    private static string[] CanonicalPairs(IEnumerable<(string, string)> pairs) =>
        pairs.Select(p => SortedPair(p.Item1, p.Item2))
            .OrderBy(p => p[0], IndexNameComparer.Instance).ThenBy(p => p[1], IndexNameComparer.Instance)
            .SelectMany(p => p).ToArray();

    /// <summary>The index pairs of a vertex (or the one pair of a kernel).</summary>
    public IReadOnlyList<(string, string)> IndexPairs =>
        Enumerable.Range(0, _indices.Length / 2).Select(k => (_indices[2 * k], _indices[2 * k + 1])).ToList();

    // ----- the generic operations: layers and sample indices as values ---------------------------------------

    /// <summary>The same atom with its layer mapped (no layer: unchanged). Shifting and substituting the base are both this.</summary>
    public Symbol MapLayer(Func<Layer, Layer> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (Layer is not { } l) return this;
        var to = map(l);
        return to == l ? this : new Symbol(Kind, to, _indices, Points, PlainName, Body);
    }

    /// <summary>The same atom at <paramref name="layer"/>.</summary>
    public Symbol AtLayer(Layer layer) => MapLayer(_ => layer);

    /// <summary>The same atom with every sample index renamed, slot symmetries re-applied (K_{ba} ↦ K_{ab}).</summary>
    public Symbol RenameSamples(Func<string, string> rename)
    {
        ArgumentNullException.ThrowIfNull(rename);
        if (_indices.Length == 0 && Body is null) return this;
        string[] ix = _indices.Select(rename).ToArray();
        if (ix.AsSpan().SequenceEqual(_indices) && Body is null) return this;
        return Kind switch
        {
            AtomKind.Kernel or AtomKind.TangentKernel or AtomKind.InverseKernel or AtomKind.InputMetric or AtomKind.NloMetric
                or AtomKind.NeuronAverage or AtomKind.SampleDelta => new Symbol(Kind, Layer, SortedPair(ix[0], ix[1])),
            AtomKind.Vertex or AtomKind.RaisedVertex => new Symbol(Kind, Layer, CanonicalPairs(Enumerable.Range(0, ix.Length / 2).Select(k => (ix[2 * k], ix[2 * k + 1])))),
            AtomKind.GaussianExpectation => Gaussian(Body!.RenameSamples(rename), Layer!.Value),
            _ => new Symbol(Kind, Layer, ix, Points, PlainName, Body),
        };
    }

    /// <summary>Every sample index the atom carries (slots and Gaussian body).</summary>
    public IEnumerable<string> Samples => Body is null ? _indices : _indices.Concat(Body.Samples);

    // ----- equality and order ---------------------------------------------------------------------------------

    public bool Equals(Symbol? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (_hash == other._hash && Kind == other.Kind && Layer == other.Layer && Points == other.Points && PlainName == other.PlainName
             && Equals(Body, other.Body) && _indices.AsSpan().SequenceEqual(other._indices)));

    public override bool Equals(object? obj) => Equals(obj as Symbol);
    public override int GetHashCode() => _hash;
    public static bool operator ==(Symbol? a, Symbol? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Symbol? a, Symbol? b) => !(a == b);

    /// <summary>Total order: kind, then the plain name, the points, the Gaussian body, the layer (none first), the indices.</summary>
    public int CompareTo(Symbol? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        int c = Kind.CompareTo(other.Kind);
        if (c == 0) c = string.CompareOrdinal(PlainName, other.PlainName);
        if (c == 0) c = Points.CompareTo(other.Points);
        if (c == 0 && Body is not null) c = Body.CompareTo(other.Body);
        if (c != 0) return c;
        if (Layer.HasValue != other.Layer.HasValue) return Layer.HasValue ? 1 : -1;
        if (Layer.HasValue && (c = Layer.Value.CompareTo(other.Layer!.Value)) != 0) return c;
        c = _indices.Length.CompareTo(other._indices.Length);
        for (int i = 0; c == 0 && i < _indices.Length; i++) c = string.CompareOrdinal(_indices[i], other._indices[i]);
        return c;
    }

    // ----- spellings (the one place atoms are printed) --------------------------------------------------------

    /// <summary>ASCII spelling as the parser reads it: <c>n_l</c>, <c>C_W^(l)</c>, <c>G4^(l)</c>, <c>K^(l)_{a1 a2}</c>, <c>K^(l)^{a b}</c>, <c>&lt;sigma_a sigma_b&gt;_{K^(l)}</c>.</summary>
    public override string ToString() => Kind switch
    {
        AtomKind.Width => Layer is { } w ? "n_" + Braced(w.ToString()) : "n",
        AtomKind.WeightVariance => "C_W" + LayerText(),
        AtomKind.BiasVariance => "C_b" + LayerText(),
        AtomKind.WeightLearningRate => "lambda_W" + LayerText(),
        AtomKind.BiasLearningRate => "lambda_b" + LayerText(),
        AtomKind.AspectRatio => "r",
        AtomKind.DataSetSize => "N_D",
        AtomKind.Correlator => "G" + Points.ToString(CultureInfo.InvariantCulture) + LayerText(),
        AtomKind.InputMetric => "G" + LayerText() + Lower(x => x),
        AtomKind.NloMetric => "G1" + LayerText() + Lower(x => x),
        AtomKind.Kernel => "K" + LayerText() + Lower(x => x),
        AtomKind.TangentKernel => "Theta" + LayerText() + Lower(x => x),
        AtomKind.InverseKernel => "K" + LayerText() + "^" + Group(x => x),
        AtomKind.Vertex => "V" + VertexPoints() + LayerText() + "_" + Pairs(x => x),
        AtomKind.RaisedVertex => "V" + VertexPoints() + LayerText() + "^" + Pairs(x => x),
        AtomKind.SampleDelta => "delta" + Lower(x => x),
        AtomKind.GaussianExpectation => $"<{Body!.ToString(Layer!.Value)}>_{{K^({Layer})}}",
        AtomKind.NeuronAverage => $"(1/{Width(Layer!.Value)}) sum_j E[sigma(z^({Layer})_{{j;{_indices[0]}}}) sigma(z^({Layer})_{{j;{_indices[1]}}})]",
        _ => PlainText(),
    };

    /// <summary>LaTeX spelling: <c>n_{\ell}</c>, <c>C_{W}^{(\ell)}</c>, <c>G_{4}^{(\ell)}</c>, <c>K^{(\ell)}_{\alpha_{1} \alpha_{2}}</c>, <c>K_{(\ell)}^{\alpha \beta}</c>.</summary>
    public string ToLatex() => Kind switch
    {
        AtomKind.Width => Layer is { } w ? $"n_{{{w.ToLatex()}}}" : "n",
        AtomKind.WeightVariance => "C_{W}" + LayerLatex(),
        AtomKind.BiasVariance => "C_{b}" + LayerLatex(),
        AtomKind.WeightLearningRate => "\\lambda_{W}" + LayerLatex(),
        AtomKind.BiasLearningRate => "\\lambda_{b}" + LayerLatex(),
        AtomKind.AspectRatio => "r",
        AtomKind.DataSetSize => "N_{\\mathcal{D}}",
        AtomKind.Correlator => $"G_{{{Points}}}" + LayerLatex(),
        AtomKind.InputMetric or AtomKind.Kernel => (Kind == AtomKind.Kernel ? "K" : "G") + LayerLatex() + Lower(IndexSpelling.ToLatex),
        AtomKind.TangentKernel => "\\Theta" + LayerLatex() + Lower(IndexSpelling.ToLatex),
        AtomKind.NloMetric => $"G^{{\\{{1\\}}({Layer!.Value.ToLatex()})}}" + Lower(IndexSpelling.ToLatex),
        AtomKind.InverseKernel => $"K_{{({Layer!.Value.ToLatex()})}}^" + Group(IndexSpelling.ToLatex),
        AtomKind.Vertex => "V" + LayerLatex() + "_" + Pairs(IndexSpelling.ToLatex), // V6, V8: the pairs give the count (no double subscript)
        AtomKind.RaisedVertex => "V" + VertexPointsLatex() + $"_{{({Layer!.Value.ToLatex()})}}^" + Pairs(IndexSpelling.ToLatex),
        AtomKind.SampleDelta => "\\delta" + Lower(IndexSpelling.ToLatex),
        AtomKind.GaussianExpectation => $"\\langle {Body!.ToLatex(Layer!.Value)} \\rangle_{{K^{{({Layer.Value.ToLatex()})}}}}",
        AtomKind.NeuronAverage => NeuronAverageLatex(),
        _ => PlainLatex(),
    };

    private static string Braced(string s) => s.Length == 1 ? s : "{" + s + "}";
    private string LayerText() => Layer is { } l ? $"^({l})" : "";
    private string LayerLatex() => Layer is { } l ? $"^{{({l.ToLatex()})}}" : "";
    private string Group(Func<string, string> spell) => "{" + string.Join(' ', _indices.Select(spell)) + "}";
    private string Lower(Func<string, string> spell) => "_" + Group(spell);
    private string VertexPoints() => _indices.Length == 4 ? "" : _indices.Length.ToString(CultureInfo.InvariantCulture);
    private string VertexPointsLatex() => _indices.Length == 4 ? "" : $"_{{{_indices.Length}}}";

    private string Pairs(Func<string, string> spell) =>
        "{" + string.Concat(Enumerable.Range(0, _indices.Length / 2).Select(k => $"({spell(_indices[2 * k])} {spell(_indices[2 * k + 1])})")) + "}";

    private string NeuronAverageLatex()
    {
        string l = Layer!.Value.ToLatex();
        string Sig(string a) => $"\\sigma\\big(z^{{({l})}}_{{j;{IndexSpelling.ToLatex(a)}}}\\big)";
        return $"\\frac{{1}}{{n_{{{l}}}}} \\sum_{{j}} \\mathbb{{E}}\\left[{Sig(_indices[0])} {Sig(_indices[1])}\\right]";
    }

    /// <summary>A user name: C_W-style subscripts kept, a longer subscript braced so it reads back as one name (a_{1i}).</summary>
    private string PlainText()
    {
        string name = PlainName!;
        int u = name.IndexOf('_');
        string sub = u > 0 ? (name.Length - u > 2 ? "_{" + name[(u + 1)..] + "}" : name[u..]) : "";
        string head = u > 0 ? name[..u] : name;
        // n_x is always a width, so a layered symbol n^(l)_{i} keeps its layer first.
        if (Layer is { } l) return head == "n" ? head + $"^({l})" + sub : head + sub + $"^({l})";
        return head + sub;
    }

    private string PlainLatex()
    {
        string name = PlainName!;
        int u = name.IndexOf('_');
        if (Layer is { } l && u > 0 && name[..u] == "n") return "n" + LayerLatex() + "_{" + name[(u + 1)..] + "}";
        string head = u > 0 ? name[..u] + "_{" + name[(u + 1)..] + "}" : name;
        return head + LayerLatex();
    }
}
