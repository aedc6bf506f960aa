// runtime/compiler/prepare_conv.cpp — FULLY_CONNECTED, CONV_2D,
// DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D.
//
// Effective scales follow TFLite Micro exactly, including where it rounds to
// float first: per-channel (and every conv) multiplier is
//   double(input_scale) * double(weight_scale[c]) / double(output_scale),
// the per-tensor FULLY_CONNECTED multiplier is
//   double(float(input_scale * weight_scale)) / double(output_scale)
// (kernel_util.cc GetQuantizedConvolutionMultipler). The two can differ in the
// last bit of the multiplier.
#include <cmath>
#include <cstdint>

#include "runtime/compiler/prepare_context.hpp"
#include "runtime/compiler/quantize_multiplier.hpp"

namespace mcusim::compiler {
namespace {

constexpr const char* kReexport = "the model file is inconsistent; export it again";

// TFLite padding.h: output size and leading padding for one spatial dimension.
struct Window {
  std::int32_t output = 0;
  std::int32_t pad_before = 0;
};

Window window(Padding padding, std::int64_t in, std::int64_t filter, std::int64_t stride, std::int64_t dilation) {
  const std::int64_t effective_filter = (filter - 1) * dilation + 1;
  const std::int64_t out =
      padding == Padding::Same ? (in + stride - 1) / stride : (in + stride - effective_filter) / stride;
  std::int64_t total_padding = (out - 1) * stride + effective_filter - in;
  if (total_padding < 0) total_padding = 0;
  return {static_cast<std::int32_t>(out < 0 ? 0 : out), static_cast<std::int32_t>(total_padding / 2)};
}

void check_window_options(const PrepareContext& ctx, bool dilation) {
  const OpOptions& o = ctx.options();
  ctx.require(o.stride_w >= 1 && o.stride_h >= 1, kReexport, "stride {}x{} must be at least 1", o.stride_h,
              o.stride_w);
  if (dilation) {
    ctx.require(o.dilation_w >= 1 && o.dilation_h >= 1, kReexport, "dilation {}x{} must be at least 1",
                o.dilation_h, o.dilation_w);
  }
}

void check_output_size(const PrepareContext& ctx, const Tensor& output, Window h, Window w) {
  ctx.require(output.shape[1] == h.output && output.shape[2] == w.output, kReexport,
              "output is {}x{} but the input, filter, stride and padding give {}x{}", output.shape[1],
              output.shape[2], h.output, w.output);
}

// Per output channel multipliers of a convolution (PopulateConvolutionQuantizationParams).
void channel_multipliers(const PrepareContext& ctx, const Tensor& input, const Tensor& filter, const Tensor& output,
                         std::int32_t channels, int quantized_dimension, std::vector<std::int32_t>& multipliers,
                         std::vector<std::int32_t>& shifts) {
  const Quantization& q = *filter.quantization;
  if (q.per_channel()) {
    ctx.require(static_cast<std::int32_t>(q.scales.size()) == channels && q.quantized_dimension == quantized_dimension,
                kReexport, "weights have {} scales along dimension {}; expected {} along dimension {}",
                q.scales.size(), q.quantized_dimension, channels, quantized_dimension);
  }
  for (std::int32_t c = 0; c < channels; ++c) {
    const float weight_scale = q.per_channel() ? q.scales[static_cast<std::size_t>(c)] : q.scales.front();
    const double effective = static_cast<double>(input.scale()) * static_cast<double>(weight_scale) /
                             static_cast<double>(output.scale());
    const QuantizedMultiplier m = quantize_multiplier(effective);
    multipliers.push_back(m.multiplier);
    shifts.push_back(m.shift);
  }
}

void check_bias(const PrepareContext& ctx, const Tensor* bias, std::int32_t channels) {
  if (bias == nullptr) return;
  ctx.expect_type(*bias, ElementType::Int32, "bias");
  ctx.require(bias->element_count() == channels, kReexport, "bias has {} values for {} output channels",
              bias->element_count(), channels);
}

// The output size, padding, stride and dilation of a convolution window over
// the input (TFLite's SAME/VALID rules), checked against the output tensor.
template <typename ConvParams>
void set_window(const PrepareContext& ctx, const Tensor& output, ConvParams& p) {
  const OpOptions& o = ctx.options();
  const Window h = window(o.padding, p.input_h, p.filter_h, o.stride_h, o.dilation_h);
  const Window w = window(o.padding, p.input_w, p.filter_w, o.stride_w, o.dilation_w);
  check_output_size(ctx, output, h, w);
  p.output_h = h.output;
  p.output_w = w.output;
  p.pad_top = h.pad_before;
  p.pad_left = w.pad_before;
  p.stride_h = o.stride_h;
  p.stride_w = o.stride_w;
  p.dilation_h = o.dilation_h;
  p.dilation_w = o.dilation_w;
}

}  // namespace

OpParams prepare_fully_connected(const PrepareContext& ctx) {
  const auto [input, filter, bias, output] = weighted_int8_operands(ctx, 0);
  ctx.require(filter.rank() >= 2 && output.rank() >= 1, kReexport, "weights need 2 dimensions");

  FullyConnectedOp op;
  fully_connected_s8_params& p = op.params;
  p.accum_depth = filter.shape.back();
  p.output_depth = filter.shape[static_cast<std::size_t>(filter.rank() - 2)];
  ctx.require(p.accum_depth > 0 && p.output_depth > 0 && output.shape.back() == p.output_depth &&
                  output.element_count() % p.output_depth == 0,
              kReexport, "output shape does not match {} weight rows", p.output_depth);
  p.batches = static_cast<std::int32_t>(output.element_count() / p.output_depth);
  ctx.require(input.element_count() == std::int64_t{p.batches} * p.accum_depth, kReexport,
              "input has {} values, expected {} batches of {}", input.element_count(), p.batches, p.accum_depth);
  check_bias(ctx, bias, p.output_depth);

  const Quantization& fq = *filter.quantization;
  if (fq.per_channel()) {
    ctx.require(static_cast<std::int32_t>(fq.scales.size()) == p.output_depth && fq.quantized_dimension == 0,
                kReexport, "per-channel weights need one scale per output row (quantized dimension 0)");
    for (float weight_scale : fq.scales) {
      const double effective = static_cast<double>(input.scale()) * static_cast<double>(weight_scale) /
                               static_cast<double>(output.scale());
      const QuantizedMultiplier m = quantize_multiplier(effective);
      op.multipliers.push_back(m.multiplier);
      op.shifts.push_back(m.shift);
    }
  } else {
    if (bias != nullptr) {
      // TFLite refuses a bias whose scale strays from input * weight scale by
      // more than 2 % of an output step (kernel_util.cc).
      const double input_product_scale = static_cast<double>(input.scale()) * static_cast<double>(filter.scale());
      const double scale_diff = std::abs(input_product_scale - static_cast<double>(bias->scale()));
      ctx.require(scale_diff / static_cast<double>(output.scale()) <= 0.02,
                  "quantize the bias with scale = input scale * weight scale",
                  "bias scale {} differs from input scale * weight scale {}", bias->scale(), input_product_scale);
    }
    const double input_product_scale = static_cast<double>(input.scale() * filter.scale());
    const QuantizedMultiplier m = quantize_multiplier(input_product_scale / static_cast<double>(output.scale()));
    p.output_multiplier = m.multiplier;
    p.output_shift = m.shift;
  }
  p.input_offset = -input.zero_point();
  p.filter_offset = -filter.zero_point();
  p.output_offset = output.zero_point();
  set_activation_range(p, ctx.options().activation, output);
  return op;
}

OpParams prepare_conv2d(const PrepareContext& ctx) {
  const auto [input, filter, bias, output] = weighted_int8_operands(ctx, 4);
  check_window_options(ctx, true);
  const OpOptions& o = ctx.options();

  Conv2DOp op;
  conv2d_s8_params& p = op.params;
  p.batches = input.shape[0];
  p.input_h = input.shape[1];
  p.input_w = input.shape[2];
  p.input_c = input.shape[3];
  p.output_c = filter.shape[0];
  p.filter_h = filter.shape[1];
  p.filter_w = filter.shape[2];
  p.filter_c = filter.shape[3];
  ctx.require(output.shape[0] == p.batches && output.shape[3] == p.output_c, kReexport,
              "output shape does not match the input batch and the {} filters", p.output_c);
  // input_c / filter_c is the group count: checked non-zero before it divides
  // (an input of 0 channels divided by zero; found by fuzz_tflite).
  ctx.require(p.filter_c > 0 && p.filter_h > 0 && p.filter_w > 0 && p.input_c % p.filter_c == 0 &&
                  p.input_c / p.filter_c > 0 && p.output_c % (p.input_c / p.filter_c) == 0,
              kReexport, "filters of depth {} do not divide {} input channels into groups", p.filter_c, p.input_c);
  set_window(ctx, output, p);
  check_bias(ctx, bias, p.output_c);
  channel_multipliers(ctx, input, filter, output, p.output_c, 0, op.multipliers, op.shifts);
  p.input_offset = -input.zero_point();
  p.output_offset = output.zero_point();
  set_activation_range(p, o.activation, output);
  return op;
}

OpParams prepare_depthwise_conv2d(const PrepareContext& ctx) {
  const auto [input, filter, bias, output] = weighted_int8_operands(ctx, 4);
  check_window_options(ctx, true);
  const OpOptions& o = ctx.options();

  DepthwiseConv2DOp op;
  depthwise_conv2d_s8_params& p = op.params;
  p.batches = input.shape[0];
  p.input_h = input.shape[1];
  p.input_w = input.shape[2];
  p.input_c = input.shape[3];
  p.filter_h = filter.shape[1];
  p.filter_w = filter.shape[2];
  p.output_c = filter.shape[3];
  p.depth_multiplier = o.depth_multiplier;
  ctx.require(filter.shape[0] == 1 && p.filter_h > 0 && p.filter_w > 0, kReexport,
              "weights must be [1, height, width, channels]");
  // In 64 bits: the multiplier comes from the file (input_c * 1078071041
  // overflowed int; found by fuzz_tflite).
  ctx.require(p.depth_multiplier >= 1 && std::int64_t{p.output_c} == std::int64_t{p.input_c} * p.depth_multiplier,
              kReexport,
              "{} output channels are not {} input channels times depth multiplier {}", p.output_c, p.input_c,
              p.depth_multiplier);
  ctx.require(output.shape[0] == p.batches && output.shape[3] == p.output_c, kReexport,
              "output shape does not match the input batch and {} channels", p.output_c);
  set_window(ctx, output, p);
  check_bias(ctx, bias, p.output_c);
  channel_multipliers(ctx, input, filter, output, p.output_c, 3, op.multipliers, op.shifts);
  p.input_offset = -input.zero_point();
  p.output_offset = output.zero_point();
  set_activation_range(p, o.activation, output);
  return op;
}

OpParams prepare_pool2d(const PrepareContext& ctx) {
  const auto [input, output] = unary_int8_operands(ctx);
  ctx.expect_rank(input, 4, "input");
  ctx.expect_rank(output, 4, "output");
  check_window_options(ctx, false);
  const OpOptions& o = ctx.options();
  ctx.require(o.filter_w >= 1 && o.filter_h >= 1, kReexport, "filter {}x{} must be at least 1x1", o.filter_h,
              o.filter_w);

  pool2d_s8_params p{};
  p.batches = input.shape[0];
  p.input_h = input.shape[1];
  p.input_w = input.shape[2];
  p.channels = input.shape[3];
  ctx.require(output.shape[0] == p.batches && output.shape[3] == p.channels, kReexport,
              "output batch and channels differ from the input's");
  const Window h = window(o.padding, p.input_h, o.filter_h, o.stride_h, 1);
  const Window w = window(o.padding, p.input_w, o.filter_w, o.stride_w, 1);
  check_output_size(ctx, output, h, w);
  p.output_h = h.output;
  p.output_w = w.output;
  p.filter_h = o.filter_h;
  p.filter_w = o.filter_w;
  p.stride_h = o.stride_h;
  p.stride_w = o.stride_w;
  p.pad_top = h.pad_before;
  p.pad_left = w.pad_before;
  set_activation_range(p, o.activation, output);
  if (ctx.op().kind == OpKind::MaxPool2D) return MaxPool2DOp{p};
  return AveragePool2DOp{p};
}

WeightedOperands weighted_int8_operands(const PrepareContext& ctx, int rank) {
  ctx.expect_counts(2, 3, 1);
  const WeightedOperands operands{ctx.input(0), ctx.input(1), ctx.optional_input(2), ctx.output()};
  ctx.expect_int8(operands.input, "input");
  ctx.expect_int8(operands.filter, "weights");
  ctx.expect_int8(operands.output, "output");
  if (rank > 0) {
    ctx.expect_rank(operands.input, rank, "input");
    ctx.expect_rank(operands.filter, rank, "weights");
    ctx.expect_rank(operands.output, rank, "output");
  }
  return operands;
}

}  // namespace mcusim::compiler
