using Wick.Algebra;
using Wick.Algebra.Syntax;

namespace Wick.Engine;

/// <summary>How a <see cref="Derivation"/> reads in text, LaTeX and JSON (what <c>wick derive</c> prints).</summary>
public static class DerivationOutput
{
    public static string Text(Derivation d)
    {
        if (d.Mlp) return MlpText(d);
        var w = new StringWriter();
        string below = d.Layer == Wick.Algebra.Layer.Concrete(1) ? "the inputs (layer 0)" : $"layer {d.Layer.Previous}";
        w.WriteLine($"{d.Input}");
        w.WriteLine($"  in terms of {below}{(d.Bias ? ", with biases" : "")}:");
        w.WriteLine($"    = {FromBelow(d, TextPrinter.Print, t => t.ToString())}");
        w.WriteLine($"  recognised structure at layer {d.Layer}:");
        w.WriteLine($"    = {Structure(d, TextPrinter.Print, t => t.ToString())}");
        if (d.InOrbits)
            w.WriteLine($"  orbit_{{...}}[X]: the sum of the distinct relabellings of X ({d.FromBelowOrbits!.ExpandedCount} delta products in {d.FromBelowOrbits.Terms.Count} orbit(s); --expand-orbits writes them out)");
        if (d.Settings.Count > 0) w.WriteLine($"  with {string.Join(", ", d.Settings.Select(kv => $"{kv.Key} = {kv.Value}"))}");
        foreach (var rec in d.Recursions)
        {
            w.WriteLine();
            w.WriteLine($"Recursion ({rec.Description}{Relabellings(d, rec)}):");
            w.WriteLine($"  {(d.InOrbits ? $"{rec.Target} = {TextPrinter.Print(Step(rec))}" : rec.ToString())}");
            if (rec.WidthFactor is { } c && !c.IsZero)
            {
                // G_{2m}^{(l+1)} = c_{2m}(n_l) C_W^m G_{2m}^{(l)} (3.45): the rest is what the engine divided out.
                string name = $"c_{rec.Target.Points}({Wick.Algebra.Symbol.Width(d.Layer.Previous)})";
                w.WriteLine($"  = {name} {rec.Step.DivideExactly(c)} with");
                w.WriteLine($"    {name} = {c}");
                if (rec.WidthFactorProduct is { } f) w.WriteLine($"      = {f}");
            }
        }
        if (d.Solution is { } s)
        {
            w.WriteLine();
            w.WriteLine("Solution:");
            w.WriteLine($"  {s}");
            w.WriteLine($"  constant width: {s.ConstantWidthForm()}");
            if (Derivation.ConcreteSolution(s, d.Layer) is { } at) w.WriteLine($"  at layer {d.Layer}: {at}");
        }
        return w.ToString();
    }

    // Issue 16: the correlator as orbit sums when the derivation kept them, else written out.
    private static string FromBelow(Derivation d, Func<Expr, string> print, Func<Wick.Algebra.Tensors.TensorPolynomial, string> plain) =>
        d.FromBelowOrbits is { } o ? print(OrbitSyntax.ToExpr(o)) : plain(d.FromBelow);

    private static string Structure(Derivation d, Func<Expr, string> print, Func<Wick.Algebra.Tensors.TensorPolynomial, string> plain) =>
        d.StructureOrbits is { } o ? print(OrbitSyntax.ToExpr(o)) : plain(d.Structure);

    // A recursion step with its monomials grouped into orbits under the relabellings fixing the target's label pairs.
    private static Expr Step(Wick.Algebra.Recursions.Recursion r) => OrbitSyntax.Coefficient(r.Step, r.Target.IndexPairs);

    private static string Relabellings(Derivation d, Wick.Algebra.Recursions.Recursion r) =>
        d.Relabellings.TryGetValue(r.Target, out int n) && n > 1 ? $"; stands for its {n} relabellings" : "";

    /// <summary>--model mlp: the exact pairing stage, the leading-order stage and the kernel recursion (4.118).</summary>
    private static string MlpText(Derivation d)
    {
        var w = new StringWriter();
        bool first = d.Layer == Wick.Algebra.Layer.Concrete(1);
        w.WriteLine($"{d.Input}");
        if (first)
        {
            w.WriteLine("  in terms of the inputs (layer 0), with biases (exact; the first layer is Gaussian):");
            w.WriteLine($"    = {d.FromBelow}");
        }
        else
        {
            w.WriteLine($"  in terms of layer {d.Layer.Previous}, biases and weights paired, activations sigma (exact):");
            w.WriteLine($"    = {d.FromBelow}");
            w.WriteLine($"  at leading order (layer {d.Layer.Previous} Gaussian with kernel K^({d.Layer.Previous}): E[f(z_j)] = <f>_K + O(1/n)):");
            w.WriteLine($"    = {d.LeadingOrder} + O(1/n)");
        }
        foreach (var rec in d.Recursions)
        {
            w.WriteLine();
            w.WriteLine($"Recursion ({rec.Description}):");
            w.WriteLine($"  {rec} + O(1/n)");
        }
        return w.ToString();
    }

