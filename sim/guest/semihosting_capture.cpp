// sim/guest/semihosting_capture.cpp — MCUSIM_CAPTURE (0x100): r1 -> {tag,
// address, length}; the host copies [address, address + length) into the run
// result (guest_capture.hpp). Returns 0 in r0.
#include "sim/guest/semihosting.hpp"

#include <fmt/format.h>

namespace mcusim {

SemihostingOutcome Semihosting::capture(std::uint32_t parameter, std::uint64_t now) {
  const auto tag = memory_->read_u32(parameter);
  const auto address = memory_->read_u32(parameter + 4);
  const auto length = memory_->read_u32(parameter + 8);
  if (!tag || !address || !length) return bad_pointer(semihosting_op::kCapture, parameter);
  const std::uint8_t* bytes = memory_->host_pointer(*address, *length);
  if (*length != 0 && !bytes) return bad_pointer(semihosting_op::kCapture, *address);
  SemihostingOutcome outcome;
  if (captured_bytes_ + *length > kMaxCaptureBytes) {
    outcome.capture_full = true;
    return outcome;
  }
  captured_bytes_ += *length;
  GuestCapture capture{*tag, *address, now, {}};
  if (*length != 0) capture.bytes.assign(bytes, bytes + *length);
  captures_.push_back(std::move(capture));
  return outcome;
}

}  // namespace mcusim
