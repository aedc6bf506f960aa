// tests/runtime/simulated_kernels_test.cpp — the "simulated run" check of
// issue 6: every single-operator case of ../shared/reference/ops/ runs inside
// mcusim on the kernels cross-built for Cortex-M0 (generic-m0) and Cortex-M4
// (generic-m4), for every kernel variant the core can run (ref and m0 on the
// M0; ref, m0 and m4 on the M4: tests/guests/kernel_runner.cmake), and the
// output must equal the host build of the ref kernels for the same case, byte
// for byte. The case reaches the guest as a blob file (kernel_case_blob.hpp)
// through semihosting; the guest prints the kernel's cycles and its output.
//
// SimulatedVariantCheck runs the variant_check guests: each variant's device
// build against the ref kernels on random cases inside the simulator
// (tests/guests/kernel_runner/variant_check.c); needs nothing from ../shared.
//
// QUANTIZE float32->int8 and DEQUANTIZE run too: their soft-float helpers
// (__aeabi_fmul, __aeabi_i2f, ...) come from arm-none-eabi's libgcc, linked
// into the runner; IEEE single precision rounds the same on both sides.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <unistd.h>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/kernel_case_blob.hpp"
#include "tests/runtime/shared_data.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

const fs::path kOpsDir = test::reference_ops_dir();
constexpr const char* kNoData = test::kNoReferenceOps;

std::vector<std::string> case_names() { return test::reference_op_case_names(); }

// One kernel runner guest: a core and a kernel variant.
struct Core {
  const char* name;    // test-name suffix: <core> for ref, <core>_<variant> otherwise
  const char* target;  // mcusim target
  const char* elf;     // guest (tests/guests/kernel_runner.cmake)
};
const Core kCores[] = {{"m0", "generic-m0", "kernel_runner_m0"},
                       {"m0_m0", "generic-m0", "kernel_runner_m0_m0"},
                       {"m4", "generic-m4", "kernel_runner_m4"},
                       {"m4_m0", "generic-m4", "kernel_runner_m4_m0"},
                       {"m4_m4", "generic-m4", "kernel_runner_m4_m4"}};

// A temporary directory, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : path_(fs::temp_directory_path() / ("mcusim_kernel_runner_" + std::to_string(::getpid()) + "_" + tag)) {
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

// The value of the line "key=value" in `text`, or "" (found = false).
std::string line_value(const std::string& text, const std::string& key, bool& found) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(key + "=", 0) == 0) {
      found = true;
      return line.substr(key.size() + 1);
    }
  }
  found = false;
  return "";
}

bool parse_hex(const std::string& hex, std::vector<std::uint8_t>& out) {
  if (hex.size() % 2 != 0) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return true;
}

// "element 7 (int8): simulated 12, host 13" or the size difference.
std::string first_difference(const std::vector<std::uint8_t>& got, const std::vector<std::uint8_t>& want) {
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    if (got[i] != want[i]) {
      return "element " + std::to_string(i) + " (int8): simulated " +
             std::to_string(static_cast<std::int8_t>(got[i])) + ", host " +
             std::to_string(static_cast<std::int8_t>(want[i]));
    }
  }
  return "sizes differ: simulated " + std::to_string(got.size()) + " bytes, host " + std::to_string(want.size());
}

class SimulatedKernels : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(SimulatedKernels, OutputEqualsHostBuild) {
  MCUSIM_REQUIRE_SHARED_PATH(kOpsDir);
  const std::string case_name = std::get<0>(GetParam());
  const Core& core = kCores[std::get<1>(GetParam())];
  const fs::path dir = kOpsDir / case_name;

  const Model model = read_tflite_file(dir / "model.tflite");
  ASSERT_EQ(model.operators.size(), 1u) << case_name;
  std::vector<std::vector<std::uint8_t>> inputs;
  for (std::size_t i = 0; i < model.inputs.size(); ++i) {
    inputs.push_back(test::read_bytes(dir / ("input" + std::to_string(i) + ".bin")));
  }
  const test::KernelCase kernel_case = test::make_kernel_case(model, inputs);
  // The host build on the same case: the golden side.
  HostInterpreter interpreter(model);
  for (std::size_t i = 0; i < inputs.size(); ++i) interpreter.set_input(i, inputs[i]);
  interpreter.invoke();
  const auto host_span = interpreter.output(0);
  const std::vector<std::uint8_t> want(host_span.begin(), host_span.end());

