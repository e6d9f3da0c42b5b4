#!/usr/bin/env bash
# Issue 16: Wick's exact core vs FLINT 2.9 (fmpz_mpoly_mul / fmpq_mpoly_mul) on identical operands, interleaved.
# Needs: apt-get install -y libflint-dev   (libgmp-dev comes with it; this script installs nothing)
# For each round and workload it runs the FLINT driver, then Wick (Wick.Benchmarks `products WORKLOAD RUNS`), each
# timing only the multiplications in-process (median of RUNS), and checks that terms and checksum agree.
# Then the c_{2m} recurrence: benchmarks/peers/gmp/c2m.c against Wick (`c2m M RUNS`), m = 12 and 400.
# Usage: benchmarks/peers/flint/run.sh [rounds] [runs]   (default 3 rounds of 9 runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rounds="${1:-3}"; runs="${2:-9}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
gcc -O2 -march=native -o "$work/products" "$root/benchmarks/peers/flint/products.c" -lflint -lgmp
gcc -O2 -march=native -o "$work/c2m" "$root/benchmarks/peers/gmp/c2m.c" -lgmp
dotnet build -c Release "$root/benchmarks/Wick.Benchmarks" >/dev/null
# Full JIT optimisation from the first call (no tiering), so that short in-process runs time optimised code.
wick() { DOTNET_TieredCompilation=0 dotnet run -c Release --no-build --project "$root/benchmarks/Wick.Benchmarks" -- "$@"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for w in int1000 laurent1000 small dense; do
    "$work/products" "$w" "$runs" | tee -a "$work/log"
    wick products "$w" "$runs" | tee -a "$work/log"
  done
  for m in 12 400; do
    "$work/c2m" "$m" "$((runs * 20))" | tee -a "$work/log"
    wick c2m "$m" "$((runs * 20))" | tee -a "$work/log"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Summary: per workload and route, the median over rounds of the per-run medians and of the per-run minima; ratios
# to the peer (FLINT or GMP) of the same workload.
awk '
function median(list,   a, n, i, j, t) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return a[int((n + 1) / 2)]
}
{
  name = $1; route = $2; if ($1 == "c2m") { name = $1 " " $2; route = $3 }
  sub(/=.*/, "", route); peer = (route == "flint" || route == "gmp")
  label = $1 == "c2m" ? $3 : $2
  key = name "|" label
  for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "median_us") med[key] = med[key] " " kv[2]; if (kv[1] == "min_us") mn[key] = mn[key] " " kv[2]; if (kv[1] == "checksum") check[key] = kv[2] }
  if (peer) peerkey[name] = key; else keys[key] = name
}
END {
  for (key in keys) {
    p = peerkey[keys[key]]
    printf "%-36s median %11.2f us (peer %11.2f)  ratio %6.2f   min %11.2f us (peer %11.2f)  ratio %6.2f   checksum %s\n", key,
      median(med[key]), median(med[p]), median(med[key]) / median(med[p]), median(mn[key]), median(mn[p]), median(mn[key]) / median(mn[p]),
      check[key] == check[p] ? "agrees" : "DIFFERS"
  }
}' "$work/log" | sort
