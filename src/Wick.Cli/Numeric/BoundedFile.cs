using System.Text;

namespace Wick.Cli.Numeric;

/// <summary>
/// Reads a text file named on the command line (<c>--inputs</c>, the shard files of <c>wick mc merge</c>) with a
/// size cap and time limits, so that <c>/dev/zero</c>, a huge file or a FIFO nobody writes to is refused (exit 2)
/// instead of exhausting memory or hanging. Pipes and process substitution (<c>&lt;(…)</c>) still work.
/// </summary>
internal static class BoundedFile
{
    /// <summary>How long opening may block (a FIFO waits for a writer) before the file is refused.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long reading the whole file may take once open.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The text of <paramref name="path"/> (UTF-8), at most <paramref name="maxBytes"/> bytes; <paramref name="what"/> prefixes messages.</summary>
    public static string ReadText(string? path, string what, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{what}: empty file name.");
        if (Directory.Exists(path)) throw new UsageException($"{what}: {path} is a directory, not a file.");
        var info = new FileInfo(path);
        if (!info.Exists) throw new UsageException($"{what}: file not found: {info.FullName}");
        if (info.Length > maxBytes) throw TooLarge(path, what, maxBytes);

        using var opened = new ManualResetEventSlim();
        var reading = Task.Run(() =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            opened.Set();
            var buffer = new MemoryStream(info.Length > 0 ? (int)Math.Min(info.Length + 1, maxBytes + 1) : 1 << 16);
            var chunk = new byte[1 << 20];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > maxBytes) return null;   // /dev/zero, a growing file: stop at the cap
            }
            return buffer.ToArray();
        });
        if (!opened.Wait(OpenTimeout) && !reading.IsCompleted)
            throw new UsageException($"{what}: {path} could not be opened within {OpenTimeout.TotalSeconds:0} s (a FIFO with no writer?); save the data to a regular file.");
        if (!reading.Wait(ReadTimeout))
            throw new UsageException($"{what}: {path} was not read to its end within {ReadTimeout.TotalSeconds:0} s (a pipe or device that never ends?); save the data to a regular file.");
        byte[]? bytes;
        try { bytes = reading.Result; }
        catch (AggregateException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{what}: cannot read {path}: {e.InnerException.Message}");
        }
        if (bytes is null) throw TooLarge(path, what, maxBytes);
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new UsageException($"{what}: {path} is not UTF-8 text."); }
    }

    private static UsageException TooLarge(string path, string what, long maxBytes) =>
        new($"{what}: {path} is larger than the limit of {maxBytes / (1 << 20)} MB (or never ends, like /dev/zero); refused.");
}
