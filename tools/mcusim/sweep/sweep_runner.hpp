// tools/mcusim/sweep/sweep_runner.hpp — runs the points of a sweep grid,
// `jobs` at a time on threads, each point a run_model() of its own target.
//
// Before any simulation every point's model and target are loaded (a typo is
// exit 2 before minutes of work). Points that differ only in timing (clock,
// wait states, prefetch, cache) share one firmware, built once by the first
// thread that needs it (FirmwareCache). Results come back in the order of the
// indices asked for, whatever finished first, so the output is the same for
// any -j.
#pragma once

#include "tools/mcusim/model_run_cli.hpp"
#include "tools/mcusim/sweep/grid.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <vector>

namespace mcusim::cli::sweep {

struct SweepRunOptions {
  // What every point shares (inferences, budget, weights placement, stack,
  // limits); its workload, model, target and variant are the values of the
  // axes a grid leaves out.
  ModelRunCliOptions run;
  unsigned jobs = 1;
  // false (--no-reuse): every point builds its own firmware: the benchmark's baseline.
  bool reuse = true;
  std::filesystem::path work_dir;  // must exist; one sub-folder per firmware
  // Called after each point, from the thread that ran it, one call at a time.
  std::function<void(const nlohmann::json& point)> on_point_done;
};

struct SweepRun {
  std::vector<nlohmann::json> points;  // in the order of the indices given
  // The budget every point was judged against: --budget, or the workload's
  // when all points share one; null when there is none or they differ.
  nlohmann::json budget;
  std::size_t firmware_builds = 0;  // firmware images built (re-use: fewer than points)
};

// Throws mcusim::Error (exit 2) for a model or target that cannot be loaded,
// before anything runs. A point whose combination cannot run (a clock above
// the part's maximum, an M4 variant on an M0, a firmware too large for the
// part) comes back with status "error" and the reason; a guest fault or
// limit with status "faulted".
SweepRun run_sweep(const Grid& grid, std::span<const std::uint64_t> indices, const SweepRunOptions& options);

}  // namespace mcusim::cli::sweep
