/* runtime/harness/mcusim_capture.h — MCUSIM_CAPTURE, mcusim's semihosting
 * operation 0x100 (docs/guest-conventions.md): hand the host a copy of guest
 * memory, at no cycle cost. The tags say what the bytes are; the host side
 * (profiler/model_profile.hpp, capture_tag) uses the same numbers, and a test
 * checks they agree. */
#ifndef MCUSIM_HARNESS_CAPTURE_H
#define MCUSIM_HARNESS_CAPTURE_H

#include <stdint.h>

#include "runtime/device/semihosting.h"
#include "runtime/harness/mcusim_capture_tags.h"

#define MCUSIM_SYS_CAPTURE 0x100u

static inline void mcusim_capture(uint32_t tag, const void *address, uint32_t length) {
  const uint32_t block[3] = {tag, (uint32_t)(uintptr_t)address, length};
  mcusim_semihost_call(MCUSIM_SYS_CAPTURE, block);
}

#endif /* MCUSIM_HARNESS_CAPTURE_H */
