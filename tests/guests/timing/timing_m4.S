@ tests/guests/timing/timing_m4.S — measured sequences for the Cortex-M4,
@ built as timing_m4.elf (cortex-m4). Each case prints "name=cycles"; the
@ hand-derived expected values with their rules (ARM DDI 0439B section 3.3)
@ are in tests/sim/machine/timing_m4_guest_test.cpp and docs/timing-guests.md.
@ Every count includes the 2 cycles of the LDR that opens the window (see
@ timing_case.inc). That LDR is itself a load: a single load or store placed
@ right after it pipelines with it, so cases that want a load measured alone
@ put a NOP first.
@
@ Placement rules kept throughout (they keep unrelated rules out of a case):
@ - a PUSH is never directly followed by a POP or an SP-based load (both use
@   the SP the PUSH just wrote);
@ - branch targets are 16-bit instructions unless the case is about the
@   alignment of a 32-bit target.
#include "timing_case.inc"

@ ---------------------------------------------------------------- baseline
CASE empty
        BEGIN
        END

@ ---------------------------------------------------------------- data processing
CASE alu_run                    @ 8 16-bit data-processing instructions
        BEGIN
        movs    r0, #1
        movs    r1, #2
        adds    r2, r0, r1
        subs    r3, r2, r0
        ands    r3, r1
        eors    r2, r3
        lsls    r4, r2, #3
        cmp     r4, r0
        END

CASE alu_run_32bit              @ 6 32-bit data-processing instructions
        BEGIN
        add.w   r2, r0, r1, lsl #2
        ubfx    r3, r2, #1, #4
        movw    r5, #0x1234
        movt    r5, #0x5678
        clz     r4, r5
        rbit    r4, r5
        END

CASE nop_run                    @ 4 NOPs
        BEGIN
        nop
        nop
        nop
        nop
        END

CASE mul_dsp                    @ 8 multiplies, MAC and DSP multiplies
        movs    r0, #3
        movs    r1, #5
        BEGIN
        mul     r2, r0, r1
        mla     r2, r0, r1, r2
        mls     r2, r0, r1, r2
        smull   r2, r3, r0, r1
        umull   r2, r3, r0, r1
        smlal   r2, r3, r0, r1
        smlad   r2, r0, r1, r2
        smulbb  r2, r0, r1
        END

@ ---------------------------------------------------------------- divide
@ DIV a, b: r0 = dividend, r1 = divisor, one UDIV/SDIV in the window.
        .macro DIV_CASE name, insn, dividend, divisor
CASE \name
        ldr     r0, =\dividend
        ldr     r1, =\divisor
        BEGIN
        \insn   r2, r0, r1
        END
        .endm

        DIV_CASE udiv_by_zero, udiv, 100, 0
        DIV_CASE udiv_dividend_zero, udiv, 0, 5
        DIV_CASE udiv_quotient_zero, udiv, 5, 7
        DIV_CASE udiv_equal_operands, udiv, 5, 5
        DIV_CASE udiv_same_width, udiv, 7, 5
        DIV_CASE udiv_3_bits, udiv, 100, 10
        DIV_CASE udiv_4_bits, udiv, 160, 10
        DIV_CASE udiv_8_bits, udiv, 256, 1
        DIV_CASE udiv_16_bits, udiv, 0x10000, 1
        DIV_CASE udiv_31_bits, udiv, 0xFFFFFFFF, 1
        DIV_CASE sdiv_negative_dividend, sdiv, -1000, 7
        DIV_CASE sdiv_negative_divisor, sdiv, 1000, -7
        DIV_CASE sdiv_quotient_zero, sdiv, -5, 7
        DIV_CASE sdiv_by_zero, sdiv, -100, 0
        DIV_CASE sdiv_int_min_by_minus_one, sdiv, 0x80000000, -1

@ ---------------------------------------------------------------- loads and stores
CASE ldr_single                 @ NOP; LDR
        ldr     r4, =timing_scratch
        BEGIN
        nop
        ldr     r0, [r4]
        END

CASE str_single                 @ NOP; STR
        ldr     r4, =timing_scratch
        BEGIN
        nop
        str     r0, [r4]
        END

