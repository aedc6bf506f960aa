@ tests/guests/elf_fixtures/small.s — a tiny Cortex-M0 program for the ELF
@ loader tests (tests/sim/elf/elf_image_test.cpp): a vector table, two
@ functions (one with a literal pool and a local label), .data and .bss.
@ The tests pin the layout below; change both together.

    .syntax unified
    .cpu cortex-m0
    .thumb

    .section .vectors, "a", %progbits
    .global vectors
    .type vectors, %object
vectors:
    .word _stack_top
    .word reset_handler            @ Thumb bit set by the linker
    .size vectors, . - vectors

    .section .text.reset_handler, "ax", %progbits
    .global reset_handler
    .type reset_handler, %function
    .thumb_func
reset_handler:
    ldr r0, =counter
    ldr r0, [r0]
    bl add_three
    ldr r1, =scratch
    str r0, [r1]
spin:                              @ a local label inside the function
    b spin
    .balign 4
    .ltorg                         @ literal pool, still inside reset_handler
    .size reset_handler, . - reset_handler

    .section .text.add_three, "ax", %progbits
    .global add_three
    .type add_three, %function
    .thumb_func
add_three:
    adds r0, r0, #3
    bx lr
    .size add_three, . - add_three

    .section .data.counter, "aw", %progbits
    .global counter
    .type counter, %object
    .balign 4
counter:
    .word 42
    .size counter, 4

    .section .bss.scratch, "aw", %nobits
    .global scratch
    .type scratch, %object
    .balign 4
scratch:
    .space 16
    .size scratch, 16
