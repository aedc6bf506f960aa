// tests/guests/faults/unmapped_read.c — loads from 0x1000_0010, which no
// generic target maps. Expected: "guest fault: unmapped read", pc in
// read_unmapped, address 0x10000010.
#include <stdint.h>

__attribute__((noinline)) uint32_t read_unmapped(void) {
  return *(volatile uint32_t *)0x10000010u;
}

int main(void) { return (int)read_unmapped(); }
