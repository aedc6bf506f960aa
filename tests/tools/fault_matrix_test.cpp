// tests/tools/fault_matrix_test.cpp — the guest fault matrix of issue #11
// (docs/robustness.md, "Guest faults"): one firmware per fault kind
// (tests/guests/faults/), each run through the real `mcusim exec --report DIR
// --json`. Every one must end with exit 3, the documented message fields on
// stderr (docs/guest-conventions.md: kind and detail, pc with symbol, address
// where one applies, hint), and a report — in DIR and on stdout, the same
// bytes — whose status says the run did not finish and which carries no
// cycle, instruction, latency or energy figure as a result.
// The model-level case runs a user kernel that stores through NULL with
// `mcusim run`.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct FaultCase {
  std::string name;     // test name suffix
  std::string guest;    // build/guests/<guest>.elf
  std::string target;
  std::vector<std::string> extra;  // options before the ELF
  std::string kind;     // "mcusim: guest fault: <kind>: ..."
  std::string pc;       // regex for what follows "pc " on stderr
  std::optional<std::uint32_t> address;  // the fault's data address, when one applies
  std::string status;   // the report's status: "faulted", or "limit" for limits
};

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The stderr line starting with `prefix` after leading blanks, or "".
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.compare(first, prefix.size(), prefix) == 0) return line.substr(first);
  }
  return "";
}

// A faulted or limited report must not present run figures as results
// (issue #11: "a report that says 'faulted' rather than numbers"). Fields
// that describe the image (flash, planned arena) are facts, not results.
void expect_no_result_numbers(const json& report) {
  for (const char* field : {"cycles", "instructions", "sleep_cycles", "latency_us", "energy_uj",
                            "average_power_mw", "energy"}) {
    ASSERT_TRUE(report.contains(field)) << field;
    EXPECT_TRUE(report[field].is_null()) << field << " = " << report[field].dump();
  }
  if (report.contains("inferences")) {
    for (const char* field : {"inferences", "layers", "outputs", "timeline", "duty_cycle", "arena_peak_bytes",
                              "stack_peak_bytes"}) {
      EXPECT_TRUE(report[field].is_null()) << field << " = " << report[field].dump();
    }
    for (const json& budget : report["budgets"]) {
      EXPECT_FALSE(budget["pass"].get<bool>()) << "a faulted run passed budget " << budget.dump();
    }
  }
}

class FaultMatrix : public ::testing::TestWithParam<FaultCase> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mcusim_fault_matrix_" + std::to_string(::getpid()) + "_" + GetParam().name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(FaultMatrix, EndsWithExit3TheMessageFieldsAndAFaultedReport) {
  const FaultCase& c = GetParam();
  const fs::path report_dir = dir_ / "report";
  std::vector<std::string> args{"exec", "--target", c.target, "--json", "--report", report_dir.string()};
  args.insert(args.end(), c.extra.begin(), c.extra.end());
  args.push_back(guest_elf(c.guest).string());
  const CommandResult run = run_mcusim(args);

  EXPECT_EQ(run.exit_code, 3) << run.err;
  // The message (docs/guest-conventions.md, "Faults and limits").
  const std::string first = line_starting(run.err, "mcusim: guest fault: ");
  EXPECT_EQ(first.rfind("mcusim: guest fault: " + c.kind + ": ", 0), 0u) << run.err;
  EXPECT_GT(first.size(), ("mcusim: guest fault: " + c.kind + ": ").size()) << "no detail: " << first;
  const std::string pc = line_starting(run.err, "pc ");
  EXPECT_TRUE(std::regex_search(pc, std::regex("^pc 0x[0-9a-f]{8} " + c.pc))) << "pc line: " << pc << "\n" << run.err;
  const std::string hint = line_starting(run.err, "hint: ");
  EXPECT_GT(hint.size(), std::string("hint: ").size()) << "no hint:\n" << run.err;
  if (c.address) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "address 0x%08x ", *c.address);
    EXPECT_EQ(line_starting(run.err, "address ").rfind(expected, 0), 0u) << run.err;
  }

  // The report: in DIR, the same bytes as --json printed.
  ASSERT_TRUE(fs::exists(report_dir / "report.json")) << "no report written into DIR\n" << run.err;
  const std::string text = read(report_dir / "report.json");
  EXPECT_EQ(text, run.out);
  const json report = json::parse(text);
  EXPECT_EQ(report["status"], c.status);
  ASSERT_TRUE(report["fault"].is_object()) << report.dump(2);
  EXPECT_EQ(report["fault"]["kind"], c.kind);
  EXPECT_EQ(report["fault"]["is_limit"].get<bool>(), c.status == "limit");
  EXPECT_FALSE(report["fault"]["hint"].get<std::string>().empty());
  if (c.address) {
    EXPECT_EQ(report["fault"]["address"], *c.address);
  }
  EXPECT_TRUE(report["exit_status"].is_null());
  expect_no_result_numbers(report);
  // The other formats say so too: JUnit has an error case, Markdown the status.
  EXPECT_NE(read(report_dir / "junit.xml").find("<error"), std::string::npos);
  EXPECT_NE(read(report_dir / "summary.md").find(c.kind), std::string::npos) << read(report_dir / "summary.md");
}

