// tests/tools/limits_test.cpp — issue #11 part 3: everything a user's file
// can make large is refused or capped with a clear message before it costs
// memory or time (docs/robustness.md, "Limits"), through the real binary:
//   - an ELF segment larger than the target region it lands in (exit 2,
//     naming the sizes), and one claiming a 2 GiB .bss (refused without
//     allocating it);
//   - a model whose image is larger than the target's flash (exit 2);
//   - a tensor shape whose element count overflows 32 bits, in a model spec
//     (the input, a layer's weights) and in a .tflite (exit 2 naming it);
//   - an input file larger than the 64 MiB read cap (exit 2, nothing read);
//   - a guest printing without end: stopped at --max-output (exit 3), by
//     default at 16 MiB;
//   - a sweep grid of a million points (exit 2, before any point runs).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/runtime/tflite_builder.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

class Limits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("mcusim_limits_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  fs::path write(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return dir_ / name;
  }

  fs::path dir_;
};

void expect_bad_input(const CommandResult& result, const std::vector<std::string>& words) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(result.out.empty()) << "no report for refused input: " << result.out.substr(0, 200);
  for (const std::string& word : words) EXPECT_NE(result.err.find(word), std::string::npos) << word << "\n" << result.err;
}

// A minimal ARM ELF32 executable: header, one PT_LOAD program header, then
// `file_bytes` bytes of segment content (System V gABI, ELF header and
// program header layouts; e_machine 40 = EM_ARM).
std::vector<std::uint8_t> one_segment_elf(std::uint32_t address, std::uint32_t file_bytes, std::uint32_t memory_bytes,
                                          std::uint32_t flags) {
  std::vector<std::uint8_t> elf(84 + file_bytes, 0);
  const auto put16 = [&](std::size_t at, std::uint16_t v) {
    elf[at] = static_cast<std::uint8_t>(v);
    elf[at + 1] = static_cast<std::uint8_t>(v >> 8);
  };
  const auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) elf[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
  };
  const std::array<std::uint8_t, 7> ident{0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* little */, 1 /* version */};
  std::copy(ident.begin(), ident.end(), elf.begin());
  put16(16, 2);             // e_type ET_EXEC
  put16(18, 40);            // e_machine EM_ARM
  put32(20, 1);             // e_version
  put32(24, 0x101);         // e_entry (Thumb)
  put32(28, 52);            // e_phoff
  put32(36, 0x0500'0200);   // e_flags: EABI5, soft float
  put16(40, 52);            // e_ehsize
  put16(42, 32);            // e_phentsize
  put16(44, 1);             // e_phnum
  put16(46, 40);            // e_shentsize
  put32(52 + 0, 1);         // p_type PT_LOAD
  put32(52 + 4, 84);        // p_offset
  put32(52 + 8, address);   // p_vaddr
  put32(52 + 12, address);  // p_paddr
  put32(52 + 16, file_bytes);
  put32(52 + 20, memory_bytes);
  put32(52 + 24, flags);
  put32(52 + 28, 4);        // p_align
  return elf;
}

TEST_F(Limits, AnElfSegmentLargerThanFlashIsRefusedWithTheSizes) {
  // generic-m0: flash 1 MiB at 0 (targets/generic-m0.toml); the segment is 1 MiB + 4 KiB.
  const fs::path elf = write("big.elf", one_segment_elf(0, (1u << 20) + 4096, (1u << 20) + 4096, 5 /* R+X */));
  const CommandResult result = run_mcusim({"exec", "--target", "generic-m0", "--json", elf.string()});
  expect_bad_input(result, {elf.string(), "past the end of region", "4 KiB", "generic-m0"});
}

TEST_F(Limits, AnElfClaimingA2GiBBssIsRefusedWithoutAllocatingIt) {
  // 2 GiB of .bss at RAM's base; nothing in the file. Refused by its header
  // alone: quickly, and under a 1.5 GiB address-space limit (room for
  // Unicorn's translation buffer, none for 2 GiB) where the build allows one
  // (sanitizers reserve terabytes of shadow memory).
  const fs::path elf = write("bss.elf", one_segment_elf(0x2000'0000u, 0, 0x8000'0000u, 6 /* R+W */));
  const auto started = std::chrono::steady_clock::now();
#if defined(__SANITIZE_ADDRESS__)
  const CommandResult result = run_mcusim({"exec", "--target", "generic-m0", "--json", elf.string()});
#else
  const CommandResult result = run_program("/usr/bin/prlimit", {"--as=1610612736", "--", MCUSIM_BINARY, "exec",
                                                                "--target", "generic-m0", "--json", elf.string()});
#endif
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  expect_bad_input(result, {elf.string(), "past the end of region", "generic-m0"});
  EXPECT_LT(seconds, 10.0);
}

