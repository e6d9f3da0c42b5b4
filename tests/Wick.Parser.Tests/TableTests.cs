using static Wick.Parser.Tests.B;

namespace Wick.Parser.Tests;

/// <summary>
/// Every example of SPEC.md's input-language block, the engine's acceptance lines, and the correlator / sum /
/// delta equations of PDLT chapter 3 in the LaTeX spelling they have there, each with its expected tree.
/// </summary>
public class TableTests
{
    private static IEnumerable<(string Input, Expr Expected)> Spec()
    {
        yield return ("E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]", E(Z(l1, "i1", "a1"), Z(l1, "i2", "a2")));
        yield return (@"\mathbb{E}\left[z^{(\ell+1)}_{i_1;\alpha_1} z^{(\ell+1)}_{i_2;\alpha_2}\right]", E(Z(l1, "i1", "a1"), Z(l1, "i2", "a2")));
        yield return ("E[z^(l)_{i1} z^(l)_{i2} z^(l)_{i3} z^(l)_{i4}]", Z4(l));
        yield return ("sum_{j,k} delta_{j k} delta_{j k}",
            SumOver([N("j", null), N("k", null)], null, null, Mul(D("j", "k", null), D("j", "k", null))));
        yield return (@"\sum_{j,k=1}^{n_\ell} \delta_{jk}\delta_{jk}",
            SumOver([N("j", l), N("k", l)], Num(1), Width(l), Mul(D("j", "k", l), D("j", "k", l))));
        yield return ("W^(l+1)_{i j}", W(l1, "i", "j"));
        yield return ("b^(l)_{i}", Bias(l, "i"));
        yield return ("x_{j;a}", X("j", "a"));
        yield return ("sigma(z^(l)_{j;a})", Sigma(l, "j", "a"));
        yield return (@"\sigma_{\alpha_1}", Sigma("a1"));
        yield return ("C_W", CW);
        yield return ("C_b", Cb);
        yield return ("n_l", Width(l));
        yield return ("n_{l-1}", Width(lm1));
        yield return ("n_0", Width(C(0)));
        yield return ("n", n);
        yield return ("1/n_l", Div(Num(1), Width(l)));
        yield return (@"\frac{2}{n_\ell}", Div(Num(2), Width(l)));
        yield return ("G4^(l)", G(4, l));
        yield return (@"G_{4}^{(\ell)}", G(4, l));
        yield return ("K^(l)_{a1 a2}", K(l, "a1", "a2"));
        yield return ("V^(l)_{(a1 a2)(a3 a4)}", V(l, "a1", "a2", "a3", "a4"));
        yield return ("<sigma_a1 sigma_a2>_{K^(l)}", new GaussianExpectation(Mul(Sigma("a1"), Sigma("a2")), l));
        yield return ("Ec[z^(l)_{i1} z^(l)_{i2}]", Ec(Z(l, "i1"), Z(l, "i2")));
        yield return ("E[z^(l)_{i1} z^(l)_{i2}]|_c", Ec(Z(l, "i1"), Z(l, "i2")));
        yield return ("E[z^(l)_{i1} z^(l)_{i2}] = delta_{i1 i2} G2^(l)", Eq(E(Z(l, "i1"), Z(l, "i2")), Mul(D("i1", "i2", l), G(2, l))));
        yield return ("G2^(l+1) = C_W G2^(l) + O(1/n)", Eq(G(2, l1), Mul(CW, G(2, l)), O(Div(Num(1), n))));
        yield return ("σ(z^(ℓ)_{j;α}) δ_{α β}", Mul(Sigma(l, "j", "a"), Ds("a", "b")));
        yield return ("G1^(l)_{a b}", new Quantity(QuantityKind.G1, l, 2, EquatableList.Of(S("a"), S("b"))));
        yield return ("c_4(n_l)", new CoefficientC(4, Width(l)));
        yield return ("O(1/n_l^2)", O(Div(Num(1), Pow(Width(l), 2))));
        yield return ("<sigma_a sigma_b (z_c z_d - K_{cd})>_K", new GaussianExpectation(Mul(Sigma("a"), Sigma("b"),
            Add(Mul(new Field(FieldKind.Z, null, EquatableList<Index>.Empty, S("c")), new Field(FieldKind.Z, null, EquatableList<Index>.Empty, S("d"))),
                Neg(K(l, "c", "d")))), l));
    }

