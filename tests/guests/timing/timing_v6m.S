@ tests/guests/timing/timing_v6m.S — measured sequences for Armv6-M, built
@ twice: timing_m0.elf (cortex-m0) and timing_m0plus.elf (cortex-m0plus).
@ Each case prints "name=cycles"; the hand-derived expected values with their
@ TRM rules are in tests/sim/machine/timing_m0_guest_test.cpp (ARM DDI 0432C
@ section 3.3) and timing_m0plus_guest_test.cpp (ARM DDI 0484C), and in
@ docs/timing-guests.md. Every count below includes the 2 cycles of the LDR
@ that opens the window (see timing_case.inc).
#include "timing_case.inc"

@ ---------------------------------------------------------------- baseline
CASE empty                      @ nothing between the two CYCCNT loads
        BEGIN
        END

@ ---------------------------------------------------------------- data processing
CASE alu_run                    @ 8 data-processing instructions
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

CASE nop_run                    @ 4 NOPs
        BEGIN
        nop
        nop
        nop
        nop
        END

CASE muls                       @ 4 MULS (generic targets: fast multiplier)
        movs    r2, #3
        movs    r3, #5
        BEGIN
        muls    r2, r3
        muls    r3, r2
        muls    r2, r3
        muls    r3, r2
        END

@ ---------------------------------------------------------------- loads and stores
CASE ldr_modes                  @ 9 single loads, every addressing mode
        ldr     r4, =timing_scratch
        movs    r5, #4
        BEGIN
        ldr     r0, [r4]
        ldr     r0, [r4, #4]
        ldr     r0, [r4, r5]
        ldrb    r0, [r4, #1]
        ldrh    r0, [r4, #2]
        ldrsb   r0, [r4, r5]
        ldrsh   r0, [r4, r5]
        ldr     r0, [sp, #0]
        ldr     r0, =0x12345678
        END

CASE str_modes                  @ 6 single stores, every addressing mode
        ldr     r4, =timing_scratch
        movs    r5, #4
        ldr     r0, [sp, #0]    @ the saved r4: the SP store writes it back unchanged
        BEGIN
        str     r0, [r4]
        str     r0, [r4, #4]
        str     r0, [r4, r5]
        strb    r0, [r4, #1]
        strh    r0, [r4, #2]
        str     r0, [sp, #0]
        END

CASE ldm1                       @ LDM of 1 register
        ldr     r4, =timing_scratch
        BEGIN
        ldmia   r4!, {r0}
        END

CASE ldm4                       @ LDM of 4 registers
        ldr     r4, =timing_scratch
        BEGIN
        ldmia   r4!, {r0-r3}
        END

CASE stm4                       @ STM of 4 registers
        ldr     r4, =timing_scratch
        BEGIN
        stmia   r4!, {r0-r3}
        END

CASE push_pop1                  @ PUSH {r0}; POP {r0}
        BEGIN
        push    {r0}
        pop     {r0}
        END

CASE push_pop4                  @ PUSH {r0-r3}; POP {r0-r3}
        BEGIN
        push    {r0-r3}
        pop     {r0-r3}
        END

@ ---------------------------------------------------------------- branches
CASE b_forward                  @ B over one NOP
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

CASE pop_pc1                    @ BL; PUSH {lr}; POP {pc}
        BEGIN
        bl      helper_pop_pc1
        END

CASE pop_pc2                    @ BL; PUSH {r4, lr}; POP {r4, pc}
        BEGIN
        bl      helper_pop_pc2
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
        pop     {pc}

        .type   helper_pop_pc2, %function
        .thumb_func
helper_pop_pc2:
        push    {r4, lr}
        pop     {r4, pc}

        END_OF_CASES
