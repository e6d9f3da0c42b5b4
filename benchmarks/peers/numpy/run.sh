#!/usr/bin/env bash
# Runs the NumPy peer of the full-matrix sampler (installs python3-numpy with apt-get if missing), then the
# matching BenchmarkDotNet benchmarks, in the same session. Usage: benchmarks/peers/numpy/run.sh [networks]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
# The apt package installs into the system interpreter (/usr/bin/python3), which may differ from python3 on PATH.
py=""
for cand in python3 /usr/bin/python3; do
  if "$cand" -c 'import numpy' 2>/dev/null; then py="$cand"; break; fi
done
if [ -z "$py" ]; then
  echo "installing python3-numpy ..." >&2
  (apt-get install -y -qq python3-numpy || (apt-get update -qq && apt-get install -y -qq python3-numpy)) >&2 \
    || { echo "could not install python3-numpy" >&2; exit 2; }
  py=/usr/bin/python3
fi
networks="${1:-2000}"
echo "== NumPy full-matrix sampler (n = 100, 10 layers, one core) =="
"$py" "$here/sampler.py" n=100 depth=10 networks="$networks" batch=50
"$py" "$here/sampler.py" n=100 depth=10 networks="$networks" batch=1
echo "== Wick (BenchmarkDotNet) =="
dotnet run -c Release --project "$root/benchmarks/Wick.Benchmarks" -- --filter '*NumericBenchmarks*' "${@:2}"
