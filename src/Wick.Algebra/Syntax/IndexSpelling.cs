namespace Wick.Algebra.Syntax;

/// <summary>
/// The one index-spelling table of the project. An index has a canonical ASCII name: one letter, then optional
/// digits, then optional primes (<c>i1</c>, <c>j</c>, <c>k'</c>, <c>a2</c>). Sample indices are the letters a–e and
/// print as the book's Greek letters (α, β, γ, δ, ε; §4.1); every other letter is a neural index and prints as itself.
/// Digits become a subscript: <c>a1</c> ↦ <c>\alpha_{1}</c>, <c>i12</c> ↦ <c>i_{12}</c>. The parser reads the Greek
/// commands and their Unicode letters back through <see cref="SampleLetterOf"/>, so every spelling printed here
/// parses back to the same name.
/// </summary>
public static class IndexSpelling
{
    // a ↔ α, b ↔ β, c ↔ γ, d ↔ δ, e ↔ ε: the book's sample indices (α₁, α₂, β, …).
    private static readonly (char Letter, string Greek, char Unicode)[] Samples =
    [
        ('a', "alpha", 'α'), ('b', "beta", 'β'), ('c', "gamma", 'γ'), ('d', "delta", 'δ'), ('e', "epsilon", 'ε'),
    ];

    /// <summary>True for the letters a–e, the ASCII names of sample indices α, β, γ, δ, ε.</summary>
    public static bool IsSampleLetter(char letter) => letter is >= 'a' and <= 'e';

    /// <summary>The family a name's first letter denotes: a–e sample, everything else neural.</summary>
    public static IndexKind KindOf(string name) => IsSampleLetter(name[0]) ? IndexKind.Sample : IndexKind.Neural;

    /// <summary>The LaTeX command name (without backslash) of a sample letter: <c>a</c> ↦ <c>alpha</c>; null otherwise.</summary>
    public static string? GreekOf(char letter)
    {
        foreach (var s in Samples) if (s.Letter == letter) return s.Greek;
        return null;
    }

    /// <summary>
    /// The ASCII sample letter of a Greek command name or its Unicode letter: <c>alpha</c>/α ↦ <c>a</c>,
    /// <c>varepsilon</c> ↦ <c>e</c>; null when it is not one of the five.
    /// </summary>
    public static char? SampleLetterOf(string greek)
    {
        if (greek == "varepsilon") return 'e';
        foreach (var s in Samples)
            if (s.Greek == greek || (greek.Length == 1 && greek[0] == s.Unicode)) return s.Letter;
        return null;
    }

    /// <summary>The Unicode Greek letter of a sample letter (<c>a</c> ↦ α), for plain-text reports; null otherwise.</summary>
    public static char? UnicodeOf(char letter)
    {
        foreach (var s in Samples) if (s.Letter == letter) return s.Unicode;
        return null;
    }

    /// <summary>
    /// The LaTeX of an index name: <c>a1</c> ↦ <c>\alpha_{1}</c>, <c>b</c> ↦ <c>\beta</c>, <c>i3</c> ↦ <c>i_{3}</c>,
    /// <c>j</c> ↦ <c>j</c>, <c>k'</c> ↦ <c>k'</c>, <c>i1'</c> ↦ <c>i_{1}'</c>. A string that is not an index name
    /// (letter, digits, primes) is returned verbatim.
    /// </summary>
    public static string ToLatex(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        int digitsEnd = 1;
        while (digitsEnd < name.Length && char.IsAsciiDigit(name[digitsEnd])) digitsEnd++;
        string primes = name[digitsEnd..];
        if (!char.IsAsciiLetter(name[0]) || primes.Any(c => c != '\'')) return name; // not an index name: verbatim
        string head = GreekOf(name[0]) is { } greek ? "\\" + greek : name[..1];
        string digits = name[1..digitsEnd];
        return digits.Length > 0 ? $"{head}_{{{digits}}}{primes}" : head + primes;
    }
}
