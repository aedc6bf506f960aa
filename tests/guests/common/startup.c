// tests/guests/common/startup.c — vector table and reset handler for the
// generic targets (and any Cortex-M with the vector table at address 0).
//
// Reset_Handler copies .data from flash, zeroes .bss, calls main() and ends
// the run with main's return value through SYS_EXIT_EXTENDED. Symbols come
// from generic.ld.
#include <stdint.h>

#include "semihosting.h"

extern uint32_t __stack_top;
extern uint32_t __data_start, __data_end, __data_load;
extern uint32_t __bss_start, __bss_end;

int main(void);
void Reset_Handler(void);
void Default_Handler(void);

// Exceptions are not expected in the guests: the simulator reports faults
// itself. On silicon an unexpected exception ends the run with status 255.
__attribute__((noreturn)) void Default_Handler(void) { semihost_exit(255); }

void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

typedef void (*VectorEntry)(void);

// Armv6-M / Armv7-M vector table: word 0 the initial SP, then the system
// exception handlers (Thumb bit set by the compiler).
__attribute__((section(".vectors"), used)) const VectorEntry vector_table[16] = {
    (VectorEntry)&__stack_top,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0,
    0,
    0,
    0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
};

__attribute__((noreturn)) void Reset_Handler(void) {
  // Word loops: generic.ld aligns the bounds to 4. Volatile pointers keep the
  // compiler from turning the loops into calls to memcpy/memset.
  volatile uint32_t *dst = &__data_start;
  const volatile uint32_t *src = &__data_load;
  while (dst < &__data_end) *dst++ = *src++;
  for (volatile uint32_t *p = &__bss_start; p < &__bss_end;) *p++ = 0;
  semihost_exit((uint32_t)main());
}
