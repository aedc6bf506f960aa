// tests/guests/faults/unaligned_ldrd.c — built for cortex-m4 and run on
// generic-m4: LDRD from 0x2000_1002. Armv7-M allows unaligned LDR/STR but
// LDRD/STRD/LDM/STM must be word aligned (UsageFault UNALIGNED).
// Expected: "guest fault: unaligned access", pc in load_pair, address
// 0x20001002.
#include <stdint.h>

__attribute__((noinline)) uint32_t load_pair(uintptr_t address) {
  uint32_t lo, hi;
  __asm__ volatile("ldrd %0, %1, [%2]" : "=r"(lo), "=r"(hi) : "r"(address) : "memory");
  return lo ^ hi;
}

int main(void) { return (int)load_pair(0x20001002u); }
