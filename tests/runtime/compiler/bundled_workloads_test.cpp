// tests/runtime/compiler/bundled_workloads_test.cpp — every bundled workload
// (workloads/<name>/model.toml) loads, quantizes and runs on the host
// kernels, and its committed fixed input fits the model's input tensor. How
// far each one's int8 outputs are from its float model is printed; the touch
// classifier's accuracy is asserted in touch_workload_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/compiler/float_reference.hpp"
#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/npy_reader.hpp"
#include "runtime/compiler/quantizer.hpp"
#include "runtime/kernels/kernels.h"

namespace mcusim::compiler {
namespace {

std::filesystem::path workloads_dir() { return std::filesystem::path(MCUSIM_SOURCE_DIR) / "workloads"; }

std::vector<std::string> workload_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(workloads_dir())) {
    if (std::filesystem::exists(entry.path() / "model.toml")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BundledWorkload : public ::testing::TestWithParam<std::string> {};

TEST_P(BundledWorkload, LoadsQuantizesAndRuns) {
  const std::filesystem::path dir = workloads_dir() / GetParam();
  SpecNetwork net = parse_model_spec(dir / "model.toml");
  ASSERT_TRUE(net.is_float);
  quantize_network(net);
  const Model model = build_model(net);
  HostInterpreter interpreter(model);

  // The fixed float input: input_float.npy, or the first of inputs.npy.
  std::vector<float> frame;
  if (std::filesystem::exists(dir / "input_float.npy")) {
    frame = read_npy(dir / "input_float.npy").floats();
  } else if (const NpyArray inputs = read_npy(dir / "inputs.npy"); inputs.type == NpyType::Int8) {
    // int8 images (vww-mobilenet, resnet-8): the first, dequantized, so that
    // quantizing it again gives the same bytes.
    const std::vector<std::int8_t> q = inputs.int8s();
    for (std::int64_t i = 0; i < net.input_elements(); ++i) {
      frame.push_back(net.input_quant->scale * static_cast<float>(q[static_cast<std::size_t>(i)] - net.input_quant->zero_point));
    }
  } else {
    frame = inputs.floats();
    frame.resize(static_cast<std::size_t>(net.input_elements()));
  }
  ASSERT_EQ(static_cast<std::int64_t>(frame.size()), net.input_elements());
  quantize_f32_params p{};
  p.size = static_cast<std::int32_t>(frame.size());
  p.scale = net.input_quant->scale;
  p.zero_point = net.input_quant->zero_point;
  std::vector<std::int8_t> q(frame.size());
  quantize_f32_s8(&p, frame.data(), q.data());
  interpreter.set_input(0, std::vector<std::uint8_t>(q.begin(), q.end()));
  interpreter.invoke();
  const auto first = interpreter.output(0);
  const std::vector<std::uint8_t> outputs(first.begin(), first.end());
  interpreter.invoke();  // the same input gives the same bytes
  const auto second = interpreter.output(0);
  EXPECT_TRUE(std::equal(outputs.begin(), outputs.end(), second.begin(), second.end()));

  const Tensor& out = model.tensors[static_cast<std::size_t>(model.outputs[0])];
  const std::vector<float> expected = float_forward(net, frame).back();
  ASSERT_EQ(expected.size(), outputs.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double dequantized =
        static_cast<double>(out.scale()) * (static_cast<std::int8_t>(outputs[i]) - out.zero_point());
    worst = std::max(worst, std::abs(dequantized - expected[i]) / static_cast<double>(out.scale()));
  }
  std::printf("[ %s ] %zu operators; int8 vs float on input_float.npy: worst %.2f output steps\n",
              GetParam().c_str(), model.operators.size(), worst);
}

INSTANTIATE_TEST_SUITE_P(Workloads, BundledWorkload, ::testing::ValuesIn(workload_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace mcusim::compiler
