// reports/budget.hpp — budgets: the one TOML format DESIGN.md fixes for
// workload folders, `check` and `sweep`, and the verdict of a run against them.
//
//   latency_us = 100        # judged on the worst inference measured
//   flash_bytes = 102_400
//   ram_bytes = 16_384
//
// Keys (each optional): latency_us, cycles, arena_bytes, stack_bytes,
// ram_bytes, flash_bytes, energy_uj. A budget is met when value <= limit.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim {

struct BudgetLimit {
  std::string name;  // the key, e.g. "latency_us"
  double limit = 0;
};

struct Budget {
  std::filesystem::path file;  // where it was read from; empty when built in code
  std::vector<BudgetLimit> limits;  // in the canonical key order above
};

// The keys a budget may hold, in canonical order.
std::span<const std::string_view> budget_keys() noexcept;

// Throws Error(BadInput) with file:line:column for an unknown key (with the
// closest known one), a value that is not a non-negative number, or bad TOML.
Budget load_budget(const std::filesystem::path& file);
Budget parse_budget(std::string_view toml_text, const std::filesystem::path& file);

struct BudgetVerdict {
  std::string name;
  double limit = 0;
  std::optional<double> value;  // absent: the run did not measure it
  bool pass = false;            // value present and <= limit
  // limit - value: how much room is left (negative: by how much it failed).
  std::optional<double> margin() const {
    return value ? std::optional<double>(limit - *value) : std::nullopt;
  }
};

// Judges each limit against `measured(name)`. A budget on a quantity the run
// did not measure (e.g. energy on a target without power figures) fails, with
// the value absent: a gate must not pass on a number nobody measured.
template <typename Measure>
std::vector<BudgetVerdict> judge(const Budget& budget, Measure&& measured) {
  std::vector<BudgetVerdict> verdicts;
  for (const BudgetLimit& limit : budget.limits) {
    BudgetVerdict verdict{limit.name, limit.limit, measured(limit.name), false};
    verdict.pass = verdict.value && *verdict.value <= limit.limit;
    verdicts.push_back(std::move(verdict));
  }
  return verdicts;
}

}  // namespace mcusim
