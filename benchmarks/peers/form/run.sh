#!/usr/bin/env bash
# FORM vs Wick: the delta-loop polynomial n^m c_{2m}(n) = Σ_q n^{loops(p,q)} = n(n+2)…(n+2m−2).
# FORM: dd_(j1,j1,…,jm,jm) with Dimension n (the sum over all pairings of 2m indices, contracted with a fixed pairing).
# Wick: pattern mode (PairingPatterns.LoopCounts(m), uncached: a fresh process per m).
# Two comparisons, never mixed: whole process (FORM's run vs `./wick derive "G{2m}^(l+1)"`, which derives that
# polynomial and prints the recursion, wall clock) and in-process (FORM's own "sec out of" CPU total, 10 ms resolution,
# vs Wick's computation timed inside a warm process, CPU per call). Usage: benchmarks/peers/form/run.sh [m_min] [m_max]
# (defaults 8 12; each FORM run capped by `timeout`, FORM_TIMEOUT seconds, default 300).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
mmin="${1:-8}"; mmax="${2:-12}"; cap="${FORM_TIMEOUT:-300}"
if ! command -v form >/dev/null 2>&1; then
  echo "installing FORM (apt-get install -y form) ..." >&2
  (apt-get install -y form || (apt-get update && apt-get install -y form)) >/dev/null 2>&1 || { echo "FORM could not be installed" >&2; exit 2; }
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Wick in-process: one small app, built once; prints the CPU seconds per LoopCounts(m) after a warm-up (JIT done;
# nothing is cached between calls), averaged over at least half a second of CPU.
cat > "$work/wick_loops.cs" <<CS
#:project $root/src/Wick.Algebra/Wick.Algebra.csproj
using System.Diagnostics;
int m = int.Parse(args[0]);
var self = Process.GetCurrentProcess();
for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 0.3;) Wick.Algebra.Pairings.PairingPatterns.LoopCounts(m);
self.Refresh();
var before = self.TotalProcessorTime;
int calls = 0;
TimeSpan used;
do { Wick.Algebra.Pairings.PairingPatterns.LoopCounts(m); calls++; self.Refresh(); used = self.TotalProcessorTime - before; }
while (used.TotalSeconds < 0.5);
System.Console.WriteLine((used.TotalSeconds / calls).ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
CS
(cd "$work" && env -u WICK_ARTIFACTS dotnet build -c Release wick_loops.cs -o "$work/wl" >/dev/null)
WICK_NATIVE=wait "$root/wick" --version >/dev/null   # the native build the launcher runs (once)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(form -v 2>&1 | head -1 | cut -c1-30)"
printf "%-3s | %-12s %-12s %-9s | %-12s %-12s %-9s\n" m form_process wick_process ratio form_cpu wick_cpu ratio
wall() { local s e; s=${EPOCHREALTIME/./}; "$@" >"$work/out" 2>&1 || return 1; e=${EPOCHREALTIME/./}; awk -v d=$((e - s)) 'BEGIN{printf "%.4f", d/1e6}'; }
for m in $(seq "$mmin" "$mmax"); do
  idx=$(seq -s, 1 "$m" | sed 's/\([0-9]\+\)/j\1,j\1/g')
  printf 'Symbol n;\nDimension n;\nIndices %s;\nLocal F = dd_(%s);\n.sort\nPrint +s;\n.end\n' \
    "$(seq -s, 1 "$m" | sed 's/\([0-9]\+\)/j\1/g')" "$idx" > "$work/dd$m.frm"
  if tf=$(wall timeout "$cap" form "$work/dd$m.frm"); then
    fc=$(grep -o '[0-9.]* sec out of' "$work/out" | tail -1 | cut -d' ' -f1)
  else
    tf=">$cap"; fc="-"
  fi
  tw=$(wall "$root/wick" derive "G$((2 * m))^(l+1)")
  cw=$("$work/wl/wick_loops" "$m")
  rp=$(awk -v a="${tf#>}" -v b="$tw" 'BEGIN{printf "%.3g", a/b}'); [[ "$tf" == ">"* ]] && rp=">$rp"
  rc=$( [ "$fc" = - ] && echo - || awk -v a="$fc" -v b="$cw" 'BEGIN{ if (a == 0) printf "<%.3g", 0.005/b; else printf "%.3g", a/b}')
  printf "%-3s | %-12s %-12s %-9s | %-12s %-12s %-9s\n" "$m" "$tf" "$tw" "$rp" "$fc" "$cw" "$rc"
done
