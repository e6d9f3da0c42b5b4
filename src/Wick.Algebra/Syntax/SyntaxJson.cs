using System.Text.Json.Nodes;
using Wick.Algebra;

namespace Wick.Algebra.Syntax;

/// <summary>The syntax tree as JSON (what <c>wick parse --format json</c> prints under <c>"tree"</c>).</summary>
public static class SyntaxJson
{
    /// <summary>One JSON object per node: <c>{"node":"Field","kind":"Z","layer":"l+1","neural":[…],"sample":…}</c>.</summary>
    public static JsonObject ToJson(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var o = new JsonObject { ["node"] = e.GetType().Name };
        switch (e)
        {
            case Index i:
                o["name"] = i.Name; o["kind"] = i.Kind.ToString(); o["layer"] = LayerText(i.Layer);
                break;
            case Field f:
                o["kind"] = f.Kind.ToString(); o["layer"] = LayerText(f.Layer);
                o["neural"] = Array(f.Neural); o["sample"] = f.Sample is null ? null : ToJson(f.Sample);
                if (f.Derivative != 0) o["derivative"] = f.Derivative;
                break;
            case Delta d: o["a"] = ToJson(d.A); o["b"] = ToJson(d.B); break;
            case PairingSum ps: o["indices"] = Array(ps.Indices); break;
            case OrbitSum os: o["overPoints"] = os.OverPoints; o["neural"] = Array(os.Neural); o["samples"] = Array(os.Samples); o["body"] = ToJson(os.Body); break;
            case Number n: o["value"] = n.Value.ToString(); break;
            case SymbolRef s:
                o["name"] = s.Symbol.PlainName ?? s.Symbol.ToString(); o["atom"] = s.Symbol.Kind.ToString(); o["layer"] = LayerText(s.Symbol.Layer); o["isWidth"] = s.Symbol.IsWidth;
                break;
            case Sum s: o["terms"] = Array(s.Terms); break;
            case Product p: o["factors"] = Array(p.Factors); break;
            case Power p: o["base"] = ToJson(p.Base); o["exponent"] = p.Exponent; break;
            case Quotient q: o["numerator"] = ToJson(q.Numerator); o["denominator"] = ToJson(q.Denominator); break;
            case Negate n: o["operand"] = ToJson(n.Operand); break;
            case IndexSum s:
                o["indices"] = Array(s.Indices);
                o["lower"] = s.Lower is null ? null : ToJson(s.Lower);
                o["upper"] = s.Upper is null ? null : ToJson(s.Upper);
                o["body"] = ToJson(s.Body);
                break;
            case Expectation x: o["connected"] = x.Connected; o["body"] = ToJson(x.Body); break;
            case Quantity q:
                o["kind"] = q.Kind.ToString(); o["layer"] = q.Layer.ToString(); o["points"] = q.Points; o["indices"] = Array(q.Indices);
                break;
            case CoefficientC c: o["points"] = c.Points; o["argument"] = ToJson(c.Argument); break;
            case GaussianExpectation g:
                o["kernelLayer"] = g.KernelLayer.ToString(); o["body"] = ToJson(g.Body);
                if (g.WrittenWithMetric) o["metric"] = true;
                break;
            case HelperFunction h: o["function"] = h.Function.ToString(); o["kernelLayer"] = h.Layer.ToString(); break;
            case BigO b: o["scale"] = ToJson(b.Scale); break;
            case LayerRange lp:
                o["variable"] = lp.Variable; o["lower"] = lp.Lower.ToString(); o["upper"] = lp.Upper.ToString(); o["body"] = ToJson(lp.Body);
                break;
            case DepthPower dp: o["base"] = ToJson(dp.Base); o["multiplier"] = dp.Multiplier; o["depth"] = dp.Depth.ToString(); break;
            case Identity id:
                o["lhs"] = ToJson(id.Lhs); o["rhs"] = ToJson(id.Rhs);
                o["remainder"] = id.Remainder is null ? null : ToJson(id.Remainder);
                o["tag"] = id.Tag;
                break;
        }
        return o;
    }

    private static string? LayerText(Layer? layer) => layer?.ToString();

    private static JsonArray Array<T>(IEnumerable<T> items) where T : Expr =>
        new(items.Select(i => (JsonNode?)ToJson(i)).ToArray());
}
