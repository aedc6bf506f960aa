// The m0 FULLY_CONNECTED kernel's device code (runtime/kernels/m0/
// fc_lanes_thumb.h) end to end: a model whose layers take every path of it
// — an odd and an even number of input pairs, a last quad of 1, 2, 3 and 4
// rows, and a layer with an odd depth that has no lanes block — runs inside
// the simulator with the m0 kernels and with the ref kernels; the outputs of
// every inference must be the same bytes. (The host build of the kernel is
// compared with ref in tests/runtime/kernels/fc_m0_lanes_test.cpp.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// input 10 (5 pairs) -> 6 (rows 4 + 2) -> 7 (3 pairs; rows 4 + 3) -> 5
// (depth 7: no block) -> 8 (rows 4 + 4) -> 1 (4 pairs; one row).
constexpr const char* kSpec = R"(name = "lanes-paths"
[input]
shape = [1, 10]
calibration = { distribution = "uniform", low = -1.0, high = 1.0, samples = 8, seed = 3 }
)";

std::string layer(const char* name, int units, const char* activation, int seed) {
  return std::string("[[layer]]\nkind = \"fully_connected\"\nname = \"") + name + "\"\nunits = " +
         std::to_string(units) + "\nactivation = \"" + activation + "\"\nweights = { init = \"glorot_uniform\", seed = " +
         std::to_string(seed) + " }\nbias = { init = \"uniform\", low = -0.3, high = 0.3, seed = " +
         std::to_string(seed + 1) + " }\n";
}

json outputs_of(const fs::path& spec, const char* variant) {
  const CommandResult result = run_mcusim({"run", "--json", "--model", spec.string(), "--target", "generic-m0",
                                           "--variant", variant, "--inferences", "5"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out)["outputs"];
}

TEST(M0LanesDevice, EveryPathOfTheThumbKernelEqualsRef) {
  const fs::path dir = fs::temp_directory_path() / ("mcusim-lanes-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path spec = dir / "model.toml";
  std::ofstream(spec) << kSpec << layer("a", 6, "hard_tanh", 10) << layer("b", 7, "relu", 12)
                      << layer("c", 5, "hard_tanh", 14) << layer("d", 8, "relu", 16) << layer("e", 1, "none", 18);
  const json m0 = outputs_of(spec, "m0");
  const json ref = outputs_of(spec, "ref");
  fs::remove_all(dir);
  ASSERT_EQ(m0.size(), 6u);  // the cold inference and five warm ones
  EXPECT_EQ(m0, ref);
}

}  // namespace
}  // namespace mcusim::test
