/* tests/tools/user_kernels/fc_print_flood.c — a user's FULLY_CONNECTED kernel
 * left with a debug print in a loop that never ends: it prints a 64-byte
 * line through semihosting SYS_WRITE0 (BKPT 0xAB, r0 = 4, r1 = the string)
 * forever. `mcusim run --max-output N` must stop it with exit 3 "output
 * limit" (tests/tools/limits_test.cpp, docs/robustness.md). */
#include "runtime/include/mcusim_kernels.h"

#if MCUSIM_KERNEL_ABI_VERSION != 1
#error "written for kernel ABI 1"
#endif

static const char kLine[] = "fc_print_flood: a debug print that was never taken out.........\n";

static void write0(const char* text) {
  register unsigned r0 __asm__("r0") = 4u; /* SYS_WRITE0 */
  register const char* r1 __asm__("r1") = text;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input, const int8_t* filter,
                        const int32_t* bias, int8_t* output) {
  (void)p;
  (void)input;
  (void)filter;
  (void)bias;
  (void)output;
  for (;;) write0(kLine);
}
