// reports/budget.cpp — see budget.hpp.
#include "reports/budget.hpp"

#include "sim/error.hpp"
#include "sim/target/toml_fields.hpp"

#include <toml++/toml.h>

#include <array>
#include <fstream>
#include <sstream>

namespace mcusim {
namespace {

constexpr std::array<std::string_view, 7> kKeys = {"latency_us",  "cycles",      "arena_bytes",
                                                   "stack_bytes", "ram_bytes",   "flash_bytes",
                                                   "energy_uj"};
constexpr std::array<KeySpec, 7> kKeySpecs = {{
    {"latency_us", "latency_us = 100"},
    {"cycles", "cycles = 4_800"},
    {"arena_bytes", "arena_bytes = 8_192"},
    {"stack_bytes", "stack_bytes = 1_024"},
    {"ram_bytes", "ram_bytes = 16_384"},
    {"flash_bytes", "flash_bytes = 102_400"},
    {"energy_uj", "energy_uj = 5.0"},
}};

}  // namespace

std::span<const std::string_view> budget_keys() noexcept { return kKeys; }

Budget parse_budget(std::string_view toml_text, const std::filesystem::path& file) {
  TomlFields fields(file);
  toml::table table;
  try {
    table = toml::parse(toml_text, file.string());
  } catch (const toml::parse_error& error) {
    fields.fail(error.source(), "fix the TOML syntax at that spot (see docs/budgets.md)",
                std::string(error.description()));
  }
  fields.check_keys(table, kKeySpecs, "in the budget");
  Budget budget;
  budget.file = file;
  for (const KeySpec& spec : kKeySpecs) {
    const toml::node* node = table.get(spec.key);
    if (!node) continue;
    std::optional<double> value;
    if (const auto* integer = node->as_integer()) value = static_cast<double>(integer->get());
    if (const auto* real = node->as_floating_point()) value = real->get();
    if (!value || !(*value >= 0) || *value > 1e18) {
      fields.fail(node->source(), fmt::format("write it as a number, e.g. `{}`", spec.example),
                  fmt::format("budget `{}` must be a non-negative number", spec.key));
    }
    budget.limits.push_back({std::string(spec.key), *value});
  }
  return budget;
}

Budget load_budget(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw_bad_input("check the path; a budget is a TOML file such as workloads/touch/budget.toml",
                    "cannot read budget file {}", file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_budget(text.str(), file);
}

}  // namespace mcusim
