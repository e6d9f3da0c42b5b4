#!/usr/bin/env bash
# Interleaved C vs Wick runs for issue 16: brute-force perfect matchings (matchings.c vs wick_matchings.cs) and
# δ-loop counting (loops.c vs LoopDistribution, wick_matchings.cs … loops). Usage: interleave.sh [M] [rounds].
# Needs gcc and the .NET SDK. Prints one line per run; compare the seconds= fields of the same round.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
m="${1:-10}" rounds="${2:-3}"
out="${TMPDIR:-/tmp}/wick-peers-c"
mkdir -p "$out"
gcc -O2 -march=native "$here/matchings.c" -o "$out/matchings"
gcc -O2 -march=native "$here/loops.c" -o "$out/loops"
dotnet build -c Release "$here/wick_matchings.cs" -o "$out/wm" > /dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(gcc --version | head -1)"
for r in $(seq "$rounds"); do
  echo "round $r"
  echo "  C     $("$out/matchings" "$m" 1)"
  echo "  Wick  $("$out/wm/wick_matchings" "$m" 1 1)"
  echo "  Wick2 $("$out/wm/wick_matchings" "$m" 1 2)"
  echo "  C     loops $("$out/loops" "$m" 1)"
  echo "  Wick  loops $("$out/wm/wick_matchings" "$m" 1 1 loops)"
done
