@ tests/guests/faults/guest_faults.S — faults taken by the guest's own
@ handlers (`mcusim exec --guest-faults`). Built twice:
@   guest_faults_v6m (cortex-m0, run on the M0 and M0+): an unmapped read and
@     an unaligned LDR, both HardFault (ARMv6-M has no other fault handler);
@   guest_faults_m4 (-DARMV7M, run on the M4): an unmapped read with BusFault
@     disabled (HardFault, HFSR.FORCED), a write to flash with BusFault enabled,
@     UDIV by zero with CCR.DIV_0_TRP and UsageFault enabled, and an unaligned
@     LDR with CCR.UNALIGN_TRP and UsageFault disabled (HardFault, FORCED).
@ Before each fault main prints "expect_pc" (the faulting instruction). Each
@ handler prints the exception number, "clocks" (SYST_CVR decrease from the
@ LDR of CVR just before the faulting instruction to the handler's first
@ instruction), CFSR, HFSR, MMFAR, BFAR (ARMv7-M only), the stacked PC, then
@ clears CFSR and HFSR (write one to clear), steps the stacked PC over the
@ faulting instruction (2 or 4 bytes) and returns. Exit status 0.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP
  .word reset               @ 1 reset
  .word 0                   @ 2 NMI
  .word hardfault_entry     @ 3 HardFault
  .word memmanage_entry     @ 4 MemManage (ARMv7-M)
  .word busfault_entry      @ 5 BusFault (ARMv7-M)
  .word usagefault_entry    @ 6 UsageFault (ARMv7-M)
  .rept 9
  .word 0                   @ 7..15
  .endr

  .macro expect label
  ldr   r0, =name_expect_pc
  ldr   r1, =\label
  bl    report_hex
  .endm

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR; r3 is SysTick's base throughout
  ldr   r1, =0x00FFFFFF
  str   r1, [r3, #4]
  movs  r1, #0
  str   r1, [r3, #8]
  movs  r1, #5
  str   r1, [r3]            @ ENABLE | CLKSOURCE, no interrupt

  @ 1: unmapped read (BFSR.PRECISERR, BFAR; HardFault on every core here)
  expect fault1
  ldr   r3, =0xE000E010     @ report_hex may clobber r0-r3
  ldr   r1, =0x10000010
  nop
  ldr   r4, [r3, #8]
fault1:
  ldr   r0, [r1]

#ifndef ARMV7M
  @ 2: unaligned LDR: ARMv6-M faults on every unaligned access (HardFault)
  expect fault2
  ldr   r3, =0xE000E010
  ldr   r1, =0x20000001
  nop
  ldr   r4, [r3, #8]
fault2:
  ldr   r0, [r1]
#else
  @ 2: write to flash with BusFault enabled (SHCSR.BUSFAULTENA, USGFAULTENA)
  ldr   r0, =0xE000ED24
  ldr   r1, =0x00060000
  str   r1, [r0]
  expect fault2
  ldr   r3, =0xE000E010
  ldr   r1, =0x00080000
  nop
  ldr   r4, [r3, #8]
fault2:
  str   r0, [r1]

  @ 3: UDIV by zero with CCR.DIV_0_TRP: UsageFault DIVBYZERO
  ldr   r0, =0xE000ED14
  ldr   r1, [r0]
  movs  r2, #0x10
  orrs  r1, r2
  str   r1, [r0]
  expect fault3
  ldr   r3, =0xE000E010
  movs  r2, #0
  movs  r0, #7
  nop
  ldr   r4, [r3, #8]
fault3:
  udiv  r0, r0, r2

  @ 4: unaligned LDR with CCR.UNALIGN_TRP, UsageFault disabled: HardFault, FORCED
  ldr   r0, =0xE000ED24
  ldr   r1, =0x00020000     @ BusFault only
  str   r1, [r0]
  ldr   r0, =0xE000ED14
  ldr   r1, [r0]
  movs  r2, #0x08
  orrs  r1, r2
  str   r1, [r0]
  expect fault4
  ldr   r3, =0xE000E010
  ldr   r1, =0x20000001
  nop
  ldr   r4, [r3, #8]
fault4:
  ldr   r0, [r1]
#endif

  ldr   r0, =name_done
  movs  r1, #0
  bl    report_hex
  ldr   r1, =exit_block
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED, status 0
  bkpt  0xab

  .thumb_func
hardfault_entry:
  ldr   r5, [r3, #8]        @ CVR at the handler's first instruction
  movs  r0, #3
  b     fault_common
  .thumb_func
memmanage_entry:
  ldr   r5, [r3, #8]
  movs  r0, #4
  b     fault_common
  .thumb_func
busfault_entry:
  ldr   r5, [r3, #8]
  movs  r0, #5
  b     fault_common
  .thumb_func
usagefault_entry:
  ldr   r5, [r3, #8]
  movs  r0, #6
  b     fault_common

  .thumb_func
fault_common:
  push  {r4-r7, lr}
  subs  r7, r4, r5          @ clocks
  mov   r1, r0
  ldr   r0, =name_exception
  bl    report_hex
  ldr   r0, =name_clocks
  mov   r1, r7
  bl    report_hex
#ifdef ARMV7M
  ldr   r4, =0xE000ED28     @ CFSR; HFSR +4, MMFAR +12, BFAR +16
  ldr   r0, =name_cfsr
  ldr   r1, [r4]
  bl    report_hex
  ldr   r0, =name_hfsr
  ldr   r1, [r4, #4]
  bl    report_hex
  ldr   r0, =name_mmfar
  ldr   r1, [r4, #12]
  bl    report_hex
  ldr   r0, =name_bfar
  ldr   r1, [r4, #16]
  bl    report_hex
  ldr   r1, [r4]
  str   r1, [r4]            @ clear CFSR
  ldr   r1, [r4, #4]
  str   r1, [r4, #4]        @ clear HFSR
#endif
  add   r5, sp, #20         @ the exception frame, above the five pushed words
  ldr   r0, =name_stacked_pc
  ldr   r1, [r5, #24]
  bl    report_hex
  ldr   r1, [r5, #24]
  ldrh  r2, [r1]
  lsrs  r2, r2, #11
  cmp   r2, #0x1D           @ 0b11101 and up: the first half of a 32-bit encoding
  blo   1f
  adds  r1, r1, #2
1:
  adds  r1, r1, #2
  str   r1, [r5, #24]
  pop   {r4-r7, pc}         @ EXC_RETURN: back to the instruction after the fault
  .ltorg

  .section .rodata
name_expect_pc:  .asciz "expect_pc"
name_exception:  .asciz "exception"
name_clocks:     .asciz "clocks"
name_cfsr:       .asciz "cfsr"
name_hfsr:       .asciz "hfsr"
name_mmfar:      .asciz "mmfar"
name_bfar:       .asciz "bfar"
name_stacked_pc: .asciz "stacked_pc"
name_done:       .asciz "done"

  .data
  .align 2
exit_block:
  .word 0x20026, 0
