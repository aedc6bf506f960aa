// tests/guests/faults/semihosting_bad_pointer.c — SYS_WRITE0 with a pointer
// to 0x1000_0000, which no generic target maps: the host cannot read the
// string. Expected: "guest fault: semihosting bad pointer", pc in
// print_unmapped_string, address 0x10000000.
#include "semihosting.h"

__attribute__((noinline)) void print_unmapped_string(void) {
  semihost_write0((const char *)0x10000000u);
}

int main(void) {
  print_unmapped_string();
  return 0;
}
