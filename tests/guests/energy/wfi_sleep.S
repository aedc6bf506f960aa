@ tests/guests/energy/wfi_sleep.S — sleeps in WFI between SysTick interrupts,
@ for the energy model's sleep pricing (tests/profiler/energy_run_test.cpp).
@ SysTick fires every 1000 clocks; the core executes WFI five times, each
@ time woken by the next tick, then turns SysTick off and exits with status 0.
@ Most of the run's cycles are asleep (RunResult::sleep_cycles).
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP
  .word reset               @ 1 reset
  .rept 13
  .word 0                   @ 2..14: NMI, HardFault, reserved, SVCall, PendSV
  .endr
  .word systick_handler     @ 15 SysTick

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR
  ldr   r1, =999
  str   r1, [r3, #4]        @ RVR = 999: a 1000-clock period
  movs  r1, #0
  str   r1, [r3, #8]        @ CVR cleared
  movs  r1, #7
  str   r1, [r3]            @ ENABLE | TICKINT | CLKSOURCE
  movs  r4, #5              @ sleeps left
1:
  wfi
  subs  r4, r4, #1
  bne   1b
  movs  r1, #0
  str   r1, [r3]            @ SysTick off
  movs  r0, #0x18           @ SYS_EXIT
  ldr   r1, =0x20026        @ ADP_Stopped_ApplicationExit: status 0
  bkpt  0xab

  .thumb_func
systick_handler:
  bx    lr
  .ltorg
