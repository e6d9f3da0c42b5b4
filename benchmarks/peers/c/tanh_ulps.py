#!/usr/bin/env python3
"""Error of the samplers' tanh (src/Wick.Numeric/MonteCarlo/SamplerTanh.cs, ported in samplers.c) against the correctly
rounded tanh (mpmath at 120 bits) and against the C library's tanh, in ulps. Python floats are IEEE doubles and Python
never fuses a*b + c, so this performs the same operations in the same order as SamplerTanh.Tanh.
Usage: tanh_ulps.py [count]   (needs mpmath: Debian python3-mpmath)"""
import math, random, struct, sys
import mpmath

mpmath.mp.prec = 120
LN2HI, LN2LO = 6.93147180369123816490e-01, 1.90821492927058770002e-10
LOG2E, SHIFTER = 1.44269504088896338700e+00, 6755399441055744.0
P = (-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3)
Q = (1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3)


def inverse_factorial(n):
    f = 1.0
    for i in range(2, n + 1):
        f *= i
    return 1 / f


C = [inverse_factorial(n) for n in range(14)]
bits = lambda x: struct.unpack('<Q', struct.pack('<d', x))[0]
from_bits = lambda b: struct.unpack('<d', struct.pack('<Q', b & 0xFFFFFFFFFFFFFFFF))[0]


def sampler_tanh(x):
    if x != x:
        return x
    a = min(abs(x), 20.0)
    if a < 0.625:
        s = a * a
        addend, num, den = a, (a * s) * ((P[0] * s + P[1]) * s + P[2]), ((s + Q[0]) * s + Q[1]) * s + Q[2]
    else:
        y = a + a
        shifted = y * LOG2E + SHIFTER
        kd = shifted - SHIFTER
        r = (y - kd * LN2HI) - kd * LN2LO
        q = C[13]
        for n in range(12, 1, -1):
            q = q * r + C[n]
        k = bits(shifted)
        scale, inverse = from_bits((k + 1023) << 52), from_bits((1023 - k) << 52)
        e = (((1 - inverse) + r) + (r * r) * q) * scale
        addend, num, den = 1.0, -2.0, e + 2
    return math.copysign(addend + num / den, x)


def ulp_error(v, x):
    exact = mpmath.tanh(mpmath.mpf(x))
    return float((mpmath.mpf(v) - exact) / math.ulp(float(exact)))


count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rng = random.Random(1)
xs = ([rng.uniform(0, 3) for _ in range(count)] + [rng.uniform(0.5, 0.8) for _ in range(count // 2)]
      + [rng.uniform(0, 0.7) for _ in range(count // 2)] + [math.exp(rng.uniform(-40, 3)) for _ in range(count // 4)])
ours = max((abs(ulp_error(sampler_tanh(x), x)), x) for x in xs)
libm = max((abs(ulp_error(math.tanh(x), x)), x) for x in xs)
print(f"{len(xs)} arguments: SamplerTanh max {ours[0]:.3f} ulp at {ours[1]!r}; C library tanh max {libm[0]:.3f} ulp at {libm[1]!r}")
