// tests/guests/faults/divide_by_zero.c — built for cortex-m4 and run on
// generic-m4: sets CCR.DIV_0_TRP (0xE000ED14 bit 4, ARMv7-M ARM B3.2.8),
// then UDIV by zero. With the trap set that is a UsageFault DIVBYZERO
// instead of the quotient 0. Expected: "guest fault: divide by zero", pc in
// divide.
#include <stdint.h>

#define SCB_CCR (*(volatile uint32_t *)0xE000ED14u)
#define CCR_DIV_0_TRP (1u << 4)

volatile uint32_t divisor = 0;

__attribute__((noinline)) uint32_t divide(uint32_t dividend, uint32_t by) {
  uint32_t quotient;
  __asm__ volatile("udiv %0, %1, %2" : "=r"(quotient) : "r"(dividend), "r"(by));
  return quotient;
}

int main(void) {
  SCB_CCR |= CCR_DIV_0_TRP;
  return (int)divide(100u, divisor);
}
