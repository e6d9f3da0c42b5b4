#!/usr/bin/env python3
"""SymPy peer for the algebra-core benchmarks (docs/BENCHMARKS.md, "## Algebra core").

Times the same tasks as benchmarks/Wick.Benchmarks/AlgebraBenchmarks.cs:
  1. product of two 1,000-term polynomials in 4 symbols (integer coefficients, exponents 0..9);
  2. the same with Laurent exponents (-6..3 for the widths) and rational coefficients, done in SymPy as
     polynomials in (n, m, c, r) after multiplying by n^6 m^6 (SymPy's Poly has no negative exponents);
  3. exact expansion of c_2m(n) = prod_{k=1}^{m-1} (1 + 2k/n) for m = 200, as a polynomial in x = 1/n;
  4. factoring n(n+2)...(n+98).
Uses sympy.Poly (the sparse/dense polynomial engine), not expand() on expression trees, to be fair to SymPy.
Run: python3 benchmarks/peers/sympy_poly.py  (works with Debian's SymPy 1.11, /usr/bin/python3 + python3-sympy, and 1.14)
"""
import importlib
import random
import time
from fractions import Fraction

import sympy
from sympy import Poly, QQ, ZZ, symbols

n, m_, c, r, x = symbols("n m c r x")


def rand_poly(rng, count, lo, hi, rational):
    terms = {}
    while len(terms) < count:
        mono = (rng.randint(lo, hi) - lo, rng.randint(lo, hi) - lo, rng.randint(0, hi), rng.randint(0, hi))
        p = rng.randint(1, 999) * (1 if rng.randint(0, 1) else -1)
        terms[mono] = Fraction(p, rng.randint(1, 29)) if rational else p
    dom = QQ if rational else ZZ
    return Poly.from_dict({k: (QQ(v.numerator, v.denominator) if rational else v) for k, v in terms.items()},
                          n, m_, c, r, domain=dom)


def ground_types():
    """SymPy's integer backend: sympy.external.gmpy.GROUND_TYPES (1.11 and later); the polys module held it only in 1.14."""
    for module in ("sympy.external.gmpy", "sympy.polys.domains.groundtypes"):
        try:
            return importlib.import_module(module).GROUND_TYPES
        except (ImportError, AttributeError):
            continue
    return "unknown"


def best(f, reps):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times) * 1e3, sorted(times)[len(times) // 2] * 1e3, out


def main():
    rng = random.Random(20261123)
    a = rand_poly(rng, 1000, 0, 9, False)
    b = rand_poly(rng, 1000, 0, 9, False)
    la = rand_poly(rng, 1000, -6, 3, True)
    lb = rand_poly(rng, 1000, -6, 3, True)
    factors = [Poly(1 + 2 * k * x, x, domain=ZZ) for k in range(1, 200)]
    rising = Poly(sympy.prod([n + 2 * k for k in range(50)]), n)

    def c2m():
        p = Poly(1, x, domain=ZZ)
        for f in factors:
            p = p * f
        return p

    print(f"sympy {sympy.__version__}, ground types: {ground_types()}")
    for name, f, reps in [
        ("1000 x 1000 terms, integer", lambda: a * b, 5),
        ("1000 x 1000 terms, Laurent, rational", lambda: la * lb, 5),
        ("c_2m(n), m = 200, factor by factor", c2m, 20),
        ("factor n(n+2)...(n+98)", lambda: rising.factor_list(), 5),
    ]:
        lo, med, out = best(f, reps)
        size = len(out.terms()) if isinstance(out, Poly) else len(out[1])
        print(f"{name:45s} min {lo:9.2f} ms   median {med:9.2f} ms   ({size} terms/factors)")


if __name__ == "__main__":
    main()
