/* runtime/engine/plan_check_ops.c — each operator's params against its
 * tensors: every element a kernel will read or write must lie inside the
 * tensor (the kernels of runtime/kernels, index by index), every shift must be one the
 * requantization arithmetic defines (quant_math.h: -31..31), zero points must
 * be int8's, so that no kernel reads outside the blob or arena and no int32
 * intermediate overflows. Only kinds compiled in (MCUSIM_OP_<KIND>) are
 * checked; the others are refused. */
#include "runtime/engine/engine_internal.h"
#include "runtime/kernels/kernels.h"

mcusim_plan_status plan_params(const plan_op_view* v, uint32_t size, const void** params) {
  if (v->op->params_size != size) return MCUSIM_PLAN_E_PARAMS;
  *params = v->ctx->blob + v->op->params_offset;
  return MCUSIM_PLAN_OK;
}

static mcusim_plan_status need(const plan_op_view* v, uint32_t slot, uint8_t type, uint32_t count, int optional) {
  const uint32_t slots = v->op->input_count + v->op->output_count;
  if (slot >= slots) return MCUSIM_PLAN_E_IO;
  const uint32_t id = v->io[slot];
  if (id == MCUSIM_PLAN_NO_TENSOR) return optional ? MCUSIM_PLAN_OK : MCUSIM_PLAN_E_IO;
  const mcusim_plan_tensor* t = &v->ctx->tensors[id];
  const int is_output = slot >= v->op->input_count;
  if (t->type != type || t->storage == MCUSIM_PLAN_STORAGE_NONE) return MCUSIM_PLAN_E_IO;
  if (is_output && t->storage != MCUSIM_PLAN_STORAGE_ARENA) return MCUSIM_PLAN_E_IO;
  if (t->byte_size / plan_element_size(type) < count) return MCUSIM_PLAN_E_PARAMS;
  return MCUSIM_PLAN_OK;
}

mcusim_plan_status plan_need(const plan_op_view* v, uint32_t slot, uint8_t type, uint32_t count) {
  return need(v, slot, type, count, 0);
}

mcusim_plan_status plan_need_optional(const plan_op_view* v, uint32_t slot, uint8_t type, uint32_t count) {
  return need(v, slot, type, count, 1);
}

static inline int valid_shift(int32_t shift) { return shift >= -31 && shift <= 31; }

mcusim_plan_status plan_int32_array(const plan_op_view* v, uint32_t offset, uint32_t count, int shifts) {
  if (count > PLAN_MAX_SIZE / 4u) return MCUSIM_PLAN_E_OVERFLOW;
  if ((offset & 3u) != 0u) return MCUSIM_PLAN_E_ALIGNMENT;
  if (offset == 0u || !plan_in_range(offset, count * 4u, v->blob_size)) return MCUSIM_PLAN_E_RANGE;
  if (shifts) {
    const int32_t* a = (const int32_t*)(const void*)(v->ctx->blob + offset);
    for (uint32_t i = 0; i < count; ++i) PLAN_REQUIRE(valid_shift(a[i]));
  }
  return MCUSIM_PLAN_OK;
}

/* ---- shared checks ---------------------------------------------------------- */

/* A zero point of int8 data, and the "offset" (minus a zero point) of one. */
PLAN_MAYBE_UNUSED static inline int valid_zero_point(int32_t zp) { return zp >= -128 && zp <= 127; }
PLAN_MAYBE_UNUSED static inline int valid_offset(int32_t offset) { return offset >= -127 && offset <= 128; }
PLAN_MAYBE_UNUSED static inline int valid_clamp(int32_t lo, int32_t hi) { return lo >= -128 && lo <= hi && hi <= 127; }

/* n = a * b * c * d, every factor >= 1. */
PLAN_MAYBE_UNUSED static inline int count4(uint32_t* n, int32_t a, int32_t b, int32_t c, int32_t d) {
  *n = 1u;
  return a >= 1 && b >= 1 && c >= 1 && d >= 1 && plan_mul(n, a) && plan_mul(n, b) && plan_mul(n, c) &&
         plan_mul(n, d);
}

