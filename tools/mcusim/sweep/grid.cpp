// tools/mcusim/sweep/grid.cpp — see grid.hpp.
#include "tools/mcusim/sweep/grid.hpp"

#include "sim/error.hpp"
#include "sim/target/spelling.hpp"
#include "sim/target/toml_fields.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace mcusim::cli::sweep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::array<std::string_view, 8> kAxisNames{
    "target", "workload", "model", "variant", "clock_mhz", "wait_states", "prefetch", "cache"};

// The target loader's bounds: clock_hz 1 .. 1 000 000 000, wait states 0..15 (docs/targets.md).
constexpr double kMaxClockMhz = 1000;
constexpr std::int64_t kMaxWaitStates = 15;

bool is_text_axis(std::string_view axis) {
  return axis == "target" || axis == "workload" || axis == "model" || axis == "variant";
}
bool is_switch_axis(std::string_view axis) { return axis == "prefetch" || axis == "cache"; }

// "on"/"off" (and true/false, 1/0) for the on/off axes.
std::optional<bool> parse_switch(std::string_view text) {
  if (text == "on" || text == "true" || text == "1") return true;
  if (text == "off" || text == "false" || text == "0") return false;
  return std::nullopt;
}

// A number as JSON: an integer when it is one (48, not 48.0), so the points'
// params read as the user wrote them.
json number_json(double value) {
  if (std::floor(value) == value && std::abs(value) < 9e15) return static_cast<std::int64_t>(value);
  return value;
}

std::string value_text(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

std::string value_advice(std::string_view axis) {
  if (axis == "clock_mhz") return "give the core clock in MHz, above 0 and at most 1000, e.g. 24,48";
  if (axis == "wait_states") return "give flash wait states as integers 0..15, e.g. 0,1,2";
  if (is_switch_axis(axis)) return "give on or off (true or false in a grid file)";
  if (axis == "variant") return "use ref, m0, m4 or auto";
  return "give one or more names, separated by commas";
}

}  // namespace

std::span<const std::string_view> axis_names() noexcept { return kAxisNames; }

std::string flag_of(std::string_view axis) {
  std::string flag = "--" + std::string(axis);
  std::ranges::replace(flag, '_', '-');
  return flag;
}

std::uint64_t Grid::size() const noexcept {
  std::uint64_t points = 1;
  for (const Axis& axis : axes) {
    const std::uint64_t n = axis.values.size();
    if (n != 0 && points > std::numeric_limits<std::uint64_t>::max() / n) return std::numeric_limits<std::uint64_t>::max();
    points *= n;
  }
  return points;
}

const Axis* Grid::find(std::string_view name) const noexcept {
  for (const Axis& axis : axes) {
    if (axis.name == name) return &axis;
  }
  return nullptr;
}

const json* GridPoint::find(std::string_view axis) const noexcept {
  for (const auto& [name, value] : values) {
    if (name == axis) return &value;
  }
  return nullptr;
}

GridPoint grid_point(const Grid& grid, std::uint64_t index) {
  GridPoint point;
  point.index = index;
  point.values.resize(grid.axes.size());
  // Mixed radix, last axis the lowest digit.
  std::uint64_t rest = index;
  for (std::size_t a = grid.axes.size(); a-- > 0;) {
    const Axis& axis = grid.axes[a];
    const std::uint64_t n = axis.values.size();
    point.values[a] = {axis.name, axis.values[static_cast<std::size_t>(rest % n)]};
    rest /= n;
  }
  return point;
}

std::optional<std::string> axis_value_problem(std::string_view axis, const json& value) {
  if (std::ranges::find(kAxisNames, axis) == kAxisNames.end()) return fmt::format("unknown axis '{}'", axis);
  if (is_text_axis(axis)) {
    if (!value.is_string() || value.get<std::string>().empty()) return fmt::format("{} {} is not a name", axis, value.dump());
    const auto text = value.get<std::string>();
    if (axis == "variant" && text != "ref" && text != "m0" && text != "m4" && text != "auto") {
      return fmt::format("unknown kernel variant '{}'", text);
    }
    return std::nullopt;
  }
  if (is_switch_axis(axis)) {
    if (!value.is_boolean()) return fmt::format("{} {} is not on or off", axis, value_text(value));
    return std::nullopt;
  }
  if (axis == "clock_mhz") {
    if (!value.is_number()) return fmt::format("clock_mhz {} is not a number", value_text(value));
    const double mhz = value.get<double>();
    if (!(mhz > 0)) return fmt::format("clock_mhz {} is not above 0", value.dump());
    if (mhz > kMaxClockMhz) return fmt::format("clock_mhz {} is above {} MHz", value.dump(), kMaxClockMhz);
    return std::nullopt;
  }
  // wait_states
  if (!value.is_number_integer()) return fmt::format("wait_states {} is not an integer", value_text(value));
  const auto ws = value.get<std::int64_t>();
  if (ws < 0 || ws > kMaxWaitStates) return fmt::format("wait_states {} is not in 0..{}", ws, kMaxWaitStates);
  return std::nullopt;
}

