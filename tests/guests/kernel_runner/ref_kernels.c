/* tests/guests/kernel_runner/ref_kernels.c — the reference FULLY_CONNECTED,
 * CONV_2D and DEPTHWISE_CONV_2D renamed ref_*, so variant_check.c can run
 * them beside a variant's kernels of the usual names in one image. */
#define fully_connected_s8 ref_fully_connected_s8
#define conv2d_s8 ref_conv2d_s8
#define depthwise_conv2d_s8 ref_depthwise_conv2d_s8

#include "runtime/kernels/conv2d_s8.c"
#include "runtime/kernels/depthwise_conv2d_s8.c"
#include "runtime/kernels/fully_connected_s8.c"