/* The window walk of conv, depthwise and pooling: out * stride - pad +
 * (filter - 1) * dilation must stay far from int32 overflow. */
PLAN_MAYBE_UNUSED static inline int valid_window(int32_t out, int32_t filter, int32_t stride, int32_t dilation, int32_t pad) {
  uint32_t reach = 1u;
  uint32_t taps = 1u;
  return stride >= 1 && dilation >= 1 && pad >= 0 && pad <= 0xFFFF && plan_mul(&reach, out) &&
         plan_mul(&reach, stride) && plan_mul(&taps, filter) && plan_mul(&taps, dilation) &&
         plan_add(&reach, (int32_t)taps) && reach <= 0x3FFFFFFFu;
}

/* ---- per kind ------------------------------------------------------------------ */

#if defined(MCUSIM_OP_FULLY_CONNECTED) || defined(MCUSIM_OP_CONV_2D)
/* A MCUSIM_PLAN_BLOCK_M4_MATMUL block (mcusim_plan.h) at `block`, whose size
 * word plan_int32_array has checked: its counts against the operator's matrix
 * (`rows` outputs of `depth` inputs; the kernel's stack buffer holds
 * MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH inputs) and every shift in 1..31. */
static mcusim_plan_status check_m4_matmul_block(const int32_t* block, int32_t rows, int32_t depth) {
  PLAN_REQUIRE((uint32_t)block[1] >= MCUSIM_PLAN_M4_MATMUL_HEADER);
  PLAN_REQUIRE(rows >= 1 && depth >= 1 && depth <= MCUSIM_PLAN_M4_MATMUL_MAX_DEPTH &&
               block[2] == (rows + 3) / 4 && block[3] == 4 * ((depth + 15) / 16));
  uint32_t weights = 8u, channels = 4u * MCUSIM_PLAN_M4_MATMUL_CHANNEL, words = MCUSIM_PLAN_M4_MATMUL_HEADER;
  PLAN_REQUIRE(plan_mul(&weights, block[2]) && plan_mul(&weights, block[3]) && plan_mul(&channels, block[2]) &&
               plan_add(&words, (int32_t)weights) && plan_add(&words, (int32_t)channels) &&
               words == (uint32_t)block[1]);
  const int32_t* ch = block + MCUSIM_PLAN_M4_MATMUL_HEADER + weights;
  for (uint32_t c = 0; c < channels; c += MCUSIM_PLAN_M4_MATMUL_CHANNEL) {
    PLAN_REQUIRE(ch[c + 3] >= 1 && ch[c + 3] <= 31);
  }
  return MCUSIM_PLAN_OK;
}
#endif

#if defined(MCUSIM_OP_FULLY_CONNECTED)
/* A variant block (mcusim_plan.h): its tag and size first, then, for a tag
 * this engine knows, its counts against the params and every constant whose
 * range the kernel's int32 arithmetic relies on. Unknown tags pass: kernels
 * ignore blocks they do not know. */
