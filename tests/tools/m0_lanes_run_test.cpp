// The m0 FULLY_CONNECTED kernel's device code (runtime/kernels/m0/
// fc_lanes_thumb.h) end to end: a model whose layers take every path of it
// — an odd and an even number of input pairs, a last quad of 1, 2, 3 and 4
// rows, and a layer with an odd depth that has no lanes block — runs inside
// the simulator with the m0 kernels and with the ref kernels; the outputs of
// every inference must be the same bytes. The same for the sparse routine
// (a block-pruned model: odd and even step counts, an empty quad, a last quad
// of 2 and 3 rows). (The host build of the kernel is compared with ref in
// tests/runtime/kernels/fc_m0_lanes_test.cpp.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "runtime/include/mcusim_plan.h"
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

json outputs_of(const fs::path& spec, const char* variant, const fs::path& work_dir = {}) {
  std::vector<std::string> args{"run", "--json", "--model", spec.string(), "--target", "generic-m0",
                                "--variant", variant, "--inferences", "5"};
  if (!work_dir.empty()) args.insert(args.end(), {"--work-dir", work_dir.string()});
  const CommandResult result = run_mcusim(args);
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

// A float32 .npy of `rows` x `cols` (NumPy's format 1.0: magic, version,
// a header padded with spaces to a multiple of 64 bytes, ending in a newline).
void write_npy(const fs::path& path, const std::vector<float>& values, int rows, int cols) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                       std::to_string(cols) + "), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const auto length = static_cast<std::uint16_t>(header.size());
  out.put(static_cast<char>(length & 0xFF)).put(static_cast<char>(length >> 8));
  out << header;
  out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * 4));
}

// rows x cols weights in (-0.5, 0.5), with the listed steps (quad of four
// rows, input pair) zero.
std::vector<float> pruned(int rows, int cols, const std::vector<std::pair<int, int>>& zero_steps, int seed) {
  std::vector<float> w(static_cast<std::size_t>(rows * cols));
  for (std::size_t i = 0; i < w.size(); ++i) {
    w[i] = static_cast<float>(static_cast<int>((i * 37 + static_cast<std::size_t>(seed) * 11) % 97) - 48) / 97.0f;
  }
  for (const auto& [quad, pair] : zero_steps) {
    for (int r = 4 * quad; r < std::min(rows, 4 * quad + 4); ++r) {
      for (int i = 2 * pair; i < 2 * pair + 2; ++i) w[static_cast<std::size_t>(r * cols + i)] = 0.0f;
    }
  }
  return w;
}

std::string npy_layer(const char* name, int units, const char* activation, const char* file) {
  return std::string("[[layer]]\nkind = \"fully_connected\"\nname = \"") + name + "\"\nunits = " +
         std::to_string(units) + "\nactivation = \"" + activation + "\"\nweights = \"" + file +
         "\"\nbias = { init = \"uniform\", low = -0.3, high = 0.3, seed = 5 }\n";
}

// Occurrences of a block tag in the plan the run wrote to its work folder.
int tags_in_plan(const fs::path& work_dir, std::uint32_t tag) {
  std::ifstream in(work_dir / "model" / "generated" / "mcusim_plan.bin", std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  int count = 0;
  for (std::size_t at = 0; at + 4 <= bytes.size(); at += 4) {
    std::uint32_t word = 0;
    std::memcpy(&word, bytes.data() + at, 4);
    count += word == tag ? 1 : 0;
  }
  return count;
}

// input 10 (5 pairs) -> a: 6 (quad 0: 3 of 5 steps, quad 1 of 2 rows: none)
// -> b: 7 (3 pairs; quad 0: 2 steps, quad 1 of 3 rows: 1) -> c: 4 (dense).
TEST(M0LanesDevice, TheSparseRoutineEqualsRef) {
  const fs::path dir = fs::temp_directory_path() / ("mcusim-sparse-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_npy(dir / "a.npy", pruned(6, 10, {{0, 1}, {0, 3}, {1, 0}, {1, 1}, {1, 2}, {1, 3}, {1, 4}}, 1), 6, 10);
  write_npy(dir / "b.npy", pruned(7, 6, {{0, 0}, {1, 1}, {1, 2}}, 2), 7, 6);
  write_npy(dir / "c.npy", pruned(4, 7 + 1, {}, 3), 4, 8);
  const fs::path spec = dir / "model.toml";
  std::ofstream(spec) << kSpec << npy_layer("a", 6, "hard_tanh", "a.npy") << npy_layer("b", 7, "relu", "b.npy")
                      << layer("pad", 8, "relu", 20) << npy_layer("c", 4, "none", "c.npy");
  const json m0 = outputs_of(spec, "m0", dir / "work");
  const json ref = outputs_of(spec, "ref");
  const int sparse_blocks = tags_in_plan(dir / "work", MCUSIM_PLAN_BLOCK_FC_M0_SPARSE);
  fs::remove_all(dir);
  EXPECT_EQ(sparse_blocks, 2) << "layers a and b should be laid out sparse";
  ASSERT_EQ(m0.size(), 6u);
  EXPECT_EQ(m0, ref);
}

}  // namespace
}  // namespace mcusim::test
