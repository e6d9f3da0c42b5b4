// System.Index (ranges) would otherwise shadow the syntax node of the same name.
global using Index = Wick.Algebra.Syntax.Index;
