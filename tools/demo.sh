#!/bin/sh
# Installs what mcusim needs, builds it and runs the main job on the bundled
# default. Until `mcusim run` lands (issue #7) the main job is `mcusim exec`
# on the bundled demo program, on the generic Cortex-M0 target.
set -eu
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)"
exec build/mcusim exec --target generic-m0 build/guests/demo_m0.elf
