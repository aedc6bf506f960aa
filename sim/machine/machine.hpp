// sim/machine/machine.hpp — one simulated MCU running one ELF to completion.
//
// Owns the Unicorn core, the guest memory, the PPB peripherals and the cycle
// accounting. Timing is per translated block: the block hook adds the block's
// static cost (BlockCache) once the next block shows how the previous one
// ended (branch taken or not, and what it branched to). On the M4 an
// instruction hook keeps the exact PC and applies the rules that need run-time
// values (IT conditions, divide operands, alignment). ARMv6-M cores run
// without it: the access resolver places peripheral accesses, and a fault or
// an access it cannot place makes simulate() re-run the program precisely.
#pragma once

#include "sim/core/unicorn_core.hpp"
#include "sim/decode/decoder.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/guest/console.hpp"
#include "sim/guest/fault_status.hpp"
#include "sim/guest/private_peripheral_bus.hpp"
#include "sim/guest/semihosting.hpp"
#include "sim/machine/block_cache.hpp"
#include "sim/machine/execution_observer.hpp"
#include "sim/machine/guest_memory.hpp"
#include "sim/machine/run_result.hpp"
#include "sim/memory/memory_system.hpp"
#include "sim/target/target.hpp"
#include "sim/timing/timing.hpp"

#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mcusim {

struct RunOptions {
  std::uint64_t max_cycles = 10'000'000'000ull;  // --max-cycles
  double timeout_seconds = 0;                     // --timeout; 0 = none
  std::FILE* console = stdout;                    // guest output; may be null
  std::uint64_t console_limit = Console::kDefaultLimit;
  // false: no block or instruction hooks, no cycle counts — plain Unicorn
  // speed, for the benchmark's baseline only.
  bool timing = true;
  // true: the instruction hook on every core. ARMv6-M cores run without it
  // (block hook only) unless a fault or an ambiguous peripheral access needs
  // the exact PC; simulate() then re-runs the program with this set.
  bool precise = false;
  // Console bytes an earlier attempt already printed: counted, not printed again.
  std::uint64_t console_skip = 0;
  // Semihosting: the host directory whose files the guest may open read-only
  // (--semihosting-root; empty: none), and the arguments SYS_GET_CMDLINE
  // returns after the program name (--args).
  std::filesystem::path semihosting_root;
  std::string arguments;
  // The profiler (sim/machine/execution_observer.hpp), or null. Set, it turns
  // the precise mode on: cycles are placed on instructions there.
  ExecutionObserver* observer = nullptr;
  // --guest-faults: a fault is vectored into the guest's HardFault (or, on
  // the M4, MemManage/BusFault/UsageFault) handler instead of ending the run.
  bool guest_faults = false;
};

// Runs the ELF on the target from reset; re-runs it once in precise mode when
// the fast run cannot pin an event to its instruction. Same numbers either way.
RunResult simulate(const Target& target, const ElfImage& elf, const RunOptions& options);

class Machine {
 public:
  Machine(const Target& target, const ElfImage& elf, const RunOptions& options);
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // Runs from reset (SP and PC from the vector table) until the guest exits,
  // faults or hits a limit. Call once.
  RunResult run();

  // Cycles completed before the instruction at the current PC.
  std::uint64_t now() const noexcept;

 private:
  enum class Stop { None, Exit, Fault, Replay };

  // Hooks (machine_hooks.cpp).
  static void on_block(uc_struct*, std::uint64_t address, std::uint32_t size, void* self);
  static void on_instruction(uc_struct*, std::uint64_t address, std::uint32_t size, void* self);
  static void on_interrupt(uc_struct*, std::uint32_t intno, void* self);
  static bool on_invalid_memory(uc_struct*, int type, std::uint64_t address, int size,
                                std::int64_t value, void* self);
  static std::uint64_t on_ppb_read(uc_struct*, std::uint64_t offset, unsigned size, void* self);
  static void on_ppb_write(uc_struct*, std::uint64_t offset, unsigned size, std::uint64_t value,
                           void* self);
  static void on_data_access(uc_struct*, int type, std::uint64_t address, int size,
                             std::int64_t value, void* self);

  void finish_block(const BlockInfo& next);
  // Memory timing (machine_memory.cpp): the fetch stalls of the block about
  // to run, and how many of them fall on instructions [0, index].
  void charge_fetches(const BlockInfo& block);
  std::uint64_t fetch_stalls_through(std::size_t index) const noexcept;
  void install_memory_hooks();
  void account_skipped(std::size_t from, std::size_t to);
  void check_instruction(const DecodedInsn& insn, std::size_t index);
  void update_call_stack(const DecodedInsn& branch, std::uint32_t target);
  void handle_breakpoint(std::uint32_t pc);
  void check_limits();
  // Block-only mode: the index in current_ of the instruction making `access`.
  std::optional<std::size_t> accessing_instruction(std::uint32_t address, unsigned size,
                                                   bool is_write);
  std::uint64_t cycles_before(std::size_t index) const noexcept;
  void request_replay(std::string reason);

