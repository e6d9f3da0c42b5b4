using Microsoft.Win32.SafeHandles;

namespace Wick.Cli;

/// <summary>
/// Standard output that stops the process when it cannot be written: a reader that went away
/// (<c>wick … | head -c 0</c>, EPIPE) or a closed descriptor (<c>wick … &gt;&amp;-</c>) ends wick at once with exit
/// code <see cref="ExitCode"/> (141, what a shell reports for a process ended by SIGPIPE) — no stack trace, and no
/// computing on for nobody. A broken pipe is silent (the reader chose to stop); a closed descriptor gets one line
/// on stderr. Documented in docs/CLI.md ("Exit codes").
/// </summary>
internal static class StandardOutput
{
    /// <summary>Exit code when standard output is closed.</summary>
    public const int ExitCode = 141;

    /// <summary>Replaces <see cref="Console.Out"/> by the guarded writer (UTF-8, flushed after every write as before).</summary>
    public static void Guard()
    {
        Stream? inner;
        try { inner = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { inner = null; }
        Console.SetOut(TextWriter.Synchronized(new StreamWriter(new GuardedStream(inner), new System.Text.UTF8Encoding(false), 1 << 14) { AutoFlush = true }));
    }

    private static void Closed(Exception? e)
    {
        const int EPIPE = 32;
        if (e is null || e.HResult != EPIPE)
        {
            try { Console.Error.WriteLine("wick: standard output is closed; nothing more can be written."); }
            catch (IOException) { }
        }
        Environment.Exit(ExitCode);
    }

    /// <summary>Passes writes to fd 1; any failure ends the process through <see cref="Closed"/>.</summary>
    private sealed class GuardedStream(Stream? inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (inner is null) Closed(null);
            try { inner!.Write(buffer); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Closed(e.InnerException ?? e); }
        }

        public override void Flush()
        {
            try { inner?.Flush(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Closed(e.InnerException ?? e); }
        }
    }
}
