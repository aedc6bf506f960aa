// tools/mcusim/profile_printout.hpp — the terminal summary of `--profile`:
// where the cycles went by phase and layer, the top functions, instruction
// classes, stall causes and memory traffic. The full profile is in the JSON.
#pragma once

#include "profiler/execution_profile.hpp"
#include "profiler/model_profile.hpp"

#include <span>

namespace mcusim::cli {

// `layers`: the model's layers by plan index (names for the layer rows); may be empty.
void print_profile(const profiler::ExecutionProfile& profile, std::span<const profiler::LayerInfo> layers);

}  // namespace mcusim::cli
