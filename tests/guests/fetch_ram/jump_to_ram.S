@ tests/guests/fetch_ram/jump_to_ram.S — branches into SRAM. On a target whose
@ SRAM is "rw" (no execute) that is a fetch from non-executable memory.
  .syntax unified
  .thumb
  .section .vectors, "a"
  .word 0x20001000
  .word reset
  .text
  .thumb_func
  .global reset
reset:
  ldr   r0, =0x20000101     @ SRAM + 0x100, Thumb bit set
  .thumb_func
  .global jump_into_ram
jump_into_ram:
  bx    r0
  .ltorg
