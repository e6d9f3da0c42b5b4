using Wick.Tests;

namespace Wick.Cli.Tests;

/// <summary>
/// wick builds System.CommandLine's RootCommand (help, version, directives) only when an argument may ask for it
/// (CommandLineRoot; start-up, issue 16). Every way of asking must still reach it, and a plain command must run the
/// same with either root.
/// </summary>
public class CommandLineRootTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("/h")]
    [TestCase("-?")]
    [TestCase("/?")]
    [TestCase("--version")]
    [TestCase("@args.rsp")]
    [TestCase("[suggest]")]
    [TestCase("-fh")]
    [TestCase("-x?")]
    public void Any_possible_request_builds_the_full_root(string arg) =>
        Assert.That(CommandLineRoot.MayAskForBuiltIns(["check", arg]), Is.True);

    [TestCase("check", "G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)")]
    [TestCase("derive", "G4", "--format", "json")]
    [TestCase("eval", "-f", "latex", "--set", "n=3")]
    [TestCase("check", "tanh(x) - h = tanh(x) - h")] // h and ? inside an identity, not after a leading dash
    public void Plain_commands_take_the_light_root(params string[] args) =>
        Assert.That(CommandLineRoot.MayAskForBuiltIns(args), Is.False);

    [TestCase("--help")]
    [TestCase("check", "--help")]
    [TestCase("check", "-h")]
    [TestCase("-?")]
    public void Help_is_printed_and_exits_zero(params string[] args)
    {
        var (code, output, error) = WickRunner.Run(args);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("Usage:").And.Contain("-?, -h, --help"));
    }

    [Test]
    public void Version_prints_the_informational_version()
    {
        var (code, output, error) = WickRunner.Run("--version");
        Assert.That(code, Is.Zero, error);
        Assert.That(output.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public void A_response_file_asking_for_help_is_honoured()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wick-{Guid.NewGuid():N}.rsp");
        File.WriteAllText(file, "check\n--help\n");
        try
        {
            var (code, output, error) = WickRunner.Run("@" + file);
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("Usage:").And.Contain("wick check"));
        }
        finally { File.Delete(file); }
    }

    [Test]
    public void The_suggest_directive_still_completes_commands()
    {
        var (code, output, error) = WickRunner.Run("[suggest]", "ch");
        Assert.That(code, Is.Zero, error);
        Assert.That(output.Split('\n', StringSplitOptions.TrimEntries), Does.Contain("check").And.Contain("crosscheck"));
    }

    [Test]
    public void Unknown_options_are_refused_the_same_way_under_the_light_root()
    {
        var (code, _, error) = WickRunner.Run("check", "G4^(l+1) = G4^(l)", "--formt", "json");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--formt").And.Contain("Try 'wick --help'"));
    }
}