    /// <summary>
    /// One align block that pastes into a paper: the correlator = its value from below = the recognised structure,
    /// each recursion with c_{2m}(n) expanded and factored (3.45)-(3.47), and the solution (per layer, constant width).
    /// </summary>
    public static string Latex(Derivation d)
    {
        if (d.Mlp) return MlpLatex(d);
        var display = new LatexDisplay().Equation(d.InputLatex, FromBelow(d, LatexPrinter.Print, t => t.ToLatex()))
            .Continue(Structure(d, LatexPrinter.Print, t => t.ToLatex()));
        foreach (var rec in d.Recursions)
        {
            display.Equation(rec.Target.ToLatex(), d.InOrbits ? LatexPrinter.Print(Step(rec)) : rec.Step.ToLatex());
            if (rec.WidthFactorProduct is { } f)
                display.Equation($"c_{{{rec.Target.Points}}}\\left({Wick.Algebra.Symbol.Width(d.Layer.Previous).ToLatex()}\\right)", rec.WidthFactor!.ToLatex()).Continue(f.ToLatex());
        }
        if (d.Solution is { } s)
        {
            display.Equation(s.ToSyntax(), "solution");
            display.Equation(s.ConstantWidthSyntax(), "constant width");
        }
        return display.ToString();
    }

    /// <summary>--model mlp in LaTeX; Gaussian expectations print as \langle\sigma_{\alpha_1}\sigma_{\alpha_2}\rangle_{K^{(\ell)}}.</summary>
    private static string MlpLatex(Derivation d)
    {
        var display = new LatexDisplay().Equation(d.InputLatex, d.FromBelow.ToLatex());
        if (d.Recursions.Count > 0)
        {
            display.Continue($"{d.LeadingOrder!.ToLatex()} + O\\left(\\frac{{1}}{{n}}\\right)");
            foreach (var rec in d.Recursions) display.Equation(rec.Target.ToLatex(), $"{rec.Step.ToLatex()} + O\\left(\\frac{{1}}{{n}}\\right)");
        }
        return display.ToString();
    }

    public static object Json(Derivation d) => new
    {
        input = d.Input,
        model = d.Mlp ? "mlp" : "linear",
        bias = d.Bias,
        leadingOrder = d.LeadingOrder?.ToString(),
        remainder = d.Mlp && d.Layer != Wick.Algebra.Layer.Concrete(1) ? "O(1/n)" : null,
        layer = d.Layer.ToString(),
        fromBelow = FromBelow(d, TextPrinter.Print, t => t.ToString()),
        structure = Structure(d, TextPrinter.Print, t => t.ToString()),
        structureLatex = Structure(d, LatexPrinter.Print, t => t.ToLatex()),
        // The pairing tensor of (3.44) as data when the structure is one: its indices and its number of terms.
        pairingTensor = !d.InOrbits && d.Structure.TryGetPairingTensor(out var pairing, out _) ? new { indices = pairing.Indices, pairings = pairing.TermCount.ToString() } : null,
        // Issue 16: the orbit form as data (null when written out).
        orbits = d.FromBelowOrbits is { } o ? new
        {
            points = o.Symmetry.Points.Select(p => p.ToString()).ToList(),
            deltaProducts = o.ExpandedCount,
            representatives = o.Terms.Select(t => new { deltas = o.Deltas(t).ToString(), orbitSize = t.Orbit.Size }).ToList(),
        } : null,
        recursions = d.Recursions.Select(r => new
        {
            target = r.Target.ToString(),
            step = d.InOrbits ? TextPrinter.Print(Step(r)) : r.Step.ToString(),
            latex = d.InOrbits ? $"{r.Target.ToLatex()} = {LatexPrinter.Print(Step(r))}" : r.ToLatex(),
            relabellings = d.Relabellings.TryGetValue(r.Target, out int n) ? n : (int?)null,
            description = r.Description,
            widthFactor = r.WidthFactor?.ToString(),
            widthFactorProduct = r.WidthFactorProduct?.ToString(),
        }).ToList(),
        settings = d.Settings.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString()),
        solution = d.Solution is null ? null : new { perLayer = d.Solution.ToString(), constantWidth = d.Solution.ConstantWidthForm(), atLayer = Derivation.ConcreteSolution(d.Solution, d.Layer) },
    };
}
