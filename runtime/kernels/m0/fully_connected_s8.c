/* runtime/kernels/m0/fully_connected_s8.c — FULLY_CONNECTED for ARMv6-M:
 * four output rows at a time share each input byte (m0/dot_s8.h, 5 cycles a
 * MAC), and the requantization needs no 64-bit multiply call
 * (m0/requantize.h). With the plan writer's m0 block (m0/fc_lanes.h) two
 * MACs per MULS and a 32-bit requantization instead. Bit-exact with
 * runtime/kernels/fully_connected_s8.c.
 *
 * A filter offset (non-zero filter zero point) is taken out of the inner
 * loop: sum_d (w + fo)(x + io) = sum_d w (x + io) + fo * sum_d (x + io), the
 * second sum computed once per batch row; equal modulo 2^32. */
#include "runtime/kernels/kernels.h"
#include "runtime/kernels/m0/dot_s8.h"
#include "runtime/kernels/m0/fc_lanes.h"
#include "runtime/kernels/m0/requantize.h"
#include "runtime/kernels/quant_math.h"

static int8_t finish(const fully_connected_s8_params* p, int32_t o, int32_t acc, int32_t offset_term,
                     const int32_t* bias) {
  acc = qm_wrap_add(acc, offset_term);
  if (bias) acc = qm_wrap_add(acc, bias[o]);
  const int32_t multiplier =
      p->per_channel_multiplier ? p->per_channel_multiplier[o] : p->output_multiplier;
  const int shift = (int)(p->per_channel_shift ? p->per_channel_shift[o] : p->output_shift);
  return m0_output_s8(m0_requantize(acc, multiplier, shift), p->output_offset, p->act_min,
                      p->act_max);
}

int fully_connected_s8_block(const int32_t* block, int32_t batches, int32_t output_depth, const int8_t* input,
                             int8_t* output) {
  const uint32_t tag = (uint32_t)block[0];
  if (tag != MCUSIM_PLAN_BLOCK_FC_M0_LANES && tag != MCUSIM_PLAN_BLOCK_FC_M0_SPARSE) return 0;
  m0_fc_lanes(block, batches, output_depth, input, output);
  return 1;
}

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input,
                        const int8_t* filter, const int32_t* bias, int8_t* output) {
  if (p->variant_block != 0 &&
      fully_connected_s8_block(p->variant_block, p->batches, p->output_depth, input, output)) {
    return;
  }
  const int32_t depth = p->accum_depth;
  const int32_t io = p->input_offset;
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
    for (; o + 4 <= p->output_depth; o += 4) {
      const int8_t* w = filter + o * depth;
      const int8_t* const rows[4] = {w, w + depth, w + 2 * depth, w + 3 * depth};
      int32_t acc[4] = {0, 0, 0, 0};
      m0_dot_s8_4rows(x, rows, depth, io, acc);
      for (int32_t r = 0; r < 4; ++r) out[o + r] = finish(p, o + r, acc[r], offset_term, bias);
    }
    for (; o < p->output_depth; ++o) {
      out[o] = finish(p, o, m0_dot_s8(x, filter + o * depth, depth, io, 0), offset_term, bias);
    }
  }
}
