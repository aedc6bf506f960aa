/* tests/tools/user_kernels/fc_off_by_one.c — fc_plain.c with a bug for
 * `mcusim compare` to catch: output 1 of every batch row has its lowest
 * bit flipped. */
#include "runtime/include/mcusim_kernels.h"
#include "runtime/kernels/quant_math.h"

#if MCUSIM_KERNEL_ABI_VERSION != 1
#error "written for kernel ABI 1"
#endif

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input, const int8_t* filter,
                        const int32_t* bias, int8_t* output) {
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t o = 0; o < p->output_depth; ++o) {
      int32_t acc = bias ? bias[o] : 0;
      for (int32_t d = 0; d < p->accum_depth; ++d) {
        const int32_t x = input[b * p->accum_depth + d] + p->input_offset;
        const int32_t w = filter[o * p->accum_depth + d] + p->filter_offset;
        acc += x * w;
      }
      const int32_t m = p->per_channel_multiplier ? p->per_channel_multiplier[o] : p->output_multiplier;
      const int shift = (int)(p->per_channel_shift ? p->per_channel_shift[o] : p->output_shift);
      output[b * p->output_depth + o] =
          (int8_t)(qm_clamp(qm_mbqm(acc, m, shift) + p->output_offset, p->act_min, p->act_max) ^ (o == 1 ? 1 : 0));
    }
  }
}
