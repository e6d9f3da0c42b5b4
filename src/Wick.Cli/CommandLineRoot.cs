using System.CommandLine;

namespace Wick.Cli;

/// <summary>
/// The root of wick's command line. System.CommandLine's <see cref="RootCommand"/> builds its <c>--help</c> and
/// <c>--version</c> options at once, and their descriptions are read through a <c>ResourceManager</c> whose first use
/// initialises reflection: about 2 ms of a native start-up of about 18 ms (docs/BENCHMARKS.md, issue 16). wick builds
/// that root only when an argument could ask for what it adds (help, version, a <c>[suggest]</c> directive); otherwise
/// a plain command of the same name, so a plain <c>wick check …</c> never pays for them.
/// </summary>
internal static class CommandLineRoot
{
    private static readonly string[] HelpAliases = ["--help", "-h", "/h", "-?", "/?"]; // HelpOption's own aliases

    /// <summary>The root command named <c>wick</c>: System.CommandLine's <see cref="RootCommand"/> when <see cref="MayAskForBuiltIns"/>.</summary>
    public static Command Create(string description, IReadOnlyList<string> args) =>
        MayAskForBuiltIns(args) ? new RootCommand(description) : new Command("wick", description);

    /// <summary>
    /// True when an argument is, or may expand to, a help or version request or a directive: one of the aliases, a
    /// response file (<c>@file</c>, expanded by the parser), a bundle of short options (<c>-xh</c>) holding <c>h</c> or
    /// <c>?</c>, or a <c>[directive]</c>. Erring towards true only costs time.
    /// </summary>
    internal static bool MayAskForBuiltIns(IReadOnlyList<string> args)
    {
        foreach (var a in args)
        {
            if (a == "--version" || a.StartsWith('@') || a.StartsWith('[') || Array.IndexOf(HelpAliases, a) >= 0) return true;
            if (a.Length > 2 && a[0] == '-' && a[1] != '-' && (a.Contains('h') || a.Contains('?'))) return true;
        }
        return false;
    }
}
