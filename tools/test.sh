#!/bin/sh
# Installs what mcusim needs, builds it twice (release, and Debug with
# AddressSanitizer + UndefinedBehaviorSanitizer) and runs the test suite on both,
# then runs each fuzz target briefly (tools/fuzz.sh).
# This is README's test command and what .ci/run calls.
set -eu
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMCUSIM_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$jobs"
# MCUSIM_OTHER_BINARY: the sanitizer suite's Determinism test also runs the
# Release binary and requires byte-identical JSON (docs/robustness.md).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 MCUSIM_OTHER_BINARY="$PWD/build/mcusim" \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

# Every loader's fuzz target for 20 s (docs/fuzzing.md): clang-14 +
# libFuzzer in build-fuzz; exit 1 on a crash, with the reproducer's path.
tools/fuzz.sh --seconds 20
