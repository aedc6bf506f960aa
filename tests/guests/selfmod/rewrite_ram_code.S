@ tests/guests/selfmod/rewrite_ram_code.S — calls a function in SRAM, rewrites
@ one of its instructions (NOP -> LDR r0, [sp]), calls it again, and exits with
@ the difference of the two call costs measured with CYCCNT. The rewritten
@ instruction costs one cycle more (M0: NOP 1, LDR 2), so the status is 1 when
@ the simulator notices the new code.
  .syntax unified
  .thumb
  .section .vectors, "a"
  .word 0x20001000
  .word reset

  .text
  .thumb_func
  .global reset
reset:
  ldr   r0, =0xE000EDFC     @ DEMCR.TRCENA
  ldr   r1, =0x01000000
  str   r1, [r0]
  ldr   r0, =0xE0001000     @ DWT_CTRL.CYCCNTENA
  movs  r1, #1
  str   r1, [r0]
  ldr   r6, =0xE0001004     @ CYCCNT
  ldr   r4, =ram_function + 1
  bl    measure
  mov   r5, r1              @ first cost
  ldr   r2, =ram_function
  ldr   r3, =0x9800         @ ldr r0, [sp, #0]
  strh  r3, [r2]
  bl    measure
  subs  r1, r1, r5          @ second - first
  ldr   r0, =exit_block
  str   r1, [r0, #4]
  movs  r1, r0
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED
  bkpt  0xab

  .thumb_func
  .global measure
measure:                    @ r1 = cycles of one call of the RAM function
  push  {lr}
  ldr   r7, [r6]
  blx   r4
  ldr   r1, [r6]
  subs  r1, r1, r7
  pop   {pc}
  .ltorg

  .data
  .align 2
  .global ram_function
ram_function:
  nop
  bx    lr
  .align 2
exit_block:
  .word 0x20026, 0
