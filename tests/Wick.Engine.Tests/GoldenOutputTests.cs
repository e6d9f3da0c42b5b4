namespace Wick.Engine.Tests;

/// <summary>
/// Complete derive/check outputs in text, LaTeX and JSON, compared with the files in Golden/ (issue 9, item 10).
/// A deliberate change of an output: run the tests with WICK_REGENERATE_GOLDEN set to the source folder
/// tests/Wick.Engine.Tests/Golden, review the diff, commit it.
/// </summary>
public class GoldenOutputTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        (string Name, Func<Report> Run)[] cases =
        [
            ("derive-G4-l+1", () => WickEngine.Derive(new DeriveRequest("E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]"))),
            ("derive-G4-3", () => WickEngine.Derive(new DeriveRequest("E[z^(3)_{i1} z^(3)_{i2} z^(3)_{i3} z^(3)_{i4}]"))),
            ("derive-G6-l", () => WickEngine.Derive(new DeriveRequest("E[z^(l)_{i1} z^(l)_{i2} z^(l)_{i3} z^(l)_{i4} z^(l)_{i5} z^(l)_{i6}]"))),
            ("derive-K-bias-2", () => WickEngine.Derive(new DeriveRequest("E[z^(2)_{i1;a1} z^(2)_{i2;a2}]") { Bias = true })),
            ("derive-K-mlp-l+1", () => WickEngine.Derive(new DeriveRequest("E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]") { Model = NetworkModel.Mlp })),
            ("derive-set-n_l", () => WickEngine.Derive(new DeriveRequest("E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]")
                { Settings = new Dictionary<Wick.Algebra.Symbol, Wick.Algebra.Polynomial>([WickEngine.Setting("n_l=100")]) })),
            ("derive-connected-4-order-1", () => WickEngine.Derive(new DeriveRequest("Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4}]") { Order = 1 })),
            ("check-holds-layer-2-1", () => WickEngine.Check(new CheckRequest("G2^(2) = C_W G2^(1)"))),
            ("check-does-not-hold-3-2", () => WickEngine.Check(new CheckRequest("G4^(3) = C_W^2 (1 + 3/n_2) G4^(2)"))),
            ("check-at-inputs", () => WickEngine.Check(new CheckRequest("G6^(2) G2^(2) = 2 G4^(2)^2 - G4^(2) G2^(2)^2"))),
            ("check-solved-3.28", () => WickEngine.Check(new CheckRequest("G4^(l) - G2^(l)^2 = 2 (l-1)/n_l G2^(l)^2 + O(1/n_l^2)"))),
            ("check-mlp-leading-order", () => WickEngine.Check(new CheckRequest("K^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)") { Model = NetworkModel.Mlp })),
            // Chapter 5: one activation per universality class (K* = 0, scale-invariant, half-stable, none), no numeric check.
            ("criticality-tanh", () => WickEngine.Criticality(new CriticalityRequest("tanh") { CheckDepth = 0 })),
            ("criticality-relu", () => WickEngine.Criticality(new CriticalityRequest("relu") { CheckDepth = 0 })),
            ("criticality-gelu", () => WickEngine.Criticality(new CriticalityRequest("gelu") { CheckDepth = 0 })),
            ("criticality-softplus", () => WickEngine.Criticality(new CriticalityRequest("softplus") { CheckDepth = 0 })),
            ("check-mlp-wrong", () => WickEngine.Check(new CheckRequest("K^(l+1)_{a1 a2} = C_b + 2 C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)") { Model = NetworkModel.Mlp })),
        ];
        foreach (var (name, run) in cases)
            foreach (var format in new[] { "text", "latex", "json" })
                yield return new TestCaseData(name, format, run).SetArgDisplayNames(name, format);
    }

    [TestCaseSource(nameof(Cases))]
    public void Output_matches_the_golden_file(string name, string format, Func<Report> run)
    {
        var report = run();
        string actual = format switch { "text" => report.Text(), "latex" => report.Latex(), _ => report.JsonText() + Environment.NewLine };
        actual = actual.Replace("\r\n", "\n");
        string file = $"{name}.{format}.txt";
        if (Environment.GetEnvironmentVariable("WICK_REGENERATE_GOLDEN") is { Length: > 0 } dir)
        {
            File.WriteAllText(Path.Combine(dir, file), actual);
            Assert.Pass($"regenerated {file}");
        }
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", file);
        Assert.That(File.Exists(path), $"{file} is missing: run with WICK_REGENERATE_GOLDEN=<repo>/tests/Wick.Engine.Tests/Golden");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path).Replace("\r\n", "\n")), file);
    }
}
