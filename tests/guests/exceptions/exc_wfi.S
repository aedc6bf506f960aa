@ tests/guests/exceptions/exc_wfi.S — WFI woken by SysTick (ARMv6-M code, run
@ on the M0, M0+ and M4). SysTick is started with RVR = 999 and TICKINT by
@ the STR right before the WFI, so it counts 1 -> 0 1000 clocks after that
@ STR started; the core sleeps from the end of the WFI until then, and the
@ handler runs after the entry latency. Exits with
@   status = handler_cvr | interrupts << 16
@ handler_cvr: SYST_CVR at the handler's first instruction (1000 - entry:
@ the counter reloads to 999 one clock after it reached 0).
@
@ Built with -DSLEEP_FOREVER: SysTick runs without TICKINT and nothing else
@ is enabled, so the WFI can never be woken.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP
  .word reset               @ 1 reset
  .rept 13
  .word 0                   @ 2..14
  .endr
  .word systick_handler     @ 15 SysTick

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR
  ldr   r1, =999
  str   r1, [r3, #4]        @ RVR: a 1000-clock period
  movs  r1, #0
  str   r1, [r3, #8]        @ CVR cleared
#ifdef SLEEP_FOREVER
  movs  r1, #5              @ ENABLE | CLKSOURCE: counts, never interrupts
#else
  movs  r1, #7              @ ENABLE | TICKINT | CLKSOURCE
#endif
  str   r1, [r3]
  wfi
  movs  r1, #0
  str   r1, [r3]            @ SysTick off
  ldr   r0, =results
  ldr   r6, [r0]            @ CVR seen by the handler
  ldr   r1, [r0, #4]        @ interrupts taken
  lsls  r1, r1, #16
  orrs  r6, r1
  ldr   r1, =exit_block
  str   r6, [r1, #4]
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED
  bkpt  0xab

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
