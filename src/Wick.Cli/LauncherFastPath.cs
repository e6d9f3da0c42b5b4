using System.Diagnostics;
using System.IO.Enumeration;

namespace Wick.Cli;

/// <summary>
/// The <c>./wick</c> launcher's fast path (docs/CLI.md, "Running wick"): the POSIX sh launcher execs the native
/// binary at once with <c>WICK_SOURCE_ROOT</c> set, and the binary checks here that no source is newer than its
/// build stamp — one in-process walk of src/ (about 35 directories, 190 files) instead of a <c>find</c> process,
/// which costs several milliseconds in a VM. When one is newer, the full launcher (tools/launcher.bash: rebuild,
/// JIT fallback, background native build) runs the command instead and its exit code is returned.
/// </summary>
internal static class LauncherFastPath
{
    private const string RootVariable = "WICK_SOURCE_ROOT";

    /// <summary>The full launcher's exit code when the sources are newer than this binary; null to run here.</summary>
    public static int? HandOverIfStale(string[] args)
    {
        var root = Environment.GetEnvironmentVariable(RootVariable);
        if (string.IsNullOrEmpty(root)) return null; // not started by ./wick's fast path
        Environment.SetEnvironmentVariable(RootVariable, null);
        var stamp = new FileInfo(Path.Combine(AppContext.BaseDirectory, ".stamp"));
        if (stamp.Exists && !AnySourceNewer(root, stamp.LastWriteTimeUtc)) return null;
        var launcher = new ProcessStartInfo("bash") { UseShellExecute = false };
        launcher.ArgumentList.Add(Path.Combine(root, "tools", "launcher.bash"));
        foreach (var a in args) launcher.ArgumentList.Add(a);
        using var process = Process.Start(launcher)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>
    /// True when a build input (*.cs, *.csproj, *.props under src/ outside obj/ and bin/, or the repository's
    /// Directory.*.props) was modified after <paramref name="built"/> — what tools/launcher.bash tests with find.
    /// </summary>
    internal static bool AnySourceNewer(string root, DateTime built)
    {
        foreach (var props in (ReadOnlySpan<string>)["Directory.Build.props", "Directory.Packages.props"])
        {
            var f = new FileInfo(Path.Combine(root, props));
            if (f.Exists && f.LastWriteTimeUtc > built) return true;
        }
        var src = Path.Combine(root, "src");
        if (!Directory.Exists(src)) return true;
        var newer = new FileSystemEnumerable<bool>(src, (ref FileSystemEntry _) => true,
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) => !e.FileName.SequenceEqual("obj") && !e.FileName.SequenceEqual("bin"),
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && IsBuildInput(e.FileName) && e.LastWriteTimeUtc.UtcDateTime > built,
        };
        using var found = newer.GetEnumerator();
        return found.MoveNext();
    }

    private static bool IsBuildInput(ReadOnlySpan<char> name) =>
        name.EndsWith(".cs", StringComparison.Ordinal) || name.EndsWith(".csproj", StringComparison.Ordinal) ||
        name.EndsWith(".props", StringComparison.Ordinal);
}
