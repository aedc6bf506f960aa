#!/bin/sh
# tools/fuzz.sh [--minutes N | --seconds N] [--runs N] [--target NAME] [--build DIR]
#
# Builds the libFuzzer targets (fuzz/, clang-14, -fsanitize=fuzzer,address,
# undefined) in build-fuzz, makes the seed corpora (fuzz/seeds.sh) and runs
# each target — or only NAME (fuzz_tflite or tflite) — for the time given
# (default 1 minute each), or until it has run N inputs (--runs; then the time
# limit is off unless given too), one at a time, at low priority. Prints per target:
# executions, corpus size, coverage (libFuzzer's cov: edges and ft: features
# from its final status line) and crashes. Exits 1 when any target crashed
# (the reproducer is in DIR/fuzz/crashes/<target>/; docs/fuzzing.md says how
# to replay it), 2 on a usage or build error.
#
# The corpus each target grows is kept in DIR/fuzz/corpus/<target>/ and is
# the starting point of the next run; the seeds are remade every run.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
seconds=60
runs=""
only=""
build="$src/build-fuzz"
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) seconds=$(( $2 * 60 )); timed=1; shift 2 ;;
    --seconds) seconds=$2; timed=1; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --target) only=${2#fuzz_}; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "tools/fuzz.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$seconds" in
  ''|*[!0-9]*|0) echo "tools/fuzz.sh: the time per target must be a positive whole number" >&2; exit 2 ;;
esac
case "$runs" in
  *[!0-9]*) echo "tools/fuzz.sh: --runs takes a whole number of inputs" >&2; exit 2 ;;
esac
# --runs alone: no time limit (libFuzzer's 0).
if [ -n "$runs" ] && [ -z "${timed:-}" ]; then seconds=0; fi

targets="tflite npy model_spec target_toml elf plan_blob budget baseline_json input_tensor"
if [ -n "$only" ]; then
  case " $targets " in
    *" $only "*) targets=$only ;;
    *) echo "tools/fuzz.sh: no fuzz target '$only'; they are: $targets" >&2; exit 2 ;;
  esac
fi

# The dictionary of each input class (fuzz/dict/), if it has one.
dict_of() {
  case "$1" in
    npy|input_tensor) echo "$src/fuzz/dict/npy.dict" ;;
    model_spec|target_toml|budget) echo "$src/fuzz/dict/toml.dict" ;;
    elf) echo "$src/fuzz/dict/elf.dict" ;;
    baseline_json) echo "$src/fuzz/dict/json.dict" ;;
  esac
}

if ! command -v clang++-14 >/dev/null; then
  echo "tools/fuzz.sh: clang++-14 not found; run tools/install-deps.sh (tools/deps.txt)" >&2
  exit 2
fi
CC=clang-14 CXX=clang++-14 cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMCUSIM_FUZZ=ON >/dev/null || exit 2
jobs=$(nproc 2>/dev/null || echo 2)
# The fuzz targets, the seed maker and a few guests (ELF seeds).
cmake --build "$build" -j "$jobs" --target fuzz_all guest_elf_small guest_elf_at_0800 guest_demo_m0 \
  guest_demo_m4 guest_exc_basic_m0 guest_profile_calls_m0 guest_timing_m0 >/dev/null || exit 2
# The mcusim binary adds report JSON of real runs to the seeds; the hand
# report of fuzz_make_seeds is there without it.
if ! cmake --build "$build" -j "$jobs" --target mcusim >/dev/null 2>&1; then
  echo "tools/fuzz.sh: note: mcusim did not build with clang-14 in $build; report seeds without real runs" >&2
  rm -f "$build/mcusim"
fi

seeds="$build/fuzz/seeds"
rm -rf "$seeds"
"$src/fuzz/seeds.sh" "$build" "$seeds" >/dev/null || exit 2

status=0
printf '%-20s %12s %10s %8s %8s %8s\n' target executions corpus cov ft crashes
for t in $targets; do
  corpus="$build/fuzz/corpus/$t"
  crashes="$build/fuzz/crashes/$t"
  log="$build/fuzz/logs/$t.log"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  dict=$(dict_of "$t")
  before=$(ls "$crashes" | wc -l)
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a loader
  # allocating 2 GB for a small file is a bug too.
  rc=0
  nice -n 10 "$build/fuzz/fuzz_$t" -max_total_time="$seconds" ${runs:+-runs="$runs"} -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$crashes/" ${dict:+-dict="$dict"} "$corpus" "$seeds/$t" \
    >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+.*(cov|ft):' "$log" | tail -1)
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
  found=$(( $(ls "$crashes" | wc -l) - before ))
  if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi
  printf '%-20s %12s %10s %8s %8s %8s\n' "fuzz_$t" "${execs:-?}" "${corp:-?}" "${cov:-?}" "${ft:-?}" "$found"
  if [ "$found" -ne 0 ]; then
    status=1
    echo "  crashed (exit $rc): see $log and $crashes/" >&2
    grep -m 3 -E 'ERROR: |SUMMARY: |terminate called|what\(\):' "$log" | sed 's/^/  /' >&2 || true
  fi
done
exit $status
