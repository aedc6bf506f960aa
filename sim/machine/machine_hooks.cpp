// The hot path: Unicorn's hooks and the cycle accounting they drive.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

namespace mcusim {
namespace {

constexpr std::size_t kMaxCallDepth = 4096;
constexpr std::uint64_t kWallClockCheckEvery = 1u << 16;  // blocks

bool is_call(const DecodedInsn& insn) {
  return insn.cls == InsnClass::BranchLink || insn.cls == InsnClass::BranchLinkReg;
}

// ARM condition codes against N, Z, C, V (ARMv7-M ARM A7.3).
bool condition_passed(std::uint8_t cond, std::uint32_t xpsr) {
  const bool n = xpsr >> 31 & 1, z = xpsr >> 30 & 1, c = xpsr >> 29 & 1, v = xpsr >> 28 & 1;
  bool result = true;
  switch (cond >> 1) {
    case 0: result = z; break;
    case 1: result = c; break;
    case 2: result = n; break;
    case 3: result = v; break;
    case 4: result = c && !z; break;
    case 5: result = n == v; break;
    case 6: result = n == v && !z; break;
    default: return true;  // AL
  }
  return (cond & 1) && cond != 15 ? !result : result;
}

// xPSR IT[7:0] = xPSR[15:10]:xPSR[26:25] (ARMv7-M ARM B1.4.2).
std::uint8_t it_state_of(std::uint32_t xpsr) {
  return static_cast<std::uint8_t>(((xpsr >> 10) & 0x3f) << 2 | ((xpsr >> 25) & 3));
}

}  // namespace

void Machine::on_block(uc_struct*, std::uint64_t address, std::uint32_t size, void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return;
  const auto start = static_cast<std::uint32_t>(address);
  const BlockInfo* known = m.cache_.find(start, size);
  if (!known) {
    // ITSTATE only matters for a block that starts inside an IT block, and
    // only on the first decode.
    const std::uint8_t it_state = is_armv6m(m.target_.core) ? 0 : it_state_of(m.core_.xpsr());
    known = &m.cache_.decode_new(start, size, it_state);
  }
  if (m.block_observed_) m.observe_block_end();
  m.finish_block(*known);
  m.current_ = known;
  m.charge_fetches(*known);
  m.pc_ = start;  // nothing of the new block has started yet
  m.block_dynamic_ = 0;
  m.last_index_ = -1;
  m.last_access_index_ = -1;
  m.check_limits();
  // Block mode: a block reported whole starts here; another runs precisely,
  // its first instruction's observe_start retiring the one before.
  if (m.block_observed_ && m.stop_ == Stop::None && m.observe_whole(*known)) m.observe_block_start();
  // Without the instruction hook, a block is taken to run to its end unless
  // something (a semihosting call, a fault) says where it stopped.
  if (m.block_only_ && m.stop_ == Stop::None) m.pc_ = known->last_address;
}

void Machine::finish_block(const BlockInfo& next) {
  const BlockInfo* block = current_;
  entered_sequentially_ = false;
  if (!block) return;
  const std::size_t count = block->insns.size();
  std::size_t last = count - 1;
  std::size_t completed = count;
  bool tail_ran = true;
  if (pc_ == block->last_address) {
    // The usual case: the block ran to its end.
    block_base_cycles_ += static_cast<std::uint64_t>(
        static_cast<std::int64_t>(block->prefix.back() + fetch_total_) + block_dynamic_);
    if (block->memory) block->memory->fetch_stall_cycles += fetch_total_;
  } else {
    // The last instruction the core started was earlier. Trailing instructions
    // it never reached were IT-skipped (sequential fall-through), or the block
    // was left early (semihosting call, restart).
    last = block->contains(pc_) ? block->index(pc_) : 0;
    completed = last + 1;
    std::int64_t cycles = static_cast<std::int64_t>(block->prefix[completed]) + block_dynamic_;
    if (completed < count && next.start == block->end()) {
      bool all_skipped = true;
      for (std::size_t i = completed; i < count; ++i) all_skipped &= block->insns[i].in_it_block;
      if (all_skipped) {
        for (std::size_t i = completed; i < count; ++i) {
          cycles += skipped_cycles(block->insns[i], timing_);
        }
        completed = count;
      }
    }
    tail_ran = completed == last + 1;
    if (completed == count && !tail_ran) last = count - 1;
    const std::uint64_t stalls = fetch_stalls_through(last);
    if (block->memory) block->memory->fetch_stall_cycles += stalls;
    block_base_cycles_ += static_cast<std::uint64_t>(cycles) + stalls;
  }
  instructions_ += completed;

  const DecodedInsn& tail = block->insns[last];
  const bool sequential = next.start == tail.next_address();
  entered_sequentially_ = sequential;
  last_fetch_unit_ = block->memory
                         ? (tail.next_address() - 1) & ~(block->memory->unit_bytes - 1)
                         : kNoUnit;
  const bool tail_is_block_tail = last == count - 1;
  if (tail_is_block_tail && block->tail_writes_pc && tail_ran) {
    bool taken = !sequential || !block->tail_conditional;
    if (sequential && tail.cls == InsnClass::CondBranch && tail.direct_target == next.start) {
      // Bcc to the next instruction: the address cannot tell; the flags can.
      taken = condition_passed(tail.condition, core_.xpsr());
    }
    if (taken) {
      entered_sequentially_ = false;
      const std::uint32_t refill = block->fixed_taken_extra >= 0
                                       ? static_cast<std::uint32_t>(block->fixed_taken_extra)
                                       : taken_extra(tail, next.insns.front(), timing_);
      block_base_cycles_ += refill;
      refill_cycles_ += refill;
      if (block->tail_is_call || block->tail_may_return) update_call_stack(tail, next.start);
    } else if (block->pairs_across_blocks) {
      const DecodedInsn& first = next.insns.front();
      block_base_cycles_ += static_cycles(first, &tail, timing_) - static_cycles(first, nullptr, timing_);
    }
  } else if (sequential && block->pairs_across_blocks) {
    // Pairing rules across the block boundary (M4 load pipelining, IT folding).
    const DecodedInsn& first = next.insns.front();
    const std::uint32_t paired = static_cycles(first, &tail, timing_);
    const std::uint32_t alone = static_cycles(first, nullptr, timing_);
    block_base_cycles_ += paired;
    block_base_cycles_ -= alone;
  }

  if (block->may_lower_sp) {
    const std::uint32_t sp = core_.sp();
    if (sp < stack_limit_) {
      std::uint32_t writer = tail.address;
      for (std::size_t i = 0; i <= last; ++i) {
        if (block->insns[i].regs_written & (1u << kRegSp)) writer = block->insns[i].address;
      }
      fault("stack overflow",
            fmt::format("SP 0x{:08x} is {} bytes below the stack limit 0x{:08x} ({})", sp,
                        stack_limit_ - sp, stack_limit_, stack_limit_source_),
            writer, sp,
            "reduce stack use (recursion, large locals) or give the stack more room in the "
            "linker script");
    }
  }
}

void Machine::update_call_stack(const DecodedInsn& branch, std::uint32_t target) {
  if (is_call(branch)) {
    if (call_stack_.size() < kMaxCallDepth) {
      call_stack_.push_back(CallFrame{branch.address, target, branch.next_address()});
      if (observer_) {
        pending_flow_.push_back(
            {FlowEvent::Kind::Call, branch.address, target, branch.next_address(), 0});
      }
    }
    return;
  }
  // A return is any flow change to a pending return address (BX LR, POP {PC},
  // LDR PC, ...); unwinding several frames covers longjmp-like exits.
  for (std::size_t depth = call_stack_.size(); depth > 0; --depth) {
    if (call_stack_[depth - 1].return_address == target) {
      call_stack_.resize(depth - 1);
      if (observer_) pending_flow_.push_back({FlowEvent::Kind::Return, target, 0, 0, 0});
      return;
    }
  }
}

void Machine::account_skipped(std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    const DecodedInsn& insn = current_->insns[i];
    if (!insn.in_it_block) continue;
    block_dynamic_ += static_cast<std::int64_t>(skipped_cycles(insn, timing_)) -
                      static_cast<std::int64_t>(current_->static_cost(i));
  }
}

