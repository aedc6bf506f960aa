// tools/mcusim/sweep/sweep_output.hpp — the outputs of a sweep, all derived
// from one document, sweep.json (schema mcusim.sweep/1, docs/sweep.md):
//
//   sweep.json  the source of truth: axes, every point's params and numbers,
//               the budget, the cheapest point meeting it, the shard
//   sweep.csv   one row per point, for spreadsheets and pandas
//   sweep.md    the table the terminal prints
//
// Nothing in it depends on the host (no times, no paths of temporary
// folders), so -j1 and -j8, or shards merged, give the same bytes.
#pragma once

#include "tools/mcusim/sweep/grid.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mcusim::cli::sweep {

inline constexpr const char* kSweepSchema = "mcusim.sweep/1";

struct ShardSpec {
  std::uint64_t k = 1;  // 1-based: 1..n
  std::uint64_t n = 1;
};

// The cheapest point that meets the budget: the lowest energy_uj per
// inference (a point without energy counts above any with it), then the
// lowest clock_mhz, then the lowest index. nullopt when none meets it.
std::optional<std::uint64_t> cheapest_point(const nlohmann::json& points);

// The whole document. `settings`: what every point shared (inferences,
// weights placement, ...), compared by --merge.
nlohmann::json sweep_document(const Grid& grid, std::vector<nlohmann::json> points, nlohmann::json budget,
                              nlohmann::json settings, const std::optional<ShardSpec>& shard);

// Keys sorted, two-space indentation, a trailing newline.
std::string sweep_json_text(const nlohmann::json& sweep);
std::string sweep_csv(const nlohmann::json& sweep);
std::string sweep_markdown(const nlohmann::json& sweep);

// (file name, contents): sweep.json, sweep.csv, sweep.md, then the plots
// (latency_vs_clock.svg, cycles_by_layer.svg, energy_vs_clock.svg) and
// sweep.html of reports/sweep_plots.hpp.
std::vector<std::pair<std::string, std::string>> sweep_files(const nlohmann::json& sweep);

// Writes sweep_files() into DIR all at once (reports/report_dir.hpp's swap):
// DIR is replaced only when it is empty or an earlier sweep's.
void write_sweep_dir(const std::filesystem::path& dir, const nlohmann::json& sweep);

}  // namespace mcusim::cli::sweep
