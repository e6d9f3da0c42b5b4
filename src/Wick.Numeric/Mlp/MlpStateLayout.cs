using Wick.Algebra;

namespace Wick.Numeric.Mlp;

/// <summary>
/// The state of the mlp recursions for N_D inputs labelled a1 … aN: K_{αβ} (α ≤ β), G^{\{1\}}_{αβ} (α ≤ β) and the distinct
/// V_{(αβ)(γδ)} under the vertex's symmetries, as atoms at layer l, with their slots.
/// </summary>
internal sealed class MlpStateLayout
{
    private readonly Dictionary<Symbol, int> _slot = new();
    private readonly int[] _kernel, _nlo, _vertex;

    public MlpStateLayout(int inputs)
    {
        Inputs = inputs;
        var state = new List<Symbol>();
        int n = inputs;
        _kernel = new int[n * n];
        _nlo = new int[n * n];
        _vertex = new int[n * n * n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) _kernel[a * n + b] = Add(Symbol.Kernel(Layer.L, Label(a), Label(b)));
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) _nlo[a * n + b] = Add(Symbol.NloMetric(Layer.L, Label(a), Label(b)));
        for (int i = 0; i < _vertex.Length; i++)
            _vertex[i] = Add(Symbol.Vertex(Layer.L, [(Label(i / (n * n * n)), Label(i / (n * n) % n)), (Label(i / n % n), Label(i % n))]));
        State = state;

        int Add(Symbol s)
        {
            if (_slot.TryGetValue(s, out int i)) return i;
            _slot[s] = state.Count;
            state.Add(s);
            return state.Count - 1;
        }
    }

    /// <summary>N_D.</summary>
    public int Inputs { get; }

    /// <summary>The state atoms at layer l, in slot order.</summary>
    public IReadOnlyList<Symbol> State { get; }

    public static string Label(int input) => $"a{input + 1}";

    public bool TrySlot(Symbol atom, out int slot) => _slot.TryGetValue(atom, out slot);

    public int KernelSlot(int a, int b) => _kernel[a * Inputs + b];
    public int NloSlot(int a, int b) => _nlo[a * Inputs + b];
    public int VertexSlot(int a, int b, int c, int d) => _vertex[((a * Inputs + b) * Inputs + c) * Inputs + d];

    /// <summary>The target at layer l+1 of state slot <paramref name="slot"/> with its generic recursion's label map.</summary>
    public (AtomKind Kind, Dictionary<string, string> Labels) Target(int slot)
    {
        var s = State[slot];
        var map = new Dictionary<string, string>();
        for (int i = 0; i < s.Indices.Count; i++) map[MlpRecursionSet.Labels[i]] = s.Indices[i];
        return (s.Kind, map);
    }
}
