@ tests/guests/profile/profile_calls.S — a program of known structure for the
@ profiler's attribution tests (tests/profiler/execution_profiler_test.cpp):
@ one inference of one layer in which a loop calls a frameless leaf and a
@ function that tail-calls it, 5 times; between the layer and the end of the
@ inference one call to a function with a frame (a known stack depth); after
@ the inference three known stores. ARMv6-M code; every instruction's cycles
@ are in the test, derived from ARM DDI 0432C §3.3.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ initial SP
  .word reset

  .text
  .type reset, %function
  .global reset
  .thumb_func
reset:
  ldr   r7, =0xE0000000     @ ITM stimulus port 0 (a literal: one 4-byte flash read)
  movs  r6, #0              @ marker value: inference 0, layer 0
  str   r6, [r7, #12]       @ port 3: inference 0 begins
  str   r6, [r7, #4]        @ port 1: layer 0 begins
  movs  r4, #5
loop:
  bl    leaf
  bl    tail_caller
  subs  r4, r4, #1
  bne   loop
  str   r6, [r7, #8]        @ port 2: layer 0 ends
  bl    framed
  str   r6, [r7, #16]       @ port 4: inference 0 ends
  ldr   r1, =0x20000100
  str   r6, [r1]            @ 4 bytes
  str   r6, [r1, #4]        @ 4 bytes
  strb  r6, [r1, #8]        @ 1 byte
  movs  r0, #0x18           @ SYS_EXIT
  ldr   r1, =0x20026        @ ADP_Stopped_ApplicationExit
  bkpt  0xab
  .ltorg
  .size reset, . - reset

  .type leaf, %function
  .thumb_func
leaf:                       @ no frame: returns with BX LR
  adds  r0, r0, #1
  bx    lr
  .size leaf, . - leaf

  .type tail_caller, %function
  .thumb_func
tail_caller:                @ tail-calls leaf, which returns to our caller
  adds  r1, r1, #2
  b     leaf
  .size tail_caller, . - tail_caller

  .type framed, %function
  .thumb_func
framed:                     @ a frame of 8 bytes: the stack's deepest point
  push  {r4, lr}
  bl    leaf
  pop   {r4, pc}
  .size framed, . - framed
