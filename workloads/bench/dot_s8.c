// workloads/bench/dot_s8.c — int8 dot products with int32 accumulation, the
// inner loop of a fully connected layer: 64 rows of 1024 weights against one
// input vector, repeated.
// Check: each row's dot product equals (sum (a+b)^2 - sum (a-b)^2) / 4, a
// second computation by the polarisation identity, done once after timing.
#include <stdint.h>

#include "bench.h"

enum { kRows = 64, kColumns = 1024, kRepeats = 24 };

static int8_t weights[kRows][kColumns];
static int8_t input[kColumns];
static int32_t output[kRows];

__attribute__((noinline)) static int32_t dot_s8(const int8_t *a, const int8_t *b, uint32_t n) {
  int32_t sum = 0;
  for (uint32_t i = 0; i < n; ++i) sum += (int32_t)a[i] * (int32_t)b[i];
  return sum;
}

static int32_t dot_by_polarisation(const int8_t *a, const int8_t *b, uint32_t n) {
  int32_t plus = 0, minus = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const int32_t s = (int32_t)a[i] + b[i];
    const int32_t d = (int32_t)a[i] - b[i];
    plus += s * s;
    minus += d * d;
  }
  return (plus - minus) / 4;
}

int main(void) {
  uint32_t seed = 2024u;
  for (uint32_t r = 0; r < kRows; ++r)
    for (uint32_t c = 0; c < kColumns; ++c) weights[r][c] = (int8_t)(bench_lcg(&seed) >> 24);
  for (uint32_t c = 0; c < kColumns; ++c) input[c] = (int8_t)(bench_lcg(&seed) >> 24);

  const uint32_t start = bench_start();
  uint32_t checksum = 0;
  for (uint32_t repeat = 0; repeat < kRepeats; ++repeat) {
    for (uint32_t r = 0; r < kRows; ++r) output[r] = dot_s8(weights[r], input, kColumns);
    checksum = checksum * 33u + (uint32_t)output[repeat % kRows];
  }
  const uint32_t cycles = bench_cycles(start);
  int ok = 1;
  for (uint32_t r = 0; r < kRows; ++r) {
    if (output[r] != dot_by_polarisation(weights[r], input, kColumns)) ok = 0;
  }
  return bench_finish("dot_s8", cycles, checksum, ok);
}
