// tests/guests/timing/timing_main.c — runs every measured sequence of a
// timing guest (timing_v6m.S, timing_m4.S) and prints "name=cycles" lines.
// The expected values, derived by hand from the TRM rules, live in
// tests/sim/machine/timing_<core>_guest_test.cpp and docs/timing-guests.md.
#include <stdint.h>

#include "cycle_counter.h"
#include "report.h"

struct TimingCase {
  const char *name;
  uint32_t (*run)(void);
};

// Built by the CASE macro (timing_case.inc), in source order.
extern const struct TimingCase timing_cases[];
extern const struct TimingCase timing_cases_end[];

int main(void) {
#if defined(TIMING_USE_SYSTICK)
  // Silicon without CYCCNT (Cortex-M0/M0+): SysTick from the processor clock,
  // full 24-bit range; results are differences modulo 2^24.
  SYST_RVR = 0x00FFFFFFu;
  SYST_CVR = 0u;
  SYST_CSR = 0x5u;  // ENABLE | CLKSOURCE (processor clock), no interrupt
  const uint32_t mask = 0x00FFFFFFu;
#else
  cycle_counter_enable();
  const uint32_t mask = 0xFFFFFFFFu;
#endif
  for (const struct TimingCase *c = timing_cases; c != timing_cases_end; ++c) {
    report_u32(c->name, c->run() & mask);
  }
  return 0;
}
