using System.CommandLine;
using Wick.Cli;
using Wick.Cli.Commands;

// The wick command: one file per sub-command under Commands/, shared conventions in Cli*.cs.
var sources = LauncherFastPath.Begin(); // ./wick's fast path: the walk of src/ runs while the command line is built
StandardOutput.Guard();   // a closed stdout ends wick quietly with exit 141 (docs/CLI.md)
var root = CommandLineRoot.Create("Wick — symbolic-numeric Wick contraction engine for neural networks at initialization.", args);
root.Subcommands.Add(ParseCommand.Create());
root.Subcommands.Add(DeriveCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(McCommand.Create());
root.Subcommands.Add(ExpectCommand.Create());
root.Subcommands.Add(CriticalityCommand.Create());
root.Subcommands.Add(CrosscheckCommand.Create());
root.Subcommands.Add(PlotCommand.Create());
root.Subcommands.Add(DmftCommand.Create());
DemoCommand.Attach(root);
if (sources?.HandOverIfStale(args) is int launcherExit) return launcherExit; // sources changed since this build
return Cli.Run(root, args);
