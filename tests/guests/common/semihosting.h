// tests/guests/common/semihosting.h — Arm semihosting calls (BKPT 0xAB).
//
// r0 = operation, r1 = parameter, result in r0 (Arm "Semihosting for AArch32
// and AArch64", version 2). Only the calls the simulator implements are
// wrapped here. On silicon a debugger must be attached with semihosting
// enabled; without one BKPT escalates to HardFault. The simulator charges
// the guest 0 cycles for the call: the core is halted in Debug state.
#ifndef MCUSIM_GUEST_SEMIHOSTING_H
#define MCUSIM_GUEST_SEMIHOSTING_H

#include <stdint.h>

enum {
  SYS_WRITEC = 0x03,         // r1 -> one character
  SYS_WRITE0 = 0x04,         // r1 -> NUL-terminated string
  SYS_WRITE = 0x05,          // r1 -> {fd, ptr, len}; returns bytes NOT written
  SYS_EXIT = 0x18,           // r1 = reason
  SYS_EXIT_EXTENDED = 0x20,  // r1 -> {reason, subcode}
};

// ADP_Stopped_ApplicationExit: the reason code for a normal exit.
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static inline uint32_t semihost_call(uint32_t op, const void *param) {
  register uint32_t r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = param;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static inline void semihost_write0(const char *text) { semihost_call(SYS_WRITE0, text); }

static inline void semihost_writec(char c) { semihost_call(SYS_WRITEC, &c); }

// Writes `len` bytes to host file descriptor `fd` (1 = stdout).
static inline uint32_t semihost_write(uint32_t fd, const void *data, uint32_t len) {
  const uint32_t block[3] = {fd, (uint32_t)(uintptr_t)data, len};
  return semihost_call(SYS_WRITE, block);
}

// Ends the run with `status` (0 = success) through SYS_EXIT_EXTENDED.
__attribute__((noreturn)) static inline void semihost_exit(uint32_t status) {
  const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, status};
  semihost_call(SYS_EXIT_EXTENDED, block);
  for (;;) {  // a host that ignores the call: stop here
  }
}

#endif  // MCUSIM_GUEST_SEMIHOSTING_H
