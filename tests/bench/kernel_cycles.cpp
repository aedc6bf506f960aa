// tests/bench/kernel_cycles.cpp — cycles per MAC of the runtime's kernels on
// the benchmark shapes of issue 6, run inside mcusim on generic-m0 and
// generic-m4 with the kernel-runner guests, for every kernel variant a core
// can run (ref and m0 on the M0; ref, m0 and m4 on the M4). Every output is
// compared with the host build of the ref kernels; a difference fails the run. A benchmark, not a test: it prints
// its table (`cmake --build build --target bench-kernels`). Weights and inputs
// are a fixed xorshift32 stream, so the figures are the same on every machine.
#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/kernel_case_blob.hpp"
#include "tests/runtime/tflite_builder.hpp"
#include "tests/support/test_support.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using mcusim::test::ModelSpec;
using mcusim::test::OpSpec;
using mcusim::test::TensorSpec;

std::vector<std::uint8_t> random_bytes(std::size_t count, std::uint32_t seed) {
  std::vector<std::uint8_t> bytes(count);
  std::uint32_t x = seed;
  for (auto& b : bytes) {  // Marsaglia xorshift32, low byte
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    b = static_cast<std::uint8_t>(x);
  }
  return bytes;
}

std::vector<std::uint8_t> small_biases(std::size_t count) {
  std::vector<std::int32_t> bias(count);
  for (std::size_t i = 0; i < count; ++i) bias[i] = static_cast<std::int32_t>(i * 37 % 200) - 100;
  return mcusim::test::bytes_of(bias);
}

TensorSpec weights(std::vector<std::int32_t> shape, std::size_t count, std::size_t channels, int dim) {
  TensorSpec t;
  t.name = "weights";
  t.shape = std::move(shape);
  t.scales.assign(channels, 0.02f);
  t.zero_points.assign(channels, 0);
  t.quantized_dimension = dim;
  t.data = random_bytes(count, 7);
  // Quantized weights lie in [-127, 127] (the TFLite int8 specification's
  // symmetric weights); the m0 block refuses a -128 it never meets in a real
  // model and would leave the reference-layout loop in its place.
  for (std::uint8_t& w : t.data) {
    if (w == 0x80) w = 0x81;
  }
  return t;
}

// `channels` int32 values; one scale per channel, or one for all (`per_tensor`).
TensorSpec bias(std::size_t channels, float input_scale, bool per_tensor = false) {
  TensorSpec t;
  t.name = "bias";
  t.shape = {static_cast<std::int32_t>(channels)};
  t.type = tflite::TensorType_INT32;
  t.scales.assign(per_tensor ? 1 : channels, input_scale * 0.02f);
  t.zero_points.assign(per_tensor ? 1 : channels, 0);
  t.data = small_biases(channels);
  return t;
}

struct Shape {
  std::string name;
  ModelSpec spec;
  std::size_t input_bytes;
  std::uint64_t macs;
};

Shape fully_connected() {
  ModelSpec m;
  m.tensors = {mcusim::test::int8_tensor("input", {1, 256}, 0.05f, -3), weights({64, 256}, 64 * 256, 1, 0),
               bias(64, 0.05f, true), mcusim::test::int8_tensor("output", {1, 64}, 0.2f, 4)};
  OpSpec op{tflite::BuiltinOperator_FULLY_CONNECTED, {0, 1, 2}, {3},
            tflite::BuiltinOptions_FullyConnectedOptions,
            [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateFullyConnectedOptions(b).Union(); },
            ""};
  m.ops = {op};
  m.inputs = {0};
  m.outputs = {3};
  return {"FC 256->64", m, 256, 256ull * 64};
}

Shape conv(const std::string& name, int k, int in_c, int out_c, bool same) {
  ModelSpec m;
  m.tensors = {mcusim::test::int8_tensor("input", {1, 16, 16, in_c}, 0.05f, -3),
               weights({out_c, k, k, in_c}, static_cast<std::size_t>(out_c * k * k * in_c),
                       static_cast<std::size_t>(out_c), 0),
               bias(static_cast<std::size_t>(out_c), 0.05f),
               mcusim::test::int8_tensor("output", {1, 16, 16, out_c}, 0.5f, 2)};
  const auto padding = same ? tflite::Padding_SAME : tflite::Padding_VALID;
  OpSpec op{tflite::BuiltinOperator_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_Conv2DOptions,
            [padding](flatbuffers::FlatBufferBuilder& b) {
              return tflite::CreateConv2DOptions(b, padding, 1, 1).Union();
            },
            ""};
  m.ops = {op};
  m.inputs = {0};
  m.outputs = {3};
  return {name, m, static_cast<std::size_t>(16 * 16 * in_c),
          16ull * 16 * static_cast<std::uint64_t>(out_c * k * k * in_c)};
}

Shape depthwise() {
  ModelSpec m;
  m.tensors = {mcusim::test::int8_tensor("input", {1, 16, 16, 64}, 0.05f, -3),
               weights({1, 3, 3, 64}, 3 * 3 * 64, 64, 3), bias(64, 0.05f),
               mcusim::test::int8_tensor("output", {1, 16, 16, 64}, 0.2f, 2)};
  OpSpec op{tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {0, 1, 2}, {3},
            tflite::BuiltinOptions_DepthwiseConv2DOptions, [](flatbuffers::FlatBufferBuilder& b) {
              return tflite::CreateDepthwiseConv2DOptions(b, tflite::Padding_SAME, 1, 1, 1).Union();
            },
            ""};
  m.ops = {op};
  m.inputs = {0};
  m.outputs = {3};
  return {"3x3 DWCONV 16x16x64", m, 16 * 16 * 64, 16ull * 16 * 64 * 9};
}

