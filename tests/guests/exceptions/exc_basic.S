@ tests/guests/exceptions/exc_basic.S — SVC call and return, then SysTick
@ interrupts every 100 clocks while a NOP sled runs (ARMv6-M code, run on
@ the M0, M0+ and M4). Exits with
@   status = svc_clocks | (99 - cvr_in_handler) << 8 | interrupts << 16
@ svc_clocks: SYST_CVR decrease around "ldr; svc" (the LDR, entry, handler's
@ BX LR, return); cvr_in_handler: SYST_CVR read by the handler's first
@ instruction (the last interrupt's), so 99 - it is the entry latency.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP
  .word reset               @ 1 reset
  .rept 9
  .word 0                   @ 2..10: NMI, HardFault, reserved
  .endr
  .word svc_handler         @ 11 SVCall
  .word 0, 0                @ 12, 13
  .word 0                   @ 14 PendSV
  .word systick_handler     @ 15 SysTick

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR (r3 stays SysTick's base throughout)
  ldr   r1, =0x00FFFFFF
  str   r1, [r3, #4]        @ RVR: no wrap during the SVC measurement
  movs  r1, #0
  str   r1, [r3, #8]        @ CVR cleared
  movs  r1, #5
  str   r1, [r3]            @ ENABLE | CLKSOURCE, no interrupt yet
  nop
  ldr   r4, [r3, #8]        @ CVR before
  svc   #0
  ldr   r5, [r3, #8]        @ CVR after
  subs  r6, r4, r5          @ r6 = clocks from the first read to the second
  b     1f
  .ltorg                    @ the literals above, in reach before the sled
1:

  movs  r1, #99
  str   r1, [r3, #4]        @ RVR = 99: a 100-clock period
  movs  r1, #0
  str   r1, [r3, #8]
  movs  r1, #7
  str   r1, [r3]            @ ENABLE | TICKINT | CLKSOURCE
  .rept 1000
  nop
  .endr
  movs  r1, #0
  str   r1, [r3]            @ SysTick off
  ldr   r0, =results
  ldr   r1, [r0]            @ CVR seen by the handler
  movs  r2, #99
  subs  r2, r2, r1
  lsls  r2, r2, #8
  orrs  r6, r2
  ldr   r1, [r0, #4]        @ interrupts taken
  lsls  r1, r1, #16
  orrs  r6, r1
  ldr   r1, =exit_block
  str   r6, [r1, #4]
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED
  bkpt  0xab

  .thumb_func
svc_handler:
  bx    lr

  .thumb_func
systick_handler:
  ldr   r1, [r3, #8]        @ CVR at the handler's first instruction
  ldr   r0, =results
  str   r1, [r0]
  ldr   r2, [r0, #4]
  adds  r2, r2, #1
  str   r2, [r0, #4]
  bx    lr
  .ltorg

  .data
  .align 2
results:
  .word 0, 0
exit_block:
  .word 0x20026, 0