    private static IEnumerable<(string Input, Expr Expected)> Acceptance()
    {
        yield return ("E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]", Z4(l1));
        yield return ("G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)",
            Eq(G(4, l1), Mul(Pow(CW, 2), Add(Num(1), Div(Num(2), Width(l))), G(4, l))));
        yield return ("G6^(l+1) = C_W^3 (1 + 6/n_l + 7/n_l^2) G6^(l)",
            Eq(G(6, l1), Mul(Pow(CW, 3), Add(Num(1), Div(Num(6), Width(l)), Div(Num(7), Pow(Width(l), 2))), G(6, l))));
        yield return ("c_{8}(n) = (1 + 2/n)(1 + 4/n)(1 + 6/n)",
            Eq(new CoefficientC(8, n), Mul(Add(Num(1), Div(Num(2), n)), Add(Num(1), Div(Num(4), n)), Add(Num(1), Div(Num(6), n)))));
        yield return ("1/n^3 sum_{i,j,k=1}^{n} delta_{i j} delta_{j k} delta_{k i} = 1/n^2",
            Eq(Mul(Div(Num(1), Pow(n, 3)), SumOver([N("i", null), N("j", null), N("k", null)], Num(1), n,
                Mul(D("i", "j", null), D("j", "k", null), D("k", "i", null)))), Div(Num(1), Pow(n, 2))));
        yield return ("K^(l+1)_{a1 a2} = C_b + C_W K^(l)_{a1 a2}", Eq(K(l1, "a1", "a2"), Add(Cb, Mul(CW, K(l, "a1", "a2")))));
        yield return ("K^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)",
            Eq(K(l1, "a1", "a2"), Add(Cb, Mul(CW, new GaussianExpectation(Mul(Sigma("a1"), Sigma("a2")), l))), O(Div(Num(1), n))));
        yield return ("E[z^(1)_{i1} z^(1)_{i2} z^(1)_{i3} z^(1)_{i4}] = C_W^2 (delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3}) G2^(0)^2",
            Eq(Z4(C(1)), Mul(Pow(CW, 2), Pairings4(C(1)), Pow(G(2, C(0)), 2))));
        yield return ("E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2} z^(l+1)_{i3;a3} z^(l+1)_{i4;a4}]",
            E(Z(l1, "i1", "a1"), Z(l1, "i2", "a2"), Z(l1, "i3", "a3"), Z(l1, "i4", "a4")));
        yield return ("Ec[z^(l)_{i1} z^(l)_{i2} z^(l)_{i3} z^(l)_{i4}] = (delta_{i1 i2} delta_{i3 i4} + delta_{i1 i3} delta_{i2 i4} + delta_{i1 i4} delta_{i2 i3}) (G4^(l) - G2^(l)^2)",
            Eq(Ec(Z(l, "i1"), Z(l, "i2"), Z(l, "i3"), Z(l, "i4")), Mul(Pairings4(l), Add(G(4, l), Neg(Pow(G(2, l), 2))))));
        yield return ("Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4} z^(L)_{i5} z^(L)_{i6}]",
            Ec(Enumerable.Range(1, 6).Select(k => (Expr)Z(L, "i" + k)).ToArray()));
        var mean = Mul(Div(Num(1), Width(l)), SumOver([N("j", l)], null, null, Mul(Z(l, "j"), Z(l, "j"))));
        yield return ("E[(1/n_l sum_{j} z^(l)_{j} z^(l)_{j})^2] - E[1/n_l sum_{j} z^(l)_{j} z^(l)_{j}]^2",
            Add(E(Pow(mean, 2)), Neg(Pow(E(mean), 2))));
        yield return (@"\mathbb{E}\left[z^{(\ell)}_{i_1} z^{(\ell)}_{i_2}\right] = \delta_{i_1 i_2} G_{2}^{(\ell)}",
            Eq(E(Z(l, "i1"), Z(l, "i2")), Mul(D("i1", "i2", l), G(2, l))));
    }

