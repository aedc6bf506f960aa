// tools/mcusim/sweep/sweep_runner.cpp — see sweep_runner.hpp.
#include "tools/mcusim/sweep/sweep_runner.hpp"

#include "sim/error.hpp"
#include "tools/mcusim/sweep/firmware_cache.hpp"
#include "tools/mcusim/sweep/point_result.hpp"
#include "tools/mcusim/timing_override.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace mcusim::cli::sweep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What a point runs: the values of its axes, the shared options for the rest.
struct PointChoice {
  std::string workload;  // one of workload / model is set (or neither: the default workload)
  std::string model;
  std::string target;
  std::string variant;
  TimingOverride timing;

  // The model and target it loads: points sharing it share one preparation.
  std::string prepare_key() const { return fmt::format("{}\n{}\n{}", workload, model, target); }
  std::string label(const ModelRunRequest& request) const {
    return request.workload.empty() ? request.model_file.string() : request.workload;
  }
};

PointChoice choice_of(const GridPoint& point, const ModelRunCliOptions& base) {
  PointChoice choice{base.workload, base.model, base.target, base.variant, {}};
  auto text = [&](const char* axis, std::string& into) {
    if (const json* value = point.find(axis)) into = value->get<std::string>();
  };
  text("target", choice.target);
  text("variant", choice.variant);
  if (const json* value = point.find("workload")) {
    choice.workload = value->get<std::string>();
    choice.model.clear();
  }
  if (const json* value = point.find("model")) {
    choice.model = value->get<std::string>();
    choice.workload.clear();
  }
  if (const json* value = point.find("clock_mhz")) choice.timing.clock_mhz = value->get<double>();
  if (const json* value = point.find("wait_states")) choice.timing.wait_states = value->get<std::uint32_t>();
  if (const json* value = point.find("prefetch")) choice.timing.prefetch = value->get<bool>();
  if (const json* value = point.find("cache")) choice.timing.cache = value->get<bool>();
  return choice;
}

// The firmware's identity: what the build reads of the target (its core and
// memory map) and of the request. Timing is not part of it.
std::string firmware_key(const Target& target, const std::string& variant, const PointChoice& choice) {
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}", target.name, core_name(target.core), variant, choice.workload,
                                choice.model, target.file.string());
  for (const MemoryRegion& region : target.regions) {
    key += fmt::format("|{}:{}:{}:{}", region.name, region.base, region.size, static_cast<int>(region.kind));
  }
  return key;
}

}  // namespace

SweepRun run_sweep(const Grid& grid, std::span<const std::uint64_t> indices, const SweepRunOptions& options) {
  // Every model and target loaded up front, in point order (exit 2 names the first bad one).
  std::vector<PointChoice> choices;
  std::map<std::string, PreparedModelRun> prepared;
  for (const std::uint64_t index : indices) {
    PointChoice choice = choice_of(grid_point(grid, index), options.run);
    if (!prepared.contains(choice.prepare_key())) {
      ModelRunCliOptions cli = options.run;
      cli.workload = choice.workload;
      cli.model = choice.model;
      cli.target = choice.target;
      prepared.emplace(choice.prepare_key(), prepare_model_run(cli, nullptr));
    }
    choices.push_back(std::move(choice));
  }

  SweepRun run;
  run.budget = nullptr;
  if (!prepared.empty()) {
    const auto& first = prepared.begin()->second.request.budget;
    const bool shared = std::ranges::all_of(prepared, [&](const auto& entry) {
      const auto& budget = entry.second.request.budget;
      return budget.has_value() == first.has_value() && (!budget || budget_json(*budget) == budget_json(*first));
    });
    if (shared && first) run.budget = budget_json(*first);
  }

  FirmwareCache cache(options.work_dir);
  std::vector<json> results(indices.size());
  std::atomic<std::size_t> next{0};
  std::mutex report_mutex;
  std::exception_ptr failure;
  std::atomic<bool> stop{false};

  auto run_point = [&](std::size_t slot) {
    const std::uint64_t index = indices[slot];
    const PointChoice& choice = choices[slot];
    const PreparedModelRun& prep = prepared.at(choice.prepare_key());
    Target target = prep.target;
    ModelRunRequest request = prep.request;
    request.variant = choice.variant;
    request.limits.console = nullptr;  // guest output of many threads would interleave
    const std::string label = choice.label(request);
    // Until the point's settings are known to work: the values asked for.
    json params = point_params(target, label, choice.variant);
    for (const auto& [axis, value] : grid_point(grid, index).values) {
      if (params.contains(axis)) params[axis] = value;
    }
    try {
      apply_timing(target, choice.timing);
      const std::string variant = resolve_variant(choice.variant, target.core);
      params = point_params(target, label, variant);
      const std::string key = options.reuse ? firmware_key(target, variant, choice) : fmt::format("point {}", index);
      const auto firmware = cache.get(key, [&](const fs::path& dir) {
        ModelRunRequest build = request;
        build.work_dir = dir;
        return build_model_firmware(target, build);
      });
      const ModelRunOutcome outcome = run_model(target, request, *firmware);
      return ran_point(index, std::move(params), outcome, request.budget);
    } catch (const Error& error) {
      return error_point(index, std::move(params), error);
    }
  };

  auto worker = [&] {
    for (std::size_t slot; !stop && (slot = next++) < indices.size();) {
      try {
        results[slot] = run_point(slot);
      } catch (...) {  // not the point's fault: an internal error ends the sweep
        const std::lock_guard lock(report_mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        return;
      }
      if (options.on_point_done) {
        const std::lock_guard lock(report_mutex);
        options.on_point_done(results[slot]);
      }
    }
  };
  const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(indices.size())));
  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::jthread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  }
  if (failure) std::rethrow_exception(failure);
  run.points = std::move(results);
  run.firmware_builds = cache.builds();
  return run;
}

}  // namespace mcusim::cli::sweep
