/* runtime/kernels/m0/fc_lanes_thumb.h — m0_fc_lanes_batch_c (fc_lanes.h) in
 * Thumb assembly for the device: one batch row of FULLY_CONNECTED on an m0
 * lanes block, with every value of the inner loops in a register.
 *
 * Why assembly: compiled C keeps the four accumulators and the loop bounds
 * on the stack between calls, and reloads each channel word with its own
 * LDR; here a quad of rows is one pass — the accumulators live in r8-r11,
 * the channel words arrive by LDM — and nothing is called per quad.
 *
 * Registers. Pair loop: r0, r1 = x[i], x[i+1]; r2, r3 = x + n and x + n + 1
 * (n = 2 * pairs, indexed by r7 = i - n, counting up to 0); r4, r5 = lane
 * products; r6 = the next weight word; r8-r11 = the four rows' sums. Output
 * stage: r7 = a, r5 = channel words, r4 = out, r0-r3 scratch; r6 kept. r12
 * keeps x + n across the output stage. Stack frame: [sp] channel words, [sp,
 * #4] out, [sp, #8] rows still to write, [sp, #12] -n.
 *
 * Cycles per input pair and quad (DDI 0432C §3.3, zero-wait memory): 2
 * LDRSB (2 each), 2 LDM of two words (3 each), 16 single-cycle data
 * operations and the index step: 27 for 8 MACs; the loop is unrolled twice
 * (an odd pair count enters at the second copy), so BNE (3 taken) comes once
 * per 16 MACs. Per output: 4 LDM (10 channel words), 3 MULS and 16 other
 * single-cycle instructions, 2 compare-and-branch for the window, STRB. */
#ifndef MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_THUMB_H
#define MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_THUMB_H

#include <stdint.h>

/* r4, r5 = the lane products of one input pair for rows (a, b) of the quad;
 * their low halves go to row a's sum, their high halves to row b's. */
#define M0_FCL_LANES(acc_a, acc_b) \
  "ldm   r6!, {r4, r5}\n\t"       \
  M0_FCL_SPLIT(acc_a, acc_b)

/* The same once the two weight words are in r4, r5. */
#define M0_FCL_SPLIT(acc_a, acc_b)  \
  "muls  r4, r0, r4\n\t"           \
  "muls  r5, r1, r5\n\t"           \
  "adds  r4, r4, r5\n\t"           \
  "sxth  r5, r4\n\t"               \
  "subs  r4, r4, r5\n\t"           \
  "asrs  r4, r4, #16\n\t"          \
  "add   " acc_a ", r5\n\t"        \
  "add   " acc_b ", r4\n\t"

#define M0_FCL_STEP                  \
  "ldrsb r0, [r2, r7]\n\t"          \
  "ldrsb r1, [r3, r7]\n\t"          \
  M0_FCL_LANES("r8", "r9")          \
  M0_FCL_LANES("r10", "r11")        \
  "adds  r7, r7, #2\n\t"

/* Output byte `k` of the quad from the sum in `acc` (mcusim_plan.h's form). */
#define M0_FCL_ROW(acc, k)          \
  "mov   r7, " acc "\n\t"           \
  "ldm   r5!, {r0, r1, r2}\n\t"     \
  "adds  r7, r7, r0\n\t"            \
  "cmp   r7, r1\n\t"                \
  "bge   1f\n\t"                    \
  "mov   r7, r1\n"                  \
  "1:\n\t"                          \
  "cmp   r7, r2\n\t"                \
  "ble   2f\n\t"                    \
  "mov   r7, r2\n"                  \
  "2:\n\t"                          \
  "ldm   r5!, {r0, r1, r2, r3}\n\t" \
  "muls  r0, r7, r0\n\t"            \
  "asrs  r0, r0, #10\n\t"           \
  "muls  r1, r7, r1\n\t"            \
  "adds  r1, r1, r0\n\t"            \
  "asrs  r1, r1, #10\n\t"           \
  "muls  r2, r7, r2\n\t"            \
  "adds  r2, r2, r1\n\t"            \
  "adds  r2, r2, r3\n\t"            \
  "asrs  r0, r2, #31\n\t"           \
  "ldm   r5!, {r1, r3}\n\t"         \
  "ands  r0, r0, r1\n\t"            \
  "adds  r2, r2, r0\n\t"            \
  "adds  r2, r2, r3\n\t"            \
  "ldm   r5!, {r0}\n\t"             \
  "asrs  r2, r2, r0\n\t"            \
  "strb  r2, [r4, #" #k "]\n\t"

