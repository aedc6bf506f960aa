// tests/runtime/firmware/guests/stack_depth.c — built with the start-up's
// stack painting (MCUSIM_DEVICE_PAINT_STACK): recurses DEPTH frames, each
// holding a 64-byte array, and exits with mcusim_stack_used_bytes().
#include <stdint.h>

#include "runtime/device/startup.h"

static uint32_t sink;

__attribute__((noinline)) static uint32_t recurse(uint32_t depth) {
  volatile uint8_t frame[64];
  for (uint32_t i = 0; i < sizeof frame; ++i) frame[i] = (uint8_t)(depth + i);
  const uint32_t below = depth > 1u ? recurse(depth - 1u) : 0u;
  return below + frame[depth % sizeof frame];
}

int main(void) {
  sink = recurse(DEPTH);
  return (int)mcusim_stack_used_bytes();
}
