// tests/runtime/plan/simulated_plan_test.cpp — the engine cross-built for
// thumbv6m (generic-m0) and thumbv7em (generic-m4) in the plan runner guest
// (tests/guests/plan_runner/): plans of the reference op cases and of the two
// models that fit the runner's RAM run inside mcusim, and their outputs equal
// the host build of the engine byte for byte. Also: the guest built with
// FULLY_CONNECTED only links no other kernel and refuses a CONV_2D plan.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <unistd.h>

#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "sim/elf/elf_image.hpp"
#include "tests/runtime/plan/plan_test_model.hpp"
#include "tests/runtime/shared_data.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

struct Core {
  const char* name;    // m0, m4
  const char* target;  // mcusim target
};
const Core kCores[] = {{"m0", "generic-m0"}, {"m4", "generic-m4"}};

class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : path_(fs::temp_directory_path() / ("mcusim_plan_runner_" + std::to_string(::getpid()) + "_" + tag)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream file(path, std::ios::binary);
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string line_value(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return "";
}

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// Runs `plan` on `inputs` in the runner `elf` on `target`; returns mcusim's result.
test::CommandResult run_in_guest(const std::string& tag, const std::string& elf, const char* target,
                                 const std::vector<std::uint8_t>& plan,
                                 const std::vector<std::vector<std::uint8_t>>& inputs) {
  const TempDir tmp(tag);
  write_file(tmp.path() / "plan.bin", plan);
  std::string args = "plan.bin";
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    write_file(tmp.path() / ("input" + std::to_string(i) + ".bin"), inputs[i]);
    args += " input" + std::to_string(i) + ".bin";
  }
  return test::run_mcusim({"exec", "--target", target, "--timeout", "120", "--semihosting-root",
                           tmp.path().string(), "--args", args, test::guest_elf(elf).string()});
}

// The guest's output equals the host engine's for the same plan and inputs.
void expect_same_as_host(const std::string& tag, const Core& core, const PlanBlob& plan,
                         const std::vector<std::vector<std::uint8_t>>& inputs) {
  const test::PlanRun host = test::run_plan(plan.bytes, inputs);
  ASSERT_EQ(host.init, MCUSIM_PLAN_OK);
  const test::CommandResult run =
      run_in_guest(tag + "_" + core.name, std::string("plan_runner_") + core.name, core.target, plan.bytes, inputs);
  ASSERT_EQ(run.exit_code, 0) << tag << " on " << core.target << "\nstdout:\n" << run.out << "\nstderr:\n" << run.err;
  EXPECT_EQ(line_value(run.out, "output0"), hex(host.outputs.at(0))) << tag << " on " << core.target;
  const std::string cycles = line_value(run.out, "cycles");
  std::printf("[ simulated] plan %s %s: %s cycles\n", tag.c_str(), core.name, cycles.c_str());
}

class SimulatedPlanOps : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(SimulatedPlanOps, OutputEqualsHostEngine) {
  MCUSIM_REQUIRE_SHARED_PATH(test::reference_ops_dir());
  const std::string name = std::get<0>(GetParam());
  const fs::path dir = test::reference_ops_dir() / name;
  const Model model = read_tflite_file(dir / "model.tflite");
  std::vector<std::vector<std::uint8_t>> inputs;
  for (std::size_t i = 0; i < model.inputs.size(); ++i) {
    inputs.push_back(test::read_bytes(dir / ("input" + std::to_string(i) + ".bin")));
  }
  expect_same_as_host(name, kCores[std::get<1>(GetParam())], write_plan(model), inputs);
}

INSTANTIATE_TEST_SUITE_P(ReferenceOps, SimulatedPlanOps,
                         ::testing::Combine(::testing::ValuesIn(test::reference_op_case_names()),
                                            ::testing::Values(0, 1)),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, int>>& param) {
                           return std::get<0>(param.param) + "_" + kCores[std::get<1>(param.param)].name;
                         });

// person_detect's 271 KB blob does not fit the runner's 128 KiB buffer.
class SimulatedPlanModels : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(SimulatedPlanModels, OutputEqualsHostEngine) {
  const std::string name = std::get<0>(GetParam());
  const fs::path dir = test::shared_dir() / "reference" / name / "prng1";
  MCUSIM_REQUIRE_SHARED_PATH(dir);
  const Model model = read_tflite_file(test::shared_dir() / "models" / (name + ".tflite"));
  expect_same_as_host(name, kCores[std::get<1>(GetParam())], write_plan(model), {test::read_bytes(dir / "input.bin")});
}

INSTANTIATE_TEST_SUITE_P(TfliteMicro, SimulatedPlanModels,
                         ::testing::Combine(::testing::Values("hello_world_int8", "micro_speech_quantized"),
                                            ::testing::Values(0, 1)),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, int>>& param) {
                           return std::get<0>(param.param) + "_" + kCores[std::get<1>(param.param)].name;
                         });

TEST(SimulatedPlan, TestModelRunsOnBothCoresWithoutSharedData) {
  const PlanBlob plan = write_plan(test::plan_test_model());
  for (const Core& core : kCores) expect_same_as_host("plan_test_model", core, plan, {test::plan_test_input()});
}

TEST(SimulatedPlan, OnlyTheKernelsDefinedAreLinked) {
  const ElfImage fc_only = load_elf(test::guest_elf("plan_runner_m0_fc"));
  EXPECT_TRUE(fc_only.find_symbol("fully_connected_s8").has_value());
  for (const char* absent : {"conv2d_s8", "depthwise_conv2d_s8", "softmax_s8", "add_s8", "quantize_f32_s8"}) {
    EXPECT_FALSE(fc_only.find_symbol(absent).has_value()) << absent << " is linked without its MCUSIM_OP_ define";
  }
  const ElfImage all = load_elf(test::guest_elf("plan_runner_m0"));
  EXPECT_TRUE(all.find_symbol("conv2d_s8").has_value());

  // The test model has CONV_2D and SOFTMAX: the FC-only engine refuses it with
  // MCUSIM_PLAN_E_OP_NOT_BUILT (12), guest exit status 10 + 12.
  const PlanBlob plan = write_plan(test::plan_test_model());
  const test::CommandResult run =
      run_in_guest("fc_only", "plan_runner_m0_fc", "generic-m0", plan.bytes, {test::plan_test_input()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;  // mcusim: the guest exited non-zero
  EXPECT_NE(run.out.find("exit status   22"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("error=MCUSIM_PLAN_E_OP_NOT_BUILT"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace mcusim::compiler
