// tests/runtime/kernels/variant_equivalence_test.cpp — the m0 and m4 kernels
// (host build, m4's DSP instructions emulated in C) against the ref kernels,
// byte for byte, on many random shapes and quantization parameters: strides,
// padding, dilation, groups, depth multipliers, per-tensor and per-channel
// scales, zero points at -128 and 127, multipliers and shifts at their
// extremes, no bias, narrow activation clamps, and buffers at odd addresses
// (the m4 kernels load words from any address). Depths that are and are not
// multiples of 4 and channel counts that are and are not multiples of the
// kernels' blocking (2 on m0, 4 on m4) exercise the main loops and the tails.
//
// Parameters stay where the reference's own int32 arithmetic is defined (no
// signed overflow in its sums or in "requantized + output offset"), which is
// every parameter set TFLite's QuantizeMultiplier can produce.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "runtime/kernels/kernels.h"
#include "tests/runtime/kernels/variant_kernels.hpp"

namespace mcusim::test {
namespace {

constexpr int kCasesPerOperator = 2000;

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  std::int32_t between(std::int32_t lo, std::int32_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int32_t>(lo, hi)(engine_);
  }
  bool chance(int percent) { return between(0, 99) < percent; }
  // A zero point's offset (minus the zero point), the extremes often.
  std::int32_t offset() {
    switch (between(0, 3)) {
      case 0: return 128;   // zero point -128
      case 1: return -127;  // zero point 127
      default: return between(-127, 128);
    }
  }
  std::int32_t zero_point() {
    switch (between(0, 3)) {
      case 0: return -128;
      case 1: return 127;
      default: return between(-128, 127);
    }
  }
  // (multiplier, shift) as QuantizeMultiplier gives them, extremes included:
  // multiplier 0 (a flushed scale), 2^30, 2^31 - 1; shifts down to -31 and up
  // to +30. Large left shifts come with multipliers <= 2^30, which keeps the
  // requantized value below 2^30 so the reference's "+ output offset" stays
  // defined.
  void multiplier(std::int32_t& m, std::int32_t& shift) {
    const int kind = between(0, 9);
    if (kind == 0) {
      m = 0;
      shift = 0;
    } else if (kind == 1) {
      m = 1 << 30;
      shift = between(1, 30);
    } else if (kind == 2) {
      m = 2147483647;
      shift = between(-31, 0);
    } else if (kind == 3) {
      m = 1 << 30;
      shift = -31;
    } else {
      m = between(1 << 30, 2147483647);
      shift = between(-14, 2);
      if (shift > 0) m = between(1 << 30, (1 << 30) + (1 << 28));
    }
  }
  void clamp(std::int32_t& lo, std::int32_t& hi) {
    if (chance(50)) {
      lo = -128;
      hi = 127;
    } else {
      lo = between(-128, 127);
      hi = between(lo, 127);
    }
  }
  std::vector<std::int8_t> bytes(std::size_t count) {
    std::vector<std::int8_t> v(count);
    for (auto& b : v) b = static_cast<std::int8_t>(between(-128, 127));
    return v;
  }
  std::vector<std::int32_t> words(std::size_t count, std::int32_t lo, std::int32_t hi) {
    std::vector<std::int32_t> v(count);
    for (auto& w : v) w = between(lo, hi);
    return v;
  }

 private:
  std::mt19937 engine_;
};

// `data` copied to an address `misalign` bytes past a word boundary.
class Placed {
 public:
  Placed(const std::vector<std::int8_t>& data, int misalign)
      : storage_(data.size() + 8), offset_(static_cast<std::size_t>(misalign)) {
    std::copy(data.begin(), data.end(), storage_.begin() + static_cast<std::ptrdiff_t>(offset_));
  }
  const std::int8_t* get() const { return storage_.data() + offset_; }

