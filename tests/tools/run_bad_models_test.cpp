// `mcusim run --model` on .tflite files the tests generate themselves
// (tests/runtime/tflite_builder.hpp): a truncated file, a float model and an
// unsupported operator each end with exit 2 and a message naming the file and
// the fix — never a crash or a half report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/runtime/tflite_builder.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

fs::path write_model(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  const fs::path path = fs::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                               static_cast<std::streamsize>(bytes.size()));
  return path;
}

ModelSpec relu_then(int second_builtin) {
  ModelSpec m;
  m.tensors = {int8_tensor("x", {1, 4}, 0.1f, 0), int8_tensor("y", {1, 4}, 0.1f, 0), int8_tensor("z", {1, 4}, 0.1f, 0)};
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_RELU, {0}, {1}, tflite::BuiltinOptions_NONE, {}, {}});
  m.ops.push_back(OpSpec{second_builtin, {1}, {2}, tflite::BuiltinOptions_NONE, {}, {}});
  m.inputs = {0};
  m.outputs = {2};
  return m;
}

void expect_refused(const fs::path& model, const std::string& words) {
  const CommandResult result = run_mcusim({"run", "--model", model.string(), "--json"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(result.out.empty()) << "no report for a model that was refused: " << result.out;
  EXPECT_NE(result.err.find(model.string()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(words), std::string::npos) << result.err;
  fs::remove(model);
}

TEST(RunBadModels, AnUnsupportedOperatorIsNamedWithItsIndex) {
  expect_refused(write_model("mcusim_run_swish.tflite", build_tflite(relu_then(tflite::BuiltinOperator_HARD_SWISH))),
                 "operator 1 is HARD_SWISH");
}

TEST(RunBadModels, ATruncatedFileIsRefusedByTheVerifier) {
  std::vector<std::uint8_t> bytes = build_tflite(relu_then(tflite::BuiltinOperator_RELU));
  bytes.resize(bytes.size() / 2);
  expect_refused(write_model("mcusim_run_cut.tflite", bytes), "verifier rejected");
}

TEST(RunBadModels, AFloatModelIsToldToQuantize) {
  ModelSpec m = relu_then(tflite::BuiltinOperator_RELU);
  for (TensorSpec& t : m.tensors) {
    t.type = tflite::TensorType_FLOAT32;
    t.scales.clear();
    t.zero_points.clear();
  }
  expect_refused(write_model("mcusim_run_float.tflite", build_tflite(m)), "quantize the model to int8");
}

TEST(RunBadModels, AValidGeneratedModelRuns) {
  // The same builder's valid two-RELU model runs: the refusals above are
  // about the files, not about generated models.
  const fs::path model = write_model("mcusim_run_relu.tflite", build_tflite(relu_then(tflite::BuiltinOperator_RELU)));
  const CommandResult result = run_mcusim({"run", "--model", model.string(), "--inferences", "0"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("no budget given"), std::string::npos) << result.out;
  fs::remove(model);
}

}  // namespace
}  // namespace mcusim::test
