// tools/mcusim/sweep/grid.hpp — the grid of `mcusim sweep`: axes (a parameter
// and its values) given as flags (--clock-mhz 24,48) or a TOML file (--grid),
// and the points they span. Point i is found like a number in mixed radix:
// the axes in the order given, the last one varying fastest, so
//
//   --target touch-m0 --clock-mhz 24,48 --wait-states 0,1
//   -> 0: (24, 0)  1: (24, 1)  2: (48, 0)  3: (48, 1)
//
// whatever -j or --shard, and the same order in every output (docs/sweep.md).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcusim::cli::sweep {

// The axes a grid may have, by their TOML / JSON name; the flag is the name
// with '-' for '_' (clock_mhz -> --clock-mhz).
std::span<const std::string_view> axis_names() noexcept;
std::string flag_of(std::string_view axis);

struct Axis {
  std::string name;                    // one of axis_names()
  std::vector<nlohmann::json> values;  // strings (target, workload, model, variant), numbers, booleans
};

struct Grid {
  std::vector<Axis> axes;  // in the order given; the last varies fastest

  // Points the axes span (1 for no axis: the single default run); saturates
  // at UINT64_MAX rather than wrapping.
  std::uint64_t size() const noexcept;
  const Axis* find(std::string_view name) const noexcept;
};

// One point: each axis's value, in axis order.
struct GridPoint {
  std::uint64_t index = 0;
  std::vector<std::pair<std::string, nlohmann::json>> values;

  const nlohmann::json* find(std::string_view axis) const noexcept;
};

// Point `index` (< grid.size()) of the grid.
GridPoint grid_point(const Grid& grid, std::uint64_t index);

// An axis from a flag's comma-separated texts ("24", "48"). Throws
// mcusim::Error (Usage, exit 2) naming the flag and the bad value: a clock of
// 0, a wait state count above 15, "maybe" for on/off, a variant not in ref,
// m0, m4, auto, a value given twice.
Axis parse_axis(std::string_view name, std::span<const std::string> texts);

// A grid file: one key per axis, a value or an array of values, e.g.
//   target = ["touch-m0", "generic-m0"]
//   clock_mhz = [24, 48]
//   prefetch = [true, false]
// Axes in the order the keys are written. Throws mcusim::Error (BadInput)
// with file:line:column for bad TOML, an unknown key (with the closest known
// one) or a bad value.
Grid load_grid_file(const std::filesystem::path& file);
Grid parse_grid(std::string_view toml_text, const std::filesystem::path& file);

// What is wrong with `value` for `axis`, or nullopt.
std::optional<std::string> axis_value_problem(std::string_view axis, const nlohmann::json& value);

// [{"name": ..., "values": [...]}, ...] in axis order: sweep.json's "axes".
nlohmann::json axes_json(const Grid& grid);
Grid grid_from_json(const nlohmann::json& axes);

}  // namespace mcusim::cli::sweep
