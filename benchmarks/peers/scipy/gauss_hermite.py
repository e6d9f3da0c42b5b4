#!/usr/bin/python3
"""SciPy peer of Wick.Numeric.Gaussian: the same adaptive rules for E[f(z)], z ~ N(0, K).

Gauss-Hermite: nodes and weights from scipy.special.roots_hermite (physicists' rule, rescaled to N(0,1)), a Cholesky
factor of K, a vectorised NumPy tensor product, and the same ladder n = 8, 16, 32, ... until |Q_2n - Q_n| <= tol * max(1, |Q|).
Rules are cached per degree (as Wick caches them), so the timing is the evaluation, not the rule construction.

Trapezoid (sinc) rule: Wick's TrapezoidQuadrature step for step - nested steps h = 4, 2, 1, 1/2, ... on the ball
|u| <= U with P(chi_r > U) = tol/40, only the new nodes of each level evaluated (vectorised), the same error estimate
(|Q_h - Q_2h|, or Bailey's d1^(ln d1/ln d2) when the differences accelerate geometrically, plus tail and rounding).

Run: /usr/bin/python3 benchmarks/peers/scipy/gauss_hermite.py   (Debian: apt-get install python3-scipy)
"""
import functools
import time

import numpy as np
from scipy.special import gammaincc, roots_hermite


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


def radius(r, tol):
    target, u = min(tol, 1e-3) / 40, 6.0
    while gammaincc(r / 2.0, u * u / 2) > target:
        u += 0.25
    return u


def discretisation(q, floor):
    d1 = abs(q[-1] - q[-2])
    if d1 <= floor:
        return floor
    if len(q) < 4:
        return d1
    d2, d3 = abs(q[-2] - q[-3]), abs(q[-3] - q[-4])
    scale = max(1.0, abs(q[-1]))
    e1, e2 = d1 / scale, d2 / scale
    accelerating = d1 <= d2 / 32 and e2 < 1 and (d3 <= floor or d1 / d2 <= (d2 / d3) ** 1.5)
    return scale * max(e1 ** (np.log(e1) / np.log(e2)), e1 * e1) if accelerating else d1


def trapezoid(f, K, tol, max_level=7):
    L = np.linalg.cholesky(K)
    r = L.shape[1]
    U = radius(r, tol)
    total, abs_total, shell, q = 0.0, 0.0, 0.0, []
    for m in range(max_level + 1):
        h = 4.0 / 2 ** m
        J = int(np.floor(U / h))
        idx = np.arange(-J, J + 1)
        grids = np.meshgrid(*([idx] * r), indexing="ij")
        I = np.stack([g.ravel() for g in grids])           # r x (2J+1)^r
        u2 = ((I * h) ** 2).sum(axis=0)
        keep = u2 <= U * U
        if m > 0:
            keep &= (I % 2 != 0).any(axis=0)                 # only the nodes new at this level
        I, u2 = I[:, keep], u2[keep]
        v = f(L @ (I * h))
        w = np.exp(-u2 / 2) / (2 * np.pi) ** (r / 2)
        total += float(np.dot(w, v))
        abs_total += float(np.dot(w, np.abs(v)))
        outer = u2 > (U - 1) ** 2
        if outer.any():
            shell = max(shell, float(np.abs(v[outer]).max()))
        value = total * h ** r
        q.append(value)
        if m == 0:
            continue
        floor = 32 * 1.1102230246251565e-16 * abs_total * h ** r
        estimate = discretisation(q, floor) + 4 * shell * gammaincc(r / 2.0, U * U / 2) + floor
        if estimate <= tol * max(1.0, abs(value)):
            return value, estimate, 2 * J + 1
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
    v, e, n = trapezoid(tanh2, K2, 1e-12)
    print(f"2-D <tanh tanh>_K, tol 1e-12, trapezoid: value {v!r}, error estimate {e:.2g}, {n} nodes per axis")
    bench("2-D trapezoid to 1e-12", lambda: trapezoid(tanh2, K2, 1e-12))
    v, e, n = trapezoid(tanh4, K4, 1e-6)
    print(f"4-D <tanh tanh tanh tanh>_K, tol 1e-6, trapezoid: value {v!r}, error estimate {e:.2g}, {n} nodes per axis")
    bench("4-D trapezoid to 1e-6", lambda: trapezoid(tanh4, K4, 1e-6), repeat=3)
    v, e, n = adaptive(tanh4, K4, 1e-6, max_degree=64)
    print(f"4-D <tanh tanh tanh tanh>_K, tol 1e-6: value {v!r}, error estimate {e:.2g}, degree {n}")
    bench("4-D adaptive to 1e-6", lambda: adaptive(tanh4, K4, 1e-6, max_degree=64), repeat=3)
