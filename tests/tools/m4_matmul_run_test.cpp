// The m4 matrix kernel's device code (runtime/kernels/m4/matmul_m4_thumb.h)
// end to end: a model whose layers take every path of it runs inside the
// simulator on generic-m4 with the m4 kernels and with the ref kernels; the
// outputs of every inference must be the same bytes. Paths: two pixels at a
// time and an odd last pixel (a 3x3 image), one pixel at a time for depths
// above 256 and for a fully connected layer's single row, depths that are not
// multiples of 16, a last row quad of 1, 2, 3 and 4 rows, SSAT (RELU with
// zero point -128, NONE) and the two-sided clamp (hard_tanh), and layers with
// no block (a 3x3 convolution) between them. (The host build is compared with
// ref in tests/runtime/kernels/m4_matmul_block_test.cpp.)
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

constexpr const char* kSpec = R"(name = "m4-matmul-paths"
[input]
shape = [1, 3, 3, 5]
calibration = { distribution = "uniform", low = -1.0, high = 1.0, samples = 8, seed = 3 }
)";

std::string weights(int seed) {
  return "weights = { init = \"glorot_uniform\", seed = " + std::to_string(seed) +
         " }\nbias = { init = \"uniform\", low = -0.3, high = 0.3, seed = " + std::to_string(seed + 1) + " }\n";
}

std::string conv(const char* name, int filters, int kernel, const char* activation, int seed) {
  return std::string("[[layer]]\nkind = \"conv_2d\"\nname = \"") + name + "\"\nfilters = " + std::to_string(filters) +
         "\nkernel = " + std::to_string(kernel) + "\npadding = \"same\"\nactivation = \"" + activation + "\"\n" +
         weights(seed);
}

std::string dense(const char* name, int units, const char* activation, int seed) {
  return std::string("[[layer]]\nkind = \"fully_connected\"\nname = \"") + name + "\"\nunits = " +
         std::to_string(units) + "\nactivation = \"" + activation + "\"\n" + weights(seed);
}

json outputs_of(const fs::path& spec, const char* variant) {
  const CommandResult result = run_mcusim({"run", "--json", "--model", spec.string(), "--target", "generic-m4",
                                           "--variant", variant, "--inferences", "3"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out)["outputs"];
}

TEST(M4MatmulDevice, EveryPathOfTheThumbKernelEqualsRef) {
  const fs::path dir = fs::temp_directory_path() / ("mcusim-m4-matmul-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path spec = dir / "model.toml";
  // 9 pixels: 4 pairs and a single. a: depth 5, rows 4 + 2. b: depth 6,
  // rows 65 quads, clamp. c: depth 261 > 256, one pixel at a time, rows 4 + 3.
  // d: 3x3, no block. e: flatten, FC depth 36, rows 8 + 1. f: rows 4.
  std::ofstream(spec) << kSpec << conv("a", 6, 1, "relu", 10) << conv("b", 261, 1, "hard_tanh", 12)
                      << conv("c", 7, 1, "none", 14) << conv("d", 4, 3, "relu", 16)
                      << "[[layer]]\nkind = \"flatten\"\n" << dense("e", 9, "relu", 18) << dense("f", 4, "none", 20);
  const json m4 = outputs_of(spec, "m4");
  const json ref = outputs_of(spec, "ref");
  fs::remove_all(dir);
  ASSERT_EQ(m4.size(), 4u);  // the cold inference and three warm ones
  EXPECT_EQ(m4, ref);
}

}  // namespace
}  // namespace mcusim::test
