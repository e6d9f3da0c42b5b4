#!/usr/bin/env bash
# The Slurm test of issue 13, run by .ci/run after the build: a real single-node Slurm (munged, slurmctld, slurmd
# started here as root, no systemd, config in a temp dir), a job array of 4 shards plus a dependent merge
# (deploy/slurm/submit.sh --wait), checked byte for byte against the one-shot 'wick mc' run; a failing task's exit
# code must propagate. Installs slurm-wlm and munge from Debian packages when missing. Prints one
# "slurm test: PASS|FAIL name" line per check and "slurm tests: P passed, F failed" (counted by .ci/run).
# Daemons that cannot start are a FAIL, with their logs. Usage: .ci/slurm-test.sh PATH/wick.dll
set -uo pipefail
dll="$(realpath "${1:?usage: slurm-test.sh PATH/wick.dll}")"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
passed=0; failed=0
pass() { echo "slurm test: PASS $1"; passed=$((passed + 1)); }
fail() { echo "slurm test: FAIL $1"; failed=$((failed + 1)); }
summary() { echo "slurm tests: $passed passed, $failed failed"; }
started=$SECONDS

tmp="$(mktemp -d /tmp/wick-slurm.XXXXXX)"
chmod 700 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT   # a timeout still stops the daemons (through the EXIT trap)
logs() { for f in "$tmp"/*.log; do echo "----- $f"; tail -n 40 "$f"; done; }

# 1. Packages (once per machine).
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm test: installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -q >"$tmp/apt.log" 2>&1 && apt-get install -y -q --no-install-recommends slurm-wlm munge >>"$tmp/apt.log" 2>&1; }; then
    tail -n 30 "$tmp/apt.log"; fail "install slurm-wlm and munge"; summary; exit 1
  fi
fi
if [ "$(id -u)" -ne 0 ]; then fail "start Slurm (needs root to run slurmd)"; summary; exit 1; fi

# 2. munged on a private socket with a fresh key.
dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge.key"
mkdir -p "$tmp/munge" && chmod 700 "$tmp/munge"
socket="$tmp/munge/munge.socket"
munged --foreground --force --socket="$socket" --key-file="$tmp/munge.key" --pid-file="$tmp/munge/munged.pid" \
  --seed-file="$tmp/munge/munged.seed" --log-file="$tmp/munged.log" >>"$tmp/munged.out.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
if [ ! -S "$socket" ]; then logs; fail "start munged"; summary; exit 1; fi

# 3. A minimal single-node slurm.conf: this host's name, CPUs and memory (slurmd -C), free ports, state in $tmp.
node="$(slurmd -C | head -n 1)"            # NodeName=<this host> CPUs=… RealMemory=…: the name slurmd will look for
host="$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$node")"
if [ -z "$host" ]; then echo "slurmd -C printed: $node"; fail "read this node's name, CPUs and memory (slurmd -C)"; summary; exit 1; fi
port() { local p; while :; do p=$((20000 + RANDOM % 20000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
ctl_port="$(port)"; d_port="$(port)"
[ "$d_port" = "$ctl_port" ] && d_port=$((ctl_port + 1))
mkdir -p "$tmp/state" "$tmp/spool"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=wickci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -c -f "$SLURM_CONF" >"$tmp/slurmctld.out.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$tmp/slurmd.out.log" 2>&1 &
pids+=($!)

# 4. Wait (≤ 60 s) for the node to be idle.
state=""
for _ in $(seq 120); do
  state="$(sinfo -h -N -n "$host" -o %T 2>/dev/null | head -n 1)"
  [ "$state" = "idle" ] && break
  case "$state" in down*|drain*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 ;; esac
  sleep 0.5
done
if [ "$state" != "idle" ]; then
  echo "node state: '${state}'"; sinfo 2>&1; logs; fail "Slurm node $host idle within 60 s"; summary; exit 1
fi
pass "Slurm daemons up, node $host idle ($((SECONDS - started)) s)"

# 5. The array + dependent merge reproduce the one-shot run byte for byte.
export WICK="dotnet $dll"
opts=(--widths 6x4 --samples 40000 --seed 13)
one="$tmp/one-shot.json"
$WICK mc "${opts[@]}" --format json >"$one" 2>"$tmp/one-shot.log" || { fail "one-shot wick mc"; }
t0=$SECONDS
if "$repo/deploy/slurm/submit.sh" -n 4 -o "$tmp/run" --wait -- "${opts[@]}" >"$tmp/submit.log" 2>&1; then
  if cmp -s "$one" "$tmp/run/merged.json"; then
    pass "array of 4 shards + dependent merge (sbatch --wait) = one-shot run, byte for byte ($((SECONDS - t0)) s)"
  else
    diff <(head -c 2000 "$one") <(head -c 2000 "$tmp/run/merged.json") | head -20; fail "merged output differs from the one-shot run"
  fi
else
  cat "$tmp/submit.log"; for f in "$tmp"/run/*.log; do echo "----- $f"; tail -n 20 "$f"; done; logs
  fail "submit.sh -n 4 --wait"
fi
# Each task ran one shard k/4 of its own (--shard auto), not the whole run.
if ls "$tmp"/run/shard-{0,1,2,3}.json >/dev/null 2>&1 \
   && [ "$(grep -h '"shard"' "$tmp"/run/shard-*.json | sort | tr -d ' ,\n')" = '"shard":"1/4""shard":"2/4""shard":"3/4""shard":"4/4"' ]; then
  pass "tasks 0-3 ran shards 1/4 … 4/4 via --shard auto"
else
  grep -h '"shard"' "$tmp"/run/shard-*.json; fail "tasks ran shards 1/4 … 4/4"
fi

# 6. A failing task's exit code propagates: task 2 of 4 exits 2 (bad option), the array's sbatch --wait reports 2,
#    the task's record says 2, and the dependent merge never runs (cancelled), so submit-style waiting fails.
mkdir -p "$tmp/fail"
arr=$(sbatch --parsable --wait --array=0-3 --chdir="$tmp/fail" --output="$tmp/fail/task-%a.log" --wrap \
  "if [ \"\$SLURM_ARRAY_TASK_ID\" = 2 ]; then exec $WICK mc --widths 2x2 --samples 100 --cw 1,5; else exec $WICK mc --widths 2x2 --samples 100 --shard auto --format json --out $tmp/fail/shard-\$SLURM_ARRAY_TASK_ID.json; fi")
rc=$?
arr="${arr%%;*}"
if [ "$rc" -eq 2 ]; then pass "sbatch --wait of the array exits 2, the failing task's code"; else fail "sbatch --wait of the array exited $rc, expected 2"; fi
if scontrol show job "${arr}_2" 2>/dev/null | grep -q "ExitCode=2:0" && grep -q -- "--cw: cannot read '1,5'" "$tmp/fail/task-2.log"; then
  pass "task 2 recorded ExitCode=2:0 with wick's message"
else
  scontrol show job "${arr}_2"; cat "$tmp/fail/task-2.log"; fail "task 2's exit code and message"
fi
mjob=$(timeout 120 sbatch --parsable --wait --dependency="afterok:$arr" --kill-on-invalid-dep=yes --chdir="$tmp/fail" \
  --wrap "exec $WICK mc merge $tmp/fail/shard-0.json $tmp/fail/shard-1.json $tmp/fail/shard-3.json" 2>/dev/null)
mstate="$(scontrol -o show job "${mjob%%;*}" 2>/dev/null | grep -o 'JobState=[A-Z_]*')"
if [ "$mstate" = "JobState=CANCELLED" ]; then pass "the dependent merge after a failed array is cancelled, never run"; else fail "the dependent merge after a failed array: $mstate"; fi
"$repo/deploy/slurm/submit.sh" -n 4 -o "$tmp/bad" --wait -- --widths 2x2 --samples 100 --cw 1,5 >"$tmp/bad.log" 2>&1
src=$?
if [ "$src" -eq 2 ] && grep -q "shard(s) failed" "$tmp/bad.log"; then
  pass "submit.sh --wait with failing shards exits 2, the shards' code"
else
  cat "$tmp/bad.log"; fail "submit.sh --wait with failing shards exited $src, expected 2"
fi
# Merging by hand what the failed array left names the missing shard.
out="$($WICK mc merge "$tmp/fail/shard-0.json" "$tmp/fail/shard-1.json" "$tmp/fail/shard-3.json" 2>&1)"; mr=$?
if [ "$mr" -eq 2 ] && [[ "$out" == *"missing shard(s) 3/4"* ]]; then pass "merge names the missing shard 3/4 (exit 2)"; else echo "$out"; fail "merge of the failed array's shards (exit $mr)"; fi

echo "slurm test: total $((SECONDS - started)) s"
summary
[ "$failed" -eq 0 ]
