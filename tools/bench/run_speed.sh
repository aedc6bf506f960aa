#!/bin/sh
# tools/bench/run_speed.sh MCUSIM — host seconds per simulated inference of
# each bundled workload on an M0 and an M4 target, and the touch workload's
# cycles per kernel variant on touch-m0 (issue 7's benchmark). Not a test: it
# prints what it measured. `cmake --build build --target bench-run`.
set -eu
mcusim=${1:-build/mcusim}
echo "== host time per workload (10 warm inferences) =="
for workload in touch sine kws-ds-cnn; do
  for target in touch-m0 stm32f405rg; do
    printf '%-12s %-12s ' "$workload" "$target"
    "$mcusim" run --workload "$workload" --target "$target" --inferences 10 \
      | grep -E '^  (inference|host) ' | tr -s ' ' | tr '\n' ' '
    echo
  done
done
echo "== touch on touch-m0, per kernel variant =="
for variant in ref m0; do
  printf '%-4s ' "$variant"
  "$mcusim" run --variant "$variant" | grep -E '^  inference ' | tr -s ' '
done
