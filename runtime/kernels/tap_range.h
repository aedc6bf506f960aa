/* runtime/kernels/tap_range.h — the in-bounds filter taps of one output
 * position, for the m0 and m4 kernels, which compute this range once per
 * output row and pixel instead of testing every tap as the reference does.
 * Positions outside the input are padding and add nothing (real zero). */
#ifndef MCUSIM_RUNTIME_KERNELS_TAP_RANGE_H
#define MCUSIM_RUNTIME_KERNELS_TAP_RANGE_H

#include <stdint.h>

/* The taps [*first, *end) of a filter with `taps` taps whose input position
 * start + dilation * k lies in [0, size); dilation >= 1, so they are one run.
 * *first == *end when none is. */
static inline void tap_range(int32_t start, int32_t dilation, int32_t taps, int32_t size,
                             int32_t* first, int32_t* end) {
  int32_t k = 0;
  while (k < taps && start + dilation * k < 0) ++k;
  int32_t e = k;
  while (e < taps && start + dilation * e < size) ++e;
  *first = k;
  *end = e;
}

#endif /* MCUSIM_RUNTIME_KERNELS_TAP_RANGE_H */
