// The observer's events (sim/machine/execution_observer.hpp): each
// instruction's cost is the cycle count at the next instruction's start minus
// the count at its own, so the costs tile the run and sum to its cycles
// whatever the timing rules are; the machine's running totals (fetch and data
// stalls per region, refills, sleep, exceptions taken) say which part of a
// cost had which cause. Only runs with an observer come here.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <algorithm>

namespace mcusim {
namespace {

constexpr std::uint32_t kExcReturnFloor = 0xFFFF'FF00u;  // EXC_RETURN values (ARMv7-M ARM B1.5.8)

std::uint32_t part(std::uint64_t value, std::uint64_t& remaining) {
  const std::uint64_t taken = std::min(value, remaining);
  remaining -= taken;
  return static_cast<std::uint32_t>(taken);
}

}  // namespace

void Machine::observe_start(std::size_t index) {
  if (!observed_.running) {
    // The first instruction: its cost includes the first fetch before it.
    observed_.running = true;
    observed_.insn = &current_->insns[index];
    observed_.pc = observed_.insn->address;
    return;
  }
  // The block's fetch stalls count in the regions' totals once it completes;
  // until then now() holds those of its units up to this instruction.
  observe_retire(cycles_before(index), instructions_ + index, fetch_stalls_through(index));
  const DecodedInsn& insn = current_->insns[index];
  observed_.insn = &insn;
  observed_.pc = insn.address;
}

void Machine::observe_retire(std::uint64_t now, std::uint64_t instructions_now,
                             std::uint64_t fetch_in_block) {
  const auto& markers = ppb_.itm().markers();
  for (std::size_t i = observed_.markers; i < markers.size(); ++i) observer_->on_marker(markers[i]);
  observed_.markers = markers.size();

  std::uint64_t fetch = fetch_in_block, data = 0;
  for (const RegionTiming& timing : memory_system_.regions()) {
    fetch += timing.fetch_stall_cycles;
    data += timing.data_stall_cycles;
  }
  std::uint64_t entries = 0, entry_cycles = 0;
  for (const FlowEvent& event : pending_flow_) {
    if (event.kind != FlowEvent::Kind::ExceptionEntry) continue;
    ++entries;
    entry_cycles += event.cycles;
  }
  const std::uint64_t elapsed = now - observed_.start;
  const std::uint64_t cycles = elapsed > entry_cycles ? elapsed - entry_cycles : 0;
  const std::uint64_t done = instructions_now - observed_.instructions;
  const std::uint64_t refill = refill_cycles_ - observed_.refill;
  const bool interrupted = exceptions_taken_ != observed_.exceptions;
  if (cycles > 0 || done > 0 || observed_.insn) {
    RetiredInstruction retired;
    retired.pc = observed_.pc;
    retired.insn = observed_.insn;
    retired.start_cycle = observed_.start;
    retired.cycles = static_cast<std::uint32_t>(cycles);
    retired.instructions = static_cast<std::uint32_t>(done);
    std::uint64_t remaining = cycles;
    auto& stalls = retired.stalls;
    stalls[static_cast<std::size_t>(StallCause::Exception)] = part(observed_.exit_cycles, remaining);
    stalls[static_cast<std::size_t>(StallCause::Sleep)] = part(sleep_cycles_ - observed_.sleep, remaining);
    stalls[static_cast<std::size_t>(StallCause::BranchRefill)] = part(refill, remaining);
    stalls[static_cast<std::size_t>(StallCause::Fetch)] =
        part(fetch > observed_.fetch ? fetch - observed_.fetch : 0, remaining);
    stalls[static_cast<std::size_t>(StallCause::Data)] =
        part(data > observed_.data ? data - observed_.data : 0, remaining);
    if (const DecodedInsn* insn = observed_.insn) {
      // M4 address dependency (timing.cpp): the +1 the neighbour adds to the
      // instruction's static cost, when the neighbour ran just before it.
      if (observed_.previous && !is_armv6m(target_.core) && generates_data_address(insn->cls)) {
        const std::uint32_t paired = static_cycles(*insn, observed_.previous, timing_);
        const std::uint32_t alone = static_cycles(*insn, nullptr, timing_);
        if (paired > alone) {
          stalls[static_cast<std::size_t>(StallCause::AddressDependency)] = part(paired - alone, remaining);
        }
      }
    }
    // SVC, and faults entered in the guest, take their exception inside the
    // instruction: its entry is part of the instruction's cost.
    if (interrupted && exceptions_taken_ - observed_.exceptions > entries) {
      stalls[static_cast<std::size_t>(StallCause::Exception)] += part(remaining, remaining);
      // The handler is entered all the same: it opens a context, with no cycles.
      pending_flow_.push_back({FlowEvent::Kind::ExceptionEntry, pc_, 0, 0, 0});
    }
    observer_->on_instruction(retired);
    if (observed_.insn && (observed_.insn->regs_written & (1u << kRegSp))) {
      observer_->on_stack_pointer(core_.sp());
    }
  }
  observed_.previous = refill == 0 && !interrupted ? observed_.insn : nullptr;

  std::uint64_t cycle = observed_.start + cycles;
  for (const FlowEvent& event : pending_flow_) {
    switch (event.kind) {
      case FlowEvent::Kind::Call: observer_->on_call(event.a, event.b, event.c); break;
      case FlowEvent::Kind::Return: observer_->on_return(event.a); break;
      case FlowEvent::Kind::ExceptionReturn: observer_->on_exception_return(event.a); break;
      case FlowEvent::Kind::ExceptionEntry: {
        RetiredInstruction entry;
        entry.pc = event.a;
        entry.start_cycle = cycle;
        entry.cycles = static_cast<std::uint32_t>(event.cycles);
        entry.instructions = 0;
        entry.stalls[static_cast<std::size_t>(StallCause::Exception)] = entry.cycles;
        cycle += event.cycles;
        observer_->on_exception_entry(entry);
        observer_->on_stack_pointer(core_.sp());
        break;
      }
    }
  }
  pending_flow_.clear();

  observed_.insn = nullptr;
  observed_.pc = pc_;
  observed_.start = now;
  observed_.instructions = instructions_now;
  observed_.fetch = fetch;
  observed_.data = data;
  observed_.refill = refill_cycles_;
  observed_.sleep = sleep_cycles_;
  observed_.exceptions = exceptions_taken_;
  observed_.exit_cycles = 0;
}

void Machine::observe_exception_entry() {
  // observe_start opened the instruction the exception preempted; it has not
  // run (it is the return address), so the time since is the entry's.
  observed_.insn = nullptr;
  const auto handler = core_.read_register(UC_ARM_REG_PC) & ~1u;
  pending_flow_.push_back(
      {FlowEvent::Kind::ExceptionEntry, handler, 0, 0, block_base_cycles_ - observed_.start});
  observe_retire(block_base_cycles_, instructions_, 0);
  observed_.pc = handler;
}

Machine::StopSnapshot Machine::observe_stop() const noexcept {
  StopSnapshot stop;
  stop.cycles = block_base_cycles_;
  if (current_) {
    stop.cycles = static_cast<std::uint64_t>(
        static_cast<std::int64_t>(block_base_cycles_ + current_->prefix.back() + fetch_total_) +
        block_dynamic_);
  }
  stop.sleep = sleep_cycles_;
  stop.exceptions = exceptions_taken_;
  stop.returning = invalid_access_ && invalid_access_->address >= kExcReturnFloor;
  return stop;
}

void Machine::observe_resume(const StopSnapshot& stop, std::uint32_t resume) {
  const std::uint64_t slept = sleep_cycles_ - stop.sleep;
  const std::uint64_t spent = block_base_cycles_ > stop.cycles ? block_base_cycles_ - stop.cycles : 0;
  const std::uint64_t overhead = spent > slept ? spent - slept : 0;
  const std::uint32_t to = resume & ~1u;
  if (stop.returning) pending_flow_.push_back({FlowEvent::Kind::ExceptionReturn, to, 0, 0, 0});
  if (exceptions_taken_ != stop.exceptions) {
    // Tail-chained, or woken from WFI into a handler: the entry is the handler's.
    pending_flow_.push_back({FlowEvent::Kind::ExceptionEntry, to, 0, 0, overhead});
  } else {
    observed_.exit_cycles += overhead;  // unstacking: the returning instruction's
  }
}

void Machine::observe_end() { observe_retire(block_base_cycles_, instructions_, 0); }

void Machine::on_observed_access(uc_struct*, int type, std::uint64_t address, int size,
                                 std::int64_t, void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return;
  m.observer_->on_data_access(static_cast<std::uint32_t>(address), static_cast<std::uint32_t>(size),
                              type == UC_MEM_WRITE);
}

}  // namespace mcusim
