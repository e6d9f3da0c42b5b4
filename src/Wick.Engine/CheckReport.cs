using Wick.Algebra.Checking;
using Wick.Algebra.Expansions;

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

    /// <summary>lhs = rhs when it holds (+ O(1/n) at leading order), else lhs − rhs; the note of an mlp verdict is in <see cref="CheckResult.Note"/>.</summary>
    public override string Latex()
    {
        string verdict = Result.Note is not null
            ? Result.Difference.IsZero ? $"{Result.Lhs.ToLatex()} = {Result.Rhs.ToLatex()} + O(1/n)" : $"\\text{{lhs}} - \\text{{rhs}} = {Result.DifferenceLatex}"
            : Result.Holds ? $"{Result.Lhs.ToLatex()} = {Result.Rhs.ToLatex()}" : $"\\text{{lhs}} - \\text{{rhs}} = {Result.DifferenceLatex}";
        return verdict + Environment.NewLine;
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
