/* runtime/include/mcusim_plan.h — the plan blob: one model, compiled for the
 * device engine (runtime/engine), shared by the device C and the host compiler
 * (runtime/compiler/plan_writer.*). docs/runtime.md describes it field by field.
 *
 * Rules of the format
 * - Flat and little-endian; every field is a 32-bit word (or bytes packed into
 *   one), so the layout is the same for a 32-bit Arm core and a 64-bit host.
 * - Position-independent: every reference is a byte offset from the start of
 *   the blob ("blob offset") or from the start of the arena ("arena offset"),
 *   never a pointer. The blob can sit in flash at any 4-aligned address.
 * - Every table and every array in the blob starts 4-aligned; constant tensor
 *   data (the weights) too.
 * - Versioned: a reader accepts exactly MCUSIM_PLAN_VERSION. A layout change
 *   bumps it.
 *
 * Layout written by the compiler (the engine checks offsets, not the order):
 *   header | tensors[] | ops[] | inputs[] | outputs[] | per-op io lists |
 *   weights (constant tensors, per-channel scales and requantization arrays,
 *   concatenation copy sizes) | per-op params
 */
#ifndef MCUSIM_RUNTIME_INCLUDE_MCUSIM_PLAN_H
#define MCUSIM_RUNTIME_INCLUDE_MCUSIM_PLAN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCUSIM_PLAN_MAGIC 0x4E4C504Du /* the bytes 'M' 'P' 'L' 'N' */
#define MCUSIM_PLAN_VERSION 3u /* 2: FULLY_CONNECTED's variant_block; 3: CONV_2D's */
#define MCUSIM_PLAN_MAX_DIMS 6
#define MCUSIM_PLAN_NO_TENSOR 0xFFFFFFFFu /* an omitted optional input (a bias) */
#define MCUSIM_PLAN_MAX_OP_INPUTS 16      /* CONCATENATION's inputs, on the stack */

typedef struct {
  uint32_t magic;          /* MCUSIM_PLAN_MAGIC */
  uint32_t version;        /* MCUSIM_PLAN_VERSION */
  uint32_t blob_size;      /* bytes of the whole blob, this header included */
  uint32_t arena_size;     /* planned arena bytes, scratch included */
  uint32_t tensor_count;
  uint32_t tensors_offset; /* blob offset of mcusim_plan_tensor[tensor_count] */
  uint32_t op_count;
  uint32_t ops_offset;     /* blob offset of mcusim_plan_op[op_count], in execution order */
  uint32_t input_count;
  uint32_t inputs_offset;  /* blob offset of uint32_t tensor ids[input_count] */
  uint32_t output_count;
  uint32_t outputs_offset; /* blob offset of uint32_t tensor ids[output_count] */
  uint32_t weights_offset; /* blob offset of the constant data section (for flash reports) */
  uint32_t weights_size;   /* its bytes */
  uint32_t naive_arena_size; /* what one buffer per tensor would need (for reports) */
  uint32_t reserved;       /* 0 */
} mcusim_plan_header;

enum mcusim_plan_type {
  MCUSIM_PLAN_OTHER = 0, /* only on tensors without data (storage NONE) */
  MCUSIM_PLAN_INT8 = 1,
  MCUSIM_PLAN_INT32 = 2,
  MCUSIM_PLAN_FLOAT32 = 3
};

enum mcusim_plan_storage {
  MCUSIM_PLAN_STORAGE_NONE = 0,     /* no data: a tensor no kernel reads or writes (a shape
                                       operand folded into params); a descriptor only */
  MCUSIM_PLAN_STORAGE_ARENA = 1,    /* data_offset is an arena offset */
  MCUSIM_PLAN_STORAGE_CONSTANT = 2  /* data_offset is a blob offset */
};

typedef struct {
  uint8_t type;                /* enum mcusim_plan_type */
  uint8_t storage;             /* enum mcusim_plan_storage */
  uint8_t rank;                /* 0..MCUSIM_PLAN_MAX_DIMS */
  uint8_t quantized_dimension; /* the axis of per-channel scales */
  uint32_t data_offset;        /* see storage; a multiple of the element size */
  uint32_t byte_size;          /* product of dims[0..rank) * element size */
  int32_t dims[MCUSIM_PLAN_MAX_DIMS]; /* dims[rank..] are 0 */
  uint32_t scale_bits;         /* IEEE-754 binary32 bits of the (first) scale; 0 when not quantized */
  int32_t zero_point;
  uint32_t channel_count;      /* per-channel scales: how many (0: per tensor) */
  uint32_t channel_scales_offset; /* blob offset of uint32_t scale bits[channel_count], or 0 */
} mcusim_plan_tensor;