static mcusim_plan_status check_fc_block(const plan_op_view* v, const mcusim_plan_fully_connected* p) {
  PLAN_TRY(plan_int32_array(v, p->variant_block, 2u, 0));
  const int32_t* block = (const int32_t*)(const void*)(v->ctx->blob + p->variant_block);
  PLAN_TRY(plan_int32_array(v, p->variant_block, (uint32_t)block[1], 0));
  const uint32_t tag = (uint32_t)block[0];
  if (tag == MCUSIM_PLAN_BLOCK_M4_MATMUL) {
    PLAN_REQUIRE(p->filter_offset == 0);
    return check_m4_matmul_block(block, p->output_depth, p->accum_depth);
  }
  if (tag != MCUSIM_PLAN_BLOCK_FC_M0_LANES && tag != MCUSIM_PLAN_BLOCK_FC_M0_SPARSE) return MCUSIM_PLAN_OK;
  const uint32_t size = (uint32_t)block[1];
  PLAN_REQUIRE(size >= MCUSIM_PLAN_FC_M0_SPARSE_HEADER);
  const int32_t quads = block[2];
  const int32_t pairs = block[3];
  PLAN_REQUIRE(p->filter_offset == 0 && quads == (p->output_depth + 3) / 4 && pairs >= 1 &&
               pairs == p->accum_depth / 2 && (p->accum_depth & 1) == 0);
  uint32_t weights = 4u, channels = 4u * MCUSIM_PLAN_FC_M0_LANES_CHANNEL, words = MCUSIM_PLAN_FC_M0_LANES_HEADER;
  PLAN_REQUIRE(plan_mul(&channels, quads));
  if (tag == MCUSIM_PLAN_BLOCK_FC_M0_LANES) {
    PLAN_REQUIRE(plan_mul(&weights, quads) && plan_mul(&weights, pairs) && plan_add(&words, (int32_t)weights));
  } else {
    /* Walk the steps: every count within the pairs and the block, every
     * offset an input pair of the row (even, rising, below 2 * pairs). */
    words = MCUSIM_PLAN_FC_M0_SPARSE_HEADER;
    for (int32_t q = 0; q < quads; ++q) {
      PLAN_REQUIRE(words < size);
      const int32_t n = block[words++];
      PLAN_REQUIRE(n >= 0 && n <= pairs && (uint32_t)n * MCUSIM_PLAN_FC_M0_SPARSE_STEP <= size - words);
      int32_t next = 0;
      for (int32_t k = 0; k < n; ++k, words += MCUSIM_PLAN_FC_M0_SPARSE_STEP) {
        const int32_t offset = block[words + 2u];
        PLAN_REQUIRE(offset >= next && (offset & 1) == 0 && offset < 2 * pairs);
        next = offset + 2;
      }
    }
    PLAN_REQUIRE((uint32_t)block[4] == words);
  }
  PLAN_REQUIRE(plan_add(&words, (int32_t)channels) && words == size);
  const int32_t* ch = block + (size - channels);
  for (uint32_t c = 0; c < channels; c += MCUSIM_PLAN_FC_M0_LANES_CHANNEL) {
    PLAN_REQUIRE(ch[c + 1] <= ch[c + 2] && ch[c + 3] >= 0 && ch[c + 3] < 1024 && ch[c + 4] >= 0 &&
                 ch[c + 4] < 1024 && ch[c + 5] >= 0 && ch[c + 5] < 2048 && ch[c + 6] == 1024 &&
                 (ch[c + 7] == 0 || ch[c + 7] == -2048) && ch[c + 9] >= 11 && ch[c + 9] <= 31);
  }
  return MCUSIM_PLAN_OK;
}

static mcusim_plan_status check_fully_connected(const plan_op_view* v) {
  const mcusim_plan_fully_connected* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  if (v->op->input_count != 3u) return MCUSIM_PLAN_E_IO;
  uint32_t in = 0, filter = 0, out = 0;
  PLAN_REQUIRE(count4(&in, p->batches, p->accum_depth, 1, 1) && count4(&filter, p->output_depth, p->accum_depth, 1, 1) &&
               count4(&out, p->batches, p->output_depth, 1, 1));
  PLAN_REQUIRE(valid_offset(p->input_offset) && valid_offset(p->filter_offset) &&
               valid_zero_point(p->output_offset) && valid_shift(p->output_shift) &&
               valid_clamp(p->act_min, p->act_max));
  PLAN_TRY(plan_need(v, 0, MCUSIM_PLAN_INT8, in));
  PLAN_TRY(plan_need(v, 1, MCUSIM_PLAN_INT8, filter));
  PLAN_TRY(plan_need_optional(v, 2, MCUSIM_PLAN_INT32, (uint32_t)p->output_depth));
  PLAN_TRY(plan_need(v, 3, MCUSIM_PLAN_INT8, out));
  if (p->per_channel_multiplier != 0u || p->per_channel_shift != 0u) {
    PLAN_TRY(plan_int32_array(v, p->per_channel_multiplier, (uint32_t)p->output_depth, 0));
    PLAN_TRY(plan_int32_array(v, p->per_channel_shift, (uint32_t)p->output_depth, 1));
  }
  if (p->variant_block != 0u) PLAN_TRY(check_fc_block(v, p));
  return MCUSIM_PLAN_OK;
}
#endif

