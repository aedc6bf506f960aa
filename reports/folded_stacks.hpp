// reports/folded_stacks.hpp — an execution profile's calling contexts as
// folded stacks, the input of flame-graph tools (flamegraph.pl, speedscope,
// inferno): one line per context, "outer;inner;leaf <cycles>", outermost
// first, exclusive cycles of the leaf in that context. The lines sum to the
// run's cycles (the profile's sum rule); contexts with no cycles are left out.
#pragma once

#include "profiler/execution_profile.hpp"

#include <string>

namespace mcusim {

std::string folded_stacks(const profiler::ExecutionProfile& profile);

}  // namespace mcusim
