// runtime/device/aeabi_div.c — integer division helpers for ARMv6-M, which
// has no divide instruction (ARMv7-M's SDIV/UDIV make them unnecessary on the
// M4, but they link and work there too).
//
// Contracts from the Run-time ABI for the Arm Architecture (RTABI, IHI 0043):
//   §4.3.1 __aeabi_uidiv / __aeabi_idiv return the quotient in r0;
//          __aeabi_uidivmod / __aeabi_idivmod return {quotient, remainder} in
//          {r0, r1}. Signed division truncates toward zero; the remainder has
//          the sign of the dividend (C99 §6.5.5: (a/b)*b + a%b == a).
//   §4.2   __aeabi_uldivmod / __aeabi_ldivmod: the same for 64 bits, quotient
//          in {r0, r1}, remainder in {r2, r3} (aeabi_ldivmod.S).
//   §4.3.2 Division by zero calls __aeabi_idiv0 / __aeabi_ldiv0 and returns
//          what it returns as the quotient. Ours are weak and return their
//          argument, 0 — what Arm's own library does by default and what the
//          M4's UDIV/SDIV give with DIV_0_TRP clear; the remainder is then the
//          dividend. A firmware that wants a trap defines its own.
// INT_MIN / -1 overflows in C; here it wraps to INT_MIN, remainder 0, as the
// M4's SDIV does (ARMv7-M ARM A7.7.127).
//
// Algorithm: shift-subtract, but only over the quotient bits that can be set:
// the divisor is first shifted up under the dividend, so 1000 / 7 takes 8
// steps, not 32 (the runtime divides small pool counts and group sizes).
#include "runtime/device/device_symbols.h"

typedef struct {
  uint32_t quotient;
  uint32_t remainder;
} UDiv32;

static UDiv32 udivmod32(uint32_t n, uint32_t d) {
  UDiv32 r = {0u, n};
  if (d > n) return r;  // also covers n == 0 with d != 0
  // Align: the largest d << k that is still <= n. d <= n / 2 keeps d << 1
  // from overflowing.
  uint32_t bit = 1u;
  while (d <= (n >> 1)) {
    d <<= 1;
    bit <<= 1;
  }
  uint32_t quotient = 0u;
  while (bit != 0u) {
    if (n >= d) {
      n -= d;
      quotient |= bit;
    }
    d >>= 1;
    bit >>= 1;
  }
  r.quotient = quotient;
  r.remainder = n;
  return r;
}

static uint64_t pack(uint32_t r0, uint32_t r1) { return (uint64_t)r0 | ((uint64_t)r1 << 32); }

static uint32_t magnitude32(int32_t v) { return v < 0 ? 0u - (uint32_t)v : (uint32_t)v; }

__attribute__((weak)) int DEVICE_AEABI(idiv0)(int return_value) { return return_value; }

__attribute__((weak)) long long DEVICE_AEABI(ldiv0)(long long return_value) {
  return return_value;
}

uint32_t DEVICE_AEABI(uidiv)(uint32_t numerator, uint32_t denominator) {
  if (denominator == 0u) return (uint32_t)DEVICE_AEABI(idiv0)(0);
  return udivmod32(numerator, denominator).quotient;
}

uint64_t DEVICE_AEABI(uidivmod)(uint32_t numerator, uint32_t denominator) {
  if (denominator == 0u) return pack((uint32_t)DEVICE_AEABI(idiv0)(0), numerator);
  const UDiv32 r = udivmod32(numerator, denominator);
  return pack(r.quotient, r.remainder);
}

int32_t DEVICE_AEABI(idiv)(int32_t numerator, int32_t denominator) {
  if (denominator == 0) return DEVICE_AEABI(idiv0)(0);
  const uint32_t q = udivmod32(magnitude32(numerator), magnitude32(denominator)).quotient;
  return (int32_t)(((numerator < 0) != (denominator < 0)) ? 0u - q : q);
}

uint64_t DEVICE_AEABI(idivmod)(int32_t numerator, int32_t denominator) {
  if (denominator == 0) return pack((uint32_t)DEVICE_AEABI(idiv0)(0), (uint32_t)numerator);
  const UDiv32 r = udivmod32(magnitude32(numerator), magnitude32(denominator));
  const uint32_t q = ((numerator < 0) != (denominator < 0)) ? 0u - r.quotient : r.quotient;
  const uint32_t m = numerator < 0 ? 0u - r.remainder : r.remainder;
  return pack(q, m);
}

// ---- 64 bits ----------------------------------------------------------------------

uint64_t mcusim_udivmod64(uint64_t numerator, uint64_t denominator, uint64_t *remainder) {
  if (denominator == 0u) {
    *remainder = numerator;
    return (uint64_t)DEVICE_AEABI(ldiv0)(0);
  }
  // Both fit 32 bits: the cheaper 32-bit loop.
  if ((numerator >> 32) == 0u) {
    if ((denominator >> 32) != 0u) {  // denominator > numerator
      *remainder = numerator;
      return 0u;
    }
    const UDiv32 r = udivmod32((uint32_t)numerator, (uint32_t)denominator);
    *remainder = r.remainder;
    return r.quotient;
  }
  uint64_t n = numerator;
  uint64_t d = denominator;
  if (d > n) {
    *remainder = n;
    return 0u;
  }
  uint64_t bit = 1u;
  while (d <= (n >> 1)) {
    d <<= 1;
    bit <<= 1;
  }
  uint64_t quotient = 0u;
  while (bit != 0u) {
    if (n >= d) {
      n -= d;
      quotient |= bit;
    }
    d >>= 1;
    bit >>= 1;
  }
  *remainder = n;
  return quotient;
}

static uint64_t magnitude64(int64_t v) { return v < 0 ? 0u - (uint64_t)v : (uint64_t)v; }

int64_t mcusim_sdivmod64(int64_t numerator, int64_t denominator, int64_t *remainder) {
  if (denominator == 0) {
    *remainder = numerator;
    return DEVICE_AEABI(ldiv0)(0);
  }
  uint64_t r = 0u;
  const uint64_t q = mcusim_udivmod64(magnitude64(numerator), magnitude64(denominator), &r);
  *remainder = (int64_t)(numerator < 0 ? 0u - r : r);
  return (int64_t)(((numerator < 0) != (denominator < 0)) ? 0u - q : q);
}
