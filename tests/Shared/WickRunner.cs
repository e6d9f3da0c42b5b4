using System.Diagnostics;

namespace Wick.Tests;

/// <summary>
/// Runs the wick.dll built alongside the tests (one build, reused by every test) as a process. Shared by the test
/// projects that reference Wick.Cli (linked into their csproj files).
/// </summary>
internal static class WickRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithEnvironment(new Dictionary<string, string?>(), args);

    /// <summary>Runs wick with <paramref name="environment"/> changed (a null value removes the variable).</summary>
    public static (int Code, string Out, string Err) RunWithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "wick.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
            if (value is null) psi.Environment.Remove(name); else psi.Environment[name] = value;
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); Assert.Fail("wick did not finish within 120 s"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The path of the built wick.dll the tests run.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "wick.dll");
}
