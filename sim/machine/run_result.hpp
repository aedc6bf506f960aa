// sim/machine/run_result.hpp — what one simulated run produced: the facts the
// profiler and the report writers read. Plain data.
#pragma once

#include "sim/guest/guest_capture.hpp"
#include "sim/guest/itm.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mcusim {

struct CallFrame {
  std::uint32_t call_site = 0;       // address of the BL/BLX
  std::uint32_t callee = 0;          // first instruction of the called function
  std::uint32_t return_address = 0;
};

struct GuestFault {
  std::string kind;    // "unmapped read", "undefined instruction", "cycle limit", ...
  std::string detail;  // one sentence with the offending values
  std::uint32_t pc = 0;
  std::string pc_symbol;                  // "conv2d_s8+0x3c"
  std::optional<std::uint32_t> address;   // faulting data address, where one applies
  std::string address_note;               // "first byte past region 'sram'"
  std::vector<std::string> call_stack;    // innermost first, "symbol+off"
  std::string hint;                       // what to do next
  bool is_limit = false;                  // a limit (cycles, time, output), not a fault
};

struct RunResult {
  std::string target;
  CoreModel core = CoreModel::CortexM0;
  std::uint64_t clock_hz = 0;
  std::uint64_t cycles = 0;
  std::uint64_t instructions = 0;
  std::optional<int> exit_status;  // from SYS_EXIT / SYS_EXIT_EXTENDED
  std::optional<GuestFault> fault;
  std::vector<TraceMarker> markers;
  std::vector<GuestCapture> captures;  // MCUSIM_CAPTURE calls, in order
  std::uint64_t console_bytes = 0;
  std::string elf_producer;   // the ELF's .comment (compiler that built it), may be empty
  double host_seconds = 0;    // wall time of the simulation itself
  std::uint64_t blocks_decoded = 0;
  // The fast run could not pin an event to its instruction: simulate() re-runs
  // precisely and returns that run instead. Never set in what simulate() returns.
  bool needs_precise_replay = false;
  std::string replay_reason;
  bool precise = false;  // this run had the per-instruction hook on
  // Cycles the core waited on memory (wait states, cache misses, bus
  // penalties), included in `cycles`: instruction fetch and data accesses.
  std::uint64_t fetch_stall_cycles = 0;
  std::uint64_t data_stall_cycles = 0;
  // Cycles the core slept in WFI, included in `cycles` (an energy model
  // prices them at sleep current), and exceptions entered (tail-chains too).
  std::uint64_t sleep_cycles = 0;
  std::uint64_t exceptions_taken = 0;

  double latency_us() const noexcept {
    return clock_hz ? static_cast<double>(cycles) * 1e6 / static_cast<double>(clock_hz) : 0.0;
  }
};

}  // namespace mcusim
