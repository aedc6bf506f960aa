// Real reports (exec, a faulted exec, run on several workloads and targets,
// --profile runs, check with a baseline) validated against the shipped JSON Schema
// (reports/schema/mcusim.report-1.schema.json) by a real validator, Debian's
// python3-jsonschema; skips with a message where it is not installed.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, where python3-jsonschema installs
constexpr int kValidatorMissing = 77;

struct Case {
  std::string name;
  std::vector<std::string> args;
  int max_exit = 1;
};

TEST(ReportSchema, RealReportsOfEveryCommandValidate) {
  if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " not installed";
  const fs::path dir = fs::temp_directory_path() / ("mcusim_report_schema_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<Case> cases = {
      {"exec_m0", {"exec", "--json", "--target", "generic-m0", guest_elf("demo_m0").string()}},
      {"exec_m4", {"exec", "--json", "--target", "generic-m4", guest_elf("demo_m4").string()}},
      {"exec_limit",
       {"exec", "--json", "--max-cycles", "5000", "--target", "generic-m0", guest_elf("fault_infinite_loop").string()},
       3},
      {"run_touch", {"run", "--json", "--inferences", "2"}},
      {"run_sine_m4", {"run", "--json", "--workload", "sine", "--target", "generic-m4", "--inferences", "1"}},
      {"run_anomaly", {"run", "--json", "--workload", "anomaly-ae", "--inferences", "0"}},
      {"run_ref", {"run", "--json", "--workload", "touch", "--variant", "ref", "--inferences", "0"}},
      {"run_profile", {"run", "--json", "--profile", "--workload", "sine", "--inferences", "1"}},
      {"exec_profile", {"exec", "--json", "--profile", "--target", "generic-m4", guest_elf("demo_m4").string()}},
  };
  std::vector<std::string> files;
  for (const Case& c : cases) {
    const CommandResult result = run_mcusim(c.args);
    ASSERT_LE(result.exit_code, c.max_exit) << c.name << ": " << result.err;
    const fs::path file = dir / (c.name + ".json");
    std::ofstream(file) << result.out;
    files.push_back(file.string());
  }
  // check, against the touch run as its own baseline, judged from the report.
  const CommandResult check = run_mcusim({"check", "--json", "--from-report", files[3], "--baseline", files[3],
                                          "--tolerance", "2%", "--latency-us", "1000"});
  ASSERT_LE(check.exit_code, 1) << check.err;
  std::ofstream(dir / "check.json") << check.out;
  files.push_back((dir / "check.json").string());

  std::vector<std::string> args = {source_path("tests/reports/validate_report.py").string(),
                                   source_path("reports/schema/mcusim.report-1.schema.json").string()};
  args.insert(args.end(), files.begin(), files.end());
  const CommandResult validation = run_program(kPython, args);
  fs::remove_all(dir);
  if (validation.exit_code == kValidatorMissing) GTEST_SKIP() << "python3-jsonschema not installed (tools/deps.txt)";
  EXPECT_EQ(validation.exit_code, 0) << validation.out << validation.err;
}

TEST(ReportSchema, TheValidatorRejectsABrokenReport) {
  // The negative control: a report missing `cycles` and with a string clock.
  if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " not installed";
  const fs::path file = fs::temp_directory_path() / ("mcusim_report_schema_bad_" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << R"({"schema": "mcusim.report/1", "command": "exec", "target": "t", "core": "cortex-m0",
      "clock_hz": "fast", "status": "exited", "instructions": 1, "latency_us": 1, "exit_status": 0,
      "fault": null, "toolchain": {"elf_producer": null}, "energy_uj": null})";
  const CommandResult validation =
      run_program(kPython, {source_path("tests/reports/validate_report.py").string(),
                            source_path("reports/schema/mcusim.report-1.schema.json").string(), file.string()});
  fs::remove(file);
  if (validation.exit_code == kValidatorMissing) GTEST_SKIP() << "python3-jsonschema not installed (tools/deps.txt)";
  EXPECT_EQ(validation.exit_code, 1) << validation.out << validation.err;
  EXPECT_NE(validation.out.find("/clock_hz"), std::string::npos) << validation.out;
  EXPECT_NE(validation.out.find("'cycles' is a required property"), std::string::npos) << validation.out;
}

}  // namespace
}  // namespace mcusim::test
