// tests/guests/common/aeabi.c — run-time helpers the compiler calls on
// Armv6-M (Cortex-M0/M0+), which has no divide instruction and no 32x32->64
// multiply. Debian ships no compiler-rt for Arm, so the guests bring their own
// (Run-time ABI for the Arm Architecture, IHI 0043, §4.2 and §4.3).
//
// Division is restoring shift-subtract, one quotient bit per step. Division by
// zero returns quotient 0 and remainder = dividend (the ABI leaves it to
// __aeabi_idiv0, which here does nothing).
#include <stdint.h>

typedef struct {
  uint32_t quot;
  uint32_t rem;
} UDivResult;

static UDivResult udivmod32(uint32_t n, uint32_t d) {
  UDivResult r = {0u, n};
  if (d == 0u || n < d) return r;
  uint32_t quot = 0u;
  uint32_t rem = 0u;
  for (int bit = 31; bit >= 0; --bit) {
    const uint32_t carry = rem >> 31;  // rem << 1 would drop this bit
    rem = (rem << 1) | ((n >> bit) & 1u);
    if (carry != 0u || rem >= d) {
      rem -= d;
      quot |= 1u << bit;
    }
  }
  r.quot = quot;
  r.rem = rem;
  return r;
}

// Results returned in {r0, r1}: a 64-bit value, low word in r0 (AAPCS).
static uint64_t pack(uint32_t r0, uint32_t r1) { return (uint64_t)r0 | ((uint64_t)r1 << 32); }

uint32_t __aeabi_uidiv(uint32_t n, uint32_t d) { return udivmod32(n, d).quot; }

uint64_t __aeabi_uidivmod(uint32_t n, uint32_t d) {
  const UDivResult r = udivmod32(n, d);
  return pack(r.quot, r.rem);
}

static uint32_t magnitude(int32_t v) { return v < 0 ? 0u - (uint32_t)v : (uint32_t)v; }

int32_t __aeabi_idiv(int32_t n, int32_t d) {
  const uint32_t q = udivmod32(magnitude(n), magnitude(d)).quot;
  return (int32_t)(((n < 0) != (d < 0)) ? 0u - q : q);
}

// Quotient rounds toward zero; the remainder takes the dividend's sign.
uint64_t __aeabi_idivmod(int32_t n, int32_t d) {
  const UDivResult r = udivmod32(magnitude(n), magnitude(d));
  const uint32_t q = ((n < 0) != (d < 0)) ? 0u - r.quot : r.quot;
  const uint32_t m = n < 0 ? 0u - r.rem : r.rem;
  return pack(q, m);
}

// 64 x 64 -> 64 multiply from 16-bit pieces: a 32-bit multiply here would be
// fine, a 64-bit one would call this function again.
static uint32_t mul32_hi(uint32_t a, uint32_t b) {
  const uint32_t a_lo = a & 0xFFFFu, a_hi = a >> 16;
  const uint32_t b_lo = b & 0xFFFFu, b_hi = b >> 16;
  const uint32_t lo_lo = a_lo * b_lo;
  const uint32_t hi_lo = a_hi * b_lo;
  const uint32_t lo_hi = a_lo * b_hi;
  const uint32_t hi_hi = a_hi * b_hi;
  const uint32_t cross = (lo_lo >> 16) + (hi_lo & 0xFFFFu) + (lo_hi & 0xFFFFu);
  return hi_hi + (hi_lo >> 16) + (lo_hi >> 16) + (cross >> 16);
}

uint64_t __aeabi_lmul(uint64_t a, uint64_t b) {
  const uint32_t a_lo = (uint32_t)a, a_hi = (uint32_t)(a >> 32);
  const uint32_t b_lo = (uint32_t)b, b_hi = (uint32_t)(b >> 32);
  const uint32_t lo = a_lo * b_lo;
  const uint32_t hi = mul32_hi(a_lo, b_lo) + a_lo * b_hi + a_hi * b_lo;
  return pack(lo, hi);
}
