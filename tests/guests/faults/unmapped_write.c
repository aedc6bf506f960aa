// tests/guests/faults/unmapped_write.c — stores to 0x1000_0020, which no
// generic target maps. Expected: "guest fault: unmapped write", pc in
// write_unmapped, address 0x10000020.
#include <stdint.h>

__attribute__((noinline)) void write_unmapped(uint32_t value) {
  *(volatile uint32_t *)0x10000020u = value;
}

int main(void) {
  write_unmapped(0x5a5a5a5au);
  return 0;
}
