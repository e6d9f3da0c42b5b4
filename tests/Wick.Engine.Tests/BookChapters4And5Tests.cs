using Wick.Algebra;
using Wick.Algebra.Activations.Chapter4;
using Wick.Algebra.Checking;
using Wick.Algebra.Syntax;
using Wick.Parser;

namespace Wick.Engine.Tests;

/// <summary>
/// Issue 10: the book's chapter-4 and chapter-5 equations as printed (copied verbatim from the reference texts, tags and
/// alignment included) check through the derived mlp recursions; each is also checked false with one coefficient changed.
/// Per-layer hyperparameters, the helper functions g, χ_∥, χ_⊥, h, j (5.49)–(5.52), (5.111), raised indices and the
/// scale-invariant class (5.113)–(5.117).
/// </summary>
public class BookChapters4And5Tests
{
    private static CheckResult Mlp(string identity, string activation = "sigma", bool equalWidths = false) =>
        IdentityChecker.Check(WickParser.ParseIdentity(identity), bias: true, mlp: true,
            model: new MlpModel(MlpModel.ActivationNamed(activation)!, equalWidths));

    private static void HoldsAndPerturbedDoesNot(string identity, string perturbed, string activation = "sigma", bool equalWidths = false)
    {
        var ok = Mlp(identity, activation, equalWidths);
        Assert.That(ok.Holds, Is.True, $"{identity}: lhs - rhs = {ok.DifferenceText}");
        Assert.That(Mlp(perturbed, activation, equalWidths).Holds, Is.False, perturbed);
    }

    // (4.118), (4.119), (4.115) exactly as reference/000 prints them (per-layer C_W^{(ℓ+1)}, raised indices, \dots in the sums).
    private const string Eq4118 = @"$$K_{\alpha_1\alpha_2}^{(\ell+1)} = C_b^{(\ell+1)} + C_W^{(\ell+1)} \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(\ell)}}, \quad (4.118)$$";

    private const string Eq4115 = @"\begin{aligned} & \frac{1}{n_\ell} G_{\alpha_1\alpha_2}^{\{1\}(\ell+1)} \\ &= C_W^{(\ell+1)} \frac{1}{n_{\ell-1}} \sum_{\beta_1, \dots, \beta_4 \in \mathcal{D}} \left[ \frac{1}{2} K_{(\ell)}^{\beta_1\beta_3} K_{(\ell)}^{\beta_2\beta_4} G_{\beta_3\beta_4}^{\{1\}(\ell)} \left\langle \sigma_{\alpha_1} \sigma_{\alpha_2} \left( z_{\beta_1} z_{\beta_2} - K_{\beta_1\beta_2}^{(\ell)} \right) \right\rangle_{K^{(\ell)}} \right. \\ & \quad + \frac{1}{8} V_{(\ell)}^{(\beta_1\beta_2)(\beta_3\beta_4)} \left\langle \sigma_{\alpha_1} \sigma_{\alpha_2} \left( z_{\beta_1} z_{\beta_2} - K_{\beta_1\beta_2}^{(\ell)} \right) \left( z_{\beta_3} z_{\beta_4} - K_{\beta_3\beta_4}^{(\ell)} \right) \right\rangle_{K^{(\ell)}} \\ & \quad \left. + \frac{1}{4} V_{(\ell)}^{(\beta_1\beta_3)(\beta_2\beta_4)} K_{\beta_3\beta_4}^{(\ell)} \left\langle \sigma_{\alpha_1} \sigma_{\alpha_2} \left( -2z_{\beta_1} z_{\beta_2} + K_{\beta_1\beta_2}^{(\ell)} \right) \right\rangle_{K^{(\ell)}} \right]. \end{aligned} \quad (4.115)";

    // (4.119) as transcribed in reference/000: the vertex inside the sum with LOWERED indices (the known misprint).
    private const string Eq4119Transcribed = @"\begin{aligned} V_{(\alpha_1\alpha_2)(\alpha_3\alpha_4)}^{(\ell+1)} &= \left( C_W^{(\ell+1)} \right)^2 \left[ \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \sigma_{\alpha_3} \sigma_{\alpha_4} \rangle_{K^{(\ell)}} - \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(\ell)}} \langle \sigma_{\alpha_3} \sigma_{\alpha_4} \rangle_{K^{(\ell)}} \right] \\ &\quad + \frac{1}{4} \left( C_W^{(\ell+1)} \right)^2 \frac{n_{\ell}}{n_{\ell-1}} \sum_{\beta_1, \dots, \beta_4 \in \mathcal{D}} V_{(\beta_1\beta_2)(\beta_3\beta_4)}^{(\ell)} \left\langle \sigma_{\alpha_1} \sigma_{\alpha_2} \left( z_{\beta_1} z_{\beta_2} - K_{\beta_1\beta_2}^{(\ell)} \right) \right\rangle_{K^{(\ell)}} \\ &\quad \times \left\langle \sigma_{\alpha_3} \sigma_{\alpha_4} \left( z_{\beta_3} z_{\beta_4} - K_{\beta_3\beta_4}^{(\ell)} \right) \right\rangle_{K^{(\ell)}} + O\left(\frac{1}{n}\right), \end{aligned} \quad (4.119)";

