// tests/runtime/compiler/op_params_test.cpp — parameter preparation: what it
// computes for a few operators (worked by hand) and what it refuses, among
// them the one case TFLite Micro itself rejected (CONCATENATION of inputs with
// different scales, ../shared/reference/ops/README.md).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "runtime/compiler/host_interpreter.hpp"
#include "runtime/compiler/op_params.hpp"
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

Model single_op(std::vector<TensorSpec> tensors, OpSpec op, std::vector<int> inputs, int output) {
  ModelSpec m;
  m.tensors = std::move(tensors);
  m.ops.push_back(std::move(op));
  m.inputs = std::move(inputs);
  m.outputs = {output};
  return read_tflite(build_tflite(m), "op.tflite");
}

std::string prepare_error(const Model& model) {
  try {
    prepare_model(model);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    return std::string(e.what()) + "\n" + e.advice();
  }
  ADD_FAILURE() << "preparation did not refuse the model";
  return {};
}

TEST(RuntimeOpParams, ConcatenationOfDifferentScalesIsRefusedAsTfliteMicroDoes) {
  // The rejected reference case concat_diff_scales: inputs 0.05 and 0.1, output 0.1.
  const Model model = single_op({int8_tensor("a", {1, 2, 2, 3}, 0.05f, 0), int8_tensor("b", {1, 2, 2, 3}, 0.1f, 0),
                                 int8_tensor("out", {1, 2, 2, 6}, 0.1f, 0)},
                                OpSpec{tflite::BuiltinOperator_CONCATENATION, {0, 1}, {2},
                                       tflite::BuiltinOptions_ConcatenationOptions,
                                       [](flatbuffers::FlatBufferBuilder& b) {
                                         return tflite::CreateConcatenationOptions(b, 3).Union();
                                       },
                                       {}},
                                {0, 1}, 2);
  const std::string error = prepare_error(model);
  EXPECT_NE(error.find("op.tflite: operator 0 (CONCATENATION): input 0 ('a') has scale 0.05"), std::string::npos)
      << error;
  EXPECT_NE(error.find("a QUANTIZE operator"), std::string::npos) << error;
  EXPECT_NE(error.find("TFLite Micro's int8 CONCATENATION refuses this model too"), std::string::npos) << error;
}

TEST(RuntimeOpParams, SoftmaxOutputMustBeOneOver256) {
  const Model model = single_op({int8_tensor("x", {1, 4}, 0.1f, 0), int8_tensor("y", {1, 4}, 1.0f / 128, -128)},
                                OpSpec{tflite::BuiltinOperator_SOFTMAX, {0}, {1}, tflite::BuiltinOptions_SoftmaxOptions,
                                       [](flatbuffers::FlatBufferBuilder& b) {
                                         return tflite::CreateSoftmaxOptions(b, 1.0f).Union();
                                       },
                                       {}},
                                {0}, 1);
  EXPECT_NE(prepare_error(model).find("operator 0 (SOFTMAX): output quantization"), std::string::npos);
}

TEST(RuntimeOpParams, SoftmaxMultiplierAndDiffMin) {
  // beta 1, input scale 0.1f = 13421773 * 2^-27 (the float nearest 0.1):
  // beta * scale * 2^26 = 13421773 * 2^-1 = (13421773 * 2^7 / 2^31) * 2^23,
  // so (1717986944, 23) exactly; diff_min = -floor(31 * 2^26 / 2^23) = -248.
  const Model model = single_op({int8_tensor("x", {2, 5}, 0.1f, 0), int8_tensor("y", {2, 5}, 1.0f / 256, -128)},
                                OpSpec{tflite::BuiltinOperator_SOFTMAX, {0}, {1}, tflite::BuiltinOptions_SoftmaxOptions,
                                       [](flatbuffers::FlatBufferBuilder& b) {
                                         return tflite::CreateSoftmaxOptions(b, 1.0f).Union();
                                       },
                                       {}},
                                {0}, 1);
  const PreparedOp op = prepare_operator(model, model.operators[0]);
  const auto& p = std::get<SoftmaxOp>(op.params).params;
  EXPECT_EQ(p.outer_size, 2);
  EXPECT_EQ(p.depth, 5);
  EXPECT_EQ(p.input_multiplier, 1717986944);
  EXPECT_EQ(p.input_left_shift, 23);
  EXPECT_EQ(p.diff_min, -248);
}

