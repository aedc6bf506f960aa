// sim/guest/guest_capture.hpp — bytes of guest memory the guest asked the host
// to keep: the runtime hands over its output tensor after each inference (and
// every intermediate tensor with --dump-tensors) through the semihosting
// operation MCUSIM_CAPTURE (0x100, in the range "Semihosting for AArch32 and
// AArch64" reserves for applications, 0x100–0x1FF). Like every semihosting
// call it costs the guest no cycles, so capturing never changes a count.
#pragma once

#include <cstdint>
#include <vector>

namespace mcusim {

struct GuestCapture {
  std::uint32_t tag = 0;      // the guest's label (the runtime: see runtime/device/capture.h)
  std::uint32_t address = 0;  // where the bytes were in guest memory
  std::uint64_t cycle = 0;    // cycles completed when the guest made the call
  std::vector<std::uint8_t> bytes;
};

}  // namespace mcusim
