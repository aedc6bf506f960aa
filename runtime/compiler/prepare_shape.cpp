// runtime/compiler/prepare_shape.cpp — CONCATENATION, MEAN, PAD, RESHAPE:
// operators whose parameters are mostly shapes (concatenation.cc,
// reduce_common.cc + reference reduce.h, pad_common.cc, reshape.cc).
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "runtime/compiler/prepare_context.hpp"
#include "runtime/compiler/quantize_multiplier.hpp"

namespace mcusim::compiler {
namespace {

constexpr const char* kReexport = "the model file is inconsistent; export it again";

std::int64_t product(const std::vector<std::int32_t>& dims, std::size_t begin, std::size_t end) {
  std::int64_t n = 1;
  for (std::size_t i = begin; i < end; ++i) n *= dims[i];
  return n;
}

}  // namespace

std::vector<std::int32_t> constant_int32_values(const PrepareContext& ctx, const Tensor& t, std::string_view role) {
  ctx.expect_type(t, ElementType::Int32, role);
  ctx.require(t.is_constant, "mcusim needs this operand as a constant in the model file",
              "{} tensor '{}' is not a constant", role, t.name);
  std::vector<std::int32_t> values(static_cast<std::size_t>(t.element_count()));
  std::memcpy(values.data(), t.data.data(), values.size() * sizeof(std::int32_t));  // little-endian host
  return values;
}

OpParams prepare_concatenation(const PrepareContext& ctx) {
  ctx.require(ctx.input_count() >= 1 && ctx.op().outputs.size() == 1, kReexport, "needs inputs and one output");
  const Tensor& out = ctx.output();
  ctx.expect_int8(out, "output");
  ctx.require(ctx.options().activation == Activation::None, kReexport,
              "a fused activation on CONCATENATION is not supported (TFLite Micro refuses it too)");
  const int rank = out.rank();
  int axis = ctx.options().axis;
  if (axis < 0) axis += rank;
  ctx.require(axis >= 0 && axis < rank, kReexport, "axis {} is outside the output's {} dimensions",
              ctx.options().axis, rank);
  const auto a = static_cast<std::size_t>(axis);

  ConcatenationOp op;
  std::int64_t axis_total = 0;
  const std::int64_t inner = product(out.shape, a + 1, out.shape.size());
  for (std::size_t i = 0; i < ctx.input_count(); ++i) {
    const Tensor& in = ctx.input(i);
    ctx.expect_int8(in, "input");
    // concatenation.cc: int8 inputs must already be in the output's
    // quantization; TFLite Micro does not requantize.
    ctx.require(static_cast<double>(in.scale()) == static_cast<double>(out.scale()) &&
                    in.zero_point() == out.zero_point(),
                "requantize the inputs to the output's scale and zero point first (a QUANTIZE operator); "
                "TFLite Micro's int8 CONCATENATION refuses this model too",
                "input {} ('{}') has scale {} and zero point {}, the output {} and {}", i, in.name, in.scale(),
                in.zero_point(), out.scale(), out.zero_point());
    ctx.require(in.rank() == rank, kReexport, "input {} has {} dimensions, the output {}", i, in.rank(), rank);
    for (std::size_t d = 0; d < out.shape.size(); ++d) {
      ctx.require(d == a || in.shape[d] == out.shape[d], kReexport,
                  "input {} differs from the output in dimension {}", i, d);
    }
    axis_total += in.shape[a];
    op.copy_sizes.push_back(static_cast<std::int32_t>(in.shape[a] * inner));
  }
  ctx.require(axis_total == out.shape[a], kReexport, "the inputs add up to {} along axis {}, the output has {}",
              axis_total, axis, out.shape[a]);
  op.params.num_inputs = static_cast<std::int32_t>(ctx.input_count());
  op.params.outer_size = static_cast<std::int32_t>(product(out.shape, 0, a));
  return op;
}

OpParams prepare_mean(const PrepareContext& ctx) {
  ctx.expect_counts(2, 2, 1);
  const Tensor& in = ctx.input(0);
  const Tensor& out = ctx.output();
  ctx.expect_int8(in, "input");
  ctx.expect_int8(out, "output");
  const int rank = in.rank();

  // Resolve the axes as TFLite does (negative counts from the end, duplicates
  // ignored); the kernel reduces one contiguous run of axes.
  std::vector<int> axes;
  for (std::int32_t axis : constant_int32_values(ctx, ctx.input(1), "axis")) {
    const int resolved = axis < 0 ? axis + rank : axis;
    ctx.require(resolved >= 0 && resolved < rank, kReexport, "axis {} is outside the input's {} dimensions", axis,
                rank);
    if (std::find(axes.begin(), axes.end(), resolved) == axes.end()) axes.push_back(resolved);
  }
  ctx.require(!axes.empty(), kReexport, "no axis to reduce");
  std::sort(axes.begin(), axes.end());
  ctx.require(axes.back() - axes.front() + 1 == static_cast<int>(axes.size()),
              "reduce adjacent axes only (for an NHWC tensor: axes 1 and 2)",
              "the reduced axes are not adjacent; mcusim's MEAN reduces one contiguous run of axes");

  const auto first = static_cast<std::size_t>(axes.front());
  const auto last = static_cast<std::size_t>(axes.back()) + 1;
  MeanOp op;
  mean_s8_params& p = op.params;
  p.outer_size = static_cast<std::int32_t>(product(in.shape, 0, first));
  p.reduce_size = static_cast<std::int32_t>(product(in.shape, first, last));
  p.inner_size = static_cast<std::int32_t>(product(in.shape, last, in.shape.size()));
  ctx.require(p.reduce_size > 0, kReexport, "the reduced axes are empty");
  ctx.require(out.element_count() == std::int64_t{p.outer_size} * p.inner_size, kReexport,
              "output has {} values, the reduction gives {}", out.element_count(),
              std::int64_t{p.outer_size} * p.inner_size);
  p.input_zero_point = in.zero_point();
  p.output_zero_point = out.zero_point();

  // reduce_common.cc: input_scale / output_scale; then reference
  // QuantizedMeanOrSum folds 1/n into it: with s = floor(log2 n) (at most 32 and
  // at most 31 + shift), multiplier = (multiplier << s) / n truncated, shift -= s.
  QuantizedMultiplier m = quantize_multiplier(static_cast<double>(in.scale()) / static_cast<double>(out.scale()));
  const auto n = static_cast<std::uint64_t>(p.reduce_size);
  int s = 63 - std::countl_zero(n);
  s = std::min(s, 32);
  s = std::min(s, 31 + m.shift);
  m.multiplier = static_cast<std::int32_t>((static_cast<std::int64_t>(m.multiplier) << s) / static_cast<std::int64_t>(n));
  m.shift -= s;
  p.multiplier = m.multiplier;
  p.shift = m.shift;
  return op;
}

OpParams prepare_pad(const PrepareContext& ctx) {
  ctx.expect_counts(2, 2, 1);
  const Tensor& in = ctx.input(0);
  const Tensor& out = ctx.output();
  ctx.expect_int8(in, "input");
  ctx.expect_int8(out, "output");
  const int rank = in.rank();
  ctx.require(rank <= PAD_MAX_DIMS && out.rank() == rank, "mcusim pads tensors of up to 5 dimensions",
              "input has {} dimensions, output {}", rank, out.rank());
  const std::vector<std::int32_t> paddings = constant_int32_values(ctx, ctx.input(1), "paddings");
  ctx.require(paddings.size() == static_cast<std::size_t>(2 * rank), kReexport,
              "paddings hold {} values for {} dimensions", paddings.size(), rank);
  PadOp op;
  pad_s8_params& p = op.params;
  const int lead = PAD_MAX_DIMS - rank;
  for (int d = 0; d < PAD_MAX_DIMS; ++d) {
    p.input_dims[d] = 1;
    p.pad_before[d] = 0;
    p.pad_after[d] = 0;
  }
  for (int d = 0; d < rank; ++d) {
    const auto i = static_cast<std::size_t>(d);
    const std::int32_t before = paddings[2 * i];
    const std::int32_t after = paddings[2 * i + 1];
    ctx.require(before >= 0 && after >= 0 && out.shape[i] == in.shape[i] + before + after, kReexport,
                "dimension {}: {} + {} + {} padding is not the output's {}", d, in.shape[i], before, after,
                out.shape[i]);
    p.input_dims[lead + d] = in.shape[i];
    p.pad_before[lead + d] = before;
    p.pad_after[lead + d] = after;
  }
  // pad.cc: the fill value is the output zero point (the quantized 0.0).
  p.pad_value = static_cast<std::int8_t>(out.zero_point());
  return op;
}

OpParams prepare_reshape(const PrepareContext& ctx) {
  ctx.require(ctx.input_count() >= 1 && ctx.input_count() <= 2 && ctx.op().outputs.size() == 1, kReexport,
              "needs one input (and an optional shape) and one output");
  const Tensor& in = ctx.input(0);
  const Tensor& out = ctx.output();
  ctx.require(in.type == out.type && element_size(in.type) != 0, kReexport, "input is {}, output {}",
              in.type_name, out.type_name);
  ctx.require(in.byte_size() == out.byte_size(), kReexport, "input has {} bytes, output {}", in.byte_size(),
              out.byte_size());
  ReshapeOp op;
  op.params.bytes = static_cast<std::int32_t>(out.byte_size());
  return op;
}

}  // namespace mcusim::compiler
