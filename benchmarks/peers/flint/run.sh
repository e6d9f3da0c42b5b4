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
# Summary: per workload and route, the median over rounds of the per-run medians; ratio to the peer.
awk '{
  name=$1; t=""; c=""; n=""; if ($1=="c2m") name=$1" "$2
  for (i=1;i<=NF;i++) { split($i, kv, "="); if (kv[1]=="median_us") t=kv[2]; if (kv[1]=="checksum") c=kv[2]; if (kv[1]=="terms") n=kv[2] }
  r=$2; if ($1=="c2m") r=$3
  key=name" "r; times[key]=times[key]" "t; check[key]=c; terms[key]=n; order[key]=++k
}
END {
  for (key in times) {
    m=split(times[key], a, " "); asort(a); med[key]=a[int((m+1)/2)]
  }
  for (key in med) {
    split(key, parts, " "); peer=""
    for (other in med) if (index(other, parts[1]" ")==1 && (other ~ /flint=|gmp=/) && !(key ~ /flint=|gmp=/)) peer=other
    if (parts[1]=="c2m") { for (other in med) if (index(other, parts[1]" "parts[2]" ")==1 && other ~ /gmp=/ && !(key ~ /gmp=/)) peer=other }
    ratio = peer=="" ? "" : sprintf("  Wick/peer %.2f  checksum %s", med[key]/med[peer], check[key]==check[peer] ? "agrees" : "DIFFERS")
    printf "%-40s median %12.2f us  terms %s%s\n", key, med[key], terms[key], ratio
  }
}' "$work/log" | sort
