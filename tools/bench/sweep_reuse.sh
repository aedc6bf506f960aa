#!/bin/sh
# The re-use benchmark of `mcusim sweep` (docs/sweep.md "Re-use"): wall time of
# a 100-point sweep of the touch workload over clock x wait states x variant
# (5 x 10 x 2), once sharing one firmware build per variant and once building
# the firmware for every point (--no-reuse). Prints both times; the outputs
# of the two runs must be byte-identical, which it checks.
#
#   tools/bench/sweep_reuse.sh [path/to/mcusim] [-j N]
set -eu
mcusim=${1:-build/mcusim}
jobs=${2:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grid="--workload touch --variant ref,m0 --clock-mhz 8,16,24,32,48 --wait-states 0,1,2,3,4,5,6,7,8,9 --inferences 3"

run() {  # label, extra flags
  start=$(date +%s.%N)
  # shellcheck disable=SC2086  # the grid is a list of words
  "$mcusim" sweep $grid -j "$jobs" --quiet -o "$work/$1" $2 >/dev/null || [ $? -eq 1 ]
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v l="$1" 'BEGIN { printf "%s: %.2f s\n", l, b - a }'
}

echo "mcusim sweep, touch workload, 100 points (variant 2 x clock 5 x wait states 10), -j $jobs"
run reuse ""
run no-reuse "--no-reuse"
cmp "$work/reuse/sweep.json" "$work/no-reuse/sweep.json" && echo "sweep.json identical with and without re-use"
