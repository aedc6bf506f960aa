// runtime/device/startup.c — vector table and reset handler of the runtime's
// firmware image.
//
// Reset (ARMv6-M ARM B1.5.5, ARMv7-M ARM B1.5.5): the core loads SP from word
// 0 of the vector table at the start of flash and jumps to word 1, the reset
// handler (Thumb bit set). Reset_Handler then does what a C program needs
// before main: copy .data's initial image from flash to RAM, zero .bss,
// optionally paint the unused stack (MCUSIM_DEVICE_PAINT_STACK) for a
// high-water measurement, call main(), and end the run with main's return
// value through semihosting SYS_EXIT_EXTENDED. Symbols come from the linker
// script the firmware builder generates (startup.h lists them).
#include "runtime/device/startup.h"

#include "runtime/device/semihosting.h"

void Reset_Handler(void);
void Default_Handler(void);

// Exceptions are not expected: mcusim reports faults itself. On silicon an
// unexpected exception ends the run with status 255.
__attribute__((noreturn)) void Default_Handler(void) { mcusim_semihost_exit(255u); }

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

// The 16 system entries (ARMv7-M ARM B1.5.2; ARMv6-M has the same slots and
// leaves MemManage, BusFault, UsageFault and DebugMon reserved). The linker
// script keeps .vectors first in flash.
__attribute__((section(".vectors"), used)) const VectorEntry mcusim_vector_table[16] = {
    (VectorEntry)__stack_top,
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

#ifdef MCUSIM_DEVICE_PAINT_STACK
// Paints from __StackLimit up to just below the live SP. Reset_Handler's own
// frame sits above the SP and is never painted, so a later scan only ever
// sees words the program really wrote.
static void paint_stack(void) {
  uint32_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (volatile uint32_t *p = __StackLimit; (uint32_t)(uintptr_t)p < sp;) *p++ = MCUSIM_STACK_PAINT;
}
#endif

uint32_t mcusim_stack_used_bytes(void) {
  const uint32_t *p = __StackLimit;
  while (p < __stack_top && *p == MCUSIM_STACK_PAINT) ++p;
  return (uint32_t)((uintptr_t)__stack_top - (uintptr_t)p);
}

__attribute__((noreturn)) void Reset_Handler(void) {
  // Word loops through volatile pointers: the script aligns the bounds to 4,
  // and volatile keeps clang from turning the loops into memcpy/memset calls.
  volatile uint32_t *dst = __data_start;
  const volatile uint32_t *src = __data_load;
  while (dst < __data_end) *dst++ = *src++;
  for (volatile uint32_t *p = __bss_start; p < __bss_end;) *p++ = 0u;
#ifdef MCUSIM_DEVICE_PAINT_STACK
  paint_stack();
#endif
  mcusim_semihost_exit((uint32_t)main());
}
