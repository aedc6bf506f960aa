// tests/fuzz_regressions/tflite_options_type_without_table_test.cpp — found by
// fuzz/fuzz_tflite.cpp: an operator whose builtin_options_type names
// DepthwiseConv2DOptions while the options table itself is absent (the
// flatbuffers verifier accepts an absent union value). The reader read the
// required options through a null pointer (UBSan: member call on null pointer,
// runtime/compiler/tflite_options.cpp). Now refused as a bad file, for each
// operator whose options are required.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/compiler/spec_files.hpp"
#include "tests/runtime/tflite_builder.hpp"

namespace mcusim::compiler {
namespace {

using test::bad_input_message;

// One operator of `code`, the last tensor its output, with its options' union
// type set to `options_type` and no options table (OpSpec::options empty).
std::vector<std::uint8_t> model_with_options_type_only(int code, tflite::BuiltinOptions options_type,
                                                       std::vector<int> inputs, test::ModelSpec m) {
  m.ops.push_back(test::OpSpec{code, std::move(inputs), {static_cast<int>(m.tensors.size()) - 1}, options_type, {}, {}});
  m.inputs = {0};
  m.outputs = {static_cast<int>(m.tensors.size()) - 1};
  return test::build_tflite(m);
}

TEST(FuzzRegressionTfliteOptions, DepthwiseConvNamingOptionsItDoesNotCarryIsRefused) {
  test::ModelSpec m;
  m.tensors.push_back(test::int8_tensor("x", {1, 4, 4, 2}, 0.1f, 0));
  m.tensors.push_back({"w", {1, 3, 3, 2}, tflite::TensorType_INT8, {0.01f, 0.01f}, {0, 0}, 3,
                       std::vector<std::uint8_t>(18, 1)});
  m.tensors.push_back({"b", {2}, tflite::TensorType_INT32, {0.001f, 0.001f}, {0, 0}, 0, std::vector<std::uint8_t>(8, 0)});
  m.tensors.push_back(test::int8_tensor("y", {1, 4, 4, 2}, 0.1f, 0));
  const auto bytes = model_with_options_type_only(tflite::BuiltinOperator_DEPTHWISE_CONV_2D,
                                                  tflite::BuiltinOptions_DepthwiseConv2DOptions, {0, 1, 2}, m);
  const std::string message = bad_input_message([&] { (void)read_tflite(bytes, "dw.tflite"); });
  EXPECT_NE(message.find("names DepthwiseConv2DOptions but carries none"), std::string::npos) << message;
  EXPECT_NE(message.find("export it again"), std::string::npos) << message;
}

TEST(FuzzRegressionTfliteOptions, ConvAndPoolNamingOptionsTheyDoNotCarryAreRefused) {
  test::ModelSpec conv;
  conv.tensors.push_back(test::int8_tensor("x", {1, 4, 4, 2}, 0.1f, 0));
  conv.tensors.push_back({"w", {2, 3, 3, 2}, tflite::TensorType_INT8, {0.01f, 0.01f}, {0, 0}, 0,
                          std::vector<std::uint8_t>(36, 1)});
  conv.tensors.push_back({"b", {2}, tflite::TensorType_INT32, {0.001f, 0.001f}, {0, 0}, 0,
                          std::vector<std::uint8_t>(8, 0)});
  conv.tensors.push_back(test::int8_tensor("y", {1, 4, 4, 2}, 0.1f, 0));
  const auto conv_bytes = model_with_options_type_only(tflite::BuiltinOperator_CONV_2D,
                                                       tflite::BuiltinOptions_Conv2DOptions, {0, 1, 2}, conv);
  EXPECT_NE(bad_input_message([&] { (void)read_tflite(conv_bytes, "conv.tflite"); }).find("names Conv2DOptions"),
            std::string::npos);

  test::ModelSpec pool;
  pool.tensors.push_back(test::int8_tensor("x", {1, 4, 4, 2}, 0.1f, 0));
  pool.tensors.push_back(test::int8_tensor("y", {1, 2, 2, 2}, 0.1f, 0));
  const auto pool_bytes = model_with_options_type_only(tflite::BuiltinOperator_AVERAGE_POOL_2D,
                                                       tflite::BuiltinOptions_Pool2DOptions, {0}, pool);
  EXPECT_NE(bad_input_message([&] { (void)read_tflite(pool_bytes, "pool.tflite"); }).find("names Pool2DOptions"),
            std::string::npos);
}

}  // namespace
}  // namespace mcusim::compiler