void Machine::on_instruction(uc_struct*, std::uint64_t address, std::uint32_t, void* self) {
  auto& m = *static_cast<Machine*>(self);
  m.pc_ = static_cast<std::uint32_t>(address);
  const BlockInfo* block = m.current_;
  if (!block || m.stop_ != Stop::None || !block->contains(m.pc_)) return;
  const std::size_t index = block->index(m.pc_);
  if (m.block_seen_.block) {
    // Reported whole: only the timing's own run-time rules, until an
    // exception becomes possible.
    if (!m.exceptions_live_) {
      if (block->needs_instruction_checks) m.observe_checks(block->insns[index], index);
      return;
    }
    m.observe_block_switch(index);
  }
  if (m.observer_) m.observe_start(index);
  if (m.exceptions_live_ && m.poll_exceptions(index)) {
    if (m.observer_) m.observe_exception_entry();
    return;
  }
  if (!block->needs_instruction_checks) return;
  const auto expected = static_cast<std::size_t>(m.last_index_ + 1);
  // Instructions between the previous one started and this one were skipped
  // by a failed IT condition (UC_HOOK_CODE does not fire for them).
  if (index > expected) m.account_skipped(expected, index);
  m.last_index_ = static_cast<std::int32_t>(index);
  m.check_instruction(block->insns[index], index);
}