Axis parse_axis(std::string_view name, std::span<const std::string> texts) {
  Axis axis{std::string(name), {}};
  const std::string flag = flag_of(name);
  for (const std::string& text : texts) {
    json value;
    if (is_text_axis(name)) {
      value = text;
    } else if (is_switch_axis(name)) {
      const auto on = parse_switch(text);
      value = on ? json(*on) : json(text);
    } else {
      double number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      value = error == std::errc() && end == text.data() + text.size() && std::isfinite(number) ? number_json(number) : json(text);
    }
    if (const auto problem = axis_value_problem(name, value)) {
      throw Error(ErrorKind::Usage, fmt::format("{} {}: {}", flag, text, *problem), value_advice(name));
    }
    if (std::ranges::find(axis.values, value) != axis.values.end()) {
      throw Error(ErrorKind::Usage, fmt::format("{} gives {} twice", flag, text),
                  "give each value once: a repeated value would repeat every point it spans");
    }
    axis.values.push_back(std::move(value));
  }
  if (axis.values.empty()) {
    throw Error(ErrorKind::Usage, fmt::format("{} has no values", flag), value_advice(name));
  }
  return axis;
}

Grid parse_grid(std::string_view toml_text, const fs::path& file) {
  toml::table table;
  try {
    table = toml::parse(toml_text, file.string());
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    throw_bad_input("fix the TOML syntax there (docs/sweep.md shows a grid file)", "{}:{}:{}: {}", file.string(),
                    at.line, at.column, error.description());
  }
  const TomlFields fields(file);
  std::vector<KeySpec> known;
  for (std::string_view name : kAxisNames) known.push_back({name, "clock_mhz = [24, 48]"});
  fields.check_keys(table, known, "in a sweep grid");

  // toml++ iterates by name: put the axes back in the order they were written.
  std::vector<std::pair<toml::source_position, std::string>> order;
  for (auto&& [key, node] : table) order.emplace_back(key.source().begin, std::string(key.str()));
  std::ranges::sort(order, [](const auto& a, const auto& b) {
    return std::pair(a.first.line, a.first.column) < std::pair(b.first.line, b.first.column);
  });

  Grid grid;
  for (const auto& entry : order) {
    // A plain reference, not a structured binding: clang-14 (the fuzz build)
    // cannot capture a structured binding in the lambda below.
    const std::string& name = entry.second;
    const toml::node& node = *table.get(name);
    Axis axis{name, {}};
    auto add = [&](const toml::node& item) {
      json value;
      if (const auto* s = item.as_string()) {
        const auto on = is_switch_axis(name) ? parse_switch(s->get()) : std::nullopt;
        value = on ? json(*on) : json(s->get());
      } else if (const auto* i = item.as_integer()) {
        value = i->get();
      } else if (const auto* f = item.as_floating_point()) {
        value = number_json(f->get());
      } else if (const auto* b = item.as_boolean()) {
        value = b->get();
      } else {
        fields.fail(item.source(), value_advice(name),
                    fmt::format("{} takes values, not {}", name, toml_type_name(item.type())));
      }
      if (const auto problem = axis_value_problem(name, value)) fields.fail(item.source(), value_advice(name), *problem);
      if (std::ranges::find(axis.values, value) != axis.values.end()) {
        fields.fail(item.source(), "give each value once", fmt::format("{} gives {} twice", name, value_text(value)));
      }
      axis.values.push_back(std::move(value));
    };
    if (const auto* array = node.as_array()) {
      for (const toml::node& item : *array) add(item);
      if (axis.values.empty()) fields.fail(node.source(), value_advice(name), fmt::format("{} has no values", name));
    } else {
      add(node);
    }
    grid.axes.push_back(std::move(axis));
  }
  return grid;
}

Grid load_grid_file(const fs::path& file) {
  std::FILE* in = std::fopen(file.c_str(), "rb");
  if (in == nullptr) {
    throw_bad_input("give --grid a TOML file with one key per axis (docs/sweep.md)", "cannot read grid file {}",
                    file.string());
  }
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;) text.append(buffer, n);
  std::fclose(in);
  return parse_grid(text, file);
}

json axes_json(const Grid& grid) {
  json axes = json::array();
  for (const Axis& axis : grid.axes) axes.push_back({{"name", axis.name}, {"values", axis.values}});
  return axes;
}

Grid grid_from_json(const json& axes) {
  Grid grid;
  for (const json& axis : axes) {
    grid.axes.push_back({axis.at("name").get<std::string>(), axis.at("values").get<std::vector<json>>()});
  }
  return grid;
}

}  // namespace mcusim::cli::sweep
