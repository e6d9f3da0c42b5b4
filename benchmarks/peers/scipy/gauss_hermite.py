#!/usr/bin/python3
"""SciPy peer of Wick.Numeric.Gaussian: the same adaptive tensor Gauss-Hermite rule for E[f(z)], z ~ N(0, K).

Nodes and weights from scipy.special.roots_hermite (physicists' rule, rescaled to N(0,1)), a Cholesky factor of K,
a vectorised NumPy tensor product, and the same ladder n = 8, 16, 32, ... until |Q_2n - Q_n| <= tol * max(1, |Q|).
Rules are cached per degree (as Wick caches them), so the timing is the evaluation, not the rule construction.

Run: /usr/bin/python3 benchmarks/peers/scipy/gauss_hermite.py   (Debian: apt-get install python3-scipy)
"""
import functools
import time

import numpy as np
from scipy.special import roots_hermite


@functools.lru_cache(maxsize=None)
def rule(n):
    x, w = roots_hermite(n)
    return np.sqrt(2.0) * x, w / np.sqrt(np.pi)


def fixed(f, L, n):
    u, w = rule(n)
    r = L.shape[1]
    grids = np.meshgrid(*([u] * r), indexing="ij")
    weights = functools.reduce(np.multiply.outer, [w] * r)
    U = np.stack([g.ravel() for g in grids])  # r x n^r
    Z = L @ U                                 # k x n^r
    return float(np.dot(weights.ravel(), f(Z)))


def adaptive(f, K, tol, max_degree=1024):
    L = np.linalg.cholesky(K)
    n = 8
    prev = fixed(f, L, n)
    while 2 * n <= max_degree:
        n *= 2
        q = fixed(f, L, n)
        if abs(q - prev) <= tol * max(1.0, abs(q)):
            return q, abs(q - prev), n
        prev = q
    raise RuntimeError("tolerance not reached")


def bench(label, fn, repeat=5):
    fn()  # warm the rule cache
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = 0
        while True:
            fn()
            count += 1
            if time.perf_counter() - t0 > 0.5:
                break
        best = min(best, (time.perf_counter() - t0) / count)
    print(f"{label}: {best * 1e6:,.1f} us per expectation")


if __name__ == "__main__":
    K2 = np.array([[1.0, 0.5], [0.5, 1.0]])
    K4 = np.array([[1.0, 0.5, 0.3, -0.2], [0.5, 2.0, 0.4, 0.1], [0.3, 0.4, 0.7, 0.25], [-0.2, 0.1, 0.25, 1.5]])
    tanh2 = lambda Z: np.tanh(Z[0]) * np.tanh(Z[1])
    tanh4 = lambda Z: np.tanh(Z[0]) * np.tanh(Z[1]) * np.tanh(Z[2]) * np.tanh(Z[3])
    v, e, n = adaptive(tanh2, K2, 1e-12)
    print(f"2-D <tanh tanh>_K, K = [[1,.5],[.5,1]], tol 1e-12: value {v!r}, error estimate {e:.2g}, degree {n}")
    bench("2-D adaptive to 1e-12", lambda: adaptive(tanh2, K2, 1e-12))
    L2 = np.linalg.cholesky(K2)
    bench(f"2-D fixed degree {n}", lambda: fixed(tanh2, L2, n))
    bench("2-D fixed degree 25 (neural-tangents' rule)", lambda: fixed(tanh2, L2, 25))
    v, e, n = adaptive(tanh4, K4, 1e-6, max_degree=64)
    print(f"4-D <tanh tanh tanh tanh>_K, tol 1e-6: value {v!r}, error estimate {e:.2g}, degree {n}")
    bench("4-D adaptive to 1e-6", lambda: adaptive(tanh4, K4, 1e-6, max_degree=64), repeat=3)
