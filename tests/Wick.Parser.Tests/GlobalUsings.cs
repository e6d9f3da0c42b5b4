global using Wick.Algebra;
global using Wick.Algebra.Syntax;
global using Wick.Parser;
global using Index = Wick.Algebra.Syntax.Index;
global using BigO = Wick.Algebra.Syntax.BigO;
