#!/usr/bin/env python3
"""NumPy reference of Wick's stochastic-metric sampler (src/Wick.Numeric/MonteCarlo/StochasticMetricSampler.cs, eq. 4.69).

Same work per network: k inputs, L layers of width n; the first layer's metric is C_b + C_W G^(0); above it
G_ab = C_b + (C_W/n) sum_j sigma(z_ja) sigma(z_jb), its Cholesky factor L, and z_i = L u_i with u_i ~ N(0, I_k) for the n
neurons; per layer the estimates Wick makes: one input the moments sum_i z_i^2, z_i^4; several inputs the metric
K_ab = S_ab/n and the four-point structures F = (S_ab S_cd - sum_i z_a z_b z_c z_d)/(n(n-1)) (S_ab = sum_i z_ia z_ib). Networks are batched (B, n, k) so
NumPy runs in C. Prints one JSON line with networks/s and neuron-layer steps/s (n * L per network), one core (process time).
"""
import json, sys, time
import numpy as np

def run(n=100, depth=10, inputs=1, networks=20000, batch=500, cw=1.0, cb=0.0, seed=1, act="tanh"):
    sigma = {"linear": lambda z: z, "tanh": np.tanh}[act]
    rng = np.random.default_rng(seed)
    g0 = np.eye(inputs) * 0.5 + 0.5                      # inputs with unit norm and overlap 1/2
    moments = np.zeros((depth, 2))
    ia, ib = np.triu_indices(inputs)                                 # the pairs a <= b, in Wick's order
    done = 0
    t0 = time.process_time()
    while done < networks:
        b = min(batch, networks - done)
        metric = np.broadcast_to(cb + cw * g0, (b, inputs, inputs))
        for l in range(depth):
            if l > 0:
                s = sigma(z)                                          # (b, n, k)
                metric = cb + (cw / n) * np.einsum('bja,bjc->bac', s, s)
            # semi-definite safety as in Wick: a tiny ridge only where needed is not modelled; tanh metrics are PD here
            chol = np.linalg.cholesky(metric)                          # (b, k, k)
            u = rng.standard_normal((b, n, inputs))
            z = np.einsum('bac,bjc->bja', chol, u)
            if inputs == 1:
                z2 = z[:, :, 0] ** 2
                moments[l, 0] += z2.mean(axis=1).sum()
                moments[l, 1] += (z2 * z2).mean(axis=1).sum() / 3
            else:
                pp = z[:, :, ia] * z[:, :, ib]                         # z_a z_b for the pairs a <= b, (b, n, P)
                S = pp.sum(axis=1)                                     # (b, P)
                D = np.einsum('bip,biq->bpq', pp, pp)                  # sum_i z_a z_b z_c z_d, (b, P, P)
                F = (S[:, :, None] * S[:, None, :] - D) / (n * (n - 1.0))
                moments[l, 0] += (S[:, 0] / n).sum()
                moments[l, 1] += F[:, 0, 0].sum()
        done += b
    dt = time.process_time() - t0
    return {"peer": "numpy-stochastic-metric", "numpy": np.__version__, "activation": act, "n": n, "depth": depth, "inputs": inputs,
            "networks": networks, "seconds": dt, "networks_per_second": networks / dt,
            "neuron_layer_steps_per_second": networks * n * depth / dt, "G2_last": moments[-1, 0] / networks}

if __name__ == "__main__":
    args = dict(a.split("=") for a in sys.argv[1:])
    print(json.dumps(run(**{k: (float(v) if k in ("cw", "cb") else v if k == "act" else int(v)) for k, v in args.items()})))
