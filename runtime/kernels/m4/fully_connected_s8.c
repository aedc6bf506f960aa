/* runtime/kernels/m4/fully_connected_s8.c — FULLY_CONNECTED for ARMv7E-M:
 * four output rows at a time share each input word (m4/dot_s8.h: SXTAB16 +
 * SMLAD), requantization with one SMLAL (m4/requantize.h). Bit-exact with
 * runtime/kernels/fully_connected_s8.c. With the plan writer's m4 block
 * (m4/matmul_m4.h): int16 weights, loads and SMLAD only, SMMULR
 * requantization.
 *
 * A filter offset (non-zero filter zero point) is taken out of the inner
 * loop: sum_d (w + fo)(x + io) = sum_d w (x + io) + fo * sum_d (x + io), the
 * second sum computed once per batch row; equal modulo 2^32. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m4/dot_s8.h"
#include "runtime/kernels/m4/matmul_m4.h"
#include "runtime/kernels/m4/requantize.h"
#include "runtime/kernels/quant_math.h"

static int8_t finish(const fully_connected_s8_params* p, int32_t o, int32_t acc, int32_t offset_term,
                     const int32_t* bias) {
  acc = qm_wrap_add(acc, offset_term);
  if (bias) acc = qm_wrap_add(acc, bias[o]);
  const int32_t multiplier =
      p->per_channel_multiplier ? p->per_channel_multiplier[o] : p->output_multiplier;
  const int shift = (int)(p->per_channel_shift ? p->per_channel_shift[o] : p->output_shift);
  return m4_output_s8(m4_requantize(acc, multiplier, shift), p->output_offset, p->act_min,
                      p->act_max);
}

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input,
                        const int8_t* filter, const int32_t* bias, int8_t* output) {
  if (p->variant_block != 0 && (uint32_t)p->variant_block[0] == MCUSIM_PLAN_BLOCK_M4_MATMUL) {
    m4_matmul(p->variant_block, p->batches, p->accum_depth, p->output_depth, input, output, p->act_min,
              p->act_max);
    return;
  }
  const int32_t depth = p->accum_depth;
  const int32_t io = p->input_offset;
  const int simd = m4_offset_fits_16(io);
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t* out = output + b * p->output_depth;
    int32_t offset_term = 0;
    if (p->filter_offset != 0) {
      int32_t x_sum = 0;
      for (int32_t d = 0; d < depth; ++d) x_sum = qm_wrap_add(x_sum, (int32_t)x[d] + io);
      offset_term = (int32_t)((uint32_t)x_sum * (uint32_t)p->filter_offset);
    }
    int32_t o = 0;
    if (simd) {
      for (; o + 2 <= p->output_depth; o += 2) {
        const int8_t* w = filter + o * depth;
        int32_t acc[2] = {0, 0};
        m4_dot_s8_2rows(x, w, w + depth, depth, io, acc);
        out[o] = finish(p, o, acc[0], offset_term, bias);
        out[o + 1] = finish(p, o + 1, acc[1], offset_term, bias);
      }
    }
    for (; o < p->output_depth; ++o) {
      const int8_t* w = filter + o * depth;
      const int32_t acc = simd ? m4_dot_s8(x, w, depth, io, 0) : m4_dot_s8_wide(x, w, depth, io, 0);
      out[o] = finish(p, o, acc, offset_term, bias);
    }
  }
}
