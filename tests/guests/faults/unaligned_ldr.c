// tests/guests/faults/unaligned_ldr.c — built for cortex-m0: a word load from
// 0x2000_1001. Armv6-M faults on every unaligned access (HardFault).
// Expected: "guest fault: unaligned access", pc in load_word, address
// 0x20001001.
#include <stdint.h>

__attribute__((noinline)) uint32_t load_word(uintptr_t address) {
  uint32_t value;
  __asm__ volatile("ldr %0, [%1]" : "=l"(value) : "l"(address) : "memory");
  return value;
}

int main(void) { return (int)load_word(0x20001001u); }
