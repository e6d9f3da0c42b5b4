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

    /// <summary>True when the identity holds (exactly, or up to the stated remainder).</summary>
    public bool Holds => Result.Holds;

    /// <summary>The equation tag written with the identity (<c>\\quad (3.24)</c>): layout, echoed, never multiplied in.</summary>
    public string? Tag { get; init; }

    public override string Text()
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
        var display = new LatexDisplay();
        bool holds = Result.Note is not null ? Result.Difference.IsZero : Result.Holds;
        string remainder = Parsed?.Remainder is { } r ? " + " + LatexPrinter.Print(r)
            : Result.Note is not null ? " + O\\left(\\frac{1}{n}\\right)" : "";
        if (Parsed is null)
            display.Equation("\\text{lhs} - \\text{rhs}", holds ? "0" + remainder : Result.DifferenceLatex, holds ? "holds" : "does not hold");
        else if (holds)
            display.Equation(LatexPrinter.Print(Parsed.Lhs), LatexPrinter.Print(Parsed.Rhs) + remainder, "holds", Parsed.Tag);
        else
            display.Equation(LatexPrinter.Print(Sum.Of(Parsed.Lhs, new Negate(Parsed.Rhs))), Result.DifferenceLatex, "does not hold", Parsed.Tag);
        return display.ToString();
    }

    public override object Json() => new
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
