// runtime/compiler/op_params.hpp — per-operator parameter preparation: from a
// Model's operator to the params struct its kernel takes (runtime/kernels/
// kernels.h), with the quantized multipliers, shifts, clamps and padding
// computed the way TFLite Micro's Prepare functions compute them.
//
// Preparation is also where an operator is checked: tensor types, shapes,
// quantization and options must be what the kernel assumes, and what TFLite
// Micro would refuse is refused here too (mcusim::Error, BadInput, naming the
// operator and its index).
//
// Pointer fields of the params structs (per-channel multiplier and shift
// arrays, concatenation copy sizes) are left null: the arrays live in the
// prepared struct's vectors, and whoever calls the kernel binds them
// (HostInterpreter does it right before each call).
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/kernels/kernels.h"

namespace mcusim::compiler {

struct FullyConnectedOp {
  fully_connected_s8_params params{};
  std::vector<std::int32_t> multipliers;  // per channel, empty when per tensor
  std::vector<std::int32_t> shifts;
};
struct Conv2DOp {
  conv2d_s8_params params{};
  std::vector<std::int32_t> multipliers;  // one per output channel
  std::vector<std::int32_t> shifts;
};
struct DepthwiseConv2DOp {
  depthwise_conv2d_s8_params params{};
  std::vector<std::int32_t> multipliers;  // one per output channel
  std::vector<std::int32_t> shifts;
};
struct AveragePool2DOp {
  pool2d_s8_params params{};
};
struct MaxPool2DOp {
  pool2d_s8_params params{};
};
struct AddOp {
  add_s8_params params{};
};
struct MulOp {
  mul_s8_params params{};
};
struct SoftmaxOp {
  softmax_s8_params params{};
};
struct LogisticOp {
  logistic_s8_params params{};
};
struct TanhOp {
  tanh_s8_params params{};
};
struct ReluOp {
  relu_s8_params params{};
};
struct HardTanhOp {
  hard_tanh_s8_params params{};
};
struct Relu6Op {
  relu6_s8_params params{};
};
struct ConcatenationOp {
  concatenation_s8_params params{};
  std::vector<std::int32_t> copy_sizes;  // one per input
};
struct MeanOp {
  mean_s8_params params{};
};
struct PadOp {
  pad_s8_params params{};
};
struct RequantizeOp {  // QUANTIZE int8 -> int8
  requantize_s8_params params{};
};
struct QuantizeFloatOp {  // QUANTIZE float32 -> int8
  quantize_f32_params params{};
};
struct DequantizeOp {  // DEQUANTIZE int8 -> float32
  dequantize_s8_params params{};
};
struct ReshapeOp {
  reshape_params params{};
};

using OpParams = std::variant<FullyConnectedOp, Conv2DOp, DepthwiseConv2DOp, AveragePool2DOp, MaxPool2DOp, AddOp,
                              MulOp, SoftmaxOp, LogisticOp, TanhOp, ReluOp, HardTanhOp, Relu6Op, ConcatenationOp,
                              MeanOp, PadOp, RequantizeOp, QuantizeFloatOp, DequantizeOp, ReshapeOp>;

struct PreparedOp {
  int op_index = 0;  // index into Model::operators
  OpParams params;
};

// Prepares one operator of `model`; throws mcusim::Error (BadInput) when the
// operator cannot run as TFLite Micro would run it.
PreparedOp prepare_operator(const Model& model, const Operator& op);

// Prepares every operator, in execution order.
std::vector<PreparedOp> prepare_model(const Model& model);

}  // namespace mcusim::compiler
