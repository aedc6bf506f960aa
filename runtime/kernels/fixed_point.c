/* runtime/kernels/fixed_point.c — gemmlowp's fixed-point exp, 1/(1+x),
 * logistic and tanh, as TFLite Micro's int8 SOFTMAX, LOGISTIC and TANH use them.
 *
 * Written for mcusim from the algorithm description; the algorithm and its
 * constants are gemmlowp's (fixedpoint/fixedpoint.h, Apache-2.0), which every
 * TFLite int8 runtime shares. Every multiplication of two fixed-point values is
 * qm_srdhm (result format: the sum of the operands' integer bits); additions
 * and subtractions wrap like gemmlowp's plain int32 Add/Sub.
 */
#include "runtime/kernels/fixed_point.h"

#include "runtime/kernels/quant_math.h"

int fp_count_leading_zeros(uint32_t x) {
  if (x == 0) return 32;
  int n = 0;
  if ((x & 0xFFFF0000u) == 0) { n += 16; x <<= 16; }
  if ((x & 0xFF000000u) == 0) { n += 8; x <<= 8; }
  if ((x & 0xF0000000u) == 0) { n += 4; x <<= 4; }
  if ((x & 0xC0000000u) == 0) { n += 2; x <<= 2; }
  if ((x & 0x80000000u) == 0) { n += 1; }
  return n;
}

int32_t fp_mul_pot(int32_t x, int exponent) {
  if (exponent > 0) {
    /* Saturating left shift: the largest |x| that survives is 2^(31-e) - 1. */
    const int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1u);
    if (x > threshold) return QM_INT32_MAX;
    if (x < -threshold) return QM_INT32_MIN;
    return qm_wrap_shl(x, exponent);
  }
  if (exponent < 0) return qm_rdbpot(x, -exponent);
  return x;
}

/* exp(a) for a in [-1/4, 0), Q0 in and out: exp(-1/8) times the Taylor series
 * of exp(x) around 0 with x = a + 1/8, to fourth order:
 *   exp(-1/8) * (1 + x + x^2/2 + x^3/6 + x^4/24),
 * the last three terms computed as ((x^4/4 + x^3) / 3 + x^2) / 2. */
static int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a) {
  const int32_t constant_term = 1895147668; /* exp(-1/8) in Q0 (gemmlowp) */
  const int32_t constant_1_over_3 = 715827883; /* 1/3 in Q0 (gemmlowp) */
  const int32_t x = qm_wrap_add(a, 1 << 28); /* a + 1/8 */
  const int32_t x2 = qm_srdhm(x, x);
  const int32_t x3 = qm_srdhm(x2, x);
  const int32_t x4 = qm_srdhm(x2, x2);
  const int32_t x4_over_4 = qm_rdbpot(x4, 2);
  const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 = qm_rdbpot(
      qm_wrap_add(qm_srdhm(qm_wrap_add(x4_over_4, x3), constant_1_over_3), x2), 1);
  return qm_wrap_add(constant_term,
                     qm_srdhm(constant_term,
                              qm_wrap_add(x, x4_over_24_plus_x3_over_6_plus_x2_over_2)));
}

/* exp(a), a <= 0: split a = -(k/4) + r with r in [-1/4, 0), take exp(r) from the
 * polynomial above, then multiply by exp(-2^e) for every bit e (from 1/4 up to
 * 16) set in the integer multiple of 1/4 that was split off. */