    // (4.119) with the vertex raised as (4.90) and the sentence after (4.119) say.
    private static readonly string Eq4119Raised = Eq4119Transcribed.Replace(
        @"V_{(\beta_1\beta_2)(\beta_3\beta_4)}^{(\ell)}", @"V_{(\ell)}^{(\beta_1\beta_2)(\beta_3\beta_4)}", StringComparison.Ordinal);

    [Test]
    public void Eq_4_118_as_printed_holds_with_per_layer_hyperparameters() =>
        HoldsAndPerturbedDoesNot(Eq4118, Eq4118.Replace("C_b^{(\\ell+1)}", "2 C_b^{(\\ell+1)}", StringComparison.Ordinal));

    [Test]
    public void Eq_4_115_as_printed_holds() =>
        HoldsAndPerturbedDoesNot(Eq4115, Eq4115.Replace(@"\frac{1}{8} V_{(\ell)}", @"\frac{1}{4} V_{(\ell)}", StringComparison.Ordinal));

    [Test]
    public void Eq_4_119_holds_with_the_vertex_raised_and_not_as_transcribed()
    {
        Assert.That(Mlp(Eq4119Raised).Holds, Is.True);
        var exact = Eq4119Raised.Replace(@" + O\left(\frac{1}{n}\right)", "", StringComparison.Ordinal);
        Assert.That(exact, Is.Not.EqualTo(Eq4119Raised));
        HoldsAndPerturbedDoesNot(exact, exact.Replace(@"\frac{1}{4} \left( C_W", @"\frac{1}{2} \left( C_W", StringComparison.Ordinal));
        var lowered = Mlp(Eq4119Transcribed);
        Assert.That(lowered.Holds, Is.False, "the lowered vertex of the transcription is the misprint");
        Assert.That(lowered.DifferenceText, Does.Contain("V^(l)"));
    }

    // (5.108)–(5.110) exactly as reference/003 prints them, under the book's equal widths (5.107).
    [TestCase(@"K^{(\ell+1)} = C_b + C_W g(K^{(\ell)}), \quad (5.108)", @"K^{(\ell+1)} = C_b + 2 C_W g(K^{(\ell)})")]
    [TestCase(@"V^{(\ell+1)} = \chi_{\parallel}^2(K^{(\ell)}) V^{(\ell)} + C_W^2 \left[\langle \sigma^4(z) \rangle_{K^{(\ell)}} - \langle \sigma^2(z) \rangle_{K^{(\ell)}}^2 \right], \quad (5.109)",
        @"V^{(\ell+1)} = \chi_{\parallel}^2(K^{(\ell)}) V^{(\ell)} + C_W^2 \left[\langle \sigma^4(z) \rangle_{K^{(\ell)}} - 2 \langle \sigma^2(z) \rangle_{K^{(\ell)}}^2 \right]")]
    [TestCase(@"G^{\{1\}(\ell+1)} = \chi_{\parallel}(K^{(\ell)}) G^{\{1\}(\ell)} + \frac{1}{8} j(K^{(\ell)}) \frac{V^{(\ell)}}{(K^{(\ell)})^2}, \quad (5.110)",
        @"G^{\{1\}(\ell+1)} = \chi_{\parallel}(K^{(\ell)}) G^{\{1\}(\ell)} + \frac{1}{4} j(K^{(\ell)}) \frac{V^{(\ell)}}{(K^{(\ell)})^2}")]
    public void Single_input_chapter_5_forms_as_printed(string identity, string perturbed) =>
        HoldsAndPerturbedDoesNot(identity, perturbed, equalWidths: true);

    [Test]
    public void The_vertex_recursion_needs_equal_widths_or_the_width_ratio()
    {
        const string printed = @"V^{(\ell+1)} = \chi_{\parallel}^2(K^{(\ell)}) V^{(\ell)} + C_W^2 \left[\langle \sigma^4(z) \rangle_{K^{(\ell)}} - \langle \sigma^2(z) \rangle_{K^{(\ell)}}^2 \right]";
        Assert.That(Mlp(printed).Holds, Is.False, "per-layer widths: (5.109) lacks n_l/n_{l-1}");
        Assert.That(Mlp(printed.Replace(@"V^{(\ell)} +", @"\frac{n_\ell}{n_{\ell-1}} V^{(\ell)} +", StringComparison.Ordinal)).Holds, Is.True);
    }

