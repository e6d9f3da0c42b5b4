using Wick.Algebra.Checking;
using Wick.Algebra.Expansions;
using Wick.Algebra.Syntax;

namespace Wick.Engine;

/// <summary>The verdict of <see cref="WickEngine.Check"/> with the identity as written, in text, LaTeX and JSON.</summary>
/// <param name="Identity">The identity as the user wrote it.</param>
/// <param name="Result">Both sides in canonical form, their difference and the verdict.</param>
public sealed class CheckReport(string Identity, CheckResult Result) : Report
{
    /// <summary>The identity as the user wrote it.</summary>
    public string Identity { get; } = Identity;

    /// <summary>Both sides in canonical form, their difference and the verdict.</summary>
    public CheckResult Result { get; } = Result;

    /// <summary>The equation tag written with the identity (<c>\\quad (3.24)</c>): layout, echoed, never multiplied in.</summary>
    public string? Tag { get; init; }

    /// <summary>
    /// The links of a chain <c>a = b = c</c> (each checked on its own), or null for a plain identity. <see cref="Result"/>
    /// is then the first false link's (or the last link's when all hold); <see cref="Holds"/> needs every link.
    /// </summary>
    public IReadOnlyList<ChainLink>? Links { get; init; }

    /// <summary>True when the identity holds; for a chain, when every link holds.</summary>
    public bool Holds => Links is { } links ? links.All(l => l.Result is { Holds: true }) : Result.Holds;

    /// <summary>
    /// True when the identity (every link of a chain) holds exactly or through the order of the 1/n expansion that
    /// --model mlp keeps (<see cref="CheckResult.HoldsUpTo"/>): decided, but not claimed exact.
    /// </summary>
    public bool HoldsThroughExpansion => Links is { } links
        ? links.All(l => l.Result is { } r && (r.Holds || r.HoldsUpTo is not null))
        : Result.Holds || Result.HoldsUpTo is not null;

    /// <summary>
    /// A statement for general m: decided for m = 1 … <see cref="CheckedUpToM"/>; <see cref="FailsAtM"/> is the m where it
    /// does not hold (null when it holds for every m checked). Null for an ordinary identity.
    /// </summary>
    public int? CheckedUpToM { get; private init; }

    /// <summary>The m where a statement for general m does not hold (its report is this one), or null.</summary>
    public int? FailsAtM { get; private init; }

    /// <summary>This report as the verdict on a statement for general m, checked up to <paramref name="upTo"/>.</summary>
    public CheckReport ForM(int upTo, int? failsAt) =>
        new(Identity, Result) { Tag = Tag, Parsed = Parsed, Links = Links, CheckedUpToM = upTo, FailsAtM = failsAt };

    public override string Text()
    {
        string text = Links is { } links ? ChainText(links) : PlainText();
        if (CheckedUpToM is not { } upTo) return text;
        return text + (FailsAtM is { } m
            ? $"for general m: does not hold at m = {m}{(m > 1 ? $" (it holds for m = 1…{m - 1})" : "")}\n"
            : $"for general m: holds for m = 1…{upTo}; not proven for all m\n");
    }

    private string PlainText()
    {
        var w = new StringWriter();
        if (Tag is { } tag) w.WriteLine($"({tag})");
        string upTo = Result.Remainder is { } o ? $" up to {o}" : "";
        w.WriteLine($"lhs = {Result.Lhs}");
        w.WriteLine($"rhs = {Result.Rhs}");
        if (Result.SolvedDifference is not null)
            w.WriteLine(Result.Remainder is SeriesOrder
                ? "compared through the solved correlators in the double-scaling limit (r = L/n, all widths n)"
                : "compared through the solved correlators at symbolic depth (all widths equal)");
        if (Result.ComparedAt is { } at) w.WriteLine(at);
        if (Result.Note is { } note) w.WriteLine(note);
        else w.WriteLine(Result.Holds ? $"holds{upTo}" : $"does not hold{upTo}: lhs - rhs = {Result.DifferenceText}");
        return w.ToString();
    }

    /// <summary>The identity as parsed (sides, remainder, tag): what the LaTeX output prints.</summary>
    public Identity? Parsed { get; init; }

