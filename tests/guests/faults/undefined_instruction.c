// tests/guests/faults/undefined_instruction.c — built for cortex-m0: executes
// SDIV r0, r0, r1 (an Armv7-M encoding, undefined on Armv6-M) emitted as raw
// bits. Expected: "guest fault: undefined instruction", pc in
// execute_sdiv_on_m0.
#include <stdint.h>

__attribute__((noinline)) uint32_t execute_sdiv_on_m0(uint32_t a, uint32_t b) {
  register uint32_t r0 __asm__("r0") = a;
  register uint32_t r1 __asm__("r1") = b;
  __asm__ volatile(".inst.w 0xfb90f0f1" : "+r"(r0) : "r"(r1));  // sdiv r0, r0, r1
  return r0;
}

int main(void) { return (int)execute_sdiv_on_m0(10u, 2u); }
