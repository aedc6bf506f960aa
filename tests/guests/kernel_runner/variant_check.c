/* tests/guests/kernel_runner/variant_check.c — a kernel variant against the
 * reference kernels inside the simulator: random FULLY_CONNECTED, CONV_2D and
 * DEPTHWISE_CONV_2D cases (shapes, strides, padding, dilation, groups, depth
 * multipliers, zero points at -128 and 127, multipliers and shifts at their
 * extremes, no bias, narrow clamps, buffers at odd addresses) run through
 * ref_* (ref_kernels.c) and through the variant built into this image, and
 * the outputs compared byte for byte. This checks what the host equivalence
 * test (tests/runtime/kernels/variant_equivalence_test.cpp) cannot: the
 * device build itself — real DSP instructions, the m0 assembly loop.
 *
 * Prints "cases=<n>" and "mismatches=<n>" (and "mismatch=<op> case <i>" for
 * the first few), exits 0 when every output matched, else 1. The stream is a
 * fixed xorshift32, so every run checks the same cases.
 */
#include <stdint.h>

#include "report.h"
#include "runtime/kernels/kernels.h"

void ref_fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output);
void ref_conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter,
                   const int32_t* bias, int8_t* output);
void ref_depthwise_conv2d_s8(const depthwise_conv2d_s8_params* p, const int8_t* input,
                             const int8_t* filter, const int32_t* bias, int8_t* output);

#define CASES_PER_OPERATOR 120
#define MAX_CHANNELS 64

static uint32_t state = 0x2545F491u;

