using System.CommandLine;
using Wick.Engine;

namespace Wick.Cli.Commands;

/// <summary><c>wick derive EXPR</c>: the recursion for a correlator at layer l+1 in terms of layer l, its recognised
/// structure, c_{2m} expanded and factored, and the solution.</summary>
internal static class DeriveCommand
{
    public static Command Create()
    {
        var format = Cli.FormatOption();
        var expr = new Argument<string>("EXPR") { Description = "A correlator, e.g. \"E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]\", a connected one \"Ec[...]\", or a scalar expression such as a fluctuation." };
        var options = new EngineOptions();
        var connected = new Option<bool>("--connected", "-c") { Description = "The connected correlator E[...]|_c (Moebius inversion over set partitions); Ec[...] implies it." };
        var order = new Option<int?>("--order", "-k") { Description = "Expand through 1/n^K (or through r^K with --limit double-scaling).", HelpName = "K" };
        var limit = new Option<string?>("--limit") { Description = "double-scaling (n, L -> inf, r = L/n fixed), width-first or depth-first (3.48)-(3.55).", HelpName = "double-scaling|width-first|depth-first" };
        var expandOrbits = new Option<bool>("--expand-orbits") { Description = "Several inputs: write every term and every relabelled recursion out instead of orbit sums orbit_{...}[...] (the default from six fields on)." };
        var orbits = new Option<bool>("--orbits") { Description = "Several inputs: orbit sums orbit_{...}[...] at four fields too." };
        var cmd = new Command("derive", "Derive the layer-to-layer recursion of a correlator (deep linear networks), its structure and solution; connected correlators, 1/n expansions and the double-scaling limit.") { expr, format, connected, order, limit, expandOrbits, orbits };
        options.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var request = options.Apply(r, new DeriveRequest(r.GetValue(expr)!)
            {
                Connected = r.GetValue(connected),
                Order = r.GetValue(order),
                Limit = WickEngine.Limit(r.GetValue(limit)),
                Orbits = r.GetValue(expandOrbits) ? OrbitForm.Expanded : r.GetValue(orbits) ? OrbitForm.Orbits : OrbitForm.Auto,
            });
            Cli.Write(WickEngine.Derive(request, EngineOptions.Progress), r.GetValue(format));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
