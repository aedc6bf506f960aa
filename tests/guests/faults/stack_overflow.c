// tests/guests/faults/stack_overflow.c — unbounded recursion; each frame
// holds 64 bytes, so it runs through the 4 KiB stack of generic.ld quickly.
// Expected: "guest fault: stack overflow", pc in recurse_forever.
#include <stdint.h>

// Never reached; it keeps -Winfinite-recursion quiet.
volatile uint32_t depth_limit = 0xFFFFFFFFu;

__attribute__((noinline)) uint32_t recurse_forever(uint32_t depth) {
  volatile uint32_t frame[16];
  frame[0] = depth;
  if (depth == depth_limit) return frame[0];
  return recurse_forever(depth + 1u) + frame[0];  // not a tail call: the frame stays
}

int main(void) { return (int)recurse_forever(0u); }