    /// <summary>
    /// One align block: the identity as written with "holds" beside it, or lhs − (rhs) = the difference with "does not
    /// hold"; its equation tag is kept. The note of an mlp verdict goes to stderr (the check command prints it).
    /// </summary>
    public override string Latex()
    {
        if (Links is { } links)
            return string.Concat(links.Select(l => l.Result is { } linkResult
                ? new CheckReport(TextPrinter.Print(l.Identity), linkResult) { Parsed = l.Identity }.Latex()
                : new LatexDisplay().Equation(l.Identity, "cannot decide").ToString()));
        var display = new LatexDisplay();
        bool holds = Result.Note is not null ? Result.Difference.IsZero : Result.Holds;
        string remainder = Parsed?.Remainder is { } r ? " + " + LatexPrinter.Print(r)
            : Result.Note is not null ? " + O\\left(\\frac{1}{n}\\right)" : "";
        if (Parsed is null)
            display.Equation("\\text{lhs} - \\text{rhs}", holds ? "0" + remainder : Result.DifferenceLatex, holds ? "holds" : "does not hold");
        else if (holds)
            display.Equation(LatexPrinter.Print(Parsed.Lhs), LatexPrinter.Print(Parsed.Rhs) + remainder + LatexDisplay.Conditions(Parsed), "holds", Parsed.Tag);
        else
            display.Equation(LatexPrinter.Print(Sum.Of(Parsed.Lhs, new Negate(Parsed.Rhs))), Result.DifferenceLatex + LatexDisplay.Conditions(Parsed), "does not hold", Parsed.Tag);
        return display.ToString();
    }

    private string ChainText(IReadOnlyList<ChainLink> links)
    {
        var w = new StringWriter();
        if (Tag is { } tag) w.WriteLine($"({tag})");
        for (int k = 0; k < links.Count; k++)
        {
            var l = links[k];
            w.WriteLine($"link {k + 1} of {links.Count}: {TextPrinter.Print(l.Identity)}");
            string body = l.Result is { } r ? new CheckReport(TextPrinter.Print(l.Identity), r).Text() : $"cannot decide: {l.Undecided}\n";
            foreach (var line in body.TrimEnd().Split('\n')) w.WriteLine("  " + line);
        }
        int undecided = links.Count(l => l.Result is null);
        w.WriteLine(Holds ? $"every link holds ({links.Count} links)"
            : HoldsThroughExpansion ? $"every link holds through the order the model keeps ({links.Count} links; not claimed exact, see the notes)"
            : $"the chain does not hold: link {links.ToList().FindIndex(l => l.Result is { Holds: false }) + 1} fails" +
              (undecided > 0 ? $" ({undecided} other link(s) undecided)" : ""));
        return w.ToString();
    }

    public override object Json() => CheckedUpToM is { } upTo
        ? new { generalM = new { checkedUpTo = upTo, failsAt = FailsAtM, proven = false }, verdict = IdentityJson() }
        : IdentityJson();

    private object IdentityJson() => Links is { } links ? new
    {
        identity = Identity,
        tag = Tag,
        holds = Holds,
        links = links.Select(l => new
        {
            identity = TextPrinter.Print(l.Identity),
            holds = l.Result?.Holds,
            undecided = l.Undecided,
            remainder = l.Result?.Remainder?.ToString(),
            difference = l.Result?.DifferenceText,
            note = l.Result?.Note,
        }).ToList(),
    } : new
    {
        identity = Identity,
        tag = Tag,
        holds = Result.Holds,
        order = Result.Order,
        remainder = Result.Remainder?.ToString(),
        solved = Result.SolvedDifference is not null,
        lhs = Result.Lhs.ToString(),
        rhs = Result.Rhs.ToString(),
        difference = Result.DifferenceText,
        differenceLatex = Result.DifferenceLatex,
        note = Result.Note,
        comparedAt = Result.ComparedAt,
    };
}

/// <summary>One link a = b of a chain: its verdict, or why it could not be decided.</summary>
/// <param name="Identity">The link as parsed.</param>
/// <param name="Result">The verdict, or null when the link could not be decided.</param>
/// <param name="Undecided">Why the link could not be decided (null when it was).</param>
public sealed record ChainLink(Identity Identity, CheckResult? Result, string? Undecided);