std::string value_of(const std::string& out, const std::string& key) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return {};
}

// One kernel runner: a core (mcusim target) and a kernel variant.
struct Runner {
  const char* label;   // column heading
  const char* target;  // mcusim target
  const char* elf;     // guest name (tests/guests/kernel_runner.cmake)
  const char* variant; // its kernel variant: the case carries that variant's block, as a plan would
};

// ref and m0 on the Cortex-M0; ref, m0 and m4 on the Cortex-M4 (m4 needs DSP).
const Runner kRunners[] = {
    {"M0 ref", "generic-m0", "kernel_runner_m0", "ref"},  {"M0 m0", "generic-m0", "kernel_runner_m0_m0", "m0"},
    {"M4 ref", "generic-m4", "kernel_runner_m4", "ref"},  {"M4 m0", "generic-m4", "kernel_runner_m4_m0", "m0"},
    {"M4 m4", "generic-m4", "kernel_runner_m4_m4", "m4"},
};

}  // namespace

int run() {
  const std::vector<Shape> shapes = {fully_connected(), conv("1x1 CONV 16x16x64->64", 1, 64, 64, false),
                                     conv("3x3 CONV 16x16x16->32", 3, 16, 32, true), depthwise()};
  const auto dir = std::filesystem::temp_directory_path() / "mcusim-kernel-bench";
  std::filesystem::create_directories(dir);
  // Two tables from one set of runs: cycles per MAC, then raw cycles.
  std::string per_mac_table = "| shape | MACs |";
  std::string per_mac_rule = "| --- | ---: |";
  std::string cycles_table = "| shape |";
  std::string cycles_rule = "| --- |";
  for (const Runner& runner : kRunners) {
    per_mac_table += fmt::format(" {} |", runner.label);
    cycles_table += fmt::format(" {} |", runner.label);
    per_mac_rule += " ---: |";
    cycles_rule += " ---: |";
  }
  per_mac_table += " m0/ref on M0 | m4/ref on M4 | outputs |\n" + per_mac_rule + " ---: | ---: | --- |\n";
  cycles_table += "\n" + cycles_rule + "\n";
  bool all_equal = true;
  for (const Shape& shape : shapes) {
    const auto bytes = mcusim::test::build_tflite(shape.spec);
    const auto model = mcusim::compiler::read_tflite(bytes, shape.name);
    const auto input = random_bytes(shape.input_bytes, 11);
    mcusim::compiler::HostInterpreter host(model);
    host.set_input(0, input);
    host.invoke();
    std::string host_hex;
    for (const std::uint8_t b : host.output(0)) host_hex += fmt::format("{:02x}", b);
    std::vector<double> per_mac;
    std::string per_mac_cells;
    std::string cycle_cells;
    bool equal = true;
    for (const Runner& runner : kRunners) {
      // The operator as the plan writer prepares it for this runner's variant
      // (params, and the variant block where the writer would add one).
      const auto kernel_case = mcusim::test::make_kernel_case(model, {input}, runner.variant);
      std::ofstream(dir / "case.bin", std::ios::binary)
          .write(reinterpret_cast<const char*>(kernel_case.blob.data()),
                 static_cast<std::streamsize>(kernel_case.blob.size()));
      const auto run = mcusim::test::run_mcusim({"exec", "--target", runner.target, "--semihosting-root",
                                                 dir.string(), "--args", "case.bin",
                                                 mcusim::test::guest_elf(runner.elf).string()});
      const std::string cycles = value_of(run.out, "cycles");
      if (run.exit_code != 0 || cycles.empty()) {
        fmt::print(stderr, "{} with {} on {} failed:\n{}{}\n", shape.name, runner.elf, runner.target, run.out,
                   run.err);
        return 1;
      }
      equal &= value_of(run.out, "output") == host_hex;
      per_mac.push_back(std::stod(cycles) / static_cast<double>(shape.macs));
      per_mac_cells += fmt::format(" {:.2f} |", per_mac.back());
      cycle_cells += fmt::format(" {} |", cycles);
    }
    all_equal &= equal;
    per_mac_table += fmt::format("| {} | {} |{} {:.2f}x | {:.2f}x | {} |\n", shape.name, shape.macs, per_mac_cells,
                                 per_mac[0] / per_mac[1], per_mac[2] / per_mac[4],
                                 equal ? "all equal to the host build" : "DIFFER from the host build");
    cycles_table += fmt::format("| {} |{}\n", shape.name, cycle_cells);
  }
  fmt::print("cycles per MAC (kernel cycles / MACs), generic-m0 and generic-m4, zero wait states\n\n{}\n", per_mac_table);
  fmt::print("kernel cycles\n\n{}", cycles_table);
  return all_equal ? 0 : 1;
}

int main() {
  try {
    return run();
  } catch (const std::exception& error) {
    fmt::print(stderr, "mcusim_kernel_bench: {}\n", error.what());
    return 2;
  }
}
