// sim/machine/execution_observer.hpp — what the machine tells a listener
// (the profiler) while it runs: every instruction with the cycles it took and
// why, calls and returns of the shadow call stack, exception entries and
// returns, data accesses, trace markers. The listener only watches; it never
// drives the core (DESIGN.md).
//
// Cost: nothing when RunOptions::observer is null (one pointer test on taken
// calls and returns). With an observer the machine runs in precise mode (the
// per-instruction hook), because cycles are placed on instructions there;
// unless the observer asks for block mode (wants_blocks): then ARMv6-M cores
// keep their block-only fast path and the machine reports each block's
// instructions but the last in one on_block event (the same numbers: the
// block's static costs per instruction are known at decode, the run-time
// parts come as extras).
//
// Order of events. An instruction is reported when the next one starts (its
// cost is only known then), so its report comes before the flow events it
// caused: a BL is retired, then on_call; a return is retired, then on_return;
// a handler's returning instruction is retired (exit cycles included, cause
// Exception), then on_exception_return. Markers are reported when written,
// before the storing instruction is retired, so the store counts in the span
// it opens (the same rule as profiler/inference_markers.hpp: a span holds its
// opening store, not its closing one). The costs of all retirements plus all
// exception entries sum exactly to RunResult::cycles.
#pragma once

#include "sim/decode/instruction.hpp"
#include "sim/guest/itm.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace mcusim {

// Why cycles beyond an instruction's core timing were spent. Each cycle of a
// retirement is in at most one cause; the rest is execution.
enum class StallCause : std::uint8_t {
  Fetch,         // instruction fetch: flash wait states, prefetch-buffer / cache misses
  Data,          // data accesses: wait states, cache misses, M4 System-bus penalties
  BranchRefill,  // pipeline refill after a taken branch (TRM's P, or M0's +2)
  AddressDependency,  // M4: a load/store address that needs the previous result (+1)
  Exception,     // exception entry, tail-chain and return (stacking, unstacking)
  Sleep,         // WFI: the core asleep until an interrupt
  Count
};
inline constexpr std::size_t kStallCauses = static_cast<std::size_t>(StallCause::Count);

struct RetiredInstruction {
  std::uint32_t pc = 0;
  const DecodedInsn* insn = nullptr;  // null for an exception entry (no instruction)
  std::uint64_t start_cycle = 0;      // cycles completed before it (as RunResult markers)
  std::uint32_t cycles = 0;           // its whole cost, stalls included
  // Instructions retired: 1, plus any IT-skipped instructions right after it
  // (they never reach the instruction hook), so the counts sum to
  // RunResult::instructions.
  std::uint32_t instructions = 1;
  std::array<std::uint32_t, kStallCauses> stalls{};  // parts of `cycles`
};

// Block mode (ExecutionObserver::wants_blocks): the instructions of a
// translated block before its last one, reported in one event when the block
// has run. Instruction i's retirement (as on_instruction would have reported
// it) is instructions[i] plus every extra with index i; the last instruction
// the block ran still comes through on_instruction, with the flow events it
// caused. Markers written by the block's instructions, and SP after each of
// them that wrote it, come with the event: a marker belongs before the first
// instruction starting at or after its cycle, as in precise mode.
struct CostExtra {
  std::uint16_t index = 0;  // the instruction in the block
  StallCause cause = StallCause::Count;  // Count: execution cycles, no cause
  bool adds_cycles = true;  // false: a stall split only (cycles unchanged)
  std::int32_t cycles = 0;  // negative: an operand-dependent divide faster than its static cost
};
struct StackWrite {
  std::uint16_t index = 0;  // the instruction that wrote SP
  std::uint32_t sp = 0;     // SP after it
};
struct RetiredBlock {
  // The same id for the same decoded block all run long, dense from 0: the
  // observer can keep what it derives from `instructions` under it.
  std::uint32_t id = 0;
  std::uint32_t size = 0;  // instructions in the block (all of them, not only those run)
  std::span<const RetiredInstruction> instructions;  // the static part of [0, count)
  std::span<const CostExtra> extras;                 // run-time parts, in no particular order
  std::span<const StackWrite> stack;                 // in program order
  std::span<const TraceMarker> markers;              // in the order written
  std::uint64_t start_cycle = 0;                     // cycles completed before instructions[0]
};

class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;

  // Block mode: the machine reports whole blocks (on_block) where it can,
  // and runs as fast as without an observer where the core allows (ARMv6-M:
  // no instruction hook). Data accesses then come with the index of the
  // instruction in the block that made them (on_block_data_access).
  virtual bool wants_blocks() const { return false; }
  virtual void on_block(const RetiredBlock& block) { (void)block; }
  virtual void on_block_data_access(std::uint32_t index, std::uint32_t address, std::uint32_t bytes,
                                    bool write) {
    (void)index;
    on_data_access(address, bytes, write);
  }
  // The machine starts the run over (a precise re-run, sim/machine/machine.hpp
  // simulate): forget every event so far.
  virtual void on_restart() {}

  // Data reads and writes of every mapped region and the PPB (memory hooks on
  // the whole map: slower; asked once, before the run starts).
  virtual bool wants_data_accesses() const { return false; }

  virtual void on_instruction(const RetiredInstruction& retired) = 0;
  // A BL/BLX was taken: the shadow call stack pushed `call_site -> callee`.
  virtual void on_call(std::uint32_t call_site, std::uint32_t callee, std::uint32_t return_address) {
    (void)call_site, (void)callee, (void)return_address;
  }
  // A flow change reached a pending return address: frames above it popped.
  virtual void on_return(std::uint32_t target) { (void)target; }
  // An exception was entered (or tail-chained): `entry` carries its cycles
  // (Exception cause) at the handler's first address, charged to the handler.
  virtual void on_exception_entry(const RetiredInstruction& entry) { (void)entry; }
  // The handler returned (EXC_RETURN) to `resume`.
  virtual void on_exception_return(std::uint32_t resume) { (void)resume; }
  virtual void on_data_access(std::uint32_t address, std::uint32_t bytes, bool write) {
    (void)address, (void)bytes, (void)write;
  }
  virtual void on_marker(const TraceMarker& marker) { (void)marker; }
  // SP after an instruction that wrote it, and after exception stacking.
  virtual void on_stack_pointer(std::uint32_t sp) { (void)sp; }
};

}  // namespace mcusim
