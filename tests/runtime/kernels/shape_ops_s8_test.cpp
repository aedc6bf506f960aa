// tests/runtime/kernels/shape_ops_s8_test.cpp — concatenation_s8, pad_s8,
// mean_s8 and reshape; worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "runtime/kernels/kernels.h"

namespace {

TEST(KernelConcatenation, InterleavesAlongTheAxis) {
  // [2,1] ++ [2,2] on axis 1 -> [2,3].
  const std::array<std::int8_t, 2> a{1, 2};
  const std::array<std::int8_t, 4> b{3, 4, 5, 6};
  const std::array<std::int32_t, 2> sizes{1, 2};
  const std::array<const std::int8_t*, 2> inputs{a.data(), b.data()};
  concatenation_s8_params p{};
  p.num_inputs = 2;
  p.outer_size = 2;
  p.copy_sizes = sizes.data();
  std::array<std::int8_t, 6> out{};
  concatenation_s8(&p, inputs.data(), out.data());
  const std::array<std::int8_t, 6> want{1, 3, 4, 2, 5, 6};
  EXPECT_EQ(out, want);
}

TEST(KernelPad, FillsWithTheZeroPoint) {
  // [2,2] padded ((1,0),(0,1)) -> [3,3] with fill 7.
  pad_s8_params p{};
  for (int d = 0; d < PAD_MAX_DIMS; ++d) p.input_dims[d] = 1;
  p.input_dims[3] = 2;
  p.input_dims[4] = 2;
  p.pad_before[3] = 1;
  p.pad_after[4] = 1;
  p.pad_value = 7;
  const std::array<std::int8_t, 4> in{1, 2, 3, 4};
  std::array<std::int8_t, 9> out{};
  pad_s8(&p, in.data(), out.data());
  const std::array<std::int8_t, 9> want{7, 7, 7, 1, 2, 7, 3, 4, 7};
  EXPECT_EQ(out, want);
}

TEST(KernelMean, TruncatedReciprocalIsNotRoundToNearest) {
  // Seven values whose offsets from the zero point sum to 10 (exact mean 1.43),
  // equal input and output quantization: M = 1 = (2^30, 1). TFLite Micro folds
  // 1/7 in: s = floor(log2 7) = 2, multiplier (2^30 << 2) / 7 = 613566756
  // (truncated), shift 1 - 2 = -1. Then 10: srdhm(10, 613566756) = 2.857 -> 3,
  // rdbpot(3, 1) = 1.5 -> 2: zero point + 2, where round-to-nearest gives + 1.
  mean_s8_params p{};
  p.outer_size = 1;
  p.reduce_size = 7;
  p.inner_size = 1;
  p.input_zero_point = 20;
  p.output_zero_point = 20;
  p.multiplier = 613566756;
  p.shift = -1;
  const std::array<std::int8_t, 7> in{22, 22, 22, 22, 21, 21, 20};  // offsets 2,2,2,2,1,1,0
  std::int8_t out = 0;
  mean_s8(&p, in.data(), &out);
  EXPECT_EQ(out, 22);
}

TEST(KernelMean, ReducesTheMiddleAxes) {
  // [1, 2 (reduced), 2] with inner stride 2: means of {1, 3} and {-4, -8}.
  // n = 2: multiplier (2^30 << 1) / 2 = 2^30, shift 1 - 1 = 0: M = 0.5.
  mean_s8_params p{};
  p.outer_size = 1;
  p.reduce_size = 2;
  p.inner_size = 2;
  p.multiplier = 1 << 30;
  p.shift = 0;
  const std::array<std::int8_t, 4> in{1, -4, 3, -8};
  std::array<std::int8_t, 2> out{};
  mean_s8(&p, in.data(), out.data());
  EXPECT_EQ(out[0], 2);
  EXPECT_EQ(out[1], -6);
}

TEST(KernelReshape, CopiesBytes) {
  const std::array<std::int8_t, 3> in{1, -2, 3};
  std::array<std::int8_t, 3> out{};
  const reshape_params p{3};
  reshape(&p, in.data(), out.data());
  EXPECT_EQ(out, in);
}

}  // namespace
