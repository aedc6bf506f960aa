#include "sim/guest/semihosting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace mcusim {

using namespace semihosting_op;

SemihostingOutcome Semihosting::bad_pointer(std::uint32_t op, std::uint32_t address) const {
  SemihostingOutcome outcome;
  outcome.fault = fmt::format("semihosting call 0x{:02x} passed a pointer outside guest memory", op);
  outcome.fault_address = address;
  return outcome;
}

bool Semihosting::writable(std::uint32_t address, std::uint32_t length) const noexcept {
  for (const auto& block : memory_->blocks()) {
    const MemoryRegion& region = *block.region;
    if (!region.contains(address)) continue;
    return region.access.write && std::uint64_t{address} - region.base + length <= region.size;
  }
  return false;
}

SemihostingOutcome Semihosting::get_command_line(std::uint32_t parameter) {
  // Parameter block: {buffer, buffer size}; on success the buffer holds the
  // NUL-terminated command line and the second word its length.
  const auto buffer = memory_->read_u32(parameter);
  const auto size = memory_->read_u32(parameter + 4);
  if (!buffer || !size || !writable(parameter, 8)) return bad_pointer(kGetCmdline, parameter);
  if (command_line_.size() + 1 > *size) return refuse(guest_errno::kArgumentsTooLong);
  const auto length = static_cast<std::uint32_t>(command_line_.size());
  if (!writable(*buffer, length + 1)) return bad_pointer(kGetCmdline, *buffer);
  std::uint8_t* out = memory_->host_pointer(*buffer, length + 1);
  std::copy(command_line_.begin(), command_line_.end(), out);
  out[length] = 0;
  const std::array<std::uint8_t, 4> length_bytes = {
      static_cast<std::uint8_t>(length), static_cast<std::uint8_t>(length >> 8),
      static_cast<std::uint8_t>(length >> 16), static_cast<std::uint8_t>(length >> 24)};
  memory_->write(parameter + 4, length_bytes);
  return {};
}

SemihostingOutcome Semihosting::heap_info(std::uint32_t parameter) {
  // r1 points to a pointer to a four-word block {heap base, heap limit, stack
  // base, stack limit}.
  const auto block = memory_->read_u32(parameter);
  if (!block) return bad_pointer(kHeapInfo, parameter);
  if (!writable(*block, 16)) return bad_pointer(kHeapInfo, *block);
  std::array<std::uint8_t, 16> bytes{};
  const std::array<std::uint32_t, 4> words = {heap_.heap_base, heap_.heap_limit,
                                              heap_.stack_base, heap_.stack_limit};
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::size_t b = 0; b < 4; ++b) bytes[4 * i + b] = static_cast<std::uint8_t>(words[i] >> (8 * b));
  }
  memory_->write(*block, bytes);
  return {};
}

SemihostingOutcome Semihosting::call(std::uint32_t op, std::uint32_t parameter,
                                     std::uint64_t now) {
  SemihostingOutcome outcome;
  switch (op) {
    case kOpen: return open(parameter);
    case kClose:
    case kIsTty:
    case kFlen: return handle_call(op, parameter);
    case kRead: return read(parameter);
    case kWrite: return write(parameter);
    case kSeek: return seek(parameter);
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
    case kIsError: {  // r1 -> {status}: nonzero when the status is an error (negative)
      const auto status = memory_->read_u32(parameter);
      if (!status) return bad_pointer(op, parameter);
      outcome.r0 = (*status >> 31) & 1u;
      return outcome;
    }
    // The host is never touched: no files are created, removed or renamed,
    // no commands run.
    case kTmpnam:
    case kSystem: return refuse(guest_errno::kNotImplemented);
    case kRemove:
    case kRename: return refuse(guest_errno::kAccess);
    case kClock:  // centiseconds of simulated time since the start
      outcome.r0 = static_cast<std::uint32_t>(now * 100 / clock_hz_);
      return outcome;
    case kTime:  // seconds; the epoch is the start of the run, so runs are reproducible
      outcome.r0 = static_cast<std::uint32_t>(now / clock_hz_);
      return outcome;
    case kErrno: outcome.r0 = errno_; return outcome;
    case kGetCmdline: return get_command_line(parameter);
    case kHeapInfo: return heap_info(parameter);
    case kElapsed: {  // 64-bit tick count written to [r1], [r1+4]; ticks are cycles
      std::uint8_t bytes[8];
      for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(now >> (8 * i));
      if (!writable(parameter, 8)) return bad_pointer(op, parameter);
      memory_->write(parameter, bytes);
      outcome.r0 = 0;
      return outcome;
    }
    case kTickFreq: outcome.r0 = static_cast<std::uint32_t>(clock_hz_); return outcome;
    case kCapture: return capture(parameter, now);
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
          "semihosting operation 0x{:02x} is not supported (supported: OPEN, CLOSE, WRITEC, "
          "WRITE0, WRITE, READ, ISERROR, ISTTY, SEEK, FLEN, CLOCK, TIME, ERRNO, GET_CMDLINE, "
          "HEAPINFO, EXIT, EXIT_EXTENDED, ELAPSED, TICKFREQ, and mcusim's CAPTURE 0x100; TMPNAM, REMOVE, RENAME and SYSTEM "
          "are refused)",
          op);
      return outcome;
  }
}

}  // namespace mcusim
