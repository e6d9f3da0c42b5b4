namespace Wick.Algebra.Criticality;

/// <summary>An ansatz (5.93) that cannot match a recursion: an order with no unknown left to absorb it, or an irrational root.</summary>
public sealed class AnsatzMismatchException(string message) : InvalidOperationException(message);

/// <summary>A solved large-ℓ expansion: the series, the tunings it fixed (c_b^{1}, c_W^{1}) and the constants left free (ℓ_0-type data).</summary>
public sealed record AsymptoticSolution(
    LogPowerSeries Series,
    IReadOnlyDictionary<Symbol, RationalFunction> Tunings,
    IReadOnlyList<(int S, int Q)> FreeConstants);

/// <summary>
/// Matches the scaling ansatz (5.93) u(ℓ) = ℓ^{−P} Σ c_{s,q} ℓ^{−s} L^q to a recursion written as an increment,
/// u(ℓ+1) − u(ℓ) = F(u(ℓ), ℓ), order by order in exact arithmetic: level s of the ansatz (unknown symbols c_{s,q},
/// q ≤ s + 1) first appears at order ℓ^{−(P+s+1)}, where every log power gives one linear equation (the leading level
/// of a nonlinear F gives a polynomial equation whose non-zero root is taken). Unknown tunings (c_b^{1}, c_W^{1} of
/// (5.140)) are solved from the lowest orders they appear in. Unknowns no equation fixes — a resonance, as for the
/// ℓ^{−2} term of ΔK (absorbed into ℓ_0), or a homogeneous solution — are set to 0 and reported as free.
/// </summary>
public static class AsymptoticSolver
{
    /// <param name="exponent">P, the leading exponent (derived by the caller from the recursion's balance).</param>
    /// <param name="increment">F: the right-hand side minus u(ℓ), as a function of the candidate series.</param>
    /// <param name="levels">How many relative orders beyond the leading one to solve.</param>
    /// <param name="tunings">Unknown constants of F to be fixed by the matching (none for bare recursions).</param>
    /// <param name="leading">A fixed leading coefficient c_{0,0} (a free normalisation of a homogeneous recursion), or null to solve it.</param>
    public static AsymptoticSolution Solve(RationalFunction exponent, Func<LogPowerSeries, LogPowerSeries> increment, int levels,
        IReadOnlyList<Symbol>? tunings = null, RationalFunction? leading = null)
    {
        var solved = new Dictionary<Symbol, RationalFunction>();
        var pending = new List<Symbol>(tunings ?? []);
        var free = new List<Symbol>();
        var levelOf = (tunings ?? []).ToDictionary(t => t, _ => -1);
        var coefficient = new Dictionary<(int S, int Q), Symbol>();
        for (int s = 0; s <= levels; s++)
        {
            int maxQ = s == 0 ? 0 : s + 1;
            for (int q = 0; q <= maxQ; q++)
            {
                var c = Symbol.Plain($"c_{{{s},{q}}}");
                coefficient[(s, q)] = c;
                levelOf[c] = s;
                if (s == 0 && leading is not null) solved[c] = leading;
                else pending.Insert(0, c); // newest first: pivots prefer the level being solved
            }
            var u = Candidate(exponent, coefficient, solved, s);
            var e = u.Difference() - increment(u);
            int order = LogPowerSeries.IntegerDifference(exponent + Rational.Create(s + 1, 1), e.Exponent);
            var equations = e.Terms.Where(t => t.Key.S <= order).Select(t => t.Value.Substitute(solved)).Where(x => !x.IsZero).ToList();
            SolveEquations(equations, pending, solved, s, order, levelOf, free);
            if (s == 0 && leading is null && (!solved.TryGetValue(coefficient[(0, 0)], out var c00) || c00.IsZero))
                throw new AnsatzMismatchException($"the leading coefficient of the ansatz ℓ^-({exponent}) vanishes or is undetermined: the exponent does not balance the recursion");
        }
        foreach (var c in pending.Where(c => levelOf[c] < 0))
            throw new AnsatzMismatchException($"no order of the recursion fixes the tuning {c}");
        foreach (var c in pending)
        {
            free.Add(c);
            solved[c] = RationalFunction.Zero;
        }
        var series = Candidate(exponent, coefficient, solved, levels);
        var tuned = (tunings ?? []).ToDictionary(t => t, t => solved[t]);
        var freeKeys = coefficient.Where(kv => free.Contains(kv.Value)).Select(kv => kv.Key).OrderBy(k => k).ToArray();
        return new AsymptoticSolution(series, tuned, freeKeys);
    }

    private static LogPowerSeries Candidate(RationalFunction exponent, Dictionary<(int S, int Q), Symbol> coefficient, Dictionary<Symbol, RationalFunction> solved, int known) =>
        new(exponent, coefficient.Where(kv => kv.Key.S <= known).Select(kv => new KeyValuePair<(int, int), RationalFunction>(kv.Key,
            solved.TryGetValue(kv.Value, out var v) ? v : (RationalFunction)kv.Value)), known);