  // The observer's events (machine_observe.cpp). observe_start closes the
  // instruction before `index` of current_ and opens this one.
  struct StopSnapshot {
    std::uint64_t cycles = 0;  // when the stopped block has completed
    std::uint64_t sleep = 0;
    std::uint64_t exceptions = 0;
    bool returning = false;  // stopped on the fetch of an EXC_RETURN value
  };
  struct FlowEvent {
    enum class Kind : std::uint8_t { Call, Return, ExceptionReturn, ExceptionEntry } kind;
    std::uint32_t a = 0, b = 0, c = 0;  // call: site, callee, return; return: target; entry: handler
    std::uint64_t cycles = 0;           // entry: its cycles
  };
  void observe_start(std::size_t index);
  void observe_exception_entry();
  StopSnapshot observe_stop() const noexcept;
  void observe_resume(const StopSnapshot& stop, std::uint32_t resume);
  void observe_end();
  void observe_retire(std::uint64_t now, std::uint64_t instructions_now,
                      std::uint64_t fetch_in_block);
  static void on_observed_access(uc_struct*, int type, std::uint64_t address, int size,
                                 std::int64_t value, void* self);

  // Block mode (machine_observe_blocks.cpp; ExecutionObserver::wants_blocks).
  // What a block's instructions cost before anything runs (the templates of
  // RetiredBlock::instructions), built once per decoded block.
  struct BlockTemplates {
    std::vector<RetiredInstruction> insns;
    // ARMv6-M: the instruction making the block's n-th data access, and how
    // many accesses instructions [0, i) make (the core says no PC in memory
    // hooks; a block that ran has made every access of its instructions).
    std::vector<std::uint16_t> access_owner;
    std::vector<std::uint32_t> accesses_before;
    // SP change of each instruction that writes SP, when fixed (PUSH/POP);
    // kUnknownSp where only the run knows it. Whether SP after every writer
    // can be told from SP at the block's start and end.
    std::vector<std::int32_t> sp_delta;
    bool sp_known = true;
    bool whole = true;  // M4: may be reported whole (observe_whole)
  };
  static constexpr std::int32_t kUnknownSp = INT32_MIN;
  const BlockTemplates& block_templates(const BlockInfo& block);
  bool observe_whole(const BlockInfo& block);
  void observe_block_start();
  void observe_block_end();
  void observe_block_end_at(std::size_t tail);
  void observe_block_switch(std::size_t index);
  void observe_block_stopped();
  void observe_checks(const DecodedInsn& insn, std::size_t index);
  static void on_block_observed_access(uc_struct*, int type, std::uint64_t address, int size,
                                       std::int64_t value, void* self);

  // Ending the run (machine_faults.cpp).
  void fault(std::string kind, std::string detail, std::uint32_t pc,
             std::optional<std::uint32_t> address = std::nullopt, std::string hint = {});
  void limit(std::string kind, std::string detail, std::string hint);
  void interpret_stop(int uc_error);
  std::string describe(std::uint32_t address) const;
  std::string describe_data_address(std::uint32_t address) const;
  std::vector<std::string> call_stack_text(std::uint32_t pc) const;
  std::uint32_t data_address_of(const DecodedInsn& insn) const;
  // A synchronous fault (machine_faults.cpp): ends the run, or with
  // --guest-faults enters the guest's handler and returns its address.
  struct FaultEvent {
    FaultEvent(FaultCause c, std::string k, std::string d, std::uint32_t at,
               std::optional<std::uint32_t> data, std::string h,
               std::optional<std::uint32_t> stacked = std::nullopt)
        : cause(c), kind(std::move(k)), detail(std::move(d)), pc(at), address(data),
          hint(std::move(h)), stacked_pc(stacked) {}
    FaultCause cause;
    std::string kind, detail;
    std::uint32_t pc;  // the faulting instruction (or fetch address)
    std::optional<std::uint32_t> address;
    std::string hint;
    std::optional<std::uint32_t> stacked_pc;  // when not `pc` (SVC escalation)
  };
  std::optional<std::uint32_t> raise_fault(FaultEvent event);
  std::optional<std::uint32_t> vector_fault(const FaultEvent& event);
  void settle_before(std::size_t index);

  void load_image();

  // Exceptions (machine_exceptions.cpp). Handler addresses are returned, not
  // written, so callers outside the emulation can start from them.
  int execution_priority() const;
  void after_exception_register_write();
  void pend_systick_before(std::uint64_t cycle);
  bool poll_exceptions(std::size_t index);
  std::optional<std::uint32_t> enter_exception(unsigned exception, std::uint32_t return_address,
                                               bool tail_chain);
  std::optional<std::uint32_t> exception_return(std::uint32_t exc_return);
  std::optional<std::uint32_t> sleep_until_woken(std::uint32_t resume);
  std::optional<std::uint32_t> resume_after_stop(int uc_error);
  void complete_current_block();
  void take_svc(std::uint32_t svc_address, std::uint32_t return_address);

