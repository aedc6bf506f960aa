// tests/runtime/kernels/variant_requantize_test.cpp — the variants' own
// arithmetic against its definition: m0_srdhm (16-bit partial products) and
// m4_srdhm (one 64-bit multiply-add) equal quant_math.h's qm_srdhm on every
// pair of edge operands and on random ones; the requantization built on them
// equals qm_mbqm; and the host emulation of the DSP instructions gives the
// values worked out by hand from the ARMv7-M ARM's pseudocode.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wuseless-cast"
#endif
#include "runtime/kernels/m0/requantize.h"
#include "runtime/kernels/m4/dsp_emulation.h"
#include "runtime/kernels/m4/requantize.h"
#include "runtime/kernels/quant_math.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace {

// Operands where a 16-bit split, a carry or the saturation could go wrong.
std::vector<std::int32_t> edge_operands() {
  std::vector<std::int32_t> v = {0, 1, -1, 2, -2, 0x7FFF, 0x8000, -0x8000, -0x8001, 0xFFFF, 0x10000, -0x10000,
                                 0x10001, -0x10001, 0x3FFFFFFF, 0x40000000, -0x40000000, 0x40000001,
                                 0x7FFFFFFE, 0x7FFFFFFF, -0x7FFFFFFF, QM_INT32_MIN, 0x12345678, -0x12345678,
                                 0x7FFF0000, static_cast<std::int32_t>(0x8000FFFF), 0x0000FFFF, 0x00008000};
  return v;
}

TEST(VariantRequantize, HighMultiplyEqualsDefinitionOnEdgePairs) {
  const auto edges = edge_operands();
  for (const std::int32_t a : edges) {
    for (const std::int32_t b : edges) {
      const std::int32_t want = qm_srdhm(a, b);
      EXPECT_EQ(m0_srdhm(a, b), want) << a << " * " << b;
      EXPECT_EQ(m4_srdhm(a, b), want) << a << " * " << b;
    }
  }
}

TEST(VariantRequantize, SaturatingCaseAndRoundingTies) {
  // (-2^31)(-2^31) / 2^31 = 2^31: saturates to INT32_MAX.
  EXPECT_EQ(m0_srdhm(QM_INT32_MIN, QM_INT32_MIN), QM_INT32_MAX);
  EXPECT_EQ(m4_srdhm(QM_INT32_MIN, QM_INT32_MIN), QM_INT32_MAX);
  // 5 * 2^30 / 2^31 = 2.5 -> 3 (ties toward +infinity); -5 * 2^30 -> -2.
  EXPECT_EQ(m0_srdhm(5, 1 << 30), 3);
  EXPECT_EQ(m4_srdhm(5, 1 << 30), 3);
  EXPECT_EQ(m0_srdhm(-5, 1 << 30), -2);
  EXPECT_EQ(m4_srdhm(-5, 1 << 30), -2);
  // The most negative product, -2^31 (2^31 - 1), gives -2^31 + 1, never INT32_MIN.
  EXPECT_EQ(m0_srdhm(QM_INT32_MIN, QM_INT32_MAX), QM_INT32_MIN + 1);
  EXPECT_EQ(m4_srdhm(QM_INT32_MIN, QM_INT32_MAX), QM_INT32_MIN + 1);
}

TEST(VariantRequantize, HighMultiplyEqualsDefinitionOnRandomPairs) {
  std::mt19937 rng(20261123u);
  std::uniform_int_distribution<std::int32_t> any(QM_INT32_MIN, QM_INT32_MAX);
  std::uniform_int_distribution<int> bits(0, 31);
  for (int i = 0; i < 1000000; ++i) {
    // Full-range operands, and operands of random magnitude (small ones are
    // where accumulators live).
    std::int32_t a = any(rng);
    std::int32_t b = any(rng);
    if (i % 2 == 1) a >>= bits(rng);
    if (i % 4 == 3) b >>= bits(rng);
    const std::int32_t want = qm_srdhm(a, b);
    ASSERT_EQ(m0_srdhm(a, b), want) << a << " * " << b;
    ASSERT_EQ(m4_srdhm(a, b), want) << a << " * " << b;
  }
}

