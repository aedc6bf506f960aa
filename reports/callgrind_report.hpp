// reports/callgrind_report.hpp — an execution profile (profiler/
// execution_profile.hpp, `--profile`) in callgrind's format, for
// callgrind_annotate and KCachegrind: events Cycles and Instructions,
// positions by instruction address and source line, one cost line per
// instruction address under its function and file, and the call edges with
// their inclusive costs (calls= lines). callgrind_annotate's per-function
// totals are the profile's exclusive costs.
#pragma once

#include "profiler/execution_profile.hpp"

#include <string>

namespace mcusim {

// `command`: what ran, for the header (e.g. "mcusim run --workload touch").
std::string callgrind_report(const profiler::ExecutionProfile& profile, const std::string& command);

}  // namespace mcusim