#if defined(MCUSIM_OP_CONV_2D)
static mcusim_plan_status check_conv_2d(const plan_op_view* v) {
  const mcusim_plan_conv_2d* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  if (v->op->input_count != 3u) return MCUSIM_PLAN_E_IO;
  uint32_t in = 0, filter = 0, out = 0;
  PLAN_REQUIRE(count4(&in, p->batches, p->input_h, p->input_w, p->input_c) &&
               count4(&filter, p->output_c, p->filter_h, p->filter_w, p->filter_c) &&
               count4(&out, p->batches, p->output_h, p->output_w, p->output_c));
  /* Grouped convolution: input_c = groups * filter_c, output_c a multiple of groups. */
  PLAN_REQUIRE(p->input_c % p->filter_c == 0 && p->output_c % (p->input_c / p->filter_c) == 0);
  PLAN_REQUIRE(valid_window(p->output_h, p->filter_h, p->stride_h, p->dilation_h, p->pad_top) &&
               valid_window(p->output_w, p->filter_w, p->stride_w, p->dilation_w, p->pad_left));
  PLAN_REQUIRE(valid_offset(p->input_offset) && valid_zero_point(p->output_offset) &&
               valid_clamp(p->act_min, p->act_max));
  PLAN_TRY(plan_need(v, 0, MCUSIM_PLAN_INT8, in));
  PLAN_TRY(plan_need(v, 1, MCUSIM_PLAN_INT8, filter));
  PLAN_TRY(plan_need_optional(v, 2, MCUSIM_PLAN_INT32, (uint32_t)p->output_c));
  PLAN_TRY(plan_need(v, 3, MCUSIM_PLAN_INT8, out));
  PLAN_TRY(plan_int32_array(v, p->multiplier, (uint32_t)p->output_c, 0));
  PLAN_TRY(plan_int32_array(v, p->shift, (uint32_t)p->output_c, 1));
  if (p->variant_block == 0u) return MCUSIM_PLAN_OK;
  /* A variant block: its tag and size, then what a known tag relies on. */
  PLAN_TRY(plan_int32_array(v, p->variant_block, 2u, 0));
  const int32_t* block = (const int32_t*)(const void*)(v->ctx->blob + p->variant_block);
  PLAN_TRY(plan_int32_array(v, p->variant_block, (uint32_t)block[1], 0));
  if ((uint32_t)block[0] != MCUSIM_PLAN_BLOCK_M4_MATMUL) return MCUSIM_PLAN_OK;
  /* The matrix form: a 1x1 filter over every pixel, one group. */
  PLAN_REQUIRE(p->filter_h == 1 && p->filter_w == 1 && p->stride_h == 1 && p->stride_w == 1 && p->pad_top == 0 &&
               p->pad_left == 0 && p->filter_c == p->input_c && p->output_h == p->input_h &&
               p->output_w == p->input_w);
  return check_m4_matmul_block(block, p->output_c, p->input_c);
}
#endif

