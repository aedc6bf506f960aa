@ tests/guests/faults/fault_handler_trouble.S — HardFault handlers that cannot
@ handle the fault (`mcusim exec --guest-faults`; ARMv6-M code, run on every core).
@ main reads unmapped memory at 0x10000010 (pc at `bad_read`).
@   fault_default_loop: the HardFault handler is the start-up code's default
@     `b .`: the run must end with the unmapped read, naming the loop.
@   fault_lockup (-DLOCKUP): the HardFault handler itself reads unmapped
@     memory (0x10000020, at `handler_read`): the core locks up.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP
  .word reset               @ 1 reset
  .word 0                   @ 2 NMI
  .word hardfault_handler   @ 3 HardFault
  .rept 12
  .word 0                   @ 4..15
  .endr

  .text
  .thumb_func
  .global reset
reset:
  ldr   r1, =0x10000010
bad_read:
  ldr   r0, [r1]
  movs  r0, #0x18           @ SYS_EXIT: not reached
  ldr   r1, =0x20026
  bkpt  0xab

  .thumb_func
hardfault_handler:
#ifdef LOCKUP
  ldr   r1, =0x10000020
handler_read:
  ldr   r0, [r1]
  bx    lr
#else
  b     .
#endif
  .ltorg
