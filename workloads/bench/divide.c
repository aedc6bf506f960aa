// workloads/bench/divide.c — division-heavy integer code: Euclid's GCD
// (one remainder per step) over pseudo-random 32-bit pairs, and signed
// quotient/remainder of mixed-sign operands. On Cortex-M0 every / and % is a
// call to the run-time's __aeabi_uidivmod / __aeabi_idivmod (shift-subtract,
// tests/guests/common/aeabi.c); on Cortex-M4 it is UDIV/SDIV (2..12 cycles).
// Check: each GCD equals Stein's binary GCD (shifts and subtractions only, no
// division), and each signed pair satisfies q * d + r == x with |r| < |d| and
// r of the sign of x (C's truncating division).
#include <stdint.h>

#include "bench.h"

enum { kPairs = 1500, kSigned = 6000 };

static uint32_t pairs[kPairs][2];
static uint32_t gcds[kPairs];
static int32_t dividends[kSigned], divisors[kSigned], quotients[kSigned], remainders[kSigned];

__attribute__((noinline)) static uint32_t gcd_euclid(uint32_t a, uint32_t b) {
  while (b != 0u) {
    const uint32_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

static uint32_t gcd_binary(uint32_t a, uint32_t b) {
  if (a == 0u) return b;
  if (b == 0u) return a;
  uint32_t shift = 0;
  while (((a | b) & 1u) == 0u) {
    a >>= 1;
    b >>= 1;
    ++shift;
  }
  while ((a & 1u) == 0u) a >>= 1;
  do {
    while ((b & 1u) == 0u) b >>= 1;
    if (a > b) {
      const uint32_t t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b != 0u);
  return a << shift;
}

__attribute__((noinline)) static void divide_signed(uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) {
    quotients[i] = dividends[i] / divisors[i];
    remainders[i] = dividends[i] % divisors[i];
  }
}

static uint32_t magnitude(int32_t v) { return v < 0 ? 0u - (uint32_t)v : (uint32_t)v; }

int main(void) {
  uint32_t seed = 99u;
  for (uint32_t i = 0; i < kPairs; ++i) {
    // A shared factor now and then, so the GCDs are not all 1.
    const uint32_t common = 1u + (bench_lcg(&seed) >> 26);
    pairs[i][0] = (bench_lcg(&seed) >> 8) * common;
    pairs[i][1] = (bench_lcg(&seed) >> (8 + (i & 15u))) * common;
  }
  for (uint32_t i = 0; i < kSigned; ++i) {
    dividends[i] = (int32_t)bench_lcg(&seed) >> (i & 7u);
    int32_t d = (int32_t)bench_lcg(&seed) >> (8 + (i % 23u));
    divisors[i] = d == 0 ? 3 : d;
  }

  const uint32_t start = bench_start();
  for (uint32_t i = 0; i < kPairs; ++i) gcds[i] = gcd_euclid(pairs[i][0], pairs[i][1]);
  divide_signed(kSigned);
  const uint32_t cycles = bench_cycles(start);

  int ok = 1;
  uint32_t checksum = 0;
  for (uint32_t i = 0; i < kPairs; ++i) {
    if (gcds[i] != gcd_binary(pairs[i][0], pairs[i][1])) ok = 0;
    checksum = checksum * 31u + gcds[i];
  }
  for (uint32_t i = 0; i < kSigned; ++i) {
    const int32_t x = dividends[i], d = divisors[i], q = quotients[i], r = remainders[i];
    if ((uint32_t)q * (uint32_t)d + (uint32_t)r != (uint32_t)x) ok = 0;
    if (magnitude(r) >= magnitude(d)) ok = 0;
    if (r != 0 && ((r < 0) != (x < 0))) ok = 0;
    checksum ^= (uint32_t)q + (uint32_t)r;
  }
  return bench_finish("divide", cycles, checksum, ok);
}
