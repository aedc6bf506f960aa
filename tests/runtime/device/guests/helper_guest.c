// tests/runtime/device/guests/helper_guest.c — runs every case of the blob
// `helper_cases` (tests/runtime/device/helper_cases.hpp) through the device
// runtime's helpers, built for Thumb, and compares with the expected values
// the host computed. The division helpers are called from inline assembly so
// the check covers the registers the RTABI names (r0..r3), not just what C
// sees. Prints one line per mismatch (at most 20), then "checked=<n>"; exits
// with the number of mismatches.
#include <stddef.h>
#include <stdint.h>

#include "runtime/device/device_symbols.h"
#include "runtime/device/semihosting.h"

extern const uint32_t helper_cases[];

enum {
  kUidiv, kUidivmod, kIdiv, kIdivmod, kUldivmod, kLdivmod, kLmul, kLlsl, kLlsr, kLasr, kClz,
  kMemcpy, kAeabiMemcpy, kAeabiMemcpy4, kAeabiMemcpy8,
  kMemmove, kAeabiMemmove, kAeabiMemmove4, kAeabiMemmove8,
  kMemset, kAeabiMemset, kAeabiMemset4, kAeabiMemset8,
  kAeabiMemclr, kAeabiMemclr4, kAeabiMemclr8, kMemcmp,
};
#define MEM_BUFFER_BYTES 96u
#define MAGIC 0x48435331u

// Calls `fn` with a in {r0, r1} and b in {r2, r3}; returns r0..r3. AAPCS lets
// the callee clobber r0-r3, r12, lr and the flags.
#define CALL_4REGS(fn, a, b, out)                                                          \
  do {                                                                                     \
    register uint32_t r0 __asm__("r0") = (uint32_t)(a);                                    \
    register uint32_t r1 __asm__("r1") = (uint32_t)((uint64_t)(a) >> 32);                  \
    register uint32_t r2 __asm__("r2") = (uint32_t)(b);                                    \
    register uint32_t r3 __asm__("r3") = (uint32_t)((uint64_t)(b) >> 32);                  \
    __asm__ volatile("bl " fn : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "r12", "lr", "cc", "memory"); \
    (out)[0] = r0;                                                                         \
    (out)[1] = r1;                                                                         \
    (out)[2] = r2;                                                                         \
    (out)[3] = r3;                                                                         \
  } while (0)

// 32-bit division: a in r0, b in r1; r2 and r3 are not results.
#define CALL_2REGS(fn, a, b, out)                                                          \
  do {                                                                                     \
    register uint32_t r0 __asm__("r0") = (uint32_t)(a);                                    \
    register uint32_t r1 __asm__("r1") = (uint32_t)(b);                                    \
    __asm__ volatile("bl " fn : "+r"(r0), "+r"(r1) : : "r2", "r3", "r12", "lr", "cc", "memory"); \
    (out)[0] = r0;                                                                         \
    (out)[1] = r1;                                                                         \
  } while (0)

static unsigned char buffer[MEM_BUFFER_BYTES] __attribute__((aligned(8)));
static unsigned char other[MEM_BUFFER_BYTES] __attribute__((aligned(8)));

static uint32_t fnv1a(const unsigned char *bytes, uint32_t n) {
  uint32_t hash = 2166136261u;
  for (uint32_t i = 0; i < n; ++i) hash = (hash ^ bytes[i]) * 16777619u;
  return hash;
}

static void fill(unsigned char *bytes) {
  for (uint32_t i = 0; i < MEM_BUFFER_BYTES; ++i) bytes[i] = (unsigned char)(i * 37u + 11u);
}