#if defined(MCUSIM_OP_DEPTHWISE_CONV_2D)
static mcusim_plan_status check_depthwise_conv_2d(const plan_op_view* v) {
  const mcusim_plan_depthwise_conv_2d* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  if (v->op->input_count != 3u) return MCUSIM_PLAN_E_IO;
  uint32_t in = 0, filter = 0, out = 0, channels = 0;
  PLAN_REQUIRE(count4(&in, p->batches, p->input_h, p->input_w, p->input_c) &&
               count4(&filter, p->filter_h, p->filter_w, p->output_c, 1) &&
               count4(&out, p->batches, p->output_h, p->output_w, p->output_c) &&
               count4(&channels, p->input_c, p->depth_multiplier, 1, 1) && channels == (uint32_t)p->output_c);
  PLAN_REQUIRE(valid_window(p->output_h, p->filter_h, p->stride_h, p->dilation_h, p->pad_top) &&
               valid_window(p->output_w, p->filter_w, p->stride_w, p->dilation_w, p->pad_left));
  PLAN_REQUIRE(valid_offset(p->input_offset) && valid_zero_point(p->output_offset) &&
               valid_clamp(p->act_min, p->act_max));
  PLAN_TRY(plan_need(v, 0, MCUSIM_PLAN_INT8, in));
  PLAN_TRY(plan_need(v, 1, MCUSIM_PLAN_INT8, filter));
  PLAN_TRY(plan_need_optional(v, 2, MCUSIM_PLAN_INT32, (uint32_t)p->output_c));
  PLAN_TRY(plan_need(v, 3, MCUSIM_PLAN_INT8, out));
  PLAN_TRY(plan_int32_array(v, p->multiplier, (uint32_t)p->output_c, 0));
  return plan_int32_array(v, p->shift, (uint32_t)p->output_c, 1);
}
#endif

#if defined(MCUSIM_OP_AVERAGE_POOL_2D) || defined(MCUSIM_OP_MAX_POOL_2D)
static mcusim_plan_status check_pool_2d(const plan_op_view* v) {
  const pool2d_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  if (v->op->input_count != 1u) return MCUSIM_PLAN_E_IO;
  uint32_t in = 0, out = 0;
  PLAN_REQUIRE(count4(&in, p->batches, p->input_h, p->input_w, p->channels) &&
               count4(&out, p->batches, p->output_h, p->output_w, p->channels) && p->filter_h >= 1 &&
               p->filter_w >= 1);
  PLAN_REQUIRE(valid_window(p->output_h, p->filter_h, p->stride_h, 1, p->pad_top) &&
               valid_window(p->output_w, p->filter_w, p->stride_w, 1, p->pad_left) &&
               valid_clamp(p->act_min, p->act_max));
  PLAN_TRY(plan_need(v, 0, MCUSIM_PLAN_INT8, in));
  return plan_need(v, 1, MCUSIM_PLAN_INT8, out);
}
#endif

#if defined(MCUSIM_OP_ADD) || defined(MCUSIM_OP_MUL)
/* The broadcast walk (broadcast_walk.h) writes prod(dims) outputs and reads
 * input k at sum((dims[d] - 1) * strides_k[d]) at most. */
static mcusim_plan_status check_broadcast(const plan_op_view* v, const broadcast_shape* s) {
  if (v->op->input_count != 2u) return MCUSIM_PLAN_E_IO;
  uint32_t out = 1u, last1 = 0u, last2 = 0u;
  for (int d = 0; d < ELEMENTWISE_MAX_DIMS; ++d) {
    uint32_t reach1 = (uint32_t)s->dims[d] - 1u;
    uint32_t reach2 = reach1;
    PLAN_REQUIRE(s->dims[d] >= 1 && plan_mul(&out, s->dims[d]) && plan_mul(&reach1, s->input1_strides[d]) &&
                 plan_mul(&reach2, s->input2_strides[d]) && plan_add(&last1, (int32_t)reach1) &&
                 plan_add(&last2, (int32_t)reach2));
  }
  PLAN_TRY(plan_need(v, 0, MCUSIM_PLAN_INT8, last1 + 1u));
  PLAN_TRY(plan_need(v, 1, MCUSIM_PLAN_INT8, last2 + 1u));
  return plan_need(v, 2, MCUSIM_PLAN_INT8, out);
}
#endif

#if defined(MCUSIM_OP_ADD)
static mcusim_plan_status check_add(const plan_op_view* v) {
  const add_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  /* (x + offset) << left_shift stays below 2^30 up to 22 (TFLite uses 20), so
   * the sum of the two scaled inputs cannot overflow; the smaller-than-one
   * multipliers need shifts <= 0. */
  PLAN_REQUIRE(valid_offset(p->input1_offset) && valid_offset(p->input2_offset) && p->left_shift >= 0 &&
               p->left_shift <= 22 && p->input1_shift <= 0 && p->input1_shift >= -31 && p->input2_shift <= 0 &&
               p->input2_shift >= -31 && p->output_shift <= 0 && p->output_shift >= -31 &&
               valid_zero_point(p->output_offset) && valid_clamp(p->act_min, p->act_max));
  return check_broadcast(v, &p->shape);
}
#endif