TEST(RuntimeOpParams, ReluN1To1IsHardTanh) {
  const Model model = single_op({int8_tensor("x", {8}, 1.0f / 64, 0), int8_tensor("y", {8}, 1.0f / 64, 0)},
                                OpSpec{tflite::BuiltinOperator_RELU_N1_TO_1, {0}, {1}, tflite::BuiltinOptions_NONE, {}, {}},
                                {0}, 1);
  ASSERT_EQ(model.operators[0].kind, OpKind::HardTanh);
  const PreparedOp op = prepare_operator(model, model.operators[0]);
  const auto& p = std::get<HardTanhOp>(op.params).params;
  EXPECT_EQ(p.output_multiplier, 1 << 30);  // scale ratio 1 = 0.5 * 2^1
  EXPECT_EQ(p.output_shift, 1);
  EXPECT_EQ(p.act_min, -64);  // q(-1) at 1/64
  EXPECT_EQ(p.act_max, 64);

  HostInterpreter interpreter(model);
  interpreter.set_input(0, bytes_of(std::vector<std::int8_t>{-128, -65, -64, 0, 63, 64, 65, 127}));
  interpreter.invoke();
  const auto out = interpreter.output(0);
  const std::vector<std::int8_t> got(out.begin(), out.end());
  EXPECT_EQ(got, (std::vector<std::int8_t>{-64, -64, -64, 0, 63, 64, 64, 64}));
}

TEST(RuntimeOpParams, MeanFoldsTheTruncatedReciprocal) {
  // Mean over H,W of [1,7,1,2], equal quantization: M = 1 = (2^30, 1); n = 7:
  // s = 2, multiplier (2^30 << 2) / 7 = 613566756, shift -1.
  TensorSpec axis{"axis", {2}, tflite::TensorType_INT32, {}, {}, 0, bytes_of(std::vector<std::int32_t>{2, 1})};
  const Model model =
      single_op({int8_tensor("x", {1, 7, 1, 2}, 0.1f, 20), axis, int8_tensor("y", {1, 1, 1, 2}, 0.1f, 20)},
                OpSpec{tflite::BuiltinOperator_MEAN, {0, 1}, {2}, tflite::BuiltinOptions_ReducerOptions,
                       [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateReducerOptions(b, true).Union(); },
                       {}},
                {0}, 2);
  const PreparedOp op = prepare_operator(model, model.operators[0]);
  const auto& p = std::get<MeanOp>(op.params).params;
  EXPECT_EQ(p.outer_size, 1);
  EXPECT_EQ(p.reduce_size, 7);
  EXPECT_EQ(p.inner_size, 2);
  EXPECT_EQ(p.multiplier, 613566756);
  EXPECT_EQ(p.shift, -1);
}

TEST(RuntimeOpParams, MeanOverNonAdjacentAxesIsRefused) {
  TensorSpec axis{"axis", {2}, tflite::TensorType_INT32, {}, {}, 0, bytes_of(std::vector<std::int32_t>{1, 3})};
  const Model model =
      single_op({int8_tensor("x", {1, 2, 2, 2}, 0.1f, 0), axis, int8_tensor("y", {1, 1, 2, 1}, 0.1f, 0)},
                OpSpec{tflite::BuiltinOperator_MEAN, {0, 1}, {2}, tflite::BuiltinOptions_ReducerOptions,
                       [](flatbuffers::FlatBufferBuilder& b) { return tflite::CreateReducerOptions(b, true).Union(); },
                       {}},
                {0}, 2);
  EXPECT_NE(prepare_error(model).find("not adjacent"), std::string::npos);
}