static uint32_t next(void) { /* Marsaglia xorshift32 */
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

/* Uniform enough in [lo, hi] for a test: the modulo bias does not matter.
 * No division on ARMv6-M: the range is reduced by repeated halving. */
static int32_t between(int32_t lo, int32_t hi) {
  uint32_t span = (uint32_t)(hi - lo) + 1u;
  uint32_t r = next();
  uint32_t mask = 1u;
  while (mask < span && mask != 0x80000000u) mask = (mask << 1) | 1u;
  r &= mask;
  while (r >= span) r = next() & mask;
  return lo + (int32_t)r;
}

static int chance(int percent) { return between(0, 99) < percent; }

static int32_t an_offset(void) {
  switch (between(0, 3)) {
    case 0: return 128;
    case 1: return -127;
    default: return between(-127, 128);
  }
}

static int32_t a_zero_point(void) {
  switch (between(0, 3)) {
    case 0: return -128;
    case 1: return 127;
    default: return between(-128, 127);
  }
}

/* (multiplier, shift) as QuantizeMultiplier gives them, extremes included;
 * large left shifts only with multipliers <= 2^30 (see the host test). */
static void a_multiplier(int32_t* m, int32_t* shift) {
  const int kind = (int)between(0, 9);
  if (kind == 0) {
    *m = 0;
    *shift = 0;
  } else if (kind == 1) {
    *m = 1 << 30;
    *shift = between(1, 30);
  } else if (kind == 2) {
    *m = 2147483647;
    *shift = between(-31, 0);
  } else if (kind == 3) {
    *m = 1 << 30;
    *shift = -31;
  } else {
    *shift = between(-14, 2);
    *m = *shift > 0 ? between(1 << 30, (1 << 30) + (1 << 28)) : between(1 << 30, 2147483647);
  }
}

static void a_clamp(int32_t* lo, int32_t* hi) {
  if (chance(50)) {
    *lo = -128;
    *hi = 127;
  } else {
    *lo = between(-128, 127);
    *hi = between(*lo, 127);
  }
}

static int8_t input_store[4 * 1024 + 8];
static int8_t filter_store[8 * 1024 + 8];
static int32_t bias_store[MAX_CHANNELS * 3];
static int32_t multipliers[MAX_CHANNELS * 3];
static int32_t shifts[MAX_CHANNELS * 3];
static int8_t want[8 * 1024];
static int8_t got[8 * 1024];

/* `count` random bytes at 0..3 bytes past a word boundary. */
static int8_t* random_bytes(int8_t* store, int32_t count) {
  int8_t* p = store + between(0, 3);
  for (int32_t i = 0; i < count; ++i) p[i] = (int8_t)next();
  return p;
}

static const int32_t* random_bias(int32_t count) {
  for (int32_t i = 0; i < count; ++i) bias_store[i] = between(-(1 << 20), 1 << 20);
  return chance(20) ? 0 : bias_store;
}

static uint32_t cases;
static uint32_t mismatches;

static void compare(const char* op, int32_t case_index, int32_t size) {
  ++cases;
  for (int32_t i = 0; i < size; ++i) {
    if (want[i] != got[i]) {
      if (++mismatches <= 5u) {
        char number[12];
        format_u32((uint32_t)case_index, number);
        print("mismatch=");
        print(op);
        print(" case ");
        print(number);
        print("\n");
      }
      return;
    }
  }
}

static void spatial(int32_t in, int32_t taps, int32_t stride, int32_t dilation, int32_t* pad,
                    int32_t* out) {
  const int32_t effective = (taps - 1) * dilation + 1;
  const int32_t total_pad = between(0, effective);
  *pad = between(0, total_pad);
  /* (in + total_pad - effective) / stride + 1 without a division */
  int32_t span = in + total_pad - effective;
  int32_t n = 1;
  while (span >= stride) {
    span -= stride;
    ++n;
  }
  *out = n;
}

static void check_fully_connected(void) {
  for (int32_t n = 0; n < CASES_PER_OPERATOR; ++n) {
    fully_connected_s8_params p = {0};
    p.batches = between(1, 2);
    p.accum_depth = chance(30) ? 4 * between(1, 40) : between(1, 150);
    p.output_depth = between(1, 24);
    p.input_offset = an_offset();
    p.filter_offset = chance(25) ? an_offset() : 0;
    p.output_offset = a_zero_point();
    a_clamp(&p.act_min, &p.act_max);
    if (chance(50)) {
      for (int32_t i = 0; i < p.output_depth; ++i) a_multiplier(&multipliers[i], &shifts[i]);
      p.per_channel_multiplier = multipliers;
      p.per_channel_shift = shifts;
    } else {
      a_multiplier(&p.output_multiplier, &p.output_shift);
    }
    const int8_t* input = random_bytes(input_store, p.batches * p.accum_depth);
    const int8_t* filter = random_bytes(filter_store, p.output_depth * p.accum_depth);
    const int32_t* bias = random_bias(p.output_depth);
    ref_fully_connected_s8(&p, input, filter, bias, want);
    fully_connected_s8(&p, input, filter, bias, got);
    compare("fully_connected", n, p.batches * p.output_depth);
  }
}

static void check_conv2d(void) {
  for (int32_t n = 0; n < CASES_PER_OPERATOR; ++n) {
    conv2d_s8_params p = {0};
    p.batches = between(1, 2);
    p.input_h = between(1, 7);
    p.input_w = between(1, 7);
    const int32_t groups = chance(15) ? between(2, 3) : 1;
    p.filter_c = chance(40) ? 4 * between(1, 4) : between(1, 12);
    p.input_c = p.filter_c * groups;
    p.output_c = groups * between(1, 9);
    const int pointwise = chance(30);
    p.filter_h = pointwise ? 1 : between(1, 3);
    p.filter_w = pointwise ? 1 : between(1, 3);
    p.stride_h = between(1, 2);
    p.stride_w = between(1, 2);
    p.dilation_h = chance(70) ? 1 : 2;
    p.dilation_w = chance(70) ? 1 : 2;
    spatial(p.input_h, p.filter_h, p.stride_h, p.dilation_h, &p.pad_top, &p.output_h);
    spatial(p.input_w, p.filter_w, p.stride_w, p.dilation_w, &p.pad_left, &p.output_w);
    p.input_offset = an_offset();
    p.output_offset = a_zero_point();
    a_clamp(&p.act_min, &p.act_max);
    for (int32_t i = 0; i < p.output_c; ++i) a_multiplier(&multipliers[i], &shifts[i]);
    p.multiplier = multipliers;
    p.shift = shifts;
    const int8_t* input = random_bytes(input_store, p.batches * p.input_h * p.input_w * p.input_c);
    const int8_t* filter = random_bytes(filter_store, p.output_c * p.filter_h * p.filter_w * p.filter_c);
    const int32_t* bias = random_bias(p.output_c);
    ref_conv2d_s8(&p, input, filter, bias, want);
    conv2d_s8(&p, input, filter, bias, got);
    compare("conv2d", n, p.batches * p.output_h * p.output_w * p.output_c);
  }
}

static void check_depthwise_conv2d(void) {
  for (int32_t n = 0; n < CASES_PER_OPERATOR; ++n) {
    depthwise_conv2d_s8_params p = {0};
    p.batches = between(1, 2);
    p.input_h = between(1, 7);
    p.input_w = between(1, 7);
    p.input_c = chance(40) ? 4 * between(1, 4) : between(1, 12);
    p.depth_multiplier = chance(70) ? 1 : between(2, 3);
    p.output_c = p.input_c * p.depth_multiplier;
    p.filter_h = between(1, 4);
    p.filter_w = between(1, 4);
    p.stride_h = between(1, 2);
    p.stride_w = between(1, 2);
    p.dilation_h = chance(70) ? 1 : 2;
    p.dilation_w = chance(70) ? 1 : 2;
    spatial(p.input_h, p.filter_h, p.stride_h, p.dilation_h, &p.pad_top, &p.output_h);
    spatial(p.input_w, p.filter_w, p.stride_w, p.dilation_w, &p.pad_left, &p.output_w);
    p.input_offset = an_offset();
    p.output_offset = a_zero_point();
    a_clamp(&p.act_min, &p.act_max);
    for (int32_t i = 0; i < p.output_c; ++i) a_multiplier(&multipliers[i], &shifts[i]);
    p.multiplier = multipliers;
    p.shift = shifts;
    const int8_t* input = random_bytes(input_store, p.batches * p.input_h * p.input_w * p.input_c);
    const int8_t* filter = random_bytes(filter_store, p.filter_h * p.filter_w * p.output_c);
    const int32_t* bias = random_bias(p.output_c);
    ref_depthwise_conv2d_s8(&p, input, filter, bias, want);
    depthwise_conv2d_s8(&p, input, filter, bias, got);
    compare("depthwise_conv2d", n, p.batches * p.output_h * p.output_w * p.output_c);
  }
}

int main(void) {
  check_fully_connected();
  check_conv2d();
  check_depthwise_conv2d();
  report_u32("cases", cases);
  report_u32("mismatches", mismatches);
  return mismatches == 0u ? 0 : 1;
}
