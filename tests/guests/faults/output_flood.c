// tests/guests/faults/output_flood.c — prints a 64-byte line through
// SYS_WRITE0 without end. Expected: the run stops at the console cap
// (--max-output, default 16 MiB) with "guest fault: output limit", pc in
// print_forever, and the output up to the cap on the console.
#include "semihosting.h"

static const char kLine[] = "output flood: this line repeats until the console cap stops it.\n";

__attribute__((noinline)) void print_forever(void) {
  for (;;) semihost_write0(kLine);
}

int main(void) {
  print_forever();
  return 0;
}