    private static IEnumerable<(string Input, Expr Expected)> Chapter3()
    {
        var W0 = Width(C(0));
        var Wl = Width(l);
        yield return (@"z_{i;\alpha}^{(\ell+1)} = b_i^{(\ell+1)} + \sum_{j=1}^{n_\ell} W_{ij}^{(\ell+1)} z_{j;\alpha}^{(\ell)}", // (3.1)
            Eq(Z(l1, "i", "a"), Add(Bias(l1, "i"), SumOver([N("j", l)], Num(1), Wl, Mul(W(l1, "i", "j"), Z(l, "j", "a"))))));
        yield return (@"\mathbb{E}\left[W_{ij}^{(\ell)}\right] = 0", Eq(E(W(l, "i", "j")), Num(0))); // (3.5)
        yield return (@"\mathbb{E}\left[W_{i_1j_1}^{(\ell)}W_{i_2j_2}^{(\ell)}\right] = \delta_{i_1i_2}\delta_{j_1j_2}\frac{C_W}{n_{\ell-1}}", // (3.5)
            Eq(E(W(l, "i1", "j1"), W(l, "i2", "j2")), Mul(D("i1", "i2", l), D("j1", "j2", lm1), Div(CW, Width(lm1)))));
        yield return (@"z_{i;\alpha}^{(1)} = \sum_{j}^{n_0} W_{ij}^{(1)} x_{j;\alpha}", // (3.7)
            Eq(Z(C(1), "i", "a"), SumOver([N("j", C(0))], null, W0, Mul(W(C(1), "i", "j"), X("j", "a")))));
        var two1 = E(Z(C(1), "i1", "a1"), Z(C(1), "i2", "a2"));
        yield return (@"\mathbb{E}\left[z_{i_{1};\alpha_{1}}^{(1)}z_{i_{2};\alpha_{2}}^{(1)}\right] = \sum_{j_{1},j_{2}=1}^{n_{0}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(1)}x_{j_{1};\alpha_{1}}W_{i_{2}j_{2}}^{(1)}x_{j_{2};\alpha_{2}}\right]", // (3.8)
            Eq(two1, SumOver([N("j1", C(0)), N("j2", C(0))], Num(1), W0, E(W(C(1), "i1", "j1"), X("j1", "a1"), W(C(1), "i2", "j2"), X("j2", "a2")))));
        yield return (@"\sum_{j_{1},j_{2}=1}^{n_{0}} \frac{C_{W}}{n_{0}}\delta_{i_{1}i_{2}}\delta_{j_{1}j_{2}}x_{j_{1};\alpha_{1}}x_{j_{2};\alpha_{2}} = \delta_{i_{1}i_{2}}C_{W}\frac{1}{n_{0}}\sum_{j=1}^{n_{0}}x_{j;\alpha_{1}}x_{j;\alpha_{2}}", // (3.8)
            Eq(SumOver([N("j1", C(0)), N("j2", C(0))], Num(1), W0, Mul(Div(CW, W0), D("i1", "i2", null), D("j1", "j2", C(0)), X("j1", "a1"), X("j2", "a2"))),
               Mul(D("i1", "i2", null), CW, Div(Num(1), W0), SumOver([N("j", C(0))], Num(1), W0, Mul(X("j", "a1"), X("j", "a2"))))));
        yield return (@"G_{\alpha_1 \alpha_2}^{(0)} \equiv \frac{1}{n_0} \sum_{i=1}^{n_0} x_{i;\alpha_1} x_{i;\alpha_2}", // (3.9)
            Eq(G(C(0), "a1", "a2"), Mul(Div(Num(1), W0), SumOver([N("i", C(0))], Num(1), W0, Mul(X("i", "a1"), X("i", "a2"))))));
        yield return (@"\mathbb{E}\left[z_{i_1;\alpha_1}^{(1)}z_{i_2;\alpha_2}^{(1)}\right] = \delta_{i_1i_2}C_W G_{\alpha_1\alpha_2}^{(0)}", // (3.10)
            Eq(two1, Mul(D("i1", "i2", C(1)), CW, G(C(0), "a1", "a2"))));
        var twoL1 = E(Z(l1, "i1", "a1"), Z(l1, "i2", "a2"));
        yield return (@"\mathbb{E}\left[z_{i_{1};\alpha_{1}}^{(\ell+1)}z_{i_{2};\alpha_{2}}^{(\ell+1)}\right] = \sum_{j_{1},j_{2}=1}^{n_{\ell}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(\ell+1)}W_{i_{2}j_{2}}^{(\ell+1)}z_{j_{1};\alpha_{1}}^{(\ell)}z_{j_{2};\alpha_{2}}^{(\ell)}\right]", // (3.11)
            Eq(twoL1, SumOver([N("j1", l), N("j2", l)], Num(1), Wl, E(W(l1, "i1", "j1"), W(l1, "i2", "j2"), Z(l, "j1", "a1"), Z(l, "j2", "a2")))));
        yield return (@"\mathbb{E}\left[z_{i_{1};\alpha_{1}}^{(\ell+1)}z_{i_{2};\alpha_{2}}^{(\ell+1)}\right] = \delta_{i_{1}i_{2}}C_{W}\frac{1}{n_{\ell}}\sum_{j=1}^{n_{\ell}} \mathbb{E}\left[z_{j;\alpha_{1}}^{(\ell)}z_{j;\alpha_{2}}^{(\ell)}\right]", // (3.11)
            Eq(twoL1, Mul(D("i1", "i2", l1), CW, Div(Num(1), Wl), SumOver([N("j", l)], Num(1), Wl, E(Z(l, "j", "a1"), Z(l, "j", "a2"))))));
        yield return (@"\mathbb{E}\left[z_{i_1;\alpha_1}^{(\ell)}z_{i_2;\alpha_2}^{(\ell)}\right] \equiv \delta_{i_1i_2}G_{\alpha_1\alpha_2}^{(\ell)} \tag{3.12}",
            Eq(E(Z(l, "i1", "a1"), Z(l, "i2", "a2")), Mul(D("i1", "i2", l), G(l, "a1", "a2"))));
        yield return (@"G_{\alpha_1 \alpha_2}^{(\ell)} = \frac{1}{n_\ell} \sum_{j=1}^{n_\ell} \mathbb{E} \left[z_{j;\alpha_1}^{(\ell)} z_{j;\alpha_2}^{(\ell)} \right]", // (3.13)
            Eq(G(l, "a1", "a2"), Mul(Div(Num(1), Wl), SumOver([N("j", l)], Num(1), Wl, E(Z(l, "j", "a1"), Z(l, "j", "a2"))))));
        yield return (@"G_{\alpha\alpha}^{(L)} = \mathbb{E}\left[\frac{1}{n_L} \sum_{j=1}^{n_L} \left(z_{j;\alpha}^{(L)}\right)^2\right]", // (3.16)
            Eq(G(L, "a", "a"), E(Mul(Div(Num(1), Width(L)), SumOver([N("j", L)], Num(1), Width(L), Pow(Z(L, "j", "a"), 2))))));
        yield return (@"\mathbb{E}\left[z_{i_{1}}^{(1)}z_{i_{2}}^{(1)}z_{i_{3}}^{(1)}z_{i_{4}}^{(1)}\right] = \sum_{j_{1},j_{2},j_{3},j_{4}=1}^{n_{0}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(1)}W_{i_{2}j_{2}}^{(1)}W_{i_{3}j_{3}}^{(1)}W_{i_{4}j_{4}}^{(1)}\right]x_{j_{1}}x_{j_{2}}x_{j_{3}}x_{j_{4}}", // (3.18)
            Eq(Z4(C(1)), SumOver([N("j1", C(0)), N("j2", C(0)), N("j3", C(0)), N("j4", C(0))], Num(1), W0,
                Mul(E(W(C(1), "i1", "j1"), W(C(1), "i2", "j2"), W(C(1), "i3", "j3"), W(C(1), "i4", "j4")), X("j1"), X("j2"), X("j3"), X("j4")))));
        yield return (@"\mathbb{E}\left[z_{i_{1}}^{(1)}z_{i_{2}}^{(1)}z_{i_{3}}^{(1)}z_{i_{4}}^{(1)}\right] = C_{W}^{2}\left(\delta_{i_{1}i_{2}}\delta_{i_{3}i_{4}} + \delta_{i_{1}i_{3}}\delta_{i_{2}i_{4}} + \delta_{i_{1}i_{4}}\delta_{i_{2}i_{3}}\right)\left(G_{2}^{(0)}\right)^{2}", // (3.18)
            Eq(Z4(C(1)), Mul(Pow(CW, 2), Pairings4(C(1)), Pow(G(2, C(0)), 2))));
        yield return (@"\mathbb{E}\left[z_{i_{1}}^{(\ell+1)}z_{i_{2}}^{(\ell+1)}z_{i_{3}}^{(\ell+1)}z_{i_{4}}^{(\ell+1)}\right] = \sum_{j_{1},j_{2},j_{3},j_{4}=1}^{n_{\ell}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(\ell+1)}W_{i_{2}j_{2}}^{(\ell+1)}W_{i_{3}j_{3}}^{(\ell+1)}W_{i_{4}j_{4}}^{(\ell+1)}\right] \mathbb{E}\left[z_{j_{1}}^{(\ell)}z_{j_{2}}^{(\ell)}z_{j_{3}}^{(\ell)}z_{j_{4}}^{(\ell)}\right]", // (3.20)
            Eq(Z4(l1), SumOver([N("j1", l), N("j2", l), N("j3", l), N("j4", l)], Num(1), Wl,
                Mul(E(W(l1, "i1", "j1"), W(l1, "i2", "j2"), W(l1, "i3", "j3"), W(l1, "i4", "j4")), E(Z(l, "j1"), Z(l, "j2"), Z(l, "j3"), Z(l, "j4"))))));
        yield return (@"G_4^{(1)} = C_W^2 \left(G_2^{(0)} \right)^2", Eq(G(4, C(1)), Mul(Pow(CW, 2), Pow(G(2, C(0)), 2)))); // (3.22)
        var lhs323 = Mul(Div(Num(1), Pow(Wl, 2)), SumOver([N("j", l), N("k", l)], Num(1), Wl, E(Z(l, "j"), Z(l, "j"), Z(l, "k"), Z(l, "k"))));
        yield return (@"\frac{1}{n_{\ell}^{2}} \sum_{j,k=1}^{n_{\ell}} \mathbb{E}\left[z_{j}^{(\ell)} z_{j}^{(\ell)} z_{k}^{(\ell)} z_{k}^{(\ell)}\right] = \frac{1}{n_{\ell}^{2}} \sum_{j,k=1}^{n_{\ell}} \left(\delta_{jj} \delta_{kk} + \delta_{jk} \delta_{jk} + \delta_{jk} \delta_{kj}\right) G_{4}^{(\ell)}", // (3.23)
            Eq(lhs323, Mul(Div(Num(1), Pow(Wl, 2)), SumOver([N("j", l), N("k", l)], Num(1), Wl,
                Mul(Add(Mul(D("j", "j", l), D("k", "k", l)), Mul(D("j", "k", l), D("j", "k", l)), Mul(D("j", "k", l), D("k", "j", l))), G(4, l))))));
        yield return (@"\frac{1}{n_{\ell}^{2}} \sum_{j,k=1}^{n_{\ell}} \mathbb{E}\left[z_{j}^{(\ell)} z_{j}^{(\ell)} z_{k}^{(\ell)} z_{k}^{(\ell)}\right] = \left(1 + \frac{2}{n_{\ell}}\right) G_{4}^{(\ell)}", // (3.23)
            Eq(lhs323, Mul(Add(Num(1), Div(Num(2), Wl)), G(4, l))));
        yield return (@"\mathbb{E}\left[z_{i_1}^{(\ell)}z_{i_2}^{(\ell)}z_{i_3}^{(\ell)}z_{i_4}^{(\ell)}\right]\Big|_{\text{connected}} = \left(\delta_{i_1i_2}\delta_{i_3i_4} + \delta_{i_1i_3}\delta_{i_2i_4} + \delta_{i_1i_4}\delta_{i_2i_3}\right)\left[G_4^{(\ell)} - \left(G_2^{(\ell)}\right)^2\right]", // (3.29)
            Eq(Ec(Z(l, "i1"), Z(l, "i2"), Z(l, "i3"), Z(l, "i4")), Mul(Pairings4(l), Add(G(4, l), Neg(Pow(G(2, l), 2))))));
        var O_l = new SymbolRef(Symbol.Plain("O", l));
        var lhs333 = E(Pow(Add(O_l, Neg(E(O_l))), 2));
        yield return (@"\mathbb{E}\left[\left(\mathcal{O}^{(\ell)} - \mathbb{E}\left[\mathcal{O}^{(\ell)}\right]\right)^{2}\right] = \frac{1}{n^{2}} \sum_{j,k=1}^{n} \mathbb{E}\left[z_{j}^{(\ell)} z_{j}^{(\ell)} z_{k}^{(\ell)} z_{k}^{(\ell)}\right] - \left(G_{2}^{(\ell)}\right)^{2}", // (3.33)
            Eq(lhs333, Add(Mul(Div(Num(1), Pow(n, 2)), SumOver([N("j", l), N("k", l)], Num(1), n, E(Z(l, "j"), Z(l, "j"), Z(l, "k"), Z(l, "k")))), Neg(Pow(G(2, l), 2)))));
        yield return (@"\mathbb{E}\left[\left(\mathcal{O}^{(\ell)} - \mathbb{E}\left[\mathcal{O}^{(\ell)}\right]\right)^{2}\right] = \frac{2}{n} G_{4}^{(\ell)} + \left[G_{4}^{(\ell)} - \left(G_{2}^{(\ell)}\right)^{2}\right]", // (3.33)
            Eq(lhs333, Add(Mul(Div(Num(2), n), G(4, l)), Add(G(4, l), Neg(Pow(G(2, l), 2))))));
        var six = Enumerable.Range(1, 6).ToArray();
        yield return (@"\mathbb{E}\left[z_{i_{1}}^{(\ell+1)}z_{i_{2}}^{(\ell+1)}z_{i_{3}}^{(\ell+1)}z_{i_{4}}^{(\ell+1)}z_{i_{5}}^{(\ell+1)}z_{i_{6}}^{(\ell+1)}\right] = \sum_{j_{1},j_{2},j_{3},j_{4},j_{5},j_{6}=1}^{n_{\ell}} \mathbb{E}\left[W_{i_{1}j_{1}}^{(\ell+1)}W_{i_{2}j_{2}}^{(\ell+1)}W_{i_{3}j_{3}}^{(\ell+1)}W_{i_{4}j_{4}}^{(\ell+1)}W_{i_{5}j_{5}}^{(\ell+1)}W_{i_{6}j_{6}}^{(\ell+1)}\right] \mathbb{E}\left[z_{j_{1}}^{(\ell)}z_{j_{2}}^{(\ell)}z_{j_{3}}^{(\ell)}z_{j_{4}}^{(\ell)}z_{j_{5}}^{(\ell)}z_{j_{6}}^{(\ell)}\right]", // (3.36)
            Eq(E(six.Select(k => (Expr)Z(l1, "i" + k)).ToArray()),
               SumOver(six.Select(k => N("j" + k, l)).ToArray(), Num(1), Wl,
                   Mul(E(six.Select(k => (Expr)W(l1, "i" + k, "j" + k)).ToArray()), E(six.Select(k => (Expr)Z(l, "j" + k)).ToArray())))));
        var ijk = new[] { N("i", l), N("j", l), N("k", l) };
        yield return (@"\frac{1}{n_{\ell}^{3}} \sum_{i,j,k=1}^{n_{\ell}} \mathbb{E}\left[z_{i}^{(\ell)} z_{i}^{(\ell)} z_{j}^{(\ell)} z_{j}^{(\ell)} z_{k}^{(\ell)} z_{k}^{(\ell)}\right]", // (3.38)
            Mul(Div(Num(1), Pow(Wl, 3)), SumOver(ijk, Num(1), Wl, E(Z(l, "i"), Z(l, "i"), Z(l, "j"), Z(l, "j"), Z(l, "k"), Z(l, "k")))));
        Expr DeltaSum(Expr body) => Mul(Div(Num(1), Pow(Wl, 3)), SumOver(ijk, Num(1), Wl, body));
        yield return (@"\frac{1}{n_\ell^3} \sum_{i,j,k=1}^{n_\ell} \delta_{ij} \delta_{ji} \delta_{kk} = \frac{1}{n_\ell}", // (3.40)
            Eq(DeltaSum(Mul(D("i", "j", l), D("j", "i", l), D("k", "k", l))), Div(Num(1), Wl)));
        yield return (@"\frac{1}{n_{\ell}^3} \sum_{i,j,k=1}^{n_{\ell}} \delta_{ij} \delta_{jk} \delta_{ki} = \frac{1}{n_{\ell}^2}", // (3.41)
            Eq(DeltaSum(Mul(D("i", "j", l), D("j", "k", l), D("k", "i", l))), Div(Num(1), Pow(Wl, 2))));
        yield return (@"G_6^{(\ell+1)} = C_W^3 \left(1 + \frac{6}{n_\ell} + \frac{8}{n_\ell^2} \right) G_6^{(\ell)}", // (3.42)
            Eq(G(6, l1), Mul(Pow(CW, 3), Add(Num(1), Div(Num(6), Wl), Div(Num(8), Pow(Wl, 2))), G(6, l))));
        yield return (@"r \equiv \frac{L}{n}", Eq(Sym("r"), Div(Sym("L"), n))); // (3.52)
        var m = Sym("m");
        yield return (@"1 + \frac{m(m-1)}{n} + O\left(\frac{1}{n^2}\right)", // (3.53)
            Add(Num(1), Div(Mul(m, Add(m, Neg(Num(1)))), n), O(Div(Num(1), Pow(n, 2)))));
        var r = Sym("r");
        yield return (@"G_4^{(L)} - \left(G_2^{(L)}\right)^2 = 2r \left(G_2^{(0)}\right)^2 + O\left(r^2\right)", // (3.55)
            Eq(Add(G(4, L), Neg(Pow(G(2, L), 2))), Mul(Num(2), r, Pow(G(2, C(0)), 2)), O(Pow(r, 2))));
        yield return (@"G_6^{(L)} - 3G_2^{(L)}G_4^{(L)} + 2\left(G_2^{(L)}\right)^3 = 12r^2\left(G_2^{(0)}\right)^3 + O\left(r^3\right)", // (3.56)
            Eq(Add(G(6, L), Neg(Mul(Num(3), G(2, L), G(4, L))), Mul(Num(2), Pow(G(2, L), 3))),
               Mul(Num(12), Pow(r, 2), Pow(G(2, C(0)), 3)), O(Pow(r, 3))));
        // Chapter 4 (4.27): a Gaussian expectation with the kernel written as G^{(1)}.
        yield return (@"\langle \sigma_{\alpha_1} \sigma_{\alpha_2} \rangle_{G^{(1)}}", new GaussianExpectation(Mul(Sigma("a1"), Sigma("a2")), C(1)) { WrittenWithMetric = true });
    }

