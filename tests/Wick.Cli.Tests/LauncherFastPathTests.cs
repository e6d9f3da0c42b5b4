namespace Wick.Cli.Tests;

/// <summary>
/// The native binary's own staleness check (./wick's fast path): the same build inputs as tools/launcher.bash's
/// find — *.cs, *.csproj, *.props under src/ outside obj/ and bin/, and the repository's Directory.*.props.
/// </summary>
public class LauncherFastPathTests
{
    private string _root = "";
    private static readonly DateTime Built = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [SetUp]
    public void CreateTree()
    {
        _root = Directory.CreateTempSubdirectory("wick-launcher-").FullName;
        foreach (var f in (string[])["src/Wick.Algebra/Core/Rational.cs", "src/Wick.Cli/Wick.Cli.csproj", "Directory.Build.props"])
            Write(f, Built.AddDays(-1));
    }

    [TearDown]
    public void RemoveTree() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, DateTime modified)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// test");
        File.SetLastWriteTimeUtc(path, modified);
    }

    [Test]
    public void Sources_older_than_the_build_are_fresh() =>
        Assert.That(LauncherFastPath.AnySourceNewer(_root, Built), Is.False);

    [TestCase("src/Wick.Algebra/Core/Rational.cs")]
    [TestCase("src/Wick.Engine/Deep/Nested/New.cs")]
    [TestCase("src/Wick.Cli/Wick.Cli.csproj")]
    [TestCase("src/Wick.Numeric/Local.props")]
    [TestCase("Directory.Build.props")]
    [TestCase("Directory.Packages.props")]
    public void A_newer_build_input_is_stale(string relative)
    {
        Write(relative, Built.AddSeconds(1));
        Assert.That(LauncherFastPath.AnySourceNewer(_root, Built), Is.True);
    }

    [TestCase("src/Wick.Algebra/obj/Release/Generated.cs")]
    [TestCase("src/Wick.Cli/bin/Release/wick.cs")]
    [TestCase("src/Wick.Algebra/notes.md")]
    [TestCase("docs/CLI.cs")]
    public void Build_outputs_and_other_files_do_not_count(string relative)
    {
        Write(relative, Built.AddDays(1));
        Assert.That(LauncherFastPath.AnySourceNewer(_root, Built), Is.False);
    }

    [Test]
    public void A_tree_without_src_is_stale_so_the_full_launcher_decides()
    {
        Directory.Delete(Path.Combine(_root, "src"), recursive: true);
        Assert.That(LauncherFastPath.AnySourceNewer(_root, Built), Is.True);
    }
}
