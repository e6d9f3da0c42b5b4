#!/usr/bin/env bash
# Submits a Monte Carlo run as a Slurm job array of N shards plus a dependent merge job (docs/SCALING.md).
#
#   deploy/slurm/submit.sh -n N -o OUTDIR [--wait] [--sbatch "EXTRA SBATCH OPTIONS"] -- [wick mc options...]
#
# e.g. deploy/slurm/submit.sh -n 64 -o runs/g8 --sbatch "--partition=short --time=00:30:00" -- \
#        --widths 16x30 --samples 1000000000 --sampler chi2 --seed 1
# The array is --array=0-(N-1), each task running 'wick mc ... --shard auto' (wick-mc.sbatch); the merge
# (wick-merge.sbatch) runs with --dependency=afterok:ARRAY and writes OUTDIR/merged.json. With --wait the script
# blocks until the merge ends and exits with its status: non-zero when any shard failed (the merge is then
# cancelled, --kill-on-invalid-dep=yes) or the merge itself failed. Set WICK to the command that runs wick
# (default: wick on PATH), e.g. WICK="dotnet /opt/wick/wick.dll".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n=""; outdir=""; wait=0; extra=""
usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n="$2"; shift 2 ;;
    -o) outdir="$2"; shift 2 ;;
    --wait) wait=1; shift ;;
    --sbatch) extra="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) usage ;;
    *) echo "submit.sh: unknown option '$1'" >&2; usage ;;
  esac
done
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: -n N (number of shards, ≥ 1) is required" >&2; exit 2; }
[ -n "$outdir" ] || { echo "submit.sh: -o OUTDIR is required" >&2; exit 2; }
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"
# shellcheck disable=SC2086  # $extra is a list of sbatch options
array=$(sbatch --parsable $extra --array=0-$((n - 1)) --chdir="$outdir" "$here/wick-mc.sbatch" "$outdir" "$@")
array="${array%%;*}"
echo "submit.sh: array job $array (shards 0-$((n - 1))) -> $outdir/shard-*.json" >&2
merge_args=(--parsable $extra --dependency="afterok:$array" --kill-on-invalid-dep=yes --chdir="$outdir")
if [ "$wait" -eq 1 ]; then
  # sbatch --wait returns 0 also for a merge cancelled because a shard failed: read the job records instead.
  merge=$(sbatch "${merge_args[@]}" --wait "$here/wick-merge.sbatch" "$outdir" "$n")
  merge="${merge%%;*}"
  state="$(scontrol -o show job "$merge" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)"
  code="$(scontrol -o show job "$merge" | grep -o ' ExitCode=[0-9]*' | cut -d= -f2)"
  if [ "$state" = "COMPLETED" ] && [ "${code:-1}" -eq 0 ]; then
    echo "submit.sh: merged -> $outdir/merged.json" >&2
    exit 0
  fi
  if [ "$state" = "CANCELLED" ]; then
    # The highest exit code among the array's tasks (at least 1).
    worst="$(scontrol -o show job "$array" | grep -o ' ExitCode=[0-9]*' | cut -d= -f2 | sort -n | tail -n 1)"
    [ "${worst:-0}" -ge 1 ] || worst=1
    echo "submit.sh: shard(s) failed (highest exit code $worst; see $outdir/wick-mc-${array}_*.log); merge job $merge cancelled." >&2
    exit "$worst"
  fi
  echo "submit.sh: merge job $merge ended $state (exit ${code:-?}); see $outdir/wick-merge-$merge.log." >&2
  [ "${code:-1}" -ge 1 ] 2>/dev/null && exit "$code"
  exit 1
else
  merge=$(sbatch "${merge_args[@]}" "$here/wick-merge.sbatch" "$outdir" "$n")
  echo "submit.sh: merge job ${merge%%;*} after $array -> $outdir/merged.json" >&2
fi
