// tests/runtime/firmware/guests/startup_check.c — checks what the device
// start-up (runtime/device/startup.c) and the generated linker script promise.
//
// .data and .bss are checked after a second reset: the first pass scribbles
// over both and jumps to Reset_Handler again, leaving a mark in the arena
// (NOLOAD: the start-up neither loads nor clears it), so the second pass
// proves .data is copied from flash and .bss zeroed, not merely loaded and
// zero at power-on. The blob `test_blob` (BLOB_BYTES bytes, i*7+1, aligned to
// BLOB_ALIGN) must read back at its symbol. Exit status 0, or the number of
// the first failed check.
#include <stdint.h>

#include "runtime/device/startup.h"

void Reset_Handler(void);
extern const uint8_t test_blob[], test_blob_end[];

static volatile uint32_t initialised[4] = {0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u};
static volatile uint32_t zeroed[64];

#define SECOND_PASS_MARK 0x5EC0D0A5u

static uint32_t sp_now(void) {
  uint32_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

int main(void) {
  volatile uint32_t *mark = __arena_start;
  if (*mark != SECOND_PASS_MARK) {
    *mark = SECOND_PASS_MARK;
    for (int i = 0; i < 4; ++i) initialised[i] = 0xBADu;
    for (int i = 0; i < 64; ++i) zeroed[i] = 0xFFFFFFFFu;
    Reset_Handler();  // does not return: main runs again, then exits
  }
  if (initialised[0] != 0x11111111u || initialised[3] != 0x44444444u) return 1;
  for (int i = 0; i < 64; ++i) {
    if (zeroed[i] != 0u) return 2;
  }
  if ((uint32_t)(test_blob_end - test_blob) != BLOB_BYTES) return 3;
  for (uint32_t i = 0; i < BLOB_BYTES; ++i) {
    if (test_blob[i] != (uint8_t)(i * 7u + 1u)) return 4;
  }
  if ((uintptr_t)test_blob % BLOB_ALIGN != 0u) return 5;
  if ((uintptr_t)__arena_end - (uintptr_t)__arena_start != ARENA_BYTES) return 6;
  if ((uintptr_t)__arena_start % 16u != 0u) return 7;
  // The stack: SP inside [__StackLimit, __stack_top], the top 8-byte aligned.
  const uint32_t sp = sp_now();
  if (sp < (uint32_t)(uintptr_t)__StackLimit || sp > (uint32_t)(uintptr_t)__stack_top) return 8;
  if ((uintptr_t)__stack_top % 8u != 0u) return 9;
  // The whole arena is writable RAM.
  __arena_end[-1] = 0xA5A5A5A5u;
  if (__arena_end[-1] != 0xA5A5A5A5u) return 10;
  return 0;
}
