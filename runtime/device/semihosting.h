// runtime/device/semihosting.h — the two Arm semihosting calls the device
// runtime makes: print a string, and end the run with a status.
//
// BKPT 0xAB with r0 = operation, r1 = parameter, result in r0 ("Semihosting
// for AArch32 and AArch64", Arm). mcusim serves them (docs/guest-conventions.md);
// on a board a debugger must be attached with semihosting enabled, else BKPT
// escalates to HardFault.
#ifndef MCUSIM_DEVICE_SEMIHOSTING_H
#define MCUSIM_DEVICE_SEMIHOSTING_H

#include <stdint.h>

#define MCUSIM_SYS_WRITE0 0x04u         // r1 -> NUL-terminated string
#define MCUSIM_SYS_EXIT_EXTENDED 0x20u  // r1 -> {reason, subcode}
// ADP_Stopped_ApplicationExit: a normal exit; the subcode is the status.
#define MCUSIM_ADP_STOPPED_APPLICATION_EXIT 0x20026u

static inline uint32_t mcusim_semihost_call(uint32_t op, const void *param) {
  register uint32_t r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = param;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static inline void mcusim_semihost_write0(const char *text) {
  mcusim_semihost_call(MCUSIM_SYS_WRITE0, text);
}

// Ends the run with `status` (0 = success) through SYS_EXIT_EXTENDED.
__attribute__((noreturn)) static inline void mcusim_semihost_exit(uint32_t status) {
  const uint32_t block[2] = {MCUSIM_ADP_STOPPED_APPLICATION_EXIT, status};
  mcusim_semihost_call(MCUSIM_SYS_EXIT_EXTENDED, block);
  for (;;) {  // a host that ignores the call: stop here
  }
}

#endif  // MCUSIM_DEVICE_SEMIHOSTING_H
