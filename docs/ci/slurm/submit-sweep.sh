#!/bin/sh
# docs/ci/slurm/submit-sweep.sh N — queues sweep-array.sbatch as N array
# tasks (one shard each) and sweep-merge.sbatch to run once all succeeded.
# Prints the merge job's id. MCUSIM, SWEEP_ARGS and SWEEP_OUT as in
# sweep-array.sbatch; extra sbatch options (partition, time) in SBATCH_* env.
set -eu
here=$(dirname "$0")
n=${1:?usage: submit-sweep.sh SHARDS}
array=$(sbatch --parsable --array="1-$n" "$here/sweep-array.sbatch")
sbatch --parsable --dependency="afterok:${array%%;*}" "$here/sweep-merge.sbatch"
