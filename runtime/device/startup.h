// runtime/device/startup.h — what the start-up code and the generated linker
// script (runtime/firmware/linker_script.cpp) agree on.
//
// Memory layout symbols, all word aligned (the script aligns every bound to 4):
//   __data_load               .data's initial image in flash
//   __data_start, __data_end  .data in RAM, copied from __data_load at reset
//   __bss_start, __bss_end    .bss in RAM, zeroed at reset
//   __arena_start, __arena_end  the runtime's tensor arena (NOLOAD: not cleared)
//   __StackLimit, __stack_top   the stack: lowest usable address and initial SP
//                               (mcusim reports an overflow below __StackLimit)
#ifndef MCUSIM_DEVICE_STARTUP_H
#define MCUSIM_DEVICE_STARTUP_H

#include <stdint.h>

extern uint32_t __data_load[];
extern uint32_t __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __arena_start[], __arena_end[];
extern uint32_t __StackLimit[], __stack_top[];

// The word the start-up writes over the unused stack when built with
// MCUSIM_DEVICE_PAINT_STACK, so the deepest use can be found afterwards.
#define MCUSIM_STACK_PAINT 0xC5C5C5C5u

// Bytes of the stack ever used since reset: from the top down to the lowest
// word that no longer holds MCUSIM_STACK_PAINT. Meaningful only when the
// start-up painted the stack (MCUSIM_DEVICE_PAINT_STACK); otherwise returns
// the whole stack size.
uint32_t mcusim_stack_used_bytes(void);

// The program's entry, called by Reset_Handler after .data and .bss are set
// up; its return value becomes the run's exit status.
int main(void);

#endif  // MCUSIM_DEVICE_STARTUP_H
