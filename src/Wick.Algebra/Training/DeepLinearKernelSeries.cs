namespace Wick.Algebra.Training;

/// <summary>
/// The four tensor structures that the O(γ0²) kernel corrections of a deep linear network reduce to (App. P.1.1,
/// with v_α(t) = ∫_0^t Δ⁰_α and v_αβ(t) = ∫_0^t ds Δ⁰_α(s) v_β(s)):
/// <list type="bullet">
/// <item><see cref="HiddenCross"/>: Σ_αβ K_xµα K_xνβ [v_αβ(t) + v_βα(s)] — the words C D H + H Dᵀ Cᵀ;</item>
/// <item><see cref="HiddenProduct"/>: Σ_αβ K_xµα K_xνβ v_α(t) v_β(s) — the word C G Cᵀ;</item>
/// <item><see cref="GradientCross"/>: Σ_αβ K_xαβ [v_αβ(t) + v_βα(s)] — the words D C G + G Cᵀ Dᵀ;</item>
/// <item><see cref="GradientProduct"/>: Σ_αβ K_xαβ v_α(t) v_β(s) — the word D H Dᵀ.</item>
/// </list>
/// In the NTK the gradient structures appear multiplied by K_xµν (K = Σ G^{ℓ+1} H^ℓ).
/// </summary>
public enum KernelStructure { HiddenCross, HiddenProduct, GradientCross, GradientProduct }

/// <summary>An exact combination of <see cref="KernelStructure"/>s (the γ0² coefficient of a kernel).</summary>
public sealed record StructureCombination(IReadOnlyDictionary<KernelStructure, Rational> Coefficients)
{
    public Rational this[KernelStructure s] => Coefficients.TryGetValue(s, out var c) ? c : Rational.Zero;

    public override string ToString() =>
        string.Join(" + ", Enum.GetValues<KernelStructure>().Where(s => !this[s].IsZero).Select(s => $"{this[s]}·{s}"));
}

/// <summary>
/// The O(γ0²) correction to the kernels and the NTK of an infinite-width deep linear network, derived by expanding the
/// saddle-point equations (71) in γ0² in the <see cref="OperatorSeries"/> algebra:
/// <code>
///   C^ℓ = A^{ℓ−1} + C⁽⁰⁾,   D^ℓ = B^ℓ + D⁽⁰⁾,   A^ℓ = (I − γ0²C^ℓD^ℓ)^{-1}C^ℓ,   B^{ℓ−1} = (I − γ0²D^ℓC^ℓ)^{-1}D^ℓ
///   H^ℓ = (I − γ0²C^ℓD^ℓ)^{-1} [H^{ℓ−1} + γ0² C^ℓ G^{ℓ+1} C^ℓᵀ] (…)^{-ᵀ}
///   G^ℓ = (I − γ0²D^ℓC^ℓ)^{-1} [G^{ℓ+1} + γ0² D^ℓ H^{ℓ−1} D^ℓᵀ] (…)^{-ᵀ}
/// </code>
/// with H⁰ = K_x ⊗ 11ᵀ, G^{L+1} = 11ᵀ, A⁰ = B^L = 0 (the response terms are those of the derivation in docs/ERRATA.md;
/// gradientIndependence drops them, A = B = 0). The responses enter the kernels only multiplied by γ0²,
/// so their lazy parts suffice at this order: C^ℓ = ℓ C⁽⁰⁾ and D^ℓ = (L + 1 − ℓ) D⁽⁰⁾ come out of the recursion. The
/// resulting words are recognised as <see cref="KernelStructure"/>s (the table in <see cref="Recognise"/>).
/// </summary>
public sealed class DeepLinearKernelSeries
{
    public int Depth { get; }
    public bool GradientIndependence { get; }
    /// <summary>C^ℓ at γ0 = 0, as words (ℓ = 1…L).</summary>
    public IReadOnlyList<OperatorSeries> ForwardOperators { get; }
    /// <summary>D^ℓ at γ0 = 0, as words (ℓ = 1…L).</summary>
    public IReadOnlyList<OperatorSeries> BackwardOperators { get; }
    /// <summary>H^ℓ to O(γ0²) (ℓ = 1…L).</summary>
    public IReadOnlyList<OperatorSeries> Hidden { get; }
    /// <summary>G^ℓ to O(γ0²) (ℓ = 1…L).</summary>
    public IReadOnlyList<OperatorSeries> Gradient { get; }
    /// <summary>The γ0² coefficient of K_NTK = Σ_{ℓ=0}^L G^{ℓ+1} H^ℓ.</summary>
    public StructureCombination NtkCorrection { get; }