TEST_F(Limits, AModelLargerThanTheTargetsFlashIsRefusedWithTheSizes) {
  // 1 -> 1024 -> 512: 512 KiB of int8 weights in the second layer, twice the
  // 256 KiB flash of touch-m0 (targets/touch-m0.toml). Generated weights
  // need a float spec: the calibration set is the sine workload's ([64, 1]).
  const std::string calibration = source_path("workloads/sine/calibration.npy").string();
  const fs::path spec = write("big.toml", "name = \"too-big\"\n"
                                          "[input]\nshape = [1, 1]\ncalibration = \"" + calibration + "\"\n"
                                          "[[layer]]\nkind = \"fully_connected\"\nname = \"wide\"\nunits = 1024\n"
                                          "weights = { init = \"he_uniform\", seed = 1 }\n"
                                          "[[layer]]\nkind = \"fully_connected\"\nname = \"wider\"\nunits = 512\n"
                                          "weights = { init = \"he_uniform\", seed = 2 }\n");
  const CommandResult result = run_mcusim({"run", "--model", spec.string(), "--target", "touch-m0", "--json"});
  expect_bad_input(result, {"does not fit target 'touch-m0'", "flash"});
}

TEST_F(Limits, AModelSpecInputShapeOverflowing32BitsIsNamed) {
  // 65536 x 65536 = 2^32 elements; each dimension is within the spec's 2^24.
  const fs::path spec = write("huge.toml", "name = \"huge\"\n"
                                           "[input]\nshape = [65536, 65536]\nscale = 0.5\nzero_point = 0\n"
                                           "[[layer]]\nkind = \"relu\"\noutput_scale = 0.5\noutput_zero_point = 0\n");
  const CommandResult result = run_mcusim({"run", "--model", spec.string(), "--json"});
  expect_bad_input(result, {spec.string() + ":3:", "the input has shape [65536, 65536]", "overflows 32 bits"});
}

TEST_F(Limits, AModelSpecWeightShapeOverflowing32BitsIsNamedBeforeItsWeightsAreRead) {
  // Weights [65536 units, 65536 inputs]: refused at the layer, before the
  // (absent) weights file is looked for.
  const fs::path spec = write("wide.toml", "name = \"wide\"\n"
                                           "[input]\nshape = [1, 65536]\nscale = 0.5\nzero_point = 0\n"
                                           "[[layer]]\nkind = \"fully_connected\"\nname = \"fc\"\nunits = 65536\n"
                                           "weights = \"absent.npy\"\nweight_scale = 0.01\n"
                                           "output_scale = 0.5\noutput_zero_point = 0\n");
  const CommandResult result = run_mcusim({"run", "--model", spec.string(), "--json"});
  expect_bad_input(result, {"the weights of layer 0 ('fc') has shape [65536, 65536]", "overflows 32 bits"});
  EXPECT_EQ(result.err.find("absent.npy"), std::string::npos) << result.err;
}

// One RELU from an int8 input named `input_name` of `shape` to an output of the same shape.
ModelSpec one_relu(const char* input_name, const std::vector<std::int32_t>& shape) {
  ModelSpec m;
  m.tensors = {int8_tensor(input_name, shape, 0.1f, 0), int8_tensor("y", shape, 0.1f, 0)};
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_RELU, {0}, {1}, tflite::BuiltinOptions_NONE, {}, {}});
  m.inputs = {0};
  m.outputs = {1};
  return m;
}

TEST_F(Limits, ATfliteTensorShapeOverflowing32BitsIsNamed) {
  const fs::path model = write("huge.tflite", build_tflite(one_relu("huge_input", {65536, 65536})));
  const CommandResult result = run_mcusim({"run", "--model", model.string(), "--json"});
  expect_bad_input(result, {model.string(), "tensor 0 (huge_input) has shape [65536, 65536]", "overflows 32 bits"});
}

