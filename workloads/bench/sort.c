// workloads/bench/sort.c — insertion sort on short arrays and Shell sort
// (Ciura's gaps) on a long one, over 12-bit pseudo-random keys.
// Check: every sorted array equals the output of a counting sort of the same
// keys (a second algorithm, exact for 12-bit keys).
#include <stdint.h>

#include "bench.h"

enum {
  kKeyBits = 12,
  kKeyRange = 1 << kKeyBits,
  kShellLength = 2048,
  kShellRounds = 12,
  kInsertionLength = 128,
  kInsertionRounds = 48,
};

static uint32_t shell_keys[kShellRounds][kShellLength];
static uint32_t insertion_keys[kInsertionRounds][kInsertionLength];
static uint16_t histogram[kKeyRange];

__attribute__((noinline)) static void insertion_sort(uint32_t *a, uint32_t n) {
  for (uint32_t i = 1; i < n; ++i) {
    const uint32_t key = a[i];
    uint32_t j = i;
    while (j > 0 && a[j - 1] > key) {
      a[j] = a[j - 1];
      --j;
    }
    a[j] = key;
  }
}

__attribute__((noinline)) static void shell_sort(uint32_t *a, uint32_t n) {
  static const uint32_t kGaps[] = {701, 301, 132, 57, 23, 10, 4, 1};  // Ciura (2001)
  for (uint32_t g = 0; g < sizeof kGaps / sizeof kGaps[0]; ++g) {
    const uint32_t gap = kGaps[g];
    for (uint32_t i = gap; i < n; ++i) {
      const uint32_t key = a[i];
      uint32_t j = i;
      while (j >= gap && a[j - gap] > key) {
        a[j] = a[j - gap];
        j -= gap;
      }
      a[j] = key;
    }
  }
}

static void fill(uint32_t *a, uint32_t n, uint32_t *seed) {
  for (uint32_t i = 0; i < n; ++i) a[i] = bench_lcg(seed) >> (32 - kKeyBits);
}

// Sorts `keys` (a copy of the original input, regenerated from `seed`) with a
// counting sort and compares with `sorted`.
static int matches_counting_sort(const uint32_t *sorted, uint32_t n, uint32_t seed) {
  for (uint32_t k = 0; k < kKeyRange; ++k) histogram[k] = 0;
  for (uint32_t i = 0; i < n; ++i) ++histogram[bench_lcg(&seed) >> (32 - kKeyBits)];
  uint32_t i = 0;
  for (uint32_t k = 0; k < kKeyRange; ++k) {
    for (uint32_t c = 0; c < histogram[k]; ++c, ++i) {
      if (sorted[i] != k) return 0;
    }
  }
  return i == n;
}

int main(void) {
  uint32_t seed = 77u;
  uint32_t shell_seeds[kShellRounds], insertion_seeds[kInsertionRounds];
  for (uint32_t r = 0; r < kShellRounds; ++r) {
    shell_seeds[r] = seed;
    fill(shell_keys[r], kShellLength, &seed);
  }
  for (uint32_t r = 0; r < kInsertionRounds; ++r) {
    insertion_seeds[r] = seed;
    fill(insertion_keys[r], kInsertionLength, &seed);
  }

  const uint32_t start = bench_start();
  for (uint32_t r = 0; r < kShellRounds; ++r) shell_sort(shell_keys[r], kShellLength);
  for (uint32_t r = 0; r < kInsertionRounds; ++r) {
    insertion_sort(insertion_keys[r], kInsertionLength);
  }
  const uint32_t cycles = bench_cycles(start);

  int ok = 1;
  uint32_t checksum = 0;
  for (uint32_t r = 0; r < kShellRounds; ++r) {
    if (!matches_counting_sort(shell_keys[r], kShellLength, shell_seeds[r])) ok = 0;
    checksum = checksum * 31u + shell_keys[r][kShellLength / 2];
  }
  for (uint32_t r = 0; r < kInsertionRounds; ++r) {
    if (!matches_counting_sort(insertion_keys[r], kInsertionLength, insertion_seeds[r])) ok = 0;
    checksum = checksum * 31u + insertion_keys[r][kInsertionLength / 2];
  }
  return bench_finish("sort", cycles, checksum, ok);
}
