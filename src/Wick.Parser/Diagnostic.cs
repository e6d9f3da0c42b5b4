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
        var caret = new System.Text.StringBuilder();
        for (int i = 0; i < Column - 1; i++)
            caret.Append(i < SourceLine.Length && SourceLine[i] == '\t' ? '\t' : ' ');
        caret.Append('^');
        return $"error at {Line}:{Column}: {Message}\n{SourceLine}\n{caret}";
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
