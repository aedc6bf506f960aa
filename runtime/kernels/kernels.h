/* runtime/kernels/kernels.h — the operator interface of the int8 runtime.
 *
 * One function per operator (and data type), one params struct per operator.
 * Every kernel variant (ref here; m0/ and m4/ later) defines the same symbols
 * with the same behaviour, bit for bit. The reference kernels compute what
 * TensorFlow Lite Micro's reference kernels compute (tflite-micro 90b983c2,
 * tensorflow/lite/micro/kernels/ and lite/kernels/internal/reference/).
 *
 * Conventions
 * - Tensors are dense, row-major; 4-D activations are NHWC.
 * - Params are prepared ahead of time on the host (runtime/compiler): shapes,
 *   padding, quantized multipliers, activation clamps. Kernels trust them and
 *   check nothing; the host checked them.
 * - Offsets follow TFLite: an "input offset" is minus the input zero point and
 *   is added to the input; an "output offset" is the output zero point.
 * - (multiplier, shift) pairs are TFLite's QuantizeMultiplier encoding of a
 *   real scale (see quant_math.h); per-channel arrays have one pair per output
 *   channel.
 * - act_min / act_max are the output clamp in the quantized domain: the fused
 *   activation intersected with [-128, 127].
 * - No libc, no allocation, no float except where a tensor is float
 *   (quantize_f32_s8, dequantize_s8_f32). int32 accumulators.
 */
#ifndef MCUSIM_RUNTIME_KERNELS_KERNELS_H
#define MCUSIM_RUNTIME_KERNELS_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- FULLY_CONNECTED ---------------------------------------------------- */
/* output[b][o] = clamp(requant(sum_d (w[o][d] + filter_offset) *
 *                                     (x[b][d] + input_offset) + bias[o]) + output_offset)
 * filter is [output_depth][accum_depth]; bias may be NULL. */
typedef struct {
  int32_t batches;
  int32_t accum_depth;
  int32_t output_depth;
  int32_t input_offset;
  int32_t filter_offset;
  int32_t output_offset;
  int32_t output_multiplier; /* per tensor, used when per_channel_multiplier is NULL */
  int32_t output_shift;
  const int32_t* per_channel_multiplier; /* [output_depth] or NULL */
  const int32_t* per_channel_shift;      /* [output_depth] or NULL */
  int32_t act_min;
  int32_t act_max;
  /* Data the plan writer prepared for one kernel variant (a weight layout,
   * folded constants; mcusim_plan.h, "variant blocks"), or NULL. A variant
   * that does not know the block's tag ignores it: the fields above and the
   * filter always describe the operator completely. */
  const int32_t* variant_block;
} fully_connected_s8_params;

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input,
                        const int8_t* filter, const int32_t* bias, int8_t* output);

/* FULLY_CONNECTED straight from a variant block, without the params struct:
 * returns 1 when the kernel set knows the block's tag and ran the layer, 0
 * when it does not (the engine then calls fully_connected_s8). The engine
 * calls it first because a small model's layers are short: filling the
 * params struct and binding the filter and bias cost more than 100 cycles a
 * layer on an M0 (issue 7's touch case). The engine holds a weak default
 * that knows no block, for kernel sets without one (ref, a user's kernel). */
int fully_connected_s8_block(const int32_t* block, int32_t batches, int32_t output_depth, const int8_t* input,
                             int8_t* output);

/* ---- CONV_2D ------------------------------------------------------------- */
/* filter is [output_c][filter_h][filter_w][filter_c]; filter_c = input_c / groups
 * (groups = 1 for an ordinary convolution). Positions outside the input (the
 * padding) contribute nothing: zero in the real domain. bias may be NULL. */
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
  const int32_t* multiplier; /* [output_c] */
  const int32_t* shift;      /* [output_c] */
  int32_t act_min;
  int32_t act_max;
  /* A variant block (see fully_connected_s8_params), or NULL. */
  const int32_t* variant_block;
} conv2d_s8_params;

void conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter,
               const int32_t* bias, int8_t* output);

