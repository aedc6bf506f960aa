// tests/runtime/device/helpers_test.cpp — the device runtime's EABI helpers
// and mem* functions (runtime/device), built for the host under mcusim_host_
// names (device_symbols.h), against the host's own operators and libc on
// every case of helper_cases.hpp: edge values crossed with edge values, and
// random operands. simulated_helpers_test.cpp runs the same cases on the
// Thumb build inside mcusim.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>

#include "runtime/device/device_symbols.h"
#include "tests/runtime/device/helper_cases.hpp"

namespace mcusim::test {
namespace {

using Registers = std::array<std::uint32_t, 4>;

Registers pair(std::uint64_t r01, std::uint64_t r23 = 0) {
  return {static_cast<std::uint32_t>(r01), static_cast<std::uint32_t>(r01 >> 32),
          static_cast<std::uint32_t>(r23), static_cast<std::uint32_t>(r23 >> 32)};
}

// What the host build of the helper returns for `c`, in the registers the
// RTABI names (memory cases: the buffer's hash, or memcmp's sign).
Registers run_on_host(const HelperCase& c) {
  const auto a32 = static_cast<std::uint32_t>(c.a), b32 = static_cast<std::uint32_t>(c.b);
  const auto a64 = static_cast<std::int64_t>(c.a), b64 = static_cast<std::int64_t>(c.b);
  std::uint8_t buffer[kMemBufferBytes];
  for (std::size_t i = 0; i < kMemBufferBytes; ++i) buffer[i] = mem_pattern(i);
  std::uint8_t* const dst = buffer + static_cast<std::uint32_t>(c.a);
  const std::uint8_t* const src = buffer + static_cast<std::uint32_t>(c.a >> 32);
  const auto n = static_cast<std::size_t>(static_cast<std::uint32_t>(c.b));
  const auto high_b = static_cast<std::uint32_t>(c.b >> 32);
  switch (c.op) {
    case HelperOp::Uidiv: return pair(mcusim_host_aeabi_uidiv(a32, b32));
    case HelperOp::Uidivmod: return pair(mcusim_host_aeabi_uidivmod(a32, b32));
    case HelperOp::Idiv:
      return pair(static_cast<std::uint32_t>(
          mcusim_host_aeabi_idiv(static_cast<std::int32_t>(a32), static_cast<std::int32_t>(b32))));
    case HelperOp::Idivmod:
      return pair(mcusim_host_aeabi_idivmod(static_cast<std::int32_t>(a32), static_cast<std::int32_t>(b32)));
    case HelperOp::Uldivmod: {
      std::uint64_t remainder = 0;
      const std::uint64_t q = mcusim_udivmod64(c.a, c.b, &remainder);
      return pair(q, remainder);
    }
    case HelperOp::Ldivmod: {
      std::int64_t remainder = 0;
      const std::int64_t q = mcusim_sdivmod64(a64, b64, &remainder);
      return pair(static_cast<std::uint64_t>(q), static_cast<std::uint64_t>(remainder));
    }
    case HelperOp::Lmul: return pair(static_cast<std::uint64_t>(mcusim_host_aeabi_lmul(a64, b64)));
    case HelperOp::Llsl: return pair(static_cast<std::uint64_t>(mcusim_host_aeabi_llsl(a64, static_cast<int>(b32))));
    case HelperOp::Llsr: return pair(static_cast<std::uint64_t>(mcusim_host_aeabi_llsr(a64, static_cast<int>(b32))));
    case HelperOp::Lasr: return pair(static_cast<std::uint64_t>(mcusim_host_aeabi_lasr(a64, static_cast<int>(b32))));
    case HelperOp::Clz: return pair(static_cast<std::uint32_t>(mcusim_host_clzsi2(a32)));
    case HelperOp::Memcmp: {
      std::uint8_t other[kMemBufferBytes];
      std::memcpy(other, buffer, sizeof other);
      if (high_b < kMemBufferBytes) other[high_b] = static_cast<std::uint8_t>(c.extra);
      const int sign = mcusim_host_memcmp(dst, other + (src - buffer), n);
      return pair(static_cast<std::uint32_t>(sign));
    }
    case HelperOp::Memcpy: EXPECT_EQ(mcusim_host_memcpy(dst, src, n), dst); break;
    case HelperOp::AeabiMemcpy: mcusim_host_aeabi_memcpy(dst, src, n); break;
    case HelperOp::AeabiMemcpy4: mcusim_host_aeabi_memcpy4(dst, src, n); break;
    case HelperOp::AeabiMemcpy8: mcusim_host_aeabi_memcpy8(dst, src, n); break;
    case HelperOp::Memmove: EXPECT_EQ(mcusim_host_memmove(dst, src, n), dst); break;
    case HelperOp::AeabiMemmove: mcusim_host_aeabi_memmove(dst, src, n); break;
    case HelperOp::AeabiMemmove4: mcusim_host_aeabi_memmove4(dst, src, n); break;
    case HelperOp::AeabiMemmove8: mcusim_host_aeabi_memmove8(dst, src, n); break;
    case HelperOp::Memset: EXPECT_EQ(mcusim_host_memset(dst, static_cast<int>(high_b), n), dst); break;
    case HelperOp::AeabiMemset: mcusim_host_aeabi_memset(dst, n, static_cast<int>(high_b)); break;
    case HelperOp::AeabiMemset4: mcusim_host_aeabi_memset4(dst, n, static_cast<int>(high_b)); break;
    case HelperOp::AeabiMemset8: mcusim_host_aeabi_memset8(dst, n, static_cast<int>(high_b)); break;
    case HelperOp::AeabiMemclr: mcusim_host_aeabi_memclr(dst, n); break;
    case HelperOp::AeabiMemclr4: mcusim_host_aeabi_memclr4(dst, n); break;
    case HelperOp::AeabiMemclr8: mcusim_host_aeabi_memclr8(dst, n); break;
    case HelperOp::Count: break;
  }
  return pair(fnv1a(buffer, kMemBufferBytes));
}

std::string describe(const HelperCase& c, std::size_t index) {
  return fmt::format("case {} op {} a {:#x} b {:#x} extra {:#x}", index, static_cast<unsigned>(c.op), c.a, c.b,
                     c.extra);
}

TEST(DeviceHelpers, HostBuildMatchesTheHostOperatorsOnEveryCase) {
  const std::vector<HelperCase> cases = helper_cases(20000);
  std::size_t per_op[static_cast<std::size_t>(HelperOp::Count)] = {};
  int failures = 0;
  for (std::size_t i = 0; i < cases.size() && failures < 20; ++i) {
    const HelperCase& c = cases[i];
    ++per_op[static_cast<std::size_t>(c.op)];
    const Registers got = run_on_host(c);
    const Registers want = {c.expected[0], c.expected[1], c.expected[2], c.expected[3]};
    if (got != want) {
      ++failures;
      ADD_FAILURE() << describe(c, i)
                    << fmt::format(": got {:#x} {:#x} {:#x} {:#x}, want {:#x} {:#x} {:#x} {:#x}", got[0], got[1],
                                   got[2], got[3], want[0], want[1], want[2], want[3]);
    }
  }
  // Every helper was exercised.
  for (std::size_t op = 0; op < static_cast<std::size_t>(HelperOp::Count); ++op) {
    EXPECT_GT(per_op[op], 0u) << "no case for op " << op;
  }
}

// The contracts spelled out by hand (RTABI §4.3.1, §4.3.2), so a wrong
// expectation in helper_cases.hpp cannot hide a wrong helper.
TEST(DeviceHelpers, DivisionContractsByHand) {
  EXPECT_EQ(mcusim_host_aeabi_uidiv(7, 2), 3u);
  EXPECT_EQ(mcusim_host_aeabi_uidivmod(7, 2), (std::uint64_t{1} << 32) | 3u);  // {q=3, r=1}
  EXPECT_EQ(mcusim_host_aeabi_uidiv(0xFFFFFFFFu, 1), 0xFFFFFFFFu);
  EXPECT_EQ(mcusim_host_aeabi_uidiv(0xFFFFFFFFu, 0x80000000u), 1u);
  EXPECT_EQ(mcusim_host_aeabi_idiv(-7, 2), -3);  // toward zero
  // -7 = (-3)*2 + (-1): the remainder takes the dividend's sign.
  EXPECT_EQ(mcusim_host_aeabi_idivmod(-7, 2), (std::uint64_t{0xFFFFFFFFu} << 32) | 0xFFFFFFFDu);
  EXPECT_EQ(mcusim_host_aeabi_idivmod(7, -2), (std::uint64_t{1} << 32) | 0xFFFFFFFDu);
  EXPECT_EQ(mcusim_host_aeabi_idiv(INT32_MIN, -1), INT32_MIN);  // wraps, as SDIV does
  EXPECT_EQ(mcusim_host_aeabi_idivmod(INT32_MIN, -1), 0x80000000u);
  // Division by zero: __aeabi_idiv0's value (0) as quotient, dividend as remainder.
  EXPECT_EQ(mcusim_host_aeabi_uidiv(5, 0), 0u);
  EXPECT_EQ(mcusim_host_aeabi_uidivmod(5, 0), std::uint64_t{5} << 32);
  EXPECT_EQ(mcusim_host_aeabi_idivmod(-5, 0), std::uint64_t{0xFFFFFFFBu} << 32);
  std::uint64_t r = 0;
  EXPECT_EQ(mcusim_udivmod64(0xFFFFFFFFFFFFFFFFull, 0x100000000ull, &r), 0xFFFFFFFFull);
  EXPECT_EQ(r, 0xFFFFFFFFull);
  std::int64_t sr = 0;
  EXPECT_EQ(mcusim_sdivmod64(-9, 4, &sr), -2);
  EXPECT_EQ(sr, -1);
}

TEST(DeviceHelpers, LongArithmeticByHand) {
  EXPECT_EQ(mcusim_host_aeabi_lmul(-1, -1), 1);
  EXPECT_EQ(mcusim_host_aeabi_lmul(0x100000000ll, 0x100000000ll), 0);  // 2^64 wraps
  EXPECT_EQ(mcusim_host_aeabi_lmul(0xFFFFFFFFll, 0xFFFFFFFFll), static_cast<std::int64_t>(0xFFFFFFFE00000001ull));
  EXPECT_EQ(mcusim_host_aeabi_llsl(1, 63), INT64_MIN);
  EXPECT_EQ(mcusim_host_aeabi_llsr(INT64_MIN, 63), 1);
  EXPECT_EQ(mcusim_host_aeabi_lasr(INT64_MIN, 63), -1);
  EXPECT_EQ(mcusim_host_aeabi_lasr(INT64_MIN, 32), static_cast<std::int64_t>(0xFFFFFFFF80000000ull));
  EXPECT_EQ(mcusim_host_aeabi_llsl(0x123, 0), 0x123);
  // Beyond the ABI's 0..63: all bits shifted out.
  EXPECT_EQ(mcusim_host_aeabi_llsl(-1, 64), 0);
  EXPECT_EQ(mcusim_host_aeabi_lasr(-2, 70), -1);
  EXPECT_EQ(mcusim_host_clzsi2(0), 32);
  EXPECT_EQ(mcusim_host_clzsi2(1), 31);
  EXPECT_EQ(mcusim_host_clzsi2(0x80000000u), 0);
}

TEST(DeviceHelpers, MemmoveOverlapsBothWays) {
  std::uint8_t bytes[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  mcusim_host_memmove(bytes + 1, bytes, 8);  // dst above src: back to front
  const std::uint8_t up[16] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15};
  EXPECT_EQ(0, std::memcmp(bytes, up, sizeof bytes));
  mcusim_host_memmove(bytes, bytes + 4, 12);  // dst below src, word aligned
  const std::uint8_t down[16] = {3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 12, 13, 14, 15};
  EXPECT_EQ(0, std::memcmp(bytes, down, sizeof bytes));
}

TEST(DeviceHelpers, MemcmpComparesUnsignedBytes) {
  const std::uint8_t low[2] = {1, 0x01};
  const std::uint8_t high[2] = {1, 0x81};  // 0x81 > 0x01 as unsigned char
  EXPECT_EQ(mcusim_host_memcmp(low, high, 2), -1);
  EXPECT_EQ(mcusim_host_memcmp(high, low, 2), 1);
  EXPECT_EQ(mcusim_host_memcmp(high, low, 1), 0);
  EXPECT_EQ(mcusim_host_memcmp(high, low, 0), 0);
}

}  // namespace
}  // namespace mcusim::test
