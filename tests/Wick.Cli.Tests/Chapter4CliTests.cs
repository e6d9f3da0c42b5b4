using Wick.Tests;
namespace Wick.Cli.Tests;

/// <summary>End-to-end: the chapter-4 recursions of --model mlp (issue 10): derive prints them, check decides both ways.</summary>
[Parallelizable(ParallelScope.All)]
public class Chapter4CliTests
{
    private static (int Code, string Out, string Err) Wick(params string[] args) => WickRunner.Run(args);

    // The acceptance lines, then variants: other layers and spellings (true), one coefficient changed (false).
    [TestCase(0, "E[z^(2)_{i1;a1} z^(2)_{i2;a2}] = delta_{i1 i2} (C_b + C_W <sigma_a1 sigma_a2>_{K^(1)})")]
    [TestCase(1, "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = delta_{i1 i2} (C_b + C_W <sigma_a1 sigma_a2>_{K^(l)})")]
    [TestCase(0, "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = delta_{i1 i2} (C_b + C_W <sigma_a1 sigma_a2>_{K^(l)}) + O(1/n)")]
    [TestCase(0, "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = delta_{i1 i2} (K^(l+1)_{a1 a2} + G1^(l+1)_{a1 a2}/n_l) + O(1/n^2)")]
    [TestCase(1, "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}] = delta_{i1 i2} (K^(l+1)_{a1 a2} + 2 G1^(l+1)_{a1 a2}/n_l) + O(1/n^2)")]
    [TestCase(0, "E[z^(3)_{i1;a1} z^(3)_{i2;a2}] = delta_{i1 i2} (K^(3)_{a1 a2} + G1^(3)_{a1 a2}/n_2) + O(1/n^2)")]
    [TestCase(0, "G1^(2)_{a1 a2} = 0")]
    [TestCase(0, "V^(1)_{(a1 a2)(a3 a4)} = 0")]
    [TestCase(0, "V^(2)_{(a1 a2)(a3 a4)} = C_W^2 (<sigma_a1 sigma_a2 sigma_a3 sigma_a4>_{K^(1)} - <sigma_a1 sigma_a2>_{K^(1)} <sigma_a3 sigma_a4>_{K^(1)})")]
    [TestCase(1, "V^(2)_{(a1 a2)(a3 a4)} = C_W^2 (<sigma_a1 sigma_a2 sigma_a3 sigma_a4>_{K^(1)} - 2 <sigma_a1 sigma_a2>_{K^(1)} <sigma_a3 sigma_a4>_{K^(1)})")]
    [TestCase(0, "K^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)}")]
    [TestCase(0, "K^(l+2)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l+1)}")]
    [TestCase(0, "V^(l+1)_{(a1 a2)(a3 a4)} = V^(l+1)_{(a3 a4)(a2 a1)}")]
    public void Check_symbolic_sigma(int expected, string identity)
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [TestCase(0, "relu", "V^(l+1) = C_W^2/4 (5 K^(l)^2 + V^(l))")]
    [TestCase(1, "relu", "V^(l+1) = C_W^2/4 (5 K^(l)^2 + 2 V^(l))")]
    [TestCase(1, "relu", "V^(l+1) = C_W^2/4 (3 K^(l)^2 + V^(l))")]
    [TestCase(0, "relu", "K^(l+1) = C_b + C_W K^(l)/2")]
    [TestCase(0, "relu", "V^(l+1) = C_W^2/4 (5 K^(l)^2 + V^(l)) + O(1/n)")]
    [TestCase(0, "linear", "V^(l+1) = C_W^2 (2 K^(l)^2 + V^(l))")]
    public void Check_single_input_equal_widths(int expected, string activation, string identity)
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", "--activation", activation, "--equal-widths", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [TestCase(0, "V^(l+1)_{(a1 a2)(a3 a4)} = C_W^2 (K^(l)_{a1 a3} K^(l)_{a2 a4} + K^(l)_{a1 a4} K^(l)_{a2 a3}) + C_W^2 n_l/n_{l-1} V^(l)_{(a1 a2)(a3 a4)}")]
    [TestCase(1, "V^(l+1)_{(a1 a2)(a3 a4)} = C_W^2 (K^(l)_{a1 a3} K^(l)_{a2 a4} + K^(l)_{a1 a4} K^(l)_{a2 a3}) + C_W^2 n_l/n_{l-1} V^(l)_{(a1 a3)(a2 a4)}")]
    [TestCase(0, "V^(3)_{(a1 a2)(a3 a4)} = C_W^2 (K^(2)_{a1 a3} K^(2)_{a2 a4} + K^(2)_{a1 a4} K^(2)_{a2 a3}) + C_W^2 n_2/n_1 V^(2)_{(a1 a2)(a3 a4)}")]
    [TestCase(0, "G1^(l+1)_{a1 a2} = C_W n_l/n_{l-1} G1^(l)_{a1 a2}")]
    [TestCase(0, "E[z^(2)_{i1;a1} z^(2)_{i2;a2}] = delta_{i1 i2} (C_b + C_W K^(1)_{a1 a2})")]
    public void Check_linear_activation_reproduces_deep_linear(int expected, string identity)
    {
        var (code, stdout, stderr) = Wick("check", "--model", "mlp", "--activation", "linear", identity);
        Assert.That(code, Is.EqualTo(expected), stdout + stderr);
    }

