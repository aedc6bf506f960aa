// tests/runtime/kernels/quantize_dequantize_s8_test.cpp — the model edges:
// float -> int8 with round half away from zero, int8 -> int8 requantization,
// int8 -> float; worked by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "runtime/kernels/kernels.h"

namespace {

TEST(KernelQuantize, FloatTiesRoundAwayFromZero) {
  // scale 0.25, zero point -3: x / 0.25 = 4x.
  const quantize_f32_params p{7, 0.25f, -3};
  const std::array<float, 7> in{0.125f, -0.125f, 0.375f, 0.1f, 100.0f, -100.0f, -0.625f};
  std::array<std::int8_t, 7> out{};
  quantize_f32_s8(&p, in.data(), out.data());
  // 0.5 -> 1; -0.5 -> -1; 1.5 -> 2; 0.4 -> 0; 400 and -400 saturate; -2.5 -> -3.
  const std::array<std::int8_t, 7> want{-2, -4, -1, -3, 127, -128, -6};
  EXPECT_EQ(out, want);
}

TEST(KernelQuantize, RequantizeInt8) {
  // 0.05 / zp -10 -> 0.1 / zp 3: M = 0.5 = (2^30, 0).
  const requantize_s8_params p{4, -10, 3, 1 << 30, 0};
  const std::array<std::int8_t, 4> in{-7, -13, -10, 127};
  std::array<std::int8_t, 4> out{};
  quantize_s8_s8(&p, in.data(), out.data());
  // 3 -> 1.5 -> 2 -> 5;  -3 -> -1.5 -> -1 (tie toward +inf) -> 2;  0 -> 3;
  // 137 -> 68.5 -> 69 -> 72.
  const std::array<std::int8_t, 4> want{5, 2, 3, 72};
  EXPECT_EQ(out, want);
}

TEST(KernelDequantize, MatchesTheDoubleFormulaBitForBit) {
  // TFLite computes float(double(scale) * (q - zp)); the kernel multiplies in
  // float. Every int8 value, for a few scales, must give the same bits.
  for (const float scale : {0.05f, 1.0f / 255, 0.1f, 3.3e-5f, 7.77f}) {
    const dequantize_s8_params p{256, scale, -10};
    std::array<std::int8_t, 256> in{};
    for (int i = 0; i < 256; ++i) in[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(i - 128);
    std::array<float, 256> out{};
    dequantize_s8_f32(&p, in.data(), out.data());
    for (int i = 0; i < 256; ++i) {
      const auto want = static_cast<float>(static_cast<double>(scale) * (i - 128 + 10));
      EXPECT_EQ(std::memcmp(&out[static_cast<std::size_t>(i)], &want, sizeof(float)), 0)
          << "scale " << scale << ", q " << i - 128;
    }
  }
}

}  // namespace
