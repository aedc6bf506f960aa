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
  cycle_counter_enable();
  for (const struct TimingCase *c = timing_cases; c != timing_cases_end; ++c) {
    report_u32(c->name, c->run());
  }
  return 0;
}
