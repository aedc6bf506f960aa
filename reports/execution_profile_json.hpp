// reports/execution_profile_json.hpp — `--profile`'s part of the report JSON:
// functions[] (DESIGN.md), call_edges[], lines[], and a "profile" object with
// instruction classes, stall cycles by cause, memory traffic per region,
// phases (start-up, layers, engine, between inferences, after) and calling
// contexts; each layers[] entry of a model report gains a "profile" object
// with its own classes, stalls, traffic and stack peak.
//
// Every cycle count here sums to the run's `cycles` within its list (phases,
// functions' cycles, lines, contexts): docs/profiler.md.
#pragma once

#include "profiler/execution_profile.hpp"

#include <nlohmann/json.hpp>

namespace mcusim {

// The profile as JSON objects (functions, call_edges, lines, profile).
nlohmann::ordered_json execution_profile_json(const profiler::ExecutionProfile& profile);

// Adds the fields above to `report` (an exec or model report), and a "profile"
// object to each entry of report["layers"] whose "index" the profile has a
// phase for. Fields already there are replaced.
void add_execution_profile(nlohmann::ordered_json& report, const profiler::ExecutionProfile& profile);

}  // namespace mcusim
