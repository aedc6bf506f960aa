@ tests/guests/exceptions/exc_pendsv.S — a PendSV context switch between two
@ stacks (ARMv6-M code, run on the M0, M0+ and M4).
@
@ Thread "main" runs on MSP (0x20001000). It builds task B's initial exception
@ frame on the process stack (PSP = 0x200007E0, frame top 0x20000800) and pends
@ PendSV. The handler flips EXC_RETURN bit 2 (0xFFFFFFF9 <-> 0xFFFFFFFD), so
@ the return unstacks task B's frame from PSP and runs it in thread mode on
@ PSP; task B pends PendSV again and the same handler switches back to main
@ on MSP, which resumes after its STR. Printed (report_hex):
@   switch1   SYST_CVR clocks from main's "ldr cvr; str icsr" to task B's first instruction
@   control_b CONTROL in task B (SPSEL = 2)      sp_b  SP in task B
@   switch2   the same clocks from task B back to main
@   control_a CONTROL back in main (0)            sp_a  SP back in main
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP (MSP)
  .word reset               @ 1 reset
  .rept 12
  .word 0                   @ 2..13
  .endr
  .word pendsv_handler      @ 14 PendSV
  .word 0                   @ 15 SysTick

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR; r3 is SysTick's base in both threads
  ldr   r1, =0x00FFFFFF
  str   r1, [r3, #4]        @ RVR: no wrap while measuring
  movs  r1, #0
  str   r1, [r3, #8]        @ CVR cleared
  movs  r1, #5
  str   r1, [r3]            @ ENABLE | CLKSOURCE, no interrupt
  @ Task B's frame: R0-R3, R12, LR, return address, xPSR (ARMv6-M ARM B1.5.6).
  ldr   r0, =0x200007E0
  ldr   r1, =0x10000000     @ ICSR.PENDSVSET  -> task B's R1
  str   r1, [r0, #4]
  ldr   r2, =0xE000ED04     @ ICSR            -> task B's R2
  str   r2, [r0, #8]
  str   r3, [r0, #12]       @ SysTick base    -> task B's R3
  ldr   r1, =task_b
  movs  r2, #1
  bics  r1, r2              @ stacked return address: Thumb bit clear
  str   r1, [r0, #24]
  ldr   r1, =0x01000000     @ xPSR: T
  str   r1, [r0, #28]
  msr   psp, r0
  ldr   r1, =0x10000000
  ldr   r2, =0xE000ED04
  nop
  ldr   r4, [r3, #8]        @ CVR before the first switch
  str   r1, [r2]            @ PENDSVSET: switch to task B
  @ back from task B (second switch)
  ldr   r6, [r3, #8]        @ CVR after the second switch
  subs  r6, r5, r6          @ r5: task B's CVR before it (r4-r11 are not stacked)
  mrs   r7, control
  mov   r2, sp
  ldr   r0, =results
  str   r6, [r0, #16]
  str   r7, [r0, #20]
  str   r2, [r0, #24]
  bl    print_results
  ldr   r1, =exit_block
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED, status 0
  bkpt  0xab

  .thumb_func
task_b:
  ldr   r5, [r3, #8]        @ CVR at task B's first instruction
  subs  r5, r4, r5
  ldr   r0, =results
  str   r5, [r0]
  mrs   r5, control
  str   r5, [r0, #4]
  mov   r5, sp
  str   r5, [r0, #8]
  nop
  ldr   r5, [r3, #8]        @ CVR before the second switch
  str   r1, [r2]            @ PENDSVSET: back to main
  bkpt  #1                  @ never reached: main does not return here

  @ The whole switch: EXC_RETURN 0xFFFFFFF9 (thread, MSP) <-> 0xFFFFFFFD
  @ (thread, PSP); the frames stay on their own stacks.
  .thumb_func
pendsv_handler:
  mov   r0, lr
  movs  r1, #4
  eors  r0, r1
  bx    r0

  .thumb_func
print_results:
  push  {r4, lr}
  ldr   r4, =results
  ldr   r0, =name_switch1
  ldr   r1, [r4]
  bl    report_hex
  ldr   r0, =name_control_b
  ldr   r1, [r4, #4]
  bl    report_hex
  ldr   r0, =name_sp_b
  ldr   r1, [r4, #8]
  bl    report_hex
  ldr   r0, =name_switch2
  ldr   r1, [r4, #16]
  bl    report_hex
  ldr   r0, =name_control_a
  ldr   r1, [r4, #20]
  bl    report_hex
  ldr   r0, =name_sp_a
  ldr   r1, [r4, #24]
  bl    report_hex
  pop   {r4, pc}
  .ltorg

  .section .rodata
name_switch1:   .asciz "switch1"
name_control_b: .asciz "control_b"
name_sp_b:      .asciz "sp_b"
name_switch2:   .asciz "switch2"
name_control_a: .asciz "control_a"
name_sp_a:      .asciz "sp_a"

  .data
  .align 2
results:
  .word 0, 0, 0, 0, 0, 0, 0
exit_block:
  .word 0x20026, 0