CASE ldr_after_window_load      @ LDR right after the window LDR: pipelines
        ldr     r4, =timing_scratch
        BEGIN
        ldr     r0, [r4]
        END

CASE trm_ldr_ldr                @ TRM: LDR R0,[R1]; LDR R1,[R2] = 3
        ldr     r1, =timing_scratch
        mov     r2, r1
        BEGIN
        nop
        ldr     r0, [r1]
        ldr     r1, [r2]
        END

CASE trm_ldr_ldr_ldr            @ TRM: LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] = 4
        ldr     r1, =timing_scratch
        mov     r2, r1
        mov     r3, r1
        movs    r5, #8
        BEGIN
        nop
        ldr     r0, [r1, r5]
        ldr     r1, [r2]
        ldr     r2, [r3, #4]
        END

CASE trm_ldr_str                @ TRM: LDR R0,[R1,R2]; STR R0,[R3,#20] = 3
        ldr     r1, =timing_scratch
        movs    r2, #4
        mov     r3, r1
        BEGIN
        nop
        ldr     r0, [r1, r2]
        str     r0, [r3, #20]
        END

CASE byte_half_loads            @ NOP; LDRB; LDRH; LDRSB: the last two pipeline
        ldr     r4, =timing_scratch
        BEGIN
        nop
        ldrb    r0, [r4]
        ldrh    r1, [r4, #2]
        ldrsb   r2, [r4, #1]
        END

CASE str_then_ldr               @ NOP; STR; LDR: nothing pipelines after a store
        ldr     r1, =timing_scratch
        mov     r3, r1
        BEGIN
        nop
        str     r0, [r1]
        ldr     r2, [r3]
        END

CASE str_then_str               @ NOP; STR; STR
        ldr     r1, =timing_scratch
        mov     r3, r1
        BEGIN
        nop
        str     r0, [r1]
        str     r2, [r3, #4]
        END

CASE load_use_base              @ NOP; LDR R0,[R1]; LDR R2,[R0]
        ldr     r1, =timing_scratch
        str     r1, [r1]        @ scratch[0] = &scratch
        BEGIN
        nop
        ldr     r0, [r1]
        ldr     r2, [r0]
        END

CASE load_use_index             @ NOP; LDR R0,[R1]; LDR R2,[R3,R0]
        ldr     r1, =timing_scratch
        movs    r0, #4
        str     r0, [r1]        @ scratch[0] = 4
        mov     r3, r1
        BEGIN
        nop
        ldr     r0, [r1]
        ldr     r2, [r3, r0]
        END

CASE alu_then_load_base         @ ADDS R1,R1,#0; LDR R0,[R1]: base just written
        ldr     r1, =timing_scratch
        BEGIN
        adds    r1, r1, #0
        ldr     r0, [r1]
        END

CASE alu_then_load_other        @ ADDS R3,R3,#0; LDR R0,[R1]: base not written
        ldr     r1, =timing_scratch
        BEGIN
        adds    r3, r3, #0
        ldr     r0, [r1]
        END

CASE alu_then_store_base        @ ADDS R1,R1,#0; STR R0,[R1]: base just written
        ldr     r1, =timing_scratch
        BEGIN
        adds    r1, r1, #0
        str     r0, [r1]
        END

CASE ldr_literal                @ NOP; LDR R0,=constant (PC-relative)
        BEGIN
        nop
        ldr     r0, =0x12345678
        END

CASE ldrd_strd                  @ LDRD; STRD (never pipelined)
        ldr     r4, =timing_scratch
        BEGIN
        ldrd    r0, r1, [r4]
        strd    r0, r1, [r4, #8]
        END

CASE ldrd_then_ldr              @ LDRD; LDR: no pipelining after LDRD
        ldr     r4, =timing_scratch
        BEGIN
        ldrd    r0, r1, [r4]
        ldr     r2, [r4, #16]
        END

CASE ldr_then_ldrd              @ NOP; LDR; LDRD: LDRD does not pipeline
        ldr     r4, =timing_scratch
        BEGIN
        nop
        ldr     r2, [r4, #16]
        ldrd    r0, r1, [r4]
        END

CASE ldr_word_aligned           @ NOP; LDR of an aligned word
        ldr     r4, =timing_scratch
        BEGIN
        nop
        ldr     r0, [r4]
        END

CASE ldr_word_split             @ NOP; LDR of a word straddling two words
        ldr     r4, =timing_scratch + 1
        BEGIN
        nop
        ldr     r0, [r4]
        END

CASE ldrh_within_word           @ NOP; LDRH at offset 1: inside one word
        ldr     r4, =timing_scratch + 1
        BEGIN
        nop
        ldrh    r0, [r4]
        END

CASE ldrh_split                 @ NOP; LDRH at offset 3: straddles two words
        ldr     r4, =timing_scratch + 3
        BEGIN
        nop
        ldrh    r0, [r4]
        END

CASE ldm4                       @ LDM of 4 registers, no write-back
        ldr     r4, =timing_scratch
        BEGIN
        ldm     r4, {r0-r3}
        END

CASE stm4                       @ STM of 4 registers, no write-back
        ldr     r4, =timing_scratch
        BEGIN
        stm     r4, {r0-r3}
        END

CASE push_nop_pop1              @ PUSH {r0}; NOP; POP {r0}
        BEGIN
        push    {r0}
        nop
        pop     {r0}
        END

CASE push_nop_pop4              @ PUSH {r0-r3}; NOP; POP {r0-r3}
        BEGIN
        push    {r0-r3}
        nop
        pop     {r0-r3}
        END

@ ---------------------------------------------------------------- branches
CASE b_forward                  @ B over one NOP to a 16-bit instruction
        BEGIN
        b       1f
        nop
1:
        END

CASE bcc_taken                  @ CMP; BEQ taken over one NOP
        BEGIN
        cmp     r0, r0
        beq     1f
        nop
1:
        END

CASE bcc_not_taken              @ CMP; BNE not taken; NOP
        BEGIN
        cmp     r0, r0
        bne     1f
        nop
1:
        END

CASE loop_10                    @ counted loop, 10 iterations
        BEGIN
        movs    r0, #10
1:      subs    r0, r0, #1
        bne     1b
        END

CASE bl_bx                      @ BL to a function that is only BX LR
        BEGIN
        bl      helper_return
        END

CASE blx_bx                     @ BLX r3 to the same function
        ldr     r3, =helper_return
        BEGIN
        blx     r3
        END

CASE bx_reg                     @ BX r3 forward over one NOP
        adr     r3, 2f
        adds    r3, r3, #1      @ Thumb bit
        BEGIN
        bx      r3
        nop
        .balign 4
2:
        END

CASE mov_pc                     @ MOV PC, r3 forward over one NOP
        adr     r3, 2f
        adds    r3, r3, #1      @ ignored by MOV PC (BranchWritePC), harmless
        BEGIN
        mov     pc, r3
        nop
        .balign 4
2:
        END

CASE add_pc                     @ ADD PC, r3 with r3 = 0: PC reads as this + 4,
        movs    r3, #0          @ so it skips the next 16-bit instruction
        BEGIN
        add     pc, r3
        nop
        END

CASE ldr_pc                     @ NOP; LDR PC, [r3] forward over one NOP
        ldr     r3, =timing_scratch
        adr     r2, 2f
        adds    r2, r2, #1      @ Thumb bit (LDR PC interworks)
        str     r2, [r3]
        BEGIN
        nop
        ldr     pc, [r3]
        nop
        .balign 4
2:
        END

CASE pop_pc1                    @ BL; PUSH {lr}; NOP; POP {pc}
        BEGIN
        bl      helper_pop_pc1
        END

CASE pop_pc2                    @ BL; PUSH {r4, lr}; NOP; POP {r4, pc}
        BEGIN
        bl      helper_pop_pc2
        END

CASE cbz_taken                  @ CBZ r0 (r0 = 0) over one NOP
        movs    r0, #0
        BEGIN
        cbz     r0, 1f
        nop
1:
        END

CASE cbz_not_taken              @ CBZ r0 (r0 = 1); NOP
        movs    r0, #1
        BEGIN
        cbz     r0, 1f
        nop
1:
        END

CASE tbb                        @ NOP; TBB [PC, r3] with r3 = 0 to the next halfword
        movs    r3, #0
        BEGIN
        nop
        tbb     [pc, r3]
0:      .byte   (2f - 0b) / 2
        .byte   (2f - 0b) / 2
2:
        END

@ ---------------------------------------------------------------- IT blocks
CASE ite_true                   @ CMP (EQ); ITE EQ; ADDEQ runs; MOVNE skipped
        BEGIN
        cmp     r0, r0
        ite     eq
        addeq   r1, r1, #1
        movne   r2, #0
        END

CASE ite_false                  @ CMP (NE); ITE EQ; ADDEQ skipped; MOVNE runs
        movs    r0, #0
        BEGIN
        cmp     r0, #1
        ite     eq
        addeq   r1, r1, #1
        movne   r2, #0
        END

CASE it_after_32bit             @ ADD.W; IT EQ; ADDEQ (flags: EQ from set-up)
        cmp     r0, r0
        BEGIN
        add.w   r1, r1, #1
        it      eq
        addeq   r2, r2, #1
        END

CASE it_after_branch            @ B; IT EQ; ADDEQ at the target (flags: EQ)
        cmp     r0, r0
        BEGIN
        b       1f
        nop
1:      it      eq
        addeq   r2, r2, #1
        END

CASE it_load_pass               @ CMP (EQ); IT EQ; LDREQ runs
        ldr     r4, =timing_scratch
        BEGIN
        cmp     r0, r0
        it      eq
        ldreq   r2, [r4]
        END

CASE it_load_fail               @ CMP (NE); IT EQ; LDREQ skipped
        ldr     r4, =timing_scratch
        movs    r0, #0
        BEGIN
        cmp     r0, #1
        it      eq
        ldreq   r2, [r4]
        END

@ ---------------------------------------------------------------- branch target alignment
CASE b_to_aligned_32bit         @ B to ADD.W at a word-aligned address
        BEGIN
        b       1f
        nop
        .balign 4
1:      add.w   r0, r0, #0
        END

CASE b_to_unaligned_32bit       @ B to ADD.W at an address = 2 mod 4
        BEGIN
        b       1f
        .balign 4
        nop
1:      add.w   r0, r0, #0
        END

CASE bcc_to_unaligned_32bit     @ CMP; BEQ taken to ADD.W at an address = 2 mod 4
        BEGIN
        cmp     r0, r0
        beq     1f
        .balign 4
        nop
1:      add.w   r0, r0, #0
        END

CASE bl_to_aligned_32bit        @ BL to a function whose first instruction is
        BEGIN                   @ 32-bit and word aligned; it returns with BX LR
        bl      helper_aligned_32bit
        END

CASE bl_to_unaligned_32bit      @ the same, first instruction at 2 mod 4
        BEGIN
        bl      helper_unaligned_32bit
        END

@ ---------------------------------------------------------------- system
CASE mrs_msr                    @ MRS r0, PRIMASK; MSR PRIMASK, r0
        BEGIN
        mrs     r0, primask
        msr     primask, r0
        END

CASE barriers                   @ DMB; DSB; ISB
        BEGIN
        dmb     sy
        dsb     sy
        isb     sy
        END

CASE semihosting                @ MOVS r0, #SYS_WRITE0; BKPT 0xAB ("" prints nothing)
        ldr     r1, =timing_empty_string
        BEGIN
        movs    r0, #4
        bkpt    0xab
        END

@ ---------------------------------------------------------------- helpers
        .text
        .balign 4
        .type   helper_return, %function
        .thumb_func
helper_return:
        bx      lr

        .type   helper_pop_pc1, %function
        .thumb_func
helper_pop_pc1:
        push    {lr}
        nop
        pop     {pc}

        .type   helper_pop_pc2, %function
        .thumb_func
helper_pop_pc2:
        push    {r4, lr}
        nop
        pop     {r4, pc}

        .balign 4
        .type   helper_aligned_32bit, %function
        .thumb_func
helper_aligned_32bit:
        add.w   r0, r0, #0
        bx      lr

        .balign 4
        nop                     @ padding, never executed
        .type   helper_unaligned_32bit, %function
        .thumb_func
helper_unaligned_32bit:
        add.w   r0, r0, #0
        bx      lr

        END_OF_CASES