  const Target& target_;
  const ElfImage& elf_;
  RunOptions options_;
  TimingOptions timing_;
  GuestMemory memory_;
  UnicornCore core_;
  Decoder decoder_;
  MemorySystem memory_system_;
  BlockCache cache_;
  Console console_;
  PrivatePeripheralBus ppb_;
  Semihosting semihosting_;

  // Cycle accounting.
  const BlockInfo* current_ = nullptr;  // block being executed
  std::uint64_t block_base_cycles_ = 0;  // cycles completed before current_ started
  std::int64_t block_dynamic_ = 0;       // run-time corrections inside current_ so far
  std::uint64_t instructions_ = 0;
  std::uint32_t pc_ = 0;                 // last instruction the core started
  std::int32_t last_index_ = -1;         // its index in current_ (IT skip detection)
  std::uint64_t blocks_run_ = 0;
  bool block_only_ = false;              // ARMv6-M fast path: no instruction hook
  std::int32_t last_access_index_ = -1;  // block-only: last resolved peripheral access
  std::string replay_reason_;

  // Memory timing of the block being executed: the stall of each of its
  // fetch units (parallel to current_->fetch_units) and their sum.
  std::vector<std::uint32_t> unit_stalls_;
  std::uint64_t fetch_total_ = 0;
  std::uint32_t first_unit_stall_ = 0;  // stateless models: the only per-visit part
  // How the core got to the block being started: by falling through from the
  // previous one (its fetch stream continues) or by a flow change.
  bool entered_sequentially_ = false;
  static constexpr std::uint32_t kNoUnit = 0xffff'ffff;
  std::uint32_t last_fetch_unit_ = kNoUnit;  // unit of the last instruction completed

  // Stack guard: SP below this is an overflow (ELF __StackLimit or RAM base).
  std::uint32_t stack_limit_ = 0;
  std::string stack_limit_source_;
  std::vector<CallFrame> call_stack_;

  // The observer and its bookkeeping: the instruction started last (not yet
  // retired) with the counters at its start, and the flow changes it caused.
  ExecutionObserver* observer_ = nullptr;
  std::uint64_t refill_cycles_ = 0;  // taken-branch refills so far
  struct Observed {
    const DecodedInsn* insn = nullptr;  // null: nothing pending
    const DecodedInsn* previous = nullptr;  // retired just before, if in sequence
    std::uint32_t pc = 0;
    std::uint64_t start = 0, instructions = 0;
    std::uint64_t fetch = 0, data = 0, refill = 0, sleep = 0, exceptions = 0;
    std::uint64_t exit_cycles = 0;  // exception return charged to the pending instruction
    std::size_t markers = 0;
    bool running = false;  // an instruction has started
  } observed_;
  std::vector<FlowEvent> pending_flow_;
  // Block mode: the block running, nothing of it reported yet.
  bool block_observed_ = false;
  bool observe_traffic_ = false;  // the observer wants every data access
  bool count_accesses_ = false;   // the block-mode memory hook is on
  std::vector<BlockTemplates> templates_;  // by BlockInfo::observed_id - 1
  struct BlockObservation {
    const BlockInfo* block = nullptr;
    const BlockTemplates* templates = nullptr;
    std::uint32_t id = 0;
    std::uint64_t start = 0;      // cycles completed before its first instruction
    std::uint64_t fetch_before = 0;  // fetch_stalls_through(0) then (in start)
    std::uint32_t sp = 0;         // SP before its first instruction
    std::uint32_t accesses = 0;   // data accesses so far
    bool first_of_run = false;    // it holds the run's first instruction
    std::vector<CostExtra> extras;
    std::vector<StackWrite> stack;
  } block_seen_;

  // Exceptions: armed once a SysTick interrupt or a pending exception exists.
  bool exceptions_live_ = false;
  std::optional<std::uint64_t> next_tick_;  // cycle SysTick next pends, if armed
  std::uint64_t ticks_seen_ = 0;            // SysTick pends before this are done
  std::uint64_t sleep_cycles_ = 0;
  std::uint64_t exceptions_taken_ = 0;
  std::optional<std::uint32_t> fault_handler_;  // --guest-faults: where a stop resumes

  // How the run ended.
  Stop stop_ = Stop::None;
  std::optional<int> exit_status_;
  std::optional<GuestFault> fault_;
  struct InvalidAccess {
    int type = 0;
    std::uint32_t address = 0;
    int size = 0;
  };
  std::optional<InvalidAccess> invalid_access_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace mcusim