/* ---- DEPTHWISE_CONV_2D ---------------------------------------------------- */
/* filter is [1][filter_h][filter_w][output_c], output_c = input_c *
 * depth_multiplier; output channel c * depth_multiplier + m reads input channel c. */
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
  const int32_t* multiplier; /* [output_c] */
  const int32_t* shift;      /* [output_c] */
  int32_t act_min;
  int32_t act_max;
} depthwise_conv2d_s8_params;

void depthwise_conv2d_s8(const depthwise_conv2d_s8_params* p, const int8_t* input,
                         const int8_t* filter, const int32_t* bias, int8_t* output);

/* ---- AVERAGE_POOL_2D, MAX_POOL_2D ----------------------------------------- */
/* Input and output share one quantization. Windows are clipped to the input:
 * the average divides by the number of in-bounds elements, the max ignores
 * padding. */
typedef struct {
  int32_t batches;
  int32_t input_h, input_w, channels;
  int32_t output_h, output_w;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t pad_top, pad_left;
  int32_t act_min;
  int32_t act_max;
} pool2d_s8_params;

void average_pool_s8(const pool2d_s8_params* p, const int8_t* input, int8_t* output);
void max_pool_s8(const pool2d_s8_params* p, const int8_t* input, int8_t* output);

/* ---- ADD, MUL: element-wise with broadcasting ------------------------------ */
#define ELEMENTWISE_MAX_DIMS 6

/* The output shape, left-padded with 1s to ELEMENTWISE_MAX_DIMS, and for each
 * input the element stride of every output dimension: 0 where the input is
 * broadcast along it. Without broadcasting both inputs have the output's
 * row-major strides. */
typedef struct {
  int32_t dims[ELEMENTWISE_MAX_DIMS];
  int32_t input1_strides[ELEMENTWISE_MAX_DIMS];
  int32_t input2_strides[ELEMENTWISE_MAX_DIMS];
} broadcast_shape;

/* TFLite's int8 ADD: both inputs scaled to a common scale (twice the larger
 * input scale) after a left shift by left_shift (20), summed, then scaled to the
 * output. All shifts are <= 0. */
typedef struct {
  broadcast_shape shape;
  int32_t input1_offset, input2_offset;
  int32_t left_shift;
  int32_t input1_multiplier, input1_shift;
  int32_t input2_multiplier, input2_shift;
  int32_t output_multiplier, output_shift;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
} add_s8_params;

void add_s8(const add_s8_params* p, const int8_t* input1, const int8_t* input2,
            int8_t* output);

/* output = clamp(requant((x1 + input1_offset) * (x2 + input2_offset)) + output_offset) */
typedef struct {
  broadcast_shape shape;
  int32_t input1_offset, input2_offset;
  int32_t output_multiplier, output_shift;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
} mul_s8_params;

void mul_s8(const mul_s8_params* p, const int8_t* input1, const int8_t* input2,
            int8_t* output);

/* ---- SOFTMAX ---------------------------------------------------------------- */
/* Over the last dimension (depth) of outer_size rows. Output scale 1/256, zero
 * point -128. input_multiplier/input_left_shift encode beta * input_scale * 2^26
 * (the input differences go to Q5.26); differences below diff_min give 0. */
typedef struct {
  int32_t outer_size;
  int32_t depth;
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t diff_min;
} softmax_s8_params;

void softmax_s8(const softmax_s8_params* p, const int8_t* input, int8_t* output);

/* ---- LOGISTIC, TANH ------------------------------------------------------- */
/* (x - input_zero_point) goes to Q4.27 with (input_multiplier, input_left_shift);
 * beyond +-input_range_radius the output saturates. LOGISTIC output: scale 1/256,
 * zero point -128. TANH output: scale 1/128, zero point 0. */
typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t input_range_radius;
  int32_t input_multiplier;
  int32_t input_left_shift;
} logistic_s8_params;

typedef logistic_s8_params tanh_s8_params;

void logistic_s8(const logistic_s8_params* p, const int8_t* input, int8_t* output);
void tanh_s8(const tanh_s8_params* p, const int8_t* input, int8_t* output);

