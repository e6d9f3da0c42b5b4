#!/usr/bin/env bash
# Start-up, whole process, interleaved (issue 16): the one-line check through ./wick (sh launcher + native binary),
# the native binary alone, the same through the JIT build (WICK_NATIVE=0), FORM's whole process on a small job (dd_ of
# 4 index pairs), and /bin/true (the machine's process floor). Timed with bash's $EPOCHREALTIME around a fork+exec
# (no `date` processes inside the interval). Prints medians and the interquartile range in ms, the load average, and the ratios.
# Usage: benchmarks/peers/startup/run.sh [runs]   (default 41; installs FORM with apt-get when missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
runs="${1:-41}"
cd "$root"
command -v form >/dev/null 2>&1 || (apt-get install -y form || (apt-get update && apt-get install -y form)) >/dev/null 2>&1 || true
WICK_NATIVE=wait ./wick --version >/dev/null          # the native build (once)
WICK_NATIVE=0 ./wick --version >/dev/null 2>&1         # the JIT build (once)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
printf 'Symbol n;\nDimension n;\nIndices j1,j2,j3,j4;\nLocal F = dd_(j1,j1,j2,j2,j3,j3,j4,j4);\n.sort\nPrint +s;\n.end\n' > "$work/dd4.frm"
identity='G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)'
declare -A samples
names=(launcher native jit form true)
ms() { local s e; s=${EPOCHREALTIME/./}; "$@" >/dev/null 2>&1 || true; e=${EPOCHREALTIME/./}; echo $(( e - s )); }
for i in $(seq "$runs"); do
  samples[launcher]+=" $(ms ./wick check "$identity")"
  samples[native]+=" $(ms .wick-build/native/wick check "$identity")"
  samples[jit]+=" $(ms env WICK_NATIVE=0 ./wick check "$identity")"
  command -v form >/dev/null 2>&1 && samples[form]+=" $(ms form -q "$work/dd4.frm")"
  samples[true]+=" $(ms /bin/true)"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${names[@]}"; do
  [ -n "${samples[$n]:-}" ] || { echo "$n: not measured"; continue; }
  # shellcheck disable=SC2086
  printf '%s\n' ${samples[$n]} | sort -n | awk -v name="$n" '{a[NR]=$1} END {printf "%-8s median %8.2f ms   IQR %.2f–%.2f ms   (%d runs)\n", name, a[int((NR+1)/2)]/1000, a[int((NR+3)/4)]/1000, a[int((3*NR+1)/4)]/1000, NR}'
done
