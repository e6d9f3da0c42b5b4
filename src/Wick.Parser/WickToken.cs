namespace Wick.Parser;

/// <summary>Token kinds of the input language (both spellings share them; see <see cref="Lexer"/>).</summary>
public enum WickToken
{
    /// <summary>Digits, optionally with a decimal point: <c>2</c>, <c>0.5</c>.</summary>
    Number,
    /// <summary>Letters then letters/digits: <c>z</c>, <c>G4</c>, <c>i1</c>, <c>C</c>; also <c>\mathbb{E}</c> (E), <c>\mathcal{O}</c> (O), <c>\text{c}</c>.</summary>
    Ident,
    /// <summary>A kept LaTeX command or its Unicode letter: <c>\sigma</c>/σ, <c>\delta</c>/δ, <c>\ell</c>/ℓ, <c>\alpha</c>/α, <c>\sum</c>, <c>\frac</c>.</summary>
    Command,
    Caret, Underscore, LParen, RParen, LBracket, RBracket, LBrace, RBrace,
    /// <summary><c>&lt;</c>, <c>\langle</c>, ⟨.</summary>
    LAngle,
    /// <summary><c>&gt;</c>, <c>\rangle</c>, ⟩.</summary>
    RAngle,
    /// <summary>Literal braces <c>\{</c> <c>\}</c> (as in <c>G^{\{1\}(\ell)}</c>).</summary>
    LLiteralBrace,
    RLiteralBrace,
    Comma, Semicolon,
    /// <summary><c>=</c> or <c>\equiv</c>.</summary>
    Equals,
    Plus, Minus,
    /// <summary><c>*</c>, <c>\cdot</c>, <c>\times</c>, ·, ×.</summary>
    Star,
    Slash,
    /// <summary><c>|</c> or <c>\vert</c> (in <c>E[…]|_c</c>).</summary>
    Bar,
    /// <summary>A prime <c>'</c> (′): the layer variable ℓ' of a product over layers, an index k', or σ'_α, σ''_α (derivatives of the activation inside ⟨…⟩_K).</summary>
    Prime,
}
