@ tests/guests/profile/profile_flash.S — a loop that reads a table in flash,
@ for the profiler's stall and traffic tests on a target with flash wait
@ states (the test writes it). ARMv6-M code, word-aligned so every fetch unit
@ is known (tests/profiler/execution_profiler_test.cpp derives the counts).
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000
  .word reset

  .text
  .type reset, %function
  .global reset
  .thumb_func
  .balign 4
reset:
  ldr   r2, =table          @ 0x08
  movs  r3, #8              @ 0x0a: 8 words
  movs  r0, #0              @ 0x0c
  nop                       @ 0x0e
loop:
  ldr   r1, [r2]            @ 0x10: one 4-byte flash read
  adds  r0, r0, r1          @ 0x12
  adds  r2, r2, #4          @ 0x14
  subs  r3, r3, #1          @ 0x16
  bne   loop                @ 0x18
  movs  r0, #0x18           @ 0x1a: SYS_EXIT
  ldr   r1, =0x20026        @ 0x1c
  bkpt  0xab                @ 0x1e
  .balign 4
  .ltorg
  .size reset, . - reset

  .section .rodata
  .balign 4
table:
  .word 1, 2, 3, 4, 5, 6, 7, 8
