// The exception model: entry (stacking, EXC_RETURN, vector), return
// (unstacking, tail-chaining), sleep in WFI, and the latencies of each core.
//
// ARMv6-M ARM (DDI 0419) B1.5 and ARMv7-M ARM (DDI 0403E) B1.5. QEMU inside
// Unicorn vectors nothing (TIMING-FACTS.md), so it always runs in what it
// believes is thread mode; the machine keeps IPSR and the active set itself
// (Nvic). Exceptions are taken in the instruction hook, before the first
// instruction that starts after the exception was pended, so they need the
// precise mode: a block-only (ARMv6-M fast path) run that arms one asks for
// the precise re-run. A return is a branch to 0xFFFFFFxx while an exception
// is active: Unicorn stops on the fetch of that unmapped address and run()
// unstacks and resumes.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

#include <array>
#include <utility>

namespace mcusim {
namespace {

constexpr std::uint32_t kExcReturnFloor = 0xFFFF'FF00u;
constexpr std::uint32_t kFrameBytes = 0x20;  // R0-R3, R12, LR, return address, xPSR
constexpr std::uint32_t kFrameRealigned = 1u << 9;  // xPSR bit 9 in the stacked frame

struct Latency {
  std::uint32_t entry;       // pend to the handler's first instruction
  std::uint32_t exit;        // unstacking and refill after the returning instruction
  std::uint32_t tail_chain;  // return straight into the next handler
};

Latency latency_of(CoreModel core) {
  switch (core) {
    // Entry: DDI 0432C §3.3 / TIMING-FACTS.md: 16 with zero wait states.
    // Exit: the TRM gives none; modelled as the 8-word unstack with its
    // refill, priced as POP {7 regs, PC} = 4 + N, N = 8: 12.
    // Tail-chain: no figure either; charged as a full entry (16).
    case CoreModel::CortexM0: return {16, 12, 16};
    // Entry: DDI 0484C §3.6.1: 15 ("worst case ... zero wait-state system").
    // Exit: POP with PC 3 + N, N = 8: 11. Tail-chain: as an entry (15).
    case CoreModel::CortexM0Plus: return {15, 11, 15};
    // Entry 12, tail-chain 6: the M4 figures of issue #4 (Cortex-M4 TRM, exception
    // latency; re-check the section before relying on it). Exit: POP
    // with PC 1 + N + P, N = 8, P = 1: 10.
    case CoreModel::CortexM4:
    case CoreModel::CortexM4F: return {12, 10, 6};
  }
  return {16, 12, 16};
}

const char* exception_name(unsigned e) {
  switch (e) {
    case Nvic::kNmi: return "NMI";
    case Nvic::kHardFault: return "HardFault";
    case Nvic::kMemManage: return "MemManage";
    case Nvic::kBusFault: return "BusFault";
    case Nvic::kUsageFault: return "UsageFault";
    case Nvic::kSvcall: return "SVCall";
    case Nvic::kPendSv: return "PendSV";
    case Nvic::kSysTick: return "SysTick";
    default: return "IRQ";
  }
}

std::string exception_text(unsigned e) {
  return e >= Nvic::kFirstIrq ? fmt::format("IRQ {} (exception {})", e - Nvic::kFirstIrq, e)
                              : fmt::format("{} (exception {})", exception_name(e), e);
}

}  // namespace

int Machine::execution_priority() const {
  const std::uint32_t primask = core_.read_register(UC_ARM_REG_PRIMASK);
  if (is_armv6m(target_.core)) return ppb_.nvic().execution_priority(primask, 0, 0);
  return ppb_.nvic().execution_priority(primask, core_.read_register(UC_ARM_REG_BASEPRI),
                                        core_.read_register(UC_ARM_REG_FAULTMASK));
}

void Machine::after_exception_register_write() {
  const Nvic& nvic = ppb_.nvic();
  next_tick_ = ppb_.systick().next_interrupt(ticks_seen_);
  if (!next_tick_ && !nvic.any_pending()) return;
  if (block_only_) {
    request_replay("an exception was armed (SysTick interrupt or a pended exception)");
    return;
  }
  exceptions_live_ = true;
}

void Machine::pend_systick_before(std::uint64_t cycle) {
  if (!next_tick_ || *next_tick_ >= cycle) return;
  ppb_.nvic().set_pending(Nvic::kSysTick);
  ticks_seen_ = *next_tick_ + 1;
  next_tick_ = ppb_.systick().next_interrupt(ticks_seen_);
}

bool Machine::poll_exceptions(std::size_t index) {
  // A SysTick that reached 0 during an earlier instruction is taken before
  // this one; one reaching 0 during this instruction, after it.
  const std::uint64_t t = cycles_before(index);
  pend_systick_before(t);
  Nvic& nvic = ppb_.nvic();
  if (!nvic.any_pending()) return false;
  const auto next = nvic.preempting(execution_priority());
  if (!next) return false;
  // The instruction at `index` has not started: it is the return address.
  const std::uint32_t return_address = current_->insns[index].address;
  settle_before(index);
  const auto handler = enter_exception(*next, return_address, false);
  if (handler) core_.write_register(UC_ARM_REG_PC, *handler);
  return true;
}

std::optional<std::uint32_t> Machine::enter_exception(unsigned exception,
                                                      std::uint32_t return_address,
                                                      bool tail_chain) {
  Nvic& nvic = ppb_.nvic();
  const Latency latency = latency_of(target_.core);
  if (!tail_chain) {
    // PushStack (ARMv7-M ARM B1.5.6): on the SP in use, 8-byte aligned, the
    // adjustment recorded in bit 9 of the stacked xPSR.
    const bool handler_mode = nvic.ipsr != 0;
    const std::uint32_t control = core_.read_register(UC_ARM_REG_CONTROL);
    const bool on_psp = !handler_mode && (control & 2u);
    const std::uint32_t sp = core_.sp();
    const bool align8 = is_armv6m(target_.core) || (nvic.ccr() & (1u << 9));
    const bool realign = align8 && (sp & 4u);
    const std::uint32_t frame = (sp - kFrameBytes) & ~(realign ? 4u : 0u);
    const std::uint32_t xpsr = core_.xpsr();
    const std::array<std::uint32_t, 8> words = {
        core_.core_register(0),  core_.core_register(1), core_.core_register(2),
        core_.core_register(3),  core_.core_register(12), core_.core_register(14),
        return_address & ~1u,
        (xpsr & ~0x3FFu) | (realign ? kFrameRealigned : 0u) | nvic.ipsr};
    std::array<std::uint8_t, kFrameBytes> bytes{};
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t b = 0; b < 4; ++b) bytes[4 * i + b] = static_cast<std::uint8_t>(words[i] >> (8 * b));
    }
    if (frame < stack_limit_ || !memory_.write(frame, bytes)) {
      fault("stack overflow",
            fmt::format("entering {}, the 32-byte exception frame at 0x{:08x} does not fit on the "
                        "stack ({}: 0x{:08x})",
                        exception_text(exception), frame, stack_limit_source_, stack_limit_),
            return_address, frame, "give the stack more room: exception frames need 32 bytes each");
      return std::nullopt;
    }
    core_.write_register(UC_ARM_REG_SP, frame);
    if (on_psp) core_.write_register(UC_ARM_REG_CONTROL, control & ~2u);  // handlers use MSP
    core_.write_register(UC_ARM_REG_LR,
                         handler_mode ? 0xFFFF'FFF1u : on_psp ? 0xFFFF'FFFDu : 0xFFFF'FFF9u);
    // The handler starts outside any IT block (EPSR.IT cleared, T kept).
    if (xpsr & 0x0600'FC00u) core_.write_register(UC_ARM_REG_EPSR, 1u << 24);
    block_base_cycles_ += latency.entry;
  } else {
    block_base_cycles_ += latency.tail_chain;
  }
  ++exceptions_taken_;
  nvic.activate(exception);
  nvic.ipsr = exception;
  const std::uint32_t slot = nvic.vtor() + 4 * exception;
  const auto vector = memory_.read_u32(slot);
  if (!vector || (*vector & 1u) == 0 || *vector == 0) {
    fault("no exception handler",
          vector ? fmt::format("the vector of {} at 0x{:08x} is 0x{:08x}, not a Thumb handler "
                               "address",
                               exception_text(exception), slot, *vector)
                 : fmt::format("the vector table entry of {} at 0x{:08x} is outside memory",
                               exception_text(exception), slot),
          return_address, slot,
          "give the exception a handler in the vector table (VTOR points at it), or leave the "
          "exception disabled");
    return std::nullopt;
  }
  const auto* code = memory_.host_pointer(*vector & ~1u, 2);
  if (code && code[0] == 0xFE && code[1] == 0xE7) {  // B . : the default handler
    fault("exception into an endless loop",
          fmt::format("{} was taken and its handler at 0x{:08x} ({}) is a branch to itself",
                      exception_text(exception), *vector & ~1u, describe(*vector & ~1u)),
          *vector & ~1u, std::nullopt,
          "this is the default handler of the start-up code: give the exception a real handler, "
          "or find out why it was raised");
    return std::nullopt;
  }
  return *vector;
}

std::optional<std::uint32_t> Machine::exception_return(std::uint32_t exc_return) {
  Nvic& nvic = ppb_.nvic();
  const std::uint32_t low = exc_return & 0xFu;
  // No floating-point frames (bit 4 clear) are modelled.
  const bool valid = (exc_return & 0xFFFF'FFF0u) == 0xFFFF'FFF0u && (low == 1 || low == 9 || low == 0xD);
  if (!valid || nvic.ipsr == 0 || !nvic.is_active(nvic.ipsr)) {
    // UsageFault INVPC (ARMv7-M ARM B1.5.8), HardFault on ARMv6-M; the
    // returning exception stays active.
    return raise_fault({FaultCause::InvalidPc, "invalid exception return",
                        fmt::format("a branch to 0x{:08x} with {} active is not a valid "
                                    "EXC_RETURN (0xFFFFFFF1, 0xFFFFFFF9 or 0xFFFFFFFD)",
                                    exc_return,
                                    nvic.ipsr ? exception_text(nvic.ipsr) : "no exception"),
                        exc_return, std::nullopt,
                        "return from handlers with BX LR or POP {..., PC} of the LR the handler "
                        "was entered with",
                        exc_return & ~1u});
  }
  nvic.deactivate(nvic.ipsr);
  // FAULTMASK clears on every return but NMI's (ARMv7-M ARM B1.5.8).
  if (!is_armv6m(target_.core) && nvic.ipsr != Nvic::kNmi) {
    core_.write_register(UC_ARM_REG_FAULTMASK, 0);
  }
  const bool to_thread = exc_return & 8u;
  const bool to_psp = exc_return & 4u;
  // Tail-chaining (B1.5.8): an exception that would preempt what the core
  // returns to is entered without unstacking.
  const std::uint32_t saved_ipsr = nvic.ipsr;
  nvic.ipsr = to_thread ? 0 : 1;  // the returned-to priority comes from the active set
  const auto next = nvic.preempting(execution_priority());
  nvic.ipsr = saved_ipsr;
  if (next) {
    core_.write_register(UC_ARM_REG_LR, exc_return);
    return enter_exception(*next, 0, true);
  }
  // PopStack (B1.5.8).
  const std::uint32_t frame =
      core_.read_register(to_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  std::array<std::uint32_t, 8> words{};
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto word = memory_.read_u32(frame + 4 * static_cast<std::uint32_t>(i));
    if (!word) {
      fault("invalid exception return",
            fmt::format("the exception frame at 0x{:08x} is outside memory", frame), exc_return,
            frame, "check the stack pointer the handler returns with");
      return std::nullopt;
    }
    words[i] = *word;
  }
  const std::uint32_t xpsr = words[7];
  const std::uint32_t sp = frame + kFrameBytes + ((xpsr & kFrameRealigned) ? 4u : 0u);
  static constexpr std::array<int, 6> kRegisters = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2,
                                                    UC_ARM_REG_R3, UC_ARM_REG_R12, UC_ARM_REG_LR};
  for (std::size_t i = 0; i < kRegisters.size(); ++i) core_.write_register(kRegisters[i], words[i]);
  if (to_psp) {
    core_.write_register(UC_ARM_REG_PSP, sp);
    core_.write_register(UC_ARM_REG_CONTROL, core_.read_register(UC_ARM_REG_CONTROL) | 2u);
  } else {
    core_.write_register(UC_ARM_REG_MSP, sp);
  }
  // QEMU stays in thread mode: its IPSR field is written as 0.
  core_.write_register(UC_ARM_REG_XPSR, xpsr & ~0x3FFu);
  nvic.ipsr = to_thread ? 0 : (xpsr & 0x1FFu);
  block_base_cycles_ += latency_of(target_.core).exit;
  return words[6] | 1u;
}

void Machine::complete_current_block() {
  if (!current_) return;
  block_base_cycles_ += static_cast<std::uint64_t>(
      static_cast<std::int64_t>(current_->prefix.back() + fetch_total_) + block_dynamic_);
  if (current_->memory) current_->memory->fetch_stall_cycles += fetch_total_;
  instructions_ += current_->insns.size();
  current_ = nullptr;
}

std::optional<std::uint32_t> Machine::sleep_until_woken(std::uint32_t resume) {
  Nvic& nvic = ppb_.nvic();
  const std::uint64_t t = block_base_cycles_;
  pend_systick_before(t);
  if (!nvic.wake_pending()) {
    if (!next_tick_) {
      limit("sleeping forever",
            "WFI put the core to sleep and no enabled interrupt is pending or can become pending "
            "(no SysTick with TICKINT, nothing pended)",
            "enable the interrupt that should wake the core (SysTick CSR.TICKINT, NVIC ISER), or "
            "exit with semihosting SYS_EXIT instead of sleeping");
      return std::nullopt;
    }
    // Woken at the cycle SysTick reaches 0 (ARMv7-M ARM B1.5.19).
    const std::uint64_t wake = std::max(*next_tick_, t);
    if (wake >= options_.max_cycles) {
      sleep_cycles_ += options_.max_cycles - t;
      block_base_cycles_ = options_.max_cycles;
      check_limits();
      return std::nullopt;
    }
    sleep_cycles_ += wake - t;
    block_base_cycles_ = wake;
    pend_systick_before(wake + 1);
  }
  // A wake-up with the exception masked (PRIMASK) continues after the WFI.
  if (const auto next = nvic.preempting(execution_priority())) {
    return enter_exception(*next, resume, false);
  }
  return resume;
}

std::optional<std::uint32_t> Machine::resume_after_stop(int uc_error) {
  if (stop_ != Stop::None) return std::nullopt;
  const bool fetch_error = uc_error == UC_ERR_FETCH_UNMAPPED || uc_error == UC_ERR_FETCH_PROT;
  if (fetch_error && invalid_access_ && invalid_access_->address >= kExcReturnFloor &&
      ppb_.nvic().ipsr != 0) {
    // The block that branched to EXC_RETURN ran to its end (the branch ends it).
    const std::uint32_t exc_return = invalid_access_->address | 1u;
    invalid_access_.reset();
    complete_current_block();
    return exception_return(exc_return);
  }
  if (uc_error == UC_ERR_OK && current_ && current_->contains(pc_)) {
    const DecodedInsn& insn = current_->insns[current_->index(pc_)];
    if (insn.cls == InsnClass::Wait && insn.text_view().starts_with("wfi")) {
      complete_current_block();
      return sleep_until_woken(insn.next_address());
    }
  }
  // --guest-faults: a memory or decode fault that stopped Unicorn is raised
  // by interpret_stop, which enters the guest's handler; the run resumes there.
  if (uc_error != UC_ERR_OK && options_.guest_faults && !block_only_) {
    fault_handler_.reset();
    interpret_stop(uc_error);
    invalid_access_.reset();
    if (stop_ == Stop::None && fault_handler_) return std::exchange(fault_handler_, std::nullopt);
  }
  return std::nullopt;
}

}  // namespace mcusim
