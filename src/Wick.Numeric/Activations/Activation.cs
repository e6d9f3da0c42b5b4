using System.Globalization;

namespace Wick.Numeric.Activations;

/// <summary>
/// A scale-invariant (piecewise-linear) activation σ(z) = a₊ z for z ≥ 0 and a₋ z for z &lt; 0 (book §5.2:
/// linear a₊ = a₋ = 1, ReLU a₊ = 1, a₋ = 0, leaky ReLU a₋ = a, abs a₋ = −1). Written as σ(z) = α z + β |z| with
/// α = (a₊ + a₋)/2, β = (a₊ − a₋)/2: σ' = α + β sgn z, σ'' = 2β δ(z).
/// </summary>
public sealed record ScaleInvariantSlopes(double APlus, double AMinus)
{
    public double Alpha => (APlus + AMinus) / 2;
    public double Beta => (APlus - AMinus) / 2;

    /// <summary>A₂ = (a₊² + a₋²)/2: ⟨σ(z)²⟩_K = A₂ K (5.60).</summary>
    public double A2 => (APlus * APlus + AMinus * AMinus) / 2;
}

/// <summary>
/// A probit-type activation σ(z) = z^p (α + β(2Φ(s z) − 1)) with p ∈ {0, 1}: GELU z Φ(z) (p = 1, α = β = ½, s = 1) and
/// erf(z) = 2Φ(√2 z) − 1 (p = 0, α = 0, β = 1, s = √2). Its Gaussian expectations in σ and σ' are orthant moments of an
/// augmented Gaussian (<see cref="Gaussian.OrthantMoments.EvaluateProbit"/>).
/// </summary>
public sealed record ProbitForm(int Power, double Alpha, double Beta, double Scale)
{
    public static ProbitForm Gelu { get; } = new(1, 0.5, 0.5, 1);
    public static ProbitForm Erf { get; } = new(0, 0, 1, Math.Sqrt(2));
}

/// <summary>
/// An activation function: its name, its expression in z, and σ, σ', σ'' obtained by exact differentiation of that
/// expression (<see cref="SigmaExpression.Derivative"/>) and compiled once. The built-ins are expressions too
/// (tanh is <c>tanh(z)</c>, swish is <c>z/(1 + exp(-z))</c>); the piecewise-linear ones also carry their slopes,
/// which route their Gaussian expectations to exact orthant moments instead of quadrature.
/// </summary>
public sealed class Activation
{
    /// <summary>The highest derivative built: σ'''' (the NLO metric (4.115) in derivative normal form).</summary>
    public const int MaxOrder = 4;

    private readonly SigmaExpression?[] _derivatives = new SigmaExpression?[MaxOrder + 1];
    private readonly Func<double, double>?[] _compiled = new Func<double, double>?[MaxOrder + 1];
    private readonly string?[] _failures = new string?[MaxOrder + 1];

    private Activation(string name, SigmaExpression expression, ScaleInvariantSlopes? slopes)
    {
        Name = name;
        Expression = expression;
        Slopes = slopes;
        _derivatives[0] = expression;
        for (int d = 1; d <= MaxOrder; d++)
        {
            try { _derivatives[d] = _derivatives[d - 1]!.Derivative(); }
            catch (InvalidOperationException e)
            {
                for (int q = d; q <= MaxOrder; q++) _failures[q] = $"σ{new string('\'', q)} of {name}: {e.Message}";
                break;
            }
        }
    }

    /// <summary>The name as given (<c>tanh</c>, <c>leaky_relu:0.1</c>) or the expression text.</summary>
    public string Name { get; }

    /// <summary>σ as an expression in z.</summary>
    public SigmaExpression Expression { get; }

    /// <summary>The slopes when σ is scale-invariant (piecewise linear through 0); null otherwise.</summary>
    public ScaleInvariantSlopes? Slopes { get; }

