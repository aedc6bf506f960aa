/* runtime/include/mcusim_kernels.h — the kernel ABI for your own kernels
 * (`mcusim run --kernel OP=file.c`, `mcusim compare --kernel OP=file.c`).
 *
 * A user kernel is one C file that replaces the runtime's kernel file of one
 * operator (the table below) and defines the same function(s), with the
 * signatures and params structs of runtime/kernels/kernels.h, which this
 * header includes: that header is the contract, the reference kernels in
 * runtime/kernels/ its specification. The file is compiled for the target's
 * core with the flags of the kernel variant it is measured with (docs/
 * compare.md), freestanding: no libc (memcpy/memset and the ARM EABI helpers
 * are linked), no allocation, int32 arithmetic; runtime/kernels/quant_math.h
 * has TFLite's rounding helpers. `mcusim compare` checks its output tensors
 * against the first variant's, byte for byte.
 *
 *   operator (--kernel OP=)  replaces                 defines
 *   FULLY_CONNECTED          fully_connected_s8.c      fully_connected_s8
 *   CONV_2D                  conv2d_s8.c               conv2d_s8
 *   DEPTHWISE_CONV_2D        depthwise_conv2d_s8.c     depthwise_conv2d_s8
 *   AVERAGE_POOL_2D          average_pool_s8.c         average_pool_s8
 *   MAX_POOL_2D              max_pool_s8.c             max_pool_s8
 *   ADD, MUL                 add_s8.c, mul_s8.c        add_s8, mul_s8
 *   SOFTMAX, LOGISTIC, TANH  softmax_s8.c, ...         softmax_s8, logistic_s8, tanh_s8
 *   RELU, RELU6, HARD_TANH   relu_s8.c, ...            relu_s8, relu6_s8, hard_tanh_s8
 *   CONCATENATION, MEAN, PAD concatenation_s8.c, ...   concatenation_s8, mean_s8, pad_s8
 *   REQUANTIZE, QUANTIZE_F32 quantize_s8.c            quantize_s8_s8 and quantize_f32_s8
 *   DEQUANTIZE               dequantize_s8.c           dequantize_s8_f32
 *   RESHAPE                  reshape.c                 reshape
 *
 * A FULLY_CONNECTED or CONV_2D kernel may receive p->variant_block (a weight
 * layout the plan writer made for the m0 or m4 variant; CONV_2D's is the last
 * field, added in plan format 3 without moving the others): a kernel that
 * does not know its tag ignores it, the other fields describe the operator
 * completely.
 *
 * Stability: a kernel is compiled from source against this header every time
 * (`--kernel`), so what must stay stable is the source interface.
 * MCUSIM_KERNEL_ABI_VERSION changes whenever a change can break a kernel
 * written for the previous version: a signature, or a params field removed,
 * renamed, retyped or moved. A field appended to a params struct does not
 * change it: an existing kernel never names it and reads the others where
 * they were. A kernel can check the version with #if.
 *   1: the first version. Since then, appended only: conv2d_s8_params'
 *      variant_block (plan format 3). */
#ifndef MCUSIM_KERNELS_H
#define MCUSIM_KERNELS_H

#define MCUSIM_KERNEL_ABI_VERSION 1

#include "runtime/kernels/kernels.h"

#endif /* MCUSIM_KERNELS_H */
