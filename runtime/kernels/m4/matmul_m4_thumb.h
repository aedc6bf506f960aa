/* runtime/kernels/m4/matmul_m4_thumb.h — the pass routines of matmul_m4.h in
 * Thumb-2 for the device: m4_matmul_pair_c and m4_matmul_single_c with every
 * value of the loops in a register, four ways (two pixels or one; SSAT or a
 * two-sided clamp).
 *
 * Why assembly: clang-14 -O2 pairs the adjacent word loads into LDRD, which
 * never pipelines (1 + N = 3 cycles for two words, TIMING-FACTS.md M4 table)
 * where two neighbouring LDR cost 2 + 1 = 3 only for the first pair and one
 * cycle each after, and it cannot hold 4 sums, 3 pointers and 5 operands
 * without a spill in the single-pixel loop (13 registers).
 *
 * Registers (both). r0 = expanded input (post-incremented once a turn of four
 * input quads, the other loads at negative offsets, so no load waits on an
 * address computed by the instruction before it: docs/timing.md's
 * address-dependency rule), r1 = weights, r2 = r0's end, r7-r10 = the four
 * sums (seeded with the channels' word 0), r12 = channel words, lr = the job.
 * Pair: r3, r4 = pixel a's and b's input pair, r5, r6 = row a's and b's
 * weight pair; r7/r8 = row a x pixel a/b, r9/r10 = row b; r11 = out; one
 * pass does rows (0, 1) of a quad, then r1 moves 8 bytes on for rows (2, 3).
 * Single: r3 = the input pair, r4, r5, r6, r11 = rows 0-3's weight pairs;
 * out lives at [sp, #4]. Both: [sp] = row quads still to do. Output stage:
 * r3, r4, r5 = m, k, e; r0, r2 = act_min, act_max for the clamp.
 *
 * Cycles per input quad (zero-wait memory; DDI 0439B §3.3.1, TIMING-FACTS.md):
 * pair 2 x (4 loads: 2 + 1 + 1 + 1) + 8 SMLAD = 18 for 16 MACs; single
 * 2 x (5 loads: 6) + 8 SMLAD = 20; per turn of four quads CMP 1 and BNE taken
 * 1 + P = 2. */
#ifndef MCUSIM_RUNTIME_KERNELS_M4_MATMUL_M4_THUMB_H
#define MCUSIM_RUNTIME_KERNELS_M4_MATMUL_M4_THUMB_H

#define M4MM_PAIR_SMLAD               \
  "smlad r7, r5, r3, r7\n\t"          \
  "smlad r8, r5, r4, r8\n\t"          \
  "smlad r9, r6, r3, r9\n\t"          \
  "smlad r10, r6, r4, r10\n\t"

#define M4MM_SINGLE_SMLAD             \
  "smlad r7, r4, r3, r7\n\t"          \
  "smlad r8, r5, r3, r8\n\t"          \
  "smlad r9, r6, r3, r9\n\t"          \
  "smlad r10, r11, r3, r10\n\t"

/* Four input quads: one turn of the inner loops. */
#define M4MM_PAIR_TURN \
  "ldr   r3, [r0], #64\n\t" \
  "ldr   r4, [r0, #-60]\n\t" \
  "ldr   r5, [r1], #128\n\t" \
  "ldr   r6, [r1, #-124]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-56]\n\t" \
  "ldr   r4, [r0, #-52]\n\t" \
  "ldr   r5, [r1, #-112]\n\t" \
  "ldr   r6, [r1, #-108]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-48]\n\t" \
  "ldr   r4, [r0, #-44]\n\t" \
  "ldr   r5, [r1, #-96]\n\t" \
  "ldr   r6, [r1, #-92]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-40]\n\t" \
  "ldr   r4, [r0, #-36]\n\t" \
  "ldr   r5, [r1, #-80]\n\t" \
  "ldr   r6, [r1, #-76]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-32]\n\t" \
  "ldr   r4, [r0, #-28]\n\t" \
  "ldr   r5, [r1, #-64]\n\t" \
  "ldr   r6, [r1, #-60]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-24]\n\t" \
  "ldr   r4, [r0, #-20]\n\t" \
  "ldr   r5, [r1, #-48]\n\t" \
  "ldr   r6, [r1, #-44]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-16]\n\t" \
  "ldr   r4, [r0, #-12]\n\t" \
  "ldr   r5, [r1, #-32]\n\t" \
  "ldr   r6, [r1, #-28]\n\t" \
  M4MM_PAIR_SMLAD \
  "ldr   r3, [r0, #-8]\n\t" \
  "ldr   r4, [r0, #-4]\n\t" \
  "ldr   r5, [r1, #-16]\n\t" \
  "ldr   r6, [r1, #-12]\n\t" \
  M4MM_PAIR_SMLAD