 private:
  std::vector<std::int8_t> storage_;  // std::vector's data is at least word aligned
  std::size_t offset_;
};

std::string describe(const conv2d_s8_params& p) {
  return "in " + std::to_string(p.batches) + "x" + std::to_string(p.input_h) + "x" + std::to_string(p.input_w) +
         "x" + std::to_string(p.input_c) + " filter " + std::to_string(p.output_c) + "x" +
         std::to_string(p.filter_h) + "x" + std::to_string(p.filter_w) + "x" + std::to_string(p.filter_c) +
         " out " + std::to_string(p.output_h) + "x" + std::to_string(p.output_w) + " stride " +
         std::to_string(p.stride_h) + "," + std::to_string(p.stride_w) + " dilation " +
         std::to_string(p.dilation_h) + "," + std::to_string(p.dilation_w) + " pad " + std::to_string(p.pad_top) +
         "," + std::to_string(p.pad_left) + " input_offset " + std::to_string(p.input_offset);
}

// Output positions for one spatial axis: a filter of `taps` taps with
// `dilation`, `stride` and some padding in front, as SAME or VALID would give
// (or a little more padding, which only adds padded windows).
void spatial(Random& rng, std::int32_t in, std::int32_t taps, std::int32_t stride, std::int32_t dilation,
             std::int32_t& pad, std::int32_t& out) {
  const std::int32_t effective = (taps - 1) * dilation + 1;
  const std::int32_t total_pad = rng.between(0, effective);
  pad = rng.between(0, total_pad);
  out = (in + total_pad - effective) / stride + 1;
  if (out < 1) out = 1;
}

class VariantEquivalence : public ::testing::TestWithParam<int> {
 protected:
  const VariantKernels& variant() const { return kVariantKernels[GetParam()]; }
};

TEST_P(VariantEquivalence, FullyConnectedEqualsRef) {
  Random rng(0xFC0000u + static_cast<std::uint32_t>(GetParam()));
  for (int n = 0; n < kCasesPerOperator; ++n) {
    fully_connected_s8_params p{};
    p.batches = rng.between(1, 3);
    p.accum_depth = rng.chance(30) ? 4 * rng.between(1, 80) : rng.between(1, 300);
    p.output_depth = rng.between(1, 40);
    p.input_offset = rng.offset();
    p.filter_offset = rng.chance(25) ? rng.offset() : 0;
    p.output_offset = rng.zero_point();
    rng.clamp(p.act_min, p.act_max);
    std::vector<std::int32_t> multipliers(static_cast<std::size_t>(p.output_depth));
    std::vector<std::int32_t> shifts(multipliers.size());
    const bool per_channel = rng.chance(50);
    if (per_channel) {
      for (std::size_t i = 0; i < multipliers.size(); ++i) rng.multiplier(multipliers[i], shifts[i]);
      p.per_channel_multiplier = multipliers.data();
      p.per_channel_shift = shifts.data();
    } else {
      rng.multiplier(p.output_multiplier, p.output_shift);
    }
    const Placed input(rng.bytes(static_cast<std::size_t>(p.batches * p.accum_depth)), rng.between(0, 3));
    const Placed filter(rng.bytes(static_cast<std::size_t>(p.output_depth * p.accum_depth)), rng.between(0, 3));
    const std::vector<std::int32_t> bias = rng.words(static_cast<std::size_t>(p.output_depth), -(1 << 20), 1 << 20);
    const std::int32_t* bias_ptr = rng.chance(20) ? nullptr : bias.data();

    const std::size_t out_size = static_cast<std::size_t>(p.batches * p.output_depth);
    std::vector<std::int8_t> want(out_size), got(out_size, 0x55);
    fully_connected_s8(&p, input.get(), filter.get(), bias_ptr, want.data());
    variant().fully_connected(&p, input.get(), filter.get(), bias_ptr, got.data());
    ASSERT_EQ(got, want) << variant().name << " case " << n << ": batches " << p.batches << " depth "
                         << p.accum_depth << " outputs " << p.output_depth << " input_offset " << p.input_offset
                         << " filter_offset " << p.filter_offset << (per_channel ? " per-channel" : " per-tensor");
  }
}

TEST_P(VariantEquivalence, Conv2dEqualsRef) {
  Random rng(0xC00000u + static_cast<std::uint32_t>(GetParam()));
  for (int n = 0; n < kCasesPerOperator; ++n) {
    conv2d_s8_params p{};
    p.batches = rng.between(1, 2);
    p.input_h = rng.between(1, 9);
    p.input_w = rng.between(1, 9);
    const std::int32_t groups = rng.chance(15) ? rng.between(2, 3) : 1;
    p.filter_c = rng.chance(40) ? 4 * rng.between(1, 6) : rng.between(1, 20);
    p.input_c = p.filter_c * groups;
    p.output_c = groups * rng.between(1, 11);
    const bool pointwise = rng.chance(30);
    p.filter_h = pointwise ? 1 : rng.between(1, 4);
    p.filter_w = pointwise ? 1 : rng.between(1, 4);
    p.stride_h = rng.between(1, 3);
    p.stride_w = rng.between(1, 3);
    p.dilation_h = rng.chance(70) ? 1 : rng.between(2, 3);
    p.dilation_w = rng.chance(70) ? 1 : rng.between(2, 3);
    spatial(rng, p.input_h, p.filter_h, p.stride_h, p.dilation_h, p.pad_top, p.output_h);
    spatial(rng, p.input_w, p.filter_w, p.stride_w, p.dilation_w, p.pad_left, p.output_w);
    p.input_offset = rng.offset();
    p.output_offset = rng.zero_point();
    rng.clamp(p.act_min, p.act_max);
    std::vector<std::int32_t> multipliers(static_cast<std::size_t>(p.output_c));
    std::vector<std::int32_t> shifts(multipliers.size());
    if (rng.chance(30)) {  // per-tensor weights: one pair broadcast to every channel
      rng.multiplier(multipliers[0], shifts[0]);
      std::fill(multipliers.begin(), multipliers.end(), multipliers[0]);
      std::fill(shifts.begin(), shifts.end(), shifts[0]);
    } else {
      for (std::size_t i = 0; i < multipliers.size(); ++i) rng.multiplier(multipliers[i], shifts[i]);
    }
    p.multiplier = multipliers.data();
    p.shift = shifts.data();
    const Placed input(rng.bytes(static_cast<std::size_t>(p.batches * p.input_h * p.input_w * p.input_c)),
                       rng.between(0, 3));
    const Placed filter(rng.bytes(static_cast<std::size_t>(p.output_c * p.filter_h * p.filter_w * p.filter_c)),
                        rng.between(0, 3));
    const std::vector<std::int32_t> bias = rng.words(static_cast<std::size_t>(p.output_c), -(1 << 20), 1 << 20);
    const std::int32_t* bias_ptr = rng.chance(20) ? nullptr : bias.data();

    const std::size_t out_size = static_cast<std::size_t>(p.batches * p.output_h * p.output_w * p.output_c);
    std::vector<std::int8_t> want(out_size), got(out_size, 0x55);
    conv2d_s8(&p, input.get(), filter.get(), bias_ptr, want.data());
    variant().conv2d(&p, input.get(), filter.get(), bias_ptr, got.data());
    ASSERT_EQ(got, want) << variant().name << " case " << n << ": " << describe(p);
  }
}

TEST_P(VariantEquivalence, DepthwiseConv2dEqualsRef) {
  Random rng(0xD00000u + static_cast<std::uint32_t>(GetParam()));
  for (int n = 0; n < kCasesPerOperator; ++n) {
    depthwise_conv2d_s8_params p{};
    p.batches = rng.between(1, 2);
    p.input_h = rng.between(1, 9);
    p.input_w = rng.between(1, 9);
    p.input_c = rng.chance(40) ? 4 * rng.between(1, 6) : rng.between(1, 20);
    p.depth_multiplier = rng.chance(70) ? 1 : rng.between(2, 3);
    p.output_c = p.input_c * p.depth_multiplier;
    p.filter_h = rng.between(1, 5);
    p.filter_w = rng.between(1, 5);
    p.stride_h = rng.between(1, 3);
    p.stride_w = rng.between(1, 3);
    p.dilation_h = rng.chance(70) ? 1 : rng.between(2, 3);
    p.dilation_w = rng.chance(70) ? 1 : rng.between(2, 3);
    spatial(rng, p.input_h, p.filter_h, p.stride_h, p.dilation_h, p.pad_top, p.output_h);
    spatial(rng, p.input_w, p.filter_w, p.stride_w, p.dilation_w, p.pad_left, p.output_w);
    p.input_offset = rng.offset();
    p.output_offset = rng.zero_point();
    rng.clamp(p.act_min, p.act_max);
    std::vector<std::int32_t> multipliers(static_cast<std::size_t>(p.output_c));
    std::vector<std::int32_t> shifts(multipliers.size());
    for (std::size_t i = 0; i < multipliers.size(); ++i) rng.multiplier(multipliers[i], shifts[i]);
    p.multiplier = multipliers.data();
    p.shift = shifts.data();
    const Placed input(rng.bytes(static_cast<std::size_t>(p.batches * p.input_h * p.input_w * p.input_c)),
                       rng.between(0, 3));
    const Placed filter(rng.bytes(static_cast<std::size_t>(p.filter_h * p.filter_w * p.output_c)),
                        rng.between(0, 3));
    const std::vector<std::int32_t> bias = rng.words(static_cast<std::size_t>(p.output_c), -(1 << 20), 1 << 20);
    const std::int32_t* bias_ptr = rng.chance(20) ? nullptr : bias.data();

    const std::size_t out_size = static_cast<std::size_t>(p.batches * p.output_h * p.output_w * p.output_c);
    std::vector<std::int8_t> want(out_size), got(out_size, 0x55);
    depthwise_conv2d_s8(&p, input.get(), filter.get(), bias_ptr, want.data());
    variant().depthwise_conv2d(&p, input.get(), filter.get(), bias_ptr, got.data());
    ASSERT_EQ(got, want) << variant().name << " case " << n << ": in " << p.batches << "x" << p.input_h << "x"
                         << p.input_w << "x" << p.input_c << " filter " << p.filter_h << "x" << p.filter_w
                         << " multiplier " << p.depth_multiplier << " out " << p.output_h << "x" << p.output_w
                         << " stride " << p.stride_h << "," << p.stride_w << " dilation " << p.dilation_h << ","
                         << p.dilation_w << " pad " << p.pad_top << "," << p.pad_left << " input_offset "
                         << p.input_offset;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, VariantEquivalence, ::testing::Values(0, 1),
                         [](const ::testing::TestParamInfo<int>& param) { return kVariantKernels[param.param].name; });

}  // namespace
}  // namespace mcusim::test
