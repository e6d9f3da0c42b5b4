#!/usr/bin/env bash
# The Native AOT start-up of ./wick (issue 16): `WICK_NATIVE=wait ./wick` publishes the native binary the launcher
# uses, then every command below must print byte for byte what the JIT build prints (stdout and exit code) — all
# commands, every format. Usage: .ci/native-test.sh PATH/wick.dll (the JIT build to compare with).
# Prints "native tests: P passed, F failed" (counted into CI's totals) and the median start-up of a one-line check.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dll="$(realpath "${1:?usage: native-test.sh PATH/wick.dll}")"
tmp="$(mktemp -d /tmp/wick-native.XXXXXX)"
passed=0; failed=0
if ! WICK_NATIVE=wait ./wick --version >"$tmp/version" 2>"$tmp/build.err"; then
  cat "$tmp/build.err"; echo "native tests: 0 passed, 1 failed (the native build failed)"; exit 1
fi
native=.wick-build/native/wick
cases=(
  'derive|E[z^(l+1)_{i1} z^(l+1)_{i2} z^(l+1)_{i3} z^(l+1)_{i4}]'
  'derive|E[z^(2)_{i1;a1} z^(2)_{i2;a2}]|--bias'
  'derive|E[z^(l+1)_{i1;a1} z^(l+1)_{i2;a2}]|--model|mlp'
  'derive|Ec[z^(L)_{i1} z^(L)_{i2} z^(L)_{i3} z^(L)_{i4}]|--order|1'
  'derive|G1^(l+1)|--model|mlp'
  'check|G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)'
  'check|G4^(3) = C_W^2 (1 + 3/n_2) G4^(2)'
  'check|K^(l+1)_{a1 a2} = C_b + C_W <sigma_a1 sigma_a2>_{K^(l)} + O(1/n)|--model|mlp'
  'check|G4^(l+1 = 2'
  'parse|E[z^(l)_{i1;a1} z^(l)_{i2;a2}]'
  'eval|--cw|1|--widths|8x10|--points|4'
  'eval|--model|mlp|--activation|tanh|--cw|1|--cb|0|--widths|64x6|--input-norm|1'
  'eval|--model|mlp|--activation|z/(1+exp(-z))|--cw|1.9|--cb|0.5|--widths|16x4|--input-norm|1'
  'expect|<sigma_a1 sigma_a2>_K|--activation|tanh|--kernel|[[1,0.5],[0.5,1]]'
  'expect|<sigma sigma>_K|--activation|gelu|--kernel|2'
  'criticality|--activation|tanh'
  'criticality|--activation|gelu'
  'criticality|--activation|softplus'
  'mc|--widths|8x4|--samples|20000|--seed|3'
  'mc|--model|mlp|--activation|relu|--cw|2|--widths|10x3|--samples|5000|--seed|1'
  'dmft|--help'
  'eval|--widths|0x3'
)
for c in "${cases[@]}"; do
  IFS='|' read -r -a args <<<"$c"
  for format in text latex json; do
    [ "$format" = text ] && f=() || f=(--format "$format")
    dotnet "$dll" "${args[@]}" "${f[@]}" >"$tmp/jit" 2>/dev/null; rj=$?
    "$native" "${args[@]}" "${f[@]}" >"$tmp/aot" 2>/dev/null; ra=$?
    if [ "$rj" = "$ra" ] && [ "$rj" -le 2 ] && cmp -s "$tmp/jit" "$tmp/aot"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "FAIL native vs JIT: wick ${args[*]} ${f[*]} (exit $ra vs $rj)"; diff "$tmp/jit" "$tmp/aot" | head -n 10
    fi
  done
done
# Plots: the same SVG from both builds (ScottPlot and SkiaSharp under Native AOT).
for kind in "--model mlp --activation tanh --widths 16x4" "--widths 4x3 --samples 2000 --seed 1"; do
  # shellcheck disable=SC2086
  dotnet "$dll" plot $kind --out "$tmp/jit.svg" >/dev/null 2>&1; rj=$?
  # shellcheck disable=SC2086
  "$native" plot $kind --out "$tmp/aot.svg" >/dev/null 2>&1; ra=$?
  if [ "$rj" = 0 ] && [ "$ra" = 0 ] && [ -s "$tmp/aot.svg" ] && cmp -s "$tmp/jit.svg" "$tmp/aot.svg"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL native vs JIT: wick plot $kind --out F.svg (exit $ra vs $rj)"
  fi
done
# ./wick's fast path: sh execs the native binary, which checks its sources itself (LauncherFastPath) — the same
# output as the JIT build when fresh, and a hand-over to tools/launcher.bash (a stub here) when a source is newer.
check=(check "G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)")
dotnet "$dll" "${check[@]}" >"$tmp/jit" 2>&1
./wick "${check[@]}" >"$tmp/fast" 2>&1; rf=$?
fake="$tmp/fake-root"
mkdir -p "$fake/src/Wick.Cli" "$fake/tools"
printf '#!/usr/bin/env bash\necho "full launcher: $*"\nexit 7\n' >"$fake/tools/launcher.bash"
touch -d '2000-01-01' "$fake/src/Wick.Cli/Old.cs"
WICK_SOURCE_ROOT="$fake" "$native" "${check[@]}" >"$tmp/fresh" 2>&1; rs=$?
touch "$fake/src/Wick.Cli/New.cs"
WICK_SOURCE_ROOT="$fake" "$native" "${check[@]}" >"$tmp/stale" 2>&1; rh=$?
if [ "$rf" = 0 ] && cmp -s "$tmp/jit" "$tmp/fast" && [ "$rs" = 0 ] && cmp -s "$tmp/jit" "$tmp/fresh" \
   && [ "$rh" = 7 ] && [ "$(cat "$tmp/stale")" = "full launcher: ${check[*]}" ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL ./wick fast path (exit $rf, fresh $rs, stale $rh: $(cat "$tmp/stale"))"
fi
# Start-up, informational (a benchmark, not a timed test): median of 21 one-line checks through the launcher.
times=()
for i in $(seq 21); do
  s=$(date +%s%N); ./wick check "G4^(l+1) = C_W^2 (1 + 2/n_l) G4^(l)" >/dev/null; e=$(date +%s%N)
  times+=($(( (e - s) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 11p)
echo "native start-up: ./wick check one-liner, median of 21 runs: ${median} ms (load $(cut -d' ' -f1 /proc/loadavg))"
rm -rf "$tmp"
echo "native tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
