// fuzz/fuzz_baseline_json.cpp — report JSON read back (reports/report_checks.cpp,
// reports/report_view.cpp), as `mcusim check --baseline OLD.json` and
// `mcusim check --from-report R.json` read it: parse and schema check, then
// every quantity a budget or a baseline comparison looks up, the check rows,
// the verdict and the title the check table prints. A report that passes
// parse_report may still hold any JSON value anywhere: each reader must cope.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "reports/budget.hpp"
#include "reports/report_checks.hpp"
#include "reports/report_view.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mcusim::fuzz::expect_only_mcusim_errors([&] {
    mcusim::Report report = mcusim::parse_report(mcusim::fuzz::text_of(data, size), "fuzz-report.json");
    mcusim::Budget budget;
    for (const std::string_view key : mcusim::budget_keys()) {
      (void)mcusim::report_quantity(report, key);
      budget.limits.push_back({std::string(key), 1.0});
    }
    report["command"] = "check";
    report["budgets"] = mcusim::judge_report(report, budget);
    report["baseline"] = mcusim::compare_with_baseline(report, report, 2.0, "fuzz-report.json");
    (void)mcusim::check_rows(report);
    (void)mcusim::report_verdict(report);
    (void)mcusim::report_title(report);
  });
  return 0;
}
