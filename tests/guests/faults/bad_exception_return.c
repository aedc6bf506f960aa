// tests/guests/faults/bad_exception_return.c — the SVC handler returns by
// branching to 0xFFFFFFF5, which is no EXC_RETURN value (only 0xFFFFFFF1,
// F9 and FD are; ARMv6-M ARM B1.5.8): on silicon a HardFault (ARMv6-M) or
// UsageFault INVPC (ARMv7-M). Expected: "guest fault: invalid exception
// return", pc 0xFFFFFFF5 (outside the program's code); the call stack names
// raise_svc.
#include <stdint.h>

// Overrides startup.c's weak alias: a handler that returns to a bad address.
__attribute__((naked)) void SVC_Handler(void) {
  __asm__ volatile(
      "ldr r0, =0xFFFFFFF5\n\t"
      "bx r0\n\t"
      ".ltorg");
}

__attribute__((noinline)) void raise_svc(void) { __asm__ volatile("svc #0" ::: "memory"); }

int main(void) {
  raise_svc();
  return 0;
}
