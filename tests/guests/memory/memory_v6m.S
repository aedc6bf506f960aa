@ tests/guests/memory/memory_v6m.S — sequences whose cost depends on the
@ flash wait states and the prefetch buffer (Cortex-M0). Built with
@ flash_0000.ld: flash at 0x0000_0000, so it runs on generic-m0, touch-m0
@ and the wait-state variants tests/sim/machine/memory_timing_guest_test.cpp
@ writes. The expected counts, derived by hand, are in that test.
@
@ Every CASE starts word aligned (timing_case.inc), so with the set-up given
@ here the addresses below are exact: A = t_<name>.
#include "timing_case.inc"

@ A: push, A+2: ldr r6,=CYCCNT, A+4: nop, A+6: ldr r7,[r6];
@ the sequence starts at A+8, word aligned.
CASE nop8                       @ 8 NOPs: 16 bytes, 4 words, then END's LDR in a fifth
        BEGIN
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        END

CASE flash_literals             @ 4 literal loads: data reads of flash
        BEGIN
        ldr     r0, =0x11111111
        ldr     r1, =0x22222222
        ldr     r2, =0x33333333
        ldr     r3, =0x44444444
        END

@ A: push, A+2/A+4: set-up, A+6: ldr r6, A+8: nop, A+10: ldr r7;
@ the loop is the word at A+12, END's LDR at A+16.
CASE loop4                      @ 4 iterations: 3 taken branches back, 1 fall-through
        movs    r0, #4
        movs    r1, #0
        BEGIN
1:      subs    r0, #1
        bne     1b
        END

END_OF_CASES
