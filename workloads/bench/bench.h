// workloads/bench/bench.h — shared helpers for the benchmark guests.
//
// Every benchmark is plain freestanding C, self-checking: main() returns 0
// only when its result matches a value obtained another way (a second
// algorithm or a published constant). It prints
//   bench=<name>
//   cycles=<DWT->CYCCNT delta of the timed part>
//   result=0x<checked value>
// and "status=ok" or "status=FAILED".
#ifndef MCUSIM_BENCH_H
#define MCUSIM_BENCH_H

#include <stdint.h>

#include "cycle_counter.h"
#include "report.h"

// Numerical Recipes LCG: deterministic inputs without libc.
static inline uint32_t bench_lcg(uint32_t *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state;
}

static inline uint32_t bench_start(void) {
  cycle_counter_enable();
  return cycle_counter_read();
}

// Cycles since `start` (a bench_start() value): call before the check.
static inline uint32_t bench_cycles(uint32_t start) { return cycle_counter_read() - start; }

// Prints the report lines; returns the exit status (0 when ok).
static inline int bench_finish(const char *name, uint32_t cycles, uint32_t result, int ok) {
  print("bench=");
  print(name);
  print("\n");
  report_u32("cycles", cycles);
  report_hex("result", result);
  print(ok ? "status=ok\n" : "status=FAILED\n");
  return ok ? 0 : 1;
}

// Keeps the compiler from optimising a computed value away.
static inline void bench_keep(uint32_t value) { __asm__ volatile("" : : "r"(value) : "memory"); }

#endif  // MCUSIM_BENCH_H