/* Operator kinds. 0 is never valid; new kinds take new numbers. */
enum mcusim_plan_op_kind {
  MCUSIM_PLAN_OP_FULLY_CONNECTED = 1,
  MCUSIM_PLAN_OP_CONV_2D = 2,
  MCUSIM_PLAN_OP_DEPTHWISE_CONV_2D = 3,
  MCUSIM_PLAN_OP_AVERAGE_POOL_2D = 4,
  MCUSIM_PLAN_OP_MAX_POOL_2D = 5,
  MCUSIM_PLAN_OP_ADD = 6,
  MCUSIM_PLAN_OP_MUL = 7,
  MCUSIM_PLAN_OP_SOFTMAX = 8,
  MCUSIM_PLAN_OP_LOGISTIC = 9,
  MCUSIM_PLAN_OP_TANH = 10,
  MCUSIM_PLAN_OP_RELU = 11,
  MCUSIM_PLAN_OP_HARD_TANH = 12,  /* TFLite's RELU_N1_TO_1 */
  MCUSIM_PLAN_OP_RELU6 = 13,
  MCUSIM_PLAN_OP_CONCATENATION = 14,
  MCUSIM_PLAN_OP_MEAN = 15,
  MCUSIM_PLAN_OP_PAD = 16,
  MCUSIM_PLAN_OP_REQUANTIZE = 17, /* QUANTIZE int8 -> int8 */
  MCUSIM_PLAN_OP_QUANTIZE_F32 = 18, /* QUANTIZE float32 -> int8 (soft-float on M0) */
  MCUSIM_PLAN_OP_DEQUANTIZE = 19,   /* DEQUANTIZE int8 -> float32 (soft-float on M0) */
  MCUSIM_PLAN_OP_RESHAPE = 20,
  MCUSIM_PLAN_OP_KIND_END = 21      /* one past the last kind */
};

/* Operator tensors, in io order (inputs, then outputs):
 *   FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D: input, filter, bias (or
 *     MCUSIM_PLAN_NO_TENSOR) -> output
 *   ADD, MUL: input1, input2 -> output
 *   CONCATENATION: input0 .. inputN-1 -> output
 *   every other kind: input -> output
 * Inputs TFLite has but the kernel does not read (RESHAPE's shape, PAD's
 * paddings, MEAN's axes) are folded into the params and not listed. */
typedef struct {
  uint32_t kind;           /* enum mcusim_plan_op_kind */
  uint32_t params_offset;  /* blob offset of the params, 4-aligned (layout per kind, below) */
  uint32_t params_size;    /* exactly sizeof the kind's params struct */
  uint32_t input_count;
  uint32_t output_count;   /* 1 for every kind today */
  uint32_t io_offset;      /* blob offset of uint32_t tensor ids[input_count + output_count] */
  uint32_t scratch_offset; /* arena offset of the operator's scratch buffer */
  uint32_t scratch_size;   /* its bytes; 0: none (the reference kernels need none) */
} mcusim_plan_op;

/* Params per kind. Kinds whose kernels.h params struct holds no pointer store
 * that struct as it is (every field is int32, float or int8, so the 32-bit and
 * 64-bit layouts agree): pool2d_s8_params, add_s8_params, mul_s8_params,
 * softmax_s8_params, logistic_s8_params (TANH too), relu_s8_params (HARD_TANH
 * too), relu6_s8_params, mean_s8_params, pad_s8_params, requantize_s8_params,
 * quantize_f32_params, dequantize_s8_params, reshape_params.
 * The others replace each pointer by a blob offset (0: none, where the kernel
 * allows NULL), in the same field order: */