static void run_case(const uint32_t *c, uint32_t got[4]) {
  const uint32_t op = c[0], extra = c[1], a_lo = c[2], a_hi = c[3], b_lo = c[4], b_hi = c[5];
  const uint64_t a = (uint64_t)a_lo | ((uint64_t)a_hi << 32);
  const uint64_t b = (uint64_t)b_lo | ((uint64_t)b_hi << 32);
  unsigned char *dst = buffer + a_lo;
  const unsigned char *src = buffer + a_hi;
  const size_t n = b_lo;
  const int fill_byte = (int)b_hi;
  got[0] = got[1] = got[2] = got[3] = 0;
  switch (op) {
    case kUidiv: CALL_2REGS("__aeabi_uidiv", a_lo, b_lo, got); got[1] = 0; return;
    case kUidivmod: CALL_2REGS("__aeabi_uidivmod", a_lo, b_lo, got); return;
    case kIdiv: CALL_2REGS("__aeabi_idiv", a_lo, b_lo, got); got[1] = 0; return;
    case kIdivmod: CALL_2REGS("__aeabi_idivmod", a_lo, b_lo, got); return;
    case kUldivmod: CALL_4REGS("__aeabi_uldivmod", a, b, got); return;
    case kLdivmod: CALL_4REGS("__aeabi_ldivmod", a, b, got); return;
    // Results in {r0, r1}; r2 and r3 are scratch.
    case kLmul: CALL_4REGS("__aeabi_lmul", a, b, got); got[2] = got[3] = 0; return;
    case kLlsl: CALL_4REGS("__aeabi_llsl", a, b, got); got[2] = got[3] = 0; return;
    case kLlsr: CALL_4REGS("__aeabi_llsr", a, b, got); got[2] = got[3] = 0; return;
    case kLasr: CALL_4REGS("__aeabi_lasr", a, b, got); got[2] = got[3] = 0; return;
    case kClz: CALL_2REGS("__clzsi2", a_lo, 0, got); got[1] = 0; return;
    default: break;
  }
  fill(buffer);
  switch (op) {
    case kMemcpy: if (memcpy(dst, src, n) != dst) got[1] = 1; break;
    case kAeabiMemcpy: __aeabi_memcpy(dst, src, n); break;
    case kAeabiMemcpy4: __aeabi_memcpy4(dst, src, n); break;
    case kAeabiMemcpy8: __aeabi_memcpy8(dst, src, n); break;
    case kMemmove: if (memmove(dst, src, n) != dst) got[1] = 1; break;
    case kAeabiMemmove: __aeabi_memmove(dst, src, n); break;
    case kAeabiMemmove4: __aeabi_memmove4(dst, src, n); break;
    case kAeabiMemmove8: __aeabi_memmove8(dst, src, n); break;
    case kMemset: if (memset(dst, fill_byte, n) != dst) got[1] = 1; break;
    case kAeabiMemset: __aeabi_memset(dst, n, fill_byte); break;
    case kAeabiMemset4: __aeabi_memset4(dst, n, fill_byte); break;
    case kAeabiMemset8: __aeabi_memset8(dst, n, fill_byte); break;
    case kAeabiMemclr: __aeabi_memclr(dst, n); break;
    case kAeabiMemclr4: __aeabi_memclr4(dst, n); break;
    case kAeabiMemclr8: __aeabi_memclr8(dst, n); break;
    case kMemcmp:
      fill(other);
      if (b_hi < MEM_BUFFER_BYTES) other[b_hi] = (unsigned char)extra;
      got[0] = (uint32_t)memcmp(dst, other + a_hi, n);
      return;
    default: got[0] = 0xDEADBEEFu; return;
  }
  got[0] = fnv1a(buffer, MEM_BUFFER_BYTES);
}

static char *append(char *out, const char *text) {
  while (*text != '\0') *out++ = *text++;
  return out;
}

static char *append_hex(char *out, uint32_t value) {
  static const char kDigits[] = "0123456789abcdef";
  *out++ = '0';
  *out++ = 'x';
  for (int i = 0; i < 8; ++i) *out++ = kDigits[(value >> (28 - 4 * i)) & 0xFu];
  return out;
}

int main(void) {
  if (helper_cases[0] != MAGIC) {
    mcusim_semihost_write0("bad blob magic\n");
    return 255;
  }
  const uint32_t count = helper_cases[1];
  uint32_t mismatches = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t *c = &helper_cases[2 + 10 * i];
    uint32_t got[4];
    run_case(c, got);
    if (got[0] == c[6] && got[1] == c[7] && got[2] == c[8] && got[3] == c[9]) continue;
    if (++mismatches <= 20) {
      char line[160];
      char *p = append(line, "mismatch case ");
      p = append_hex(p, i);
      p = append(p, " got");
      for (int k = 0; k < 4; ++k) p = append_hex(append(p, " "), got[k]);
      *p++ = '\n';
      *p = '\0';
      mcusim_semihost_write0(line);
    }
  }
  char line[40];
  char *p = append_hex(append(line, "checked="), count);
  *p++ = '\n';
  *p = '\0';
  mcusim_semihost_write0(line);
  return (int)(mismatches > 255u ? 255u : mismatches);
}
