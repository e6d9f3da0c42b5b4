#!/usr/bin/env bash
# FORM vs Wick: the delta-loop polynomial n^m c_{2m}(n) = Σ_q n^{loops(p,q)} = n(n+2)…(n+2m−2).
# FORM: dd_(j1,j1,…,jm,jm) with Dimension n (sum over all pairings of 2m indices, contracted with a fixed pairing).
# Wick: PairingPatterns.LoopCounts(m) (pattern mode), timed in the same run via the benchmarks project.
# Usage: benchmarks/peers/form/run.sh [m_min] [m_max]   (defaults 8 12; each FORM run capped by `timeout`)
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
printf "%-4s %-14s %-14s %-10s\n" m form_seconds wick_seconds ratio
for m in $(seq "$mmin" "$mmax"); do
  idx=$(seq -s, 1 "$m" | sed 's/\([0-9]\+\)/j\1,j\1/g')
  cat > "$work/dd$m.frm" <<FRM
Symbol n;
Dimension n;
Indices $(seq -s, 1 "$m" | sed 's/\([0-9]\+\)/j\1/g');
Local F = dd_($idx);
.sort
Print +s;
.end
FRM
  start=$(date +%s.%N)
  if timeout "$cap" form -q "$work/dd$m.frm" > "$work/dd$m.out" 2>&1; then
    tf=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.3f", a-b}')
  else
    tf=">$cap"
  fi
  # Wick: a tiny file-based app timing pattern mode (includes nothing but the computation).
  cat > "$work/wick$m.cs" <<CS
#:project $root/src/Wick.Algebra/Wick.Algebra.csproj
var sw = System.Diagnostics.Stopwatch.StartNew();
int reps = 0;
do { Wick.Algebra.Pairings.PairingPatterns.LoopCounts($m); reps++; } while (sw.Elapsed.TotalSeconds < 0.5);
System.Console.WriteLine((sw.Elapsed.TotalSeconds / reps).ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
CS
  tw=$(cd "$work" && env -u WICK_ARTIFACTS dotnet run -c Release "wick$m.cs" 2>/dev/null | tail -1)
  if [[ "$tf" == ">"* ]]; then ratio=">$(awk -v a="$cap" -v b="$tw" 'BEGIN{printf "%.3g", a/b}')"; else ratio=$(awk -v a="$tf" -v b="$tw" 'BEGIN{printf "%.3g", a/b}'); fi
  printf "%-4s %-14s %-14s %-10s\n" "$m" "$tf" "$tw" "$ratio"
done
