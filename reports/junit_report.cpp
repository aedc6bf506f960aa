// reports/junit_report.cpp — see junit_report.hpp. The element and attribute
// names are those of the JUnit XML that Jenkins, GitLab and GitHub reporters
// read (testsuites > testsuite > testcase > failure | error).
#include "reports/junit_report.hpp"

#include "reports/xml_text.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

std::string failure_message(const CheckRow& row) {
  if (!row.value) return fmt::format("{} was not measured by this run (limit {})", row.name, format_number(row.limit));
  if (row.kind == "baseline") {
    return fmt::format("{} = {} exceeds the baseline {} plus tolerance ({}) by {}", row.name, format_number(*row.value),
                       row.baseline ? format_number(*row.baseline) : "—", format_number(row.limit),
                       format_number(-*row.margin()));
  }
  return fmt::format("{} = {} exceeds the limit {} by {}", row.name, format_number(*row.value),
                     format_number(row.limit), format_number(-*row.margin()));
}

}  // namespace

std::string junit_report(const Report& report) {
  const Verdict verdict = report_verdict(report);
  const auto rows = check_rows(report);
  const bool errored = verdict.outcome == Outcome::Faulted || verdict.outcome == Outcome::ExitedNonZero;
  const std::string suite = fmt::format("mcusim {}", report_title(report));
  const std::string classname = fmt::format(
      "mcusim.{}.{}",
      report.contains("workload") && report["workload"].is_string() ? report["workload"].get<std::string>()
                                                                     : report.value("command", std::string("run")),
      report.value("target", std::string("target")));
  const std::size_t tests = rows.size() + (errored || rows.empty() ? 1 : 0);
  const std::size_t failures = verdict.failed;
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format("<testsuites name=\"mcusim\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", tests, failures,
                     errored ? 1 : 0);
  xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">\n",
                     xml_escaped(suite), tests, failures, errored ? 1 : 0);
  if (errored || rows.empty()) {
    xml += fmt::format("    <testcase classname=\"{}\" name=\"run\">\n", xml_escaped(classname));
    if (errored) {
      xml += fmt::format("      <error type=\"{}\" message=\"{}\"/>\n",
                         verdict.outcome == Outcome::Faulted ? "guest-fault" : "exit-status",
                         xml_escaped(verdict.headline));
    }
    xml += "    </testcase>\n";
  }
  for (const CheckRow& row : rows) {
    const std::string name = row.kind == "baseline" ? row.name + " vs baseline" : row.name;
    xml += fmt::format("    <testcase classname=\"{}.{}\" name=\"{}\">\n", xml_escaped(classname),
                       row.kind == "baseline" ? "baseline" : "budgets", xml_escaped(name));
    if (!row.pass) {
      const std::string value = row.value ? format_number(*row.value) : "not measured";
      const std::string margin = row.margin() ? format_signed(*row.margin()) : "—";
      xml += fmt::format("      <failure type=\"{}\" message=\"{}\">value: {}\nlimit: {}\nmargin: {}</failure>\n",
                         row.kind, xml_escaped(failure_message(row)), value, format_number(row.limit), margin);
    }
    xml += "    </testcase>\n";
  }
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace mcusim
