/* runtime/kernels/m4/dsp.h — the ARMv7E-M DSP instructions the m4 kernels use,
 * under one set of names for both builds:
 *
 * - on the device (__ARM_FEATURE_DSP), the ACLE intrinsics of <arm_acle.h>,
 *   which clang turns into single instructions (SXTB16, SXTAB16 with ROR #8,
 *   SMLAD, SMLABB, SMLATT, SSAT, SMMULR);
 * - on the host, their semantics in portable C (dsp_emulation.h), so the same
 *   kernel source runs in the host tests at full speed.
 *
 * Word loads of int8 data go through dsp_read_s8x4: a 4-byte memcpy, which the
 * compiler makes one LDR (the device build needs -munaligned-access, see
 * cmake/kernel_variants.cmake; ARMv7-M's LDR accepts any address).
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M4_DSP_H
#define MCUSIM_RUNTIME_KERNELS_M4_DSP_H

#include <stdint.h>

#if defined(__ARM_FEATURE_DSP)
#if !defined(__ARM_FEATURE_UNALIGNED)
#error "the m4 kernels load int8 data a word at a time: build them with -munaligned-access"
#endif
#include <arm_acle.h>

static inline int32_t dsp_sxtb16(uint32_t x) { return __sxtb16((int32_t)x); }
static inline int32_t dsp_sxtb16_ror8(uint32_t x) { return __sxtb16((int32_t)__ror(x, 8)); }
static inline int32_t dsp_sxtab16(int32_t a, uint32_t x) { return __sxtab16(a, (int32_t)x); }
static inline int32_t dsp_sxtab16_ror8(int32_t a, uint32_t x) {
  return __sxtab16(a, (int32_t)__ror(x, 8));
}
static inline int32_t dsp_smlad(int32_t a, int32_t b, int32_t acc) { return __smlad(a, b, acc); }
static inline int32_t dsp_smlabb(int32_t a, int32_t b, int32_t acc) { return __smlabb(a, b, acc); }
static inline int32_t dsp_smlatt(int32_t a, int32_t b, int32_t acc) { return __smlatt(a, b, acc); }
#define dsp_ssat(x, bits) __ssat((x), (bits))
/* SMMULR: ACLE has no intrinsic; clang selects SMMULR for this form. */
static inline int32_t dsp_smmulr(int32_t a, int32_t b) {
  return (int32_t)(((int64_t)a * (int64_t)b + 0x80000000LL) >> 32);
}

#else
#include "runtime/kernels/m4/dsp_emulation.h"
#endif

/* Four int8 values as one little-endian word, from any address. */
static inline uint32_t dsp_read_s8x4(const int8_t* p) {
  uint32_t word;
  __builtin_memcpy(&word, p, sizeof word);
  return word;
}

/* A 16-bit value in both halves of a word: the packed operand of SXTAB16. */
static inline int32_t dsp_pack_pair(int32_t v) {
  return (int32_t)(((uint32_t)v & 0xFFFFu) | ((uint32_t)v << 16));
}

#endif /* MCUSIM_RUNTIME_KERNELS_M4_DSP_H */
