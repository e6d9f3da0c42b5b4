namespace Wick.Algebra.Syntax;

/// <summary>The book's single-input helper functions of the kernel (chapter 5).</summary>
public enum KernelFunction
{
    /// <summary>g(K) = ⟨σσ⟩_K (5.49).</summary>
    G,
    /// <summary>χ_∥(K) = C_W g'(K) = C_W/(2K²) ⟨σσ(z² − K)⟩_K (5.50).</summary>
    ChiParallel,
    /// <summary>χ_⊥(K) = C_W ⟨σ'σ'⟩_K (5.51).</summary>
    ChiPerp,
    /// <summary>h(K) = C_W/(4K²) ⟨σ'σ'(z² − K)⟩_K = ½ dχ_⊥/dK (5.52).</summary>
    H,
    /// <summary>j(K) = C_W ⟨σσ[(z²/K)² − 6 z²/K + 3]⟩_K (5.111).</summary>
    J,
}

/// <summary>
/// The definitions of the helper functions as syntax: a function of K^{(ℓ)} is the Gaussian expectation that defines it,
/// so g(K^{(ℓ)}), χ_∥(K^{(ℓ)}), … read as the book writes them and evaluate through the same Gaussian calculus as ⟨…⟩_K.
/// These are notation (the book's definitions), not results: the recursions (5.108)–(5.110) that use them are derived.
/// </summary>
public static class KernelFunctions
{
    /// <summary>The ASCII spelling of the function's name: g, chi_par, chi_perp, h, j.</summary>
    public static string Ascii(KernelFunction f) => f switch
    {
        KernelFunction.G => "g",
        KernelFunction.ChiParallel => "chi_par",
        KernelFunction.ChiPerp => "chi_perp",
        KernelFunction.H => "h",
        _ => "j",
    };

    /// <summary>The LaTeX spelling of the function's name: g, \chi_{\parallel}, \chi_{\perp}, h, j.</summary>
    public static string Latex(KernelFunction f) => f switch
    {
        KernelFunction.ChiParallel => "\\chi_{\\parallel}",
        KernelFunction.ChiPerp => "\\chi_{\\perp}",
        _ => Ascii(f),
    };

    /// <summary>How the function is spelled in messages: g(K), chi_par(K), chi_perp(K), h(K), j(K).</summary>
    public static string Name(KernelFunction f) => Ascii(f) + "(K)";

    /// <summary>The defining expression of <paramref name="f"/> at the single-input kernel K^{(<paramref name="layer"/>)}.</summary>
    public static Expr Definition(KernelFunction f, Layer layer)
    {
        var k = new Quantity(QuantityKind.K, layer, 2, EquatableList.Of<Index>());
        var sigma = new Field(FieldKind.Sigma, null, EquatableList.Of<Index>(), null);
        var sigmaPrime = sigma with { Derivative = 1 };
        var z = new Field(FieldKind.Z, null, EquatableList.Of<Index>(), null);
        var cw = new SymbolRef(Symbol.CW);
        Expr N(int v) => new Number(v);
        Expr Gauss(params Expr[] body) => new GaussianExpectation(Product.Of(body), layer);
        Expr Centred() => new Sum(EquatableList.Of<Expr>(new Power(z, 2), new Negate(k))); // z² − K
        Expr Over(Expr numerator, int c, int kPower) => new Quotient(numerator, c == 1 ? new Power(k, kPower) : Product.Of(N(c), new Power(k, kPower)));
        return f switch
        {
            KernelFunction.G => Gauss(sigma, sigma),
            KernelFunction.ChiParallel => Over(Product.Of(cw, Gauss(sigma, sigma, Centred())), 2, 2),
            KernelFunction.ChiPerp => Product.Of(cw, Gauss(sigmaPrime, sigmaPrime)),
            KernelFunction.H => Over(Product.Of(cw, Gauss(sigmaPrime, sigmaPrime, Centred())), 4, 2),
            // (z²/K)² − 6 z²/K + 3 = (z⁴ − 6 K z² + 3 K²)/K²
            _ => Over(Product.Of(cw, Gauss(sigma, sigma, new Sum(EquatableList.Of<Expr>(
                new Power(z, 4), new Negate(Product.Of(N(6), k, new Power(z, 2))), Product.Of(N(3), new Power(k, 2)))))), 1, 2),
        };
    }
}
