namespace Wick.Algebra;

/// <summary>
/// A computation refused up front because it would blow up or is not built (a huge pairing sum, a correlator of too
/// many inputs, exact arithmetic that would take minutes); the message names the way out. <c>wick</c> reports it
/// with exit code 2, unlike any other <see cref="InvalidOperationException"/>, which is an internal error (exit 3).
/// </summary>
public class RefusedException(string message) : InvalidOperationException(message);
