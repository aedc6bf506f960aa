// Sum checks of `mcusim run --workload W --profile --json` on every bundled
// workload (docs/profiler.md): phases, functions, lines and contexts each sum
// to the run's cycles and instructions, with no other bucket; each layer's
// profile over one inference equals its marker-measured cycles; stack peaks
// lie within the stack reserved; the line table covers the runtime.
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>

namespace mcusim::test {
namespace {

std::uint64_t sum(const nlohmann::json& rows, const char* field) {
  std::uint64_t total = 0;
  for (const auto& row : rows) total += row[field].get<std::uint64_t>();
  return total;
}

class ProfiledWorkload : public ::testing::TestWithParam<std::string> {};

TEST_P(ProfiledWorkload, EveryViewSumsToTheRunsCycles) {
  // The cold inference alone: the sums hold for any count, and the large
  // workloads stay within the test time.
  const CommandResult result =
      run_mcusim({"run", "--workload", GetParam(), "--inferences", "0", "--profile", "--json"});
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.err;  // 1: over budget
  const auto report = nlohmann::json::parse(result.out);
  const auto cycles = report["cycles"].get<std::uint64_t>();
  const auto instructions = report["instructions"].get<std::uint64_t>();
  const auto& profile = report["profile"];
  EXPECT_EQ(profile["cycles"].get<std::uint64_t>(), cycles);
  for (const char* view : {"functions", "lines"}) {
    EXPECT_EQ(sum(report[view], "cycles"), cycles) << view;
    EXPECT_EQ(sum(report[view], "instructions"), instructions) << view;
  }
  for (const char* view : {"phases", "contexts"}) {
    EXPECT_EQ(sum(profile[view], "cycles"), cycles) << view;
    EXPECT_EQ(sum(profile[view], "instructions"), instructions) << view;
  }
  // Only start-up, layers, the engine between layers and the time after the
  // inference: one inference has nothing between inferences.
  for (const auto& phase : profile["phases"]) {
    const std::string kind = phase["kind"];
    EXPECT_TRUE(kind == "startup" || kind == "layer" || kind == "between_layers" || kind == "after") << kind;
  }
  // A layer's profile is its marker interval: the same cycles as layers[].
  for (const auto& layer : report["layers"]) {
    ASSERT_TRUE(layer.contains("profile")) << layer["name"];
    EXPECT_EQ(layer["profile"]["cycles"], layer["cycles"]) << layer["name"];
    EXPECT_EQ(layer["profile"]["visits"], 1) << layer["name"];
    const auto stack = layer["profile"]["stack_peak_bytes"];
    ASSERT_TRUE(stack.is_number()) << layer["name"];
    EXPECT_LE(stack.get<std::uint64_t>(), report["stack_reserved_bytes"].get<std::uint64_t>()) << layer["name"];
    EXPECT_GT(stack.get<std::uint64_t>(), 0u) << layer["name"];  // the kernels' own frames
  }
  EXPECT_TRUE(profile["has_line_info"].get<bool>());
  EXPECT_GT(report["call_edges"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Workloads, ProfiledWorkload,
                         ::testing::Values("touch", "sine", "anomaly-ae", "kws-ds-cnn", "vww-mobilenet",
                                           "resnet-8"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace mcusim::test
