// sim/guest/semihosting.hpp — Arm semihosting (BKPT 0xAB): the guest's exit,
// console, clock, command line, heap layout and read-only host files, per
// "Semihosting for AArch32 and AArch64" (Arm, 2.0): r0 = operation, r1 =
// parameter (often a pointer to a parameter block), result in r0. Enough for
// newlib's rdimon start-up and stdio to run unchanged.
#pragma once

#include "sim/guest/console.hpp"
#include "sim/guest/guest_capture.hpp"
#include "sim/guest/heap_info.hpp"
#include "sim/guest/semihosting_files.hpp"
#include "sim/machine/guest_memory.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mcusim {

namespace semihosting_op {
inline constexpr std::uint32_t kOpen = 0x01, kClose = 0x02, kWriteC = 0x03, kWrite0 = 0x04,
                               kWrite = 0x05, kRead = 0x06, kIsError = 0x08, kIsTty = 0x09,
                               kSeek = 0x0a, kFlen = 0x0c, kTmpnam = 0x0d, kRemove = 0x0e,
                               kRename = 0x0f, kClock = 0x10, kTime = 0x11, kSystem = 0x12,
                               kErrno = 0x13, kGetCmdline = 0x15, kHeapInfo = 0x16,
                               kExit = 0x18, kExitExtended = 0x20, kElapsed = 0x30,
                               kTickFreq = 0x31;
// mcusim's own operation, in the range reserved for applications (0x100-0x1FF).
inline constexpr std::uint32_t kCapture = 0x100;
// ADP_Stopped_ApplicationExit: the reason code for a normal exit.
inline constexpr std::uint32_t kApplicationExit = 0x20026;
}  // namespace semihosting_op

struct SemihostingOutcome {
  std::uint32_t r0 = 0;
  std::optional<int> exit_status;       // the guest asked to exit
  std::optional<std::string> fault;     // bad call: ends the run as a guest fault
  std::optional<std::uint32_t> fault_address;
  bool console_full = false;            // the output cap was reached
  bool capture_full = false;            // MCUSIM_CAPTURE would pass kMaxCaptureBytes
};

struct SemihostingConfig {
  std::filesystem::path root;  // --semihosting-root: host files readable by the guest; empty: none
  std::string command_line;    // SYS_GET_CMDLINE: the program name, then --args
  HeapInfo heap;               // SYS_HEAPINFO
};

class Semihosting {
 public:
  Semihosting(GuestMemory& memory, Console& console, std::uint64_t clock_hz,
              const SemihostingConfig& config = {})
      : memory_(&memory), console_(&console), clock_hz_(clock_hz), files_(config.root),
        command_line_(config.command_line), heap_(config.heap) {}

  // Handles one call at cycle `now`.
  SemihostingOutcome call(std::uint32_t op, std::uint32_t parameter, std::uint64_t now);

  // The heap and stack layout is known once the vector table is loaded.
  void set_heap_info(const HeapInfo& heap) noexcept { heap_ = heap; }
  // The errno the last failing call left (SYS_ERRNO), newlib numbering.
  std::uint32_t last_error() const noexcept { return errno_; }

  // What MCUSIM_CAPTURE kept, in call order; moved out at the end of a run.
  std::vector<GuestCapture> take_captures() noexcept { return std::move(captures_); }

  static constexpr std::uint32_t kMaxString = 1u << 20;
  // All captures of one run together; past it the run ends with "capture limit".
  static constexpr std::uint64_t kMaxCaptureBytes = 256ull << 20;

 private:
  // File calls (semihosting_file_calls.cpp).
  SemihostingOutcome open(std::uint32_t parameter);
  SemihostingOutcome handle_call(std::uint32_t op, std::uint32_t parameter);
  SemihostingOutcome read(std::uint32_t parameter);
  SemihostingOutcome write(std::uint32_t parameter);
  SemihostingOutcome seek(std::uint32_t parameter);
  SemihostingOutcome refuse(std::uint32_t error);
  SemihostingOutcome result(const FileResult& result);

  SemihostingOutcome get_command_line(std::uint32_t parameter);
  SemihostingOutcome capture(std::uint32_t parameter, std::uint64_t now);  // semihosting_capture.cpp
  SemihostingOutcome heap_info(std::uint32_t parameter);
  SemihostingOutcome bad_pointer(std::uint32_t op, std::uint32_t address) const;
  // [address, address+length) lies in one writable region.
  bool writable(std::uint32_t address, std::uint32_t length) const noexcept;

  GuestMemory* memory_;
  Console* console_;
  std::uint64_t clock_hz_;
  SemihostingFiles files_;
  std::string command_line_;
  HeapInfo heap_;
  std::uint32_t errno_ = 0;
  std::vector<GuestCapture> captures_;
  std::uint64_t captured_bytes_ = 0;
};

}  // namespace mcusim