    // Identities between the forms: (5.50), (5.52) through integration by parts; both ways.
    [TestCase("chi_par(K^(l)) = C_W/K^(l) <z sigma'(z) sigma(z)>_{K^(l)}", "chi_par(K^(l)) = C_W/(2 K^(l)) <z sigma'(z) sigma(z)>_{K^(l)}")]
    [TestCase(@"\chi_{\parallel}(K^{(\ell)}) = \frac{C_W}{2 (K^{(\ell)})^2} \left\langle \sigma(z) \sigma(z) (z^2 - K^{(\ell)}) \right\rangle_{K^{(\ell)}}",
        @"\chi_{\parallel}(K^{(\ell)}) = \frac{C_W}{(K^{(\ell)})^2} \left\langle \sigma(z) \sigma(z) (z^2 - K^{(\ell)}) \right\rangle_{K^{(\ell)}}")]
    [TestCase("h(K^(l)) = C_W/2 (<sigma''(z) sigma''(z)>_{K^(l)} + <sigma'(z) sigma'''(z)>_{K^(l)})", "h(K^(l)) = C_W/4 (<sigma''(z) sigma''(z)>_{K^(l)} + <sigma'(z) sigma'''(z)>_{K^(l)})")]
    [TestCase(@"\chi_{\perp}(K^{(\ell)}) = C_W \langle \sigma'(z) \sigma'(z) \rangle_{K^{(\ell)}}", @"\chi_{\perp}(K^{(\ell)}) = C_W \langle \sigma(z) \sigma'(z) \rangle_{K^{(\ell)}}")]
    public void Helper_function_identities(string identity, string perturbed) => HoldsAndPerturbedDoesNot(identity, perturbed);

    // The scale-invariant class, ReLU (5.113)–(5.117): half-line integrals, h = j = 0, derived recursions.
    [TestCase("g(K^(l)) = K^(l)/2", "g(K^(l)) = K^(l)")]
    [TestCase("chi_par(K^(l)) = C_W/2", "chi_par(K^(l)) = C_W")]
    [TestCase("chi_perp(K^(l)) = chi_par(K^(l))", "chi_perp(K^(l)) = 2 chi_par(K^(l))")]
    [TestCase("h(K^(l)) = 0", "h(K^(l)) = C_W")]
    [TestCase("j(K^(l)) = 0", "j(K^(l)) = C_W/8")]
    [TestCase("V^(l+1) = C_W^2/4 (5 K^(l)^2 + V^(l))", "V^(l+1) = C_W^2/4 (5 K^(l)^2 + 2 V^(l))")]
    [TestCase("G1^(l+1) = C_W/2 G1^(l)", "G1^(l+1) = C_W/2 G1^(l) + V^(l)/(8 K^(l))")]
    public void Relu_scale_invariant_class(string identity, string perturbed) =>
        HoldsAndPerturbedDoesNot(identity, perturbed, "relu", equalWidths: true);

    [Test]
    public void Linear_activation_has_no_nlo_metric_source() =>
        HoldsAndPerturbedDoesNot("G1^(l+1) = C_W G1^(l)", "G1^(l+1) = C_W G1^(l) + V^(l)/K^(l)", "linear", equalWidths: true);

    [Test]
    public void A_concrete_activation_that_leaves_expectations_unevaluated_cannot_decide() =>
        Assert.Throws<CannotDecideException>(() => Mlp("V^(l+1)_{(a a)(b b)} = 0", "relu"));

    [Test]
    public void Raised_kernel_contracts_in_the_mlp_model()
    {
        HoldsAndPerturbedDoesNot("sum_{b} K_(l)^{a b} K^(l)_{b c} = delta_{a c}", "sum_{b} K_(l)^{a b} K^(l)_{b c} = 2 delta_{a c}");
        HoldsAndPerturbedDoesNot("sum_{b} K^(l)^{a b} K^(l)_{b c} = delta_{a c}", "sum_{b} K^(l)^{a b} K^(l)_{b c} = 0");
    }

    // Per-layer hyperparameters: each derived step binds C_W, C_b to the layer it produces.
    [TestCase("G2^(l+1) = C_W^(l+1) G2^(l)", "G2^(l+1) = C_W^(l) G2^(l)", false)]
    [TestCase("G2^(3) = C_W^(3) C_W^(2) G2^(1)", "G2^(3) = C_W^(3) C_W^(3) G2^(1)", false)]
    [TestCase("G2^(2) = C_b^(2) + C_W^(2) C_b^(1) + C_W^(2) C_W^(1) G2^(0)", "G2^(2) = C_b^(2) + C_W^(2) C_b^(2) + C_W^(2) C_W^(1) G2^(0)", true)]
    public void Per_layer_hyperparameters_in_the_deep_linear_model(string identity, string perturbed, bool bias)
    {
        Assert.That(IdentityChecker.Check(WickParser.ParseIdentity(identity), bias).Holds, Is.True, identity);
        Assert.That(IdentityChecker.Check(WickParser.ParseIdentity(perturbed), bias).Holds, Is.False, perturbed);
    }

