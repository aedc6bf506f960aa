// tools/mcusim/sweep/point_result.hpp — one point of sweep.json
// (mcusim.sweep/1, docs/sweep.md): its parameters as run, its status and the
// numbers of its run. Every point carries every field; what was not measured
// is null (an error point has no cycles, a target without power figures no
// energy), never 0.
#pragma once

#include "reports/budget.hpp"
#include "sim/error.hpp"
#include "sim/target/target.hpp"
#include "tools/mcusim/model_run.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace mcusim::cli::sweep {

// The point's effective settings: target, model (the workload's name, else
// the model file), variant, and the target's clock_mhz, wait_states,
// prefetch and cache after the point's axes were applied.
nlohmann::json point_params(const Target& target, const std::string& model, const std::string& variant);

// A point that ran: "ok", or "faulted" when the guest faulted, hit a limit or
// exited non-zero. meets_budget is null without a budget.
nlohmann::json ran_point(std::uint64_t index, nlohmann::json params, const ModelRunOutcome& outcome,
                         const std::optional<Budget>& budget);

// A point that could not run: "error", with the reason.
nlohmann::json error_point(std::uint64_t index, nlohmann::json params, const Error& error);

// {"latency_us": 100, ...}: a budget's limits as sweep.json's "budget".
nlohmann::json budget_json(const Budget& budget);

}  // namespace mcusim::cli::sweep
