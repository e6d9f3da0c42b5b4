#!/usr/bin/env bash
# The wick launcher's full path, run by ./wick (POSIX sh) when no native binary can start at once or the native
# binary finds a source newer than itself. First use builds src/Wick.Cli (Release, about a minute) and runs it; a
# Native AOT build of the same sources then continues in the background (nice, its own build tree) and, once done,
# every later run starts natively (a few ms instead of ~100 ms of JIT; docs/BENCHMARKS.md). A source change makes
# both stale again. WICK_NATIVE=0 skips the native build (the JIT build is always there as the fallback);
# WICK_NATIVE=wait builds it in the foreground and runs it (CI, benchmarks).
set -euo pipefail
# No subshells or programs before the native binary runs but the one find (each fork costs milliseconds here).
case "${BASH_SOURCE[0]}" in */*) root="${BASH_SOURCE[0]%/*}/.." ;; *) root=.. ;; esac
[[ "$root" = /* ]] || root="$PWD/$root"
out="$root/.wick-build"
stamp="$out/.stamp"
native="$out/native"
[ -d "$out" ] || mkdir -p "$out"
newer_sources() { # true when $1 is missing or any source is newer (build outputs under obj/ and bin/ are not sources)
  [ ! -f "$1" ] || [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name obj -o -name bin \) -prune -o \
      -newer "$1" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -print -quit)" ]
}
# A fresh native binary never gets here: ./wick execs it directly and it checks its own sources (LauncherFastPath).

# The native build, once per source state; its output replaces nothing until it is complete.
build_native() {
  exec 9>"$out/.native-lock"
  if [ "${1:-}" = wait ]; then flock 9; else flock -n 9 || return 0; fi
  newer_sources "$native/.stamp" || return 0
  local started="$out/.native-started" work="$out/native-work"
  touch "$started"
  rm -rf "$work"
  local niceness=19; [ "${1:-}" = wait ] && niceness=0
  if WICK_ARTIFACTS="$out/native-artifacts" nice -n "$niceness" dotnet publish "$root/src/Wick.Cli/Wick.Cli.csproj" -c Release \
       -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native -o "$work" -nologo -v q >"$out/native.log" 2>&1 && [ -x "$work/wick" ]; then
    rm -rf "$native"; mv "$work" "$native"; mv "$started" "$native/.stamp"; rm -f "$out/.native-failed"
  else
    touch "$out/.native-failed" # see native.log; the JIT build serves until a source changes (or delete this file)
    return 1
  fi
}
if [ "${WICK_NATIVE:-1}" = wait ]; then
  echo "wick: building the native binary (Native AOT, a few minutes) ..." >&2
  if ! (build_native wait) || [ ! -x "$native/wick" ] || newer_sources "$native/.stamp"; then
    echo "wick: the native build failed; see $out/native.log" >&2; tail -n 20 "$out/native.log" >&2; exit 2
  fi
  exec "$native/wick" "$@"
fi

if newer_sources "$stamp"; then
  (
    flock 9
    if newer_sources "$stamp"; then
      if [ -f "$stamp" ]; then
        echo "wick: sources changed; rebuilding (Release) ..." >&2
      else
        echo "wick: building on first use (Release, about a minute; later runs start at once) ..." >&2
      fi
      if ! env -u WICK_ARTIFACTS dotnet build "$root/src/Wick.Cli/Wick.Cli.csproj" -c Release -o "$out" -nologo -v q >"$out/build.log" 2>&1; then
        echo "wick: build failed; see $out/build.log" >&2
        tail -n 20 "$out/build.log" >&2
        exit 2
      fi
      touch "$stamp"
    fi
  ) 9>"$out/.lock"
fi
if [ "${WICK_NATIVE:-1}" != 0 ] && newer_sources "$native/.stamp" && newer_sources "$out/.native-failed" \
   && flock -n "$out/.native-lock" true; then
  (build_native) </dev/null >/dev/null 2>&1 &
  disown || true
  echo "wick: a native build for fast start-up continues in the background (log: .wick-build/native.log)" >&2
fi
exec dotnet "$out/wick.dll" "$@"
