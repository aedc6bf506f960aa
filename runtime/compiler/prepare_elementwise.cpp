// runtime/compiler/prepare_elementwise.cpp — ADD, MUL, SOFTMAX, LOGISTIC,
// TANH, RELU, RELU_N1_TO_1, RELU6, QUANTIZE, DEQUANTIZE: the quantization
// parameters as TFLite Micro's Prepare functions compute them (add_common.cc,
// mul_common.cc, softmax_common.cc, logistic_common.cc, tanh.cc,
// activations_common.cc, quantize_common.cc, dequantize_common.cc).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "runtime/compiler/prepare_context.hpp"
#include "runtime/compiler/quantize_multiplier.hpp"

namespace mcusim::compiler {
namespace {

constexpr const char* kReexport = "the model file is inconsistent; export it again";

// Output shape and per-input strides for the 6-D broadcasting loops of add_s8
// and mul_s8 (TFLite's NdArrayDescsForElementwiseBroadcast).
broadcast_shape broadcast(const PrepareContext& ctx, const Tensor& a, const Tensor& b, const Tensor& out) {
  constexpr int kDims = ELEMENTWISE_MAX_DIMS;
  ctx.require(a.rank() <= kDims && b.rank() <= kDims && out.rank() <= kDims,
              "mcusim broadcasts tensors of up to 6 dimensions", "a tensor has more than 6 dimensions");
  auto extended = [](const Tensor& t) {
    std::vector<std::int32_t> dims(kDims, 1);
    std::copy(t.shape.begin(), t.shape.end(), dims.begin() + (kDims - t.rank()));
    return dims;
  };
  const auto da = extended(a);
  const auto db = extended(b);
  const auto dout = extended(out);
  broadcast_shape s{};
  std::int32_t stride_a = 1;
  std::int32_t stride_b = 1;
  for (int d = kDims - 1; d >= 0; --d) {
    const auto i = static_cast<std::size_t>(d);
    const std::int32_t expected = da[i] == 1 ? db[i] : da[i];
    ctx.require((da[i] == db[i] || da[i] == 1 || db[i] == 1) && dout[i] == expected, kReexport,
                "input shapes do not broadcast to the output shape");
    s.dims[d] = dout[i];
    s.input1_strides[d] = da[i] == 1 ? 0 : stride_a;
    s.input2_strides[d] = db[i] == 1 ? 0 : stride_b;
    stride_a *= da[i];
    stride_b *= db[i];
  }
  return s;
}

void expect_same_size(const PrepareContext& ctx, const Tensor& input, const Tensor& output) {
  ctx.require(input.element_count() == output.element_count(), kReexport,
              "input has {} values, output {}", input.element_count(), output.element_count());
}

QuantizedMultiplier smaller_than_one(const PrepareContext& ctx, double real, const char* what) {
  ctx.require(real > 0.0 && real < 1.0, "requantize the operands to scales of a similar magnitude",
              "{} multiplier {} is not in (0, 1), which TFLite's int8 ADD requires", what, real);
  return quantize_multiplier(real);
}

}  // namespace

OpParams prepare_add(const PrepareContext& ctx) {
  const auto [a, b, out] = binary_int8_operands(ctx);
  AddOp op;
  add_s8_params& p = op.params;
  p.shape = broadcast(ctx, a, b, out);
  p.input1_offset = -a.zero_point();
  p.input2_offset = -b.zero_point();
  p.output_offset = out.zero_point();
  p.left_shift = 20;  // int8 headroom, add_common.cc
  const double twice_max_input_scale = 2 * static_cast<double>(std::max(a.scale(), b.scale()));
  const QuantizedMultiplier m1 = smaller_than_one(ctx, static_cast<double>(a.scale()) / twice_max_input_scale, "input 1");
  const QuantizedMultiplier m2 = smaller_than_one(ctx, static_cast<double>(b.scale()) / twice_max_input_scale, "input 2");
  const QuantizedMultiplier mo = smaller_than_one(
      ctx, twice_max_input_scale / ((1 << p.left_shift) * static_cast<double>(out.scale())), "output");
  p.input1_multiplier = m1.multiplier;
  p.input1_shift = m1.shift;
  p.input2_multiplier = m2.multiplier;
  p.input2_shift = m2.shift;
  p.output_multiplier = mo.multiplier;
  p.output_shift = mo.shift;
  set_activation_range(p, ctx.options().activation, out);
  return op;
}

OpParams prepare_mul(const PrepareContext& ctx) {
  const auto [a, b, out] = binary_int8_operands(ctx);
  MulOp op;
  mul_s8_params& p = op.params;
  p.shape = broadcast(ctx, a, b, out);
  p.input1_offset = -a.zero_point();
  p.input2_offset = -b.zero_point();
  p.output_offset = out.zero_point();
  const QuantizedMultiplier m = quantize_multiplier(static_cast<double>(a.scale()) *
                                                    static_cast<double>(b.scale()) /
                                                    static_cast<double>(out.scale()));
  p.output_multiplier = m.multiplier;
  p.output_shift = m.shift;
  set_activation_range(p, ctx.options().activation, out);
  return op;
}

OpParams prepare_softmax(const PrepareContext& ctx) {
  const auto [in, out] = unary_int8_operands(ctx);
  ctx.require(in.rank() >= 1 && in.shape == out.shape, kReexport, "input and output shapes differ");
  // softmax_common.cc: int8 output must be exactly 1/256 with zero point -128.
  ctx.require(out.zero_point() == -128 && out.scale() == 1.0f / 256,
              "quantize the softmax output with scale 1/256 and zero point -128 (the TFLite converter does)",
              "output quantization is {} / {}; TFLite Micro requires 0.00390625 / -128", out.scale(),
              out.zero_point());
  SoftmaxOp op;
  softmax_s8_params& p = op.params;
  p.depth = in.shape.back();
  ctx.require(p.depth > 0, kReexport, "the last dimension is empty");
  p.outer_size = static_cast<std::int32_t>(in.element_count() / p.depth);
  // PreprocessSoftmaxScaling: beta * input_scale in Q5.26 (kScaledDiffIntegerBits
  // = 5), capped at 2^31 - 1.
  constexpr int kScaledDiffIntegerBits = 5;
  const double real = std::min(static_cast<double>(ctx.options().beta) * static_cast<double>(in.scale()) *
                                   static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                               static_cast<double>((std::int64_t{1} << 31) - 1));
  ctx.require(real > 1.0, "check the softmax beta and the input scale",
              "beta {} times input scale {} is too small for TFLite's int8 softmax", ctx.options().beta, in.scale());
  const QuantizedMultiplier m = quantize_multiplier(real);
  p.input_multiplier = m.multiplier;
  p.input_left_shift = m.shift;
  p.diff_min = static_cast<std::int32_t>(-1.0 * calculate_input_radius(kScaledDiffIntegerBits, m.shift));
  return op;
}

OpParams prepare_logistic_or_tanh(const PrepareContext& ctx) {
  const auto [in, out] = unary_int8_operands(ctx);
  expect_same_size(ctx, in, out);
  const bool logistic = ctx.op().kind == OpKind::Logistic;
  // LOGISTIC's output zero point must be -128 (logistic_common.cc); its scale
  // is taken to be 1/256 and TANH's output to be 1/128 with zero point 0,
  // unchecked, as in TFLite Micro.
  if (logistic) {
    ctx.require(out.zero_point() == -128, "quantize the logistic output with scale 1/256 and zero point -128",
                "output zero point is {}; TFLite Micro requires -128", out.zero_point());
  }
  // The input, offset by its zero point, goes to Q4.27 (kInputIntegerBits = 4):
  // multiplier = round(frexp(input_scale * 2^27) * 2^31), the frexp exponent is
  // the left shift.
  constexpr int kInputIntegerBits = 4;
  int shift = 0;
  const double q = std::frexp(static_cast<double>(in.scale()) * static_cast<double>(1 << (31 - kInputIntegerBits)),
                              &shift);
  auto multiplier = static_cast<std::int64_t>(std::round(q * static_cast<double>(std::int64_t{1} << 31)));
  if (multiplier == (std::int64_t{1} << 31)) {  // cannot happen for a float scale; kept in range anyway
    multiplier /= 2;
    ++shift;
  }
  ctx.require(shift >= 0 && shift <= 30, "check the input quantization", "input scale {} is out of range",
              in.scale());
  logistic_s8_params p{};
  p.size = static_cast<std::int32_t>(in.element_count());
  p.input_zero_point = in.zero_point();
  p.input_multiplier = static_cast<std::int32_t>(multiplier);
  p.input_left_shift = shift;
  p.input_range_radius = calculate_input_radius(kInputIntegerBits, shift, 31);
  if (logistic) return LogisticOp{p};
  return TanhOp{p};
}

OpParams prepare_relu_or_hard_tanh(const PrepareContext& ctx) {
  const auto [in, out] = unary_int8_operands(ctx);
  expect_same_size(ctx, in, out);
  relu_s8_params p{};
  p.size = static_cast<std::int32_t>(in.element_count());
  p.input_zero_point = in.zero_point();
  p.output_zero_point = out.zero_point();
  // activations_common.cc divides the scales in float, then widens.
  const QuantizedMultiplier m = quantize_multiplier(static_cast<double>(in.scale() / out.scale()));
  p.output_multiplier = m.multiplier;
  p.output_shift = m.shift;
  const bool relu = ctx.op().kind == OpKind::Relu;
  set_activation_range(p, relu ? Activation::Relu : Activation::ReluN1To1, out);
  if (relu) return ReluOp{p};
  return HardTanhOp{p};
}

OpParams prepare_relu6(const PrepareContext& ctx) {
  const auto [in, out] = unary_int8_operands(ctx);
  expect_same_size(ctx, in, out);
  // Relu6Prepare: [zero point, FloatToQuantizedType(6.0)] of the input, the
  // latter round(6.0f / scale) + zero point saturated to int8.
  const double six = std::round(static_cast<double>(6.0f / in.scale())) + in.zero_point();
  relu6_s8_params p{};
  p.size = static_cast<std::int32_t>(in.element_count());
  p.lower = static_cast<std::int8_t>(std::clamp(in.zero_point(), -128, 127));
  p.upper = static_cast<std::int8_t>(std::clamp(six, -128.0, 127.0));
  return Relu6Op{p};
}

OpParams prepare_quantize(const PrepareContext& ctx) {
  ctx.expect_counts(1, 1, 1);
  const Tensor& in = ctx.input(0);
  const Tensor& out = ctx.output();
  ctx.expect_int8(out, "output");
  ctx.require(!out.quantization->per_channel(), kReexport, "output must be quantized per tensor");
  expect_same_size(ctx, in, out);
  if (in.type == ElementType::Float32) {
    QuantizeFloatOp op;
    op.params.size = static_cast<std::int32_t>(in.element_count());
    op.params.scale = out.scale();
    op.params.zero_point = out.zero_point();
    return op;
  }
  ctx.require(in.type == ElementType::Int8, "mcusim quantizes from FLOAT32 or INT8 to INT8",
              "input tensor '{}' is {}", in.name, in.type_name);
  ctx.expect_int8(in, "input");
  RequantizeOp op;
  op.params.size = static_cast<std::int32_t>(in.element_count());
  op.params.input_zero_point = in.zero_point();
  op.params.output_zero_point = out.zero_point();
  const QuantizedMultiplier m =
      quantize_multiplier(static_cast<double>(in.scale()) / static_cast<double>(out.scale()));
  op.params.multiplier = m.multiplier;
  op.params.shift = m.shift;
  return op;
}

OpParams prepare_dequantize(const PrepareContext& ctx) {
  ctx.expect_counts(1, 1, 1);
  const Tensor& in = ctx.input(0);
  const Tensor& out = ctx.output();
  ctx.expect_int8(in, "input");
  ctx.require(out.type == ElementType::Float32, "mcusim dequantizes INT8 to FLOAT32",
              "output tensor '{}' is {}", out.name, out.type_name);
  expect_same_size(ctx, in, out);
  DequantizeOp op;
  op.params.size = static_cast<std::int32_t>(in.element_count());
  op.params.scale = in.scale();
  op.params.zero_point = in.zero_point();
  return op;
}

BinaryOperands binary_int8_operands(const PrepareContext& ctx) {
  ctx.expect_counts(2, 2, 1);
  const BinaryOperands operands{ctx.input(0), ctx.input(1), ctx.output()};
  ctx.expect_int8(operands.a, "input 1");
  ctx.expect_int8(operands.b, "input 2");
  ctx.expect_int8(operands.out, "output");
  return operands;
}

UnaryOperands unary_int8_operands(const PrepareContext& ctx) {
  ctx.expect_counts(1, 1, 1);
  const UnaryOperands operands{ctx.input(0), ctx.output()};
  ctx.expect_int8(operands.in, "input");
  ctx.expect_int8(operands.out, "output");
  return operands;
}

}  // namespace mcusim::compiler