void Machine::check_instruction(const DecodedInsn& insn, std::size_t index) {
  switch (insn.cls) {
    case InsnClass::Undefined:
      raise_fault({FaultCause::Undefined, "undefined instruction",
                   fmt::format("'{}' is not an instruction of the {} (core {})", insn.text_view(),
                               is_armv6m(target_.core) ? "ARMv6-M architecture" : "configured core",
                               core_name(target_.core)),
                   insn.address, std::nullopt,
                   "build for this core (e.g. --target=thumbv6m-none-eabi -mcpu=cortex-m0 for an "
                   "M0) or pick a target with the core this program was built for"});
      return;
    case InsnClass::Div: {
      const std::uint32_t dividend = core_.core_register(insn.div_rn);
      const std::uint32_t divisor = core_.core_register(insn.div_rm);
      if (divisor == 0 && (ppb_.nvic().ccr() & Nvic::kDiv0Trp)) {  // ARMv7-M ARM B3.2.8
        raise_fault({FaultCause::DivideByZero, "divide by zero",
                     fmt::format("'{}' divided by zero with CCR.DIV_0_TRP set (UsageFault "
                                 "DIVBYZERO)",
                                 insn.text_view()),
                     insn.address, std::nullopt,
                     "check the divisor before dividing, or clear CCR.DIV_0_TRP to get 0"});
        return;
      }
      block_dynamic_ += static_cast<std::int64_t>(divide_cycles(dividend, divisor, insn.div_signed)) -
                        static_cast<std::int64_t>(current_->static_cost(index));
      return;
    }
    case InsnClass::Load:
    case InsnClass::Store:
      // CCR.UNALIGN_TRP (ARMv7-M ARM B3.2.8); ARMv6-M faults on its own (Unicorn).
      if (insn.mem_bytes >= 2 && !is_armv6m(target_.core) &&
          (ppb_.nvic().ccr() & Nvic::kUnalignTrp) && (data_address_of(insn) & (insn.mem_bytes - 1u))) {
        raise_fault({FaultCause::Unaligned, "unaligned access",
                     fmt::format("'{}' accesses 0x{:08x}, not {}-byte aligned, with "
                                 "CCR.UNALIGN_TRP set (UsageFault UNALIGNED)",
                                 insn.text_view(), data_address_of(insn), insn.mem_bytes),
                     insn.address, data_address_of(insn),
                     "align the data to its access size, or clear CCR.UNALIGN_TRP"});
        return;
      }
      if (insn.mem_bytes >= 2 && insn.mem_base != kRegSp && insn.mem_base != kRegPc) {
        block_dynamic_ += unaligned_access_extra(insn, data_address_of(insn), timing_);
      }
      return;
    case InsnClass::LoadDual:
    case InsnClass::StoreDual:
    case InsnClass::LoadMulti:
    case InsnClass::LoadMultiPc:
    case InsnClass::StoreMulti: {
      if (insn.mem_base == kNoReg || insn.mem_base == kRegSp) return;
      // LDRD/STRD offsets and LDM/STM steps are multiples of 4, so the base
      // decides the alignment. ARMv7-M ARM A3.2.1: these always fault unaligned.
      const std::uint32_t base = core_.core_register(insn.mem_base);
      if (base & 3u) {
        raise_fault({FaultCause::Unaligned, "unaligned access",
                     fmt::format("'{}' accesses 0x{:08x}, which is not word aligned; "
                                 "LDM/STM/LDRD/STRD fault on unaligned addresses (UsageFault "
                                 "UNALIGNED)",
                                 insn.text_view(), data_address_of(insn)),
                     insn.address, data_address_of(insn),
                     "align the data to 4 bytes (e.g. __attribute__((aligned(4)))) or copy it "
                     "with byte or word loads"});
      }
      return;
    }
    default: return;
  }
}

void Machine::check_limits() {
  if (block_base_cycles_ >= options_.max_cycles) {
    limit("cycle limit",
          fmt::format("the run reached {} cycles without exiting", block_base_cycles_),
          "raise --max-cycles if the program is meant to run this long, or check it for an "
          "endless loop (the call stack above shows where it was)");
    return;
  }
  if (options_.timeout_seconds > 0 && ++blocks_run_ % kWallClockCheckEvery == 0) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (elapsed > options_.timeout_seconds) {
      limit("timeout",
            fmt::format("the run took more than {:.1f} s of host time ({} cycles simulated)",
                        options_.timeout_seconds, block_base_cycles_),
            "raise --timeout, or lower the work the program does");
    }
  }
}

}  // namespace mcusim