const std::vector<FaultCase> kFaultCases = {
    {"UnmappedRead", "fault_unmapped_read", "generic-m0", {}, "unmapped read", "in read_unmapped", 0x1000'0010u,
     "faulted"},
    {"UnmappedWrite", "fault_unmapped_write", "generic-m0", {}, "unmapped write", "in write_unmapped", 0x1000'0020u,
     "faulted"},
    // The pc is the unmapped branch target itself.
    {"UnmappedFetch", "fault_unmapped_fetch", "generic-m0", {}, "unmapped fetch", "\\(outside the program's code\\)",
     0x1000'0000u, "faulted"},
    {"WriteToFlash", "fault_write_flash", "generic-m0", {}, "write to read-only memory", "in write_flash", 0x0008'0000u,
     "faulted"},
    {"UndefinedInstruction", "fault_undefined_instruction", "generic-m0", {}, "undefined instruction",
     "in execute_sdiv_on_m0", std::nullopt, "faulted"},
    {"UnalignedLdm", "fault_unaligned_ldm", "generic-m4", {}, "unaligned access", "in load_multiple", 0x2000'1002u,
     "faulted"},
    {"UnalignedStrd", "fault_unaligned_strd", "generic-m4", {}, "unaligned access", "in store_pair", 0x2000'1006u,
     "faulted"},
    {"UnalignedLdrd", "fault_unaligned_ldrd", "generic-m4", {}, "unaligned access", "in load_pair", 0x2000'1002u,
     "faulted"},
    // The guard is __StackLimit of generic.ld (4 KiB stack at the top of RAM):
    // SP below it is the overflow, docs/robustness.md.
    {"StackOverflow", "fault_stack_overflow", "generic-m4", {}, "stack overflow", "in recurse_forever", std::nullopt,
     "faulted"},
    {"DivideByZeroWithTrap", "fault_divide_by_zero", "generic-m4", {}, "divide by zero", "in divide", std::nullopt,
     "faulted"},
    // The pc is the bad EXC_RETURN value the handler branched to.
    {"BadExceptionReturn", "fault_bad_exception_return", "generic-m0", {}, "invalid exception return",
     "\\(outside the program's code\\)", std::nullopt, "faulted"},
    {"SemihostingBadPointer", "fault_semihosting_bad_pointer", "generic-m0", {}, "semihosting bad pointer",
     "in print_unmapped_string", 0x1000'0000u, "faulted"},
    {"InfiniteLoop", "fault_infinite_loop", "generic-m0", {"--max-cycles", "100000"}, "cycle limit",
     "in spin_forever", std::nullopt, "limit"},
    {"OutputFlood", "fault_output_flood", "generic-m0", {"--max-output", "4096"}, "output limit", "in print_forever",
     std::nullopt, "limit"},
};

INSTANTIATE_TEST_SUITE_P(EveryKind, FaultMatrix, ::testing::ValuesIn(kFaultCases),
                         [](const ::testing::TestParamInfo<FaultCase>& param_info) { return param_info.param.name; });

// The flood is cut exactly at the cap: 64 lines of 64 bytes, then the run stops.
TEST(FaultMatrixOutput, OutputFloodPrintsExactlyTheCapThenStops) {
  const CommandResult run =
      run_mcusim({"exec", "--target", "generic-m0", "--max-output", "4096", guest_elf("fault_output_flood").string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  const std::string line = "output flood: this line repeats until the console cap stops it.\n";
  ASSERT_EQ(line.size(), 64u);
  std::string expected;
  for (int i = 0; i < 64; ++i) expected += line;
  EXPECT_EQ(run.out.substr(0, expected.size()), expected);
  EXPECT_EQ(run.out.find("output flood", expected.size()), std::string::npos) << "printed past the cap";
  EXPECT_NE(run.err.find("the guest printed more than 4096 bytes"), std::string::npos) << run.err;
}

// Model level: a user's kernel that stores through NULL (address 0 is flash
// on the bundled targets) ends `mcusim run` with exit 3 and a faulted report.
TEST(FaultMatrixModel, UserKernelStoringThroughNullFaultsTheRun) {
  const fs::path dir = fs::temp_directory_path() / ("mcusim_fault_matrix_model_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string kernel =
      "FULLY_CONNECTED=" + source_path("tests/tools/user_kernels/fc_null_store.c").string();
  const CommandResult run = run_mcusim({"run", "--workload", "touch", "--inferences", "1", "--kernel", kernel,
                                        "--json", "--report", (dir / "report").string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_EQ(line_starting(run.err, "mcusim: guest fault: ").rfind("mcusim: guest fault: write to read-only memory: ", 0),
            0u)
      << run.err;
  EXPECT_TRUE(std::regex_search(line_starting(run.err, "pc "), std::regex("^pc 0x[0-9a-f]{8} in fully_connected_s8")))
      << run.err;
  EXPECT_EQ(line_starting(run.err, "address ").rfind("address 0x00000000 ", 0), 0u) << run.err;
  ASSERT_TRUE(fs::exists(dir / "report" / "report.json")) << run.err;
  const std::string text = read(dir / "report" / "report.json");
  EXPECT_EQ(text, run.out);
  const json report = json::parse(text);
  EXPECT_EQ(report["status"], "faulted");
  EXPECT_EQ(report["fault"]["kind"], "write to read-only memory");
  expect_no_result_numbers(report);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mcusim::test
