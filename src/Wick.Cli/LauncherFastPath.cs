using System.Diagnostics;
using System.IO.Enumeration;

namespace Wick.Cli;

/// <summary>
/// The <c>./wick</c> launcher's fast path (docs/CLI.md, "Running wick"): the POSIX sh launcher execs the native
/// binary at once with <c>WICK_SOURCE_ROOT</c> set, and the binary checks here that no source is newer than its
/// build stamp — one in-process walk of src/ (about 35 directories, 190 files) instead of a <c>find</c> process,
/// which costs several milliseconds in a VM. The walk runs on its own thread while the command line is built and
/// parsed (start-up, issue 16); the command itself runs only after it has answered. When a source is newer, the
/// full launcher (tools/launcher.bash: rebuild, JIT fallback, background native build) runs the command instead and
/// its exit code is returned.
/// </summary>
internal sealed class LauncherFastPath
{
    private const string RootVariable = "WICK_SOURCE_ROOT";

    private readonly string _root;
    private readonly Thread _walk;
    private bool _stale;

    private LauncherFastPath(string root)
    {
        _root = root;
        _walk = new Thread(() => _stale = IsStale(root), maxStackSize: 256 * 1024) { IsBackground = true, Name = "wick sources" };
        _walk.Start();
    }

    /// <summary>Starts the staleness walk when started by <c>./wick</c>'s fast path; null otherwise.</summary>
    public static LauncherFastPath? Begin()
    {
        var root = Environment.GetEnvironmentVariable(RootVariable);
        return string.IsNullOrEmpty(root) ? null : new LauncherFastPath(root);
    }

    /// <summary>Waits for the walk; the full launcher's exit code when the sources are newer than this binary, null to run here.</summary>
    public int? HandOverIfStale(string[] args)
    {
        _walk.Join();
        if (!_stale) return null;
        var launcher = new ProcessStartInfo("bash") { UseShellExecute = false };
        launcher.Environment.Remove(RootVariable); // the launcher must not hand back to a binary it is replacing
        launcher.ArgumentList.Add(Path.Combine(_root, "tools", "launcher.bash"));
        foreach (var a in args) launcher.ArgumentList.Add(a);
        using var process = Process.Start(launcher)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static bool IsStale(string root)
    {
        var stamp = new FileInfo(Path.Combine(AppContext.BaseDirectory, ".stamp"));
        return !stamp.Exists || AnySourceNewer(root, stamp.LastWriteTimeUtc);
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