#if defined(MCUSIM_OP_MUL)
static mcusim_plan_status check_mul(const plan_op_view* v) {
  const mul_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(valid_offset(p->input1_offset) && valid_offset(p->input2_offset) && valid_shift(p->output_shift) &&
               valid_zero_point(p->output_offset) && valid_clamp(p->act_min, p->act_max));
  return check_broadcast(v, &p->shape);
}
#endif

/* Unary kernels reading `in` and writing `out` int8 elements (types differ for
 * the float model edges). */
PLAN_MAYBE_UNUSED static inline mcusim_plan_status check_unary(const plan_op_view* v, uint8_t in_type, uint32_t in, uint8_t out_type,
                                      uint32_t out) {
  if (v->op->input_count != 1u) return MCUSIM_PLAN_E_IO;
  PLAN_TRY(plan_need(v, 0, in_type, in));
  return plan_need(v, 1, out_type, out);
}

#if defined(MCUSIM_OP_SOFTMAX)
static mcusim_plan_status check_softmax(const plan_op_view* v) {
  const softmax_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  uint32_t n = 0;
  /* diff_min <= 0 keeps the row maximum in the sum, so the sum of exps is
   * never 0 (its leading-zero count is a shift). */
  PLAN_REQUIRE(count4(&n, p->outer_size, p->depth, 1, 1) && p->input_left_shift >= 0 &&
               p->input_left_shift <= 31 && p->input_multiplier >= 0 && p->diff_min <= 0);
  return check_unary(v, MCUSIM_PLAN_INT8, n, MCUSIM_PLAN_INT8, n);
}
#endif

#if defined(MCUSIM_OP_LOGISTIC) || defined(MCUSIM_OP_TANH)
static mcusim_plan_status check_logistic(const plan_op_view* v) {
  const logistic_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->size >= 0 && valid_zero_point(p->input_zero_point) && p->input_range_radius >= 0 &&
               p->input_multiplier >= 0 && valid_shift(p->input_left_shift));
  return check_unary(v, MCUSIM_PLAN_INT8, (uint32_t)p->size, MCUSIM_PLAN_INT8, (uint32_t)p->size);
}
#endif

#if defined(MCUSIM_OP_RELU) || defined(MCUSIM_OP_HARD_TANH)
static mcusim_plan_status check_relu(const plan_op_view* v) {
  const relu_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->size >= 0 && valid_zero_point(p->input_zero_point) && valid_zero_point(p->output_zero_point) &&
               valid_shift(p->output_shift) && valid_clamp(p->act_min, p->act_max));
  return check_unary(v, MCUSIM_PLAN_INT8, (uint32_t)p->size, MCUSIM_PLAN_INT8, (uint32_t)p->size);
}
#endif

#if defined(MCUSIM_OP_RELU6)
static mcusim_plan_status check_relu6(const plan_op_view* v) {
  const relu6_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->size >= 0);
  return check_unary(v, MCUSIM_PLAN_INT8, (uint32_t)p->size, MCUSIM_PLAN_INT8, (uint32_t)p->size);
}
#endif

#if defined(MCUSIM_OP_CONCATENATION)
static mcusim_plan_status check_concatenation(const plan_op_view* v) {
  const mcusim_plan_concatenation* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  if (p->num_inputs < 1 || (uint32_t)p->num_inputs != v->op->input_count) return MCUSIM_PLAN_E_IO;
  PLAN_REQUIRE(p->outer_size >= 1);
  PLAN_TRY(plan_int32_array(v, p->copy_sizes, (uint32_t)p->num_inputs, 0));
  const int32_t* copy_sizes = (const int32_t*)(const void*)(v->ctx->blob + p->copy_sizes);
  uint32_t row = 0u;
  for (uint32_t i = 0; i < (uint32_t)p->num_inputs; ++i) {
    uint32_t in = (uint32_t)p->outer_size;
    PLAN_REQUIRE(plan_mul(&in, copy_sizes[i]) && plan_add(&row, copy_sizes[i]));
    PLAN_TRY(plan_need(v, i, MCUSIM_PLAN_INT8, in));
  }
  PLAN_REQUIRE(plan_mul(&row, p->outer_size));
  return plan_need(v, (uint32_t)p->num_inputs, MCUSIM_PLAN_INT8, row);
}
#endif

