// fuzz/make_seeds.cpp — writes the seed inputs only a program can make: small
// .tflite models built with the test builder (tests/runtime/tflite_builder.hpp,
// flatc's code for runtime/compiler/tflite_subset.fbs), the plan blobs the
// compiler writes for them and for the touch and sine workloads, input
// tensor files in fuzz_input_tensor's framing, and the report tests' hand
// report (tests/reports/report_fixture.hpp) as report JSON. fuzz/seeds.sh
// calls it and copies the tree's own files (targets, workloads, budgets) beside.
//
//   fuzz_make_seeds SOURCE_DIR OUT_DIR   ->  OUT_DIR/{tflite,plan_blob,input_tensor,baseline_json}/
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "sim/error.hpp"
#include "tests/reports/report_fixture.hpp"
#include "tests/runtime/tflite_builder.hpp"

namespace {

namespace fs = std::filesystem;
using namespace mcusim::test;

void write(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> pattern(std::size_t n, unsigned mul, unsigned add) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>((i * mul + add) % 255);
  return v;
}

std::vector<std::uint8_t> bias(std::vector<std::int32_t> values) { return bytes_of(values); }

// CONV_2D (per-channel) -> FULLY_CONNECTED -> SOFTMAX, as tests/runtime/plan.
ModelSpec conv_fc_softmax() {
  ModelSpec m;
  m.tensors.push_back(int8_tensor("x", {1, 4, 4, 2}, 0.1f, 3));
  m.tensors.push_back({"conv_filter", {3, 3, 3, 2}, tflite::TensorType_INT8, {0.01f, 0.02f, 0.015f}, {0, 0, 0}, 0,
                       pattern(54, 37, 11)});
  m.tensors.push_back({"conv_bias", {3}, tflite::TensorType_INT32, {0.001f, 0.002f, 0.0015f}, {0, 0, 0}, 0,
                       bias({100, -250, 40})});
  m.tensors.push_back(int8_tensor("c", {1, 4, 4, 3}, 0.05f, -5));
  m.tensors.push_back({"fc_weights", {5, 48}, tflite::TensorType_INT8, {0.02f}, {0}, 0, pattern(240, 53, 7)});
  m.tensors.push_back({"fc_bias", {5}, tflite::TensorType_INT32, {0.001f}, {0}, 0, bias({500, -300, 0, 1200, -42})});
  m.tensors.push_back(int8_tensor("f", {1, 5}, 0.2f, 1));
  m.tensors.push_back(int8_tensor("y", {1, 5}, 1.0f / 256, -128));
  m.ops.push_back({tflite::BuiltinOperator_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_Conv2DOptions,
                   [](flatbuffers::FlatBufferBuilder& b) {
                     return tflite::CreateConv2DOptions(b, tflite::Padding_SAME, 1, 1,
                                                        tflite::ActivationFunctionType_RELU)
                         .Union();
                   },
                   {}});
  m.ops.push_back({tflite::BuiltinOperator_FULLY_CONNECTED, {3, 4, 5}, {6}, tflite::BuiltinOptions_FullyConnectedOptions,
                   [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateFullyConnectedOptions(b).Union(); },
                   {}});
  m.ops.push_back({tflite::BuiltinOperator_SOFTMAX, {6}, {7}, tflite::BuiltinOptions_SoftmaxOptions,
                   [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateSoftmaxOptions(b, 1.0f).Union(); },
                   {}});
  m.inputs = {0};
  m.outputs = {7};
  return m;
}

// DEPTHWISE_CONV_2D -> AVERAGE_POOL_2D -> RESHAPE, ADD with the pooled
// tensor itself -> LOGISTIC: the other operator families.
ModelSpec depthwise_pool_add() {
  ModelSpec m;
  m.tensors.push_back(int8_tensor("x", {1, 6, 6, 2}, 0.1f, 0));
  m.tensors.push_back({"dw_filter", {1, 3, 3, 4}, tflite::TensorType_INT8, {0.01f, 0.02f, 0.01f, 0.03f},
                       {0, 0, 0, 0}, 3, pattern(36, 41, 3)});
  m.tensors.push_back({"dw_bias", {4}, tflite::TensorType_INT32, {0.001f, 0.002f, 0.001f, 0.003f}, {0, 0, 0, 0}, 0,
                       bias({10, -20, 30, -40})});
  m.tensors.push_back(int8_tensor("d", {1, 6, 6, 4}, 0.05f, -3));
  m.tensors.push_back(int8_tensor("p", {1, 3, 3, 4}, 0.05f, -3));
  m.tensors.push_back({"shape", {2}, tflite::TensorType_INT32, {}, {}, 0, bias({1, 36})});
  m.tensors.push_back(int8_tensor("r", {1, 36}, 0.05f, -3));
  m.tensors.push_back(int8_tensor("a", {1, 36}, 0.1f, 2));
  m.tensors.push_back(int8_tensor("y", {1, 36}, 1.0f / 256, -128));
  m.ops.push_back({tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_DepthwiseConv2DOptions,
                   [](flatbuffers::FlatBufferBuilder& b) {
                     return tflite::CreateDepthwiseConv2DOptions(b, tflite::Padding_SAME, 1, 1, 2,
                                                                 tflite::ActivationFunctionType_RELU6)
                         .Union();
                   },
                   {}});
  m.ops.push_back({tflite::BuiltinOperator_AVERAGE_POOL_2D, {3}, {4}, tflite::BuiltinOptions_Pool2DOptions,
                   [](flatbuffers::FlatBufferBuilder& b) {
                     return tflite::CreatePool2DOptions(b, tflite::Padding_VALID, 2, 2, 2, 2).Union();
                   },
                   {}});
  m.ops.push_back({tflite::BuiltinOperator_RESHAPE, {4, 5}, {6}, tflite::BuiltinOptions_NONE, {}, {}});
  m.ops.push_back({tflite::BuiltinOperator_ADD, {6, 6}, {7}, tflite::BuiltinOptions_AddOptions,
                   [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateAddOptions(b).Union(); }, {}});
  m.ops.push_back({tflite::BuiltinOperator_LOGISTIC, {7}, {8}, tflite::BuiltinOptions_NONE, {}, {}});
  m.inputs = {0};
  m.outputs = {8};
  return m;
}

// FULLY_CONNECTED with RELU_N1_TO_1 after it (the touch model's HardTanh).
ModelSpec fc_hard_tanh() {
  ModelSpec m;
  m.tensors.push_back(int8_tensor("x", {1, 8}, 0.1f, 0));
  m.tensors.push_back({"w", {4, 8}, tflite::TensorType_INT8, {0.02f}, {0}, 0, pattern(32, 29, 5)});
  m.tensors.push_back({"b", {4}, tflite::TensorType_INT32, {0.002f}, {0}, 0, bias({1, 2, 3, 4})});
  m.tensors.push_back(int8_tensor("h", {1, 4}, 0.02f, 0));
  m.tensors.push_back(int8_tensor("y", {1, 4}, 1.0f / 128, 0));
  m.ops.push_back({tflite::BuiltinOperator_FULLY_CONNECTED, {0, 1, 2}, {3}, tflite::BuiltinOptions_FullyConnectedOptions,
                   [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateFullyConnectedOptions(b).Union(); },
                   {}});
  m.ops.push_back({tflite::BuiltinOperator_RELU_N1_TO_1, {3}, {4}, tflite::BuiltinOptions_NONE, {}, {}});
  m.inputs = {0};
  m.outputs = {4};
  return m;
}

void write_plans(const fs::path& out, const std::string& name, const mcusim::compiler::Model& model) {
  for (const char* variant : {"ref", "m0"}) {
    mcusim::compiler::PlanOptions options;
    options.variant = variant;
    write(out / "plan_blob" / (name + "-" + variant + ".plan"), mcusim::compiler::write_plan(model, options).bytes);
  }
}

void write_input_seeds(const fs::path& out, const fs::path& source) {
  // fuzz_input_tensor's first byte: 0x10 .npy, 0x40 float32 input, 0x80 no
  // quantization, low nibble + 1 = elements, 0x0f a folder.
  std::vector<std::uint8_t> raw{0x03};
  for (std::uint8_t b : pattern(8, 7, 1)) raw.push_back(b);
  write(out / "input_tensor" / "raw-4x2", raw);
  std::ifstream npy(source / "workloads/touch/inputs.npy", std::ios::binary);
  std::vector<std::uint8_t> touch{std::istreambuf_iterator<char>(npy), std::istreambuf_iterator<char>()};
  touch.resize(std::min<std::size_t>(touch.size(), 4096));
  touch.insert(touch.begin(), 0x13);
  write(out / "input_tensor" / "touch-inputs-npy", touch);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fuzz_make_seeds SOURCE_DIR OUT_DIR\n");
    return 2;
  }
  const fs::path source = argv[1], out = argv[2];
  try {
    const std::pair<const char*, ModelSpec> models[] = {
        {"conv-fc-softmax", conv_fc_softmax()}, {"depthwise-pool-add", depthwise_pool_add()}, {"fc-hard-tanh", fc_hard_tanh()}};
    for (const auto& [name, spec] : models) {
      const std::vector<std::uint8_t> bytes = build_tflite(spec);
      write(out / "tflite" / (std::string(name) + ".tflite"), bytes);
      write_plans(out, name, mcusim::compiler::read_tflite(bytes, name));
    }
    for (const char* workload : {"touch", "sine"}) {
      write_plans(out, workload, mcusim::compiler::load_model_spec(source / "workloads" / workload / "model.toml"));
    }
    write_input_seeds(out, source);
    const std::string report = hand_report().dump(2);
    write(out / "baseline_json" / "hand-report.json", std::vector<std::uint8_t>(report.begin(), report.end()));
  } catch (const mcusim::Error& error) {
    std::fprintf(stderr, "fuzz_make_seeds: %s\n  %s\n", error.what(), error.advice().c_str());
    return 2;
  }
  return 0;
}