  const TempDir tmp(case_name + "_" + core.name);
  {
    std::ofstream file(tmp.path() / "case.bin", std::ios::binary);
    file.write(reinterpret_cast<const char*>(kernel_case.blob.data()),
               static_cast<std::streamsize>(kernel_case.blob.size()));
  }
  const fs::path elf = test::guest_elf(core.elf);
  const test::CommandResult run =
      test::run_mcusim({"exec", "--target", core.target, "--timeout", "60", "--semihosting-root", tmp.path().string(),
                        "--args", "case.bin", elf.string()});
  ASSERT_EQ(run.exit_code, 0) << case_name << " on " << core.target << ": mcusim failed\nstdout:\n"
                              << run.out << "\nstderr:\n"
                              << run.err;

  bool found = false;
  const std::string cycles_text = line_value(run.out, "cycles", found);
  ASSERT_TRUE(found) << case_name << " on " << core.target << ": no cycles= line\n" << run.out;
  const std::string hex = line_value(run.out, "output", found);
  ASSERT_TRUE(found) << case_name << " on " << core.target << ": no output= line\n" << run.out;
  std::vector<std::uint8_t> got;
  ASSERT_TRUE(parse_hex(hex, got)) << case_name << " on " << core.target << ": bad output line: " << hex;

  EXPECT_TRUE(got == want) << case_name << " on " << core.target << " (" << core.elf
                           << "): " << first_difference(got, want);

  const long long cycles = std::stoll(cycles_text);
  RecordProperty("cycles", cycles_text);
  std::string line = "[ simulated] " + case_name + " " + core.name + ": " + cycles_text + " cycles";
  if (kernel_case.macs > 0) {
    RecordProperty("macs", std::to_string(kernel_case.macs));
    char per_mac[64];
    std::snprintf(per_mac, sizeof per_mac, ", %lld MACs, %.2f cycles/MAC", static_cast<long long>(kernel_case.macs),
                  static_cast<double>(cycles) / static_cast<double>(kernel_case.macs));
    line += per_mac;
  }
  std::printf("%s\n", line.c_str());
}

INSTANTIATE_TEST_SUITE_P(ReferenceOps, SimulatedKernels,
                         ::testing::Combine(::testing::ValuesIn(case_names()), ::testing::Range(0, 5)),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, int>>& param) {
                           return std::get<0>(param.param) + "_" + kCores[std::get<1>(param.param)].name;
                         });

// The variant_check guests: a variant's device build against the ref kernels
// on random cases; the guest exits 0 only when every output matched.
struct VariantCheck {
  const char* name;    // <core>_<variant>
  const char* target;  // mcusim target
};
const VariantCheck kVariantChecks[] = {{"m0_m0", "generic-m0"}, {"m4_m0", "generic-m4"}, {"m4_m4", "generic-m4"}};

class SimulatedVariantCheck : public ::testing::TestWithParam<int> {};

TEST_P(SimulatedVariantCheck, RandomCasesEqualRef) {
  const VariantCheck& check = kVariantChecks[GetParam()];
  const fs::path elf = test::guest_elf(std::string("variant_check_") + check.name);
  const test::CommandResult run = test::run_mcusim({"exec", "--target", check.target, "--timeout", "60", elf.string()});
  bool found = false;
  const std::string mismatches = line_value(run.out, "mismatches", found);
  ASSERT_TRUE(found) << elf.string() << " on " << check.target << ": no mismatches= line\nstdout:\n"
                     << run.out << "\nstderr:\n"
                     << run.err;
  EXPECT_EQ(mismatches, "0") << run.out;
  EXPECT_EQ(line_value(run.out, "cases", found), "360") << run.out;
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

INSTANTIATE_TEST_SUITE_P(Variants, SimulatedVariantCheck, ::testing::Range(0, 3),
                         [](const ::testing::TestParamInfo<int>& param) { return kVariantChecks[param.param].name; });

}  // namespace
}  // namespace mcusim::compiler
