// tools/mcusim/run_printout.hpp — the one-glance text of `mcusim run`: what
// ran where, per-inference cycles and µs, memory, the layers, and the budget
// verdicts with their margins.
#pragma once

#include "sim/target/target.hpp"
#include "tools/mcusim/model_run.hpp"

namespace mcusim::cli {

// `prepare_seconds`: host time spent before the simulation (plan, firmware build).
void print_run(const ModelRunOutcome& outcome, const Target& target, double prepare_seconds);

}  // namespace mcusim::cli