int32_t fp_exp_on_negative_values(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = qm_wrap_sub(a & mask, one_quarter);
  int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(
      fp_mul_pot(a_mod_quarter_minus_one_quarter, integer_bits));
  const int32_t remainder = qm_wrap_sub(a_mod_quarter_minus_one_quarter, a);

  /* exp(-2^e) in Q0 for e = -2..4: the constants of gemmlowp's
   * GEMMLOWP_EXP_BARREL_SHIFTER table. */
  static const int32_t kExpOfMinusPowerOfTwo[7] = {
      1672461947, /* exp(-1/4) */
      1302514674, /* exp(-1/2) */
      790015084,  /* exp(-1) */
      290630308,  /* exp(-2) */
      39332535,   /* exp(-4) */
      720401,     /* exp(-8) */
      242,        /* exp(-16) */
  };
  for (int e = -2; e <= 4; ++e) {
    if (integer_bits > e) {
      const int shift = fractional_bits + e;
      if (remainder & ((int32_t)1 << shift)) result = qm_srdhm(result, kExpOfMinusPowerOfTwo[e + 2]);
    }
  }

  /* Formats with more than 5 integer bits can hold a < -32, where exp() is 0. */
  if (integer_bits > 5) {
    const int32_t clamp = -((int32_t)1 << (36 - integer_bits)); /* -32 */
    if (a < clamp) result = 0;
  }
  if (a == 0) result = QM_INT32_MAX; /* exp(0) = 1 */
  return result;
}

/* Newton-Raphson iteration for 1 / d with d = (1 + a) / 2 in [1/2, 1), in Q2:
 * start from 48/17 - 32/17 * d and refine x <- x + x * (1 - d * x) three times.
 * Returns 1/d = 2 / (1 + a) in Q2. */
static int32_t newton_reciprocal_of_half_denominator(int32_t half_denominator) {
  const int32_t constant_48_over_17 = 1515870810;     /* 48/17 in Q2 (gemmlowp) */
  const int32_t constant_neg_32_over_17 = -1010580540; /* -32/17 in Q2 (gemmlowp) */
  const int32_t one_q2 = (int32_t)1 << 29;
  int32_t x = qm_wrap_add(constant_48_over_17, qm_srdhm(half_denominator, constant_neg_32_over_17));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = qm_srdhm(half_denominator, x);        /* Q2 */
    const int32_t one_minus_half_denominator_times_x = qm_wrap_sub(one_q2, half_denominator_times_x);
    /* Q2 * Q2 is Q4; back to Q2 with a saturating shift left by 2. */
    x = qm_wrap_add(x, fp_mul_pot(qm_srdhm(x, one_minus_half_denominator_times_x), 2));
  }
  return x;
}

/* RoundingHalfSum(a, 1.0) in Q0: (a + INT32_MAX) / 2, rounded away from zero. */
static int32_t half_of_one_plus(int32_t a) {
  const int64_t sum = (int64_t)a + (int64_t)QM_INT32_MAX;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return (int32_t)((sum + sign) / 2);
}

int32_t fp_one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t x = newton_reciprocal_of_half_denominator(half_of_one_plus(a));
  /* x = 2/(1+a) in Q2; halving by relabelling it Q1, then Q1 -> Q0. */
  return fp_mul_pot(x, 1);
}

int32_t fp_one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t x = newton_reciprocal_of_half_denominator(half_of_one_plus(a));
  /* 2/(1+a) - 1 = (1-a)/(1+a), Q2 -> Q0. */
  return fp_mul_pot(qm_wrap_sub(x, (int32_t)1 << 29), 2);
}

int32_t fp_logistic(int32_t a, int integer_bits) {
  if (a == 0) return (int32_t)1 << 30; /* 1/2 */
  /* logistic(|a|) = 1 / (1 + exp(-|a|)); logistic(-|a|) = 1 - logistic(|a|). */
  const int positive = a > 0;
  const int32_t minus_abs = positive ? qm_wrap_sub(0, a) : a;
  const int32_t result_if_positive =
      fp_one_over_one_plus_x_for_x_in_0_1(fp_exp_on_negative_values(minus_abs, integer_bits));
  return positive ? result_if_positive : qm_wrap_sub(QM_INT32_MAX, result_if_positive);
}

int32_t fp_tanh(int32_t a, int integer_bits) {
  if (a == 0) return 0;
  /* tanh(|a|) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)); -2|a| is the same raw
   * value read with one more integer bit. tanh is odd. */
  const int negative = a < 0;
  const int32_t minus_abs = negative ? a : qm_wrap_sub(0, a);
  const int32_t t = fp_one_minus_x_over_one_plus_x_for_x_in_0_1(
      fp_exp_on_negative_values(minus_abs, integer_bits + 1));
  return negative ? qm_wrap_sub(0, t) : t;
}
