// runtime/device/aeabi_long.c — 64-bit multiply and shifts, and count leading
// zeros, for ARMv6-M: clang-14 calls these for `int64_t * int64_t` (the
// runtime's requantization), for 64-bit shifts by a variable amount and for
// __builtin_clz (checked with llvm-nm on the kernels built for thumbv6m).
//
// RTABI (IHI 0043) §4.2, the long long helpers:
//   long long __aeabi_lmul(long long, long long)   — the low 64 bits of the
//             product (the same bits signed or unsigned);
//   long long __aeabi_llsl(long long, int)         — logical shift left,
//   long long __aeabi_llsr(long long, int)         — logical shift right,
//   long long __aeabi_lasr(long long, int)         — arithmetic shift right.
// The ABI defines the shifts for 0..63; a count of 64 or more gives 0 here
// (-1 for a negative value shifted arithmetically), not whatever a 32-bit
// shift of the halves would.
#include "runtime/device/device_symbols.h"

// The high word of a 32 x 32 -> 64 product, from 16-bit pieces: ARMv6-M's
// MULS gives only the low 32 bits.
static uint32_t mul32_high(uint32_t a, uint32_t b) {
  const uint32_t a_lo = a & 0xFFFFu, a_hi = a >> 16;
  const uint32_t b_lo = b & 0xFFFFu, b_hi = b >> 16;
  const uint32_t lo_lo = a_lo * b_lo;
  const uint32_t hi_lo = a_hi * b_lo;
  const uint32_t lo_hi = a_lo * b_hi;
  const uint32_t hi_hi = a_hi * b_hi;
  // The middle column: at most 3 * 0xFFFF, no overflow.
  const uint32_t middle = (lo_lo >> 16) + (hi_lo & 0xFFFFu) + (lo_hi & 0xFFFFu);
  return hi_hi + (hi_lo >> 16) + (lo_hi >> 16) + (middle >> 16);
}

int64_t DEVICE_AEABI(lmul)(int64_t a, int64_t b) {
  const uint32_t a_lo = (uint32_t)a, a_hi = (uint32_t)((uint64_t)a >> 32);
  const uint32_t b_lo = (uint32_t)b, b_hi = (uint32_t)((uint64_t)b >> 32);
  const uint32_t low = a_lo * b_lo;
  // Only the low 32 bits of the cross products reach the result.
  const uint32_t high = mul32_high(a_lo, b_lo) + a_lo * b_hi + a_hi * b_lo;
  return (int64_t)((uint64_t)low | ((uint64_t)high << 32));
}

// Shifts on the two halves: a 64-bit shift in C here would call these again.
int64_t DEVICE_AEABI(llsl)(int64_t value, int shift) {
  const uint32_t lo = (uint32_t)value, hi = (uint32_t)((uint64_t)value >> 32);
  uint32_t out_lo = 0u, out_hi = 0u;
  if (shift <= 0) {
    out_lo = lo;
    out_hi = hi;
  } else if (shift < 32) {
    out_lo = lo << shift;
    out_hi = (hi << shift) | (lo >> (32 - shift));
  } else if (shift < 64) {
    out_hi = lo << (shift - 32);
  }
  return (int64_t)((uint64_t)out_lo | ((uint64_t)out_hi << 32));
}

int64_t DEVICE_AEABI(llsr)(int64_t value, int shift) {
  const uint32_t lo = (uint32_t)value, hi = (uint32_t)((uint64_t)value >> 32);
  uint32_t out_lo = 0u, out_hi = 0u;
  if (shift <= 0) {
    out_lo = lo;
    out_hi = hi;
  } else if (shift < 32) {
    out_lo = (lo >> shift) | (hi << (32 - shift));
    out_hi = hi >> shift;
  } else if (shift < 64) {
    out_lo = hi >> (shift - 32);
  }
  return (int64_t)((uint64_t)out_lo | ((uint64_t)out_hi << 32));
}

int64_t DEVICE_AEABI(lasr)(int64_t value, int shift) {
  const uint32_t lo = (uint32_t)value, hi = (uint32_t)((uint64_t)value >> 32);
  const uint32_t sign = (hi & 0x80000000u) ? 0xFFFFFFFFu : 0u;
  uint32_t out_lo = sign, out_hi = sign;
  if (shift <= 0) {
    out_lo = lo;
    out_hi = hi;
  } else if (shift < 32) {
    out_lo = (lo >> shift) | (hi << (32 - shift));
    out_hi = (hi >> shift) | (sign << (32 - shift));
  } else if (shift < 64) {
    out_lo = (hi >> (shift - 32)) | (shift == 32 ? 0u : sign << (64 - shift));
  }
  return (int64_t)((uint64_t)out_lo | ((uint64_t)out_hi << 32));
}

// Binary search over halves: 5 steps, no table.
int DEVICE_LIBGCC(clzsi2)(uint32_t value) {
  if (value == 0u) return 32;
  int zeros = 0;
  if ((value & 0xFFFF0000u) == 0u) {
    zeros += 16;
    value <<= 16;
  }
  if ((value & 0xFF000000u) == 0u) {
    zeros += 8;
    value <<= 8;
  }
  if ((value & 0xF0000000u) == 0u) {
    zeros += 4;
    value <<= 4;
  }
  if ((value & 0xC0000000u) == 0u) {
    zeros += 2;
    value <<= 2;
  }
  if ((value & 0x80000000u) == 0u) zeros += 1;
  return zeros;
}