    [Test]
    public void Mixing_per_layer_and_layer_independent_hyperparameters_is_refused() =>
        Assert.Throws<EvaluationException>(() => IdentityChecker.Check(WickParser.ParseIdentity("G2^(l+1) = C_W^(l+1) G2^(l) + C_W G2^(l) - C_W G2^(l)"), false));

    // derive prints the single-input recursions in chapter 5's form; the printed line parses back and checks, and the
    // expected shape is the book's (5.108)–(5.110).
    [TestCase("K^(l+1)", "sigma", false, "K^(l+1) = C_b + C_W g(K^(l))")]
    [TestCase("V^(l+1)", "sigma", true, "V^(l+1) = chi_par(K^(l))^2 V^(l) + C_W^2 (<sigma^4>_{K^(l)} - <sigma^2>_{K^(l)}^2)")]
    [TestCase("V^(l+1)", "sigma", false, "V^(l+1) = n_l/n_{l-1} chi_par(K^(l))^2 V^(l) + C_W^2 (<sigma^4>_{K^(l)} - <sigma^2>_{K^(l)}^2)")]
    [TestCase("G1^(l+1)", "sigma", true, "G1^(l+1) = chi_par(K^(l)) G1^(l) + 1/8 (j(K^(l)) V^(l))/(K^(l))^2")]
    [TestCase("G1^(l+1)", "relu", true, "G1^(l+1) = chi_par(K^(l)) G1^(l)")]
    public void Derived_single_input_forms_are_chapter_5s(string quantity, string activation, bool equalWidths, string expected)
    {
        var model = new MlpModel(MlpModel.ActivationNamed(activation)!, equalWidths);
        var text = WickEngine.Derive(new DeriveRequest(quantity) { Model = NetworkModel.Mlp, Activation = model }).Text();
        var line = text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(quantity + " = ", StringComparison.Ordinal));
        Assert.That(line, Does.StartWith(expected + " \\quad (5.1"));
        var check = WickEngine.Check(new CheckRequest(line) { Model = NetworkModel.Mlp, Activation = model });
        Assert.That(check.Holds, Is.True, line);
        Assert.That(check.Tag, Does.StartWith("5.1"));
    }

    // Reading: sigma^4(z) is a power of sigma(z); g(K) is a function, not g times K; both print back and re-parse.
    [TestCase(@"\langle \sigma^4(z) \rangle_{K^{(\ell)}}")]
    [TestCase(@"\chi_{\parallel}^2(K^{(\ell)}) + g(K^{(\ell)}) + j(K^{(\ell)}) + h(K^{(\ell)})")]
    [TestCase("<sigma sigma (z^2 - K^(l))>_{K^(l)}")]
    [TestCase("sum_{b1,b2,b3,b4} V_(l)^{(b1 b2)(b3 b4)} K^(l)_{b1 b2} K^(l)_{b3 b4}")]
    public void Book_spellings_print_back_and_reparse(string source)
    {
        var parsed = WickParser.Parse(source);
        var text = TextPrinter.Print(parsed);
        Assert.That(WickParser.Parse(text), Is.EqualTo(parsed), text);
    }

    [Test]
    public void Sigma_power_of_z_is_not_a_product_with_z()
    {
        var g = (GaussianExpectation)WickParser.Parse("<sigma^4(z)>_{K^(l)}");
        Assert.That(g.Body, Is.TypeOf<Power>());
        Assert.That(((Power)g.Body).Exponent, Is.EqualTo(4));
        Assert.That(WickParser.Parse("g(K^(l))"), Is.Not.TypeOf<Product>());
    }

    [TestCase(@"\sum_{\beta_1, \dots, \alpha_4 \in \mathcal{D}} K^{(\ell)}_{\beta_1\alpha_4}")]
    [TestCase(@"\sum_{\beta_3, \dots, \beta_1 \in \mathcal{D}} K^{(\ell)}_{\beta_1\beta_3}")]
    [TestCase(@"\sum_{\dots, \beta_4} K^{(\ell)}_{\beta_4\beta_4}")]
    [TestCase("chi_{xyz}(K^(l))")]
    [TestCase("g(K^(l)_{a b})")]
    public void Malformed_book_spellings_are_located_errors(string source) =>
        Assert.Throws<ParseException>(() => WickParser.Parse(source));
}
