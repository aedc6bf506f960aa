/* runtime/kernels/m4/dsp_emulation.h — the ARMv7E-M DSP instructions of
 * runtime/kernels/m4/dsp.h in portable C, for the host build of the m4
 * kernels. Each function follows the instruction's pseudocode in the ARMv7-M
 * Architecture Reference Manual (DDI 0403E.b, chapter A7, the section named
 * after the instruction); the Q flag (sticky overflow) is not modelled, as the
 * kernels never read it. Words are little-endian, as on the device.
 *
 * Wrapping steps are done in uint32_t: the instructions compute modulo 2^32
 * (or 2^16 per half), C's signed overflow would be undefined.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_M4_DSP_EMULATION_H
#define MCUSIM_RUNTIME_KERNELS_M4_DSP_EMULATION_H

#include <stdint.h>

/* ROR: rotate right by 0..31. */
static inline uint32_t dsp_emulated_ror(uint32_t x, unsigned n) {
  n &= 31u;
  return n == 0u ? x : (x >> n) | (x << (32u - n));
}

static inline int32_t dsp_emulated_sext8(uint32_t byte) {
  return (int32_t)((byte & 0xFFu) ^ 0x80u) - 0x80;
}

static inline int32_t dsp_emulated_sext16(uint32_t half) {
  return (int32_t)((half & 0xFFFFu) ^ 0x8000u) - 0x8000;
}

/* SXTB16 (§A7.7, "SXTB16"): d<15:0> = SignExtend(rotated<7:0>, 16),
 * d<31:16> = SignExtend(rotated<23:16>, 16). */
static inline int32_t dsp_sxtb16(uint32_t x) {
  const uint32_t lo = (uint32_t)dsp_emulated_sext8(x) & 0xFFFFu;
  const uint32_t hi = (uint32_t)dsp_emulated_sext8(x >> 16) & 0xFFFFu;
  return (int32_t)(lo | (hi << 16));
}

/* SXTB16 Rd, Rm, ROR #8. */
static inline int32_t dsp_sxtb16_ror8(uint32_t x) { return dsp_sxtb16(dsp_emulated_ror(x, 8)); }

/* SXTAB16 (§A7.7, "SXTAB16"): d<15:0> = n<15:0> + SignExtend(rotated<7:0>, 16),
 * d<31:16> = n<31:16> + SignExtend(rotated<23:16>, 16), each modulo 2^16. */
static inline int32_t dsp_sxtab16(int32_t a, uint32_t x) {
  const uint32_t lo = ((uint32_t)a + (uint32_t)dsp_emulated_sext8(x)) & 0xFFFFu;
  const uint32_t hi = (((uint32_t)a >> 16) + (uint32_t)dsp_emulated_sext8(x >> 16)) & 0xFFFFu;
  return (int32_t)(lo | (hi << 16));
}

/* SXTAB16 Rd, Rn, Rm, ROR #8. */
static inline int32_t dsp_sxtab16_ror8(int32_t a, uint32_t x) {
  return dsp_sxtab16(a, dsp_emulated_ror(x, 8));
}

/* SMLAD (§A7.7, "SMLAD"): n<15:0> * m<15:0> + n<31:16> * m<31:16> + a, signed,
 * result<31:0>. */
static inline int32_t dsp_smlad(int32_t a, int32_t b, int32_t acc) {
  const int32_t p1 = dsp_emulated_sext16((uint32_t)a) * dsp_emulated_sext16((uint32_t)b);
  const int32_t p2 = dsp_emulated_sext16((uint32_t)a >> 16) * dsp_emulated_sext16((uint32_t)b >> 16);
  return (int32_t)((uint32_t)p1 + (uint32_t)p2 + (uint32_t)acc);
}

/* SMLABB (§A7.7, "SMLABB, SMLABT, SMLATB, SMLATT"): n<15:0> * m<15:0> + a, signed, result<31:0>. */
static inline int32_t dsp_smlabb(int32_t a, int32_t b, int32_t acc) {
  const int32_t p = dsp_emulated_sext16((uint32_t)a) * dsp_emulated_sext16((uint32_t)b);
  return (int32_t)((uint32_t)p + (uint32_t)acc);
}

/* SMLATT (§A7.7, "SMLABB, SMLABT, SMLATB, SMLATT"): n<31:16> * m<31:16> + a, signed, result<31:0>. */
static inline int32_t dsp_smlatt(int32_t a, int32_t b, int32_t acc) {
  const int32_t p = dsp_emulated_sext16((uint32_t)a >> 16) * dsp_emulated_sext16((uint32_t)b >> 16);
  return (int32_t)((uint32_t)p + (uint32_t)acc);
}

/* SMMULR (§A7.7, "SMMUL"): (n * m + 0x80000000)<63:32>, signed: the high
 * word of the product, rounded. */
static inline int32_t dsp_smmulr(int32_t a, int32_t b) {
  return (int32_t)(((int64_t)a * (int64_t)b + (int64_t)0x80000000u) >> 32);
}

/* SSAT (§A7.7, "SSAT"): SignedSatQ(x, bits), 1 <= bits <= 32. */
static inline int32_t dsp_ssat(int32_t x, int bits) {
  const int64_t max = ((int64_t)1 << (bits - 1)) - 1;
  const int64_t min = -((int64_t)1 << (bits - 1));
  return x > max ? (int32_t)max : (x < min ? (int32_t)min : x);
}

#endif /* MCUSIM_RUNTIME_KERNELS_M4_DSP_EMULATION_H */