#define M4MM_SINGLE_TURN \
  "ldr   r3, [r0], #32\n\t" \
  "ldr   r4, [r1], #128\n\t" \
  "ldr   r5, [r1, #-124]\n\t" \
  "ldr   r6, [r1, #-120]\n\t" \
  "ldr   r11, [r1, #-116]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-28]\n\t" \
  "ldr   r4, [r1, #-112]\n\t" \
  "ldr   r5, [r1, #-108]\n\t" \
  "ldr   r6, [r1, #-104]\n\t" \
  "ldr   r11, [r1, #-100]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-24]\n\t" \
  "ldr   r4, [r1, #-96]\n\t" \
  "ldr   r5, [r1, #-92]\n\t" \
  "ldr   r6, [r1, #-88]\n\t" \
  "ldr   r11, [r1, #-84]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-20]\n\t" \
  "ldr   r4, [r1, #-80]\n\t" \
  "ldr   r5, [r1, #-76]\n\t" \
  "ldr   r6, [r1, #-72]\n\t" \
  "ldr   r11, [r1, #-68]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-16]\n\t" \
  "ldr   r4, [r1, #-64]\n\t" \
  "ldr   r5, [r1, #-60]\n\t" \
  "ldr   r6, [r1, #-56]\n\t" \
  "ldr   r11, [r1, #-52]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-12]\n\t" \
  "ldr   r4, [r1, #-48]\n\t" \
  "ldr   r5, [r1, #-44]\n\t" \
  "ldr   r6, [r1, #-40]\n\t" \
  "ldr   r11, [r1, #-36]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-8]\n\t" \
  "ldr   r4, [r1, #-32]\n\t" \
  "ldr   r5, [r1, #-28]\n\t" \
  "ldr   r6, [r1, #-24]\n\t" \
  "ldr   r11, [r1, #-20]\n\t" \
  M4MM_SINGLE_SMLAD \
  "ldr   r3, [r0, #-4]\n\t" \
  "ldr   r4, [r1, #-16]\n\t" \
  "ldr   r5, [r1, #-12]\n\t" \
  "ldr   r6, [r1, #-8]\n\t" \
  "ldr   r11, [r1, #-4]\n\t" \
  M4MM_SINGLE_SMLAD

/* The clamps: SSAT to 8 bits when the activation is [-128, 127], else
 * act_min (r0) and act_max (r2) with two compare-and-move. */
#define M4MM_SSAT_LOAD ""
#define M4MM_SSAT(reg) "ssat  " reg ", #8, " reg "\n\t"
#define M4MM_CLAMP_LOAD                \
  "ldr   r0, [lr, #28]\n\t"            \
  "ldr   r2, [lr, #32]\n\t"
#define M4MM_CLAMP(reg)                \
  "cmp   " reg ", r0\n\t"              \
  "it    lt\n\t"                       \
  "movlt " reg ", r0\n\t"              \
  "cmp   " reg ", r2\n\t"              \
  "it    gt\n\t"                       \
  "movgt " reg ", r2\n\t"

/* v = SMMULR(a, m); (v + (v < 0 ? -1 : 0) + k) >> e (mcusim_plan.h). */
#define M4MM_REQUANTIZE(reg)           \
  "smmulr " reg ", " reg ", r3\n\t"    \
  "add   " reg ", " reg ", " reg ", asr #31\n\t" \
  "add   " reg ", " reg ", r4\n\t"     \
  "asr   " reg ", " reg ", r5\n\t"

