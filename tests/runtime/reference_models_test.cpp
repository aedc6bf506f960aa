// tests/runtime/reference_models_test.cpp — the three TFLite Micro example
// models of ../shared/models, tensor by tensor: for each model and each of its
// three inputs, ../shared/reference/<model>/<input>/ holds every non-constant
// tensor TFLite Micro's reference kernels produced. The host interpreter must
// reproduce each of them byte for byte; a mismatch names the operator.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/shared_data.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

const fs::path kReferenceDir = test::shared_dir() / "reference";
const fs::path kModelsDir = test::shared_dir() / "models";

struct Case {
  std::string model;
  std::string input;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const char* model : {"hello_world_int8", "micro_speech_quantized", "person_detect"}) {
    for (const char* input : {"zp", "prng1", "prng2"}) out.push_back({model, input});
  }
  return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.model << "/" << c.input; }

class ReferenceModels : public ::testing::TestWithParam<Case> {};

TEST_P(ReferenceModels, EveryTensorBitExactWithTfliteMicro) {
  const Case& c = GetParam();
  const fs::path dir = kReferenceDir / c.model / c.input;
  MCUSIM_REQUIRE_SHARED_PATH(dir);
  std::ifstream index_file(dir / "index.json");
  const nlohmann::json index = nlohmann::json::parse(index_file);

  const Model model = read_tflite_file(kModelsDir / (c.model + ".tflite"));
  ASSERT_EQ(model.inputs, std::vector<int>{index["input_tensor"].get<int>()});
  HostInterpreter interpreter(model);
  interpreter.set_input(0, test::read_bytes(dir / "input.bin"));
  interpreter.invoke();

  // Check in execution order, so the first failure is the operator to look at.
  std::vector<nlohmann::json> tensors(index["tensors"].begin(), index["tensors"].end());
  auto order = [](const nlohmann::json& t) {
    return t["producer"].is_object() ? t["producer"]["op_index"].get<int>() : -1;
  };
  std::stable_sort(tensors.begin(), tensors.end(),
                   [&](const nlohmann::json& a, const nlohmann::json& b) { return order(a) < order(b); });
  int compared = 0;
  for (const nlohmann::json& t : tensors) {
    const int tensor_index = t["index"].get<int>();
    const std::vector<std::uint8_t> want = test::read_bytes(dir / t["file"].get<std::string>());
    const auto got_span = interpreter.tensor(tensor_index);
    const std::vector<std::uint8_t> got(got_span.begin(), got_span.end());
    std::size_t first = 0;
    while (first < std::min(got.size(), want.size()) && got[first] == want[first]) ++first;
    ASSERT_TRUE(got == want) << c.model << "/" << c.input << ": tensor " << tensor_index << " ('"
                             << t["name"].get<std::string>() << "') produced by "
                             << (t["producer"].is_object()
                                     ? "operator " + std::to_string(order(t)) + " (" +
                                           t["producer"]["op"].get<std::string>() + ")"
                                     : std::string("the input"))
                             << " differs first at byte " << first << " of " << want.size();
    ++compared;
  }
  EXPECT_GT(compared, 1);
}

INSTANTIATE_TEST_SUITE_P(TfliteMicro, ReferenceModels, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return param.param.model + "_" + param.param.input;
                         });

}  // namespace
}  // namespace mcusim::compiler
