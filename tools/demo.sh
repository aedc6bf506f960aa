#!/bin/sh
# Installs what mcusim needs, builds it and runs the main job on the bundled
# default: `mcusim run` — the touch workload (a trained finger/palm/noise
# classifier) on the touch-m0 target (Cortex-M0, 48 MHz) against its budget of
# 100 us, 100 KiB flash and 16 KiB RAM. Exit code: 0 every budget met,
# 1 a budget failed (the table says which and by how much).
set -eu
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)"
exec build/mcusim run
