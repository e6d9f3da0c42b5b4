using Wick.Algebra.Checking;
using Wick.Engine;
using Wick.Parser;

namespace Wick.Cli.Tests;

/// <summary>Exit 2 for refusals (typed), exit 3 for anything else: an internal invariant failure is never "bad input".</summary>
public class ExitCodeTests
{
    [Test]
    public void Refusals_are_typed_and_internal_failures_are_not_refusals()
    {
        Assert.That(Cli.IsRefusal(new UsageException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new RequestException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new EvaluationException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new CannotDecideException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new IOException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new Wick.Algebra.RefusedException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new Wick.Algebra.Tensors.ExplicitTensorTooLargeException("x")), Is.True);
        Assert.That(Cli.IsRefusal(new InvalidOperationException("x")), Is.False);
        Assert.That(Cli.IsRefusal(new ArgumentException("x")), Is.False);
        Assert.That(Cli.IsRefusal(new KeyNotFoundException("x")), Is.False);
        Assert.That(Cli.IsRefusal(new NullReferenceException("x")), Is.False);
        Assert.That(ExitCodes.InternalError, Is.EqualTo(3));
        Assert.Throws<ParseException>(() => WickEngine.Check(new CheckRequest("= 1")));
        // A quantity in a denominator whose rewrite is a sum: a refusal, not an internal failure of Polynomial.Substitute.
        Assert.Throws<CannotDecideException>(() => WickEngine.Check(new CheckRequest("G4^(l-1)/G4^(l) = C_W^2")));
        Assert.That(Cli.IsRefusal(Assert.Catch(() => WickEngine.Check(new CheckRequest("G4^(l+1)/G4^(l+1) = 1")))!), Is.True);
    }
}
