using System.Numerics;

namespace Wick.Algebra.Cumulants;

/// <summary>
/// The minimal commutative algebra the moment–cumulant formulas need: moments (and cumulants) of blocks of fields
/// are elements of <typeparamref name="T"/>, added, multiplied (products of blocks on disjoint index sets) and
/// scaled by the integer Möbius weights. Implemented for plain <see cref="Rational"/> numbers (scalar moments) and
/// for the engine's Kronecker-delta tensors (see <c>TensorMomentAlgebra</c>).
/// </summary>
public interface IMomentAlgebra<T>
{
    /// <summary>The additive identity.</summary>
    T Zero { get; }

    /// <summary>a + b.</summary>
    T Add(T a, T b);

    /// <summary>a · b (for tensors: the product of tensors on disjoint index sets).</summary>
    T Multiply(T a, T b);

    /// <summary>c · a for an integer c (the Möbius weight (−1)^{k−1}(k−1)!).</summary>
    T Scale(T a, BigInteger c);

    /// <summary>True if a is the zero element (used to skip vanishing blocks).</summary>
    bool IsZero(T a);
}

/// <summary>Exact rational numbers as a moment algebra: moments of scalar random variables.</summary>
public sealed class RationalMomentAlgebra : IMomentAlgebra<Rational>
{
    /// <summary>The shared instance.</summary>
    public static RationalMomentAlgebra Instance { get; } = new();

    public Rational Zero => Rational.Zero;
    public Rational Add(Rational a, Rational b) => a + b;
    public Rational Multiply(Rational a, Rational b) => a * b;
    public Rational Scale(Rational a, BigInteger c) => a * c;
    public bool IsZero(Rational a) => a.IsZero;
}