    /// <summary>Lines copied with their trailing punctuation and \tag, as in the book: both are ignored at the end.</summary>
    private static IEnumerable<(string Input, Expr Expected)> WithPunctuation()
    {
        yield return (@"G_{\alpha_1\alpha_2}^{(\ell+1)} = C_W G_{\alpha_1\alpha_2}^{(\ell)},\tag{3.14}",
            Eq(G(l1, "a1", "a2"), Mul(CW, G(l, "a1", "a2"))));
        yield return (@"G_2^{(0)} = \frac{1}{n_0} \sum_{j=1}^{n_0} x_j x_j. \tag{3.19}",
            Eq(G(2, C(0)), Mul(Div(Num(1), Width(C(0))), SumOver([N("j", C(0))], Num(1), Width(C(0)), Mul(X("j"), X("j"))))));
        yield return (@"\mathbb{E}\left[z_{i_1}^{(\ell)}z_{i_2}^{(\ell)}z_{i_3}^{(\ell)}z_{i_4}^{(\ell)}\right] \equiv \left(\delta_{i_1i_2}\delta_{i_3i_4} + \delta_{i_1i_3}\delta_{i_2i_4} + \delta_{i_1i_4}\delta_{i_2i_3}\right)G_4^{(\ell)},\tag{3.21}",
            Eq(Z4(l), Mul(Pairings4(l), G(4, l))));
        yield return (@"G_4^{(\ell+1)} = C_W^2 \left(1 + \frac{2}{n_\ell}\right) G_4^{(\ell)}.", // (3.24)
            Eq(G(4, l1), Mul(Pow(CW, 2), Add(Num(1), Div(Num(2), Width(l))), G(4, l))));
        yield return (@"\mathbb{E}\left[z_{i_1}^{(\ell)}z_{i_2}^{(\ell)}z_{i_3}^{(\ell)}z_{i_4}^{(\ell)}\right] = \left(\delta_{i_1i_2}\delta_{i_3i_4} + \delta_{i_1i_3}\delta_{i_2i_4} + \delta_{i_1i_4}\delta_{i_2i_3}\right)\left(G_2^{(\ell)}\right)^2. \tag{3.27}",
            Eq(Z4(l), Mul(Pairings4(l), Pow(G(2, l), 2))));
        var ijk = new[] { N("i", l), N("j", l), N("k", l) };
        yield return (@"\frac{1}{n_\ell^3} \sum_{i,j,k=1}^{n_\ell} \delta_{ii} \delta_{jj} \delta_{kk} = 1, \tag{3.39}",
            Eq(Mul(Div(Num(1), Pow(Width(l), 3)), SumOver(ijk, Num(1), Width(l), Mul(D("i", "i", l), D("j", "j", l), D("k", "k", l)))), Num(1)));
    }

