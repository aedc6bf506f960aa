// tests/runtime/reference_ops_test.cpp — every single-operator case of
// ../shared/reference/ops/ (52 cases, 17 operators, outputs from TFLite
// Micro's reference kernels at 90b983c2): import model.tflite, prepare, run the
// host build of the reference kernels on input0.bin [input1.bin], and compare
// with output.bin byte for byte.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/shared_data.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

const fs::path kOpsDir = test::reference_ops_dir();
constexpr const char* kNoData = test::kNoReferenceOps;

std::vector<std::string> case_names() { return test::reference_op_case_names(); }

// "element 7 (int8): got 12, TFLite Micro 13"
std::string first_difference(const Tensor& t, const std::vector<std::uint8_t>& got,
                             const std::vector<std::uint8_t>& want) {
  const std::size_t size = std::max<std::size_t>(1, element_size(t.type));
  for (std::size_t i = 0; i + size <= std::min(got.size(), want.size()); i += size) {
    if (std::memcmp(&got[i], &want[i], size) == 0) continue;
    if (t.type == ElementType::Float32) {
      float g = 0;
      float w = 0;
      std::memcpy(&g, &got[i], 4);
      std::memcpy(&w, &want[i], 4);
      return "element " + std::to_string(i / 4) + " (float32): got " + std::to_string(g) + ", TFLite Micro " +
             std::to_string(w);
    }
    return "element " + std::to_string(i) + " (int8): got " + std::to_string(static_cast<std::int8_t>(got[i])) +
           ", TFLite Micro " + std::to_string(static_cast<std::int8_t>(want[i]));
  }
  return "sizes differ: got " + std::to_string(got.size()) + " bytes, TFLite Micro " + std::to_string(want.size());
}

class ReferenceOps : public ::testing::TestWithParam<std::string> {};

TEST_P(ReferenceOps, BitExactWithTfliteMicro) {
  MCUSIM_REQUIRE_SHARED_PATH(kOpsDir);
  const fs::path dir = kOpsDir / GetParam();
  std::ifstream index_file(dir / "index.json");
  const nlohmann::json index = nlohmann::json::parse(index_file);

  const Model model = read_tflite_file(dir / "model.tflite");
  ASSERT_EQ(model.operators.size(), 1u);
  EXPECT_EQ(op_kind_name(model.operators[0].kind), index["op"].get<std::string>());
  const auto input_tensors = index["input_tensors"].get<std::vector<int>>();
  ASSERT_EQ(model.inputs, input_tensors);
  ASSERT_EQ(model.outputs, std::vector<int>{index["output_tensor"].get<int>()});

  HostInterpreter interpreter(model);
  for (std::size_t i = 0; i < input_tensors.size(); ++i) {
    interpreter.set_input(i, test::read_bytes(dir / ("input" + std::to_string(i) + ".bin")));
  }
  interpreter.invoke();

  const std::vector<std::uint8_t> want = test::read_bytes(dir / "output.bin");
  const auto got_span = interpreter.output(0);
  const std::vector<std::uint8_t> got(got_span.begin(), got_span.end());
  const Tensor& out = model.tensors[static_cast<std::size_t>(model.outputs[0])];
  EXPECT_TRUE(got == want) << GetParam() << " (" << index["description"].get<std::string>() << "): "
                           << first_difference(out, got, want);
}

INSTANTIATE_TEST_SUITE_P(TfliteMicro, ReferenceOps, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace mcusim::compiler