/* Entry of either routine: r4-r11 and lr saved (the high ones through low
 * registers: ARMv6-M's PUSH takes only r0-r7 and lr), a 16-byte frame that
 * M0_FCL_TAIL's exit releases. */
#define M0_FCL_ENTER                 \
  "push  {r4, r5, r6, r7, lr}\n\t" \
  "mov   r4, r8\n\t"               \
  "mov   r5, r9\n\t"               \
  "mov   r6, r10\n\t"              \
  "mov   r7, r11\n\t"              \
  "push  {r4, r5, r6, r7}\n\t"     \
  "sub   sp, #16\n\t"

/* After a quad's sums: its one to four outputs, then on to the next quad
 * (label L "quad") or the end. r6 survives; the frame is [sp] channel
 * words, [sp, #4] out, [sp, #8] rows still to write. L keeps each
 * routine's local labels apart. */
#define M0_FCL_TAIL(L)                                                  \
      "ldr   r5, [sp, #0]\n\t"                                          \
      "ldr   r4, [sp, #4]\n\t"                                          \
      "ldr   r0, [sp, #8]\n\t"                                          \
      "cmp   r0, #4\n\t"                                                \
      "bge   " L "full\n\t" /* conditional branches reach 256 bytes: */ \
      "b     " L "last\n"     /* the last quad's code is further */     \
      L "full:\n\t"                                                     \
      "subs  r0, r0, #4\n\t"                                            \
      "str   r0, [sp, #8]\n\t"                                          \
      M0_FCL_ROW("r8", 0)                                               \
      M0_FCL_ROW("r9", 1)                                               \
      M0_FCL_ROW("r10", 2)                                              \
      M0_FCL_ROW("r11", 3)                                              \
      "adds  r4, r4, #4\n\t"                                            \
      "str   r4, [sp, #4]\n\t"                                          \
      "str   r5, [sp, #0]\n\t"                                          \
      "ldr   r0, [sp, #8]\n\t"                                          \
      "cmp   r0, #0\n\t"                                                \
      "beq   " L "done\n\t"                                             \
      "b     " L "quad\n"                                               \
      L "last:\n\t" /* 1 to 3 rows */                                   \
      M0_FCL_ROW("r8", 0)                                               \
      "ldr   r0, [sp, #8]\n\t"                                          \
      "cmp   r0, #1\n\t"                                                \
      "beq   " L "done\n\t"                                             \
      M0_FCL_ROW("r9", 1)                                               \
      "ldr   r0, [sp, #8]\n\t"                                          \
      "cmp   r0, #2\n\t"                                                \
      "beq   " L "done\n\t"                                             \
      M0_FCL_ROW("r10", 2)                                              \
      L "done:\n\t"                                                     \
      "add   sp, #16\n\t"                                               \
      "pop   {r4, r5, r6, r7}\n\t"                                      \
      "mov   r8, r4\n\t"                                                \
      "mov   r9, r5\n\t"                                                \
      "mov   r10, r6\n\t"                                               \
      "mov   r11, r7\n\t"                                               \
      "pop   {r4, r5, r6, r7, pc}\n\t"

/* block: the lanes block; x: 2 * pairs inputs; out: `rows` outputs
 * (rows = output_depth, so the last quad holds 1 to 4 of them). */
