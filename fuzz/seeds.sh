#!/bin/sh
# fuzz/seeds.sh BUILD_DIR OUT_DIR — the seed corpora, one folder per fuzz
# target, from files the project itself has or makes: targets/*.toml, the
# workloads' model.toml, .npy and budget.toml, ELFs of tests/guests, .tflite
# models, plan blobs and input tensors from fuzz_make_seeds, and report JSON
# from an `mcusim run --json` and an `mcusim exec --json` of the build (when
# mcusim builds there) beside fuzz_make_seeds' hand report. Never
# ../shared material, nothing fetched. Generated, not committed.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$1
out=$2
mkdir -p "$out"
for t in tflite npy model_spec target_toml elf plan_blob budget baseline_json input_tensor; do
  mkdir -p "$out/$t"
done

cp "$src"/targets/*.toml "$out/target_toml/"
for dir in "$src"/workloads/*/; do
  name=$(basename "$dir")
  # resnet-8 and vww-mobilenet synthesize their weights: seconds per input,
  # where the others take milliseconds; kws-ds-cnn has their layer kinds but
  # add (whose keys, skip_from and from, are in fuzz/dict/toml.dict).
  case "$name" in
    resnet-8|vww-mobilenet) ;;
    *) [ -f "$dir/model.toml" ] && cp "$dir/model.toml" "$out/model_spec/$name.toml" ;;
  esac
  [ -f "$dir/budget.toml" ] && cp "$dir/budget.toml" "$out/budget/$name.toml"
  # Small .npy only: libFuzzer's -max_len follows the largest seed.
  find "$dir" -maxdepth 1 -name '*.npy' -size -16k | while read -r npy; do
    cp "$npy" "$out/npy/$name-$(basename "$npy")"
  done
done

"$build/fuzz/fuzz_make_seeds" "$src" "$out"

# ELFs the guest build makes (cross-built by clang-14; see cmake/guest_toolchain.cmake).
for elf in elf_small elf_at_0800 demo_m0 demo_m4 exc_basic_m0 profile_calls_m0 timing_m0; do
  [ -f "$build/guests/$elf.elf" ] && cp "$build/guests/$elf.elf" "$out/elf/$elf.elf"
done

# Report JSON from real runs (a model run and a bare ELF run).
if [ -x "$build/mcusim" ]; then
  "$build/mcusim" run --json --inferences 1 > "$out/baseline_json/run-touch.json" 2>/dev/null || true
  "$build/mcusim" exec --json "$build/guests/demo_m0.elf" > "$out/baseline_json/exec-demo.json" 2>/dev/null || true
  find "$out/baseline_json" -size 0 -delete
fi
for t in "$out"/*/; do
  printf '%-14s %3d seeds\n' "$(basename "$t")" "$(ls "$t" | wc -l)"
done
