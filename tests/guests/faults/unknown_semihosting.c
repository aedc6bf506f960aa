// tests/guests/faults/unknown_semihosting.c — a semihosting call with
// operation 0x99, which no semihosting version defines. Expected:
// "guest fault: unknown semihosting call", pc in call_unknown_semihosting.
#include "semihosting.h"

__attribute__((noinline)) uint32_t call_unknown_semihosting(void) {
  return semihost_call(0x99u, 0);
}

int main(void) { return (int)call_unknown_semihosting(); }
