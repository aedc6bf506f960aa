// tests/runtime/compiler/tflite_reader_test.cpp — reading .tflite files built
// in the test (tests/runtime/tflite_builder.hpp), and refusing corrupt,
// truncated, float and unsupported ones with BadInput errors that say which
// operator and what is supported.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "sim/error.hpp"
#include "tests/runtime/tflite_builder.hpp"

namespace mcusim::compiler {
namespace {

using test::build_tflite;
using test::bytes_of;
using test::int8_tensor;
using test::ModelSpec;
using test::OpSpec;
using test::TensorSpec;

// input [1,4] (0.5, zp -1) x weights [2,4] (0.25) + bias [2] (0.125) ->
// output [1,2] (0.5, zp 0), fused RELU.
ModelSpec fully_connected_model() {
  ModelSpec m;
  m.tensors.push_back(int8_tensor("input", {1, 4}, 0.5f, -1));
  TensorSpec weights = int8_tensor("weights", {2, 4}, 0.25f, 0);
  weights.data = bytes_of(std::vector<std::int8_t>{1, 1, 1, 1, 1, -1, 2, 0});
  m.tensors.push_back(weights);
  TensorSpec bias{"bias", {2}, tflite::TensorType_INT32, {0.125f}, {0}, 0, bytes_of(std::vector<std::int32_t>{4, -2})};
  m.tensors.push_back(bias);
  m.tensors.push_back(int8_tensor("output", {1, 2}, 0.5f, 0));
  OpSpec fc;
  fc.builtin_code = tflite::BuiltinOperator_FULLY_CONNECTED;
  fc.inputs = {0, 1, 2};
  fc.outputs = {3};
  fc.options_type = tflite::BuiltinOptions_FullyConnectedOptions;
  fc.options = [](flatbuffers::FlatBufferBuilder& b) {
    return tflite::CreateFullyConnectedOptions(b, tflite::ActivationFunctionType_RELU).Union();
  };
  m.ops.push_back(fc);
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

// Runs `f`, expects mcusim::Error(BadInput), returns message + "\n" + advice.
template <typename F>
std::string bad_input(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_EQ(exit_code(e.kind()), 2);
    return std::string(e.what()) + "\n" + e.advice();
  }
  ADD_FAILURE() << "no mcusim::Error thrown";
  return {};
}

TEST(RuntimeTfliteReader, ReadsTensorsOperatorsAndOptions) {
  const std::vector<std::uint8_t> bytes = build_tflite(fully_connected_model());
  const Model model = read_tflite(bytes, "fc.tflite");
  ASSERT_EQ(model.tensors.size(), 4u);
  EXPECT_EQ(model.description, "mcusim test model");
  EXPECT_EQ(model.tensors[0].name, "input");
  EXPECT_EQ(model.tensors[0].shape, (std::vector<std::int32_t>{1, 4}));
  EXPECT_FALSE(model.tensors[0].is_constant);
  EXPECT_EQ(model.tensors[0].scale(), 0.5f);
  EXPECT_EQ(model.tensors[0].zero_point(), -1);
  EXPECT_TRUE(model.tensors[1].is_constant);
  EXPECT_EQ(model.tensors[1].data.size(), 8u);
  EXPECT_EQ(model.tensors[2].type, ElementType::Int32);
  ASSERT_EQ(model.operators.size(), 1u);
  EXPECT_EQ(model.operators[0].kind, OpKind::FullyConnected);
  EXPECT_EQ(model.operators[0].options.activation, Activation::Relu);
  EXPECT_EQ(model.operators[0].inputs, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(model.inputs, std::vector<int>{0});
  EXPECT_EQ(model.outputs, std::vector<int>{3});
}

TEST(RuntimeTfliteReader, ImportedModelRunsOnTheHost) {
  const std::vector<std::uint8_t> bytes = build_tflite(fully_connected_model());
  const Model model = read_tflite(bytes, "fc.tflite");
  HostInterpreter interpreter(model);
  // q = {1, 3, -1, 5}, minus zp -1: {2, 4, 0, 6}. Row 0: 12 + 4 = 16; row 1:
  // 2 - 4 + 0 - 2 = -4. M = 0.5 * 0.25 / 0.5 = 0.25: 16 -> 4, -4 -> -1, and the
  // RELU clamp at q(0) = 0 lifts -1 to 0.
  interpreter.set_input(0, bytes_of(std::vector<std::int8_t>{1, 3, -1, 5}));
  interpreter.invoke();
  const auto out = interpreter.output(0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(static_cast<std::int8_t>(out[0]), 4);
  EXPECT_EQ(static_cast<std::int8_t>(out[1]), 0);
}

TEST(RuntimeTfliteReader, RefusesWhatIsNotATfliteFile) {
  const std::string text = "this is a text file, not a model at all";
  const std::vector<std::uint8_t> bytes(text.begin(), text.end());
  EXPECT_NE(bad_input([&] { read_tflite(bytes, "notes.txt"); }).find("notes.txt: not a .tflite model"),
            std::string::npos);
  const std::vector<std::uint8_t> tiny{1, 2, 3};
  EXPECT_NE(bad_input([&] { read_tflite(tiny, "tiny"); }).find("too short"), std::string::npos);
}

TEST(RuntimeTfliteReader, RefusesEveryTruncation) {
  const std::vector<std::uint8_t> bytes = build_tflite(fully_connected_model());
  for (std::size_t size = 8; size < bytes.size(); ++size) {
    const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
    EXPECT_NE(bad_input([&] { read_tflite(cut, "cut.tflite"); }).find("verifier rejected"), std::string::npos)
        << "truncated to " << size << " bytes";
  }
}

TEST(RuntimeTfliteReader, RefusesCorruptOffsets) {
  std::vector<std::uint8_t> bytes = build_tflite(fully_connected_model());
  bytes[0] = 0xF0;  // root table offset far past the end
  bytes[1] = 0xFF;
  EXPECT_NE(bad_input([&] { read_tflite(bytes, "corrupt.tflite"); }).find("verifier rejected"), std::string::npos);
}

TEST(RuntimeTfliteReader, RefusesAFloatModel) {
  ModelSpec m = fully_connected_model();
  for (TensorSpec& t : m.tensors) {
    t.type = tflite::TensorType_FLOAT32;
    t.scales.clear();
    t.zero_points.clear();
  }
  m.tensors[1].data = bytes_of(std::vector<float>(8, 0.5f));
  m.tensors[2].data = bytes_of(std::vector<float>(2, 0.0f));
  const std::string error = bad_input([&] { read_tflite(build_tflite(m), "float.tflite"); });
  EXPECT_NE(error.find("float model: operator 0 (FULLY_CONNECTED)"), std::string::npos) << error;
  EXPECT_NE(error.find("quantize the model to int8"), std::string::npos) << error;
}

TEST(RuntimeTfliteReader, RefusesAnUnsupportedOperatorNamingItsIndexAndTheSupportedList) {
  ModelSpec m;
  m.tensors = {int8_tensor("x", {4}, 0.1f, 0), int8_tensor("y", {4}, 0.1f, 0), int8_tensor("z", {4}, 0.1f, 0)};
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_RELU, {0}, {1}, tflite::BuiltinOptions_NONE, {}, {}});
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_HARD_SWISH, {1}, {2}, tflite::BuiltinOptions_NONE, {}, {}});
  m.inputs = {0};
  m.outputs = {2};
  const std::string error = bad_input([&] { read_tflite(build_tflite(m), "swish.tflite"); });
  EXPECT_NE(error.find("swish.tflite: operator 1 is HARD_SWISH, which mcusim has no kernel for"), std::string::npos)
      << error;
  EXPECT_NE(error.find("supported operators: ADD, AVERAGE_POOL_2D, CONCATENATION, CONV_2D"), std::string::npos)
      << error;
  EXPECT_NE(error.find("RELU_N1_TO_1"), std::string::npos) << error;
}