__attribute__((naked, noinline)) static void m0_fc_lanes_batch_thumb(const int32_t* block, const int8_t* x,
                                                                     int8_t* out, int32_t rows) {
  __asm__ volatile(
      M0_FCL_ENTER
      "ldr   r4, [r0, #8]\n\t"  /* quads */
      "ldr   r5, [r0, #12]\n\t" /* pairs */
      "movs  r6, r0\n\t"
      "adds  r6, #16\n\t"       /* first weight word */
      "muls  r4, r5, r4\n\t"
      "lsls  r4, r4, #4\n\t"
      "adds  r4, r4, r6\n\t"    /* channel words follow the weights */
      "str   r4, [sp, #0]\n\t"
      "str   r2, [sp, #4]\n\t"
      "str   r3, [sp, #8]\n\t"
      "lsls  r5, r5, #1\n\t"    /* n */
      "adds  r2, r1, r5\n\t"
      "mov   r12, r2\n\t"
      "rsbs  r5, r5, #0\n\t"
      "str   r5, [sp, #12]\n"
      ".Lm0fcl_quad:\n\t"
      "mov   r2, r12\n\t"
      "adds  r3, r2, #1\n\t"
      "movs  r7, #0\n\t"
      "mov   r8, r7\n\t"
      "mov   r9, r7\n\t"
      "mov   r10, r7\n\t"
      "mov   r11, r7\n\t"
      "ldr   r7, [sp, #12]\n\t"
      "lsls  r0, r7, #30\n\t" /* bit 1 of -n: an odd pair count */
      "bmi   .Lm0fcl_odd\n"
      ".Lm0fcl_pairs:\n\t"
      M0_FCL_STEP
      ".Lm0fcl_odd:\n\t"
      M0_FCL_STEP
      "bne   .Lm0fcl_pairs\n\t"
      M0_FCL_TAIL(".Lm0fcl_"));
}

/* The same on an 'MLS2' block (mcusim_plan.h): each quad steps only through
 * its n non-zero input pairs, each step carrying its pair's byte offset.
 * r12 = the end of the quad's steps, [sp, #12] = x. 31 cycles a step (LDM
 * of three words 4, two LDRSB 4, LDM of two 3, 16 single-cycle data
 * operations, CMP, BNE 3) against 27 and a BNE every two for a dense pair:
 * worth it where a quarter of the steps are zero (weight_layout.cpp). */
__attribute__((naked, noinline)) static void m0_fc_sparse_batch_thumb(const int32_t* block, const int8_t* x,
                                                                      int8_t* out, int32_t rows) {
  __asm__ volatile(
      M0_FCL_ENTER
      "ldr   r4, [r0, #16]\n\t" /* where the channel words start */
      "lsls  r4, r4, #2\n\t"
      "adds  r4, r4, r0\n\t"
      "str   r4, [sp, #0]\n\t"
      "str   r2, [sp, #4]\n\t"
      "str   r3, [sp, #8]\n\t"
      "str   r1, [sp, #12]\n\t"
      "movs  r6, r0\n\t"
      "adds  r6, #20\n"         /* the first quad's count */
      ".Lm0fcs_quad:\n\t"
      "ldr   r2, [sp, #12]\n\t"
      "adds  r3, r2, #1\n\t"
      "movs  r7, #0\n\t"
      "mov   r8, r7\n\t"
      "mov   r9, r7\n\t"
      "mov   r10, r7\n\t"
      "mov   r11, r7\n\t"
      "ldm   r6!, {r0}\n\t"     /* n */
      "lsls  r1, r0, #2\n\t"
      "adds  r1, r1, r0\n\t"
      "lsls  r1, r1, #2\n\t"    /* 20 n bytes of steps */
      "adds  r1, r1, r6\n\t"
      "mov   r12, r1\n\t"
      "cmp   r6, r1\n\t"
      "beq   .Lm0fcs_sums\n"
      ".Lm0fcs_step:\n\t"
      "ldm   r6!, {r4, r5, r7}\n\t"
      "ldrsb r0, [r2, r7]\n\t"
      "ldrsb r1, [r3, r7]\n\t"
      M0_FCL_SPLIT("r8", "r9")
      "ldm   r6!, {r4, r5}\n\t"
      M0_FCL_SPLIT("r10", "r11")
      "cmp   r6, r12\n\t"
      "bne   .Lm0fcs_step\n"
      ".Lm0fcs_sums:\n\t"
      M0_FCL_TAIL(".Lm0fcs_"));
}

#undef M0_FCL_LANES
#undef M0_FCL_STEP
#undef M0_FCL_ROW
#undef M0_FCL_SPLIT
#undef M0_FCL_TAIL
#undef M0_FCL_ENTER

#endif /* MCUSIM_RUNTIME_KERNELS_M0_FC_LANES_THUMB_H */
