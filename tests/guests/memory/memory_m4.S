@ tests/guests/memory/memory_m4.S — the same loop run from flash (I-code) and
@ from SRAM (System bus) on the Cortex-M4. The SRAM copy lives in .data, which
@ the start-up code copies from flash to RAM before main(). Expected counts,
@ derived by hand: tests/sim/machine/memory_timing_guest_test.cpp.
#include "timing_case.inc"

        .macro LOOP4
        movs    r0, #4
        movs    r1, #0
        BEGIN
1:      subs    r0, #1
        bne     1b
        END
        .endm

CASE loop4_flash
        LOOP4

@ The same case, placed in RAM: CASE puts its code in .text, so switch to a
@ writable, executable section right after its entry label.
        .pushsection .rodata.timing_case_names, "aMS", %progbits, 1
loop4_sram_case_name:
        .asciz  "loop4_sram"
        .popsection
        .pushsection .rodata.timing_cases, "a", %progbits
        .word   loop4_sram_case_name, t_loop4_sram
        .popsection
        .section .data.ramcode, "awx", %progbits
        .balign 4
        .global t_loop4_sram
        .type   t_loop4_sram, %function
        .thumb_func
t_loop4_sram:
        push    {r4-r7, lr}
        LOOP4
        .text

END_OF_CASES
