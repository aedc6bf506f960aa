// tools/mcusim/sweep/point_result.cpp — see point_result.hpp.
#include "tools/mcusim/sweep/point_result.hpp"

#include "reports/model_report.hpp"
#include "tools/mcusim/timing_override.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mcusim::cli::sweep {
namespace {

using nlohmann::json;

json number_or_null(const std::optional<double>& value) {
  if (!value) return nullptr;
  // Integral quantities (cycles, bytes) as integers: 8889, not 8889.0.
  if (std::floor(*value) == *value && std::abs(*value) < 9e15) return static_cast<std::int64_t>(*value);
  return *value;
}

json empty_point(std::uint64_t index, json params, std::string status, json message) {
  json point;
  point["index"] = index;
  point["params"] = std::move(params);
  point["status"] = std::move(status);
  point["message"] = std::move(message);
  for (const char* key : {"cycles", "latency_us", "energy_uj", "flash_bytes", "ram_bytes", "arena_bytes",
                          "stack_bytes", "meets_budget"}) {
    point[key] = nullptr;
  }
  point["layers"] = json::array();
  return point;
}

std::string fault_text(const ModelRunOutcome& outcome) {
  if (const auto& fault = outcome.run.fault) {
    return fmt::format("{}{} at {}: {}", fault->is_limit ? "limit: " : "", fault->kind,
                       fault->pc_symbol.empty() ? fmt::format("{:#010x}", fault->pc) : fault->pc_symbol, fault->detail);
  }
  return fmt::format("the run harness exited with status {}", outcome.run.exit_status.value_or(-1));
}

}  // namespace

json point_params(const Target& target, const std::string& model, const std::string& variant) {
  const TimingSettings timing = timing_settings(target);
  json params;
  params["target"] = target.name;
  params["model"] = model;
  params["variant"] = variant;
  const double mhz = timing.clock_mhz;
  params["clock_mhz"] = std::floor(mhz) == mhz ? json(static_cast<std::int64_t>(mhz)) : json(mhz);
  params["wait_states"] = timing.wait_states;
  params["prefetch"] = timing.prefetch;
  params["cache"] = timing.cache;
  return params;
}

json ran_point(std::uint64_t index, json params, const ModelRunOutcome& outcome, const std::optional<Budget>& budget) {
  const ModelRunFacts& facts = outcome.facts;
  if (!outcome.profile) {
    json point = empty_point(index, std::move(params), "faulted", fault_text(outcome));
    point["flash_bytes"] = facts.flash.total_bytes;
    point["ram_bytes"] = facts.ram_bytes;
    point["arena_bytes"] = facts.arena_bytes;
    return point;
  }
  const profiler::ModelProfile& profile = *outcome.profile;
  json point = empty_point(index, std::move(params), "ok", nullptr);
  // The numbers a budget judges (reports/model_report.hpp): the worst
  // inference's cycles, latency and energy; planned arena, stack high-water.
  auto measured = [&](const char* key) {
    return number_or_null(measured_for_budget(key, outcome.run, profile, facts));
  };
  for (const char* key : {"cycles", "latency_us", "energy_uj", "flash_bytes", "ram_bytes", "arena_bytes", "stack_bytes"}) {
    point[key] = measured(key);
  }
  json layers = json::array();
  for (const profiler::LayerProfile& layer : profile.layers) {
    // The layer's worst inference, as the point's cycles are the worst inference's.
    const std::uint64_t cycles = std::max(layer.cold_cycles, layer.warm.count > 0 ? layer.warm.max : 0);
    layers.push_back({{"name", layer.info.name}, {"op", layer.info.op}, {"cycles", cycles}});
  }
  point["layers"] = std::move(layers);
  if (budget) {
    point["meets_budget"] = std::ranges::all_of(facts.budgets, [](const BudgetVerdict& v) { return v.pass; });
  }
  return point;
}

json error_point(std::uint64_t index, json params, const Error& error) {
  const std::string message =
      error.advice().empty() ? std::string(error.what()) : fmt::format("{} ({})", error.what(), error.advice());
  return empty_point(index, std::move(params), "error", message);
}

json budget_json(const Budget& budget) {
  json limits = json::object();
  for (const BudgetLimit& limit : budget.limits) limits[limit.name] = number_or_null(limit.limit);
  return limits;
}

}  // namespace mcusim::cli::sweep