    private DeepLinearKernelSeries(int depth, bool gi, List<OperatorSeries> c, List<OperatorSeries> d, List<OperatorSeries> h, List<OperatorSeries> g,
        StructureCombination ntk)
    {
        Depth = depth; GradientIndependence = gi; ForwardOperators = c; BackwardOperators = d; Hidden = h; Gradient = g; NtkCorrection = ntk;
    }

    public static DeepLinearKernelSeries Derive(int depth, bool gradientIndependence = false)
    {
        if (depth < 1 || depth > 200) throw new ArgumentException($"the depth must be from 1 to 200, got {depth}.");
        const int order = 1;
        var lazyC = OperatorSeries.Word(order, OperatorWord.Of(LazyOperator.C));
        var lazyD = OperatorSeries.Word(order, OperatorWord.Of(LazyOperator.D));
        // Lazy responses: forward C^ℓ (needs A^{ℓ−1} = C^{ℓ−1} + O(γ0²)), backward D^ℓ (needs B^ℓ = D^{ℓ+1} + O(γ0²)).
        var c = new OperatorSeries[depth + 1];
        var d = new OperatorSeries[depth + 2];
        var response = OperatorSeries.Zero(order);
        for (int l = 1; l <= depth; l++)
        {
            c[l] = Lazy(response) + lazyC;
            response = gradientIndependence ? OperatorSeries.Zero(order) : c[l];   // A^ℓ at order 0
        }
        response = OperatorSeries.Zero(order);
        for (int l = depth; l >= 1; l--)
        {
            d[l] = Lazy(response) + lazyD;
            response = gradientIndependence ? OperatorSeries.Zero(order) : d[l];   // B^{ℓ−1} at order 0
        }
        // Kernels: H^ℓ upward from H^0, G^ℓ downward from G^{L+1}.
        var h = new OperatorSeries[depth + 1];
        var g = new OperatorSeries[depth + 2];
        h[0] = OperatorSeries.Word(order, OperatorWord.Of(LazyOperator.H));
        g[depth + 1] = OperatorSeries.Word(order, OperatorWord.Of(LazyOperator.G));
        var lazyG = g[depth + 1];
        for (int l = depth; l >= 1; l--)
        {
            // H^{ℓ−1} enters G^ℓ only multiplied by γ0², so its lazy part H⁰ suffices (and likewise G^{ℓ+1} in H^ℓ).
            var inv = OperatorSeries.InverseOfOneMinusGammaSquared(d[l] * c[l]);
            g[l] = inv * (g[l + 1] + (d[l] * h[0] * d[l].Transpose()).TimesGammaSquared()) * inv.Transpose();
        }
        for (int l = 1; l <= depth; l++)
        {
            var inv = OperatorSeries.InverseOfOneMinusGammaSquared(c[l] * d[l]);
            h[l] = inv * (h[l - 1] + (c[l] * lazyG * c[l].Transpose()).TimesGammaSquared()) * inv.Transpose();
        }
        // K_NTK at O(γ0²): Σ_{ℓ=1}^{L} H^{ℓ,(1)} + K_x ⊗ Σ_{ℓ=1}^{L} G^{ℓ,(1)} (H^0, G^{L+1} do not move).
        var ntk = new Dictionary<KernelStructure, Rational>();
        for (int l = 1; l <= depth; l++)
            foreach (var s in new[] { h[l], g[l] })
                foreach (var (word, coefficient) in s.At(1))
                {
                    var (structure, weight) = Recognise(word);
                    ntk[structure] = (ntk.TryGetValue(structure, out var old) ? old : Rational.Zero) + coefficient * weight;
                }
        return new DeepLinearKernelSeries(depth, gradientIndependence, [.. c.Skip(1)], [.. d.Skip(1).Take(depth)], [.. h.Skip(1)], [.. g.Skip(1).Take(depth)],
            new StructureCombination(ntk));
    }