    [Test]
    public void Derive_four_point_prints_4_119_in_the_raised_form_and_the_recursions_check_back()
    {
        var (code, stdout, stderr) = Wick("derive", "--model", "mlp", "E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2} z^(l+1)_{i3;a3} z^(l+1)_{i4;a4}]");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("sum_{b1,b2,b3,b4}").And.Contain("V^(l)^{(b1 b2)(b3 b4)}").And.Contain("C_W^2 n_l/(4 n_{l-1})"));
        Assert.That(stdout, Does.Contain("(z_b1 z_b2 - K^(l)_{b1 b2})"));
        var lines = stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("V^(l+1)_", StringComparison.Ordinal) || l.StartsWith("K^(l+1)_", StringComparison.Ordinal)).ToList();
        Assert.That(lines.Count, Is.GreaterThanOrEqualTo(6));
        // Lines with sigma' (derivative form) and raised indices parse once the grammar has them (helpers gauss/printer).
        var checkable = lines.Where(l => !l.Contains("sum_", StringComparison.Ordinal) && !l.Contains('\'', StringComparison.Ordinal)).ToList();
        Assert.That(checkable.Count, Is.EqualTo(6)); // the kernel recursions of the six index pairs
        foreach (var line in checkable)
        {
            var (back, o2, e2) = Wick("check", "--model", "mlp", line);
            Assert.That(back, Is.EqualTo(0), line + "\n" + o2 + e2);
        }
    }

    [Test]
    public void Derive_nlo_metric_prints_4_115()
    {
        var (code, stdout, stderr) = Wick("derive", "--model", "mlp", "G1^(l+1)_{a1 a2}");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("G1^(l+1)_{a1 a2} = ").And.Contain("sum_{b1,b2,b3,b4}").And.Contain("K^(l)^{b1 b3}"));
        // With sigma = z the printed recursion has no derivative left and parses back.
        (code, stdout, stderr) = Wick("derive", "--model", "mlp", "--activation", "linear", "G1^(l+1)_{a1 a2}");
        Assert.That(code, Is.EqualTo(0), stdout + stderr);
        var line = stdout.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("G1^(l+1)_{a1 a2} =", StringComparison.Ordinal));
        var (back, o2, e2) = Wick("check", "--model", "mlp", "--activation", "linear", line);
        Assert.That(back, Is.EqualTo(0), line + "\n" + o2 + e2);
    }

    [Test]
    public void Unknown_activation_and_options_without_mlp_are_usage_errors()
    {
        Assert.That(Wick("check", "--model", "mlp", "--activation", "swish", "K^(l+1) = C_b").Code, Is.EqualTo(2));
        Assert.That(Wick("check", "--equal-widths", "G2^(l+1) = C_W G2^(l)").Code, Is.EqualTo(2));
    }
}
