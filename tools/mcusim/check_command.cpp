// `mcusim check [run options | --from-report FILE] [--budget FILE]
// [--latency-us X] [--cycles N] [--arena-bytes N] [--stack-bytes-limit N]
// [--ram-bytes N] [--flash-bytes N] [--energy-uj X] [--baseline OLD.json
// [--tolerance 2%]] [--report DIR] [--json]`: the CI gate (DESIGN.md). Runs
// a workload or model on a target (the options of `run`), or reads a finished
// report, judges it against budgets and a baseline, prints which check failed
// and by how much, and exits 0 (all met), 1 (a check failed), 2 (bad input),
// 3 (the guest faulted). docs/check.md.
#include "reports/json_report.hpp"
#include "reports/model_report.hpp"
#include "reports/report_checks.hpp"
#include "reports/report_dir.hpp"
#include "sim/error.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/model_run_cli.hpp"
#include "tools/mcusim/work_dir.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <optional>

namespace mcusim::cli {
namespace {

struct CheckOptions {
  ModelRunCliOptions run;
  std::string from_report;
  std::map<std::string, double> limits;  // budget flags, by budget key
  std::string baseline;
  std::string tolerance = "0%";
  std::string report_dir;
  bool json = false;
};

// The budget flags: one per key of the one budget format (docs/budgets.md).
// `--stack-bytes` already sizes the stack reserve (run's option), so the
// stack budget flag is --stack-peak-bytes.
struct LimitFlag {
  const char* flag;
  const char* key;
  const char* help;
};
constexpr LimitFlag kLimitFlags[] = {
    {"--latency-us", "latency_us", "budget: worst inference latency, µs"},
    {"--cycles", "cycles", "budget: worst inference cycles"},
    {"--arena-bytes", "arena_bytes", "budget: planned arena, bytes"},
    {"--stack-peak-bytes", "stack_bytes", "budget: measured stack depth, bytes"},
    {"--ram-bytes", "ram_bytes", "budget: RAM (data + bss + arena + stack reserve), bytes"},
    {"--flash-bytes", "flash_bytes", "budget: flash image, bytes"},
    {"--energy-uj", "energy_uj", "budget: energy per inference, µJ"},
};

// The budget: the file's (--budget, else the workload's when running one),
// with the flags' limits replacing or adding keys.
std::optional<Budget> budget_of(const CheckOptions& options, const std::optional<Budget>& from_run) {
  std::optional<Budget> budget = from_run;
  if (!options.from_report.empty() && !options.run.budget.empty()) budget = load_budget(options.run.budget);
  if (options.limits.empty()) return budget;
  if (!budget) budget = Budget{};
  for (const std::string_view key : budget_keys()) {
    const auto flag = options.limits.find(std::string(key));
    if (flag == options.limits.end()) continue;
    bool replaced = false;
    for (BudgetLimit& limit : budget->limits) {
      if (limit.name == key) {
        limit.limit = flag->second;
        replaced = true;
      }
    }
    if (!replaced) budget->limits.push_back({std::string(key), flag->second});
  }
  // Keep the canonical key order whatever came from where.
  Budget ordered{budget->file, {}};
  for (const std::string_view key : budget_keys()) {
    for (const BudgetLimit& limit : budget->limits) {
      if (limit.name == key) ordered.limits.push_back(limit);
    }
  }
  return ordered;
}

void print_table(const Report& report) {
  const auto rows = check_rows(report);
  const Verdict verdict = report_verdict(report);
  fmt::print("mcusim check: {}\n", report_title(report));
  if (!rows.empty()) {
    fmt::print("\n  {:<30} {:>12} {:>14} {:>14} {:>14}  {}\n", "check", "baseline", "limit", "value", "margin",
               "verdict");
    for (const CheckRow& row : rows) {
      fmt::print("  {:<30} {:>12} {:>14} {:>14} {:>14}  {}\n",
                 row.kind == "baseline" ? row.name + " vs baseline" : row.name,
                 row.baseline ? format_number(*row.baseline) : "", format_number(row.limit),
                 row.value ? format_number(*row.value) : "not measured",
                 row.margin() ? format_signed(*row.margin()) : "—", row.pass ? "pass" : "FAIL");
    }
  }
  fmt::print("\n{}\n", verdict.headline);
}

int exit_code_of(const Report& report) {
  switch (report_verdict(report).outcome) {
    case Outcome::Pass: return 0;
    case Outcome::Fail:
    case Outcome::ExitedNonZero: return 1;
    case Outcome::Faulted: return 3;
    case Outcome::NoChecks: return 2;  // refused before running; kept total
  }
  return 2;
}

int check(const CheckOptions& options) {
  if (!options.from_report.empty() && (!options.run.workload.empty() || !options.run.model.empty())) {
    throw Error(ErrorKind::Usage, "--from-report and a workload or model both given",
                "give one: a finished report to judge, or a workload or model to run");
  }
  const double tolerance = parse_tolerance(options.tolerance);
  // Read the baseline before minutes of simulation: a bad one is exit 2 now.
  std::optional<Report> baseline;
  if (!options.baseline.empty()) baseline = load_report(options.baseline);

  Report report;
  std::optional<Budget> run_budget;
  if (!options.from_report.empty()) {
    report = load_report(options.from_report);
  } else {
    PreparedModelRun prepared = prepare_model_run(options.run, stderr);
    run_budget = prepared.request.budget;
    prepared.request.budget.reset();  // judged below, on the report
    WorkDir work(options.run.work_dir);
    prepared.request.work_dir = work.path();
    const ModelRunOutcome outcome = run_model(prepared.target, prepared.request);
    ReportContext context;
    context.command = "check";
    context.elf = options.run.work_dir.empty() ? std::string() : outcome.elf.string();
    report = model_report_json(outcome.run, outcome.profile ? &*outcome.profile : nullptr, outcome.facts, context);
  }
  report["command"] = "check";
  const std::optional<Budget> budget = budget_of(options, run_budget);
  if (!budget && !baseline) {
    throw Error(ErrorKind::Usage, "nothing to check: no budget and no baseline",
                "give --budget FILE, a budget flag such as --latency-us 100, or --baseline OLD.json "
                "(a workload's own budget.toml counts when it has one)");
  }
  report["budgets"] = budget ? judge_report(report, *budget) : Report::array();
  report["baseline"] = baseline ? compare_with_baseline(report, *baseline, tolerance, options.baseline) : Report(nullptr);

  const int code = exit_code_of(report);
  // A faulted run writes its faulted report too (docs/robustness.md).
  if (!options.report_dir.empty()) write_report_dir(options.report_dir, report);
  if (options.json) {
    fmt::print("{}", to_text(report));
  } else {
    print_table(report);
  }
  return code;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "The CI gate: run a workload or model (or read a finished report) and judge it against "
               "budgets and a baseline; exit 0 all met, 1 a check failed");
  add_model_run_options(*cmd, options->run);
  cmd->add_option("--from-report", options->from_report,
                  "judge this finished report JSON (mcusim run --json, DIR/report.json) instead of running");
  for (const LimitFlag& flag : kLimitFlags) {
    const std::string key = flag.key;
    cmd->add_option_function<double>(
           flag.flag, [options, key](double value) { options->limits[key] = value; }, flag.help)
        ->check(CLI::NonNegativeNumber);
  }
  cmd->add_option("--baseline", options->baseline,
                  "an earlier report JSON: fail when cycles, latency, arena, stack, RAM, flash or energy grew "
                  "beyond --tolerance");
  cmd->add_option("--tolerance", options->tolerance, "allowed growth over the baseline, e.g. 2% (default 0%)");
  cmd->add_option("--report", options->report_dir,
                  "write every report format into DIR (JSON, Markdown, JUnit, trace, HTML), all or nothing");
  cmd->add_flag("--json", options->json, "print the report JSON (mcusim.report/1) on stdout");
  return {cmd, [options] { return check(*options); }};
}

}  // namespace mcusim::cli