typedef struct {
  int32_t batches;
  int32_t accum_depth;
  int32_t output_depth;
  int32_t input_offset;
  int32_t filter_offset;
  int32_t output_offset;
  int32_t output_multiplier;
  int32_t output_shift;
  uint32_t per_channel_multiplier; /* blob offset of int32_t[output_depth], or 0: per tensor */
  uint32_t per_channel_shift;      /* blob offset of int32_t[output_depth], or 0 */
  int32_t act_min;
  int32_t act_max;
  uint32_t variant_block; /* blob offset of a variant block (below), or 0 */
} mcusim_plan_fully_connected;

/* Variant blocks. The plan writer, told which kernel variant a plan is for,
 * may add to an operator a block of int32 words that variant's kernel reads
 * instead of the reference layout: weights rearranged, constants folded. The
 * operator's tensors and params stay complete, so every variant runs every
 * plan; a kernel uses a block only when it knows its tag. Word 0 is the tag,
 * word 1 the block's size in words; init checks both against the params.
 *
 * MCUSIM_PLAN_BLOCK_FC_M0_LANES (FULLY_CONNECTED, variant m0; written when
 * filter_offset is 0, output_shift and every per-channel shift <= 0, the
 * accumulation depth is even, every weight >= -127, and the requantization
 * fits the 32-bit form below; runtime/compiler/weight_layout.hpp):
 *   [0] tag, [1] size in words = 4 + quads * pairs * 4 + quads * 4 * 10,
 *   [2] quads = ceil(output_depth / 4), [3] pairs = accum_depth / 2,
 *   weights: per quad of rows r0..r3 (rows past output_depth are zero), per
 *     input pair (2j, 2j+1), four words: W(r0, r1, 2j), W(r0, r1, 2j+1),
 *     W(r2, r3, 2j), W(r2, r3, 2j+1), where W(a, b, i) = w[a][i] + 65536 * w[b][i],
 *   channels: per row (quads * 4 of them), ten words:
 *     [0] bias + input_offset * sum_i w[row][i]; [1] lo; [2] hi;
 *     [3] m0; [4] m1; [5] m2; [6] 1024; [7] f; [8] k; [9] s
 *     with a = clamp(sum_i w[row][i] * x[i] + word 0, lo, hi),
 *     T0 = a * m0, T1 = a * m1 + (T0 >> 10), T2 = a * m2 + (T1 >> 10)
 *     (m = m2 * 2^20 + m1 * 2^10 + m0: T2 = floor(a * m / 2^20), so
 *     (T2 + 1024) >> 11 is TFLite's rounding doubling high multiply),
 *     u = T2 + 1024 and output = (u + (u < 0 ? f : 0) + k) >> s: TFLite's
 *     rounding divide by 2^e (e = -shift) and the output offset folded into
 *     one floor division by 2^s, s = 11 + e, where f = -2048 and
 *     k = 2^(e+10) + output_offset * 2^s for e >= 1 (the tie of a negative
 *     value rounds away from zero), f = 0 and k = output_offset * 2^11 for
 *     e = 0. 0 <= m0, m1 < 1024, 0 <= m2 < 2048, 11 <= s <= 31; the writer
 *     proves every intermediate fits in int32 for a in [lo, hi]. */
#define MCUSIM_PLAN_BLOCK_FC_M0_LANES 0x324E4C4Du /* 'M' 'L' 'N' '2' */
#define MCUSIM_PLAN_FC_M0_LANES_HEADER 4u
#define MCUSIM_PLAN_FC_M0_LANES_CHANNEL 10u

/* MCUSIM_PLAN_BLOCK_FC_M0_SPARSE (FULLY_CONNECTED, variant m0; written instead
 * of the block above, under the same conditions, when at least a quarter of
 * the layer's blocks of four rows by one input pair are all zero, as a
 * block-pruned model's are): the kernel steps only through the other blocks.
 *   [0] tag 'MLS2', [1] size in words, [2] quads, [3] pairs,
 *   [4] where the channel words start (a word index into this block),
 *   then per quad: n (0 <= n <= pairs, the non-zero input pairs), then n
 *     steps of five words: W(r0, r1, 2j), W(r0, r1, 2j+1), 2j (the pair's
 *     byte offset into the input row), W(r2, r3, 2j), W(r2, r3, 2j+1)
 *     (W as above; the offsets rise),
 *   then at word [4]: the channels, ten words per row exactly as above;
 *   size = [4] + quads * 4 * 10. */
