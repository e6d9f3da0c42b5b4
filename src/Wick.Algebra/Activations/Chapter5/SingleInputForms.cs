using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Checking;
using Wick.Algebra.Recursions;
using Wick.Algebra.Syntax;
using Index = Wick.Algebra.Syntax.Index;

namespace Wick.Algebra.Activations.Chapter5;

/// <summary>
/// The derived single-input recursions recognised in chapter 5's form (5.108)–(5.110), in the helper functions g, χ_∥, j
/// (5.49), (5.50), (5.111):
/// K^{(ℓ+1)} = C_b + C_W g(K^{(ℓ)}), V^{(ℓ+1)} = c χ_∥²(K) V^{(ℓ)} + C_W²[⟨σ⁴⟩ − ⟨σ²⟩²], G^{\{1\}(ℓ+1)} = c χ_∥(K) G^{\{1\}(ℓ)} + c ⅛ j(K) V/K².
/// Each part's coefficient is the exact quotient of the matching part of the derived step by the helper function's
/// value (c = n_ℓ/n_{ℓ−1} with per-layer widths, 1 under (5.107)); the whole is evaluated back and must equal the step.
/// </summary>
public static class SingleInputForms
{
    /// <summary>The chapter-5 form of a derived single-input K, V or G^{\{1\}} recursion; null for several inputs or layer 1.</summary>
    public static Identity? Recognise(Recursion derived, MlpModel model)
    {
        ArgumentNullException.ThrowIfNull(derived);
        ArgumentNullException.ThrowIfNull(model);
        var target = derived.Target;
        if (target.Indices.Distinct().Count() != 1 || target.Layer is not { } above || above == Layer.Concrete(1)) return null;
        var l = above.Previous;
        var k = new Quantity(QuantityKind.K, l, 2, EquatableList.Of<Index>());
        Expr F(KernelFunction f) => new HelperFunction(f, l);
        var sigma = new Field(FieldKind.Sigma, null, EquatableList.Of<Index>(), null);
        Expr Gauss(Expr body) => new GaussianExpectation(body, l);
        bool HasGaussian(Monomial m) => m.Symbols.Any(s => s.Kind == AtomKind.GaussianExpectation);
        bool Has(Monomial m, AtomKind kind) => m.Symbols.Any(s => s.Kind == kind);
        (Func<Monomial, bool> Part, Expr Template)[] parts = target.Kind switch
        {
            // (5.108)
            AtomKind.Kernel => [(m => !HasGaussian(m), new SymbolRef(Symbol.Cb)), (HasGaussian, Product.Of(new SymbolRef(Symbol.CW), F(KernelFunction.G)))],
            // (5.109)
            AtomKind.Vertex => [
                (m => Has(m, AtomKind.Vertex), Product.Of(new Power(F(KernelFunction.ChiParallel), 2), new Quantity(QuantityKind.V, l, 4, EquatableList.Of<Index>()))),
                (m => !Has(m, AtomKind.Vertex), Product.Of(new Power(new SymbolRef(Symbol.CW), 2), new Sum(EquatableList.Of<Expr>(
                    Gauss(new Power(sigma, 4)), new Negate(new Power(Gauss(new Power(sigma, 2)), 2)))))),
            ],
            // (5.110)
            AtomKind.NloMetric => [
                (m => Has(m, AtomKind.NloMetric), Product.Of(F(KernelFunction.ChiParallel), new Quantity(QuantityKind.G1, l, 2, EquatableList.Of<Index>()))),
                (m => Has(m, AtomKind.Vertex), new Quotient(Product.Of(F(KernelFunction.J), new Quantity(QuantityKind.V, l, 4, EquatableList.Of<Index>())), new Power(k, 2))),
            ],
            _ => [],
        };
        if (parts.Length == 0) return null;
        var evaluator = new ExpressionEvaluator(bias: true) { Mlp = true, MlpModel = model };
        Polynomial Value(Expr e) => model.ApplyWidths(GaussianReducer.NormalizeAll(
            evaluator.Evaluate(e).TryGetScalar(out var v) ? v : throw new InvalidOperationException("A helper-function template is not a scalar."), model.Activation));
        var terms = new List<Expr>();
        var covered = Polynomial.Zero;
        foreach (var (part, template) in parts)
        {
            var piece = derived.Step.Where(part);
            if (piece.IsZero) continue;
            var value = Value(template);
            if (value.IsZero || !piece.TryDivideExactly(value, out var coefficient) || coefficient.Symbols.Any(s => s.Kind == AtomKind.GaussianExpectation || s.IsQuantity))
                return null; // not of the book's shape (e.g. an activation that evaluates the helper function to a number)
            terms.Add(coefficient == Polynomial.One ? template : PolynomialSyntax.Times(PolynomialSyntax.ToExpr(coefficient), template));
            covered += piece;
        }
        if (!(covered - derived.Step).IsZero || terms.Count == 0) return null;
        var rhs = terms.Count == 1 ? terms[0] : new Sum(terms.ToEquatableList());
        var lhs = new Quantity(target.Kind switch { AtomKind.Kernel => QuantityKind.K, AtomKind.Vertex => QuantityKind.V, _ => QuantityKind.G1 },
            above, target.Kind == AtomKind.Vertex ? 4 : 2, EquatableList.Of<Index>());
        var identity = new Identity(lhs, rhs, null) { Tag = target.Kind switch { AtomKind.Kernel => "5.108", AtomKind.Vertex => "5.109", _ => "5.110" } };
        if (!(Value(rhs) - derived.Step).IsZero)
            throw new InvalidOperationException($"The chapter-5 form {TextPrinter.Print(identity)} does not evaluate to the derived step.");
        return identity;
    }
}
