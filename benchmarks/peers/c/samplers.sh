#!/usr/bin/env bash
# Issue 16: Wick's samplers against the C reference (samplers.c, gcc -O2 and -O3 -march=native) and the NumPy peers,
# interleaved in one session: every round runs C -O2, C -O3, Wick and NumPy for each sampler, one process each, and
# the table gives medians of networks per CPU-second (process time) with the load average. It also checks that C
# and Wick print the same sums (same seed, same stream: they must agree bit for bit).
# Usage: benchmarks/peers/c/samplers.sh [rounds] [scale]   (scale multiplies the network counts; default 1)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rounds="${1:-3}"
scale="${2:-1}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# -ffp-contract=off: .NET never fuses a*b+c, so neither may gcc if the sums are to agree bit for bit.
gcc -O2 -ffp-contract=off -o "$out/c_O2" "$here/samplers.c" -lm
gcc -O3 -march=native -ffp-contract=off -o "$out/c_O3" "$here/samplers.c" -lm
dotnet build -c Release "$root/benchmarks/Wick.Benchmarks" >/dev/null
wick() { dotnet run -c Release --no-build --project "$root/benchmarks/Wick.Benchmarks" -- samplers "$@"; }
py=""
for cand in python3 /usr/bin/python3; do
  if "$cand" -c 'import numpy' 2>/dev/null; then py="$cand"; break; fi
done
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc); $(gcc --version | head -1); dotnet $(dotnet --version); numpy ${py:+$("$py" -c 'import numpy; print(numpy.__version__)')}"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A count=([full]=1000 [tanh]=1000 [chi2]=10000000 [metric1]=20000 [metric4]=4000)
for r in $(seq 1 "$rounds"); do
  for k in full tanh chi2 metric1 metric4; do
    n=$(( ${count[$k]} * scale ))
    "$out/c_O2" "$k" "$n" > "$out/$k.c_O2.$r.json"
    "$out/c_O3" "$k" "$n" > "$out/$k.c_O3.$r.json"
    wick "$k" "$n" > "$out/$k.wick.$r.json"
    if [ -n "$py" ]; then
      case $k in
        full) "$py" "$root/benchmarks/peers/numpy/sampler.py" n=100 depth=10 networks=$((n * 2)) batch=50 > "$out/$k.numpy.$r.json" ;;
        tanh) "$py" "$root/benchmarks/peers/numpy/sampler.py" n=100 depth=10 networks=$((n * 2)) batch=50 act=tanh > "$out/$k.numpy.$r.json" ;;
        metric1) "$py" "$root/benchmarks/peers/numpy/stochastic_metric.py" n=100 depth=10 inputs=1 networks=$n batch=500 > "$out/$k.numpy.$r.json" ;;
        metric4) "$py" "$root/benchmarks/peers/numpy/stochastic_metric.py" n=100 depth=10 inputs=4 networks=$n batch=500 > "$out/$k.numpy.$r.json" ;;
      esac
    fi
    echo "round $r $k done; load $(cut -d' ' -f1 /proc/loadavg)" >&2
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$rounds" <<'EOF'
import json, statistics, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
def rate(d): return d.get("networks_per_second") or d.get("samples_per_second")
print("| sampler | C gcc -O2 | C gcc -O3 -march=native | Wick | NumPy | C -O2 / Wick | C -O3 / Wick | Wick / NumPy | same sums as C |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for k in ["full", "tanh", "chi2", "metric1", "metric4"]:
    runs = {p: [json.load(open(f"{out}/{k}.{p}.{r}.json")) for r in range(1, rounds + 1) if os.path.exists(f"{out}/{k}.{p}.{r}.json")]
            for p in ["c_O2", "c_O3", "wick", "numpy"]}
    med = {p: statistics.median(rate(d) for d in v) if v else None for p, v in runs.items()}
    same = all(d["sums"] == runs["wick"][0]["sums"] for d in runs["wick"] + runs["c_O2"] + runs["c_O3"])
    f = lambda x: f"{x:,.0f}" if x else "—"
    ratio = lambda a, b: f"{a / b:.2f}" if a and b else "—"
    print(f"| {k} | {f(med['c_O2'])} | {f(med['c_O3'])} | {f(med['wick'])} | {f(med['numpy'])} | {ratio(med['c_O2'], med['wick'])} | "
          f"{ratio(med['c_O3'], med['wick'])} | {ratio(med['wick'], med['numpy'])} | {'yes' if same else 'NO'} |")
EOF
