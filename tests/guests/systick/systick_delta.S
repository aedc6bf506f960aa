@ tests/guests/systick/systick_delta.S — SysTick read twice around ten NOPs.
@ Exits (SYS_EXIT_EXTENDED) with the number of SysTick clocks between the two
@ reads of SYST_CVR, so the test reads it from the report's exit_status.
@ The same ARMv6-M code runs on the M0, M0+ and M4.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ initial SP
  .word reset               @ reset handler (Thumb bit set by .thumb_func)

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR
  ldr   r1, =0x00FFFFFF
  str   r1, [r3, #4]        @ SYST_RVR: the largest reload, no wrap below
  movs  r1, #0
  str   r1, [r3, #8]        @ SYST_CVR: any write clears it
  movs  r1, #5
  str   r1, [r3]            @ ENABLE | CLKSOURCE (processor clock)
  ldr   r0, =0xE000E018     @ SYST_CVR
  nop                       @ keeps the first read out of any M4 load pairing
  ldr   r1, [r0]            @ first read
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  ldr   r2, [r0]            @ second read
  subs  r1, r1, r2          @ counts down: first - second
  ldr   r0, =exit_block
  str   r1, [r0, #4]
  movs  r1, r0
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, status}
  bkpt  0xab
  .ltorg

  .data
  .align 2
exit_block:
  .word 0x20026, 0
