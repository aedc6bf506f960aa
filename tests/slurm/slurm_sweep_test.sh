#!/bin/bash
# tests/slurm/slurm_sweep_test.sh MCUSIM SOURCE_DIR — the Slurm path of
# issue 10 for real: a single-node Slurm (Debian's slurm-wlm, slurmctld and
# slurmd on localhost, state in a temporary folder, auth/none) runs
# docs/ci/slurm/sweep-array.sbatch as a 2-task array over a small touch sweep
# and sweep-merge.sbatch after it; the merged folder must equal a local
# unsharded run byte for byte (cmp of every file). The daemons are stopped
# and the folder removed on any exit.
# Exit 77 (CTest SKIP_RETURN_CODE) when slurmctld is not installed, unless
# MCUSIM_REQUIRE_SLURM=1 (.ci/run), where that is a failure.
set -euo pipefail
mcusim=$(realpath "${1:?usage: slurm_sweep_test.sh MCUSIM SOURCE_DIR}")
source_dir=$(realpath "${2:?usage: slurm_sweep_test.sh MCUSIM SOURCE_DIR}")

for tool in slurmctld slurmd sbatch squeue; do
  if ! command -v "$tool" >/dev/null; then
    if [ "${MCUSIM_REQUIRE_SLURM:-0}" = 1 ]; then
      echo "slurm_sweep_test: $tool not installed and MCUSIM_REQUIRE_SLURM=1 (tools/deps.txt lists slurm-wlm)" >&2
      exit 1
    fi
    echo "slurm_sweep_test: SKIP: $tool not installed (tools/deps.txt lists slurm-wlm)"
    exit 77
  fi
done

work=$(mktemp -d /tmp/mcusim-slurm-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() {
  echo "slurm_sweep_test: FAIL: $*" >&2
  for log in "$work"/slurmctld.log "$work"/slurmd.log "$work"/out/slurm-*.out; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
  done
  exit 1
}

# Ports from the process id, so two runs on one machine do not collide.
port=$((20000 + $$ % 20000))
mkdir -p "$work/state" "$work/spool" "$work/out"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=mcusim-test
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=localhost CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -i >"$work/slurmctld.console" 2>&1 &
pids+=($!)
slurmd -D -N localhost >"$work/slurmd.console" 2>&1 &
pids+=($!)
# Up when the node is idle (or mixed/allocated: ready to take jobs).
for _ in $(seq 1 60); do
  state=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
  case $state in idle*|mixed*|allocated*) break ;; esac
  sleep 1
done
case ${state:-} in idle*|mixed*|allocated*) ;; *) fail "the node did not come up (state '${state:-none}')" ;; esac

# The grid: 2 variants x 2 clocks of the touch workload, in 2 shards.
args="--workload touch --variant ref,m0 --clock-mhz 24,48 --inferences 0"
export MCUSIM="$mcusim" SWEEP_ARGS="$args" SWEEP_OUT="$work/out"
cd "$work/out"
array=$(sbatch --parsable --array=1-2 "$source_dir/docs/ci/slurm/sweep-array.sbatch") || fail "sbatch of the array"
# --wait: sbatch returns when the merge job ends, with its exit code.
timeout 600 sbatch --wait --dependency="afterok:${array%%;*}" "$source_dir/docs/ci/slurm/sweep-merge.sbatch" >/dev/null ||
  fail "the merge job did not succeed"

status=0
# shellcheck disable=SC2086
"$mcusim" sweep $args -o "$work/local" --quiet >/dev/null || status=$?
[ "$status" -le 1 ] || fail "the local sweep exited $status"
[ -f "$work/out/merged/sweep.json" ] || fail "no merged sweep.json"
for file in "$work/local"/*; do
  cmp "$file" "$work/out/merged/$(basename "$file")" || fail "$(basename "$file") differs from the local run"
done
[ "$(ls "$work/local" | wc -l)" = "$(ls "$work/out/merged" | wc -l)" ] || fail "the merged folder has other files"
echo "slurm_sweep_test: PASS: 2 array tasks and the merge equal the local run ($(ls "$work/local" | wc -l) files)"