TEST_F(Limits, ATfliteWithGigabytesOfActivationsIsRefusedBeforeItsArenaIsPlanned) {
  // RELU on [1, 32768, 32768]: 1 GiB in, 1 GiB out, both live at once. Each
  // shape fits 32 bits; the arena (2 GiB) is what no target holds.
  const fs::path model = write("gigabytes.tflite", build_tflite(one_relu("x", {1, 32768, 32768})));
  const CommandResult result = run_mcusim({"run", "--model", model.string(), "--json"});
  expect_bad_input(result, {model.string(), "2147483648 bytes", "64 MiB"});
}

TEST_F(Limits, AnInputFileLargerThanTheReadCapIsRefusedFromItsSize) {
  // 64 MiB + 16 bytes (a sparse file: nothing is written or read): touch's
  // input tensor is 16 bytes, so the size divides; only the cap refuses it.
  const fs::path input = dir_ / "huge.bin";
  { std::ofstream(input, std::ios::binary); }
  fs::resize_file(input, (std::uintmax_t{64} << 20) + 16);
  const CommandResult result = run_mcusim({"run", "--workload", "touch", "--input", input.string(), "--json"});
  expect_bad_input(result, {input.string(), "67108880 bytes", "64 MiB"});
}

TEST_F(Limits, RunStopsAUserKernelPrintingWithoutEndAtMaxOutput) {
  // The kernel prints 64-byte lines forever: 4096 bytes is 64 lines, then
  // the run stops (exit 3) with the "output limit" fault and a "limit" report.
  const std::string kernel = "FULLY_CONNECTED=" + source_path("tests/tools/user_kernels/fc_print_flood.c").string();
  const CommandResult result = run_mcusim(
      {"run", "--workload", "touch", "--inferences", "1", "--kernel", kernel, "--max-output", "4096", "--json"});
  EXPECT_EQ(result.exit_code, 3) << result.err.substr(0, 2000);
  EXPECT_NE(result.err.find("mcusim: guest fault: output limit: the guest printed more than 4096 bytes"),
            std::string::npos)
      << result.err.substr(result.err.size() > 2000 ? result.err.size() - 2000 : 0);
  const nlohmann::json report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["status"], "limit");
  EXPECT_EQ(report["console_bytes"], 4096);
}

TEST_F(Limits, TheDefaultOutputCapIs16MiB) {
  // No --max-output: the guest flood stops at Console::kDefaultLimit
  // (sim/guest/console.hpp), every byte of it printed, none after.
  const CommandResult result = run_mcusim({"exec", "--target", "generic-m0", guest_elf("fault_output_flood").string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("the guest printed more than 16777216 bytes"), std::string::npos) << result.err;
  // The summary follows the guest's output on stdout after a blank line.
  EXPECT_EQ(result.out.find("\nmcusim exec:"), std::size_t{16} << 20) << "the guest's output is not exactly 16 MiB";
}

TEST_F(Limits, ASweepGridOfAMillionPointsIsRefusedBeforeAnyPointRuns) {
  // 4 targets x 6 workloads x 1000 clocks x 16 wait states x 3 variants =
  // 1,152,000 points against the default --max-points 10000 (docs/sweep.md).
  std::string clocks, wait_states;
  for (int mhz = 1; mhz <= 1000; ++mhz) clocks += (mhz > 1 ? "," : "") + std::to_string(mhz);
  for (int ws = 0; ws <= 15; ++ws) wait_states += (ws > 0 ? "," : "") + std::to_string(ws);
  const auto started = std::chrono::steady_clock::now();
  const CommandResult result = run_mcusim({"sweep", "--target", "generic-m0,generic-m0plus,generic-m4,touch-m0",
                                           "--workload", "touch,sine,kws-ds-cnn,vww-mobilenet,resnet-8,anomaly-ae",
                                           "--clock-mhz", clocks, "--wait-states", wait_states, "--variant",
                                           "ref,m0,m4", "--json", "-o", (dir_ / "sweep").string()});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  expect_bad_input(result, {"the grid has 1152000 points, more than --max-points 10000"});
  EXPECT_FALSE(fs::exists(dir_ / "sweep")) << "a refused sweep wrote its folder";
  EXPECT_LT(seconds, 10.0);
}

}  // namespace
}  // namespace mcusim::test
