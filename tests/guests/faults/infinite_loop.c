// tests/guests/faults/infinite_loop.c — never exits; run with
// --max-cycles 100000. Expected: "guest fault: cycle limit", pc in
// spin_forever.
#include <stdint.h>

volatile uint32_t spin_counter;

__attribute__((noinline)) void spin_forever(void) {
  for (;;) spin_counter = spin_counter + 1u;
}

int main(void) {
  spin_forever();
  return 0;
}
