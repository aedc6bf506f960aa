// tests/guests/faults/unaligned_multiword.c — built twice for cortex-m4 and
// run on generic-m4: LDM from 0x2000_1002 (unaligned_ldm), or STRD to
// 0x2000_1006 (-DSTORE_PAIR, unaligned_strd). Armv7-M allows unaligned
// LDR/STR but LDM/STM/LDRD/STRD must be word aligned (ARMv7-M ARM A3.2.1,
// UsageFault UNALIGNED). Expected: "guest fault: unaligned access", pc in
// load_multiple / store_pair, and the address.
#include <stdint.h>

#ifdef STORE_PAIR
__attribute__((noinline)) void store_pair(uintptr_t address) {
  __asm__ volatile("movs r2, #1\n\tmovs r3, #2\n\tstrd r2, r3, [%0]" : : "r"(address) : "r2", "r3", "memory");
}

int main(void) {
  store_pair(0x20001006u);
  return 0;
}
#else
__attribute__((noinline)) uint32_t load_multiple(uintptr_t address) {
  uint32_t sum;
  __asm__ volatile("ldm %1, {r2, r3}\n\tadds %0, r2, r3" : "=r"(sum) : "r"(address) : "r2", "r3", "memory");
  return sum;
}

int main(void) { return (int)load_multiple(0x20001002u); }
#endif