    /// <summary>The lazy (order-0) part of a response series.</summary>
    private static OperatorSeries Lazy(OperatorSeries s)
    {
        var r = OperatorSeries.Zero(s.MaxOrder);
        foreach (var (w, k) in s.At(0)) r += OperatorSeries.Word(s.MaxOrder, w, 0, k);
        return r;
    }

    /// <summary>
    /// The words of the O(γ0²) kernels as tensor structures, from the definitions of C⁽⁰⁾, D⁽⁰⁾ (App. P.1.1):
    /// (C D H)_µν(t,s) = Σ K_xµα K_xνβ v_αβ(t), (C G Cᵀ) = Σ K_xµα K_xνβ v_α(t)v_β(s), (D C G)(t,s) = Σ K_xαβ v_αβ(t),
    /// (D H Dᵀ) = Σ K_xαβ v_α(t)v_β(s); a word and its transpose make up one "cross" structure, hence the weight ½.
    /// </summary>
    public static (KernelStructure Structure, Rational Weight) Recognise(OperatorWord word) =>
        Table.TryGetValue(word, out var r) ? r : throw new InvalidOperationException($"the O(γ0²) word {word} is not one of the four kernel structures.");

    private static readonly Dictionary<OperatorWord, (KernelStructure, Rational)> Table = new()
    {
        [OperatorWord.Of(LazyOperator.C, LazyOperator.D, LazyOperator.H)] = (KernelStructure.HiddenCross, Rational.Create(1, 2)),
        [OperatorWord.Of(LazyOperator.H, LazyOperator.DT, LazyOperator.CT)] = (KernelStructure.HiddenCross, Rational.Create(1, 2)),
        [OperatorWord.Of(LazyOperator.C, LazyOperator.G, LazyOperator.CT)] = (KernelStructure.HiddenProduct, Rational.One),
        [OperatorWord.Of(LazyOperator.D, LazyOperator.C, LazyOperator.G)] = (KernelStructure.GradientCross, Rational.Create(1, 2)),
        [OperatorWord.Of(LazyOperator.G, LazyOperator.CT, LazyOperator.DT)] = (KernelStructure.GradientCross, Rational.Create(1, 2)),
        [OperatorWord.Of(LazyOperator.D, LazyOperator.H, LazyOperator.DT)] = (KernelStructure.GradientProduct, Rational.One),
    };

    /// <summary>
    /// The γ0² NTK coefficient of <paramref name="structure"/> as a polynomial in the depth L: derived at L = 1…8,
    /// interpolated exactly over Q (Lagrange), and accepted only if the interpolant through the first seven depths also
    /// reproduces the eighth and the ninth and tenth derived independently.
    /// </summary>
    public static Polynomial NtkCoefficientInDepth(KernelStructure structure, Symbol depth, bool gradientIndependence = false)
    {
        var values = Enumerable.Range(1, 10).Select(l => (Rational)l).Select(l => Derive((int)l.Numerator, gradientIndependence).NtkCorrection[structure]).ToArray();
        var nodes = Enumerable.Range(1, 7).Select(l => (Rational)l).ToArray();
        var poly = Lagrange(nodes, values[..7], depth);
        for (int l = 8; l <= 10; l++)
            if (Evaluate(poly, depth, l) != values[l - 1])
                throw new InvalidOperationException($"the γ0² coefficient of {structure} is not a polynomial of degree ≤ 6 in L.");
        return poly;
    }

    private static Polynomial Lagrange(Rational[] nodes, Rational[] values, Symbol x)
    {
        var sum = Polynomial.Zero;
        for (int i = 0; i < nodes.Length; i++)
        {
            var term = Polynomial.Constant(values[i]);
            for (int j = 0; j < nodes.Length; j++)
                if (j != i) term = term * (Polynomial.Var(x) - nodes[j]) * (nodes[i] - nodes[j]).Reciprocal();
            sum += term;
        }
        return sum;
    }

    private static Rational Evaluate(Polynomial p, Symbol x, int value)
    {
        var r = Rational.Zero;
        foreach (var (m, c) in p.TermSpan) r += c * ((Rational)value).Pow(m.Exponent(x));
        return r;
    }
}
