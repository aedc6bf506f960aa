// tests/guests/faults/write_flash.c — stores to 0x0008_0000, inside the
// generic targets' flash (read/execute only). Expected: "guest fault: write to
// read-only memory", pc in write_flash, address 0x00080000.
#include <stdint.h>

__attribute__((noinline)) void write_flash(uint32_t value) {
  *(volatile uint32_t *)0x00080000u = value;
}

int main(void) {
  write_flash(1u);
  return 0;
}