/* One pass of the pair routine: rows (a, b) from r1 and r12, both pixels. */
#define M4MM_PAIR_PASS(label, CLAMP_LOAD, CLAMP) \
  "ldr   r0, [lr, #8]\n\t"             \
  "ldr   r2, [lr, #24]\n\t"            \
  "ldr   r7, [r12, #0]\n\t"            \
  "ldr   r9, [r12, #16]\n\t"           \
  "add   r2, r0, r2, lsl #4\n\t"       \
  "mov   r8, r7\n\t"                   \
  "mov   r10, r9\n"                    \
  label ":\n\t"                        \
  M4MM_PAIR_TURN                       \
  "cmp   r0, r2\n\t"                   \
  "bne   " label "\n\t"                \
  "ldr   r3, [r12, #4]\n\t"            \
  "ldr   r4, [r12, #8]\n\t"            \
  "ldr   r5, [r12, #12]\n\t"           \
  "ldr   r6, [lr, #16]\n\t"            \
  CLAMP_LOAD                           \
  M4MM_REQUANTIZE("r7")                \
  M4MM_REQUANTIZE("r8")                \
  CLAMP("r7")                          \
  CLAMP("r8")                          \
  "strb  r7, [r11]\n\t"                \
  "strb  r8, [r11, r6]\n\t"            \
  "ldr   r3, [r12, #20]\n\t"           \
  "ldr   r4, [r12, #24]\n\t"           \
  "ldr   r5, [r12, #28]\n\t"           \
  "add   r6, r6, #1\n\t"               \
  M4MM_REQUANTIZE("r9")                \
  M4MM_REQUANTIZE("r10")               \
  CLAMP("r9")                          \
  CLAMP("r10")                         \
  "strb  r9, [r11, #1]\n\t"            \
  "strb  r10, [r11, r6]\n\t"           \
  "add   r11, r11, #2\n\t"             \
  "add   r12, r12, #32\n\t"

