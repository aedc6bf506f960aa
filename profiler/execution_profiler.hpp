// profiler/execution_profiler.hpp — the observer that turns a run's events
// (sim/machine/execution_observer.hpp) into an ExecutionProfile: cycles and
// instructions per phase (from the trace markers), per function (ELF symbols,
// through the machine's shadow call stack, tail calls included), per calling
// context and per source line (DWARF); classes, stall causes, memory traffic
// per region and stack peaks per phase.
//
// Block mode (the default; ProfilerOptions::precise_per_instruction off): a
// block's instructions but the last arrive as one RetiredBlock; their static
// costs are added up per (block, calling context, phase) and multiplied out in
// finish(), their run-time extras added as they come. A block with a marker
// inside or code of two functions is charged instruction by instruction, as
// precise mode would. The profile is the same either way (tests/profiler).
//
// Attribution rules (docs/profiler.md):
// - An instruction's cost is the cycle count at the next instruction's start
//   minus the count at its own; fetch stalls that now() places before an
//   instruction are therefore paid by the one before it (a taken branch pays
//   the refetch of its target).
// - An asynchronous exception's entry (and a tail-chain, and the entry on a
//   wake from WFI) is charged to the handler: its function and its first
//   address, with no instruction. Its return (unstacking) is charged to the
//   handler's returning instruction; SVC and faults entered in the guest are
//   charged to the instruction that raised them; sleep to the WFI.
// - The phase of a cost is the one open when the instruction retires: a
//   marker store counts in the span it opens (as profiler/inference_markers).
#pragma once

#include "profiler/execution_profile.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/machine/execution_observer.hpp"
#include "sim/machine/machine.hpp"
#include "sim/machine/run_result.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <memory>

namespace mcusim::profiler {

struct ProfilerOptions {
  bool traffic = true;  // observe every data access (bytes per region); costs host time
  bool lines = true;    // read DWARF line tables
  // true: every instruction reported on its own (the machine's precise mode,
  // an instruction hook on every core). false: block mode where the core
  // allows it (ARMv6-M), the same numbers at a fraction of the host time
  // (docs/profiler.md "Cost"). Kept for tests that prove the two identical.
  bool precise_per_instruction = false;
};

class ExecutionProfiler final : public ExecutionObserver {
 public:
  ExecutionProfiler(const ElfImage& elf, const Target& target, ProfilerOptions options = {});
  ~ExecutionProfiler() override;
  ExecutionProfiler(const ExecutionProfiler&) = delete;
  ExecutionProfiler& operator=(const ExecutionProfiler&) = delete;

  bool wants_data_accesses() const override;
  bool wants_blocks() const override;
  void on_block(const RetiredBlock& block) override;
  void on_block_data_access(std::uint32_t index, std::uint32_t address, std::uint32_t bytes,
                            bool write) override;
  void on_restart() override;
  void on_instruction(const RetiredInstruction& retired) override;
  void on_call(std::uint32_t call_site, std::uint32_t callee, std::uint32_t return_address) override;
  void on_return(std::uint32_t target) override;
  void on_exception_entry(const RetiredInstruction& entry) override;
  void on_exception_return(std::uint32_t resume) override;
  void on_data_access(std::uint32_t address, std::uint32_t bytes, bool write) override;
  void on_marker(const TraceMarker& marker) override;
  void on_stack_pointer(std::uint32_t sp) override;

  // The profile of the finished run. Throws mcusim::Error (Internal) when the
  // costs do not sum to the run's cycles and instructions (a machine bug).
  ExecutionProfile finish(const RunResult& run);

 private:
  struct State;
  const ElfImage& elf_;      // both outlive the profiler's run
  const Target& target_;
  ProfilerOptions options_;
  std::unique_ptr<State> state_;
};

// Runs the ELF with a profiler attached (precise mode) and returns both.
struct ProfiledRun {
  RunResult run;
  ExecutionProfile profile;
};
ProfiledRun simulate_profiled(const Target& target, const ElfImage& elf, RunOptions options,
                              ProfilerOptions profiler = {});

}  // namespace mcusim::profiler