    /// <summary>True for σ = erf(z) (arcsine kernel closed forms).</summary>
    public bool IsErf => Expression == SigmaExpression.Call(SigmaFunction.Erf, SigmaExpression.Z);

    private static readonly SigmaExpression GeluExpression = SigmaExpressionParser.Parse("z*(1 + erf(z/sqrt(2)))/2");

    /// <summary>The probit form of GELU and erf (exact orthant-moment expectations); null for other σ.</summary>
    public ProbitForm? Probit => IsErf ? ProbitForm.Erf : Expression == GeluExpression ? ProbitForm.Gelu : null;

    /// <summary>The names <see cref="Parse"/> knows (besides expressions in z).</summary>
    public static IReadOnlyList<string> BuiltinNames { get; } =
        ["linear", "relu", "leaky_relu:A", "abs", "tanh", "sin", "erf", "gelu", "swish", "sigmoid", "softplus"];

    /// <summary>σ^{(order)} as an expression (order 0 … <see cref="MaxOrder"/>).</summary>
    public SigmaExpression Derivative(int order)
    {
        if (order is < 0 or > MaxOrder) throw new ArgumentOutOfRangeException(nameof(order), "derivatives of σ up to σ'''' are supported");
        return _derivatives[order] ?? throw new InvalidOperationException(_failures[order]);
    }

    /// <summary>σ^{(order)} compiled to a delegate.</summary>
    public Func<double, double> Compiled(int order)
    {
        if (_compiled[order] is { } f) return f;
        var g = Derivative(order).Compile();
        _compiled[order] = g;
        return g;
    }

    /// <summary>
    /// A built-in name (<see cref="BuiltinNames"/>; <c>leaky_relu:A</c> with slope A for z &lt; 0) or an expression
    /// in z such as <c>z/(1+exp(-z))</c>. Throws <see cref="ActivationFormatException"/> with a column.
    /// </summary>
    public static Activation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        switch (t.ToLowerInvariant())
        {
            case "linear": return new(t, SigmaExpression.Z, new(1, 1));
            case "relu": return new(t, SigmaExpressionParser.Parse("max(z, 0)"), new(1, 0));
            case "abs": return new(t, SigmaExpressionParser.Parse("max(z, -z)"), new(1, -1));
            case "tanh": return FromText(t, "tanh(z)");
            case "sin": return FromText(t, "sin(z)");
            case "erf": return FromText(t, "erf(z)");
            case "gelu": return FromText(t, "z*(1 + erf(z/sqrt(2)))/2");
            case "swish": return FromText(t, "z/(1 + exp(-z))");
            case "sigmoid": return FromText(t, "1/(1 + exp(-z))");
            case "softplus": return FromText(t, "log(1 + exp(z))");
        }
        if (t.StartsWith("leaky_relu", StringComparison.OrdinalIgnoreCase))
        {
            string rest = t["leaky_relu".Length..];
            if (!rest.StartsWith(':') || !double.TryParse(rest[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out double a) || !double.IsFinite(a))
                throw new ActivationFormatException($"activation '{text}': expected leaky_relu:A with a finite slope A, e.g. leaky_relu:0.1", "leaky_relu".Length + 1);
            string ae = a.ToString("R", CultureInfo.InvariantCulture);
            return new(t, SigmaExpressionParser.Parse($"max(z, 0) - {ae}*max(-z, 0)"), new(1, a));
        }
        if (t.Length == 0) throw new ActivationFormatException("empty activation: expected a name (" + string.Join(", ", BuiltinNames) + ") or an expression in z", 1);
        try { return FromText(t, t); }
        catch (ActivationFormatException e) when (!t.Contains('z') && !t.Contains('('))
        {
            throw new ActivationFormatException($"unknown activation '{text}': expected one of {string.Join(", ", BuiltinNames)} or an expression in z such as z/(1+exp(-z)) ({e.Message})", e.Column);
        }
    }

    private static Activation FromText(string name, string expression) => new(name, SigmaExpressionParser.Parse(expression), null);

    public override string ToString() => Name;
}
