using System.CommandLine;

namespace Wick.Cli.Commands;

/// <summary><c>wick</c> with no arguments: a short guided demo on the embedded defaults.</summary>
internal static class DemoCommand
{
    public static void Attach(RootCommand root)
    {
        var format = Cli.FormatOption();
        root.Options.Add(format);
        root.SetAction(r =>
        {
            Console.WriteLine("Wick: the guided demo is not built yet; try 'wick --help'.");
            return ExitCodes.Ok;
        });
    }
}