TEST(VariantRequantize, RequantizeEqualsMultiplyByQuantizedMultiplier) {
  std::mt19937 rng(6u);
  std::uniform_int_distribution<std::int32_t> acc(-(1 << 24), 1 << 24);
  std::uniform_int_distribution<std::int32_t> multiplier(1 << 30, QM_INT32_MAX);
  std::uniform_int_distribution<int> shift(-31, 30);
  for (int i = 0; i < 200000; ++i) {
    const std::int32_t x = acc(rng);
    const std::int32_t m = multiplier(rng);
    const int s = shift(rng);
    const std::int32_t want = qm_mbqm(x, m, s);
    ASSERT_EQ(m0_requantize(x, m, s), want) << x << " " << m << " " << s;
    ASSERT_EQ(m4_requantize(x, m, s), want) << x << " " << m << " " << s;
  }
}

// Words are written with byte 3 first: 0x80FF7F01 holds bytes 01 7F FF 80.
TEST(DspEmulation, Sxtb16SignExtendsBytesZeroAndTwo) {
  // bytes 0 and 2: 0x01 -> 1, 0xFF -> -1 (0xFFFF).
  EXPECT_EQ(static_cast<std::uint32_t>(dsp_sxtb16(0x80FF7F01u)), 0xFFFF0001u);
  // ROR #8 brings bytes 1 and 3 down: 0x7F -> 127, 0x80 -> -128 (0xFF80).
  EXPECT_EQ(static_cast<std::uint32_t>(dsp_sxtb16_ror8(0x80FF7F01u)), 0xFF80007Fu);
}

TEST(DspEmulation, Sxtab16AddsPerHalfModulo16Bits) {
  // halves (hi, lo) = (3, 0xFFFF): lo -1 + 1 = 0 wraps within its half, hi 3 + -1 = 2.
  EXPECT_EQ(static_cast<std::uint32_t>(dsp_sxtab16(0x0003FFFF, 0x80FF7F01u)), 0x00020000u);
  // with ROR #8: lo 0xFFFF + 127 = 126 (mod 2^16), hi 3 - 128 = -125 (0xFF83).
  EXPECT_EQ(static_cast<std::uint32_t>(dsp_sxtab16_ror8(0x0003FFFF, 0x80FF7F01u)), 0xFF83007Eu);
}

TEST(DspEmulation, SmladAddsBothProducts) {
  // (hi, lo) = (2, -1) and (3, 5): -1 * 5 + 2 * 3 + 10 = 11.
  EXPECT_EQ(dsp_smlad(0x0002FFFF, 0x00030005, 10), 11);
  // (-32768)^2 * 2 = 2^31 wraps to INT32_MIN (the Q flag, not modelled, would be set).
  EXPECT_EQ(dsp_smlad(static_cast<std::int32_t>(0x80008000u), static_cast<std::int32_t>(0x80008000u), 0),
            QM_INT32_MIN);
}

TEST(DspEmulation, SmlabbAndSmlattPickOneHalfEach) {
  // (hi, lo) = (2, -1) and (3, 5): bottom -1 * 5 + 1 = -4, top 2 * 3 + 1 = 7.
  EXPECT_EQ(dsp_smlabb(0x0002FFFF, 0x00030005, 1), -4);
  EXPECT_EQ(dsp_smlatt(0x0002FFFF, 0x00030005, 1), 7);
}

TEST(DspEmulation, SsatSaturatesToSignedBits) {
  EXPECT_EQ(dsp_ssat(200, 8), 127);
  EXPECT_EQ(dsp_ssat(-200, 8), -128);
  EXPECT_EQ(dsp_ssat(-128, 8), -128);
  EXPECT_EQ(dsp_ssat(5, 8), 5);
}

}  // namespace
