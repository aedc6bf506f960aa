// tests/fuzz_regressions/depthwise_multiplier_overflow_test.cpp — found by
// fuzz/fuzz_tflite.cpp: a DEPTHWISE_CONV_2D whose depth_multiplier option is
// 1078071041 on 2 input channels. The check "output channels = input
// channels x multiplier" multiplied in int and overflowed (UBSan: signed
// integer overflow, runtime/compiler/prepare_conv.cpp). Now computed in
// 64 bits and refused naming the three numbers. Without the fix the int
// product wraps to a value that also fails the check, so this test fails
// only under UBSan (build-asan, build-fuzz/fuzz/fuzz_regressions).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"
#include "tests/runtime/compiler/spec_files.hpp"
#include "tests/runtime/tflite_builder.hpp"

namespace mcusim::compiler {
namespace {

TEST(FuzzRegressionDepthwise, AHugeDepthMultiplierIsRefusedWithoutOverflow) {
  test::ModelSpec m;
  m.tensors.push_back(test::int8_tensor("x", {1, 4, 4, 2}, 0.1f, 0));
  m.tensors.push_back({"w", {1, 3, 3, 2}, tflite::TensorType_INT8, {0.01f, 0.01f}, {0, 0}, 3,
                       std::vector<std::uint8_t>(18, 1)});
  m.tensors.push_back({"b", {2}, tflite::TensorType_INT32, {0.001f, 0.001f}, {0, 0}, 0, std::vector<std::uint8_t>(8, 0)});
  m.tensors.push_back(test::int8_tensor("y", {1, 4, 4, 2}, 0.1f, 0));
  m.ops.push_back(test::OpSpec{tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {0, 1, 2}, {3},
                               tflite::BuiltinOptions_DepthwiseConv2DOptions,
                               [](flatbuffers::FlatBufferBuilder& b) {
                                 return tflite::CreateDepthwiseConv2DOptions(b, tflite::Padding_SAME, 1, 1, 1078071041)
                                     .Union();
                               },
                               {}});
  m.inputs = {0};
  m.outputs = {3};
  const Model model = read_tflite(test::build_tflite(m), "multiplier.tflite");
  const std::string message = test::bad_input_message([&] { (void)write_plan(model); });
  EXPECT_NE(message.find("2 output channels are not 2 input channels times depth multiplier 1078071041"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace mcusim::compiler