    private static void SolveEquations(List<RationalFunction> equations, List<Symbol> pending, Dictionary<Symbol, RationalFunction> solved, int level, int order,
        Dictionary<Symbol, int> levelOf, List<Symbol> free)
    {
        // An unknown of this level that no equation at its first order contains is a resonance: a free constant.
        var appearing = pending.Where(x => equations.Any(e => e.Numerator.MaxDegree(x) > 0)).ToHashSet();
        foreach (var x in pending.Where(x => levelOf[x] == level && !appearing.Contains(x)).ToList())
        {
            solved[x] = RationalFunction.Zero;
            pending.Remove(x);
            free.Add(x);
        }
        if (equations.Count == 0) return;
        // Each equation's numerator as a polynomial in the pending unknowns.
        var rows = new List<(Dictionary<Symbol, RationalFunction> Linear, RationalFunction Constant)>();
        foreach (var eq in equations)
        {
            var n = eq.Numerator;
            var present = pending.Where(p => n.MaxDegree(p) > 0 || n.MinDegree(p) < 0).ToList();
            if (present.Count == 0)
                throw new AnsatzMismatchException($"the scaling ansatz leaves a non-zero term {eq} at level {level} (order {order}) that no unknown can absorb");
            if (present.Count == 1 && n.MaxDegree(present[0]) == 2)
            {
                // The leading level of a nonlinear recursion: α x² + β x + γ with γ = 0; the root x ≠ 0 is the ansatz's.
                var x = present[0];
                var cs = n.CoefficientsIn(x);
                if (cs.TryGetValue(0, out var g) && !g.IsZero)
                    throw new AnsatzMismatchException($"the leading coefficient solves a quadratic with no zero root: {eq} = 0");
                solved[x] = -RationalFunction.Create(cs.GetValueOrDefault(1, Polynomial.Zero), cs[2]);
                pending.Remove(x);
                return;
            }
            var linear = new Dictionary<Symbol, RationalFunction>();
            var rest = n;
            foreach (var p in present)
            {
                var cs = n.CoefficientsIn(p);
                if (cs.Keys.Any(k => k != 0 && k != 1) || present.Any(o => o != p && cs.GetValueOrDefault(1, Polynomial.Zero).MaxDegree(o) > 0))
                    throw new AnsatzMismatchException($"an equation of level {level} is not linear in the unknowns: {eq}");
                linear[p] = RationalFunction.Create(cs.GetValueOrDefault(1, Polynomial.Zero), eq.Denominator);
                rest = rest.Substitute(p, Polynomial.Zero);
            }
            rows.Add((linear, RationalFunction.Create(rest, eq.Denominator)));
        }
        // Gaussian elimination, pivots in the order of `pending` (newest unknowns first).
        var pivots = new List<(Symbol X, Dictionary<Symbol, RationalFunction> Row, RationalFunction Constant)>();
        foreach (var (lin, con) in rows)
        {
            var row = new Dictionary<Symbol, RationalFunction>(lin);
            var c = con;
            foreach (var (x, prow, pc) in pivots)
            {
                if (!row.TryGetValue(x, out var f) || f.IsZero) continue;
                foreach (var (y, v) in prow) row[y] = row.GetValueOrDefault(y, RationalFunction.Zero) - f * v;
                c -= f * pc;
                row.Remove(x);
            }
            foreach (var k in row.Where(kv => kv.Value.IsZero).Select(kv => kv.Key).ToList()) row.Remove(k);
            var pivot = pending.FirstOrDefault(row.ContainsKey);
            if (pivot is null)
            {
                if (!c.IsZero) throw new AnsatzMismatchException($"the scaling ansatz is inconsistent at level {level} (order {order}): {c} ≠ 0");
                continue;
            }
            var lead = row[pivot];
            var normalised = row.Where(kv => kv.Key != pivot).ToDictionary(kv => kv.Key, kv => kv.Value / lead);
            var nc = c / lead;
            // Eliminate the new pivot from the earlier pivot rows.
            for (int i = 0; i < pivots.Count; i++)
            {
                var (x, prow, pc) = pivots[i];
                if (!prow.TryGetValue(pivot, out var f) || f.IsZero) continue;
                var r2 = new Dictionary<Symbol, RationalFunction>(prow);
                r2.Remove(pivot);
                foreach (var (y, v) in normalised) r2[y] = r2.GetValueOrDefault(y, RationalFunction.Zero) - f * v;
                pivots[i] = (x, r2, pc - f * nc);
            }
            pivots.Add((pivot, normalised, nc));
        }
        // Unknowns of older levels still open after elimination are free constants (a resonance: the ℓ_0 of ΔK, a
        // homogeneous solution): set to 0. Pivots whose rows are then closed are solved; the rest stay pending.
        var older = pivots.SelectMany(p => p.Row.Where(kv => !kv.Value.IsZero).Select(kv => kv.Key)).Where(y => levelOf[y] >= 0 && levelOf[y] < level).Distinct().ToList();
        foreach (var y in older)
        {
            solved[y] = RationalFunction.Zero;
            pending.Remove(y);
            free.Add(y);
        }
        foreach (var (x, row, c) in pivots)
        {
            if (row.Any(kv => !kv.Value.IsZero && !solved.ContainsKey(kv.Key))) continue;
            var value = -c;
            foreach (var (y, v) in row) value -= v * solved[y];
            solved[x] = value;
            pending.Remove(x);
        }
    }
}