#define M4MM_PAIR_ROUTINE(name, tag, CLAMP_LOAD, CLAMP)                                   \
  __attribute__((naked, noinline)) static void name(const m4_matmul_job* job) {           \
    __asm__ volatile(                                                                     \
        "push  {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                                \
        "sub   sp, #8\n\t"                                                                \
        "mov   lr, r0\n\t"                                                                \
        "ldr   r1, [lr, #0]\n\t"                                                          \
        "ldr   r12, [lr, #4]\n\t"                                                         \
        "ldr   r11, [lr, #12]\n\t"                                                        \
        "ldr   r2, [lr, #20]\n\t"                                                         \
        "str   r2, [sp]\n"                                                                \
        ".Lm4mm_" tag "_quad:\n\t"                                                        \
        M4MM_PAIR_PASS(".Lm4mm_" tag "_rows01", CLAMP_LOAD, CLAMP)                       \
        "ldr   r2, [lr, #24]\n\t"                                                         \
        "sub   r1, r1, r2, lsl #5\n\t" /* back to the quad's weights, rows 2 and 3 */    \
        "add   r1, r1, #8\n\t"                                                            \
        M4MM_PAIR_PASS(".Lm4mm_" tag "_rows23", CLAMP_LOAD, CLAMP)                       \
        "sub   r1, r1, #8\n\t" /* the next quad's weights */                              \
        "ldr   r2, [sp]\n\t"                                                              \
        "subs  r2, r2, #1\n\t"                                                            \
        "str   r2, [sp]\n\t"                                                              \
        "bne   .Lm4mm_" tag "_quad\n\t"                                                   \
        "add   sp, #8\n\t"                                                                \
        "pop   {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                              \
  }

/* Output row `k` of a quad in the single routine: sum `reg`, channel words at
 * r12 + 16 k. */
#define M4MM_SINGLE_ROW(reg, k, m_off, k_off, e_off, CLAMP) \
  "ldr   r3, [r12, #" m_off "]\n\t"    \
  "ldr   r4, [r12, #" k_off "]\n\t"    \
  "ldr   r5, [r12, #" e_off "]\n\t"    \
  M4MM_REQUANTIZE(reg)                 \
  CLAMP(reg)                           \
  "strb  " reg ", [r11, #" k "]\n\t"

#define M4MM_SINGLE_ROUTINE(name, tag, CLAMP_LOAD, CLAMP)                                 \
  __attribute__((naked, noinline)) static void name(const m4_matmul_job* job) {           \
    __asm__ volatile(                                                                     \
        "push  {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                                \
        "sub   sp, #8\n\t"                                                                \
        "mov   lr, r0\n\t"                                                                \
        "ldr   r1, [lr, #0]\n\t"                                                          \
        "ldr   r12, [lr, #4]\n\t"                                                         \
        "ldr   r2, [lr, #12]\n\t"                                                         \
        "ldr   r3, [lr, #20]\n\t"                                                         \
        "str   r2, [sp, #4]\n\t"                                                          \
        "str   r3, [sp]\n"                                                                \
        ".Lm4mm_" tag "_quad:\n\t"                                                        \
        "ldr   r0, [lr, #8]\n\t"                                                          \
        "ldr   r2, [lr, #24]\n\t"                                                         \
        "ldr   r7, [r12, #0]\n\t"                                                         \
        "ldr   r8, [r12, #16]\n\t"                                                        \
        "ldr   r9, [r12, #32]\n\t"                                                        \
        "ldr   r10, [r12, #48]\n\t"                                                       \
        "add   r2, r0, r2, lsl #3\n"                                                      \
        ".Lm4mm_" tag "_turn:\n\t"                                                        \
        M4MM_SINGLE_TURN                                                                  \
        "cmp   r0, r2\n\t"                                                                \
        "bne   .Lm4mm_" tag "_turn\n\t"                                                   \
        "ldr   r11, [sp, #4]\n\t"                                                         \
        CLAMP_LOAD                                                                        \
        M4MM_SINGLE_ROW("r7", "0", "4", "8", "12", CLAMP)                                 \
        M4MM_SINGLE_ROW("r8", "1", "20", "24", "28", CLAMP)                               \
        M4MM_SINGLE_ROW("r9", "2", "36", "40", "44", CLAMP)                               \
        M4MM_SINGLE_ROW("r10", "3", "52", "56", "60", CLAMP)                              \
        "add   r11, r11, #4\n\t"                                                          \
        "add   r12, r12, #64\n\t"                                                         \
        "str   r11, [sp, #4]\n\t"                                                         \
        "ldr   r3, [sp]\n\t"                                                              \
        "subs  r3, r3, #1\n\t"                                                            \
        "str   r3, [sp]\n\t"                                                              \
        "bne   .Lm4mm_" tag "_quad\n\t"                                                   \
        "add   sp, #8\n\t"                                                                \
        "pop   {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                              \
  }

M4MM_PAIR_ROUTINE(m4_matmul_pair_ssat_thumb, "ps", M4MM_SSAT_LOAD, M4MM_SSAT)
M4MM_PAIR_ROUTINE(m4_matmul_pair_clamp_thumb, "pc", M4MM_CLAMP_LOAD, M4MM_CLAMP)
M4MM_SINGLE_ROUTINE(m4_matmul_single_ssat_thumb, "ss", M4MM_SSAT_LOAD, M4MM_SSAT)
M4MM_SINGLE_ROUTINE(m4_matmul_single_clamp_thumb, "sc", M4MM_CLAMP_LOAD, M4MM_CLAMP)

#undef M4MM_PAIR_SMLAD
#undef M4MM_SINGLE_SMLAD
#undef M4MM_PAIR_TURN
#undef M4MM_SINGLE_TURN
#undef M4MM_SSAT_LOAD
#undef M4MM_SSAT
#undef M4MM_CLAMP_LOAD
#undef M4MM_CLAMP
#undef M4MM_REQUANTIZE
#undef M4MM_PAIR_PASS
#undef M4MM_PAIR_ROUTINE
#undef M4MM_SINGLE_ROW
#undef M4MM_SINGLE_ROUTINE

#endif /* MCUSIM_RUNTIME_KERNELS_M4_MATMUL_M4_THUMB_H */
