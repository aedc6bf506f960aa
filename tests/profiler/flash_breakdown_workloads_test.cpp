// Sum checks on every bundled workload (issue #8): the flash parts add up to
// the image's flash bytes exactly, code by function and by object file add up
// to the code, and the measured arena and stack peaks lie within the arena
// and the stack reserved for them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> bundled_workloads() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(source_path("workloads"))) {
    if (fs::is_regular_file(entry.path() / "workload.toml")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::uint64_t sum_of(const json& list) {
  std::uint64_t total = 0;
  for (const json& item : list) total += item["bytes"].get<std::uint64_t>();
  return total;
}

TEST(FlashBreakdownWorkloads, PartsSumToTheImageAndPeaksLieWithinTheirRegions) {
  const std::vector<std::string> workloads = bundled_workloads();
  ASSERT_GE(workloads.size(), 6u);
  for (const std::string& name : workloads) {
    SCOPED_TRACE(name);
    const CommandResult result = run_mcusim({"run", "--json", "--workload", name, "--inferences", "0"});
    ASSERT_LE(result.exit_code, 1) << result.err;
    const json report = json::parse(result.out);
    const json& b = report["flash_breakdown"];
    ASSERT_TRUE(b.is_object());
    const std::uint64_t total = b["total_bytes"].get<std::uint64_t>();
    EXPECT_EQ(total, report["flash_bytes"]["total"].get<std::uint64_t>());
    std::uint64_t parts = 0;
    for (const char* part : {"vector_table_bytes", "code_bytes", "rodata_bytes", "plan_bytes", "weights_bytes",
                             "data_init_bytes", "other_bytes"}) {
      parts += b[part].get<std::uint64_t>();
    }
    EXPECT_EQ(parts, total);
    EXPECT_EQ(sum_of(b["code_by_function"]), b["code_bytes"].get<std::uint64_t>());
    EXPECT_EQ(sum_of(b["code_by_object"]), b["code_bytes"].get<std::uint64_t>());
    EXPECT_GT(b["weights_bytes"].get<std::uint64_t>(), 0u);
    EXPECT_GT(b["plan_bytes"].get<std::uint64_t>(), 0u);
    // The vector table: initial SP, reset and the 14 system exceptions at least (ARMv6-M, ARMv7-M).
    EXPECT_GE(b["vector_table_bytes"].get<std::uint64_t>(), 16u * 4);

    ASSERT_TRUE(report["arena_peak_bytes"].is_number());
    ASSERT_TRUE(report["stack_peak_bytes"].is_number());
    EXPECT_GT(report["arena_peak_bytes"].get<std::uint64_t>(), 0u);
    EXPECT_LE(report["arena_peak_bytes"].get<std::uint64_t>(), report["arena_bytes"].get<std::uint64_t>());
    EXPECT_GT(report["stack_peak_bytes"].get<std::uint64_t>(), 0u);
    EXPECT_LE(report["stack_peak_bytes"].get<std::uint64_t>(), report["stack_reserved_bytes"].get<std::uint64_t>());
    EXPECT_LE(report["arena_bytes"].get<std::uint64_t>() + report["stack_reserved_bytes"].get<std::uint64_t>(),
              report["ram_bytes"].get<std::uint64_t>());
  }
}

}  // namespace
}  // namespace mcusim::test