#if defined(MCUSIM_OP_MEAN)
static mcusim_plan_status check_mean(const plan_op_view* v) {
  const mean_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  uint32_t in = 0, out = 0;
  /* The int32 sum of reduce_size int8 values (and zero_point * reduce_size)
   * fits while reduce_size <= 2^23. */
  PLAN_REQUIRE(count4(&in, p->outer_size, p->reduce_size, p->inner_size, 1) &&
               count4(&out, p->outer_size, p->inner_size, 1, 1) && p->reduce_size <= (1 << 23) &&
               valid_zero_point(p->input_zero_point) && valid_zero_point(p->output_zero_point) &&
               valid_shift(p->shift));
  return check_unary(v, MCUSIM_PLAN_INT8, in, MCUSIM_PLAN_INT8, out);
}
#endif

#if defined(MCUSIM_OP_PAD)
static mcusim_plan_status check_pad(const plan_op_view* v) {
  const pad_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  uint32_t in = 1u, out = 1u;
  for (int d = 0; d < PAD_MAX_DIMS; ++d) {
    uint32_t dim = 0u;
    PLAN_REQUIRE(plan_add(&dim, p->pad_before[d]) && plan_add(&dim, p->input_dims[d]) &&
                 plan_add(&dim, p->pad_after[d]) && plan_mul(&in, p->input_dims[d]) &&
                 plan_mul(&out, (int32_t)dim));
  }
  return check_unary(v, MCUSIM_PLAN_INT8, in, MCUSIM_PLAN_INT8, out);
}
#endif

#if defined(MCUSIM_OP_REQUANTIZE)
static mcusim_plan_status check_requantize(const plan_op_view* v) {
  const requantize_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->size >= 0 && valid_zero_point(p->input_zero_point) && valid_zero_point(p->output_zero_point) &&
               valid_shift(p->shift));
  return check_unary(v, MCUSIM_PLAN_INT8, (uint32_t)p->size, MCUSIM_PLAN_INT8, (uint32_t)p->size);
}
#endif

#if defined(MCUSIM_OP_QUANTIZE_F32) || defined(MCUSIM_OP_DEQUANTIZE)
/* A positive, finite, normal binary32 scale, judged on its bits, read as
 * little-endian bytes: no float register or arithmetic at init. */
static int valid_scale(const void* scale) {
  const uint8_t* b = (const uint8_t*)scale;
  const uint32_t bits = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
  const uint32_t exponent = (bits >> 23) & 0xFFu;
  return (bits >> 31) == 0u && exponent != 0u && exponent != 0xFFu;
}
#endif

#if defined(MCUSIM_OP_QUANTIZE_F32)
static mcusim_plan_status check_quantize_f32(const plan_op_view* v) {
  const quantize_f32_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->size >= 0 && valid_zero_point(p->zero_point) && valid_scale(&p->scale));
  return check_unary(v, MCUSIM_PLAN_FLOAT32, (uint32_t)p->size, MCUSIM_PLAN_INT8, (uint32_t)p->size);
}
#endif

#if defined(MCUSIM_OP_DEQUANTIZE)
static mcusim_plan_status check_dequantize(const plan_op_view* v) {
  const dequantize_s8_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->size >= 0 && valid_zero_point(p->zero_point) && valid_scale(&p->scale));
  return check_unary(v, MCUSIM_PLAN_INT8, (uint32_t)p->size, MCUSIM_PLAN_FLOAT32, (uint32_t)p->size);
}
#endif