    public static IEnumerable<TestCaseData> Cases() =>
        Spec().Concat(Acceptance()).Concat(Chapter3()).Concat(WithPunctuation())
              .Select(c => new TestCaseData(c.Input, c.Expected).SetArgDisplayNames(c.Input.Length > 70 ? c.Input[..70] + "…" : c.Input));

    [Test]
    public void The_table_has_at_least_forty_inputs() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(40));

    [TestCaseSource(nameof(Cases))]
    public void Parses_to_the_expected_tree(string input, Expr expected) =>
        Assert.That(WickParser.Parse(input), Is.EqualTo(expected), () => "parsed as: " + TextPrinter.Print(WickParser.Parse(input)));

    [TestCaseSource(nameof(Cases))]
    public void Both_printers_read_back_to_the_same_tree(string input, Expr expected)
    {
        _ = input;
        Assert.Multiple(() =>
        {
            Assert.That(WickParser.Parse(TextPrinter.Print(expected)), Is.EqualTo(expected), TextPrinter.Print(expected));
            Assert.That(WickParser.Parse(LatexPrinter.Print(expected)), Is.EqualTo(expected), LatexPrinter.Print(expected));
        });
    }

    [Test]
    public void An_identity_is_returned_by_ParseIdentity_and_an_expression_is_refused_there()
    {
        Assert.That(WickParser.ParseIdentity("G4^(l+1) = C_W^2 G4^(l)").Lhs, Is.EqualTo(G(4, l1)));
        var e = Assert.Throws<ParseException>(() => WickParser.ParseIdentity("G4^(l)"))!;
        Assert.That(e.Diagnostic.Message, Does.Contain("expected '='"));
    }
}