TEST(RuntimeTfliteReader, RefusesACustomOperator) {
  ModelSpec m;
  m.tensors = {int8_tensor("x", {4}, 0.1f, 0), int8_tensor("y", {4}, 0.1f, 0)};
  m.ops.push_back(OpSpec{tflite::BuiltinOperator_CUSTOM, {0}, {1}, tflite::BuiltinOptions_NONE, {}, "MyOp"});
  m.inputs = {0};
  m.outputs = {1};
  const std::string error = bad_input([&] { read_tflite(build_tflite(m), "custom.tflite"); });
  EXPECT_NE(error.find("operator 0 is the custom operator \"MyOp\""), std::string::npos) << error;
}

TEST(RuntimeTfliteReader, RefusesSeveralSubgraphs) {
  ModelSpec m = fully_connected_model();
  m.subgraphs = 2;
  EXPECT_NE(bad_input([&] { read_tflite(build_tflite(m), "two.tflite"); }).find("2 subgraphs"), std::string::npos);
}

TEST(RuntimeTfliteReader, RefusesATensorIndexOutOfRange) {
  ModelSpec m = fully_connected_model();
  m.ops[0].inputs = {0, 1, 7};
  const std::string error = bad_input([&] { read_tflite(build_tflite(m), "bad.tflite"); });
  EXPECT_NE(error.find("operator 0 (FULLY_CONNECTED): input tensor 7 of 4"), std::string::npos) << error;
}

TEST(RuntimeTfliteReader, RefusesConstantDataOfTheWrongSize) {
  ModelSpec m = fully_connected_model();
  m.tensors[1].data.pop_back();
  const std::string error = bad_input([&] { read_tflite(build_tflite(m), "short.tflite"); });
  EXPECT_NE(error.find("tensor 1 (weights) holds 7 bytes of data but its shape and type need 8"), std::string::npos)
      << error;
}

}  // namespace
}  // namespace mcusim::compiler