#if defined(MCUSIM_OP_RESHAPE)
static mcusim_plan_status check_reshape(const plan_op_view* v) {
  const reshape_params* p;
  PLAN_TRY(plan_params(v, sizeof *p, (const void**)&p));
  PLAN_REQUIRE(p->bytes >= 0);
  return check_unary(v, MCUSIM_PLAN_INT8, (uint32_t)p->bytes, MCUSIM_PLAN_INT8, (uint32_t)p->bytes);
}
#endif

mcusim_plan_status plan_check_op(const plan_op_view* v) {
  switch (v->op->kind) {
#if defined(MCUSIM_OP_FULLY_CONNECTED)
    case MCUSIM_PLAN_OP_FULLY_CONNECTED: return check_fully_connected(v);
#endif
#if defined(MCUSIM_OP_CONV_2D)
    case MCUSIM_PLAN_OP_CONV_2D: return check_conv_2d(v);
#endif
#if defined(MCUSIM_OP_DEPTHWISE_CONV_2D)
    case MCUSIM_PLAN_OP_DEPTHWISE_CONV_2D: return check_depthwise_conv_2d(v);
#endif
#if defined(MCUSIM_OP_AVERAGE_POOL_2D)
    case MCUSIM_PLAN_OP_AVERAGE_POOL_2D: return check_pool_2d(v);
#endif
#if defined(MCUSIM_OP_MAX_POOL_2D)
    case MCUSIM_PLAN_OP_MAX_POOL_2D: return check_pool_2d(v);
#endif
#if defined(MCUSIM_OP_ADD)
    case MCUSIM_PLAN_OP_ADD: return check_add(v);
#endif
#if defined(MCUSIM_OP_MUL)
    case MCUSIM_PLAN_OP_MUL: return check_mul(v);
#endif
#if defined(MCUSIM_OP_SOFTMAX)
    case MCUSIM_PLAN_OP_SOFTMAX: return check_softmax(v);
#endif
#if defined(MCUSIM_OP_LOGISTIC)
    case MCUSIM_PLAN_OP_LOGISTIC: return check_logistic(v);
#endif
#if defined(MCUSIM_OP_TANH)
    case MCUSIM_PLAN_OP_TANH: return check_logistic(v);
#endif
#if defined(MCUSIM_OP_RELU)
    case MCUSIM_PLAN_OP_RELU: return check_relu(v);
#endif
#if defined(MCUSIM_OP_HARD_TANH)
    case MCUSIM_PLAN_OP_HARD_TANH: return check_relu(v);
#endif
#if defined(MCUSIM_OP_RELU6)
    case MCUSIM_PLAN_OP_RELU6: return check_relu6(v);
#endif
#if defined(MCUSIM_OP_CONCATENATION)
    case MCUSIM_PLAN_OP_CONCATENATION: return check_concatenation(v);
#endif
#if defined(MCUSIM_OP_MEAN)
    case MCUSIM_PLAN_OP_MEAN: return check_mean(v);
#endif
#if defined(MCUSIM_OP_PAD)
    case MCUSIM_PLAN_OP_PAD: return check_pad(v);
#endif
#if defined(MCUSIM_OP_REQUANTIZE)
    case MCUSIM_PLAN_OP_REQUANTIZE: return check_requantize(v);
#endif
#if defined(MCUSIM_OP_QUANTIZE_F32)
    case MCUSIM_PLAN_OP_QUANTIZE_F32: return check_quantize_f32(v);
#endif
#if defined(MCUSIM_OP_DEQUANTIZE)
    case MCUSIM_PLAN_OP_DEQUANTIZE: return check_dequantize(v);
#endif
#if defined(MCUSIM_OP_RESHAPE)
    case MCUSIM_PLAN_OP_RESHAPE: return check_reshape(v);
#endif
    default:
      return v->op->kind != 0u && v->op->kind < MCUSIM_PLAN_OP_KIND_END ? MCUSIM_PLAN_E_OP_NOT_BUILT
                                                                       : MCUSIM_PLAN_E_UNKNOWN_OP;
  }
}
