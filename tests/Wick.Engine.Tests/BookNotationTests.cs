using Wick.Algebra;
using Wick.Algebra.Checking;
using Wick.Parser;
using Symbol = Wick.Algebra.Symbol;

namespace Wick.Engine.Tests;

/// <summary>
/// The book's notation (issue 14), each construct both ways: true as written (several spellings) holds, one coefficient
/// changed does not, what the engine cannot decide is refused (exit 2), bad input is a located parse error.
/// </summary>
public class BookNotationTests
{
    private static readonly Dictionary<Symbol, Polynomial> Critical = new() { [Symbol.CW] = Polynomial.One };

    private static string Verdict(string identity, bool bias = false, bool mlp = false, Notation notation = Notation.Book,
        IReadOnlyDictionary<Symbol, Polynomial>? settings = null)
    {
        try
        {
            var report = WickEngine.Check(new CheckRequest(identity)
            {
                Bias = bias, Model = mlp ? NetworkModel.Mlp : NetworkModel.Linear, Notation = notation,
                Settings = settings ?? new Dictionary<Symbol, Polynomial>(),
            });
            return report.Holds ? "holds" : "fails";
        }
        catch (ParseException) { return "parse error"; }
        catch (EvaluationException) { return "refused"; }
    }

    // Chains a = b = c: every link checked.
    [TestCase("holds", "G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) = C_W^2 G4^(l) + 2 C_W^2 G4^(l)/n_l")]
    [TestCase("holds", @"G_4^{(\ell+1)} \equiv C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)} := C_W^2 G_4^{(\ell)} + \frac{2 C_W^2}{n_\ell} G_4^{(\ell)}")]
    [TestCase("fails", "G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l) = C_W^2 G4^(l) + 3 C_W^2 G4^(l)/n_l")]
    [TestCase("fails", "G4^(l+1) = C_W^2 (1 + 3/n_l) G4^(l) = C_W^2 G4^(l) + 2 C_W^2 G4^(l)/n_l")]
    [TestCase("refused", "G4^(l) = G4^(2) = G4^(l)")]
    // E[W W z z] and E[b b]: Wick pairings of one layer's parameters (3.11), (3.20), (4.3).
    [TestCase("holds", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = sum_{j1,j2=1}^{n_l} E[W^(l+1)_{i1 j1} W^(l+1)_{i2 j2}] E[z^(l)_{j1;a1} z^(l)_{j2;a2}]")]
    [TestCase("holds", "E[W^(l+1)_{i1 j1} W^(l+1)_{i2 j2}] = delta_{i1 i2} delta_{j1 j2} C_W/n_l")]
    [TestCase("fails", "E[W^(l+1)_{i1 j1} W^(l+1)_{i2 j2}] = delta_{i1 i2} delta_{j1 j2} C_W/n_{l+1}")]
    [TestCase("fails", "E[W^(l+1)_{i1 j1} W^(l+1)_{i2 j2}] = 2 delta_{i1 i2} delta_{j1 j2} C_W/n_l")]
    [TestCase("refused", "E[W^(l+1)_{i1 j1} W^(l+1)_{i2 j2} z^(l+1)_{k1} z^(l+1)_{k2}] = 0")]
    // Inputs as data: sum_j x_j x_j = n_0 G^(0) (3.9), (3.19).
    [TestCase("holds", @"G_2^{(0)} = \frac{1}{n_0} \sum_{j=1}^{n_0} x_j x_j")]
    [TestCase("holds", "G^(0)_{a b} = 1/n_0 sum_{j=1}^{n_0} x_{j;a} x_{j;b}")]
    [TestCase("fails", @"G_2^{(0)} = \frac{2}{n_0} \sum_{j=1}^{n_0} x_j x_j")]
    // e^{c r} up to O(r^k) at criticality (3.56).
    [TestCase("holds", @"G_4^{(L)} - \left(G_2^{(L)}\right)^2 = \left(e^{2r} - 1\right) \left(G_2^{(0)}\right)^2 + O(r^2)", true)]
    [TestCase("fails", @"G_4^{(L)} - \left(G_2^{(L)}\right)^2 = \left(e^{3r} - 1\right) \left(G_2^{(0)}\right)^2 + O(r^2)", true)]
    [TestCase("refused", @"G_4^{(L)} - \left(G_2^{(L)}\right)^2 = 2 r \left(G_2^{(0)}\right)^2 + O(r^2)", false)]
    [TestCase("refused", @"G_4^{(L)} - \left(G_2^{(L)}\right)^2 = \left(e^{2r} - 1\right) \left(G_2^{(0)}\right)^2", true)]
    public void Linear(string expected, string identity, bool critical = false) =>
        Assert.That(Verdict(identity, settings: critical ? Critical : null), Is.EqualTo(expected), identity);

    // Statements for general m, decided for m = 1 … GeneralMBound and said so.
    [Test]
    public void A_statement_for_general_m_is_decided_up_to_a_stated_bound()
    {
        var report = WickEngine.Check(new CheckRequest(@"G_{2m}^{(\ell+1)} = c_{2m}(n_{\ell}) C_W^m G_{2m}^{(\ell)}"));
        Assert.That(report.Holds, Is.True);
        Assert.That(report.Text(), Does.Contain($"holds for m = 1…{WickEngine.GeneralMBound}; not proven for all m"));
        var wrong = WickEngine.Check(new CheckRequest(@"G_{2m}^{(\ell+1)} = c_{2m}(n_{\ell}) C_W^{2m} G_{2m}^{(\ell)}"));
        Assert.That(wrong.Holds, Is.False);
        Assert.That(wrong.FailsAtM, Is.EqualTo(1));
        Assert.That(Verdict(@"c_{2m}(n) = \prod_{k=1}^{m-1}\left(1 + \frac{2k}{n}\right)"), Is.EqualTo("holds"));
        Assert.That(Verdict(@"c_{2m}(n) = \prod_{k=1}^{m-1}\left(1 + \frac{k}{n}\right)"), Is.EqualTo("fails"));
        Assert.That(Verdict(@"c_{2m}(n) = 1 + \frac{m(m-1)}{n} + O\left(\frac{1}{n^2}\right)"), Is.EqualTo("holds"));
        Assert.That(Verdict(@"c_{2m}(n) = 1 + \frac{m(m+1)}{n} + O\left(\frac{1}{n^2}\right)"), Is.EqualTo("fails"));
    }

    // The lectures' notation: read with --notation lectures, refused with the book's spelling otherwise.
    [TestCase("holds", @"G_{\alpha\beta}^l = \sigma_w^2 G_{\alpha\beta}^{l-1}")]
    [TestCase("holds", @"G_{\alpha\beta}^l = (\sigma_w^2)^l G_{\alpha\beta}^0")]
    [TestCase("fails", @"G_{\alpha\beta}^l = (\sigma_w^2)^{l+1} G_{\alpha\beta}^0")]
    [TestCase("holds", @"G_4^l = (\sigma_w^2)^2 \left(1 + \frac{2}{n}\right) G_4^{l-1}")]
    [TestCase("fails", @"G_4^l = (\sigma_w^2)^2 \left(1 + \frac{4}{n}\right) G_4^{l-1}")]
    public void Lectures(string expected, string identity)
    {
        Assert.That(Verdict(identity, notation: Notation.Lectures), Is.EqualTo(expected));
        var e = Assert.Throws<ParseException>(() => WickParser.ParseChain(identity))!;
        Assert.That(e.Diagnostic.Message, Does.Contain("--notation lectures"));
    }

    // Per-layer constants of chapter 4 in a one-step mlp identity (4.118), and g(K) (5.108). C_b^{(ℓ)} in the step to
    // layer ℓ+1 is another layer's bias variance (LayerHyperparameters): the identity is false for that model.
    [TestCase("holds", @"K_{\alpha_1\alpha_2}^{(\ell+1)} = C_b^{(\ell+1)} + C_W^{(\ell+1)} \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(\ell)}}")]
    [TestCase("fails", @"K_{\alpha_1\alpha_2}^{(\ell+1)} = C_b^{(\ell+1)} + 2 C_W^{(\ell+1)} \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(\ell)}}")]
    [TestCase("fails", @"K_{\alpha_1\alpha_2}^{(\ell+1)} = C_b^{(\ell)} + C_W^{(\ell+1)} \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(\ell)}}")]
    [TestCase("holds", @"K^{(\ell+1)} = C_b + C_W g(K^{(\ell)})")]
    [TestCase("fails", @"K^{(\ell+1)} = C_b + 2 C_W g(K^{(\ell)})")]
    public void Mlp(string expected, string identity) => Assert.That(Verdict(identity, mlp: true), Is.EqualTo(expected), identity);

    [Test]
    public void Functions_and_dots_are_read_or_refused_never_multiplied()
    {
        foreach (var text in new[] { @"G_2^{(\ell)} = G^{(\ell)}(x, y)", @"K^{(\ell+1)} = C_b + C_W f(K^{(\ell)})", @"c_{2m}(n) = 1",
                     @"G_6^{(\ell)} = \left(G_2^{(\ell)}\right)^3 + \dots" })
        {
            var e = Assert.Throws<ParseException>(() => WickParser.ParseChain(text), text)!;
            Assert.That(e.Diagnostic.Column, Is.GreaterThan(0));
        }
        // m(m-1) and C_W \left(…\right) stay products.
        Assert.That(Verdict(@"C_W \left(G_4^{(\ell)}\right) = G_4^{(\ell)} C_W"), Is.EqualTo("holds"));
        // \beta_1, \dots, \beta_4 is the four indices.
        var sum = WickParser.ParseExpression(@"\sum_{\beta_1, \dots, \beta_4} K_{\beta_1 \beta_2} K_{\beta_3 \beta_4}");
        Assert.That(((Wick.Algebra.Syntax.IndexSum)sum).Indices.Select(i => i.Name), Is.EqualTo(new[] { "b1", "b2", "b3", "b4" }));
    }

    // A neuron index on one side only is a fixed neuron (4.27): the identity is claimed for every value of it.
    [TestCase("holds", false, "E[z^(l)_{i;a1} z^(l)_{i;a2}] = G^(l)_{a1 a2}")]
    [TestCase("fails", false, "E[z^(l)_{i;a1} z^(l)_{j;a2}] = G^(l)_{a1 a2}")]
    [TestCase("holds", false, "E[z^(l)_{i;a1} z^(l)_{j;a2}] = delta_{ij} G^(l)_{a1 a2}")]
    [TestCase("holds", true, "E[sigma(z^(1)_{i;a1}) sigma(z^(1)_{i;a2})] = <sigma_a1 sigma_a2>_{K^(1)}")]
    [TestCase("holds", true, @"\mathbb{E} \left[ \sigma \left( z_{i_1; \alpha_1}^{(1)} \right) \sigma \left( z_{i_1; \alpha_2}^{(1)} \right) \sigma \left( z_{i_1; \alpha_3}^{(1)} \right) \sigma \left( z_{i_1; \alpha_4}^{(1)} \right) \right] = \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \sigma_{\alpha_3} \sigma_{\alpha_4} \rangle_{G^{(1)}}")]
    [TestCase("fails", true, "E[sigma(z^(1)_{i;a1}) sigma(z^(1)_{i;a2})] = 2 <sigma_a1 sigma_a2>_{K^(1)}")]
    [TestCase("parse error", false, "E[z^(l)_{i;a1} z^(l)_{j;a2}] = delta_{ik} G^(l)_{a1 a2}")]
    // E[σ σ] of one neuron (4.85): exact at layer 1 (so at layer 2 above it), through order 1/n above.
    [TestCase("holds", true, "G^(2)_{a1 a2} = C_b + C_W 1/n_1 sum_{j=1}^{n_1} E[sigma(z^(1)_{j;a1}) sigma(z^(1)_{j;a2})]")]
    [TestCase("fails", true, "G^(2)_{a1 a2} = C_b + C_W 1/n_1 sum_{j=1}^{n_1} E[sigma(z^(1)_{j;a1}) sigma(z^(1)_{j;a2})] + C_b/n_1")]
    [TestCase("holds", true, "G^(l+1)_{a1 a2} = C_b + C_W 1/n_l sum_{j=1}^{n_l} E[sigma(z^(l)_{j;a1}) sigma(z^(l)_{j;a2})] + O(1/n^2)")]
    [TestCase("holds", true, @"G_{\alpha_1\alpha_2}^{(4)} = C_b^{(4)} + C_W^{(4)} \frac{1}{n_3} \sum_{j=1}^{n_3} \mathbb{E} \left[ \sigma_{j;\alpha_1}^{(3)} \sigma_{j;\alpha_2}^{(3)} \right] + O\left(\frac{1}{n^2}\right)")]
    [TestCase("fails", true, "G^(l+1)_{a1 a2} = C_b + 2 C_W 1/n_l sum_{j=1}^{n_l} E[sigma(z^(l)_{j;a1}) sigma(z^(l)_{j;a2})] + O(1/n^2)")]
    [TestCase("fails", true, "G^(l+1)_{a1 a2} = C_b + C_W 1/n_l sum_{j=1}^{n_l} E[sigma(z^(l)_{j;a1}) sigma(z^(l)_{j;a2})]")]
    [TestCase("refused", true, "E[sigma(z^(l)_{j;a1}) sigma(z^(l)_{k;a2})] = <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)")]
    // The stochastic metric (4.36), (4.70) is a random variable: its definition inside E[...], refused outside.
    [TestCase("holds", true, @"\mathbb{E} \left[ \widehat{G}_{\alpha_1\alpha_2}^{(2)} \right] = C_b^{(2)} + C_W^{(2)} \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(1)}}")]
    [TestCase("holds", true, @"\mathbb{E} \left[ \widehat{G}_{\alpha_1\alpha_2}^{(2)} \right] = G_{\alpha_1\alpha_2}^{(2)}")]
    [TestCase("holds", true, @"\mathbb{E} \left[ \widehat{G}_{\alpha_1\alpha_2}^{(\ell+1)} \right] = G_{\alpha_1\alpha_2}^{(\ell+1)} + O\left(\frac{1}{n^2}\right)")]
    [TestCase("fails", true, @"\mathbb{E} \left[ \widehat{G}_{\alpha_1\alpha_2}^{(2)} \right] = C_b^{(2)} + 2 C_W^{(2)} \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(1)}}")]
    [TestCase("refused", true, @"\widehat{G}_{\alpha_1\alpha_2}^{(2)} = G_{\alpha_1\alpha_2}^{(2)}")]
    [TestCase("holds", true, @"C_W^2 \mathbb{E} \left[ \widehat{G}_{\alpha_1\alpha_2}^{(2)} \right] = C_W^2 C_b + C_W^3 \langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{K^{(1)}}")]
    [TestCase("parse error", true, @"\mathbb{E} \left[ \widehat{K}_{\alpha_1\alpha_2}^{(2)} \right] = K_{\alpha_1\alpha_2}^{(2)}")]
    [TestCase("parse error", true, @"\mathbb{E} \left[ \widehat{G}_{\alpha_1}^{(2)} \right] = K_{\alpha_1\alpha_1}^{(2)}")]
    // One input throughout in the mlp model (5.118).
    [TestCase("holds", true, @"\mathbb{E} [z_i^{(1)} z_j^{(1)}] = \delta_{ij} K^{(1)}")]
    [TestCase("holds", true, "E[z^(3)_i z^(3)_j] = delta_{ij} K^(3) + O(1/n)")]
    [TestCase("fails", true, "E[z^(1)_i z^(1)_j] = 2 delta_{ij} K^(1)")]
    [TestCase("parse error", true, "E[z^(1)_{i;a} z^(1)_j] = delta_{ij} K^(1)")]
    // G^{(ℓ)}(x, x) (3.17) and G^{(ℓ)}(x_α, x_β).
    [TestCase("holds", false, @"G_2^{(\ell)} = G^{(\ell)}(x, x)")]
    [TestCase("holds", false, @"G_{\alpha\beta}^{(\ell)} = G^{(\ell)}(x_\alpha, x_\beta)")]
    [TestCase("fails", false, @"G_4^{(\ell)} = G^{(\ell)}(x, x)")]
    [TestCase("parse error", false, @"G_{\alpha\beta}^{(\ell)} = G^{(\ell)}(x_\beta, x_\beta)")]
    // z_{i_1} \dots z_{i_4}: the factors between (lectures (50), (51)).
    [TestCase("holds", false, @"\mathbb{E}\left[z_{i_1}^{(\ell)} \dots z_{i_4}^{(\ell)}\right] = (\delta_{i_1 i_2} \delta_{i_3 i_4} + \delta_{i_1 i_3} \delta_{i_2 i_4} + \delta_{i_1 i_4} \delta_{i_2 i_3}) G_4^{(\ell)}")]
    [TestCase("holds", false, "E[z^(l)_{i1} \\cdots z^(l)_{i6}] = pairings_{i1 i2 i3 i4 i5 i6} G6^(l)")]
    [TestCase("fails", false, "E[z^(l)_{i1} \\cdots z^(l)_{i4}] = pairings_{i1 i2 i3 i4} G2^(l) G2^(l)")]
    [TestCase("parse error", false, "E[z^(l)_{i1} \\cdots z^(l)_{j4}] = 0")]
    [TestCase("parse error", false, "E[z^(l)_{i1} \\cdots W^(l)_{i4 j}] = 0")]
    public void Inputs_of_the_book(string expected, bool mlp, string identity) =>
        Assert.That(Verdict(identity, mlp: mlp), Is.EqualTo(expected), identity);

    // The lectures' z^l(x_α) and ':=' (46), (47): their layer l is the book's l + 1, every hidden width n.
    [TestCase("holds", @"\mathbb{E}\left[z_{i_1}^l(x_\alpha) z_{i_2}^l(x_\beta)\right] := \delta_{i_1 i_2} G_{\alpha\beta}^l")]
    [TestCase("holds", @"G_{\alpha\beta}^l = \frac{1}{n} \sum_{j=1}^n \mathbb{E}\left[z_j^l(x_\alpha) z_j^l(x_\beta)\right]")]
    [TestCase("fails", @"G_{\alpha\beta}^l = \frac{2}{n} \sum_{j=1}^n \mathbb{E}\left[z_j^l(x_\alpha) z_j^l(x_\beta)\right]")]
    [TestCase("fails", @"\mathbb{E}\left[z_{i_1}^l(x_\alpha) z_{i_2}^l(x_\beta)\right] := \delta_{i_1 i_2} G_{\alpha\beta}^{l-1}")]
    public void Lectures_inputs(string expected, string identity) =>
        Assert.That(Verdict(identity, notation: Notation.Lectures), Is.EqualTo(expected), identity);

    // Conditions j ≠ k (3.30): the terms with δ_jk vanish; a term constant in a fixed neuron broadcasts (z_j z_j − G_2).
    [TestCase("holds", @"\mathbb{E}\left[\left(z_{j}^{(\ell)}z_{j}^{(\ell)} - G_{2}^{(\ell)}\right)\left(z_{k}^{(\ell)}z_{k}^{(\ell)} - G_{2}^{(\ell)}\right)\right] = G_{4}^{(\ell)} - \left(G_{2}^{(\ell)}\right)^{2}, \quad \text{for } j \neq k.")]
    [TestCase("holds", "E[z^(l)_j z^(l)_k] = 0, for j != k")]
    [TestCase("holds", "E[z^(l)_i z^(l)_j z^(l)_k z^(l)_k] = 0, for i != j, j != k")]
    [TestCase("fails", "E[(z^(l)_j z^(l)_j - G2^(l)) (z^(l)_k z^(l)_k - G2^(l))] = G4^(l) - (G2^(l))^2")]
    [TestCase("fails", "E[(z^(l)_j z^(l)_j - G2^(l)) (z^(l)_k z^(l)_k - G2^(l))] = 2 G4^(l) - (G2^(l))^2, for j != k")]
    [TestCase("fails", "E[z^(l)_i z^(l)_j z^(l)_k z^(l)_k] = 0, for j != k")]
    [TestCase("parse error", "E[z^(l)_j z^(l)_k] = 0, for j != i")]
    [TestCase("parse error", "E[z^(l)_j z^(l)_k] = 0, for j k")]
    [TestCase("parse error", "z^(l)_i + z^(l)_j = 0")]
    public void Conditions(string expected, string identity) => Assert.That(Verdict(identity), Is.EqualTo(expected), identity);

    [Test]
    public void A_condition_prints_so_that_it_parses_back()
    {
        var chain = WickParser.ParseChain(@"E[z^(l)_j z^(l)_k] = 0, \text{for } j \neq k");
        string text = Wick.Algebra.Syntax.TextPrinter.Print(chain.Links[0]);
        Assert.That(text, Does.Contain(@"\text{for } j \neq k"));
        Assert.That(WickParser.ParseChain(text).Links[0], Is.EqualTo(chain.Links[0]));
        Assert.That(chain.Links[0], Is.Not.EqualTo(WickParser.ParseChain("E[z^(l)_j z^(l)_k] = 0").Links[0]), "the condition is part of the statement");
    }

    [Test]
    public void Scale_invariant_constants_are_refused_in_the_deep_linear_model() =>
        Assert.That(Verdict(@"K^{(\ell+1)} = C_b + \chi K^{(\ell)}", bias: true), Is.EqualTo("refused"));

    // The scale-invariant class's chi, A_2, A_4 (5.115)-(5.117), derived from the activation given.
    [TestCase("holds", "relu", @"K^{(\ell+1)} = C_b + \chi K^{(\ell)}")]
    [TestCase("holds", "linear", @"K^{(\ell+1)} = C_b + \chi K^{(\ell)}")]
    [TestCase("holds", "relu", @"V^{(\ell+1)} = \chi^2 \left(\frac{3A_4}{A_2^2} - 1 \right) (K^{(\ell)})^2 + \chi^2 V^{(\ell)}")]
    [TestCase("holds", "linear", "V^(l+1) = chi^2 (3 A_4/A_2^2 - 1) (K^(l))^2 + chi^2 V^(l)")]
    [TestCase("holds", "relu", @"G^{\{1\}(\ell+1)} = \chi G^{\{1\}(\ell)}")]
    [TestCase("fails", "relu", @"G^{\{1\}(\ell+1)} = 2 \chi G^{\{1\}(\ell)}")]
    [TestCase("fails", "relu", @"V^{(\ell+1)} = \chi^2 \left(\frac{3A_4}{A_2^2} - 2 \right) (K^{(\ell)})^2 + \chi^2 V^{(\ell)}")]
    [TestCase("fails", "linear", @"K^{(\ell+1)} = C_b + A_4 \chi K^{(\ell)} + \chi K^{(\ell)}")]
    [TestCase("refused", "sigma", @"K^{(\ell+1)} = C_b + \chi K^{(\ell)}")]
    [TestCase("refused", "poly:0,1,1", @"K^{(\ell+1)} = C_b + \chi K^{(\ell)}")]
    public void Scale_invariant_constants(string expected, string activation, string identity)
    {
        string verdict;
        try
        {
            var act = Wick.Algebra.Activations.Chapter4.MlpModel.ActivationNamed(activation)!;
            var report = WickEngine.Check(new CheckRequest(identity) { Model = NetworkModel.Mlp, Activation = new Wick.Algebra.Activations.Chapter4.MlpModel(act, true) });
            verdict = report.Holds ? "holds" : "fails";
        }
        catch (EvaluationException) { verdict = "refused"; }
        Assert.That(verdict, Is.EqualTo(expected), identity);
    }

    // lim_{n -> infinity} (3.48): a function of n alone, compared as lhs = rhs + O(1/n).
    [TestCase("holds", @"\lim_{n \to \infty} c_{2m}(n) = 1")]
    [TestCase("holds", @"\lim_{n \to \infty} c_{6}(n) = 1")]
    [TestCase("holds", @"\lim_{n \rightarrow \infty} n \left(c_{4}(n) - 1\right) = 2")]
    [TestCase("fails", @"\lim_{n \to \infty} c_{4}(n) = 2")]
    [TestCase("fails", @"\lim_{n \to \infty} n c_{4}(n) = 1")]
    [TestCase("fails", @"\lim_{n \to \infty} n \left(c_{4}(n) - 1\right) = 3")]
    [TestCase("parse error", @"\lim_{n \to \infty} G_4^{(\ell)} = 1")]
    [TestCase("parse error", @"\lim_{n \to \infty} c_{4}(n) = 1 + O(1/n)")]
    [TestCase("parse error", @"\lim_{m \to \infty} c_{4}(n) = 1")]
    [TestCase("parse error", @"\lim_{n \to \infty} c_{4}(n) = 1 + \frac{1}{n_1}")]
    [TestCase("parse error", @"G_{4}^{(L)} \to G_2^{(L)}")]
    public void Limits(string expected, string identity) => Assert.That(Verdict(identity), Is.EqualTo(expected), identity);

    // (1 + 2/n)^{l-1} up to O(1/n^k) at fixed depth (binomial series), and a closed form for G4 - G2^2 by induction (3.28).
    [TestCase("holds", @"G_4^{(\ell)} - \left(G_2^{(\ell)}\right)^2 = \left[\left(1 + \frac{2}{n}\right)^{\ell-1} - 1\right] \left(G_2^{(\ell)}\right)^2")]
    [TestCase("holds", "G4^(l) - (G2^(l))^2 = ((1 + 2/n)^(l-1) - 1) (G2^(l))^2 = 2 (l - 1)/n (G2^(l))^2 + O(1/n^2)")]
    [TestCase("holds", "((1 + 2/n)^(l-1) - 1) (G2^(l))^2 = 2 (l - 1)/n (G2^(l))^2 + 2 (l - 1) (l - 2)/n^2 (G2^(l))^2 + O(1/n^3)")]
    [TestCase("fails", "((1 + 2/n)^(l-1) - 1) (G2^(l))^2 = 2 (l - 1)/n (G2^(l))^2 + 3 (l - 1) (l - 2)/n^2 (G2^(l))^2 + O(1/n^3)")]
    [TestCase("fails", @"G_4^{(\ell)} - \left(G_2^{(\ell)}\right)^2 = \left[\left(1 + \frac{2}{n}\right)^{\ell} - 1\right] \left(G_2^{(\ell)}\right)^2")]
    [TestCase("fails", "((1 + 2/n)^(l-1) - 1) (G2^(l))^2 = 2 l/n (G2^(l))^2 + O(1/n^2)")]
    public void Depth_powers(string expected, string identity) => Assert.That(Verdict(identity), Is.EqualTo(expected), identity);

    // Inputs written out in sums over the input index (3.8), (3.18): x leaves E[...], pairs of x through the deltas sum to n_0 G^(0).
    [TestCase("holds", "sum_{j1,j2=1}^{n_0} E[W^(1)_{i1 j1} x_{j1;a1} W^(1)_{i2 j2} x_{j2;a2}] = delta_{i1 i2} C_W G^(0)_{a1 a2}")]
    [TestCase("holds", "sum_{j1,j2=1}^{n_0} E[W^(1)_{i1 j1} W^(1)_{i2 j2}] x_{j1;a1} x_{j2;a2} = E[z^(1)_{i1;a1} z^(1)_{i2;a2}]")]
    [TestCase("holds", @"\sum_{j_{1},j_{2},j_{3},j_{4}=1}^{n_{0}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(1)}W_{i_{2}j_{2}}^{(1)}W_{i_{3}j_{3}}^{(1)}W_{i_{4}j_{4}}^{(1)}\right]x_{j_{1}}x_{j_{2}}x_{j_{3}}x_{j_{4}} = C_{W}^{2}\left(\delta_{i_{1}i_{2}}\delta_{i_{3}i_{4}} + \delta_{i_{1}i_{3}}\delta_{i_{2}i_{4}} + \delta_{i_{1}i_{4}}\delta_{i_{2}i_{3}}\right)\left(G_{2}^{(0)}\right)^{2}")]
    [TestCase("fails", "sum_{j1,j2=1}^{n_0} E[W^(1)_{i1 j1} x_{j1;a1} W^(1)_{i2 j2} x_{j2;a2}] = 2 delta_{i1 i2} C_W G^(0)_{a1 a2}")]
    [TestCase("fails", "sum_{j1,j2,j3,j4=1}^{n_0} E[W^(1)_{i1 j1} W^(1)_{i2 j2} W^(1)_{i3 j3} W^(1)_{i4 j4}] x_{j1} x_{j2} x_{j3} x_{j4} = C_W^2 (delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4}) (G2^(0))^2")]
    [TestCase("refused", "sum_{j1,j2=1}^{n_0} x_{j1;a1} x_{j2;a2} = n_0 G^(0)_{a1 a2}")]
    [TestCase("refused", "sum_{j1,j2=1}^{n_0} E[W^(1)_{i1 j1} x_{j1;a1} W^(1)_{i2 j2} x_{j2}] = delta_{i1 i2} C_W G^(0)_{a1 a1}")]
    public void Inputs_in_sums(string expected, string identity) => Assert.That(Verdict(identity), Is.EqualTo(expected), identity);
}
