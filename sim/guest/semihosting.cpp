#include "sim/guest/semihosting.hpp"

#include <fmt/format.h>

#include <vector>

namespace mcusim {

using namespace semihosting_op;

SemihostingOutcome Semihosting::bad_pointer(std::uint32_t op, std::uint32_t address) const {
  SemihostingOutcome outcome;
  outcome.fault = fmt::format("semihosting call 0x{:02x} passed a pointer outside guest memory", op);
  outcome.fault_address = address;
  return outcome;
}

SemihostingOutcome Semihosting::write(std::uint32_t parameter) {
  // Parameter block: {handle, data pointer, length}; returns bytes NOT written.
  const auto handle = memory_->read_u32(parameter);
  const auto data = memory_->read_u32(parameter + 4);
  const auto length = memory_->read_u32(parameter + 8);
  if (!handle || !data || !length) return bad_pointer(kWrite, parameter);
  SemihostingOutcome outcome;
  if (*handle != 1 && *handle != 2) {  // only the console until files land (issue #4)
    outcome.r0 = *length;
    return outcome;
  }
  const auto* bytes = memory_->host_pointer(*data, *length);
  if (!bytes && *length > 0) return bad_pointer(kWrite, *data);
  outcome.console_full =
      !console_->write(std::string_view(reinterpret_cast<const char*>(bytes), *length));
  outcome.r0 = 0;
  return outcome;
}

SemihostingOutcome Semihosting::call(std::uint32_t op, std::uint32_t parameter,
                                     std::uint64_t now) {
  SemihostingOutcome outcome;
  switch (op) {
    case kWriteC: {
      const auto* byte = memory_->host_pointer(parameter, 1);
      if (!byte) return bad_pointer(op, parameter);
      outcome.console_full = !console_->write(std::string_view(reinterpret_cast<const char*>(byte), 1));
      return outcome;
    }
    case kWrite0: {
      const auto text = memory_->read_cstring(parameter, kMaxString);
      if (!text) return bad_pointer(op, parameter);
      outcome.console_full = !console_->write(*text);
      return outcome;
    }
    case kWrite: return write(parameter);
    case kClock:  // centiseconds of simulated time since the start
      outcome.r0 = static_cast<std::uint32_t>(now * 100 / clock_hz_);
      return outcome;
    case kTime:  // seconds; the epoch is the start of the run, so runs are reproducible
      outcome.r0 = static_cast<std::uint32_t>(now / clock_hz_);
      return outcome;
    case kErrno: outcome.r0 = 0; return outcome;
    case kElapsed: {  // 64-bit tick count written to [r1], [r1+4]; ticks are cycles
      std::uint8_t bytes[8];
      for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(now >> (8 * i));
      if (!memory_->write(parameter, bytes)) return bad_pointer(op, parameter);
      outcome.r0 = 0;
      return outcome;
    }
    case kTickFreq: outcome.r0 = static_cast<std::uint32_t>(clock_hz_); return outcome;
    case kExit:
      // AArch32: r1 holds the reason code itself.
      outcome.exit_status = parameter == kApplicationExit ? 0 : 1;
      return outcome;
    case kExitExtended: {
      const auto reason = memory_->read_u32(parameter);
      const auto subcode = memory_->read_u32(parameter + 4);
      if (!reason || !subcode) return bad_pointer(op, parameter);
      outcome.exit_status = *reason == kApplicationExit ? static_cast<int>(*subcode) : 1;
      return outcome;
    }
    default:
      outcome.fault = fmt::format(
          "semihosting operation 0x{:02x} is not supported (supported: WRITEC, WRITE0, WRITE to "
          "the console, CLOCK, TIME, ERRNO, ELAPSED, TICKFREQ, EXIT, EXIT_EXTENDED)",
          op);
      return outcome;
  }
}

}  // namespace mcusim
