/* tests/guests/kernel_runner/case_blob.h — the "kernel case" blob: one call of
 * one int8 kernel (runtime/kernels/kernels.h), written on the host by
 * tests/runtime/kernel_case_blob.cpp and read inside the simulator by
 * tests/guests/kernel_runner/kernel_runner.c through semihosting.
 *
 * Layout (all integers little-endian, every offset from the blob's start):
 *
 *   case_blob_header   (32 bytes, below)
 *   case_blob_section  [section_count] (8 bytes each)
 *   payload            params bytes and section data, each 4-byte aligned
 *
 * params: the operator's kernels.h params struct as laid out for a 32-bit Arm
 *   target (ILP32, AAPCS: every field 4 bytes except the int8 fields of
 *   relu6/pad, which keep their natural place and size). Pointer fields are
 *   written as 0; the runner points them into the blob:
 *     FULLY_CONNECTED  per_channel_multiplier <- section 3, per_channel_shift
 *                      <- section 4 (NULL when the section is empty)
 *     CONV_2D, DEPTHWISE_CONV_2D  multiplier <- section 3, shift <- section 4
 *     FULLY_CONNECTED, CONV_2D  variant_block <- section 5 (NULL when absent
 *                      or empty: the plan writer's block for the runner's
 *                      kernel variant, runtime/compiler/weight_layout*.hpp)
 *     CONCATENATION    copy_sizes <- section 0
 * sections: the kernel's arguments in the order the kernel takes them:
 *     FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D:
 *                      0 input, 1 filter, 2 bias (empty = NULL), 3 multipliers,
 *                      4 shifts, 5 variant block (optional, not DEPTHWISE)
 *     ADD, MUL:        0 input1, 1 input2
 *     CONCATENATION:   0 copy_sizes (int32 per input), 1.. the inputs
 *     every other op:  0 input
 * output_size: bytes the kernel writes; the runner prints them.
 *
 * Every offset and size is checked by the runner against the blob's length
 * before use (a bad blob ends the run with status 2).
 *
 * Plain C, shared by the host writer (C++) and the guest (C11).
 */
#ifndef MCUSIM_KERNEL_RUNNER_CASE_BLOB_H
#define MCUSIM_KERNEL_RUNNER_CASE_BLOB_H

#include <stdint.h>

#define CASE_BLOB_MAGIC 0x4243524Bu /* "KRCB" read as little-endian bytes */
#define CASE_BLOB_VERSION 1u
#define CASE_BLOB_MAX_SECTIONS 16u

/* Which kernel to call. Values are fixed: they are part of the format. */
enum case_blob_op {
  CASE_OP_FULLY_CONNECTED = 1,
  CASE_OP_CONV2D = 2,
  CASE_OP_DEPTHWISE_CONV2D = 3,
  CASE_OP_AVERAGE_POOL = 4,
  CASE_OP_MAX_POOL = 5,
  CASE_OP_ADD = 6,
  CASE_OP_MUL = 7,
  CASE_OP_SOFTMAX = 8,
  CASE_OP_LOGISTIC = 9,
  CASE_OP_TANH = 10,
  CASE_OP_RELU = 11,
  CASE_OP_HARD_TANH = 12,
  CASE_OP_RELU6 = 13,
  CASE_OP_CONCATENATION = 14,
  CASE_OP_MEAN = 15,
  CASE_OP_PAD = 16,
  CASE_OP_REQUANTIZE = 17,    /* QUANTIZE int8 -> int8 */
  CASE_OP_QUANTIZE_F32 = 18,  /* QUANTIZE float32 -> int8 */
  CASE_OP_DEQUANTIZE = 19,    /* DEQUANTIZE int8 -> float32 */
  CASE_OP_RESHAPE = 20,
};

typedef struct {
  uint32_t magic;         /* CASE_BLOB_MAGIC */
  uint32_t version;       /* CASE_BLOB_VERSION */
  uint32_t op;            /* enum case_blob_op */
  uint32_t params_offset; /* 4-aligned */
  uint32_t params_size;   /* must equal sizeof(the params struct) on the guest */
  uint32_t section_count; /* <= CASE_BLOB_MAX_SECTIONS */
  uint32_t output_size;   /* bytes */
  uint32_t total_size;    /* the blob's length; must equal the file's */
} case_blob_header;

typedef struct {
  uint32_t offset; /* 4-aligned */
  uint32_t size;   /* bytes; 0 = absent */
} case_blob_section;

#endif /* MCUSIM_KERNEL_RUNNER_CASE_BLOB_H */