#define MCUSIM_PLAN_BLOCK_FC_M0_SPARSE 0x32534C4Du /* 'M' 'L' 'S' '2' */
#define MCUSIM_PLAN_FC_M0_SPARSE_HEADER 5u
#define MCUSIM_PLAN_FC_M0_SPARSE_STEP 5u

/* MCUSIM_PLAN_BLOCK_M4_MATMUL (FULLY_CONNECTED, and CONV_2D with a 1x1
 * filter, stride 1, no padding and no groups; variant m4; written by
 * runtime/compiler/weight_layout_m4.cpp when filter_offset is 0, every shift
 * is <= -1, the accumulation depth is at most MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH
 * and the proofs below hold). The operator as a matrix product: `rows` =
 * output_depth (output_c), `depth` = accum_depth (input_c), one input row of
 * `depth` bytes per pixel. Weights are int16, doubled, two per word, so the
 * kernel's inner loop is loads and SMLAD only (runtime/kernels/m4/matmul_m4.h):
 *   [0] tag, [1] size in words = 4 + row_quads * depth_quads * 8 + row_quads * 16,
 *   [2] row_quads = ceil(rows / 4), [3] depth_quads = 4 * ceil(depth / 16)
 *     (the depth padded with zero weights to a multiple of 16 inputs),
 *   weights: per quad of rows r0..r3, per quad of inputs (4q .. 4q+3), eight
 *     words E(r0) E(r1) E(r2) E(r3) O(r0) O(r1) O(r2) O(r3), where
 *     E(r) = P(2 w[r][4q], 2 w[r][4q+2]), O(r) = P(2 w[r][4q+1], 2 w[r][4q+3]),
 *     P(a, b) = (a & 0xFFFF) | (b << 16) (SXTB16's even and odd bytes of an
 *     input word); weights past the depth or of rows past `rows` are 0,
 *   channels: per row (row_quads * 4 of them), four words:
 *     [0] 2 * (bias + input_offset * sum_i w[row][i]); [1] m (the multiplier);
 *     [2] k = 2^(e-1) + output_offset * 2^e; [3] e = -shift, 1 <= e <= 31,
 *     with a = word 0 + sum_i 2 w[row][i] * x[i] = 2 * TFLite's accumulator,
 *     v = SMMULR(a, m) = floor((a * m + 2^31) / 2^32) (TFLite's rounding
 *     doubling high multiply of a / 2 and m), and
 *     output = clamp((v + (v < 0 ? -1 : 0) + k) >> e, act_min, act_max)
 *     (TFLite's rounding divide by 2^e plus the output offset). The writer
 *     proves |a| < 2^31 and that the sum before the shift fits in int32 for
 *     every input. */
#define MCUSIM_PLAN_BLOCK_M4_MATMUL 0x3157344Du /* 'M' '4' 'W' '1' */
#define MCUSIM_PLAN_M4_MATMUL_HEADER 4u
#define MCUSIM_PLAN_M4_MATMUL_CHANNEL 4u
#define MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH 512 /* the kernel's input buffer is on the stack */

typedef struct {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w, filter_c;
  int32_t output_h, output_w, output_c;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left;
  int32_t input_offset;
  int32_t output_offset;
  uint32_t multiplier; /* blob offset of int32_t[output_c] */
  uint32_t shift;      /* blob offset of int32_t[output_c] */
  int32_t act_min;
  int32_t act_max;
  uint32_t variant_block; /* blob offset of a variant block (above), or 0 */
} mcusim_plan_conv_2d;

typedef struct {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w;
  int32_t depth_multiplier;
  int32_t output_h, output_w, output_c;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left;
  int32_t input_offset;
  int32_t output_offset;
  uint32_t multiplier; /* blob offset of int32_t[output_c] */
  uint32_t shift;      /* blob offset of int32_t[output_c] */
  int32_t act_min;
  int32_t act_max;
} mcusim_plan_depthwise_conv_2d;

typedef struct {
  int32_t num_inputs;  /* = the operator's input_count */
  int32_t outer_size;
  uint32_t copy_sizes; /* blob offset of int32_t[num_inputs] */
} mcusim_plan_concatenation;

#ifdef __cplusplus
}
#endif

#endif /* MCUSIM_RUNTIME_INCLUDE_MCUSIM_PLAN_H */
