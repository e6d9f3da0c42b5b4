using System.Globalization;

namespace Wick.Numeric.Activations;

/// <summary>Bad activation text, with the 1-based column of the problem.</summary>
public sealed class ActivationFormatException(string message, int column) : FormatException(message)
{
    public int Column { get; } = column;
}

/// <summary>
/// Reads an activation written as an expression in z: numbers, z, pi, + − * / ^ (right-associative),
/// parentheses, and exp, log, tanh, erf, sin, cos, sqrt, max(a, b). Recursive descent:
/// sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*; unary := '-' unary | power;
/// power := atom ('^' unary)?; atom := number | z | pi | name '(' sum (',' sum)? ')' | '(' sum ')'.
/// </summary>
public static class SigmaExpressionParser
{
    public static SigmaExpression Parse(string text)
    {
        var p = new State(text);
        var e = p.Sum();
        p.SkipSpace();
        if (p.Pos < text.Length) throw p.Error($"unexpected '{text[p.Pos]}'");
        return e;
    }

    private sealed class State(string text)
    {
        public int Pos;

        public ActivationFormatException Error(string what) =>
            new($"activation '{text}' at column {Pos + 1}: {what}", Pos + 1);

        public void SkipSpace()
        {
            while (Pos < text.Length && char.IsWhiteSpace(text[Pos])) Pos++;
        }

        private bool Eat(char c)
        {
            SkipSpace();
            if (Pos < text.Length && text[Pos] == c) { Pos++; return true; }
            return false;
        }

        public SigmaExpression Sum()
        {
            var e = Product();
            while (true)
            {
                if (Eat('+')) e += Product();
                else if (Eat('-')) e -= Product();
                else return e;
            }
        }

        private SigmaExpression Product()
        {
            var e = Unary();
            while (true)
            {
                if (Eat('*')) e *= Unary();
                else if (Eat('/')) e /= Unary();
                else return e;
            }
        }

        private SigmaExpression Unary() => Eat('-') ? -Unary() : Eat('+') ? Unary() : Power();

        private SigmaExpression Power()
        {
            var a = Atom();
            return Eat('^') ? SigmaExpression.Pow(a, Unary()) : a;
        }

        private SigmaExpression Atom()
        {
            SkipSpace();
            if (Pos >= text.Length) throw Error("expected a number, z, a function or '(' but the text ended");
            char c = text[Pos];
            if (char.IsDigit(c) || c == '.')
            {
                int start = Pos;
                while (Pos < text.Length && (char.IsDigit(text[Pos]) || text[Pos] == '.')) Pos++;
                if (Pos < text.Length && (text[Pos] == 'e' || text[Pos] == 'E')
                    && Pos + 1 < text.Length && (char.IsDigit(text[Pos + 1]) || ((text[Pos + 1] == '-' || text[Pos + 1] == '+') && Pos + 2 < text.Length && char.IsDigit(text[Pos + 2]))))
                {
                    Pos += 2;
                    while (Pos < text.Length && char.IsDigit(text[Pos])) Pos++;
                }
                string s = text[start..Pos];
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    Pos = start;
                    throw Error($"cannot read '{s}' as a number");
                }
                return SigmaExpression.Const(v);
            }
            if (c == '(')
            {
                int open = Pos++;
                var e = Sum();
                if (!Eat(')')) throw Error($"expected ')' to close '(' at column {open + 1}");
                return e;
            }
            if (char.IsLetter(c))
            {
                int start = Pos;
                while (Pos < text.Length && (char.IsLetterOrDigit(text[Pos]) || text[Pos] == '_')) Pos++;
                string name = text[start..Pos];
                switch (name)
                {
                    case "z": return SigmaExpression.Z;
                    case "pi": return SigmaExpression.Const(Math.PI);
                }
                SigmaFunction? f = name switch
                {
                    "exp" => SigmaFunction.Exp,
                    "log" => SigmaFunction.Log,
                    "tanh" => SigmaFunction.Tanh,
                    "erf" => SigmaFunction.Erf,
                    "sin" => SigmaFunction.Sin,
                    "cos" => SigmaFunction.Cos,
                    "sqrt" => SigmaFunction.Sqrt,
                    _ => null,
                };
                if (f is null && name != "max")
                {
                    Pos = start;
                    throw Error($"unknown name '{name}' (the variable is z; functions: exp, log, tanh, erf, sin, cos, sqrt, max)");
                }
                if (!Eat('(')) throw Error($"expected '(' after '{name}'");
                var arg = Sum();
                if (f is null)
                {
                    if (!Eat(',')) throw Error("max takes two arguments: max(a, b)");
                    var second = Sum();
                    if (!Eat(')')) throw Error("expected ')' after the arguments of max");
                    return SigmaExpression.Max(arg, second);
                }
                if (!Eat(')')) throw Error($"expected ')' after the argument of {name}");
                return SigmaExpression.Call(f.Value, arg);
            }
            throw Error($"unexpected '{c}'");
        }
    }
}
