// tests/guests/faults/unmapped_fetch.c — calls 0x1000_0000 (Thumb bit set),
// where no generic target maps memory. Expected: "guest fault: unmapped
// fetch" at pc/address 0x10000000, called from jump_to_unmapped.
#include <stdint.h>

typedef void (*Function)(void);

volatile uint32_t after_call;

__attribute__((noinline)) void jump_to_unmapped(void) {
  ((Function)0x10000001u)();
  after_call = 1;  // keeps the call a call (BLX), not a tail branch
}

int main(void) {
  jump_to_unmapped();
  return 0;
}
