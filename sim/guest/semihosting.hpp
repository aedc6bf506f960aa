// sim/guest/semihosting.hpp — Arm semihosting (BKPT 0xAB), the guest's exit
// and console, per "Semihosting for AArch32 and AArch64" (Arm, 2.0):
// r0 = operation, r1 = parameter (often a pointer to a parameter block),
// result in r0.
#pragma once

#include "sim/guest/console.hpp"
#include "sim/machine/guest_memory.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace mcusim {

namespace semihosting_op {
inline constexpr std::uint32_t kWriteC = 0x03, kWrite0 = 0x04, kWrite = 0x05, kClock = 0x10,
                               kTime = 0x11, kErrno = 0x13, kExit = 0x18, kExitExtended = 0x20,
                               kElapsed = 0x30, kTickFreq = 0x31;
// ADP_Stopped_ApplicationExit: the reason code for a normal exit.
inline constexpr std::uint32_t kApplicationExit = 0x20026;
}  // namespace semihosting_op

struct SemihostingOutcome {
  std::uint32_t r0 = 0;
  std::optional<int> exit_status;       // the guest asked to exit
  std::optional<std::string> fault;     // bad call: ends the run as a guest fault
  std::optional<std::uint32_t> fault_address;
  bool console_full = false;            // the output cap was reached
};

class Semihosting {
 public:
  Semihosting(GuestMemory& memory, Console& console, std::uint64_t clock_hz) noexcept
      : memory_(&memory), console_(&console), clock_hz_(clock_hz) {}

  // Handles one call at cycle `now`.
  SemihostingOutcome call(std::uint32_t op, std::uint32_t parameter, std::uint64_t now);

  static constexpr std::uint32_t kMaxString = 1u << 20;

 private:
  SemihostingOutcome write(std::uint32_t parameter);
  SemihostingOutcome bad_pointer(std::uint32_t op, std::uint32_t address) const;

  GuestMemory* memory_;
  Console* console_;
  std::uint64_t clock_hz_;
};

}  // namespace mcusim
