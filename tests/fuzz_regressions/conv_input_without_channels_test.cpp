// tests/fuzz_regressions/conv_input_without_channels_test.cpp — found by
// fuzz/fuzz_tflite.cpp: a CONV_2D whose input has 0 channels (shape
// [1, 4, 4, 0]) and a filter of depth 3. 0 % 3 passed the "depth divides
// the channels" check, then output_c % (input_c / filter_c) divided by zero
// (UBSan; on x86 a SIGFPE that kills mcusim) in
// runtime/compiler/prepare_conv.cpp. Now the model is refused naming the
// depths, as other mismatched groups are.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/compiler/spec_files.hpp"
#include "tests/runtime/tflite_builder.hpp"

namespace mcusim::compiler {
namespace {

TEST(FuzzRegressionConv, InputWithoutChannelsIsRefusedNotDividedByZero) {
  test::ModelSpec m;
  m.tensors.push_back(test::int8_tensor("x", {1, 4, 4, 0}, 0.1f, 0));
  m.tensors.push_back({"w", {2, 3, 3, 3}, tflite::TensorType_INT8, {0.01f, 0.01f}, {0, 0}, 0,
                       std::vector<std::uint8_t>(54, 1)});
  m.tensors.push_back({"b", {2}, tflite::TensorType_INT32, {0.001f, 0.001f}, {0, 0}, 0, std::vector<std::uint8_t>(8, 0)});
  m.tensors.push_back(test::int8_tensor("y", {1, 4, 4, 2}, 0.1f, 0));
  m.ops.push_back(test::OpSpec{tflite::BuiltinOperator_CONV_2D, {0, 1, 2}, {3}, tflite::BuiltinOptions_Conv2DOptions,
                               [](flatbuffers::FlatBufferBuilder& b) {
                                 return tflite::CreateConv2DOptions(b, tflite::Padding_SAME, 1, 1).Union();
                               },
                               {}});
  m.inputs = {0};
  m.outputs = {3};
  const Model model = read_tflite(test::build_tflite(m), "deep_filter.tflite");
  const std::string message = test::bad_input_message([&] { (void)write_plan(model); });
  EXPECT_NE(message.find("filters of depth 3 do not divide 0 input channels into groups"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace mcusim::compiler
