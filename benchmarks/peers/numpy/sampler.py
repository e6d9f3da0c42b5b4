#!/usr/bin/env python3
"""NumPy peer of Wick's full-matrix deep linear sampler (benchmarks/Wick.Benchmarks/NumericBenchmarks.cs).

Same work per network: one input of dimension n_0 = n, L layers of width n, every weight W_ij ~ N(0, C_W/n_{l-1})
drawn, z <- W sigma(z) (sigma = identity, or act=tanh for the mlp sampler; the input layer is not activated), and the
neural-averaged moments sum_i z_i^2, z_i^4, z_i^6 accumulated per layer.
Networks are processed in batches (W of shape (B, n, n)) so NumPy spends its time in C, which is its best case.
Prints one JSON line with samples per second.
"""
import json, sys, time
import numpy as np

def run(n=100, depth=10, networks=2000, batch=50, cw=1.0, seed=1, act="linear"):
    sigma = {"linear": lambda z: z, "tanh": np.tanh}[act]
    rng = np.random.default_rng(seed)
    x = np.ones(n)
    moments = np.zeros((depth, 3))
    done = 0
    t0 = time.process_time()
    while done < networks:
        b = min(batch, networks - done)
        z = np.broadcast_to(x, (b, n)).copy()
        for l in range(depth):
            w = rng.standard_normal((b, n, z.shape[1]))
            a = z if l == 0 else sigma(z)
            z = np.einsum('bij,bj->bi', w, a) * np.sqrt(cw / z.shape[1])
            z2 = z * z
            moments[l, 0] += z2.mean(axis=1).sum()
            moments[l, 1] += (z2 * z2).mean(axis=1).sum() / 3
            moments[l, 2] += (z2 * z2 * z2).mean(axis=1).sum() / 15
        done += b
    dt = time.process_time() - t0
    return {"peer": "numpy", "numpy": np.__version__, "activation": act, "n": n, "depth": depth, "networks": networks,
            "seconds": dt, "samples_per_second": networks / dt, "G4_last": moments[-1, 1] / networks}

if __name__ == "__main__":
    args = dict(a.split("=") for a in sys.argv[1:])
    print(json.dumps(run(**{k: (float(v) if k == "cw" else v if k == "act" else int(v)) for k, v in args.items()})))