TEST(RuntimeOpParams, ConvPaddingFromSameAndStride) {
  // 7x7 input, 3x3 filter, stride 2, SAME: output ceil(7/2) = 4; total padding
  // (4-1)*2 + 3 - 7 = 2, so 1 at the top/left. Per-channel scales 0.002 and
  // 0.004 with input 0.5 and output 0.25: M = 0.004 and 0.008.
  TensorSpec filter = int8_tensor("w", {2, 3, 3, 1}, 0.002f, 0);
  filter.scales = {0.002f, 0.004f};
  filter.zero_points = {0, 0};
  filter.data = std::vector<std::uint8_t>(18, 1);
  auto conv = [](int out_size) {
    return OpSpec{tflite::BuiltinOperator_CONV_2D, {0, 1}, {2}, tflite::BuiltinOptions_Conv2DOptions,
                  [](flatbuffers::FlatBufferBuilder& b) {
                    return tflite::CreateConv2DOptions(b, tflite::Padding_SAME, 2, 2).Union();
                  },
                  std::to_string(out_size)};
  };
  const Model model = single_op({int8_tensor("x", {1, 7, 7, 1}, 0.5f, 0), filter,
                                 int8_tensor("y", {1, 4, 4, 2}, 0.25f, 0)},
                                conv(4), {0}, 2);
  const PreparedOp op = prepare_operator(model, model.operators[0]);
  const Conv2DOp& c = std::get<Conv2DOp>(op.params);
  EXPECT_EQ(c.params.output_h, 4);
  EXPECT_EQ(c.params.pad_top, 1);
  EXPECT_EQ(c.params.pad_left, 1);
  // 0.004 = 0.512 * 2^-7 and 0.008 = 0.512 * 2^-6 (to float precision): the
  // same mantissa, shifts one apart.
  ASSERT_EQ(c.multipliers.size(), 2u);
  EXPECT_EQ(c.shifts[0], -7);
  EXPECT_EQ(c.shifts[1], -6);
  EXPECT_NEAR(c.multipliers[0], 0.512 * 2147483648.0, 2000.0);

  const Model wrong = single_op({int8_tensor("x", {1, 7, 7, 1}, 0.5f, 0), filter,
                                 int8_tensor("y", {1, 3, 3, 2}, 0.25f, 0)},
                                conv(3), {0}, 2);
  EXPECT_NE(prepare_error(wrong).find("output is 3x3 but the input, filter, stride and padding give 4x4"),
            std::string::npos);
}

TEST(RuntimeOpParams, AddBroadcastStrides) {
  // [1,1,1,4] + [1,3,3,4]: padded to 6-D, input 1 only moves along channels.
  const Model model = single_op({int8_tensor("a", {1, 1, 1, 4}, 0.1f, 0), int8_tensor("b", {1, 3, 3, 4}, 0.1f, 0),
                                 int8_tensor("y", {1, 3, 3, 4}, 0.2f, 0)},
                                OpSpec{tflite::BuiltinOperator_ADD, {0, 1}, {2}, tflite::BuiltinOptions_NONE, {}, {}},
                                {0, 1}, 2);
  const PreparedOp op = prepare_operator(model, model.operators[0]);
  const broadcast_shape& s = std::get<AddOp>(op.params).params.shape;
  const std::vector<std::int32_t> dims(s.dims, s.dims + 6);
  const std::vector<std::int32_t> a(s.input1_strides, s.input1_strides + 6);
  const std::vector<std::int32_t> b(s.input2_strides, s.input2_strides + 6);
  EXPECT_EQ(dims, (std::vector<std::int32_t>{1, 1, 1, 3, 3, 4}));
  EXPECT_EQ(a, (std::vector<std::int32_t>{0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(b, (std::vector<std::int32_t>{0, 0, 0, 12, 4, 1}));
  // Equal input scales 0.1, output 0.2: input multipliers 0.5 (2^30, 0); output
  // 0.2 / (2^20 * 0.2) = 2^-20 -> (2^30, -19).
  const add_s8_params& p = std::get<AddOp>(op.params).params;
  EXPECT_EQ(p.input1_multiplier, 1 << 30);
  EXPECT_EQ(p.input1_shift, 0);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, -19);
}

TEST(RuntimeOpParams, FullyConnectedBiasScaleMustMatch) {
  // Bias scale 1.0 against input * weight = 0.125, output 0.5: the difference
  // is 1.75 output steps, far beyond TFLite's 2 %.
  TensorSpec weights = int8_tensor("w", {1, 2}, 0.25f, 0);
  weights.data = {1, 2};
  TensorSpec bias{"bias", {1}, tflite::TensorType_INT32, {1.0f}, {0}, 0, bytes_of(std::vector<std::int32_t>{0})};
  const Model model = single_op({int8_tensor("x", {1, 2}, 0.5f, 0), weights, bias, int8_tensor("y", {1, 1}, 0.5f, 0)},
                                OpSpec{tflite::BuiltinOperator_FULLY_CONNECTED, {0, 1, 2}, {3},
                                       tflite::BuiltinOptions_NONE, {}, {}},
                                {0}, 3);
  EXPECT_NE(prepare_error(model).find("bias scale 1 differs"), std::string::npos);
}

}  // namespace
}  // namespace mcusim::compiler
