@ tests/guests/exceptions/exc_nested.S — nested interrupts by priority and
@ tail-chaining (ARMv6-M code, run on the M0, M0+ and M4). External lines
@ pended from software through NVIC_ISPR; priorities in NVIC_IPR (the top 2
@ bits are all ARMv6-M implements, DDI 0419 B3.4.7).
@
@ Part A: IRQ0 (priority 0x80) pends IRQ1 (0x40, higher): IRQ1 preempts at
@ once. Back in IRQ0 it pends IRQ2 (0x80, equal): no preemption; IRQ2 runs
@ when IRQ0 returns. Each handler appends a digit to `order`:
@ IRQ0 1, IRQ1 2, IRQ0 after pending IRQ2 3, IRQ2 4, so 0x1234 is right.
@ Part B: with PRIMASK set, IRQ3 and IRQ4 (both 0xC0) are pended at once;
@ CPSIE takes IRQ3 (lower number first), and IRQ4 follows IRQ3's return
@ without unstacking (tail-chaining). Digits 5 and 6: order 0x123456.
@ Printed (report_hex): order; nest = SYST_CVR clocks from IRQ0's
@ "ldr cvr; str ispr" to IRQ1's first instruction; chain = clocks from
@ IRQ3's "ldr cvr; bx lr" to IRQ4's first instruction.
  .syntax unified
  .thumb

  .section .vectors, "a"
  .word 0x20001000          @ 0 initial SP
  .word reset               @ 1 reset
  .rept 14
  .word 0                   @ 2..15
  .endr
  .word irq0, irq1, irq2, irq3, irq4   @ 16..20: IRQ 0..4

  .text
  .thumb_func
  .global reset
reset:
  ldr   r3, =0xE000E010     @ SYST_CSR; r3 is SysTick's base everywhere
  ldr   r1, =0x00FFFFFF
  str   r1, [r3, #4]
  movs  r1, #0
  str   r1, [r3, #8]
  movs  r1, #5
  str   r1, [r3]            @ ENABLE | CLKSOURCE, no interrupt
  ldr   r0, =0xE000E400     @ NVIC_IPR0: IRQ0 0x80, IRQ1 0x40, IRQ2 0x80, IRQ3 0xC0
  ldr   r1, =0xC0804080
  str   r1, [r0]
  movs  r1, #0xC0           @ NVIC_IPR1: IRQ4 0xC0
  str   r1, [r0, #4]
  ldr   r0, =0xE000E100     @ NVIC_ISER: lines 0..4
  movs  r1, #0x1F
  str   r1, [r0]
  @ Part A
  ldr   r0, =0xE000E200     @ NVIC_ISPR
  movs  r1, #1
  str   r1, [r0]            @ IRQ0
  @ Part B
  cpsid i
  movs  r1, #0x18
  str   r1, [r0]            @ IRQ3 and IRQ4, held off by PRIMASK
  cpsie i
  bl    print_results
  ldr   r1, =exit_block
  movs  r0, #0x20           @ SYS_EXIT_EXTENDED, status 0
  bkpt  0xab

  .thumb_func
append:                     @ order = order << 4 | r1 (clobbers r0, r2)
  ldr   r0, =results
  ldr   r2, [r0]
  lsls  r2, r2, #4
  orrs  r2, r1
  str   r2, [r0]
  bx    lr

  .thumb_func
irq0:
  push  {lr}
  movs  r1, #1
  bl    append
  ldr   r2, =0xE000E200
  movs  r1, #2              @ IRQ1
  nop
  ldr   r5, [r3, #8]        @ CVR before pending IRQ1
  str   r1, [r2]            @ IRQ1 preempts here
  ldr   r0, =results
  str   r5, [r0, #4]
  movs  r1, #4              @ IRQ2: equal priority, stays pending
  str   r1, [r2]
  movs  r1, #3
  bl    append
  pop   {pc}

  .thumb_func
irq1:
  ldr   r6, [r3, #8]        @ CVR at IRQ1's first instruction (r5 is IRQ0's: not stacked)
  ldr   r0, =results
  str   r6, [r0, #8]
  push  {lr}
  movs  r1, #2
  bl    append
  pop   {pc}

  .thumb_func
irq2:
  push  {lr}
  movs  r1, #4
  bl    append
  pop   {pc}

  .thumb_func
irq3:
  movs  r1, #5
  mov   r6, lr
  bl    append
  mov   lr, r6
  nop
  ldr   r5, [r3, #8]        @ CVR before returning; IRQ4 is pending
  bx    lr

  .thumb_func
irq4:
  ldr   r6, [r3, #8]        @ CVR at IRQ4's first instruction (r5 survives)
  subs  r5, r5, r6
  ldr   r0, =results
  str   r5, [r0, #12]
  push  {lr}
  movs  r1, #6
  bl    append
  pop   {pc}

  .thumb_func
print_results:
  push  {r4, lr}
  ldr   r4, =results
  ldr   r0, =name_order
  ldr   r1, [r4]
  bl    report_hex
  ldr   r0, =name_nest
  ldr   r1, [r4, #4]
  ldr   r2, [r4, #8]
  subs  r1, r1, r2
  bl    report_hex
  ldr   r0, =name_chain
  ldr   r1, [r4, #12]
  bl    report_hex
  pop   {r4, pc}
  .ltorg

  .section .rodata
name_order: .asciz "order"
name_nest:  .asciz "nest"
name_chain: .asciz "chain"

  .data
  .align 2
results:
  .word 0, 0, 0, 0
exit_block:
  .word 0x20026, 0
