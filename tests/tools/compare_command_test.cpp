// `mcusim compare` end to end (tools/mcusim/compare_command.cpp): kernel
// variants of one model side by side, and two `run` reports.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class TempFolder {
 public:
  TempFolder() : path_(fs::temp_directory_path() / ("mcusim-compare-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

json run_report(const std::string& variant) {
  const CommandResult r =
      run_mcusim({"run", "--json", "--workload", "sine", "--target", "generic-m0", "--variant", variant, "--inferences", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

TEST(CompareCommand, VariantsOfTheTouchWorkloadAgreeAndLineUpWithRun) {
  const CommandResult r = run_mcusim({"compare", "--json", "--inferences", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json c = json::parse(r.out);
  EXPECT_EQ(c["schema"], "mcusim.compare/1");
  EXPECT_EQ(c["identical"], true);
  ASSERT_EQ(c["runs"].size(), 2u);  // an M0 runs ref and m0
  EXPECT_EQ(c["runs"][0]["label"], "ref");
  EXPECT_EQ(c["runs"][1]["label"], "m0");
  ASSERT_EQ(c["layers"].size(), 3u);
  // The same numbers `mcusim run` reports for the m0 variant (deterministic).
  const CommandResult run = run_mcusim({"run", "--json", "--variant", "m0", "--inferences", "1"});
  ASSERT_LE(run.exit_code, 1) << run.err;
  const json report = json::parse(run.out);
  for (std::size_t l = 0; l < 3; ++l) EXPECT_EQ(c["runs"][1]["layer_cycles"][l], report["layers"][l]["cycles"]);
  EXPECT_EQ(c["runs"][1]["worst_cycles"], report["inferences"]["worst_cycles"]);
}

TEST(CompareCommand, TextTableHasTheSpeedUpAndTheVerdict) {
  const CommandResult r = run_mcusim({"compare", "--workload", "sine", "--variants", "ref,m0", "--inferences", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ref/m0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("IDENTICAL"), std::string::npos) << r.out;
}

TEST(CompareCommand, TwoReportsSameOutputsThenOneChanged) {
  TempFolder dir;
  const json ref = run_report("ref");
  json m0 = run_report("m0");
  std::ofstream(dir.path() / "ref.json") << ref.dump();
  std::ofstream(dir.path() / "m0.json") << m0.dump();
  CommandResult r = run_mcusim({"compare", (dir.path() / "ref.json").string(), (dir.path() / "m0.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("IDENTICAL"), std::string::npos) << r.out;

  m0["outputs"][1][0] = m0["outputs"][1][0].get<int>() == 5 ? 6 : 5;
  std::ofstream(dir.path() / "m0.json") << m0.dump();
  r = run_mcusim({"compare", (dir.path() / "ref.json").string(), (dir.path() / "m0.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("inference 1, output element 0"), std::string::npos) << r.out;
}

TEST(CompareCommand, BadReportsAreExit2NamingTheFile) {
  TempFolder dir;
  json ref = run_report("ref");
  std::ofstream(dir.path() / "ref.json") << ref.dump();
  std::ofstream(dir.path() / "junk.json") << "{\"schema\": \"something else\"}";
  CommandResult r = run_mcusim({"compare", (dir.path() / "ref.json").string(), (dir.path() / "junk.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("junk.json"), std::string::npos) << r.err;

  ref["layers"].erase(0);
  std::ofstream(dir.path() / "short.json") << ref.dump();
  r = run_mcusim({"compare", (dir.path() / "ref.json").string(), (dir.path() / "short.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not the same model"), std::string::npos) << r.err;

  r = run_mcusim({"compare", "--variants", "m0"});
  EXPECT_EQ(r.exit_code, 2);
  r = run_mcusim({"compare", "--target", "generic-m0", "--variants", "ref,m4"});
  EXPECT_EQ(r.exit_code, 2) << r.err;  // m4 on an ARMv6-M core
}

// User kernels (runtime/include/mcusim_kernels.h, tests/tools/user_kernels/).
std::string user_kernel(const char* file) {
  return "FULLY_CONNECTED=" + source_path(std::string("tests/tools/user_kernels/") + file).string();
}

TEST(CompareCommand, UserKernelThatMatchesIsIdentical) {
  const CommandResult r = run_mcusim({"compare", "--json", "--workload", "sine", "--inferences", "0", "--kernel",
                                      user_kernel("fc_plain.c")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json c = json::parse(r.out);
  ASSERT_EQ(c["runs"].size(), 3u);  // ref, the default kernels, user
  EXPECT_EQ(c["runs"][2]["label"], "user");
  EXPECT_EQ(c["identical"], true);
}

TEST(CompareCommand, UserKernelWithABugIsCaughtAtItsLayerAndElement) {
  const CommandResult r = run_mcusim({"compare", "--workload", "sine", "--variants", "ref,user", "--inferences", "0",
                                      "--kernel", user_kernel("fc_off_by_one.c")});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // sine's first FULLY_CONNECTED has 16 outputs: element 1 is flipped.
  EXPECT_NE(r.out.find("DIFFERENT: user differs from ref in layer 0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("element 1:"), std::string::npos) << r.out;
}

TEST(CompareCommand, UserKernelInARunReportAndItsErrors) {
  CommandResult r = run_mcusim({"run", "--json", "--workload", "sine", "--inferences", "0", "--kernel",
                                user_kernel("fc_plain.c")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  ASSERT_EQ(report["user_kernels"].size(), 1u);
  EXPECT_EQ(report["user_kernels"][0]["op"], "FULLY_CONNECTED");

  // The compiler's own message comes back, exit 2.
  r = run_mcusim({"run", "--workload", "sine", "--kernel", user_kernel("fc_does_not_compile.c")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no_such_field"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fc_does_not_compile.c"), std::string::npos) << r.err;

  r = run_mcusim({"run", "--workload", "sine", "--kernel", "FULLY_CONECTED=x.c"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("FULLY_CONNECTED, CONV_2D"), std::string::npos) << r.err;  // the list of operators
  r = run_mcusim({"run", "--workload", "sine", "--kernel", "FULLY_CONNECTED=/no/such/kernel.c"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such/kernel.c"), std::string::npos) << r.err;
  r = run_mcusim({"compare", "--workload", "sine", "--variants", "ref,user"});
  EXPECT_EQ(r.exit_code, 2);  // 'user' without --kernel
}

}  // namespace
}  // namespace mcusim::test
