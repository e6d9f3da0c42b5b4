namespace Wick.Parser;

/// <summary>
/// A located complaint about the input: 1-based line and column, a message, what was expected there (if one
/// thing was), and the offending source line, so that <see cref="Render"/> can print a caret under the spot:
/// <code>
/// error at 1:27: expected ']' to close 'E[' opened at 1:1
/// E[z^(l)_{i1;a1} z^(l)_{i2}
///                           ^
/// </code>
/// </summary>
public sealed record Diagnostic(int Line, int Column, string Message, string? Expected, string SourceLine)
{
    /// <summary>The diagnostic as the <c>wick</c> command prints it: headline, source line, caret.</summary>
    public string Render()
    {
        // Long lines are shown as a window of ±Window characters around the spot, marked with '…'.
        const int Window = 70;
        string shown = SourceLine;
        int column = Column;
        if (SourceLine.Length > 2 * Window + 20)
        {
            int from = Math.Max(0, Column - 1 - Window);
            int to = Math.Min(SourceLine.Length, Column - 1 + Window);
            shown = (from > 0 ? "…" : "") + SourceLine[from..to] + (to < SourceLine.Length ? "…" : "");
            column = Column - from + (from > 0 ? 1 : 0);
        }
        var caret = new System.Text.StringBuilder();
        for (int i = 0; i < column - 1; i++)
            caret.Append(i < shown.Length && shown[i] == '\t' ? '\t' : ' ');
        caret.Append('^');
        return $"error at {Line}:{Column}: {Message}\n{shown}\n{caret}";
    }

    /// <summary>A diagnostic at an absolute character offset of <paramref name="source"/>.</summary>
    public static Diagnostic At(string source, int offset, string message, string? expected = null)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
            if (source[i] == '\n') { line++; lineStart = i + 1; }
        int lineEnd = source.IndexOf('\n', lineStart);
        string text = (lineEnd < 0 ? source[lineStart..] : source[lineStart..lineEnd]).TrimEnd('\r');
        return new Diagnostic(line, offset - lineStart + 1, message, expected, text);
    }

    public override string ToString() => Render();
}

/// <summary>
/// The error every bad input raises (the library's "ParseError"): carries the located <see cref="Diagnostic"/>.
/// <see cref="Exception.Message"/> is the rendered diagnostic (headline, source line, caret).
/// </summary>
public sealed class ParseException(Diagnostic diagnostic) : Exception(diagnostic.Render())
{
    /// <summary>Where and what went wrong.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}
