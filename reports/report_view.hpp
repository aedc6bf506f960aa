// reports/report_view.hpp — what every human-facing writer (Markdown, HTML,
// JUnit, trace) reads off a finished report JSON (mcusim.report/1): the title,
// the checks (budgets and baseline comparisons) and the overall verdict, and
// numbers formatted the same way in every format. Writers only read the JSON:
// it is the source of truth (DESIGN.md), so `mcusim check --from-report` and
// `--report DIR` render a stored report exactly as a fresh one.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mcusim {

using Report = nlohmann::ordered_json;

// One line of the gate: a budget (budgets[]) or a baseline comparison
// (baseline.comparisons[]).
struct CheckRow {
  std::string kind;  // "budget" or "baseline"
  std::string name;  // the quantity, e.g. "latency_us"
  double limit = 0;
  std::optional<double> value;     // absent: not measured
  std::optional<double> baseline;  // baseline rows: the old value
  bool pass = false;
  // limit - value (negative: by how much it failed); absent when not measured.
  std::optional<double> margin() const {
    return value ? std::optional<double>(limit - *value) : std::nullopt;
  }
};

enum class Outcome { Pass, Fail, NoChecks, Faulted, ExitedNonZero };

struct Verdict {
  Outcome outcome = Outcome::NoChecks;
  std::size_t checks = 0;
  std::size_t failed = 0;
  std::string word;      // "PASS", "FAIL", "NO BUDGET", "FAULTED", "EXIT N"
  std::string headline;  // one sentence, e.g. "FAIL: 1 of 3 checks failed (latency_us)"
};

std::vector<CheckRow> check_rows(const Report& report);
Verdict report_verdict(const Report& report);

// "touch on touch-m0 (cortex-m0, 48 MHz, variant m0)" or "prog.elf on generic-m0 (...)".
std::string report_title(const Report& report);

// Numbers as people read them: integers grouped ("8,889"), fractions with up
// to three decimals and no trailing zeros ("185.646", "7.5"); null as "—".
std::string format_number(const Report& value);
std::string format_number(double value);
// A signed margin or change: "+14.354", "-85.646".
std::string format_signed(double value);

// The value at `key` when it is a number, else nullopt (absent or null).
std::optional<double> number_at(const Report& object, const char* key);

// The clock in MHz as text ("48", "120", "4.194").
std::string clock_mhz(const Report& report);

// The cycles one inference takes at worst (model runs) or the whole run (exec).
std::optional<double> worst_cycles(const Report& report);

}  // namespace mcusim
