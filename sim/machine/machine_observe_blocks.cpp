// Block mode of the observer (sim/machine/execution_observer.hpp): the same
// events as precise mode, a block at a time. A block's instructions before its
// last cost their static cycles (the block cache's prefix sums, with the fetch
// units a stateless memory model fixes at decode and the M4 address
// dependency on their in-block predecessor) plus what only the run knows
// (stateful fetch stalls, data stalls, the first instruction's dependency on
// the block before): the templates are built once per block, the run-time
// parts come as extras. The last instruction of each block is retired by the
// precise code (observe_retire): its cost takes the branch refill, the pairing
// across the boundary and the next block's first fetch, which the machine
// knows only when the next block starts.
//
// On ARMv6-M cores, whose fast path has no instruction hook, every block is
// reported whole: a memory hook tells which instruction made an access by
// counting them (the core runs a block's instructions in order, each making a
// fixed number of accesses); the count is checked when the block ends, and
// anything the code alone cannot explain makes simulate() re-run the program
// precisely. On the M4 the instruction hook stays (its timing needs it): a
// block is reported whole when it has no IT, nothing that stops the core and
// no exception can be taken inside; else, or from the moment an exception
// becomes possible, the precise events take over.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <algorithm>
#include <string_view>

namespace mcusim {
namespace {

constexpr auto kFetch = static_cast<std::size_t>(StallCause::Fetch);
constexpr auto kAddressDependency = static_cast<std::size_t>(StallCause::AddressDependency);

// SP change of PUSH/POP/VPUSH/VPOP (a word per register): the SP writers
// whose change the code alone says.
std::int32_t fixed_sp_delta(const DecodedInsn& insn, std::int32_t unknown) {
  const std::string_view text = insn.text_view();
  const auto words = static_cast<std::int32_t>(insn.reg_count) * 4;
  if (text.starts_with("push") || text.starts_with("vpush")) return -words;
  if (text.starts_with("pop") || text.starts_with("vpop")) return words;
  return unknown;
}

// Data accesses one ARMv6-M instruction makes when it runs (Unicorn's memory
// hooks fire once per word of LDM/STM/PUSH/POP).
std::uint32_t accesses_of(const DecodedInsn& insn) {
  switch (insn.cls) {
    case InsnClass::Load:
    case InsnClass::LoadPc:
    case InsnClass::Store: return 1;
    case InsnClass::LoadMulti:
    case InsnClass::LoadMultiPc:
    case InsnClass::StoreMulti: return insn.reg_count;
    default: return 0;
  }
}

bool writes_sp(const DecodedInsn& insn) { return (insn.regs_written >> kRegSp & 1u) != 0; }

}  // namespace

const Machine::BlockTemplates& Machine::block_templates(const BlockInfo& block) {
  if (block.observed_id != 0) return templates_[block.observed_id - 1];
  BlockTemplates t;
  const std::size_t count = block.insns.size();
  std::size_t unknown_sp = 0;
  t.accesses_before.push_back(0);
  for (std::size_t i = 0; i < count; ++i) {
    const DecodedInsn& insn = block.insns[i];
    RetiredInstruction r;
    r.pc = insn.address;
    r.insn = &insn;
    r.cycles = block.static_cost(i);
    // Fetch units first needed by the next instruction are paid by this one
    // (fetch_stalls_through places them before the next one starts).
    std::uint32_t fetch = 0;
    if (block.memory && block.fetch_stateless) {
      for (std::size_t k = 1; k < block.fetch_units.size(); ++k) {
        if (block.fetch_units[k].first_index == i + 1) fetch += block.static_unit_stalls[k];
      }
    }
    r.cycles += fetch;
    r.stalls[kFetch] = fetch;
    if (i > 0 && !is_armv6m(target_.core) && generates_data_address(insn.cls)) {
      const std::uint32_t paired = static_cycles(insn, &block.insns[i - 1], timing_);
      const std::uint32_t alone = static_cycles(insn, nullptr, timing_);
      if (paired > alone) r.stalls[kAddressDependency] = std::min(paired - alone, r.cycles - fetch);
    }
    t.insns.push_back(r);
    const std::uint32_t accesses = accesses_of(insn);
    for (std::uint32_t a = 0; a < accesses; ++a) t.access_owner.push_back(static_cast<std::uint16_t>(i));
    t.accesses_before.push_back(t.accesses_before.back() + accesses);
    // M4: reported whole only without IT (skipped instructions change the
    // counts) and without anything that stops or traps the core inside.
    switch (insn.cls) {
      case InsnClass::It:
      case InsnClass::Bkpt:
      case InsnClass::Svc:
      case InsnClass::Wait:
      case InsnClass::Undefined: t.whole = false; break;
      default: t.whole &= !insn.in_it_block; break;
    }
    const std::int32_t delta = writes_sp(insn) ? fixed_sp_delta(insn, kUnknownSp) : 0;
    if (delta == kUnknownSp) ++unknown_sp;
    t.sp_delta.push_back(delta);
  }
  // One SP writer of unknown change is found from SP at the block's end.
  t.sp_known = unknown_sp <= 1;
  t.whole &= t.sp_known;
  templates_.push_back(std::move(t));
  block.observed_id = static_cast<std::uint32_t>(templates_.size());
  return templates_.back();
}

void Machine::observe_block_start() {
  const BlockInfo& block = *current_;
  BlockObservation& seen = block_seen_;
  seen.first_of_run = !observed_.running;
  if (seen.first_of_run) {
    // The run's first instruction starts at 0 and pays the first fetch.
    observed_.running = true;
    seen.start = 0;
    seen.fetch_before = 0;
  } else {
    // The previous block's last instruction ends where this block starts.
    seen.fetch_before = fetch_stalls_through(0);
    seen.start = cycles_before(0);
    observe_retire(seen.start, instructions_, seen.fetch_before);
  }
  seen.block = &block;
  seen.templates = &block_templates(block);
  seen.id = block.observed_id - 1;
  seen.sp = core_.sp();
  seen.accesses = 0;
  seen.extras.clear();
  if (seen.first_of_run && fetch_stalls_through(0) > 0) {
    seen.extras.push_back({0, StallCause::Fetch, true, static_cast<std::int32_t>(fetch_stalls_through(0))});
  }
  if (block.memory && !block.fetch_stateless) {
    for (std::size_t k = 1; k < block.fetch_units.size(); ++k) {
      const std::uint16_t first = block.fetch_units[k].first_index;
      if (first > 0 && unit_stalls_[k] > 0) {
        seen.extras.push_back({static_cast<std::uint16_t>(first - 1), StallCause::Fetch, true,
                               static_cast<std::int32_t>(unit_stalls_[k])});
      }
    }
  }
  // M4: the first instruction's address may come from the block before's last.
  const DecodedInsn& first = block.insns.front();
  if (observed_.previous && !is_armv6m(target_.core) && generates_data_address(first.cls)) {
    const std::uint32_t paired = static_cycles(first, observed_.previous, timing_);
    const std::uint32_t alone = static_cycles(first, nullptr, timing_);
    if (paired > alone) {
      seen.extras.push_back({0, StallCause::AddressDependency, false,
                             static_cast<std::int32_t>(std::min(paired - alone, block.static_cost(0)))});
    }
  }
}

bool Machine::observe_whole(const BlockInfo& block) {
  // --guest-faults vectors a fault inside the instruction: precise mode then.
  return block_only_ || (!exceptions_live_ && !options_.guest_faults && block_templates(block).whole);
}

void Machine::observe_block_end() {
  const BlockInfo* block = block_seen_.block;
  if (!block) return;
  // The last instruction the core started (as finish_block).
  const std::size_t count = block->insns.size();
  observe_block_end_at(pc_ == block->last_address ? count - 1
                       : block->contains(pc_)     ? block->index(pc_)
                                                  : 0);
}

void Machine::observe_block_switch(std::size_t index) {
  // Instructions [0, index) have run: report them, the one before `index`
  // pending; the caller opens `index` as precise mode does (observe_start).
  if (index > 0) {
    observe_block_end_at(index - 1);
  } else {
    block_seen_.block = nullptr;
  }
}

void Machine::observe_block_stopped() {
  // The emulation stopped inside a block reported whole (a fault, a limit):
  // precise mode would have the instruction at the PC started.
  if (!block_seen_.block || block_only_ || stop_ == Stop::Replay) return;
  const BlockInfo& block = *block_seen_.block;
  const std::size_t index = block.contains(pc_) ? block.index(pc_) : 0;
  observe_block_switch(index);
  if (current_ == &block) observe_start(index);
}

void Machine::observe_block_end_at(std::size_t tail) {
  BlockObservation& seen = block_seen_;
  const BlockInfo* block = seen.block;
  seen.block = nullptr;
  if (!block || stop_ == Stop::Replay) return;
  const BlockTemplates& templates = *seen.templates;
  const std::size_t count = block->insns.size();
  if (block_only_ && count_accesses_ && seen.accesses != templates.accesses_before[tail + 1]) {
    request_replay("data accesses the block's code does not explain");
    return;
  }

  // SP after each writer before the tail: forward from SP at the start through
  // fixed changes; at a writer of unknown change, back from SP now through the
  // fixed changes after it.
  std::size_t unknown = tail;
  for (std::size_t i = 0; i < tail; ++i) {
    if (templates.sp_delta[i] == kUnknownSp) {
      unknown = i;
      break;
    }
  }
  if (unknown < tail && !templates.sp_known) {
    request_replay("SP changes the block's code does not give");
    return;
  }
  seen.stack.clear();
  std::uint32_t sp = seen.sp;
  for (std::size_t i = 0; i < tail; ++i) {
    if (!writes_sp(block->insns[i])) continue;
    if (i == unknown) {
      sp = core_.sp();
      for (std::size_t j = tail; j > i; --j) sp -= static_cast<std::uint32_t>(templates.sp_delta[j]);
    } else {
      sp += static_cast<std::uint32_t>(templates.sp_delta[i]);
    }
    seen.stack.push_back({static_cast<std::uint16_t>(i), sp});
  }

  // Data stalls before the tail start it later; the tail's own are its cost.
  std::uint64_t data_before = 0, data_of_tail = 0;
  std::int64_t checks_before = 0;  // divide and alignment corrections
  for (const CostExtra& extra : seen.extras) {
    if (extra.cause == StallCause::Count && extra.index < tail) checks_before += extra.cycles;
    if (extra.cause != StallCause::Data) continue;
    (extra.index < tail ? data_before : data_of_tail) += static_cast<std::uint64_t>(extra.cycles);
  }
  if (tail > 0) {
    std::erase_if(seen.extras, [tail](const CostExtra& extra) { return extra.index >= tail; });
    const auto& markers = ppb_.itm().markers();
    RetiredBlock event;
    event.id = seen.id;
    event.size = static_cast<std::uint32_t>(count);
    event.instructions = std::span(templates.insns.data(), tail);
    event.extras = seen.extras;
    event.stack = seen.stack;
    event.markers = std::span(markers.data() + observed_.markers, markers.size() - observed_.markers);
    event.start_cycle = seen.start;
    observed_.markers = markers.size();
    observer_->on_block(event);
  }

  // The tail is pending, as observe_start would have left it.
  observed_.insn = &block->insns[tail];
  observed_.pc = block->insns[tail].address;
  if (tail > 0) observed_.previous = &block->insns[tail - 1];
  if (seen.first_of_run && tail == 0) return;  // the run's first instruction: counters at 0
  std::uint64_t fetch = fetch_stalls_through(tail), data = 0;
  for (const RegionTiming& timing : memory_system_.regions()) {
    fetch += timing.fetch_stall_cycles;
    data += timing.data_stall_cycles;
  }
  observed_.start = seen.start + block->prefix[tail] + fetch_stalls_through(tail) - seen.fetch_before +
                    data_before + static_cast<std::uint64_t>(checks_before);
  observed_.instructions = instructions_ + tail;
  observed_.fetch = fetch;
  observed_.data = data - data_of_tail;
  observed_.refill = refill_cycles_;
  observed_.sleep = sleep_cycles_;
  observed_.exceptions = exceptions_taken_;
  observed_.exit_cycles = 0;
}

void Machine::on_block_observed_access(uc_struct*, int type, std::uint64_t address, int size,
                                       std::int64_t, void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return;
  BlockObservation& seen = m.block_seen_;
  std::uint32_t index = 0;
  if (!m.block_only_) {
    // The instruction hook keeps the PC.
    if (m.current_ && m.current_->contains(m.pc_)) index = static_cast<std::uint32_t>(m.current_->index(m.pc_));
  } else if (seen.block) {
    const auto& owner = seen.templates->access_owner;
    index = seen.accesses < owner.size() ? owner[seen.accesses]
                                         : static_cast<std::uint32_t>(seen.block->insns.size() - 1);
    ++seen.accesses;
  }
  const auto at = static_cast<std::uint32_t>(address);
  const auto bytes = static_cast<std::uint32_t>(size);
  const bool write = type == UC_MEM_WRITE;
  RegionTiming* timing = m.memory_system_.timing_at(at);
  if (timing != nullptr && timing->data_costs) {
    const std::uint32_t stall = write ? timing->accelerator->write(at, bytes) : timing->accelerator->read(at, bytes);
    m.block_dynamic_ += stall;
    timing->data_stall_cycles += stall;
    if (stall > 0 && seen.block) {
      seen.extras.push_back({static_cast<std::uint16_t>(index), StallCause::Data, true,
                             static_cast<std::int32_t>(stall)});
    }
  }
  if (m.observe_traffic_) m.observer_->on_block_data_access(index, at, bytes, write);
}

void Machine::observe_checks(const DecodedInsn& insn, std::size_t index) {
  // The run-time rules of a block reported whole (divide operands,
  // unaligned accesses): their correction is the instruction's extra.
  const std::int64_t before = block_dynamic_;
  last_index_ = static_cast<std::int32_t>(index);
  check_instruction(insn, index);
  if (block_dynamic_ != before && block_seen_.block) {
    block_seen_.extras.push_back({static_cast<std::uint16_t>(index), StallCause::Count, true,
                                  static_cast<std::int32_t>(block_dynamic_ - before)});
  }
}

}  // namespace mcusim
