// tests/runtime/m4_matmul_simulated_test.cpp — the m4 matrix kernel's device
// build (runtime/kernels/m4/matmul_m4_thumb.h) on its variant block inside
// mcusim (generic-m4, the kernel_runner_m4_m4 guest), against the host build
// of the ref kernels, byte for byte: single-operator models whose case blob
// carries the block the plan writer makes for m4 (kernel_case_blob.hpp),
// covering both Thumb routines (two pixels, one pixel), both clamps (SSAT for
// [-128, 127]; compare-and-move for RELU6 and RELU_N1_TO_1 ranges narrower
// than the output's), depths that are not multiples of 16 and row counts that
// are not multiples of 4. Needs nothing from ../shared.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/kernel_case_blob.hpp"
#include "tests/runtime/tflite_builder.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> stream(std::size_t count, std::uint32_t seed) {
  std::vector<std::uint8_t> bytes(count);
  std::uint32_t x = seed;
  for (auto& b : bytes) {  // Marsaglia xorshift32
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    b = static_cast<std::uint8_t>(x >> 8);
  }
  return bytes;
}

struct Layer {
  const char* name;
  bool conv;           // 1x1 CONV_2D over an h x w image, else FULLY_CONNECTED over `batches` rows
  int batches_or_h, w; // FC: batches, w unused
  int depth, rows;
  tflite::ActivationFunctionType activation;
  float output_scale;
  int output_zero_point;
};

ModelSpec model_of(const Layer& l) {
  ModelSpec m;
  const int pixels = l.conv ? l.batches_or_h * l.w : l.batches_or_h;
  const std::vector<std::int32_t> in_shape =
      l.conv ? std::vector<std::int32_t>{1, l.batches_or_h, l.w, l.depth} : std::vector<std::int32_t>{pixels, l.depth};
  const std::vector<std::int32_t> out_shape =
      l.conv ? std::vector<std::int32_t>{1, l.batches_or_h, l.w, l.rows} : std::vector<std::int32_t>{pixels, l.rows};
  TensorSpec filter;
  filter.name = "filter";
  filter.shape = l.conv ? std::vector<std::int32_t>{l.rows, 1, 1, l.depth} : std::vector<std::int32_t>{l.rows, l.depth};
  const std::size_t channels = l.conv ? static_cast<std::size_t>(l.rows) : 1;
  for (std::size_t c = 0; c < channels; ++c) filter.scales.push_back(0.004f + 0.001f * static_cast<float>(c % 7));
  filter.zero_points.assign(channels, 0);
  filter.data = stream(static_cast<std::size_t>(l.rows * l.depth), 7 + static_cast<std::uint32_t>(l.depth));
  for (auto& b : filter.data) b = b == 0x80 ? 0x81 : b;  // TFLite's symmetric weights: no -128
  TensorSpec bias;
  bias.name = "bias";
  bias.shape = {l.rows};
  bias.type = tflite::TensorType_INT32;
  for (std::size_t c = 0; c < channels; ++c) bias.scales.push_back(0.05f * filter.scales[c]);
  bias.zero_points.assign(channels, 0);
  std::vector<std::int32_t> b(static_cast<std::size_t>(l.rows));
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::int32_t>(i * 997 % 4001) - 2000;
  bias.data = bytes_of(b);
  m.tensors = {int8_tensor("input", in_shape, 0.05f, -3), filter, bias,
               int8_tensor("output", out_shape, l.output_scale, l.output_zero_point)};
  const auto activation = l.activation;
  if (l.conv) {
    m.ops = {OpSpec{tflite::BuiltinOperator_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_Conv2DOptions,
                    [activation](flatbuffers::FlatBufferBuilder& fb) {
                      return tflite::CreateConv2DOptions(fb, tflite::Padding_VALID, 1, 1, activation).Union();
                    },
                    ""}};
  } else {
    m.ops = {OpSpec{tflite::BuiltinOperator_FULLY_CONNECTED, {0, 1, 2}, {3},
                    tflite::BuiltinOptions_FullyConnectedOptions,
                    [activation](flatbuffers::FlatBufferBuilder& fb) {
                      return tflite::CreateFullyConnectedOptions(fb, activation).Union();
                    },
                    ""}};
  }
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

std::string value_of(const std::string& out, const std::string& key) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return {};
}

TEST(M4MatmulSimulated, DeviceKernelOnTheBlockEqualsHostRef) {
  using tflite::ActivationFunctionType_NONE;
  using tflite::ActivationFunctionType_RELU6;
  using tflite::ActivationFunctionType_RELU_N1_TO_1;
  // Output scales small enough that RELU6's 6.0 and RELU_N1_TO_1's +-1 clamp
  // inside [-128, 127]: the compare-and-move routines.
  const Layer layers[] = {
      {"FC 1 row, depth 300, 13 rows, RELU6", false, 1, 0, 300, 13, ActivationFunctionType_RELU6, 0.03f, -128},
      {"FC 3 rows, depth 37, 6 rows, NONE", false, 3, 0, 37, 6, ActivationFunctionType_NONE, 0.5f, 4},
      {"FC 1 row, depth 16, 4 rows, RELU_N1_TO_1", false, 1, 0, 16, 4, ActivationFunctionType_RELU_N1_TO_1,
       0.004f, 10},
      {"CONV 1x1 3x5x20 -> 10, RELU_N1_TO_1", true, 3, 5, 20, 10, ActivationFunctionType_RELU_N1_TO_1, 0.005f, -7},
      {"CONV 1x1 2x3x64 -> 17, NONE", true, 2, 3, 64, 17, ActivationFunctionType_NONE, 0.4f, 2},
      {"CONV 1x1 1x3x300 -> 5, RELU6", true, 1, 3, 300, 5, ActivationFunctionType_RELU6, 0.03f, -128},
  };
  const fs::path dir = fs::temp_directory_path() / ("mcusim-m4-matmul-sim-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const Layer& l : layers) {
    SCOPED_TRACE(l.name);
    const auto model = compiler::read_tflite(build_tflite(model_of(l)), l.name);
    const int pixels = l.conv ? l.batches_or_h * l.w : l.batches_or_h;
    const auto input = stream(static_cast<std::size_t>(pixels * l.depth), 11);
    const KernelCase kernel_case = make_kernel_case(model, {input}, "m4");
    // The case carries the block (section 5), or the test checks nothing new.
    ASSERT_GT(kernel_case.blob.size(), make_kernel_case(model, {input}).blob.size() + 16u * static_cast<std::size_t>(l.rows));
    std::ofstream(dir / "case.bin", std::ios::binary)
        .write(reinterpret_cast<const char*>(kernel_case.blob.data()),
               static_cast<std::streamsize>(kernel_case.blob.size()));
    compiler::HostInterpreter host(model);
    host.set_input(0, input);
    host.invoke();
    std::string want;
    for (const std::uint8_t b : host.output(0)) {
      static const char* hex = "0123456789abcdef";
      want += hex[b >> 4];
      want += hex[b & 15];
    }
    const CommandResult run = run_mcusim({"exec", "--target", "generic-m4", "--semihosting-root", dir.string(),
                                          "--args", "case.bin", guest_elf("kernel_runner_m4_m4").string()});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_EQ(value_of(run.out, "output"), want);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mcusim::test