/* ---- RELU, RELU_N1_TO_1 (hard tanh) ----------------------------------------- */
/* Requantize from the input to the output quantization, then clamp to
 * [act_min, act_max] (RELU: the output's q(0) upwards; hard tanh: the output's
 * q(-1)..q(+1)). */
typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t act_min;
  int32_t act_max;
} relu_s8_params;

typedef relu_s8_params hard_tanh_s8_params;

void relu_s8(const relu_s8_params* p, const int8_t* input, int8_t* output);
void hard_tanh_s8(const hard_tanh_s8_params* p, const int8_t* input, int8_t* output);

/* ---- RELU6 ------------------------------------------------------------------ */
/* TFLite Micro's RELU6 clamps to [q(0), q(6)] of the input quantization and does
 * not requantize. */
typedef struct {
  int32_t size;
  int8_t lower;
  int8_t upper;
} relu6_s8_params;

void relu6_s8(const relu6_s8_params* p, const int8_t* input, int8_t* output);

/* ---- CONCATENATION ----------------------------------------------------------- */
/* All inputs share the output quantization. The tensors are seen as
 * [outer_size][...]: for each outer index, input i contributes copy_sizes[i]
 * contiguous bytes (its axis dimension times the inner size). */
typedef struct {
  int32_t num_inputs;
  int32_t outer_size;
  const int32_t* copy_sizes; /* [num_inputs] */
} concatenation_s8_params;

void concatenation_s8(const concatenation_s8_params* p, const int8_t* const* inputs,
                      int8_t* output);

/* ---- MEAN ------------------------------------------------------------------- */
/* Mean over a contiguous block of axes: the input is [outer][reduce][inner], the
 * output [outer][inner]. (multiplier, shift) already include 1/reduce_size the
 * way TFLite Micro folds it in (see runtime/compiler/op_params.cpp). */
typedef struct {
  int32_t outer_size;
  int32_t reduce_size;
  int32_t inner_size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
} mean_s8_params;

void mean_s8(const mean_s8_params* p, const int8_t* input, int8_t* output);

/* ---- PAD -------------------------------------------------------------------- */
#define PAD_MAX_DIMS 5

/* Shapes left-padded with 1s (and 0 padding) to PAD_MAX_DIMS. The fill value is
 * the output zero point (the quantized 0.0). */
typedef struct {
  int32_t input_dims[PAD_MAX_DIMS];
  int32_t pad_before[PAD_MAX_DIMS];
  int32_t pad_after[PAD_MAX_DIMS];
  int8_t pad_value;
} pad_s8_params;

void pad_s8(const pad_s8_params* p, const int8_t* input, int8_t* output);

/* ---- QUANTIZE ---------------------------------------------------------------- */
/* int8 -> int8: out = clamp(requant(x - input_zero_point) + output_zero_point). */
typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
} requantize_s8_params;

void quantize_s8_s8(const requantize_s8_params* p, const int8_t* input, int8_t* output);

/* float32 -> int8: out = clamp(round(x / scale) + zero_point), round half away
 * from zero. A model edge: float is used here on purpose. */
typedef struct {
  int32_t size;
  float scale;
  int32_t zero_point;
} quantize_f32_params;

void quantize_f32_s8(const quantize_f32_params* p, const float* input, int8_t* output);

/* ---- DEQUANTIZE ---------------------------------------------------------------- */
/* int8 -> float32: out = scale * (x - zero_point). A model edge. */
typedef struct {
  int32_t size;
  float scale;
  int32_t zero_point;
} dequantize_s8_params;

void dequantize_s8_f32(const dequantize_s8_params* p, const int8_t* input, float* output);

/* ---- RESHAPE ------------------------------------------------------------------- */
/* A byte copy (nothing when input and output share storage). */
typedef struct {
  int32_t bytes;
} reshape_params;

void reshape(const reshape_params* p, const int8_t* input, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUSIM_RUNTIME_KERNELS_KERNELS_H */
